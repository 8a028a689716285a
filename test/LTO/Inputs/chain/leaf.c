#include "level.h"

#include <stdlib.h>

__attribute__((noinline)) long leaf(int k) {
  unsigned char *a = malloc(60000), *b = malloc(60000);
  if (!a || !b)
    abort();
  long r = fill(a, b, k);
  free(a);
  free(b);
  return r;
}
