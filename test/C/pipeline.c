// The pass in clang's pipelines: after inlining, and cleaned up behind, so a
// small struct that is malloc'd, filled, read by a helper and freed leaves no
// malloc, no free and no alloca. At -O0 it does nothing and says nothing.
//
// RUN: %clang -O2 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=OPT
// RUN: %clang -O1 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=OPT
// RUN: %clang -O3 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=OPT
// RUN: %clang -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=PLAIN
// RUN: %clang -O0 -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -S -emit-llvm %s -o - 2>&1 | FileCheck %s --check-prefix=O0 --implicit-check-not=remark
// RUN: %clang -O2 -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

#include <stdlib.h>

struct point { long x, y; };

static long get(const struct point *p, int which) {
  return which ? p->y : p->x;
}

// Plain -O2 keeps this malloc: the load through the helper's select is not
// known to be safe to speculate on heap memory. As a stack slot it is, and
// SROA takes the rest.
// PLAIN-LABEL: define {{.*}} @choose(
// PLAIN: call {{.*}} @malloc
// PLAIN: call void @free
// PLAIN-LABEL: define {{.*}} @length2(
// OPT-LABEL: define {{.*}} @choose(
// OPT-NOT: @malloc
// OPT-NOT: @free
// OPT-NOT: alloca
// OPT: ret i64
// O0-LABEL: define {{.*}} @choose(
// O0: call {{.*}} @malloc
// O0: call void @free
// REMARK: pipeline.c:[[@LINE+2]]:21: remark: malloc(16) moved to stack [-Rpass=goescape]
long choose(long x, long y, int c) {
  struct point *p = malloc(sizeof *p);
  if (!p)
    abort();
  p->x = x;
  p->y = y;
  long r = get(p, c) * 2;
  free(p);
  return r;
}

// Read with a variable index: SROA cannot split the slot by itself (at -O1
// one alloca stays; at -O2 the loop is unrolled later and it goes), but
// malloc and free are gone at every level.
// OPT-LABEL: define {{.*}} @length2(
// OPT-NOT: @malloc
// OPT-NOT: @free
// OPT: ret double
// REMARK: pipeline.c:[[@LINE+3]]:20: remark: malloc(24) moved to stack [-Rpass=goescape]
struct vec3 { double v[3]; };
double length2(double x, double y, double z, int k) {
  struct vec3 *p = malloc(sizeof *p);
  if (!p)
    abort();
  p->v[0] = x;
  p->v[1] = y;
  p->v[2] = z;
  double s = 0;
  for (int i = 0; i < k && i < 3; i++)
    s += p->v[i] * p->v[i];
  free(p);
  return s;
}

// Kept: returned to the caller.
// OPT-LABEL: define {{.*}} @make_point(
// OPT: call {{.*}} @malloc
// REMARK: pipeline.c:[[@LINE+2]]:21: remark: malloc(16) escapes to heap: returned from 'make_point' [-Rpass-missed=goescape]
struct point *make_point(long x) {
  struct point *p = malloc(sizeof *p);
  if (p)
    p->x = p->y = x;
  return p;
}
