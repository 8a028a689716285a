// RUN: %rtcheck %s --promoted 0 --no-asan
// Regression test for a miscompile: the program defines malloc (counting,
// over glibc's __libc_malloc) and grows a calloc'd object with libc's
// realloc. Growth from a slot called the program's malloc where libc's
// realloc does not: "calls=0" became "calls=1". A realloc grows a slot
// only when the module does not define malloc; here the object stays on
// the heap. ASan cannot run a program that replaces malloc: no ASan builds.
#include <stddef.h>
#include <stdio.h>
#include <string.h>

extern void *__libc_malloc(size_t);
void *calloc(size_t, size_t);
void *realloc(void *, size_t);
void free(void *);

static int calls;

void *malloc(size_t n) {
  calls++;
  return __libc_malloc(n);
}

int main(int argc, char **argv) {
  (void)argv;
  char *s = calloc(1, 8);
  if (!s)
    return 1;
  strcpy(s, "abc");
  char *t = realloc(s, 100 + (size_t)argc);
  if (!t)
    return 1;
  strcat(t, "def");
  printf("%s calls=%d\n", t, calls);
  free(t);
  return 0;
}
