// RUN: %rtcheck %s --promoted 2 --cflags -pthread --plugin-flags "-mllvm -goescape-budget-percent=12"
// Shape: a chain of ten frames g1 -> ... -> g10 (noinline), each with a
// 7,600-byte malloc'd buffer live across the call to the next, run on a
// thread whose stack is set to 64 KiB (pthread_attr_setstacksize(&a,
// 65536)). 10 mallocs survive plain -O2, one per function. Each one fits the
// 12% object and frame budgets (7,864 and 15,728 bytes), but ten of them
// (76,000 bytes) overflow the thread's stack. The module sets a 64 KiB stack
// and g1..g10 are reached from the thread's start routine, so the chain
// budget there is S/4 = 16,384 bytes (tighter than 12% of 256 KiB): bottom-up
// g10 and g9 fit (15,200), g8 would make 22,800: 2 promoted.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 7600

#define FRAME(name, next, k)                                                   \
  __attribute__((noinline)) static long name(int seed) {                       \
    unsigned char *a = malloc(BUF);                                            \
    if (!a)                                                                    \
      abort();                                                                 \
    memset(a, seed + k, BUF);                                                  \
    long below = next;                                                         \
    long mine = a[(seed * 31 + k) % BUF];                                      \
    free(a);                                                                   \
    return below * 3 + mine;                                                   \
  }

FRAME(g10, seed, 10)
FRAME(g9, g10(seed + 1), 9)
FRAME(g8, g9(seed + 1), 8)
FRAME(g7, g8(seed + 1), 7)
FRAME(g6, g7(seed + 1), 6)
FRAME(g5, g6(seed + 1), 5)
FRAME(g4, g5(seed + 1), 4)
FRAME(g3, g4(seed + 1), 3)
FRAME(g2, g3(seed + 1), 2)
FRAME(g1, g2(seed + 1), 1)

static void *run(void *arg) {
  long *v = arg;
  *v = g1((int)*v);
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 65536);
  pthread_t t;
  long v = argc;
  if (pthread_create(&t, &attr, run, &v) != 0)
    return 2;
  pthread_join(t, NULL);
  printf("chain=%ld\n", v);
  return 0;
}
