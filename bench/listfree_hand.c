/* Hand-written twin of listfree.c: the four list items and the five tree
 * nodes are locals of build_and_eval, linked in place (`struct item d =
 * {&c, seed >> 12 & 15};`, `struct node t = {op, 0, &e, &z};`), instead of
 * nine mallocs (each NULL-checked); with nothing on the heap there is
 * nothing to free, so list_free, tree_free, push and new_node are gone.
 * list_sum, eval, the seeds and the output are listfree.c's.
 * usage: listfree_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 6000000u

struct item {
  struct item *next;
  long v;
};

struct node {
  int op; /* 0 = leaf, 1 = add, 2 = mul, 3 = sub */
  long val;
  struct node *left, *right;
};

/* Reads the list; keeps no pointer into it. */
NOINLINE static long list_sum(const struct item *l) {
  long s = 0;
  for (; l; l = l->next)
    s = s * 3 + l->v;
  return s;
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
  struct item a = {NULL, (long)(seed & 15)};
  struct item b = {&a, (long)((seed >> 4) & 15)};
  struct item c = {&b, (long)((seed >> 8) & 15)};
  struct item d = {&c, (long)((seed >> 12) & 15)};
  long v = list_sum(&d);
  struct node x = {0, (long)((seed >> 16) & 15), NULL, NULL};
  struct node y = {0, (long)((seed >> 20) & 15), NULL, NULL};
  struct node z = {0, (long)((seed >> 24) & 15), NULL, NULL};
  struct node e = {1 + (int)(seed % 3), 0, &x, &y};
  struct node t = {1 + (int)((seed >> 5) % 3), 0, &e, &z};
  v = v * 7 + eval(&t);
  return v;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  uint64_t sum = (uint64_t)argc;
  for (unsigned i = 0; i < n; i++)
    sum = sum * 31 + (uint64_t)build_and_eval(i * 2654435761u);
  printf("listfree: %u lists and trees, checksum %016llx\n", n, (unsigned long long)sum);
  return 0;
}
