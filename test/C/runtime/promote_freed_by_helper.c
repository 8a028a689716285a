// RUN: %rtcheck %s --promoted 1
// Shape: the object is freed by a noinline helper that also reads it, so it
// is not a mere free wrapper whose call could be removed with the free.
// 1 malloc survives plain -O2. FunctionAttrs marks consume's parameter
// captures(none) (free's is), yet the callee frees it: promoting the object
// and calling consume would pass a stack address to free, the classic
// miscompile. The object moves, and the call goes to a copy of consume
// without its free (ASan would see a free of the stack otherwise).
#include <stdio.h>
#include <stdlib.h>

static int consumed;
__attribute__((noinline)) void consume(int *p) {
  consumed += p[0];
  free(p);
}

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(8 * sizeof *p);
  if (!p)
    return 2;
  for (int i = 0; i < 8; i++)
    p[i] = i * 11 + argc;
  int v = p[(argc * 6) & 7];
  printf("p[6]=%d\n", v);
  consume(p);
  printf("consumed %d\n", consumed);
  return v == 67 ? 0 : 1;
}
