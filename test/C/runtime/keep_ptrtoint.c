// RUN: %rtcheck %s --promoted 0
// Shape: the pointer is converted to uintptr_t (through a volatile, so the
// round trip is not folded) and back, then used and freed. 1 malloc survives
// plain -O2; the integer may be kept anywhere: keep it.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(16 * sizeof *p);
  if (!p)
    return 2;
  for (int i = 0; i < 16; i++)
    p[i] = i * 5 + argc;
  volatile uintptr_t bits = (uintptr_t)p;
  int *q = (int *)bits;
  int v = q[(argc * 13) & 15];
  printf("q[13]=%d\n", v);
  free(q);
  return v == 66 ? 0 : 1;
}
