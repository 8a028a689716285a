// RUN: %rtcheck %s --promoted 0
// Regression test for a miscompile: the program defines strlen (with a
// counter). A strdup of run-time length got the small buffer, whose size
// test called strlen, and that call reached the program's strlen where
// libc's strdup does not: "calls=0" became "calls=1". goescape adds a call
// of a C library function only when the module does not define one of
// that name; here the strdup stays on the heap.
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

char *strdup(const char *);

static int calls;

size_t strlen(const char *s) {
  calls++;
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

int main(int argc, char **argv) {
  (void)argc;
  char *d = strdup(argv[0]);
  if (!d)
    return 1;
  printf("%c calls=%d\n", d[0], calls);
  free(d);
  return 0;
}
