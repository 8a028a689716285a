/* A small program the way people write them: a scratch line buffer, a
 * per-line tokenizer state, and a table that outlives the loop.
 * Counts words read from stdin (or from a built-in text).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tokenizer {
  const char *s;
  size_t pos;
};

static int next_word(struct tokenizer *t, char *out, size_t cap) {
  while (t->s[t->pos] && !isalpha((unsigned char)t->s[t->pos]))
    t->pos++;
  size_t n = 0;
  while (t->s[t->pos] && isalpha((unsigned char)t->s[t->pos])) {
    if (n + 1 < cap)
      out[n++] = (char)tolower((unsigned char)t->s[t->pos]);
    t->pos++;
  }
  out[n] = 0;
  return n > 0;
}

struct table {
  char **words;
  int *counts;
  int n, cap;
};

static void add(struct table *tb, const char *w) {
  for (int i = 0; i < tb->n; i++)
    if (strcmp(tb->words[i], w) == 0) {
      tb->counts[i]++;
      return;
    }
  if (tb->n == tb->cap) {
    tb->cap = tb->cap ? 2 * tb->cap : 8;
    tb->words = realloc(tb->words, tb->cap * sizeof *tb->words);
    tb->counts = realloc(tb->counts, tb->cap * sizeof *tb->counts);
    if (!tb->words || !tb->counts)
      abort();
  }
  tb->words[tb->n] = strdup(w);
  tb->counts[tb->n++] = 1;
}

static const char *text[] = {
    "The quick brown fox jumps over the lazy dog.",
    "The dog sleeps; the fox runs.",
    "Quick, quick: the end.",
};

int main(void) {
  struct table *tb = calloc(1, sizeof *tb);
  if (!tb)
    abort();
  for (size_t l = 0; l < sizeof text / sizeof *text; l++) {
    struct tokenizer *t = malloc(sizeof *t);
    char *word = malloc(64);
    if (!t || !word)
      abort();
    t->s = text[l];
    t->pos = 0;
    while (next_word(t, word, 64))
      add(tb, word);
    free(word);
    free(t);
  }
  int best = 0;
  for (int i = 1; i < tb->n; i++)
    if (tb->counts[i] > tb->counts[best])
      best = i;
  printf("%d distinct words; most frequent: '%s' (%d)\n", tb->n,
         tb->words[best], tb->counts[best]);
  for (int i = 0; i < tb->n; i++)
    free(tb->words[i]);
  free(tb->words);
  free(tb->counts);
  free(tb);
  return 0;
}
