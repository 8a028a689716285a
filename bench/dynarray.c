/* goescape benchmark: a realloc-grown dynamic array that usually stays small.
 * Per call, collect starts an int array at 4 elements (`cap = 4; a =
 * malloc(cap * sizeof *a)`), pushes a seed-dependent number of elements into
 * it, doubling it with realloc when full (`if (n == cap) { cap *= 2; a =
 * realloc(a, cap * sizeof *a); }`, each result NULL-checked as real code
 * does), sums it with a noinline reader and frees it. Most calls push 1..15
 * elements (up to two reallocs); one call in 32 pushes 100..399 (up to seven).
 * usage: dynarray [divisor]   (makes CALLS/divisor arrays) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

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
  size_t cap = 4, n = 0;
  int *a = malloc(cap * sizeof *a);
  if (!a)
    abort();
  unsigned count = how_many(h);
  for (unsigned i = 0; i < count; i++) {
    if (n == cap) {
      cap *= 2;
      int *b = realloc(a, cap * sizeof *a);
      if (!b) {
        free(a);
        abort();
      }
      a = b;
    }
    a[n++] = (int)((h ^ (i * 2654435761u)) >> 9);
  }
  long s = sum(a, n);
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
