// RUN: %rtcheck %s --promoted 0 --cflags -pthread
// Shape: a 60,000-byte scratch buffer in a function run on a thread whose
// stack the program sets to 64 KiB (pthread_attr_setstacksize(&a, 65536)),
// default options. 1 malloc survives plain -O2 (in noinline work). The
// module sets a constant 64 KiB stack, so the thread's start routine and
// all it calls may promote objects of at most S/8 = 8 KiB: the buffer stays
// on the heap, or it overflows the thread's stack.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 60000

__attribute__((noinline)) static long work(int seed) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, seed, BUF);
  long sum = 0;
  for (int i = 0; i < BUF; i += 1000)
    sum += buf[i] + i % 7;
  free(buf);
  return sum;
}

static void *run(void *arg) {
  long *v = arg;
  *v = work((int)*v);
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
  printf("sum=%ld\n", v);
  return 0;
}
