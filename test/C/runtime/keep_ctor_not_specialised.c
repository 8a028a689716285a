// RUN: %rtcheck %s --promoted 0
// Shape: functions that return a fresh allocation but are no constructor a
// caller may give its own slot (issue 14, item 4), each called by a caller
// that only reads the result and frees it (or, for the last, keeps it):
//   rec_remember   stores the record's address in a global, read after
//                  its caller returned (a use after return if promoted)
//   rec_self       stores the record's address into the record
//   rec_or_spare   returns a global's address on one path
//   rec_disposed   frees the record through dispose() on one path, which
//                  frees more than the record
//   rec_grown      allocates in a loop, copying the previous block
//   rec_new        a constructor whose caller stores the result globally
// 7 mallocs survive plain -O2: the 6 constructors', returned or kept, and
// the scratch buffer dispose() frees, stored to a global. Nothing is
// promoted, and the outputs match the plain build's.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))

struct rec {
  int id;
  struct rec *self;
  char name[16];
};

static struct rec *remembered;
static struct rec spare = {-1, NULL, "spare"};

NOINLINE struct rec *rec_remember(int id) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    abort();
  r->id = id;
  r->self = NULL;
  snprintf(r->name, sizeof r->name, "rem%d", id);
  remembered = r;
  return r;
}

NOINLINE struct rec *rec_self(int id) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    abort();
  r->id = id;
  r->self = r;
  strcpy(r->name, "self");
  return r;
}

NOINLINE struct rec *rec_or_spare(int id) {
  if (id < 0)
    return &spare;
  struct rec *r = malloc(sizeof *r);
  if (!r)
    abort();
  r->id = id;
  r->self = NULL;
  strcpy(r->name, "fresh");
  return r;
}

static char *scratch;

NOINLINE void dispose(struct rec *r) {
  free(r);
  free(scratch);
  scratch = NULL;
}

NOINLINE struct rec *rec_disposed(int id) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    return NULL;
  r->id = id;
  if (id % 3 == 0) {
    dispose(r);
    return NULL;
  }
  r->self = NULL;
  strcpy(r->name, "disposed");
  return r;
}

NOINLINE struct rec *rec_grown(int n) {
  struct rec *p = NULL;
  for (int i = 0; i < n; i++) {
    struct rec *q = malloc(sizeof *q);
    if (!q)
      abort();
    if (p) {
      memcpy(q, p, sizeof *q);
      free(p);
    } else {
      memset(q, 0, sizeof *q);
    }
    q->id += i;
    p = q;
  }
  return p;
}

NOINLINE struct rec *rec_new(int id) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    abort();
  r->id = id;
  r->self = NULL;
  strcpy(r->name, "new");
  return r;
}

static struct rec *kept;

NOINLINE int use_remember(int id) {
  struct rec *r = rec_remember(id);
  return r->id; // the record lives on in `remembered`
}

NOINLINE int use_self(int id) {
  struct rec *r = rec_self(id);
  int v = r->self->id + (int)strlen(r->name);
  free(r);
  return v;
}

NOINLINE int use_spare(int id) {
  struct rec *r = rec_or_spare(id);
  int v = r->id + r->name[0];
  if (r != &spare)
    free(r);
  return v;
}

NOINLINE int use_disposed(int id) {
  struct rec *r = rec_disposed(id);
  if (!r)
    return -1;
  int v = r->id + r->name[1];
  free(r);
  return v;
}

NOINLINE int use_grown(int n) {
  struct rec *r = rec_grown(n);
  if (!r)
    return 0;
  int v = r->id;
  free(r);
  return v;
}

NOINLINE int use_kept(int id) {
  struct rec *r = rec_new(id);
  free(kept);
  kept = r;
  return r->id;
}

int main(int argc, char **argv) {
  (void)argv;
  long s = 0;
  for (int i = -2; i < 50; i++) {
    s += use_remember(i + argc);
    s += remembered->id * 3 + remembered->name[3];
    free(remembered);
    scratch = malloc(8 + (size_t)(i & 7));
    s += use_self(i) + use_spare(i) + use_disposed(i) + use_grown(i % 5);
    s += use_kept(i);
  }
  printf("s=%ld kept=%d %s spare=%s\n", s, kept->id, kept->name, spare.name);
  free(kept);
  free(scratch);
  return 0;
}
