// RUN: %rtcheck %s --promoted 0 --stack-kb 8192
// Shape: mutual recursion 60,000 deep: ping() and pong() (noinline) call each
// other, each frame with a 1,000-byte malloc'd buffer live across the call
// and freed after (60 MB in all), under an 8 MiB stack. 2 mallocs survive
// plain -O2, one per function. Both functions are in a call-graph cycle, and
// the recursive budget is 0: the pass must promote neither, or the program
// overflows its stack (a small per-frame budget times 60,000 frames).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 1000

static long pong(int depth, int seed);

__attribute__((noinline)) static long ping(int depth, int seed) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, (unsigned char)(depth + seed), BUF);
  long below = depth > 0 ? pong(depth - 1, seed) : 0;
  long mine = buf[(depth * 13 + seed) % BUF];
  free(buf);
  return below + mine;
}

__attribute__((noinline)) static long pong(int depth, int seed) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, (unsigned char)(depth * 3 + seed), BUF);
  long below = depth > 0 ? ping(depth - 1, seed) : 0;
  long mine = buf[(depth * 29 + seed) % BUF];
  free(buf);
  return below + mine;
}

int main(int argc, char **argv) {
  (void)argv;
  long total = ping(60000, argc);
  printf("total=%ld\n", total);
  return 0;
}
