// A small-buffer object must never reach the allocator other than through
// the free the rewrite guards: a call that asks the allocator about it
// (malloc_usable_size) or frees it where goescape cannot see (through a
// pointer) keeps it on the heap. Beside them, the plain scratch copy that
// gets its slot, and one that realloc grows: it starts in the slot and
// realloc moves it to the heap when it outgrows it (realloc-growth.ll).
//
// RUN: %clang -O2 -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=remark:
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

/// Only reads its argument: clang infers that, so the object may stay.
__attribute__((noinline)) static size_t look(const char *p) {
  return strlen(p);
}

// CHECK: small-buffer-allocator-queries.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(?) moved to stack when its size is at most 64 bytes, heap otherwise
size_t scratch(const char *s) {
  char *c = malloc(strlen(s) + 1);
  strcpy(c, s);
  size_t n = look(c);
  free(c);
  return n;
}

// CHECK: small-buffer-allocator-queries.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(?) escapes to heap: passed to 'malloc_usable_size'
size_t usable(size_t n) {
  char *c = malloc(n);
  size_t u = malloc_usable_size(c);
  free(c);
  return u;
}

void (*release)(void *) = free;
// CHECK: small-buffer-allocator-queries.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(?) escapes to heap: passed to an indirect call
size_t indirect(size_t n) {
  char *c = malloc(n);
  c[0] = 0;
  n += look(c);
  release(c);
  return n;
}

// CHECK: small-buffer-allocator-queries.c:[[@LINE+2]]:{{[0-9]+}}: remark: malloc(?) moved to stack when its size is at most 64 bytes, heap otherwise or once realloc grows it past them
size_t grow(size_t n) {
  char *c = malloc(n);
  c[0] = 0;
  size_t r = look(c);
  c = realloc(c, 2 * n);
  r += look(c);
  free(c);
  return r;
}
