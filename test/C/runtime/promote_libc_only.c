// RUN: %rtcheck %s --promoted 1
// Shape: a string buffer handed only to libc functions that do not keep it:
// memset, memcpy into it, strlen, strcmp, snprintf into it, and printf("%s")
// of it (a variadic argument of printf). 1 malloc survives plain -O2; none
// of these calls captures or frees it: promote it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char greeting[] = "hello, escape analysis";

int main(int argc, char **argv) {
  (void)argv;
  char *buf = malloc(64);
  if (!buf)
    return 2;
  memset(buf, '.', 64);
  memcpy(buf + argc - 1, greeting, sizeof greeting);
  size_t n = strlen(buf);
  int cmp = strcmp(buf, "hello");
  snprintf(buf + n, 64 - n, " #%d", argc * 7);
  printf("[%s] len=%zu cmp>0=%d\n", buf, strlen(buf), cmp > 0);
  int ok = n == sizeof greeting - 1 && cmp > 0 && buf[n + 2] == '7';
  free(buf);
  return ok ? 0 : 1;
}
