// RUN: %rtcheck %s --promoted 0
// Shape: a buffer is stored into a heap box, and the box is published through
// a global pointer. 2 mallocs survive plain -O2; the box escapes (stored to a
// global) and the buffer escapes with it (stored into an escaping object):
// keep both.
#include <stdio.h>
#include <stdlib.h>

struct box {
  int len;
  char *data;
};

struct box *g_box;

__attribute__((noinline)) int box_checksum(void) {
  int s = 0;
  for (int i = 0; i < g_box->len; i++)
    s += g_box->data[i];
  return s;
}

int main(int argc, char **argv) {
  (void)argv;
  struct box *b = malloc(sizeof *b);
  char *buf = malloc(32);
  if (!b || !buf)
    return 2;
  b->len = 9 + argc;
  for (int i = 0; i < b->len; i++)
    buf[i] = (char)(i + argc);
  b->data = buf;
  g_box = b;
  int s = box_checksum();
  printf("checksum=%d\n", s);
  g_box = NULL;
  free(buf);
  free(b);
  return s == 55 ? 0 : 1;
}
