/* Hand-written twin of tree.c: all seven nodes are locals of
 * build_and_eval, initialized in place (`struct node a = {0, seed & 15, NULL,
 * NULL};`, ..., `struct node root = {op, 0, &e, &f};`), instead of seven
 * new_node mallocs (each NULL-checked) and seven frees; new_node is gone with
 * them. eval, the seeds and the output are tree.c's.
 * usage: tree_hand [divisor] */
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
  struct node a = {0, (long)(seed & 15), NULL, NULL};
  struct node b = {0, (long)((seed >> 4) & 15), NULL, NULL};
  struct node c = {0, (long)((seed >> 8) & 15), NULL, NULL};
  struct node d = {0, (long)((seed >> 12) & 15), NULL, NULL};
  struct node e = {1 + (int)(seed % 3), 0, &a, &b};
  struct node f = {1 + (int)((seed >> 2) % 3), 0, &c, &d};
  struct node root = {1 + (int)((seed >> 5) % 3), 0, &e, &f};
  return eval(&root);
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
