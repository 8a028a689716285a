/* The constructor mallocs the record and NULL-checks it; the destructor
   frees it. */
#include "rec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec *rec_new(int id) {
  struct rec *r = malloc(sizeof *r);
  if (!r) {
    fputs("rec_new: out of memory\n", stderr);
    exit(1);
  }
  r->id = id;
  memset(r->name, 'a' + id % 26, sizeof r->name - 1);
  r->name[sizeof r->name - 1] = 0;
  r->weight = (id % 1000) * 0.25;
  return r;
}

double rec_query(const struct rec *r, int key) {
  return r->weight * key + r->name[(r->id + key) % 23];
}

void rec_free(struct rec *r) { free(r); }
