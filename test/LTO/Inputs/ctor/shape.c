/* A constructor too large to inline (noinline stands for that), a query
   and a destructor, in another file than their caller. */
#include "shape.h"

#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) struct shape *shape_new(int sides, double len) {
  struct shape *s = malloc(sizeof *s);
  if (!s) {
    fputs("shape_new: out of memory\n", stderr);
    exit(1);
  }
  s->sides = sides;
  s->len = len;
  snprintf(s->tag, sizeof s->tag, "%d-gon", sides);
  return s;
}

__attribute__((noinline)) double shape_perimeter(const struct shape *s) {
  return s->sides * s->len + s->tag[0];
}

void shape_free(struct shape *s) { free(s); }
