// RUN: %rtcheck %s --promoted 2
// Shape: allocation and free wrappers, the way real C allocates. xmalloc
// returns a fresh allocation sized by its argument and aborts on failure;
// xfree only frees (after a null check). Both stay out of line (noinline),
// so their calls in main are an allocation site and a free of main's: the
// two constant-size calls move to the stack, and the xfree calls go away.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fputs("out of memory\n", stderr);
    abort();
  }
  return p;
}

__attribute__((noinline)) static void xfree(void *p) {
  if (p)
    free(p);
}

int main(int argc, char **argv) {
  (void)argv;
  char *name = xmalloc(32);
  int *counts = xmalloc(10 * sizeof *counts);
  snprintf(name, 32, "run-%d", argc);
  for (int i = 0; i < 10; i++)
    counts[i] = i * argc;
  int total = 0;
  for (int i = argc - 1; i < 10; i++)
    total += counts[i];
  printf("%s total=%d len=%zu\n", name, total, strlen(name));
  xfree(counts);
  xfree(name);
  return 0;
}
