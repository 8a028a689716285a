// RUN: %rtcheck %s --promoted 2
// Shape (issue 12, shape 3): a descriptor and its buffer, filled by
// callees that format into the buffer and store its length (a value of
// unknown origin) at another offset, then freed field first. The summaries
// say where each callee may write unknown bits: not over the data field,
// so free(b->data) frees only the buffer and both objects move (plain
// goescape before summaries kept offsets: the buffer stayed, "freed by a
// 'free' call that may also free another object"). A third callee may free
// the buffer of a second descriptor and put a heap one in its place: that
// buffer stays on the heap.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buf {
  unsigned char *data;
  size_t len;
};

__attribute__((noinline)) static void fill(struct buf *b, unsigned v) {
  snprintf((char *)b->data, 48, "%u-%u", v, v * 7);
  b->len = strlen((char *)b->data);
}

__attribute__((noinline)) static void append(struct buf *b, const char *s,
                                             size_t n) {
  if (b->len + n > 47)
    n = 47 - b->len;
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

__attribute__((noinline)) static unsigned checksum(const struct buf *b) {
  unsigned h = 0;
  for (size_t i = 0; i < b->len; i++)
    h = h * 31 + b->data[i];
  return h;
}

static unsigned char spare[64];
__attribute__((noinline)) static void replace(struct buf *b, int k) {
  if (k & 1) {
    free(b->data);
    b->data = malloc(64);
    if (!b->data)
      exit(2);
  }
  memset(b->data, 'x', 8);
  b->len = 8;
  (void)spare;
}

__attribute__((noinline)) static unsigned run(unsigned v, const char *tail) {
  struct buf *b = malloc(sizeof *b);
  if (!b)
    exit(2);
  b->data = malloc(48);
  if (!b->data)
    exit(2);
  fill(b, v);
  append(b, tail, strlen(tail));
  unsigned h = checksum(b);
  free(b->data);
  free(b);
  return h;
}

__attribute__((noinline)) static unsigned run_replaced(int k) {
  struct buf c = {malloc(48), 0};
  if (!c.data)
    exit(2);
  replace(&c, k);
  unsigned h = checksum(&c);
  free(c.data);
  return h;
}

int main(int argc, char **argv) {
  (void)argv;
  unsigned h = 0;
  for (unsigned i = 0; i < 2000; i++)
    h = h * 33 + run(i, argc > 5 ? "long tail that is cut off at 47" : "-x");
  for (int k = 0; k < 10; k++)
    h += run_replaced(k);
  printf("%u\n", h);
  return 0;
}
