// RUN: %rtcheck %s --promoted 20 --plugin-flags "-mllvm -goescape-small-buffer=60000" --stack-kb 512
// Shape (from an adversarial review): ten scratch buffers of run-time size
// one after another in f, with 60000-byte small buffers. The budget lets
// their slots share stack (one live at a time, 60000 bytes), so every slot
// must end its lifetime at its free on the heap path too: otherwise the
// frame holds all ten (600 KB) and overflows a 512 KiB stack the plain
// build fits easily. g has the same shape with sizes bounded by a branch.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) unsigned use(const char *p, size_t n) {
  unsigned h = 0;
  for (size_t i = 0; i < n; i++)
    h = h * 31 + (unsigned char)p[i];
  return h;
}

#define STEP(k)                                                                \
  {                                                                            \
    char *p = malloc(n + k);                                                   \
    if (!p)                                                                    \
      return 0;                                                                \
    memset(p, k, n + k);                                                       \
    h += use(p, n + k);                                                        \
    free(p);                                                                   \
  }
#define BSTEP(k)                                                               \
  if (n <= 60000) {                                                            \
    char *p = malloc(n);                                                       \
    if (!p)                                                                    \
      return 0;                                                                \
    memset(p, k, n);                                                           \
    h += use(p, n);                                                            \
    free(p);                                                                   \
  }

__attribute__((noinline)) unsigned f(size_t n) {
  unsigned h = 0;
  STEP(1) STEP(2) STEP(3) STEP(4) STEP(5) STEP(6) STEP(7) STEP(8) STEP(9)
  STEP(10)
  return h;
}

__attribute__((noinline)) unsigned g(size_t n) {
  unsigned h = 0;
  BSTEP(1) BSTEP(2) BSTEP(3) BSTEP(4) BSTEP(5) BSTEP(6) BSTEP(7) BSTEP(8)
  BSTEP(9) BSTEP(10)
  return h;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atoi(argv[1]) : 10;
  printf("%u %u\n", f(n), g(n));
  return 0;
}
