// Shapes from golang/go test/escape2.go, in C. Go's `&x` of a local, `new(T)`
// and `&T{...}` become malloc (or calloc) so that the C object is a heap
// allocation goescape may promote; Go's "moved to heap: x" / "escapes to
// heap" is goescape's "kept", Go's "does not escape" is "promoted". Helpers
// stay out of line (-fno-inline, noinline), so what callers see is the
// callee's summary. Closures, interfaces, maps, channels, goroutines and
// defer have no C equivalent and are left out.
//
// Two rules of goescape make some summaries differ from Go's text while the
// verdicts on objects agree:
//  - SSA: a parameter reassigned in the body (Go's `xx = yy`) is a new value,
//    so the old one does not flow anywhere.
//  - `*p = q` where p is a parameter is a flow ("leaking param: q to content
//    of p"), resolved by each caller, where Go sends q to the heap ("leaking
//    param: q": assignments through a pointer lose track). That is sound: the
//    caller sees q stored into whatever its argument for p points to.
//  - C's types are not trusted: an int copied from an object may carry the
//    bits of a pointer, so copying *p (an int) into the heap is "leaking param
//    content: p" where Go, knowing *p is an int, says "p does not escape".
//    Callers lose nothing by it when the object they pass holds no pointers.
//
// RUN: %clang -O2 -fno-inline -g -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.ll | FileCheck %s

#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

int *gxx;
int **xxx;

// Out-of-line readers: they keep an object alive through -O2 without letting
// it escape.
NOINLINE int rd(const int *p) { return *p; }
// CHECK-LABEL: goescape: function 'rd': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape
NOINLINE int rdpp(int *const *p) { return **p; }
// CHECK-LABEL: goescape: function 'rdpp': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape

// Go: func foo1(x int) { gxx = &x }      // ERROR "moved to heap: x$"
// goescape: the object is stored to a global: kept.
void go_foo1(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  gxx = x;
}
// CHECK-LABEL: goescape: function 'go_foo1': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal): stored to global 'gxx'

// Go: func foo2(yy *int) { gxx = yy }    // ERROR "leaking param: yy$"
void go_foo2(int *yy) { gxx = yy; }
// CHECK-LABEL: goescape: function 'go_foo2': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: yy

// Go: func foo3(x int) *int { return &x } // ERROR "moved to heap: x$"
int *go_foo3(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  return x;
}
// CHECK-LABEL: goescape: function 'go_foo3': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesByReturn): returned from 'go_foo3'

// Go: type T *T; func foo3b(t T) { *t = t }   // ERROR "leaking param: t$"
// goescape: t is stored into what t points to: a flow into the caller's
// object, not into the heap (more precise than Go, see the top).
void go_foo3b(void **t) { *t = t; }
// CHECK-LABEL: goescape: function 'go_foo3b': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: t to content of t level=0

// Go: func foo4(xx, yy *int) { xx = yy }
//     // ERROR "xx does not escape$" "yy does not escape$"
void go_foo4(int *xx, int *yy) { xx = yy; (void)xx; }
// CHECK-LABEL: goescape: function 'go_foo4': 0 sites, 0 promoted
// CHECK-NEXT: xx does not escape
// CHECK-NEXT: yy does not escape

// Go: func foo6(xx **int, yy *int) { *xx = yy }
//     // ERROR "xx does not escape$" "leaking param: yy$"
// goescape: yy goes into what xx points to (Go: to the heap).
void go_foo6(int **xx, int *yy) { *xx = yy; }
// CHECK-LABEL: goescape: function 'go_foo6': 0 sites, 0 promoted
// CHECK-NEXT: xx does not escape
// CHECK-NEXT: leaking param: yy to content of xx level=0

// Go: func foo8(xx, yy *int) int { xx = yy; return *xx }
//     // ERROR "xx does not escape$" "yy does not escape$"
int go_foo8(int *xx, int *yy) { xx = yy; return *xx; }
// CHECK-LABEL: goescape: function 'go_foo8': 0 sites, 0 promoted
// CHECK-NEXT: xx does not escape
// CHECK-NEXT: yy does not escape

