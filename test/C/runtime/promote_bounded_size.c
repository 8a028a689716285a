// RUN: %rtcheck %s --promoted 3 --plugin-flags "-mllvm -goescape-small-buffer=0"
// RUN: %rtcheck %s --promoted 4
// Shape: scratch buffers whose size is known only at run time but bounded
// (n % 48 + 1, a size checked against a limit before the call, calloc of
// two masked counts): each gets a slot of its bound. Every byte up to the
// run-time size is written and read, so ASan would see an access past the
// slot. The copy of a string, malloc(strlen(s) + 1), has no bound: it
// stays on the heap without the small buffer, and gets one with it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static unsigned mix(const unsigned char *p,
                                              size_t n) {
  unsigned h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

__attribute__((noinline)) static unsigned masked(unsigned k) {
  size_t n = k % 48 + 1;
  unsigned char *p = malloc(n);
  if (!p)
    exit(2);
  for (size_t i = 0; i < n; i++)
    p[i] = (unsigned char)(k + i);
  unsigned h = mix(p, n);
  free(p);
  return h;
}

__attribute__((noinline)) static unsigned guarded(size_t len, int c) {
  if (len > 100)
    return 0;
  char *s = malloc(len + 1);
  if (!s)
    exit(2);
  memset(s, c, len);
  s[len] = 0;
  unsigned h = mix((unsigned char *)s, strlen(s));
  free(s);
  return h;
}

__attribute__((noinline)) static unsigned zeroed(unsigned a, unsigned b) {
  size_t n = a & 7, m = (b & 15) + 1;
  unsigned char *z = calloc(n, m);
  if (!z && n)
    exit(2);
  unsigned h = mix(z, n * m) + (unsigned)(n * m);
  free(z);
  return h;
}

__attribute__((noinline)) static unsigned copy(const char *src) {
  char *d = malloc(strlen(src) + 1);
  if (!d)
    exit(2);
  strcpy(d, src);
  unsigned h = mix((unsigned char *)d, strlen(d));
  free(d);
  return h;
}

int main(int argc, char **argv) {
  unsigned total = 0;
  for (unsigned k = 0; k < 300; k++)
    total += masked(k * 7 + (unsigned)argc);
  for (unsigned k = 0; k < 200; k++)
    total += guarded((k * 13 + (unsigned)argc) % 150, 'a' + (int)(k % 26));
  for (unsigned k = 0; k < 50; k++)
    total += zeroed(k + (unsigned)argc, k);
  total += copy(argv[0]) & 0; // argv[0] differs between builds
  printf("total=%u\n", total);
  return 0;
}
