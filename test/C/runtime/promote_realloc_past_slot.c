// RUN: %rtcheck %s --promoted 1
// Shape: a buffer malloc'd and then grown with realloc past the slot. 1
// malloc (and the realloc) survive plain -O2. The buffer starts in a
// 64-byte slot (issue 13 item 3); the realloc to 256 bytes moves it to the
// heap with its 16 bytes, and the free frees the heap block. (It was
// keep_realloc.c while realloc kept every object on the heap.)
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  int *v = malloc(4 * sizeof *v);
  if (!v)
    return 2;
  for (int i = 0; i < 4; i++)
    v[i] = i + argc;
  int *w = realloc(v, 64 * sizeof *w);
  if (!w) {
    free(v);
    return 2;
  }
  for (int i = 4; i < 64; i++)
    w[i] = w[i - 4] * 2 % 1000;
  int x = w[(argc * 61) & 63];
  printf("w[61]=%d\n", x);
  free(w);
  return x == 536 ? 0 : 1;
}
