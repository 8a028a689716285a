// RUN: %rtcheck %s --promoted 0
// Shape: the pointer is stored to a _Thread_local variable and read back by a
// noinline function. 1 malloc survives plain -O2; stored to a thread-local,
// it escapes: keep it.
#include <stdio.h>
#include <stdlib.h>

_Thread_local long *t_scratch;

__attribute__((noinline)) long read_tls(int i) { return t_scratch[i]; }

int main(int argc, char **argv) {
  (void)argv;
  long *p = malloc(12 * sizeof *p);
  if (!p)
    return 2;
  for (int i = 0; i < 12; i++)
    p[i] = 1000L * i + argc;
  t_scratch = p;
  long v = read_tls(argc * 5);
  printf("t_scratch[5]=%ld\n", v);
  free(p);
  return v == 5001 ? 0 : 1;
}
