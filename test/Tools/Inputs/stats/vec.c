#include "vec.h"
#include <stdlib.h>

struct vec *vec_new(void) {
  struct vec *v = malloc(sizeof *v); /* returned: stays on the heap */
  if (!v)
    abort();
  v->data = NULL;
  v->len = v->cap = 0;
  return v;
}

void vec_push(struct vec *v, double x) {
  if (v->len == v->cap) {
    v->cap = v->cap ? 2 * v->cap : 8;
    v->data = realloc(v->data, v->cap * sizeof *v->data);
    if (!v->data)
      abort();
  }
  v->data[v->len++] = x;
}

void vec_free(struct vec *v) {
  free(v->data);
  free(v);
}
