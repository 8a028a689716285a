// Shapes from golang/go test/escape5.go (parameters leaking to results,
// callers of such functions, recursion, size limits), in C. Go's `var x int`
// whose address is taken becomes a malloc'd object; "moved to heap: x" /
// "&x escapes to heap" is goescape's "kept", "&x does not escape" is
// "promoted". Go's several results become out-parameters, one per result.
//
// RUN: %clang -O2 -fno-inline -g -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.ll | FileCheck %s

#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

int *gp;

NOINLINE int rd(const int *p) { return *p; }
// CHECK-LABEL: goescape: function 'rd': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape

// Go: func noleak(p *int) int { return *p } // ERROR "p does not escape"
NOINLINE int noleak(int *p) { return *p + 1; }
// CHECK-LABEL: goescape: function 'noleak': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape

// Go: func leaktoret(p *int) *int { return p } // ERROR "leaking param: p to result"
NOINLINE int *leaktoret(int *p) { return p; }
// CHECK-LABEL: goescape: function 'leaktoret': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to result ~r0 level=0

// Go: func leaktoret2(p *int) (*int, *int) { return p, p }
//     // ERROR "leaking param: p to result .anon1" "leaking param: p to result .anon2"
NOINLINE void leaktoret2(int *p, int **r0, int **r1) {
  *r0 = p;
  *r1 = p;
}
// CHECK-LABEL: goescape: function 'leaktoret2': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to content of r0 level=0
// CHECK-NEXT: leaking param: p to content of r1 level=0
// CHECK-NEXT: r0 does not escape
// CHECK-NEXT: r1 does not escape

// Go: func leaktoret22(p, q *int) (*int, *int) { return p, q }
//     // ERROR "leaking param: p to result .anon2" "leaking param: q to result .anon3"
NOINLINE void leaktoret22(int *p, int *q, int **r0, int **r1) {
  *r0 = p;
  *r1 = q;
}
// CHECK-LABEL: goescape: function 'leaktoret22': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to content of r0 level=0
// CHECK-NEXT: leaking param: q to content of r1 level=0

// Go: func leaktoret22b(p, q *int) (*int, *int) { return leaktoret22(q, p) }
//     // ERROR "leaking param: p to result .anon3" "leaking param: q to result .anon2"
// goescape: the callee's summary, with the arguments swapped.
NOINLINE void leaktoret22b(int *p, int *q, int **r0, int **r1) {
  leaktoret22(q, p, r0, r1);
}
// CHECK-LABEL: goescape: function 'leaktoret22b': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to content of r1 level=0
// CHECK-NEXT: leaking param: q to content of r0 level=0

// Go: func leaktosink(p *int) *int { gp = p; return p } // ERROR "leaking param: p"
NOINLINE int *leaktosink(int *p) {
  gp = p;
  return p;
}
// CHECK-LABEL: goescape: function 'leaktosink': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p
// CHECK-NEXT: leaking param: p to result ~r0 level=0

// Go: func f1() { var x int; p := noleak(&x); _ = p } // ERROR "&x does not escape"
int go_f1(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  int r = noleak(x);
  free(x);
  return r;
}
// CHECK-LABEL: goescape: function 'go_f1': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func f2() { var x int; p := leaktoret(&x); _ = p } // ERROR "&x does not escape"
int go_f2(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  int r = rd(leaktoret(x));
  free(x);
  return r;
}
// CHECK-LABEL: goescape: function 'go_f2': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func f3() { var x int; p := leaktoret(&x); gp = p }
//     // ERROR "moved to heap: x" "&x escapes to heap"
void go_f3(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  gp = leaktoret(x);
}
// CHECK-LABEL: goescape: function 'go_f3': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)

// Go: func f4() { var x int; p, q := leaktoret2(&x); gp = p; gp = q }
//     // ERROR "moved to heap: x" "&x escapes to heap"
void go_f4(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  int *p, *q;
  leaktoret2(x, &p, &q);
  gp = p;
  gp = q;
}
// CHECK-LABEL: goescape: function 'go_f4': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)

// Go: func f5() { var x int; leaktoret22(leaktoret2(&x)) } // ERROR "&x does not escape"
int go_f5(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  int *p, *q, *r, *s;
  leaktoret2(x, &p, &q);
  leaktoret22(p, q, &r, &s);
  int n = rd(r) + rd(s);
  free(x);
  return n;
}
// CHECK-LABEL: goescape: function 'go_f5': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func f6() { var x int; px1, px2 := leaktoret22(leaktoret2(&x)); gp = px1; _ = px2 }
//     // ERROR "moved to heap: x" "&x escapes to heap"
void go_f6(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  int *p, *q, *px1, *px2;
  leaktoret2(x, &p, &q);
  leaktoret22(p, q, &px1, &px2);
  gp = px1;
}
// CHECK-LABEL: goescape: function 'go_f6': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)

struct T {
  int x;
};

