// RUN: %rtcheck %s --promoted 0
// Shape: an otherwise promotable buffer in a function that calls setjmp
// (returns twice). 1 malloc survives plain -O2; the pass promotes nothing in
// such a function: keep it.
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf env;

__attribute__((noinline)) void bail(int code) { longjmp(env, code); }

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(8 * sizeof *p);
  if (!p)
    return 2;
  for (int i = 0; i < 8; i++)
    p[i] = i * 3 + argc;
  int r = setjmp(env);
  if (r == 0) {
    printf("first pass p[2]=%d\n", p[(argc * 2) & 7]);
    bail(p[(argc * 4) & 7]);
  }
  printf("longjmp returned %d\n", r);
  free(p);
  return r == 13 ? 0 : 1;
}
