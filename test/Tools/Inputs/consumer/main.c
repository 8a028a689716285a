#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int sum(const int *p, int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += p[i];
  return s;
}

int main(int argc, char **argv) {
  (void)argv;
  int *p = malloc(8 * sizeof *p);
  if (!p)
    return 1;
  for (int i = 0; i < 8; i++)
    p[i] = i * argc;
  printf("%d\n", sum(p, 8));
  free(p);
  return 0;
}
