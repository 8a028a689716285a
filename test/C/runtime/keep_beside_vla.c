// RUN: %rtcheck %s --promoted 0 --stack-kb 400
// Shape: a frame with a VLA of 300 KiB (its size from argc) beside two
// 60,000-byte malloc'd scratch buffers, under a 400 KiB stack. 2 mallocs
// survive plain -O2, both in noinline work(). The frame budget cannot bound
// a frame whose size is only known at run time: a function with a dynamic
// alloca promotes nothing, or 307,200 + 120,000 bytes overflow the stack.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 60000

__attribute__((noinline)) static long work(int n, int seed) {
  unsigned char vla[n];
  unsigned char *a = malloc(BUF);
  unsigned char *b = malloc(BUF);
  if (!a || !b)
    abort();
  memset(vla, seed, n);
  memset(a, seed + 1, BUF);
  memset(b, seed + 2, BUF);
  long sum = 0;
  for (int i = 0; i < n; i += 4096)
    sum += vla[i];
  for (int i = 0; i < BUF; i += 4096)
    sum += a[i] + b[(i * 7) % BUF];
  free(b);
  free(a);
  return sum;
}

int main(int argc, char **argv) {
  (void)argv;
  printf("sum=%ld\n", work(300 * 1024 * argc, argc));
  return 0;
}
