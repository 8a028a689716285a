// RUN: %rtcheck %s --promoted 0
// Shape: a noinline constructor returns the malloc'd table to its caller.
// 1 malloc survives plain -O2 (in make_table); it is returned, so it escapes
// its frame: keep it on the heap.
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int *make_table(int scale) {
  int *t = malloc(16 * sizeof *t);
  if (!t)
    abort();
  for (int i = 0; i < 16; i++)
    t[i] = i * scale + 1;
  return t;
}

int main(int argc, char **argv) {
  (void)argv;
  int *t = make_table(argc + 2);
  int v = t[(argc * 7) & 15];
  printf("t[7]=%d\n", v);
  free(t);
  return v == 22 ? 0 : 1;
}
