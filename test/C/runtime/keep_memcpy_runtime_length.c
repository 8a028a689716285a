// RUN: %rtcheck %s --promoted 0
// Shape: a pointer copied by memcpy with a run-time length. get() stores its
// malloc(16) into a local box[], memcpy's n bytes of box into dst[] (n comes
// from argc, so it is not a constant) and returns dst[0]; main prints the
// string after get's frame is gone and frees it. 1 malloc survives plain -O2
// (in noinline get). A copy of unknown length may carry any pointer it
// covers: the object is returned, so the pass must keep it on the heap, or
// main reads a dead frame (stack-use-after-return, free of a stack address).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static char *get(int n, int seed) {
  char *obj = malloc(16);
  if (!obj)
    abort();
  memset(obj, 'a' + seed, 15);
  obj[15] = 0;
  char *box[4] = {0, 0, 0, 0};
  char *dst[4];
  box[0] = obj;
  memcpy(dst, box, n);
  return dst[0];
}

__attribute__((noinline)) static void clobber(int seed) {
  volatile char junk[256];
  for (int i = 0; i < 256; i++)
    junk[i] = (char)(i * seed);
}

int main(int argc, char **argv) {
  (void)argv;
  char *p = get((int)sizeof(char *) * argc, argc);
  clobber(argc + 7);
  printf("%s\n", p);
  free(p);
  return 0;
}
