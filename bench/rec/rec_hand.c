/* The hand-written twin of rec.c: the constructor fills a record its caller
   owns (on the caller's stack), and there is no destructor. */
#include "rec_hand.h"

#include <string.h>

void rec_init(struct rec *r, int id) {
  r->id = id;
  memset(r->name, 'a' + id % 26, sizeof r->name - 1);
  r->name[sizeof r->name - 1] = 0;
  r->weight = (id % 1000) * 0.25;
}

double rec_query(const struct rec *r, int key) {
  return r->weight * key + r->name[(r->id + key) % 23];
}
