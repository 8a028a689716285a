// RUN: %rtcheck %s --promoted 2
// Shape: two objects, a box that holds a pointer to a buffer; the buffer is
// reached by loading that pointer back out of the box. Neither escapes.
// 2 mallocs survive plain -O2 (the slot index comes from a volatile, so the
// load of the pointer cannot be forwarded); promote both. The buffer is only
// read and written, never passed to a call.
#include <stdio.h>
#include <stdlib.h>

static volatile int vzero;

struct box {
  int len;
  char *slot[4];
};

int main(int argc, char **argv) {
  (void)argv;
  struct box *b = malloc(sizeof *b);
  char *buf = malloc(32);
  if (!b || !buf)
    return 2;
  for (int i = 0; i < 4; i++)
    b->slot[i] = NULL;
  b->slot[(vzero + argc) & 3] = buf; /* slot 1 */
  b->len = 20 + argc;

  char *d = b->slot[(vzero + 1) & 3]; /* the buffer again */
  if (!d)
    return 3;
  for (int i = 0; i < b->len; i++)
    d[i] = (char)('a' + i);
  int sum = 0;
  for (int i = argc - 1; i < b->len; i += 2)
    sum += d[i];
  printf("box len=%d sum=%d\n", b->len, sum);
  int ok = buf[argc * 5] == 'f' && sum == 1177;
  free(buf);
  free(b);
  return ok ? 0 : 1;
}
