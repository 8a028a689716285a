// RUN: %rtcheck %s --promoted 0
// Shape: sprintf("%p") writes an object's address into a global buffer, and
// sscanf("%p") turns it back into a pointer after the function returned. C
// guarantees the round trip, so the object escapes.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char gbuf[64];
__attribute__((noinline)) void clobber(int n) {
  char b[256];
  memset(b, 'Z', sizeof b);
  b[255] = (char)n;
  __asm__ volatile("" : : "r"(b) : "memory");
}
__attribute__((noinline)) void f(int n) {
  char *x = malloc(16);
  snprintf(x, 16, "hello%d", n);
  sprintf(gbuf, "%p", (void *)x);
}
int main(int argc, char **argv) {
  (void)argv;
  f(argc);
  clobber(argc);
  void *q = NULL;
  sscanf(gbuf, "%p", &q);
  printf("%s\n", (char *)q);
  free(q);
  return 0;
}
