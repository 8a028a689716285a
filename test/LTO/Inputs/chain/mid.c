#include "level.h"

#include <stdlib.h>

__attribute__((noinline)) long mid(int k) {
  unsigned char *a = malloc(60000), *b = malloc(60000);
  if (!a || !b)
    abort();
  long r = fill(a, b, k) + leaf(k + 1);
  free(a);
  free(b);
  return r;
}
