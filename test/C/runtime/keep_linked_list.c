// RUN: %rtcheck %s --promoted 0 --plugin-flags "-mllvm -goescape-carried-slots=0"
// RUN: %rtcheck %s --promoted 1
// Shape: a linked list built in a loop (each node points to the previous
// one), then walked and freed. 1 malloc survives plain -O2; each node is
// still live when the site runs again (carried across iterations), so one
// stack slot cannot hold them all: without carried slots, keep it on the
// heap; with two (the default), the first two nodes are in them and the
// rest on the heap, and the walk's free frees only those.
#include <stdio.h>
#include <stdlib.h>

struct node {
  int value;
  struct node *next;
};

int main(int argc, char **argv) {
  (void)argv;
  struct node *head = NULL;
  for (int i = 0; i < 100 + argc; i++) {
    struct node *n = malloc(sizeof *n);
    if (!n)
      return 2;
    n->value = i * argc;
    n->next = head;
    head = n;
  }
  long sum = 0;
  int count = 0;
  for (struct node *n = head; n; n = n->next) {
    sum += n->value;
    count++;
  }
  printf("count=%d sum=%ld\n", count, sum);
  while (head) {
    struct node *next = head->next;
    free(head);
    head = next;
  }
  return count == 101 && sum == 5050 ? 0 : 1;
}
