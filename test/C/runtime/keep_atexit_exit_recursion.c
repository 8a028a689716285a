// RUN: %rtcheck %s --promoted 0 --stack-kb 8192
// Shape: recursion through exit(): 200 atexit handlers, each calling step(),
// which mallocs 60,000 bytes and calls exit(0) again; glibc's exit() then
// runs the next handler on top of the current frames (ISO C leaves a nested
// exit undefined; glibc carries on with the remaining handlers). 200 levels
// would need 12 MB of stack if the buffer moved there. 1 malloc survives
// plain -O2 (in noinline step). The module installs atexit hooks, so exit()
// (and printf) may run any address-taken function: step is recursive
// through libc and its buffer stays on the heap.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF 60000
#define DEPTH 200

static int remaining;

__attribute__((noinline)) static void step(int d) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, d, BUF);
  printf("step %d: %d\n", d, buf[(d * 7) % BUF]);
  if (d > 0)
    exit(0);
  free(buf);
}

static void at_exit(void) {
  remaining--;
  step(remaining);
}

int main(void) {
  for (int i = 0; i < DEPTH; i++)
    if (atexit(at_exit) != 0)
      return 2;
  remaining = DEPTH;
  return 0;
}
