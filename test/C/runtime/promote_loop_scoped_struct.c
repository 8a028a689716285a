// RUN: %rtcheck %s --promoted 4 --plugin-flags "-mllvm -goescape-carried-slots=0"
// RUN: %rtcheck %s --promoted 5
// Shape (issue 12, shape 4): a struct on the stack, scoped inside a loop
// body, holds a malloc'd buffer and is passed by address to a noinline
// reader. The struct stays an alloca whose lifetime markers lie inside the
// loop: it dies every iteration, so the buffer of one iteration is not
// live in the next and moves to the stack. The second loop's struct is
// declared outside the loop and read before it is refilled: its buffer
// really is carried, and stays on the heap without carried slots (with
// them, the default, it gets two). The nested loop's inner loop is
// unrolled: three copies of its calloc move (4 in all, 5 with the carried
// one).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct box {
  unsigned char *buf;
  int n;
};

__attribute__((noinline)) static unsigned use(const struct box *b) {
  unsigned h = 0;
  for (int i = 0; i < b->n; i++)
    h = h * 31 + b->buf[i];
  return h;
}

__attribute__((noinline)) static unsigned scoped(int n) {
  unsigned h = 0;
  for (int i = 0; i < n; i++) {
    struct box b;
    b.buf = malloc(32);
    if (!b.buf)
      exit(2);
    b.n = 32;
    memset(b.buf, i, 32);
    h += use(&b);
    free(b.buf);
  }
  return h;
}

__attribute__((noinline)) static unsigned carried(int n) {
  unsigned h = 0;
  struct box b = {0, 0};
  unsigned char *old = NULL;
  for (int i = 0; i < n; i++) {
    if (old)
      h += use(&b);
    free(old);
    b.buf = malloc(16);
    if (!b.buf)
      exit(2);
    b.n = 16;
    memset(b.buf, i * 3, 16);
    old = b.buf;
  }
  h += use(&b);
  free(old);
  return h;
}

__attribute__((noinline)) static unsigned nested(int n) {
  unsigned h = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < 3; j++) {
      struct box b;
      b.buf = calloc(24, 1);
      if (!b.buf)
        exit(2);
      b.n = 24;
      b.buf[j] = (unsigned char)i;
      h = h * 7 + use(&b);
      free(b.buf);
    }
  return h;
}

int main(void) {
  printf("%u %u %u\n", scoped(1000), carried(100), nested(100));
  return 0;
}
