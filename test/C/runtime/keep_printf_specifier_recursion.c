// RUN: %rtcheck %s --promoted 0 --stack-kb 8192
// Shape: recursion through a printf hook: nest(d) mallocs 60,000 bytes and
// formats "%W" with snprintf; the handler registered for 'W' with
// register_printf_specifier calls nest(d - 1). 200 levels would need 12 MB
// of stack if the buffer moved there. 1 malloc survives plain -O2 (in
// noinline nest). The module registers a printf specifier, so printf-family
// calls may run any address-taken function: nest is recursive through libc
// and its buffer stays on the heap.
#define _GNU_SOURCE
#include <printf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// %W is ours: clang does not know it.
#pragma clang diagnostic ignored "-Wformat"
#pragma clang diagnostic ignored "-Wformat-extra-args"

#define BUF 60000
#define DEPTH 200

static long nest(int d);

static int print_level(FILE *stream, const struct printf_info *info,
                       const void *const *args) {
  (void)info;
  int d = *(const int *)args[0];
  long below = d > 0 ? nest(d - 1) : 0;
  return fprintf(stream, "%ld", below % 10);
}

static int level_arginfo(const struct printf_info *info, size_t n, int *types,
                         int *sizes) {
  (void)info;
  (void)sizes;
  if (n > 0)
    types[0] = PA_INT;
  return 1;
}

__attribute__((noinline)) static long nest(int d) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, d, BUF);
  char text[32];
  int len = snprintf(text, sizeof text, "<%W>", d);
  long r = buf[(d * 7) % BUF] + len + (text[1] - '0');
  free(buf);
  return r;
}

int main(void) {
  if (register_printf_specifier('W', print_level, level_arginfo) != 0)
    return 2;
  printf("nest=%ld\n", nest(DEPTH));
  return 0;
}
