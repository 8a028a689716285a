/* A growable vector of doubles. */
#ifndef STATS_VEC_H
#define STATS_VEC_H
#include <stddef.h>

struct vec {
  double *data;
  size_t len, cap;
};

struct vec *vec_new(void);
void vec_push(struct vec *v, double x);
void vec_free(struct vec *v);

#endif
