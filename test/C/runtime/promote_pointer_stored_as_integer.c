// RUN: %rtcheck %s --promoted 2
// RUN: %rtcheck %s --promoted 2 --args "x y z"
// Shape: a pointer stored to memory as an integer of its width and read
// back as a pointer (a union's two members; LLVM writes C++'s unique_ptr
// moves the same way: ptrtoint, store i64). The store is a pointer store:
// the child and its node move to the stack. Beside it, the same bits read
// back as an integer and kept in a global, which main turns back into a
// pointer after the frame is gone: that child stays on the heap.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

union link {
  struct node *p;
  uintptr_t bits;
};
struct node {
  long v;
  union link kid;
};

__attribute__((noinline)) static long weigh(const struct node *n) {
  long s = 0;
  for (; n; n = n->kid.p)
    s = s * 10 + n->v;
  return s;
}

__attribute__((noinline)) static long local_pair(int argc) {
  struct node *c = malloc(sizeof *c);
  struct node *n = malloc(sizeof *n);
  if (!c || !n)
    abort();
  c->v = argc;
  c->kid.p = NULL;
  n->v = 7;
  n->kid.bits = (uintptr_t)c; // ptrtoint, store i64
  long s = weigh(n);
  free(n->kid.p);
  free(n);
  return s;
}

uintptr_t g_bits;

__attribute__((noinline)) static void leak_bits(int argc) {
  struct node *c = malloc(sizeof *c);
  struct node *n = malloc(sizeof *n);
  if (!c || !n)
    abort();
  c->v = argc + 40;
  c->kid.p = NULL;
  n->v = 3;
  n->kid.bits = (uintptr_t)c;
  g_bits = n->kid.bits; // the address, as a number, out of the frame
  free(n);
}

int main(int argc, char **argv) {
  (void)argv;
  long a = local_pair(argc);
  leak_bits(argc);
  struct node *back = (struct node *)g_bits;
  printf("%ld %ld\n", a, back->v);
  free(back);
  return 0;
}