// Go: func foo9(xx, yy *int) *int { xx = yy; return xx }
//     // ERROR "leaking param: xx to result ~r2 level=0$" "leaking param: yy to result ~r2 level=0$"
// goescape: in SSA the incoming xx is dead after `xx = yy`, so only yy is
// returned (Go's parameter variable is one location for both values).
int *go_foo9(int *xx, int *yy) { xx = yy; return xx; }
// CHECK-LABEL: goescape: function 'go_foo9': 0 sites, 0 promoted
// CHECK-NEXT: xx does not escape
// CHECK-NEXT: leaking param: yy to result ~r0 level=0

// Go: func foo10(xx, yy *int) { *xx = *yy }
//     // ERROR "xx does not escape$" "yy does not escape$"
NOINLINE void go_foo10(int *xx, int *yy) { *xx = *yy; }
// CHECK-LABEL: goescape: function 'go_foo10': 0 sites, 0 promoted
// CHECK-NEXT: xx does not escape
// CHECK-NEXT: yy does not escape

// Go: func foo11() int { x, y := 0, 42; xx := &x; yy := &y; *xx = *yy; return x }
//     (no diagnostics: x and y stay on the stack)
// goescape: both objects are only read and written through go_foo10.
int go_foo11(int a, int b) {
  int *x = malloc(sizeof *x), *y = malloc(sizeof *y);
  *x = a;
  *y = b;
  go_foo10(x, y);
  int r = rd(x);
  free(x);
  free(y);
  return r;
}
// CHECK-LABEL: goescape: function 'go_foo11': 2 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func foo12(yyy **int) { xxx = yyy }   // ERROR "leaking param: yyy$"
void go_foo12(int **yyy) { xxx = yyy; }
// CHECK-LABEL: goescape: function 'go_foo12': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: yyy

// Go: func foo13(yyy **int) { *xxx = *yyy } // ERROR "leaking param content: yyy$"
void go_foo13(int **yyy) { *xxx = *yyy; }
// CHECK-LABEL: goescape: function 'go_foo13': 0 sites, 0 promoted
// CHECK-NEXT: leaking param content: yyy

// Go: func foo15(yy *int) { xxx = &yy }     // ERROR "moved to heap: yy$"
// goescape: the cell holding yy is stored to a global: kept, and yy with it.
void go_foo15(int *yy) {
  int **cell = malloc(sizeof *cell);
  *cell = yy;
  xxx = cell;
}
// CHECK-LABEL: goescape: function 'go_foo15': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesToGlobal): stored to global 'xxx'
// CHECK-NEXT: leaking param: yy

// Go: func foo16(yy *int) { *xxx = yy }     // ERROR "leaking param: yy$"
void go_foo16(int *yy) { *xxx = yy; }
// CHECK-LABEL: goescape: function 'go_foo16': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: yy

// Go: func foo18(y int) { *xxx = &y }       // ERROR "moved to heap: y$"
// goescape: stored through a pointer loaded from a global: kept.
void go_foo18(int v) {
  int *y = malloc(sizeof *y);
  *y = v;
  *xxx = y;
}
// CHECK-LABEL: goescape: function 'go_foo18': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToUnknownMemory)

struct Bar {
  int i;
  int *ii;
};

// Go: func NewBar() *Bar { return &Bar{42, nil} } // ERROR "&Bar literal escapes to heap$"
struct Bar *go_NewBar(void) {
  struct Bar *b = malloc(sizeof *b);
  b->i = 42;
  b->ii = NULL;
  return b;
}
// CHECK-LABEL: goescape: function 'go_NewBar': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(16): kept (EscapesByReturn): returned from 'go_NewBar'

// Go: func NewBarp(x *int) *Bar { return &Bar{42, x} }
//     // ERROR "leaking param: x$" "&Bar literal escapes to heap$"
struct Bar *go_NewBarp(int *x) {
  struct Bar *b = malloc(sizeof *b);
  b->i = 42;
  b->ii = x;
  return b;
}
// CHECK-LABEL: goescape: function 'go_NewBarp': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(16): kept (EscapesByReturn): returned from 'go_NewBarp'
// CHECK-NEXT: leaking param: x

