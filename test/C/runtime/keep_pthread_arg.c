// RUN: %rtcheck %s --promoted 0 --cflags -pthread
// Shape: the buffer is the argument of pthread_create; another thread uses
// it (joined before the free). 1 malloc survives plain -O2; handed to
// another thread, it escapes: keep it.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *worker(void *arg) {
  int *p = arg;
  for (int i = 1; i < 16; i++)
    p[i] = p[i - 1] + i;
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(16 * sizeof *p);
  if (!p)
    return 2;
  p[0] = argc;
  pthread_t t;
  if (pthread_create(&t, NULL, worker, p) != 0)
    return 2;
  pthread_join(t, NULL);
  int v = p[argc + 14];
  printf("p[15]=%d\n", v);
  free(p);
  return v == 121 ? 0 : 1;
}
