// RUN: %rtcheck %s --promoted 0
// Shape: the pointer is stored to an external global and read back by a
// noinline function. 1 malloc survives plain -O2 (the global has external
// linkage, so GlobalOpt cannot turn the allocation into a global); stored to
// a global, it escapes: keep it.
#include <stdio.h>
#include <stdlib.h>

int *g_values;

__attribute__((noinline)) int read_global(int i) { return g_values[i]; }

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(10 * sizeof *p);
  if (!p)
    return 2;
  for (int i = 0; i < 10; i++)
    p[i] = 3 * i + argc;
  g_values = p;
  int v = read_global(argc + 3);
  printf("g_values[4]=%d\n", v);
  g_values = NULL;
  free(p);
  return v == 13 ? 0 : 1;
}
