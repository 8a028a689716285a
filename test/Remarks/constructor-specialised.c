// A constructor's call whose result does not escape the caller is a site of
// the caller's (issue 14, item 4): the report and the remarks say it moved
// to the caller's stack, "constructor specialised". A call kept as written
// says nothing of its own: the constructor's allocation says why it is on
// the heap (returned), once, whatever its callers do. At -goescape-m=2 the
// kept call says why it was not specialised (uncounted: the allocation is
// the constructor's).
//
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M --implicit-check-not=goescape-m --implicit-check-not=rec_new
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m=2 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M2
// RUN: %clang -O2 -g -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=R --implicit-check-not=remark
// RUN: %clang -O2 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR

#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

struct rec {
  int id;
  double w;
};

NOINLINE struct rec *rec_new(int id) {
  struct rec *r = malloc(sizeof *r);
  if (!r)
    abort();
  r->id = id;
  r->w = id * 0.5;
  return r;
}

NOINLINE double weigh(const struct rec *r) { return r->w + r->id; }

double local_use(int id) {
  struct rec *r = rec_new(id);
  double v = weigh(r);
  free(r);
  return v;
}

struct rec *saved;
void keep(int id) { saved = rec_new(id); }

// M: constructor-specialised.c:24:19: malloc(16) escapes to heap: returned from 'rec_new'
// M-NEXT: constructor-specialised.c:35:19: rec_new(...) result moved to stack of 'local_use' (constructor specialised)
// M-NEXT: goescape: {{.*}}constructor-specialised.c: 1 site moved to stack (16 bytes), 1 kept on heap

// M2: constructor-specialised.c:24:19: malloc(16) escapes to heap:
// M2-NEXT: constructor-specialised.c:24:19:   flow: returned from 'rec_new' (at {{.*}}constructor-specialised.c:29:3)
// M2: constructor-specialised.c:35:19: rec_new(...) result moved to stack of 'local_use' (constructor specialised)
// M2-NEXT: constructor-specialised.c:42:29: rec_new(...) result escapes to heap:
// M2-NEXT: constructor-specialised.c:42:29:   flow: stored to global 'saved' (at {{.*}}constructor-specialised.c:42:27)
// M2-NEXT: goescape: {{.*}}constructor-specialised.c: 1 site moved to stack (16 bytes), 1 kept on heap

// R: constructor-specialised.c:24:19: remark: malloc(16) escapes to heap: returned from 'rec_new' [-Rpass-missed=goescape]
// R: constructor-specialised.c:35:19: remark: rec_new(...) result moved to stack of 'local_use' (constructor specialised) [-Rpass=goescape]

// IR-LABEL: define {{.*}}double @local_use(
// IR: alloca [16 x i8], align 16
// IR: call ptr @rec_new.goescape.ctor(
// IR-NOT: @free
// IR-LABEL: define {{.*}}void @keep(
// IR: call ptr @rec_new(
// IR-LABEL: define internal {{.*}}@rec_new.goescape.ctor(
// IR-NOT: @malloc
// IR: ret ptr
