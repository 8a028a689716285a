// RUN: %rtcheck %s --promoted 1
// Shape: one function with two allocations, one local scratch buffer and one
// published to a global. 2 mallocs survive plain -O2; promote the scratch
// buffer only, keep the published one on the heap.
#include <stdio.h>
#include <stdlib.h>

int *g_result;

__attribute__((noinline)) int read_result(int i) { return g_result[i]; }

int main(int argc, char **argv) {
  (void)argv;
  int *scratch = malloc(8 * sizeof *scratch);
  int *result = malloc(8 * sizeof *result);
  if (!scratch || !result)
    return 2;
  for (int i = 0; i < 8; i++)
    scratch[i] = i * 4 + argc;
  for (int i = 0; i < 8; i++)
    result[i] = scratch[(i + argc) & 7] * 2;
  g_result = result;
  int v = read_result(argc + 2);
  printf("result[3]=%d\n", v);
  free(scratch);
  g_result = NULL;
  free(result);
  return v == 34 ? 0 : 1;
}