// Go: func (t *T) Foo(u int) (*T, bool) { t.x += u; return t, true }
//     // ERROR "leaking param: t to result"
NOINLINE struct T *T_Foo(struct T *t, int u) {
  t->x += u;
  return t;
}
// CHECK-LABEL: goescape: function 'T_Foo': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: t to result ~r0 level=0

// Go: func f7() *T { r, _ := new(T).Foo(42); return r } // ERROR "new.T. escapes to heap"
struct T *go_f7(void) {
  struct T *t = malloc(sizeof *t);
  t->x = 0;
  return T_Foo(t, 42);
}
// CHECK-LABEL: goescape: function 'go_f7': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesByReturn)

// Go: func leakrecursive1(p, q *int) (*int, *int) { return leakrecursive2(q, p) }
//     // ERROR "leaking param: p" "leaking param: q"
//     func leakrecursive2(p, q *int) (*int, *int) { if *p > *q { return leakrecursive1(q, p) }; return p, q }
//     // ERROR "leaking param: p" "leaking param: q"
// (Go's errorcheck patterns are regexps: "leaking param: p" also matches
// "leaking param: p to result ...".) The two results are out-parameters.
// goescape: the SCC is solved to a fixed point. Swapping twice gives back
// the same order, so p only ever reaches the first result, q the second;
// nothing reaches the heap.
void leakrecursive2(int *p, int *q, int **r0, int **r1);
NOINLINE void leakrecursive1(int *p, int *q, int **r0, int **r1) {
  leakrecursive2(q, p, r0, r1);
}
// CHECK-LABEL: goescape: function 'leakrecursive1': 0 sites, 0 promoted (recursive)
// CHECK-NEXT: leaking param: p to content of r1 level=0
// CHECK-NEXT: leaking param: q to content of r0 level=0
// CHECK-NEXT: r0 does not escape
// CHECK-NEXT: r1 does not escape
NOINLINE void leakrecursive2(int *p, int *q, int **r0, int **r1) {
  if (*p > *q) {
    leakrecursive1(q, p, r0, r1);
    return;
  }
  *r0 = p;
  *r1 = q;
}
// CHECK-LABEL: goescape: function 'leakrecursive2': 0 sites, 0 promoted (recursive)
// CHECK-NEXT: leaking param: p to content of r0 level=0
// CHECK-NEXT: leaking param: q to content of r1 level=0
// CHECK-NEXT: r0 does not escape
// CHECK-NEXT: r1 does not escape

// A caller of the recursive pair: the objects reach only locals.
int go_leakrecursive_caller(int a, int b) {
  int *p = malloc(sizeof *p), *q = malloc(sizeof *q);
  *p = a;
  *q = b;
  int *r0, *r1;
  leakrecursive1(p, q, &r0, &r1);
  int r = rd(r0) + rd(r1);
  free(p);
  free(q);
  return r;
}
// CHECK-LABEL: goescape: function 'go_leakrecursive_caller': 2 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

struct T1 {
  int *X;
};
struct T2 {
  struct T1 *Y;
};
void *global;

// Go: func f8(p *T1) (k T2) { if p == nil { k = T2{}; return }; global = p; return T2{p} }
//     // ERROR "leaking param: p to result k" "leaking param: p"
NOINLINE struct T2 f8(struct T1 *p) {
  if (p == NULL)
    return (struct T2){NULL};
  global = p;
  return (struct T2){p};
}
// CHECK-LABEL: goescape: function 'f8': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p
// CHECK-NEXT: leaking param: p to result ~r0 level=0

// Go: func f9() { var j T1; f8(&j) } // ERROR "moved to heap: j" "&j escapes to heap"
void go_f9(void) {
  struct T1 *j = malloc(sizeof *j);
  j->X = NULL;
  f8(j);
}
// CHECK-LABEL: goescape: function 'go_f9': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesToCall): passed to 'f8', which may keep it

// Go: func f10() { var x [1<<30]byte; var y = make([]byte, 1<<30); _ = x[0] + y[0] }
//     // ERROR "moved to heap: x" "does not escape"   (too big for the stack)
// goescape: Go's limit for implicit allocations, 64 KiB, inclusive.
NOINLINE int rdb(const char *p, int k) { return p[k]; }
// CHECK-LABEL: goescape: function 'rdb': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape
int go_f10(int k) {
  char *x = malloc(1 << 30);
  char *y = malloc(65537);
  char *z = malloc(65536);
  int r = rdb(x, k) + rdb(y, k) + rdb(z, k);
  free(x);
  free(y);
  free(z);
  return r;
}
// CHECK-LABEL: goescape: function 'go_f10': 3 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(1073741824): kept (TooLarge)
// CHECK-NEXT: {{%[0-9]+}} = malloc(65537): kept (TooLarge)
// CHECK-NEXT: {{%[0-9]+}} = malloc(65536): promoted (align 16, 1 free removed)
