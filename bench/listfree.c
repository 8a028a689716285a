/* goescape benchmark: structures freed by a callee that frees them whole.
 * Each call of build_and_eval builds a 4-node linked list and a 5-node
 * expression tree, reads them with noinline walkers that keep no pointer
 * into them, and frees them with the usual destructors: list_free, a loop
 * over the list, and tree_free, a recursive post-order free. Neither
 * destructor is inlined; every node either frees is one its caller made.
 * usage: listfree [divisor]   (builds ITERS/divisor lists and trees) */
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

static inline struct item *push(struct item *next, long v) {
  struct item *i = malloc(sizeof *i);
  if (!i)
    abort();
  i->next = next;
  i->v = v;
  return i;
}

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

NOINLINE static void list_free(struct item *l) {
  while (l) {
    struct item *next = l->next;
    free(l);
    l = next;
  }
}

NOINLINE static void tree_free(struct node *n) {
  if (!n)
    return;
  tree_free(n->left);
  tree_free(n->right);
  free(n);
}

NOINLINE static long build_and_eval(unsigned seed) {
  struct item *l = push(NULL, (long)(seed & 15));
  l = push(l, (long)((seed >> 4) & 15));
  l = push(l, (long)((seed >> 8) & 15));
  l = push(l, (long)((seed >> 12) & 15));
  long v = list_sum(l);
  struct node *t = new_node(1 + (int)((seed >> 5) % 3), 0,
                            new_node(1 + (int)(seed % 3), 0,
                                     new_node(0, (long)((seed >> 16) & 15), NULL, NULL),
                                     new_node(0, (long)((seed >> 20) & 15), NULL, NULL)),
                            new_node(0, (long)((seed >> 24) & 15), NULL, NULL));
  v = v * 7 + eval(t);
  list_free(l);
  tree_free(t);
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
