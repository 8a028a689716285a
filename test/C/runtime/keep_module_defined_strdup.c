// RUN: %rtcheck %s --promoted 0
// Regression test for a miscompile: a program that defines its own strdup
// (older code does, where libc lacked it) had its call taken for libc's and
// moved to the stack, so the program's own strdup never ran: "1 1 1"
// became "1 0 0". A function the module defines is the module's, whatever
// its name; only C++'s replaceable operator new, called from a new
// expression, may be left out (the standard allows it).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char pool[4096];
static size_t used;
int calls;

__attribute__((noinline)) char *strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = pool + used;
  used += n;
  calls++;
  memcpy(p, s, n);
  return p;
}

__attribute__((noinline)) int len(const char *s) { return (int)strlen(s); }

int main(int argc, char **argv) {
  (void)argc;
  char *d = strdup(argv[0]);
  int r = len(d);
  printf("%d %d %d\n", r > 0, calls, (int)(used > 0));
  return 0;
}
