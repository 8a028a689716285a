// RUN: %rtcheck %s --promoted 11
// Shape (issue 12, shape 2): a tree evaluated by a recursive walker that
// reads each node's op and val and follows left and right, and a list
// summed by a walker that reads each item's value through a cursor that
// is a phi of the head and loaded next pointers. Integer fields read
// through loaded pointers expose no pointer field: all ten objects move to
// the stack. A third walker compares the addresses in the link fields:
// the two items they point to stay on the heap, the head moves (11).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct node {
  int op;
  long val;
  struct node *left, *right;
};

struct item {
  struct item *next;
  long v;
};

__attribute__((noinline)) static long eval(const struct node *n) {
  switch (n->op) {
  case 0:
    return n->val;
  case 1:
    return eval(n->left) + eval(n->right);
  case 2:
    return eval(n->left) * eval(n->right);
  default:
    return eval(n->left) - eval(n->right);
  }
}

__attribute__((noinline)) static long sum(const struct item *l) {
  long s = 0;
  for (; l; l = l->next)
    s += l->v;
  return s;
}

/* Reads the link fields' bytes as integers: the addresses are exposed. */
__attribute__((noinline)) static int links_distinct(const struct item *l) {
  uintptr_t a = (uintptr_t)l->next;
  uintptr_t b = l->next ? (uintptr_t)l->next->next : 0;
  return a != b;
}

static struct node *mk(int op, long val, struct node *l, struct node *r) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    exit(2);
  n->op = op;
  n->val = val;
  n->left = l;
  n->right = r;
  return n;
}

static struct item *push(struct item *next, long v) {
  struct item *i = malloc(sizeof *i);
  if (!i)
    exit(2);
  i->next = next;
  i->v = v;
  return i;
}

__attribute__((noinline)) static long tree(unsigned seed) {
  struct node *a = mk(0, seed & 15, NULL, NULL);
  struct node *b = mk(0, (seed >> 4) & 15, NULL, NULL);
  struct node *c = mk(0, (seed >> 8) & 15, NULL, NULL);
  struct node *d = mk(0, (seed >> 12) & 15, NULL, NULL);
  struct node *e = mk(1 + seed % 3, 0, a, b);
  struct node *f = mk(1 + (seed >> 2) % 3, 0, c, d);
  struct node *root = mk(1 + (seed >> 5) % 3, 0, e, f);
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

__attribute__((noinline)) static long list(unsigned seed) {
  struct item *l = push(push(push(NULL, seed & 7), seed & 63), seed);
  long s = sum(l);
  struct item *n = l->next;
  free(n->next);
  free(n);
  free(l);
  return s;
}

__attribute__((noinline)) static int exposed(unsigned seed) {
  struct item *l = push(push(push(NULL, 1), 2), seed);
  int r = links_distinct(l);
  struct item *n = l->next;
  free(n->next);
  free(n);
  free(l);
  return r;
}

int main(void) {
  long t = 0;
  for (unsigned i = 0; i < 1000; i++)
    t = t * 31 + tree(i * 2654435761u) + list(i) + exposed(i);
  printf("%ld\n", t);
  return 0;
}
