// walk() recurses through step() in step.c. Each level holds a
// 60,000-byte scratch buffer: 200 levels on the heap are fine, 200 levels
// on an 8 MiB stack are 12 MB and overflow it. Per file, goescape cannot
// see the cycle (step is a declaration here), but walk is not static, so
// step may call it back: it may recurse. At link time it sees the cycle.
#include <stdlib.h>
#include <string.h>

#define BUF 60000

int step(int depth);

int walk(int depth) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, depth & 0xff, BUF);
  int r = buf[(depth * 7919) % BUF];
  if (depth > 0)
    r += step(depth - 1);
  free(buf);
  return r;
}
