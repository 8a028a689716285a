// RUN: %rtcheck %s --promoted 0
// Shape: malloc(64 KiB + 1), a constant size just over the pass's size
// limit. 1 malloc survives plain -O2; it does not escape but is too large
// for the stack: keep it.
#include <stdio.h>
#include <stdlib.h>

#define SIZE (64 * 1024 + 1)

int main(int argc, char **argv) {
  (void)argv;
  unsigned char *p = malloc(SIZE);
  if (!p)
    return 2;
  for (int i = 0; i < SIZE; i++)
    p[i] = (unsigned char)(i * argc);
  unsigned v = p[SIZE - argc] + p[argc * 300];
  printf("v=%u\n", v);
  free(p);
  return v == 0 + 44 ? 0 : 1;
}
