/* goescape benchmark: tree nodes freed at scope exit.
 * A small fixed-depth (3-level, 7-node) expression tree is built, evaluated
 * by a noinline recursive walker that only reads it, and freed node by node
 * at the end of the function that built it, which is called many times.
 * usage: tree [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 8000000u

struct node {
  int op; /* 0 = leaf, 1 = add, 2 = mul, 3 = sub */
  long val;
  struct node *left, *right;
};

static inline struct node *new_node(int op, long val, struct node *l, struct node *r) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    abort();
  n->op = op;
  n->val = val;
  n->left = l;
  n->right = r;
  return n;
}

/* Reads the tree; keeps no pointer into it. */
NOINLINE static long eval(const struct node *n) {
  switch (n->op) {
  case 0: return n->val;
  case 1: return eval(n->left) + eval(n->right);
  case 2: return eval(n->left) * eval(n->right);
  default: return eval(n->left) - eval(n->right);
  }
}

NOINLINE static long build_and_eval(unsigned seed) {
  struct node *a = new_node(0, (long)(seed & 15), NULL, NULL);
  struct node *b = new_node(0, (long)((seed >> 4) & 15), NULL, NULL);
  struct node *c = new_node(0, (long)((seed >> 8) & 15), NULL, NULL);
  struct node *d = new_node(0, (long)((seed >> 12) & 15), NULL, NULL);
  struct node *e = new_node(1 + (int)(seed % 3), 0, a, b);
  struct node *f = new_node(1 + (int)((seed >> 2) % 3), 0, c, d);
  struct node *root = new_node(1 + (int)((seed >> 5) % 3), 0, e, f);
  long v = eval(root);
  free(root);
  free(f);
  free(e);
  free(d);
  free(c);
  free(b);
  free(a);
  return v;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  uint64_t sum = (uint64_t)argc;
  for (unsigned i = 0; i < n; i++)
    sum = sum * 31 + (uint64_t)build_and_eval(i * 2654435761u);
  printf("tree: %u trees, checksum %016llx\n", n, (unsigned long long)sum);
  return 0;
}
