// RUN: %rtcheck %s --promoted 0
// Shape: two buffers freed through `p = c ? a : b; free(p);` (and the other
// through the opposite select). Each free may free either object, so
// promoting one of them would hand a stack address to free. 2 mallocs
// survive plain -O2; both must stay on the heap.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  int *a = malloc(8 * sizeof *a);
  int *b = malloc(8 * sizeof *b);
  if (!a || !b)
    return 2;
  for (int i = 0; i < 8; i++) {
    a[i] = i + argc;
    b[i] = 10 * i + argc;
  }
  int k = (argc * 3) & 7;
  int r = a[k] + b[k];
  printf("a[%d]+b[%d]=%d\n", k, k, r);
  int *p = argc > 1 ? a : b;
  int *q = argc > 1 ? b : a;
  free(p);
  free(q);
  return r == 4 + 31 ? 0 : 1;
}
