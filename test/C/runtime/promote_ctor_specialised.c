// RUN: %rtcheck %s --promoted 4
// Shape: constructors that are not inlined (issue 14, item 4). rec_new
// mallocs a record, exits if that failed, fills it and returns it;
// rec_maybe returns NULL for a bad id and callocs otherwise (NULL if calloc
// fails); pair_new zeroes nothing and returns the record through a phi with
// NULL; rec_checked frees the record and returns NULL when its
// initialisation fails. Their callers only read the result and free it, by
// free or by a free wrapper, in a loop: each call goes to a copy of the
// constructor that fills the caller's slot (constructor specialised), in
// which rec_checked's free is gone. 4 mallocs and callocs survive plain -O2
// in the constructors, returned, and stay there for other callers
// (keep_last): the 4 promotions are the callers' calls.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

struct rec {
  int id;
  char name[24];
  double weight;
};

NOINLINE struct rec *rec_new(int id) {
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

NOINLINE struct rec *rec_maybe(int id) {
  if (id < 0)
    return NULL;
  struct rec *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  r->id = id;
  r->name[id % 23] = 'x';
  return r;
}

struct pair {
  long a, b;
};

NOINLINE struct pair *pair_new(long a, long b) {
  struct pair *p = malloc(sizeof *p);
  if (p) {
    p->a = a;
    p->b = b * 2;
  }
  return p;
}

NOINLINE struct rec *rec_checked(int id) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    return NULL;
  r->id = id;
  if (id % 3 == 0) {
    free(r);
    return NULL;
  }
  strcpy(r->name, "checked");
  r->weight = id;
  return r;
}

NOINLINE double rec_query(const struct rec *r, int key) {
  return r->weight * key + r->name[(r->id + key) % 23];
}

NOINLINE void rec_free(struct rec *r) { free(r); }

// Another caller keeps a record: the constructor itself is unchanged.
static struct rec *last;
NOINLINE void keep_last(int id) {
  free(last);
  last = rec_new(id);
}

int main(int argc, char **argv) {
  (void)argv;
  double s = 0;
  long t = 0;
  for (int i = 0; i < 2000; i++) {
    struct rec *r = rec_new(i + argc);
    s += rec_query(r, i);
    rec_free(r);
    struct rec *m = rec_maybe(i - 3);
    if (m) {
      s += m->id + m->weight + m->name[(i - 3) % 23];
      free(m);
    } else {
      t += 1000;
    }
    struct rec *c = rec_checked(i);
    if (c) {
      s += c->weight + c->name[2];
      free(c);
    } else {
      t += 7;
    }
    struct pair *p = pair_new(i, argc);
    if (!p)
      return 3;
    t += p->a + p->b;
    free(p);
    if (i % 500 == 0)
      keep_last(i);
  }
  printf("s=%.2f t=%ld last=%d %s\n", s, t, last->id, last->name);
  free(last);
  return 0;
}
