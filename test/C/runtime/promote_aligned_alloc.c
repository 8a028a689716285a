// RUN: %rtcheck %s --promoted 1
// Shape: aligned_alloc(64, 256), used as a byte table, freed. The alignment
// is not checked at run time (ptrtoint would make it escape); it is the
// pass's job to give the slot align 64 (ASan would still catch overflow).
// 1 aligned_alloc survives plain -O2; it never escapes: promote it.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  unsigned char *t = aligned_alloc(64, 256);
  if (!t)
    return 2;
  for (int i = 0; i < 256; i++)
    t[i] = (unsigned char)(i * 7 + argc);
  unsigned sum = 0;
  for (int i = argc; i < 256; i += 5)
    sum += t[i];
  printf("sum=%u t[255]=%u\n", sum, t[255]);
  free(t);
  return sum == 6633 ? 0 : 1;
}
