// RUN: %rtcheck %s --promoted 0 --stack-kb 8192
// Shape: recursion the call graph does not show, through a fopencookie
// stream: emit(d) mallocs 60,000 bytes, writes to stream d and flushes it;
// libc calls the stream's write hook, which calls emit(d - 1) on the next
// stream. 200 levels would need 12 MB of stack if the buffer moved there.
// 1 malloc survives plain -O2 (in noinline emit). The module installs a
// fopencookie hook, so fprintf/fflush may run any address-taken function:
// emit is recursive through libc and its buffer stays on the heap.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define BUF 60000
#define DEPTH 200

static FILE *streams[DEPTH + 1];
static unsigned long checksum;
static long emit(int d);

static ssize_t on_write(void *cookie, const char *data, size_t size) {
  int d = (int)(long)cookie;
  for (size_t i = 0; i < size; i++)
    checksum = checksum * 31 + (unsigned char)data[i];
  if (d > 0) {
    long below = emit(d - 1);
    checksum = checksum * 7 + below;
  }
  return (ssize_t)size;
}

__attribute__((noinline)) static long emit(int d) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, d, BUF);
  fprintf(streams[d], "level %d\n", d);
  fflush(streams[d]);
  long r = buf[(d * 7) % BUF];
  free(buf);
  return r;
}

int main(void) {
  cookie_io_functions_t io = {.read = NULL, .write = on_write, .seek = NULL, .close = NULL};
  for (long d = 0; d <= DEPTH; d++) {
    streams[d] = fopencookie((void *)d, "w", io);
    if (!streams[d])
      return 2;
  }
  long top = emit(DEPTH);
  printf("checksum=%lu top=%ld\n", checksum, top);
  for (int d = 0; d <= DEPTH; d++)
    fclose(streams[d]);
  return 0;
}
