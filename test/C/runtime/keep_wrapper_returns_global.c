// RUN: %rtcheck %s --promoted 0
// Shape: a noinline function returns malloc's object on one path and a
// global buffer on the other. It is no allocation wrapper: were its call a
// slot, the caller would read the slot where the function returned the
// global ("spare"). 1 malloc survives plain -O2 (in get), returned: keep
// it on the heap.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char spare[16] = "spare";

__attribute__((noinline)) static char *get(int fresh) {
  if (fresh)
    return malloc(16);
  return spare;
}

int main(int argc, char **argv) {
  (void)argv;
  char *p = get(argc > 1);
  if (p != spare) {
    if (!p)
      return 1;
    strcpy(p, "fresh");
  }
  printf("%s\n", p);
  if (p != spare)
    free(p);
  return 0;
}
