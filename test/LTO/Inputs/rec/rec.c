#include "rec.h"

#include <stdlib.h>
#include <string.h>

struct rec *rec_new(int id) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    abort();
  r->id = id;
  memset(r->name, 'a' + id % 26, sizeof r->name - 1);
  r->name[sizeof r->name - 1] = 0;
  r->weight = id * 0.5;
  return r;
}

double rec_query(const struct rec *r) {
  return r->weight + r->name[r->id % 8];
}

void rec_free(struct rec *r) { free(r); }
