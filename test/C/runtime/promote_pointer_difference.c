// RUN: %rtcheck %s --promoted 2
// Shape (issue 12, shape 5): pointer-to-integer conversions that never come
// back: the length of a token as end - start, an alignment test of the
// buffer (malloc's and the slot's alignment are both 16), a null test and
// an order test of two pointers into one buffer. Both buffers move. A
// third buffer's address is hashed into the output's checksum only as a
// difference with a global's address, which would rebuild it: it stays.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char anchor[16];

__attribute__((noinline)) static size_t token_len(const char *src, char sep) {
  char *buf = malloc(64);
  if (!buf)
    exit(2);
  strncpy(buf, src, 63);
  buf[63] = 0;
  char *t = buf;
  while (*t && *t != sep)
    t++;
  size_t n = (size_t)(t - buf);
  free(buf);
  return n;
}

__attribute__((noinline)) static int aligned_scan(int k) {
  unsigned char *p = malloc(48);
  if (!p)
    exit(2);
  for (int i = 0; i < 48; i++)
    p[i] = (unsigned char)(i * k);
  unsigned char *q = p + (k & 31);
  int r = ((uintptr_t)p % 16 == 0) + ((uintptr_t)q != 0) * 2 +
          ((uintptr_t)p <= (uintptr_t)q) * 4 + q[3];
  free(p);
  return r;
}

static volatile intptr_t sink;
__attribute__((noinline)) static void far(int k) {
  char *p = malloc(16);
  if (!p)
    exit(2);
  p[0] = (char)k;
  sink = (intptr_t)((uintptr_t)p - (uintptr_t)anchor);
  free(p);
}

int main(int argc, char **argv) {
  (void)argv;
  size_t n = 0;
  long r = 0;
  for (int i = 0; i < 100; i++) {
    n += token_len(i & 1 ? "alpha,beta" : "gamma-delta,epsilon", argc > 3 ? '-' : ',');
    r += aligned_scan(i);
    far(i);
  }
  printf("%zu %ld\n", n, r);
  return 0;
}
