// RUN: %rtcheck %s --promoted 1
// Shape: malloc followed by memset(p, 0, n); plain -O2 fuses the pair into
// calloc, so the pass sees a calloc site. 1 calloc survives plain -O2 (the
// argc-indexed writes and reads keep it); it never escapes: promote it, and
// the slot must still be zero-filled since the memset is gone.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  (void)argv;
  int *h = malloc(32 * sizeof *h);
  if (!h)
    return 2;
  memset(h, 0, 32 * sizeof *h);
  for (int i = 0; i < 100; i++)
    h[(i * argc * 7) & 31]++;
  int zeros = 0, peak = 0;
  for (int i = 0; i < 32; i++) {
    zeros += h[i] == 0;
    peak = h[i] > peak ? h[i] : peak;
  }
  printf("zeros=%d peak=%d\n", zeros, peak);
  free(h);
  return zeros == 0 && peak == 4 ? 0 : 1;
}
