// RUN: %rtcheck %s --promoted 1
// Shape: an address passed as an integer (a uintptr_t handle), stored into
// a local box and reloaded as a pointer: the object stored through it goes
// to the caller's memory, so it escapes. The box itself moves to the stack.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *gp;
volatile int vi = 0, vj = 0;
__attribute__((noinline)) void clobber(int n) {
  char b[256];
  memset(b, 'Z', sizeof b);
  b[255] = (char)n;
  __asm__ volatile("" : : "r"(b) : "memory");
}
__attribute__((noinline)) void f(uintptr_t h, int n) {
  char *x = malloc(16);
  snprintf(x, 16, "hello%d", n);
  uintptr_t *box = malloc(32);
  box[vi] = h;
  char **slot;
  memcpy(&slot, &box[vj], sizeof slot);
  *slot = x;
  free(box);
}
int main(int argc, char **argv) {
  (void)argv;
  f((uintptr_t)&gp, argc);
  clobber(argc);
  printf("%s\n", gp);
  free(gp);
  return 0;
}
