// RUN: %rtcheck %s --promoted 1
// Shape (issue 13): strndup(s, n) of run-time n with the small buffer: the
// copy goes to a 64-byte slot when strnlen(s, n) + 1 fits, to strndup
// otherwise. Strings and limits on both sides of the slot: n below and
// above the length, lengths 0, 62, 63, 64 and 5,000, n = SIZE_MAX; every
// copied byte and the NUL are read back (ASan would see a byte past the
// slot), and the copy is freed (only a heap copy reaches free).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char big[5001];

__attribute__((noinline)) static unsigned copy_hash(const char *s, size_t n) {
  char *d = strndup(s, n);
  if (!d)
    exit(2);
  unsigned h = 2166136261u;
  size_t len = strlen(d);
  for (size_t i = 0; i <= len; i++)
    h = (h ^ (unsigned char)d[i]) * 16777619u;
  free(d);
  return h ^ (unsigned)len;
}

int main(void) {
  memset(big, 'q', 5000);
  const size_t lens[] = {0, 1, 62, 63, 64, 65, 200, 5000};
  const size_t limits[] = {0, 1, 10, 62, 63, 64, 100, 4999, 5000, 6000, SIZE_MAX};
  unsigned h = 0;
  for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
    char saved = big[lens[i]];
    big[lens[i]] = 0;
    for (size_t j = 0; j < sizeof limits / sizeof *limits; j++)
      h = h * 31 + copy_hash(big, limits[j]);
    big[lens[i]] = saved;
  }
  printf("%u\n", h);
  return 0;
}
