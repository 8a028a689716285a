// RUN: %rtcheck %s --promoted 1 --cflags -pthread --plugin-flags "-mllvm -goescape-budget-percent=12"
// Shape: work done on a thread with a 64 KiB stack. Scaled down to 12% for
// such threads (-goescape-budget-percent=12: objects up to 7864 bytes,
// frames up to 15728), goescape moves the 4 KiB scratch buffer to the
// thread's stack and keeps the 48 KiB one on the heap, which would not fit
// beside the thread's own frames.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static long work(int seed) {
  char *scratch = malloc(4096);
  char *big = malloc(48 * 1024);
  if (!scratch || !big)
    abort();
  memset(scratch, seed, 4096);
  memset(big, seed + 1, 48 * 1024);
  long sum = 0;
  for (int i = 0; i < 4096; i += 64)
    sum += scratch[i] + big[i * 7];
  free(big);
  free(scratch);
  return sum;
}

static void *run(void *arg) {
  long *out = arg;
  *out = work((int)*out);
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_t t;
  long v = argc;
  if (pthread_create(&t, &attr, run, &v) != 0)
    return 2;
  pthread_join(t, NULL);
  printf("sum=%ld\n", v);
  return 0;
}
