// RUN: %rtcheck %s --promoted 1
// Shape: a small static constructor returns its malloc'd object; it is
// inlined into its only caller, which frees the object. 1 malloc survives
// plain -O2 (in main, after inlining); the pass runs after inlining, where
// the object never leaves main: promote it.
#include <stdio.h>
#include <stdlib.h>

struct pair {
  int key;
  int vals[6];
};

static struct pair *pair_new(int key) {
  struct pair *p = malloc(sizeof *p);
  if (!p)
    abort();
  p->key = key;
  for (int i = 0; i < 6; i++)
    p->vals[i] = key * 10 + i;
  return p;
}

int main(int argc, char **argv) {
  (void)argv;
  struct pair *p = pair_new(argc + 4);
  int v = p->vals[(argc * 4) % 6];
  printf("key=%d vals[4]=%d\n", p->key, v);
  free(p);
  return v == 54 ? 0 : 1;
}
