// RUN: %rtcheck %s --promoted 1
// Shape: a small struct is malloc'd, filled, read back and freed in one
// function. 1 malloc survives plain -O2 (the argc-indexed read blocks
// store-to-load forwarding); it never leaves main: promote it, drop the free.
#include <stdio.h>
#include <stdlib.h>

struct rec {
  int id;
  int weight;
  int tags[4];
};

int main(int argc, char **argv) {
  (void)argv;
  struct rec *r = malloc(sizeof *r);
  if (!r)
    return 2;
  r->id = argc;
  r->weight = 10 * argc;
  for (int i = 0; i < 4; i++)
    r->tags[i] = (i + 1) * 100 + argc;
  int k = (argc + 2) & 3; /* 3 when run without arguments */
  int total = r->id + r->weight + r->tags[k];
  printf("id=%d weight=%d tag[%d]=%d total=%d\n", r->id, r->weight, k,
         r->tags[k], total);
  free(r);
  return total == 1 + 10 + 401 ? 0 : 1;
}
