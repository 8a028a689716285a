// RUN: %rtcheck %s --promoted 1
// Shape: the object is freed on one branch only and leaked on the other.
// 1 malloc survives plain -O2; it never escapes: promote it and delete the
// one free.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(16 * sizeof *p);
  if (!p)
    return 2;
  for (int i = 0; i < 16; i++)
    p[i] = i * i + argc;
  int v = p[(argc * 9) & 15];
  if (argc & 1) {
    printf("v=%d, freeing\n", v);
    free(p);
  } else {
    printf("v=%d, leaking\n", v);
  }
  return v == 82 ? 0 : 1;
}