// Go: func (b *Bar) NoLeak() int { return *(b.ii) } // ERROR "b does not escape$"
int go_Bar_NoLeak(struct Bar *b) { return *b->ii; }
// CHECK-LABEL: goescape: function 'go_Bar_NoLeak': 0 sites, 0 promoted
// CHECK-NEXT: b does not escape

// Go: func (b *Bar) Leak() *int { return &b.i }
//     // ERROR "leaking param: b to result ~r0 level=0$"
int *go_Bar_Leak(struct Bar *b) { return &b->i; }
// CHECK-LABEL: goescape: function 'go_Bar_Leak': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: b to result ~r0 level=0

// Go: func (b *Bar) AlsoNoLeak() *int { return b.ii }
//     // ERROR "leaking param: b to result ~r0 level=1$"
int *go_Bar_AlsoNoLeak(struct Bar *b) { return b->ii; }
// CHECK-LABEL: goescape: function 'go_Bar_AlsoNoLeak': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: b to result ~r0 level=1

// Go: func (b *Bar) LeaksABit() *int { v := 0; b.ii = &v; return b.ii }
//     // ERROR "leaking param: b to result ~r0 level=1$" "moved to heap: v$"
// goescape: v is kept (returned, and stored into *b). -O2 forwards the load
// of b->ii to v, so b itself reaches no result: b's summary is "does not
// escape", sound since the result is v, never anything b held before.
int *go_Bar_LeaksABit(struct Bar *b) {
  int *v = malloc(sizeof *v);
  *v = 0;
  b->ii = v;
  return b->ii;
}
// CHECK-LABEL: goescape: function 'go_Bar_LeaksABit': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept
// CHECK-NEXT: b does not escape

int *x_;

// Go: func fooleak(xx *int) int { x = xx; return *x } // ERROR "leaking param: xx$"
NOINLINE int go_fooleak(int *xx) {
  x_ = xx;
  return *x_;
}
// CHECK-LABEL: goescape: function 'go_fooleak': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: xx

// Go: func foonoleak(xx *int) int { return *x + *xx } // ERROR "xx does not escape$"
NOINLINE int go_foonoleak(int *xx) { return *x_ + *xx; }
// CHECK-LABEL: goescape: function 'go_foonoleak': 0 sites, 0 promoted
// CHECK-NEXT: xx does not escape

// Go: func foo31(x int) int { return fooleak(&x) } // ERROR "moved to heap: x$"
int go_foo31(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  return go_fooleak(x);
}
// CHECK-LABEL: goescape: function 'go_foo31': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToCall): passed to 'go_fooleak', which may keep it

// Go: func foo32(x int) int { return foonoleak(&x) }  (x stays on the stack)
int go_foo32(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  return go_foonoleak(x);
}
// CHECK-LABEL: goescape: function 'go_foo32': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16)

struct Foo {
  int *xx;
  int x;
};
struct Foo F;
struct Foo *pf;

// Go: func (f *Foo) fooleak() { pf = f }  // ERROR "leaking param: f$"
NOINLINE void go_Foo_fooleak(struct Foo *f) { pf = f; }
// CHECK-LABEL: goescape: function 'go_Foo_fooleak': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: f

// Go: func (f *Foo) Leak() { f.fooleak() } // ERROR "leaking param: f$"
void go_Foo_Leak(struct Foo *f) { go_Foo_fooleak(f); }
// CHECK-LABEL: goescape: function 'go_Foo_Leak': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: f

// Go: func foo41(x int) { F.xx = &x }     // ERROR "moved to heap: x$"
void go_foo41(int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  F.xx = x;
}
// CHECK-LABEL: goescape: function 'go_foo41': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal): stored to global 'F'

// Go: func foo43(f *Foo, x int) { f.xx = &x }
//     // ERROR "f does not escape$" "moved to heap: x$"
void go_foo43(struct Foo *f, int v) {
  int *x = malloc(sizeof *x);
  *x = v;
  f->xx = x;
}
// CHECK-LABEL: goescape: function 'go_foo43': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToUnknownMemory): stored to memory not owned by 'go_foo43'
// CHECK-NEXT: f does not escape

