// RUN: %rtcheck %s --promoted 0 --plugin-flags "-mllvm -goescape-small-buffer=0"
// RUN: %rtcheck %s --promoted 1 --plugin-flags "-mllvm -goescape-small-buffer=48"
// RUN: %rtcheck %s --promoted 1
// Shape: malloc(n) with n computed from argc, so the size is not a
// compile-time constant. 1 malloc survives plain -O2; it does not escape but
// has no constant size: without the small buffer it stays on the heap; with
// a small buffer too small for it (48 bytes: 60 are asked) it is promoted
// but takes the heap path at run time, which ASan checks; with the default
// 64 bytes it runs in the slot.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  int n = 10 + 5 * argc;
  int *p = malloc((size_t)n * sizeof *p);
  if (!p)
    return 2;
  for (int i = 0; i < n; i++)
    p[i] = n - i;
  int v = p[argc * 4];
  printf("n=%d p[4]=%d\n", n, v);
  free(p);
  return v == 11 ? 0 : 1;
}
