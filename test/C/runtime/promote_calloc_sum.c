// RUN: %rtcheck %s --promoted 1
// Shape: a calloc'd array, partly written, then summed: the unwritten
// elements must read as zero, so a promoted slot must be zero-filled.
// 1 calloc survives plain -O2; it never escapes: promote it (zeroed).
#include <stdio.h>
#include <stdlib.h>

#define N 64

int main(int argc, char **argv) {
  (void)argv;
  long *a = calloc(N, sizeof *a);
  if (!a)
    return 2;
  /* Write only every argc+2'th element; the rest must stay 0. */
  for (int i = 0; i < N; i += argc + 2)
    a[i] = i + 1;
  long sum = 0, zeros = 0;
  for (int i = 0; i < N; i++) {
    sum += a[i];
    zeros += a[i] == 0;
  }
  printf("sum=%ld zeros=%ld\n", sum, zeros);
  free(a);
  /* argc == 1: a[0], a[3], ..., a[63] = i+1: 22 written, 42 zero. */
  return (sum == 22 + 3 * (21 * 22 / 2) && zeros == 42) ? 0 : 1;
}