// Go: func (f *Foo) foo46() { F.xx = f.xx } // ERROR "leaking param content: f$"
void go_Foo_foo46(struct Foo *f) { F.xx = f->xx; }
// CHECK-LABEL: goescape: function 'go_Foo_foo46': 0 sites, 0 promoted
// CHECK-NEXT: leaking param content: f

// Go: func (f *Foo) foo47() { f.xx = &f.x } // ERROR "leaking param: f$"
// goescape: f goes into its own pointee, a flow the caller resolves.
void go_Foo_foo47(struct Foo *f) { f->xx = &f->x; }
// CHECK-LABEL: goescape: function 'go_Foo_foo47': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: f to content of f level=0

// Go: func foo60(i *int) *int { var a [12]*int; a[0] = i; return a[1] }
//     // ERROR "leaking param: i to result ~r1 level=0$"
// Field-insensitive, like Go: whatever element is read, i may be it. The
// array is calloc'd and indexed by a parameter so that -O2 cannot see
// through it.
int *go_foo60(int *i, int k) {
  int **a = calloc(12, sizeof *a);
  a[0] = i;
  int *r = a[k];
  free(a);
  return r;
}
// CHECK-LABEL: goescape: function 'go_foo60': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = calloc(96): promoted (align 16, 1 free removed)
// CHECK-NEXT: leaking param: i to result ~r0 level=0

struct S2 {
  int *a, *b;
};
NOINLINE int rd_S2_b(struct S2 *s, int k) { return k ? *s->b : 0; }
// CHECK-LABEL: goescape: function 'rd_S2_b': 0 sites, 0 promoted
// CHECK-NEXT: s does not escape

// Go: func foo62(i *int) *int { s := new(S); s.a = i; return nil }
//     // ERROR "leaking param: i$" "new\(S\) does not escape$"
// goescape: s is promoted, as in Go; Go also sends i to the heap because a
// store through s "loses track". Here the store into the local object is
// tracked and i goes nowhere (sound: s dies with the frame).
int go_foo62(int *i, int k) {
  struct S2 *s = malloc(sizeof *s);
  s->a = i;
  s->b = i;
  int r = rd_S2_b(s, k);
  free(s);
  return r; // (Go returns nil; an int result keeps the call alive)
}
// CHECK-LABEL: goescape: function 'go_foo62': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(16): promoted (align 16, 1 free removed)
// CHECK-NEXT: i does not escape

NOINLINE int rd_arr(int **y, int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += *y[i];
  return s;
}
// CHECK-LABEL: goescape: function 'rd_arr': 0 sites, 0 promoted
// CHECK-NEXT: y does not escape

// Go: func foo72() { var x int; var y [1]*int; y[0] = &x }  (both stay)
int go_foo72(int v) {
  int *x = malloc(sizeof *x);
  int **y = malloc(sizeof *y);
  *x = v;
  y[0] = x;
  int r = rd_arr(y, 1);
  free(y);
  free(x);
  return r;
}
// CHECK-LABEL: goescape: function 'go_foo72': 2 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func foo72a() { var y [10]*int; for i := 0; i < 10; i++ { x := i; y[i] = &x } }
//     // ERROR "moved to heap: x$"   (x escapes its iteration)
// goescape: x is stored into y, which lives outside the loop: one slot would
// not do, so x gets two, each taken while free (never freed here: the first
// two x, the rest on the heap, as Go's); y does not escape.
int go_foo72a(int n) {
  int **y = malloc(10 * sizeof *y);
  for (int i = 0; i < n; i++) {
    int *x = malloc(sizeof *x);
    *x = i;
    y[i] = x;
  }
  int r = rd_arr(y, n);
  free(y);
  return r;
}
// CHECK-LABEL: goescape: function 'go_foo72a': 2 sites, 2 promoted
// CHECK-DAG: {{%[0-9]+}} = malloc(80): promoted (align 16, 1 free removed)
// CHECK-DAG: {{%[0-9]+}} = malloc(4): promoted (align 16, 2 4-byte slots each taken while free, heap otherwise)

