#include "level.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long fill(unsigned char *a, unsigned char *b, int k) {
  memset(a, k, 60000);
  memset(b, k + 1, 60000);
  return a[k * 31 % 60000] + b[k * 17 % 60000];
}

__attribute__((noinline)) long top(int k) {
  unsigned char *a = malloc(60000), *b = malloc(60000);
  if (!a || !b)
    abort();
  long r = fill(a, b, k) + mid(k + 1);
  free(a);
  free(b);
  return r;
}

int main(int argc, char **argv) {
  printf("%ld\n", top(argc));
  return 0;
}
