// RUN: %rtcheck %s --promoted 6
// RUN: %rtcheck %s --promoted 6 --args "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj kkkkkkkkkkk llllllllllll mmmmmmmmmmmmm nnnnnnnnnnnnnn"
// RUN: %rtcheck %s --promoted 6 --stack-kb 64
// Shape (issue 13 item 3, Go 1.26's append in C): objects grown by realloc
// in the function that allocates them start in a 64-byte slot. A realloc
// that still fits stays in the slot; a larger one moves the object to the
// heap with its contents; later ones are the real realloc, down as well as
// up; realloc(p, 0) frees and returns NULL, as glibc's does; a realloc that
// fails returns NULL and leaves the object where it was, to be freed; the
// free frees only heap memory. Sizes run from a few bytes to 5,000 and
// SIZE_MAX; the growing site in a loop gets small and large objects in
// turn; an object returned on some paths stays on the heap.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }

/// A dynamic array of ints, doubled as it fills: n pushes.
__attribute__((noinline)) static long dynarray(int n) {
  int cap = 4, len = 0;
  int *a = malloc(cap * sizeof *a);
  if (!a)
    return -1;
  for (int i = 0; i < n; i++) {
    if (len == cap) {
      cap *= 2;
      int *b = realloc(a, cap * sizeof *b);
      if (!b) {
        free(a);
        return -1;
      }
      a = b;
    }
    a[len++] = i * 7 + 1;
  }
  long s = 0;
  for (int i = 0; i < len; i++)
    s = s * 31 + a[i];
  free(a);
  return s;
}

/// A string builder: strdup of the first word, then each word appended.
__attribute__((noinline)) static unsigned long build(int argc, char **argv) {
  char *s = strdup(argc > 1 ? argv[1] : "start");
  if (!s)
    return 0;
  size_t len = strlen(s);
  for (int i = 2; i < argc; i++) {
    size_t w = strlen(argv[i]);
    char *t = realloc(s, len + w + 2);
    if (!t) {
      free(s);
      return 0;
    }
    s = t;
    s[len] = '+';
    memcpy(s + len + 1, argv[i], w + 1);
    len += w + 1;
  }
  unsigned long h = 5381;
  for (size_t i = 0; i < len; i++)
    h = h * 33 + (unsigned char)s[i];
  printf("built %zu bytes: %.40s\n", len, s);
  free(s);
  return h;
}

/// Up past the slot and back down: the contents survive every move.
__attribute__((noinline)) static int up_and_down(int k) {
  unsigned char *p = malloc(16);
  if (!p)
    return -1;
  for (int i = 0; i < 16; i++)
    p[i] = (unsigned char)(i + k);
  unsigned char *q = realloc(p, 48); // still in the slot
  if (!q)
    return -1;
  for (int i = 16; i < 48; i++)
    q[i] = (unsigned char)(3 * i + k);
  unsigned char *r = realloc(q, 5000); // to the heap
  if (!r) {
    free(q);
    return -1;
  }
  memset(r + 48, k, 5000 - 48);
  unsigned char *t = realloc(r, 24); // down again: stays on the heap
  if (!t) {
    free(r);
    return -1;
  }
  int s = 0;
  for (int i = 0; i < 24; i++)
    s = s * 3 + t[i];
  free(t);
  return s;
}

/// A realloc that fails (SIZE_MAX) leaves the object where it was.
__attribute__((noinline)) static int fails(int k) {
  char *p = malloc(8);
  if (!p)
    return -1;
  memset(p, 'a' + k, 8);
  size_t huge = SIZE_MAX - (size_t)k;
  char *q = realloc(p, huge);
  int r = q ? 100 : p[7];
  free(q ? q : p);
  return r;
}

/// realloc(p, 0): glibc frees p and returns NULL. The 0 comes from memory,
/// so that LLVM does not fold the realloc away first.
static volatile size_t zero;
__attribute__((noinline)) static int to_zero(int k) {
  char *p = malloc(32);
  if (!p)
    return -1;
  p[0] = (char)k;
  char *q = realloc(p, zero);
  int r = q == NULL ? 1000 : q[0];
  free(q);
  return r;
}

/// One site in a loop, each iteration's object freed before the next:
/// small and large in turn.
__attribute__((noinline)) static long mixed(int rounds) {
  long total = 0;
  for (int i = 0; i < rounds; i++) {
    size_t n = (i % 3 == 0) ? 200 + i : 4 + i % 40;
    char *p = malloc(4);
    if (!p)
      return -1;
    memcpy(p, "abc", 4);
    char *q = realloc(p, n);
    if (!q) {
      free(p);
      return -1;
    }
    memset(q + 4, 'x', n - 4);
    total += q[0] + q[n - 1] + (long)n;
    free(q);
  }
  return total;
}

/// Returned on some paths: escapes, stays on the heap.
__attribute__((noinline)) static char *maybe_keep(int keep, size_t n) {
  char *p = malloc(8);
  if (!p)
    return NULL;
  char *q = realloc(p, n);
  if (!q) {
    free(p);
    return NULL;
  }
  memset(q, 'k', n);
  if (keep)
    return q;
  free(q);
  return NULL;
}

int main(int argc, char **argv) {
  printf("dynarray: %ld %ld %ld %ld\n", dynarray(0), dynarray(3),
         dynarray(16), dynarray(1000));
  printf("build: %lu\n", build(argc, argv));
  printf("up_and_down: %d %d\n", up_and_down(1), up_and_down(argc));
  printf("fails: %d\n", fails(argc));
  printf("to_zero: %d\n", to_zero(argc));
  printf("mixed: %ld\n", mixed(100));
  char *k = maybe_keep(argc > 1, 100);
  printf("maybe_keep: %s\n", k ? "kept" : "none");
  free(k);
  return 0;
}
