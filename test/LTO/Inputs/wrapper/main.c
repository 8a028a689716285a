// An item and a score table from the wrappers in xalloc.c, used and freed
// in each iteration: neither escapes, so under full LTO, where goescape
// sees the wrappers' bodies, both move to the stack.
#include "xalloc.h"

#include <stdio.h>
#include <string.h>

struct item {
  int key;
  char tag[28];
};

static unsigned score(const struct item *it, const unsigned *table) {
  unsigned s = 0;
  for (int i = 0; i < 16; i++)
    s += table[i] * (unsigned char)it->tag[i];
  return s + it->key;
}

int main(void) {
  unsigned total = 0;
  for (int i = 0; i < 500; i++) {
    struct item *it = xmalloc(sizeof *it);
    unsigned *table = xcalloc(16, sizeof *table);
    it->key = i;
    memset(it->tag, 'a' + i % 26, sizeof it->tag);
    for (int j = 0; j < 16; j += 1 + i % 3)
      table[j] = j + i;
    total += score(it, table);
    xfree(table);
    xfree(it);
  }
  printf("%u\n", total);
  return 0;
}
