// RUN: %rtcheck %s --promoted 0
// Shape: the buffer is passed to a function through a volatile function
// pointer, so the callee is unknown. 1 malloc survives plain -O2; passed to
// an indirect call that may keep it, it escapes: keep it.
#include <stdio.h>
#include <stdlib.h>

static void fill(int *p, int n) {
  for (int i = 0; i < n; i++)
    p[i] = i * i;
}

static void (*volatile g_fill)(int *, int) = fill;

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(20 * sizeof *p);
  if (!p)
    return 2;
  g_fill(p, 20);
  int v = p[argc + 8];
  printf("p[9]=%d\n", v);
  free(p);
  return v == 81 ? 0 : 1;
}
