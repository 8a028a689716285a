// RUN: %rtcheck %s --promoted 2
// RUN: %rtcheck %s --promoted 2 --args "one two three"
// Shape (issue 13): allocation wrappers called with a size known only at run
// time, out of line. xmalloc(n) and xcalloc(n, m) pass their sizes to the
// allocator unchanged: each call gets the 64-byte slot when the size fits
// (calloc's n * m tested for overflow) and calls the wrapper, as written,
// otherwise; sizes run on both sides of the slot, and 0. xmalloc_plus(n)
// computes its size (n + 1): its call is not tested on the wrapper's operand
// and stays on the heap, as before.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fputs("out of memory\n", stderr);
    abort();
  }
  return p;
}

__attribute__((noinline)) static void *xcalloc(size_t n, size_t m) {
  void *p = calloc(n, m);
  if (!p)
    abort();
  return p;
}

__attribute__((noinline)) static void *xmalloc_plus(size_t n) {
  void *p = malloc(n + 1);
  if (!p)
    abort();
  return p;
}

__attribute__((noinline)) static int sum(const unsigned char *p, size_t n) {
  int s = 0;
  for (size_t i = 0; i < n; i++)
    s += p[i] * (int)(i + 1);
  return s;
}

__attribute__((noinline)) static int work(size_t n) {
  unsigned char *a = xmalloc(n);
  memset(a, 5, n);
  int s = sum(a, n);
  free(a);
  unsigned char *z = xcalloc(n, 3);
  s += sum(z, n * 3);
  if (n)
    z[n - 1] = 9;
  s += sum(z, n);
  free(z);
  unsigned char *b = xmalloc_plus(n);
  memset(b, 2, n);
  b[n] = 1;
  s += sum(b, n + 1);
  free(b);
  return s;
}

int main(int argc, char **argv) {
  long t = 0;
  size_t extra = argc > 1 ? strlen(argv[1]) % 7 : 0;
  for (size_t n = 0; n < 200; n += 3)
    t += work(n + extra);
  printf("%ld\n", t);
  return 0;
}