// Go: func foo72b() [10]*int { ...same...; return y }   // ERROR "moved to heap: x$"
// goescape: y is returned, so is every x in it.
int **go_foo72b(int n) {
  int **y = malloc(10 * sizeof *y);
  for (int i = 0; i < n; i++) {
    int *x = malloc(sizeof *x);
    *x = i;
    y[i] = x;
  }
  return y;
}
// CHECK-LABEL: goescape: function 'go_foo72b': 2 sites, 0 promoted
// CHECK-DAG: {{%[0-9]+}} = malloc(80): kept (EscapesByReturn)
// CHECK-DAG: {{%[0-9]+}} = malloc(4): kept (EscapesViaContainer)

// Go: func foo78a(z int) *int { y := &z; x := &y; return *x } // ERROR "moved to heap: z$"
// goescape: through the helper's summary (level 1 to result) z is returned
// and kept; the cell y stays local and is promoted.
NOINLINE int *deref(int **p) { return *p; }
// CHECK-LABEL: goescape: function 'deref': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to result ~r0 level=1
int *go_foo78a(int v) {
  int *z = malloc(sizeof *z);
  *z = v;
  int **y = malloc(sizeof *y);
  *y = z;
  int *r = deref(y);
  free(y);
  return r;
}
// CHECK-LABEL: goescape: function 'go_foo78a': 2 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesByReturn)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func foo79() *int { return new(int) } // ERROR "new\(int\) escapes to heap$"
// goescape: kept, and recognised as an allocation wrapper for its callers.
int *go_foo79(void) { return malloc(sizeof(int)); }
// CHECK-LABEL: goescape: function 'go_foo79': 1 site, 0 promoted (allocation wrapper)
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesByReturn)

// Go: func foo80() *int { var z *int; for { z = new(int) }; _ = z; return nil }
//     // ERROR "new\(int\) escapes to heap$"  (escapes its iteration)
// goescape: z survives the back edge in a header phi: one slot would not
// do, so the site gets two, each taken while free (never freed here: the
// first two objects, the rest on the heap).
int go_foo80(int n) {
  int *z = NULL;
  for (int i = 0; i < n; i++) {
    int *p = malloc(sizeof *p);
    *p = i + (z ? *z : 0);
    z = p;
  }
  return z ? rd(z) : 0;
}
// CHECK-LABEL: goescape: function 'go_foo80': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 2 4-byte slots each taken while free, heap otherwise)

// Go: func foo81() *int { for { z := new(int); _ = z } }
//     // ERROR "new\(int\) does not escape$"
// goescape: one slot serves every iteration (with or without the free).
int go_foo81(int n) {
  int s = 0;
  for (int i = 0; i < n; i++) {
    int *z = malloc(sizeof *z);
    *z = i;
    s += rd(z);
  }
  return s;
}
// CHECK-LABEL: goescape: function 'go_foo81': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16)

// Go: func foo116(b bool) *int { if b { x := 1; return &x } else { y := 1; return &y } }
//     // ERROR "moved to heap: x$" "moved to heap: y$"
int *go_foo116(int b) {
  if (b) {
    int *x = malloc(sizeof *x);
    *x = 1;
    return x;
  }
  // (a different size, or -O2 merges the two calls into one)
  long *y = malloc(sizeof *y);
  *y = 2;
  return (int *)y;
}
// CHECK-LABEL: goescape: function 'go_foo116': 2 sites, 0 promoted
// CHECK-DAG: {{%[0-9]+}} = malloc(4): kept (EscapesByReturn)
// CHECK-DAG: {{%[0-9]+}} = malloc(8): kept (EscapesByReturn)

// Go: func foo118(unknown func(*int)) { x := 1; unknown(&x) }
//     // ERROR "unknown does not escape$" "moved to heap: x$"
void go_foo118(void (*unknown)(int *)) {
  int *x = malloc(sizeof *x);
  *x = 1;
  unknown(x);
}
// CHECK-LABEL: goescape: function 'go_foo118': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToIndirectCall)
// CHECK-NEXT: unknown does not escape

// Go: func external(*int); func foo119(x *int) { external(x) } // ERROR "leaking param: x$"
// goescape: as Go, plus what C adds: a function with no body may free x.
void external(int *);
void go_foo119(int *x) { external(x); }
// CHECK-LABEL: goescape: function 'go_foo119': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: x
// CHECK-NEXT: may free param: x

