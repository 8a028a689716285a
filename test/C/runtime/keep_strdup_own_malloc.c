// RUN: %rtcheck %s --promoted 0 --no-asan
// Regression test for a miscompile the differential fuzzer found
// (scripts/cfuzz.py, libcnames): the program defines malloc (counting,
// over glibc's __libc_malloc), and glibc's strdup and strndup allocate
// through it. A strdup or strndup moved to the stack no longer ran the
// program's malloc: "abcde mallocs=1" became "abcde mallocs=0". When the
// module defines malloc, strdup and strndup are the program's allocations
// too, and stay on the heap. ASan cannot run a program that replaces
// malloc: no ASan builds.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void *__libc_malloc(size_t);

static unsigned long count;
static int one;

__attribute__((noinline)) static unsigned rt(unsigned v) {
  return v * (unsigned)one;
}

// Atomics: LLVM takes strdup for a function that touches no memory of the
// program's, and would fold plain loads of count around it.
void *malloc(size_t n) {
  __atomic_fetch_add(&count, 1, __ATOMIC_RELAXED);
  return __libc_malloc(n);
}

int main(int argc, char **argv) {
  (void)argv;
  one = argc;
  char b[8] = "abcdefg";
  b[rt(5)] = 0;
  unsigned long c0 = __atomic_load_n(&count, __ATOMIC_RELAXED);
  char *t = strdup(b);
  char *u = strndup(b, rt(3));
  char *v = strdup("constant");
  unsigned long c1 = __atomic_load_n(&count, __ATOMIC_RELAXED);
  if (!t || !u || !v)
    return 1;
  printf("%s %s %s mallocs=%lu\n", t, u, v, c1 - c0);
  free(t);
  free(u);
  free(v);
  return 0;
}
