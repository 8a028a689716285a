/* A list node of labels, shared by main.c and text.c. */
#ifndef STATS_NODE_H
#define STATS_NODE_H
#include <stdlib.h>

struct node {
  struct node *next;
  char label[24];
};

static inline struct node *node_new(const char *label, struct node *next) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    abort();
  size_t i = 0;
  for (; label[i] && i < sizeof n->label - 1; ++i)
    n->label[i] = label[i];
  n->label[i] = 0;
  n->next = next;
  return n;
}

static inline size_t node_count(struct node *n) {
  size_t c = 0;
  for (; n; n = n->next)
    ++c;
  return c;
}

static inline void node_free(struct node *n) {
  while (n) {
    struct node *next = n->next;
    free(n);
    n = next;
  }
}

#endif