// Go: func foo122() { var i *int; goto L1; L1: i = new(int); _ = i }
//     // ERROR "new\(int\) does not escape$"
int go_foo122(int v) {
  int *i;
  goto L1;
L1:
  i = malloc(sizeof *i);
  *i = v;
  return rd(i);
}
// CHECK-LABEL: goescape: function 'go_foo122': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16)

// Go: func foo127() { var i int; p := &i; q := p; px = q } // ERROR "moved to heap: i$"
int *px;
void go_foo127(void) {
  int *i = malloc(sizeof *i);
  *i = 0;
  int *p = i;
  int *q = p;
  px = q;
}
// CHECK-LABEL: goescape: function 'go_foo127': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal): stored to global 'px'

// Go: func foo128() { var i int; p := &i; q := p; _ = q }  (i stays)
int go_foo128(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  int *p = i;
  int *q = p;
  int r = rd(q);
  free(i);
  return r;
}
// CHECK-LABEL: goescape: function 'go_foo128': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func foo138() *byte { t := new(T); return &t.x[0] } // ERROR "new\(T\) escapes to heap$"
// An interior pointer keeps its object.
struct T138 {
  int n;
  char x[4];
};
char *go_foo138(void) {
  struct T138 *t = malloc(sizeof *t);
  t->n = 0;
  return &t->x[0];
}
// CHECK-LABEL: goescape: function 'go_foo138': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesByReturn)

struct List {
  struct List *Next;
};

// Go: func foo145(l List) { var p *List; for p = &l; p.Next != nil; p = p.Next {} }
//     // ERROR "l does not escape$"
// goescape: walking a list through loads keeps nothing.
NOINLINE int go_foo145(struct List *l) {
  int n = 0;
  for (struct List *p = l; p->Next != NULL; p = p->Next)
    n++;
  return n;
}
// CHECK-LABEL: goescape: function 'go_foo145': 0 sites, 0 promoted
// CHECK-NEXT: l does not escape

// A caller of foo145: the node it allocates stays local.
int go_foo145_caller(struct List *rest) {
  struct List *l = malloc(sizeof *l);
  l->Next = rest;
  int n = go_foo145(l);
  free(l);
  return n;
}
// CHECK-LABEL: goescape: function 'go_foo145_caller': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)
// CHECK-NEXT: rest does not escape

// Go: func foo151(x *int) { save151 = x }   // ERROR "leaking param: x$"
//     func bar151() { var a [64]int; a[4] = 101; foo151(&(&a)[4:8][0]) }
//     // ERROR "moved to heap: a$"
int *save151;
NOINLINE void go_foo151(int *x) { save151 = x; }
// CHECK-LABEL: goescape: function 'go_foo151': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: x
void go_bar151(void) {
  int *a = malloc(64 * sizeof *a);
  a[4] = 101;
  go_foo151(&a[4]);
}
// CHECK-LABEL: goescape: function 'go_bar151': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(256): kept (EscapesToCall): passed to 'go_foo151', which may keep it

// Go: issue 8120
//     func (u *U) String() *string { return u.s }  // ERROR "leaking param: u to result ~r0 level=1$"
//     func NewV(u U) *V { return &V{u.String()} }  // ERROR "leaking param: u$" "&V literal escapes to heap$"
//     func foo152() { a := "a"; u := U{&a}; v := NewV(u); println(v) } // ERROR "moved to heap: a$"
struct U {
  char *s;
};
struct V {
  char *s;
};
NOINLINE char *go_U_String(struct U *u) { return u->s; }
// CHECK-LABEL: goescape: function 'go_U_String': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: u to result ~r0 level=1
NOINLINE struct V *go_NewV(struct U *u) {
  struct V *v = malloc(sizeof *v);
  v->s = go_U_String(u);
  return v;
}
// CHECK-LABEL: goescape: function 'go_NewV': 1 site, 0 promoted (constructor)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesByReturn)
// CHECK-NEXT: leaking param content: u
struct V *go_foo152(char c) {
  char *a = malloc(2);
  a[0] = c;
  a[1] = 0;
  struct U *u = malloc(sizeof *u);
  u->s = a;
  struct V *v = go_NewV(u);
  free(u);
  return v;
}
// go_NewV is a constructor, but go_foo152 returns what it made.
// CHECK-LABEL: goescape: function 'go_foo152': 3 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(2): kept
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = go_NewV(...): kept (EscapesByReturn): returned from 'go_foo152'

