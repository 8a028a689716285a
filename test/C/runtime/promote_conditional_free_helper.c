// RUN: %rtcheck %s --promoted 2
// Shape: a helper that frees its argument only sometimes. It is not a free
// wrapper: its call cannot be removed, and must not end the object's
// lifetime (that once let codegen put a and b in one stack slot while both
// were live). Both move: a's call goes to a copy of release without its
// free and ends no lifetime (a is read after it), b is freed directly.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) void release(char *p, int owned) {
  if (owned)
    free(p);
}
__attribute__((noinline)) void fill(char *p, char c) {
  memset(p, c, 63);
  p[63] = 0;
}
__attribute__((noinline)) int f(int n) {
  char *a = malloc(64);
  fill(a, 'A');
  release(a, n > 100); /* does not free a */
  char *b = malloc(64);
  fill(b, 'B');
  int r = a[5] * 1000 + b[5];
  free(b);
  free(a);
  return r;
}
int main(int argc, char **argv) {
  (void)argv;
  printf("%d\n", f(argc));
  return 0;
}
