// RUN: %rtcheck %s --promoted 6
// RUN: %rtcheck %s --promoted 6 --args "a longer first argument than the slot holds, by a good margin"
// Shape: sizes known only at run time with no bound: a copy of a string
// (malloc(strlen(s) + 1), and strdup at 63 and 64 characters, the slot's
// edge), a work array of n ints, calloc(n, m), and malloc(0). Each gets a 64-byte slot when the size fits and the heap
// otherwise; both paths run (short and long strings, small and large n).
// The heap path keeps libc's answers: calloc's n * m overflow and a size no
// allocator can give return NULL with errno ENOMEM, on the heap as in the
// plain build. Every byte up to the run-time size is written and read, so
// ASan would see an access past the slot.
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Under ASan, a failed allocation returns NULL as libc's does, instead of
// aborting: the heap path's failures are part of what is compared.
const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }

__attribute__((noinline)) static unsigned mix(const unsigned char *p,
                                              size_t n) {
  unsigned h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

__attribute__((noinline)) static unsigned copy(const char *src) {
  char *d = malloc(strlen(src) + 1);
  if (!d)
    return 1;
  strcpy(d, src);
  for (char *c = d; *c; c++)
    *c = (char)(*c ^ 1);
  unsigned h = mix((unsigned char *)d, strlen(d));
  free(d);
  return h;
}

__attribute__((noinline)) static unsigned dupe(const char *src) {
  char *d = strdup(src);
  if (!d)
    return 1;
  d[0] = (char)(d[0] ^ 2);
  unsigned h = mix((unsigned char *)d, strlen(d) + 1);
  free(d);
  return h;
}

__attribute__((noinline)) static unsigned work(size_t n) {
  int *a = malloc(n * sizeof *a);
  if (!a)
    return 1;
  for (size_t i = 0; i < n; i++)
    a[i] = (int)(i * i);
  unsigned h = mix((unsigned char *)a, n * sizeof *a);
  free(a);
  return h;
}

/// calloc: zeroed on both paths; NULL (with ENOMEM) when n * m overflows.
__attribute__((noinline)) static int zeroed(size_t n, size_t m) {
  errno = 0;
  unsigned char *z = calloc(n, m);
  if (!z)
    return errno == ENOMEM ? -1 : -2;
  int nonzero = 0;
  for (size_t i = 0; i < n * m; i++)
    nonzero += z[i] != 0;
  nonzero += (int)(mix(z, n * m) & 0); // z's bytes go to a real call
  free(z);
  return nonzero;
}

/// A size no allocator can give: NULL and ENOMEM, as without goescape.
__attribute__((noinline)) static int huge(size_t n) {
  errno = 0;
  char *p = malloc(n);
  if (!p)
    return errno == ENOMEM ? 1 : 2;
  p[0] = 1;
  int r = (int)mix((unsigned char *)p, 1) & 0;
  free(p);
  return 10 + r;
}

/// malloc(0): a pointer that may be freed, never NULL on glibc.
__attribute__((noinline)) static int zero(size_t n) {
  char *p = malloc(n);
  int r = p != NULL;
  r += (int)(mix((unsigned char *)p, 0) & 0);
  free(p);
  return r;
}

int main(int argc, char **argv) {
  unsigned total = copy(argc > 1 ? argv[1] : "short");
  total += copy("a string that is a good deal longer than sixty-four bytes, "
                "so the copy goes to the heap");
  total += dupe(argc > 1 ? argv[1] : "tiny");
  total += dupe("sixty-three characters, then its NUL, fit the slot exactly.....");
  total += dupe("sixty-four characters and the NUL do not fit the slot: the heap!");
  for (size_t n = 1; n < 40; n += 3) // 4 to 148 bytes: both paths
    total += work(n + (size_t)argc - 1);
  printf("total=%u\n", total);
  printf("calloc small=%d large=%d overflow=%d\n", zeroed(3, (size_t)argc + 4),
         zeroed(100, (size_t)argc + 9), zeroed(SIZE_MAX / 2, (size_t)argc + 2));
  printf("huge=%d zero=%d\n", huge(SIZE_MAX - (size_t)argc), zero((size_t)argc - 1));
  return 0;
}
