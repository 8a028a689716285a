// RUN: %rtcheck %s --promoted 0 --stack-kb 8192
// Shape: recursion the call graph does not show: walk() calls qsort, whose
// comparator calls walk() again. 400 levels with a 60 KB buffer each would
// need 24 MB of stack if the buffer moved there; walk is recursive through
// external code, so its small budget keeps the buffer on the heap.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int depth;
int walk(int d);
static int cmp(const void *a, const void *b) {
  if (depth > 0) {
    depth--;
    walk(depth);
  }
  return *(const int *)a - *(const int *)b;
}
__attribute__((noinline)) int walk(int d) {
  char *buf = malloc(60000);
  if (!buf)
    abort();
  memset(buf, d, 60000);
  int arr[2] = {2, 1};
  qsort(arr, 2, sizeof(int), cmp);
  int r = buf[d * 7 % 60000] + arr[0];
  free(buf);
  return r;
}
int main(int argc, char **argv) {
  (void)argv;
  depth = 400;
  printf("%d\n", walk(argc));
  return 0;
}
