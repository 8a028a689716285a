// RUN: %rtcheck %s --promoted 1
// Shape: the usual `if (!p) abort();` after malloc. 1 malloc survives plain
// -O2; the comparison with null is not an escape: promote it (the check
// folds to false on the slot).
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  double *d = malloc(8 * sizeof *d);
  if (!d)
    abort();
  for (int i = 0; i < 8; i++)
    d[i] = i * 0.5 + argc;
  double x = d[(argc * 3) & 7];
  printf("x=%.2f\n", x);
  free(d);
  return x == 2.5 ? 0 : 1;
}
