/* Hand-written twin of dynarray.c: the array starts in a 16-int (64-byte)
 * local array (`int small[16]; int *a = small; size_t cap = 16;`), which
 * holds every call of 1..15 elements with no malloc, realloc or free; when
 * it is full the array moves to the heap at twice the size, copying its
 * contents (`malloc` + `memcpy` the first time, `realloc` after, each
 * NULL-checked), and is freed only `if (a != small)` -- Go 1.26's append
 * into a stack-backed slice. sum, the counts, the values and the output are
 * dynarray.c's.
 * usage: dynarray_hand [divisor]   (makes CALLS/divisor arrays) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define CALLS 8000000u

/* Reads the array; keeps no pointer into it. */
NOINLINE static long sum(const int *a, size_t n) {
  long s = 0;
  for (size_t i = 0; i < n; i++)
    s = s * 3 + a[i];
  return s;
}

/* How many elements call number i pushes: mostly 1..15, sometimes hundreds. */
static inline unsigned how_many(uint32_t h) {
  if ((h >> 27) == 0) /* 1 in 32 */
    return 100 + (h >> 8) % 300;
  return 1 + (h >> 4) % 15;
}

NOINLINE static long collect(uint32_t h) {
  int small[16];
  int *a = small;
  size_t cap = sizeof small / sizeof *small, n = 0;
  unsigned count = how_many(h);
  for (unsigned i = 0; i < count; i++) {
    if (n == cap) {
      cap *= 2;
      int *b;
      if (a == small) {
        b = malloc(cap * sizeof *a);
        if (b)
          memcpy(b, small, n * sizeof *a);
      } else {
        b = realloc(a, cap * sizeof *a);
      }
      if (!b) {
        if (a != small)
          free(a);
        abort();
      }
      a = b;
    }
    a[n++] = (int)((h ^ (i * 2654435761u)) >> 9);
  }
  long s = sum(a, n);
  if (a != small)
    free(a);
  return s;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = CALLS / (div ? div : 1);
  uint64_t check = (uint64_t)argc;
  for (unsigned i = 0; i < n; i++)
    check = check * 31 + (uint64_t)collect(i * 2654435761u);
  printf("dynarray: %u arrays, checksum %016llx\n", n, (unsigned long long)check);
  return 0;
}
