// RUN: %rtcheck %s --promoted 0 --stack-kb 8192
// Shape: recursion 2000 deep with a 32 KiB malloc'd buffer per frame, live
// across the recursive call (64 MB in all), run under an 8 MiB stack.
// 1 malloc survives plain -O2 (in the noinline recursive function); it does
// not escape, but the function recurses: the pass must keep it (recursion
// budget), or the program overflows its stack.
#include <stdio.h>
#include <stdlib.h>

#define BUF 32768

__attribute__((noinline)) static long walk(int depth, int seed) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  for (int i = 0; i < BUF; i++)
    buf[i] = (unsigned char)(i + depth * seed);
  long below = depth > 0 ? walk(depth - 1, seed) : 0;
  long mine = buf[(depth * 37 + seed) % BUF];
  free(buf);
  return below + mine;
}

int main(int argc, char **argv) {
  (void)argv;
  long total = walk(2000, argc);
  printf("total=%ld\n", total);
  return 0;
}
