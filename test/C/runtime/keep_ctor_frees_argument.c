// RUN: %rtcheck %s --promoted 2
// Shape: grow(old) returns a fresh object and frees the one it was given (a
// realloc by hand). Its call frees an argument: it is no constructor a
// caller may give a slot (its copy would free the caller's object, the
// slot among them), and its call is the one that frees main's object a,
// which a copy of grow without its frees takes over. Found by an
// adversarial test: goescape crashed (the constructor's call was erased,
// then sent to the copy without frees). 3 mallocs survive plain -O2 (a and
// c in main, r in grow): a and c move to main's stack, their frees going
// with the copies of grow and consume without frees; r stays on the heap.
#include <stdio.h>
#include <stdlib.h>

struct obj {
  long a, b;
};

__attribute__((noinline)) struct obj *grow(struct obj *old) {
  struct obj *r = malloc(sizeof *r);
  if (!r)
    abort();
  r->a = old->a;
  r->b = 2;
  free(old);
  return r;
}

// Frees p through grow: called with a heap object of main's.
__attribute__((noinline)) long consume(struct obj *p) {
  struct obj *b = grow(p);
  long v = b->a + b->b;
  free(b);
  return v;
}

int main(int argc, char **argv) {
  (void)argv;
  struct obj *a = malloc(sizeof *a);
  if (!a)
    return 2;
  a->a = argc;
  struct obj *b = grow(a);
  long v = b->a + b->b;
  free(b);
  struct obj *c = malloc(sizeof *c);
  if (!c)
    return 2;
  c->a = argc * 10;
  v += consume(c);
  printf("%ld\n", v);
  return v == 15 ? 0 : 1;
}