struct Lit {
  int *p;
};
struct Lit sinklit;
struct Lit *sinklitp;

// Go: func ptrlitNoescape() { i := 0; x := &Lit{&i}; _ = x }
//     // ERROR "&Lit literal does not escape$"   (i stays too)
int go_ptrlitNoescape(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  struct Lit *x = malloc(sizeof *x);
  x->p = i;
  int r = rdpp(&x->p);
  free(x);
  free(i);
  return r;
}
// CHECK-LABEL: goescape: function 'go_ptrlitNoescape': 2 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func ptrlitNoEscape2() { i := 0; x := &Lit{&i}; sink = *x }
//     // ERROR "moved to heap: i$" "&Lit literal does not escape$"
// goescape: -O2 copies the struct as one i64, so sink_lit reads x's bytes as
// data. Its summary records which bytes (no Go tag prints it), and the
// caller lets what it stored there escape: i, as in Go.
NOINLINE void sink_lit(struct Lit *x) { sinklit = *x; }
// CHECK-LABEL: goescape: function 'sink_lit': 0 sites, 0 promoted
// CHECK-NEXT: x does not escape
void go_ptrlitNoEscape2(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  struct Lit *x = malloc(sizeof *x);
  x->p = i;
  sink_lit(x);
  free(x);
}
// CHECK-LABEL: goescape: function 'go_ptrlitNoEscape2': 2 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToInteger): its address is read as data by 'sink_lit'
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func ptrlitEscape() { i := 0; x := &Lit{&i}; sink = x }
//     // ERROR "moved to heap: i$" "&Lit literal escapes to heap$"
void go_ptrlitEscape(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  struct Lit *x = malloc(sizeof *x);
  x->p = i;
  sinklitp = x;
}
// CHECK-LABEL: goescape: function 'go_ptrlitEscape': 2 sites, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesViaContainer)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesToGlobal)

struct Buffer {
  char arr[64];
  char *buf1;
};
struct Buffer *bufsink;

// Go: func (b *Buffer) bar() { b.buf1 = b.arr[1:2] } // ERROR "leaking param: b$"
// goescape: b goes into its own pointee, a flow the caller resolves.
void go_Buffer_bar(struct Buffer *b) { b->buf1 = &b->arr[1]; }
// CHECK-LABEL: goescape: function 'go_Buffer_bar': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: b to content of b level=0

// Go: func (b *Buffer) bat() { o := new(Buffer); o.buf1 = b.buf1[1:2]; sink = o }
//     // ERROR "leaking param content: b$" "new\(Buffer\) escapes to heap$"
void go_Buffer_bat(struct Buffer *b) {
  struct Buffer *o = malloc(sizeof *o);
  o->buf1 = b->buf1 + 1;
  bufsink = o;
}
// CHECK-LABEL: goescape: function 'go_Buffer_bat': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(72): kept (EscapesToGlobal)
// CHECK-NEXT: leaking param content: b

// Go: func fieldFlowTracking() { var x StructWithString; i := 0; x.p = &i; sink = x.s }
//     // ERROR "moved to heap: i$"   (a false positive Go documents: field-insensitive)
// goescape is field-insensitive too: i is kept.
struct SWS {
  int *p;
  char *s;
};
char *ssink;
NOINLINE void sink_s(struct SWS *x) { ssink = x->s; }
// CHECK-LABEL: goescape: function 'sink_s': 0 sites, 0 promoted
// CHECK-NEXT: leaking param content: x
void go_fieldFlowTracking(char *str) {
  struct SWS *x = malloc(sizeof *x);
  int *i = malloc(sizeof *i);
  *i = 0;
  x->p = i;
  x->s = str;
  sink_s(x);
  free(x);
}
// CHECK-LABEL: goescape: function 'go_fieldFlowTracking': 2 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(16): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesViaCallArgument)
// CHECK-NEXT: leaking param: str

