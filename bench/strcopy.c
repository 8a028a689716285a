/* goescape benchmark: a scratch copy sized at run time.
 * Each word of a fixed table is copied into a malloc'd buffer of
 * strlen(w) + 1 bytes, lower-cased in place, hashed by a noinline helper
 * that only reads it, and freed: the size is known only at run time. Most
 * words fit in 64 bytes (goescape's default small buffer); the table also
 * has words of exactly 63 and 64 characters and longer ones, which need the
 * heap in every build.
 * The allocations are not checked for NULL, as much code does for small
 * buffers (the benchmarks that do check are request, tokenize, tree, xmalloc).
 * usage: strcopy [divisor]   (copies WORDS/divisor words) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define WORDS 2000000u

static const char *const table[] = {
    "Hello", "World", "GoEscape", "HEAP", "Stack", "malloc", "Free", "x",
    "Yy", "strlen", "Buffer_Size", "ReturnValue", "Counter42", "PATH",
    "internationalization", "Content-Length", "X-Forwarded-For", "UTF-8",
    "The", "QUICK", "brown", "Fox", "jumps", "OVER", "the", "Lazy", "dog",
    "CamelCaseIdentifierName", "SCREAMING_SNAKE_CASE_CONSTANT_VALUE",
    /* 63 characters: 64 bytes with its NUL, the largest that fits */
    "AbcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
    /* 64 characters: 65 bytes, the smallest that does not */
    "AbcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
    "Pneumonoultramicroscopicsilicovolcanoconiosis_Supercalifragilisticexpialidocious_Etc",
};
#define NTABLE (sizeof table / sizeof *table)

static uint64_t rng_state;
static inline uint32_t rnd(void) {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(rng_state >> 33);
}

/* Reads the string; keeps no pointer. */
NOINLINE static uint32_t hash_str(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

NOINLINE static uint32_t fold(const char *w) {
  char *c = malloc(strlen(w) + 1);
  strcpy(c, w);
  for (char *p = c; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p - 'A' + 'a');
  uint32_t h = hash_str(c);
  free(c);
  return h;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = WORDS / (div ? div : 1);
  rng_state = (uint64_t)argc * 0x9e3779b97f4a7c15ULL;
  uint64_t sum = 0;
  for (unsigned i = 0; i < n; i++)
    sum = sum * 1000003u + fold(table[rnd() % NTABLE]);
  printf("strcopy: %u words, hash %016llx\n", n, (unsigned long long)sum);
  return 0;
}
