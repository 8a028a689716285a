/* For ccache.test: with goescape the scratch buffer moves to the stack and
   the object has no malloc; without it (GOESCAPE=0, a size limit below 64
   bytes, -goescape-disable) the object calls malloc. */
#include <stdlib.h>

int sum_squares(int n) {
  int *sq = (int *)malloc(16 * sizeof(int));
  if (!sq)
    return -1;
  for (int i = 0; i < n && i < 16; ++i)
    sq[i] = i * i;
  int s = 0;
  for (int i = n - 1; i >= 0 && i < 16; --i)
    s += sq[i];
  free(sq);
  return s;
}
