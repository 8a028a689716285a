// RUN: %rtcheck %s --promoted 4
// RUN: %rtcheck %s --promoted 4 --args "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj kkkkkkkkkkk llllllllllll mmmmmmmmmmmmm nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
// Shape: one free that may get the object or another, for objects whose
// frees test for their slot anyway (run-time sizes, carried slots): the
// free stays for what is in no slot. free(c ? a : b) of two copies of
// run-time length; a grown array whose first storage a peeled first
// iteration made elsewhere (the free in the loop gets either; the peeled
// site keeps the heap); a free of the object or of a caller's heap block.
// Sizes on both sides of the 64-byte slot.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Keeps no pointer.
__attribute__((noinline)) static long hash(const char *s, size_t n) {
  long h = 5381;
  for (size_t i = 0; i < n; i++)
    h = h * 33 + s[i];
  return h;
}

/// Copies of two strings; frees the longer one's through one pointer.
__attribute__((noinline)) static long either(const char *x, const char *y) {
  size_t nx = strlen(x) + 1, ny = strlen(y) + 1;
  char *a = malloc(nx), *b = malloc(ny);
  if (!a || !b)
    return -1;
  memcpy(a, x, nx);
  memcpy(b, y, ny);
  long h = hash(a, nx) * 7 + hash(b, ny);
  char *longer = nx >= ny ? a : b;
  char *other = nx >= ny ? b : a;
  h += longer[0];
  free(longer);
  h = h * 3 + other[0];
  free(other);
  return h;
}

/// push_back by hand from capacity 0: LLVM peels the first iteration, so
/// the first storage is another site.
__attribute__((noinline)) static long grow(unsigned n, unsigned seed) {
  int *a = NULL;
  size_t len = 0, cap = 0;
  for (unsigned i = 0; i < n; i++) {
    if (len == cap) {
      size_t ncap = cap ? 2 * cap : 1;
      int *b = malloc(ncap * sizeof *b);
      if (!b)
        return -1;
      if (len)
        memcpy(b, a, len * sizeof *a);
      free(a);
      a = b;
      cap = ncap;
    }
    a[len++] = (int)(seed * 2654435761u + i);
  }
  long s = hash((const char *)a, len * sizeof *a);
  free(a);
  return s;
}

/// Frees its own copy, or the caller's block when asked to.
__attribute__((noinline)) static long own_or_given(const char *x, char *given,
                                                   int use_given) {
  size_t n = strlen(x) + 1;
  char *a = malloc(n);
  if (!a)
    return -1;
  memcpy(a, x, n);
  long h = hash(a, n);
  char *p = use_given ? given : a;
  h += p[0];
  free(p);
  if (use_given)
    free(a);
  return h;
}

int main(int argc, char **argv) {
  long s = 0;
  for (int i = 1; i < argc; i++)
    s = s * 31 + either(argv[i], argv[argc - i]);
  for (unsigned n = 0; n < 40; n++)
    s = s * 3 + grow(n, n * 7u + (unsigned)argc);
  for (int i = 0; i < argc; i++) {
    char *g = malloc(32);
    if (!g)
      return 1;
    strcpy(g, "given");
    s = s * 5 + own_or_given(argv[i > 0 ? i : 0] + (i == 0 ? strlen(argv[0]) : 0), g, i & 1);
    if (!(i & 1))
      free(g);
  }
  printf("%ld\n", s);
  return 0;
}
