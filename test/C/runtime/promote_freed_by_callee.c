// RUN: %rtcheck %s --promoted 10
// Shape (issue 12, shape 1): objects freed by a callee that frees a whole
// structure: a list freed by list_free, a tree by a recursive tree_free,
// a list built and freed in every iteration of a loop. Everything each
// call may free is the caller's own: the calls go to copies of the
// callees without their frees, and all ten objects move to the stack. The
// originals still free the list that drop_heap_list is given, which comes
// from a function that returns it: its nodes stay on the heap.
#include <stdio.h>
#include <stdlib.h>

struct item {
  struct item *next;
  long v;
};
struct node {
  long v;
  struct node *l, *r;
};

__attribute__((noinline)) void list_free(struct item *l) {
  while (l) {
    struct item *n = l->next;
    free(l);
    l = n;
  }
}

__attribute__((noinline)) void tree_free(struct node *n) {
  if (!n)
    return;
  tree_free(n->l);
  tree_free(n->r);
  free(n);
}

__attribute__((noinline)) long sum(const struct item *l) {
  long s = 0;
  for (; l; l = l->next)
    s += l->v;
  return s;
}

__attribute__((noinline)) long tsum(const struct node *n) {
  return n ? n->v + tsum(n->l) + tsum(n->r) : 0;
}

static struct item *push(struct item *n, long v) {
  struct item *i = malloc(sizeof *i);
  if (!i)
    exit(2);
  i->next = n;
  i->v = v;
  return i;
}

static struct node *mk(long v, struct node *l, struct node *r) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    exit(2);
  n->v = v;
  n->l = l;
  n->r = r;
  return n;
}

__attribute__((noinline)) long run(long k) {
  struct item *l = push(push(push(NULL, k), k + 1), k + 2);
  long s = sum(l);
  list_free(l);
  struct node *t = mk(k, mk(1, NULL, NULL), mk(2, mk(3, NULL, NULL), NULL));
  s += tsum(t);
  tree_free(t);
  return s;
}

__attribute__((noinline)) long loop(int n) {
  long s = 0;
  for (int i = 0; i < n; i++) {
    struct item *l = push(push(push(NULL, i), 2 * i), 3 * i);
    s = s * 7 + sum(l);
    list_free(l);
  }
  return s;
}

__attribute__((noinline)) struct item *make_list(long v) {
  return push(push(NULL, v), v + 1);
}

__attribute__((noinline)) long drop_heap_list(long v) {
  struct item *l = make_list(v);
  long s = sum(l);
  list_free(l);
  return s;
}

int main(void) {
  long s = 0;
  for (int i = 0; i < 1000; i++)
    s += run(i) + drop_heap_list(i);
  s += loop(100);
  printf("%ld\n", s);
  return 0;
}
