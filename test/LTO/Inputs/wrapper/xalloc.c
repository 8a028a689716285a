#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) void *xmalloc(size_t n) {
  void *p = malloc(n);
  if (!p) {
    fputs("out of memory\n", stderr);
    abort();
  }
  return p;
}

__attribute__((noinline)) void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (!p) {
    fputs("out of memory\n", stderr);
    abort();
  }
  return p;
}

__attribute__((noinline)) void xfree(void *p) { free(p); }
