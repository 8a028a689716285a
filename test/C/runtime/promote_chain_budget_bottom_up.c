// RUN: %rtcheck %s --promoted 4 --stack-kb 512
// Shape: a chain of five non-recursive frames, main -> f1 -> ... -> f5
// (noinline), each with two 60,000-byte malloc'd buffers live across the
// call to the next: 10 mallocs survive plain -O2, two per function. Each
// frame's 120,000 bytes fit the 128 KiB frame budget, but all ten (600,000
// bytes) do not fit the 512 KiB stack. The chain budget (256 KiB = 262,144
// bytes along any call path) is spent bottom-up: f5 takes 120,000, f4
// another 120,000 (240,000), and f3's 60,000-byte objects no longer fit the
// 22,144 left, nor do f2's or f1's: 4 promoted. 240,000 bytes of stack fit
// 512 KiB beside the program's own small frames, in the ASan builds too.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 60000

#define FRAME(name, next, k)                                                   \
  __attribute__((noinline)) static long name(int seed) {                       \
    unsigned char *a = malloc(BUF);                                            \
    unsigned char *b = malloc(BUF);                                            \
    if (!a || !b)                                                              \
      abort();                                                                 \
    memset(a, seed + k, BUF);                                                  \
    memset(b, seed * k, BUF);                                                  \
    long below = next;                                                         \
    long mine = a[(seed * 31 + k) % BUF] + b[(seed * 17 + k) % BUF];          \
    free(b);                                                                   \
    free(a);                                                                   \
    return below * 3 + mine;                                                   \
  }

FRAME(f5, seed, 5)
FRAME(f4, f5(seed + 1), 4)
FRAME(f3, f4(seed + 1), 3)
FRAME(f2, f3(seed + 1), 2)
FRAME(f1, f2(seed + 1), 1)

int main(int argc, char **argv) {
  (void)argv;
  printf("chain=%ld\n", f1(argc));
  return 0;
}
