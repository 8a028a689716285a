/* Hand-written twin of tokenize.c: parse_line's 256-byte line buffer and
 * 64-byte token buffer are local arrays (`char line[256]`, `char tok[64]`)
 * instead of malloc + NULL check + free. The 800 KB generated text stays
 * malloc'd: it is made once, kept in a global and read by every pass, as in
 * tokenize.c (goescape rightly keeps it on the heap too).
 * usage: tokenize_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define PASSES 480u
#define TEXT_LINES 4000

static uint64_t rng_state;
static inline uint32_t rnd(void) {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(rng_state >> 33);
}

static char *text;
static size_t text_len;

static void make_text(void) {
  static const char *words[] = {"int", "return", "while", "x", "y", "=", "+",
                                "counter", "42", "0x1f", "if", "(", ")", ";",
                                "buffer_size", "struct", "*", "->", "7"};
  text = malloc((size_t)TEXT_LINES * 200);
  if (!text)
    abort();
  size_t pos = 0;
  for (int l = 0; l < TEXT_LINES; l++) {
    int nw = 2 + (int)(rnd() % 14);
    for (int w = 0; w < nw; w++) {
      const char *s = words[rnd() % (sizeof words / sizeof *words)];
      size_t k = strlen(s);
      memcpy(text + pos, s, k);
      pos += k;
      text[pos++] = ' ';
    }
    text[pos++] = '\n';
  }
  text[pos] = 0;
  text_len = pos;
}

struct counts { uint64_t ident, number, punct, keyword, hash; };

NOINLINE static int classify(const char *tok, size_t len, struct counts *c) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)tok[i]) * 16777619u;
  c->hash += h;
  if (tok[0] >= '0' && tok[0] <= '9')
    return 1;
  if ((tok[0] >= 'a' && tok[0] <= 'z') || tok[0] == '_') {
    if (len == 2 && tok[0] == 'i' && tok[1] == 'f')
      return 3;
    if (len == 5 && memcmp(tok, "while", 5) == 0)
      return 3;
    if (len == 6 && (memcmp(tok, "return", 6) == 0 || memcmp(tok, "struct", 6) == 0))
      return 3;
    return 0;
  }
  return 2;
}

NOINLINE static void parse_line(const char *src, size_t n, struct counts *c) {
  char line[256];
  if (n > 255)
    n = 255;
  memcpy(line, src, n);
  line[n] = 0;
  size_t i = 0;
  while (i < n) {
    while (i < n && line[i] == ' ')
      i++;
    size_t start = i;
    while (i < n && line[i] != ' ')
      i++;
    size_t len = i - start;
    if (len == 0)
      continue;
    char tok[64];
    if (len > 63)
      len = 63;
    memcpy(tok, line + start, len);
    tok[len] = 0;
    switch (classify(tok, len, c)) {
    case 0: c->ident++; break;
    case 1: c->number++; break;
    case 2: c->punct++; break;
    default: c->keyword++; break;
    }
  }
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned passes = PASSES / (div ? div : 1);
  if (!passes)
    passes = 1;
  rng_state = (uint64_t)argc * 0x9e3779b97f4a7c15ULL;
  make_text();
  struct counts c = {0, 0, 0, 0, 0};
  for (unsigned p = 0; p < passes; p++) {
    const char *s = text;
    while (*s) {
      const char *e = strchr(s, '\n');
      parse_line(s, (size_t)(e - s), &c);
      s = e + 1;
    }
  }
  printf("tokenize: %u passes, ident %llu number %llu punct %llu keyword %llu hash %016llx\n",
         passes, (unsigned long long)c.ident, (unsigned long long)c.number,
         (unsigned long long)c.punct, (unsigned long long)c.keyword,
         (unsigned long long)c.hash);
  free(text);
  return 0;
}
