// Shapes from golang/go test/escape_param.go (escape analysis of function
// parameters, seen from the callee and from its callers), in C. Go's locals
// whose address is taken (`i := 0; ... &i`) become malloc'd objects; Go's
// "moved to heap: i" is goescape's "kept", no diagnostic is "promoted". Go's
// several results become out-parameters, one per result, so each result is
// its own location as in Go. Helpers stay out of line (-fno-inline).
//
// Go's file says "almost everything is BAD except the simplest cases": Go
// sends a value stored through a parameter (`*p2 = p1`) to the heap, so every
// caller loses the object. goescape records that store as a flow into what
// the caller passed ("leaking param: p1 to content of p2 level=0"), and a
// caller whose own object receives it keeps the object on the stack as long
// as that object does not escape either. Those callers (caller2a, caller4a,
// caller13a) are promoted here where Go moves them to the heap: sound, since
// the object holding the pointer dies with the frame.
//
// RUN: %clang -O2 -fno-inline -g -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.ll | FileCheck %s

#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

int *sink;
int **sink2;
int sinkint;

NOINLINE int rd(const int *p) { return *p; }
// CHECK-LABEL: goescape: function 'rd': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape
NOINLINE int rd2(int *const *p) { return **p; }
// CHECK-LABEL: goescape: function 'rd2': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape
NOINLINE int rd3(int **const *p) { return ***p; }
// CHECK-LABEL: goescape: function 'rd3': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape

// Go: func param0(p *int) *int { return p } // ERROR "leaking param: p to result ~r1"
NOINLINE int *param0(int *p) { return p; }
// CHECK-LABEL: goescape: function 'param0': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to result ~r0 level=0

// Go: func caller0a() { i := 0; _ = param0(&i) }   (i stays)
int caller0a(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  int r = rd(param0(i));
  free(i);
  return r;
}
// CHECK-LABEL: goescape: function 'caller0a': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func caller0b() { i := 0; sink = param0(&i) } // ERROR "moved to heap: i$"
void caller0b(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  sink = param0(i);
}
// CHECK-LABEL: goescape: function 'caller0b': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)

// Go: func param1(p1, p2 *int) (*int, *int) { return p1, p2 }
//     // ERROR "leaking param: p1 to result ~r2" "leaking param: p2 to result ~r3"
// C: each result is an out-parameter.
NOINLINE void param1(int *p1, int *p2, int **r2, int **r3) {
  *r2 = p1;
  *r3 = p2;
}
// CHECK-LABEL: goescape: function 'param1': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p1 to content of r2 level=0
// CHECK-NEXT: leaking param: p2 to content of r3 level=0
// CHECK-NEXT: r2 does not escape
// CHECK-NEXT: r3 does not escape

// Go: func caller1() { i := 0; j := 0; sink, _ = param1(&i, &j) }
//     // ERROR "moved to heap: i$"   (j stays)
int caller1(int a, int b) {
  int *i = malloc(sizeof *i), *j = malloc(sizeof *j);
  *i = a;
  *j = b;
  int *r2, *r3;
  param1(i, j, &r2, &r3);
  sink = r2;
  int r = rd(r3);
  free(j);
  return r;
}
// CHECK-LABEL: goescape: function 'caller1': 2 sites, 1 promoted
// CHECK-DAG: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)
// CHECK-DAG: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func param2(p1 *int, p2 **int) { *p2 = p1 }
//     // ERROR "leaking param: p1$" "param2 p2 does not escape$"
// goescape: p1 goes into what p2 points to (Go: to the heap).
NOINLINE void param2(int *p1, int **p2) { *p2 = p1; }
// CHECK-LABEL: goescape: function 'param2': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p1 to content of p2 level=0
// CHECK-NEXT: p2 does not escape

// Go: func caller2a() { i := 0; var p *int; param2(&i, &p); _ = p }
//     // ERROR "moved to heap: i$"   (BAD in Go's own words)
// goescape: i goes into p, a local that dies with the frame: promoted.
int caller2a(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  int *p;
  param2(i, &p);
  int r = rd(p);
  free(i);
  return r;
}
// CHECK-LABEL: goescape: function 'caller2a': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func caller2b() { i := 0; var p *int; param2(&i, &p); sink = p }
//     // ERROR "moved to heap: i$"
void caller2b(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  int *p;
  param2(i, &p);
  sink = p;
}
// CHECK-LABEL: goescape: function 'caller2b': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)

struct Pair {
  int *p1;
  int *p2;
};
struct Pair gpair;

// Go: func param3(p *Pair) { p.p1 = p.p2 } // ERROR "param3 p does not escape"
// goescape: a pointer held by *p stored back into *p stays what p holds.
NOINLINE void param3(struct Pair *p) { p->p1 = p->p2; }
// CHECK-LABEL: goescape: function 'param3': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape

// Go: func caller3a() { i := 0; j := 0; p := Pair{&i, &j}; param3(&p); _ = p }
//     (i, j, p all stay)
int caller3a(int a, int b) {
  int *i = malloc(sizeof *i), *j = malloc(sizeof *j);
  *i = a;
  *j = b;
  struct Pair *p = malloc(sizeof *p);
  p->p1 = i;
  p->p2 = j;
  param3(p);
  int r = rd2(&p->p1);
  free(p);
  free(i);
  free(j);
  return r;
}
// (-O2 sees that param3 overwrites p->p1, LLVM's `initializes` attribute,
// so the store of i is dead and i's malloc is deleted before goescape runs.)
// CHECK-LABEL: goescape: function 'caller3a': 2 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(16): promoted (align 16, 1 free removed)

// Go: func caller3b() { i := 0; j := 0; p := Pair{&i, &j}; param3(&p); sink = p }
//     // ERROR "moved to heap: i$" "moved to heap: j$"   (p itself is copied: stays)
void caller3b(int a, int b) {
  int *i = malloc(sizeof *i), *j = malloc(sizeof *j);
  *i = a;
  *j = b;
  struct Pair *p = malloc(sizeof *p);
  p->p1 = i;
  p->p2 = j;
  param3(p);
  gpair = *p;
  free(p);
}
// (i's malloc is deleted by -O2, as in caller3a; j is kept.)
// CHECK-LABEL: goescape: function 'caller3b': 2 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)
// CHECK-NEXT: {{%[0-9]+}} = malloc(16): promoted (align 16, 1 free removed)

// Go: func (p *Pair) param4(i *int) { p.p1 = i }
//     // ERROR "\(\*Pair\).param4 p does not escape$" "leaking param: i$"
NOINLINE void param4(struct Pair *p, int *i) { p->p1 = i; }
// CHECK-LABEL: goescape: function 'param4': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape
// CHECK-NEXT: leaking param: i to content of p level=0

// Go: func caller4a() { i := 0; p := Pair{}; p.param4(&i); _ = p }
//     // ERROR "moved to heap: i$"   (BAD)
// goescape: p is local, so is i: promoted.
int caller4a(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  struct Pair *p = calloc(1, sizeof *p);
  param4(p, i);
  int r = rd2(&p->p1);
  free(p);
  free(i);
  return r;
}
// CHECK-LABEL: goescape: function 'caller4a': 2 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = calloc(16): promoted (align 16, 1 free removed)

// Go: func caller4b() { i := 0; p := Pair{}; p.param4(&i); sink = p }
//     // ERROR "moved to heap: i$"
void caller4b(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  struct Pair *p = calloc(1, sizeof *p);
  param4(p, i);
  gpair = *p;
  free(p);
}
// CHECK-LABEL: goescape: function 'caller4b': 2 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept
// CHECK-NEXT: {{%[0-9]+}} = calloc(16): promoted (align 16, 1 free removed)

// Go: func param5(i *int) { sink = i }  // ERROR "leaking param: i$"
NOINLINE void param5(int *i) { sink = i; }
// CHECK-LABEL: goescape: function 'param5': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: i

// Go: func caller5() { i := 0; param5(&i) } // ERROR "moved to heap: i$"
void caller5(int v) {
  int *i = malloc(sizeof *i);
  *i = v;
  param5(i);
}
// CHECK-LABEL: goescape: function 'caller5': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToCall): passed to 'param5', which may keep it

// Go: func param6(i ***int) { sink = *i } // ERROR "leaking param content: i$"
NOINLINE void param6(int ***i) { sink2 = *i; }
// CHECK-LABEL: goescape: function 'param6': 0 sites, 0 promoted
// CHECK-NEXT: leaking param content: i

// Go: func caller6a() { i := 0; p := &i; p2 := &p; param6(&p2) }
//     // ERROR "moved to heap: i$" "moved to heap: p$"   (p2 stays)
// C: the variables whose address is taken are objects: I holds an int, P
// holds &I, P2 holds &P; the argument is &P2.
void caller6a(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  int ***P2 = malloc(sizeof *P2);
  *P2 = P;
  param6(P2);
  free(P2);
}
// CHECK-LABEL: goescape: function 'caller6a': 3 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func param7(i ***int) { sink = **i } // ERROR "leaking param content: i$"
NOINLINE void param7(int ***i) { sink = **i; }
// CHECK-LABEL: goescape: function 'param7': 0 sites, 0 promoted
// CHECK-NEXT: leaking param content: i

// Go: func caller7() { i := 0; p := &i; p2 := &p; param7(&p2) }
//     // ERROR "moved to heap: i$" "moved to heap: p$"   (p2 stays)
void caller7(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  int ***P2 = malloc(sizeof *P2);
  *P2 = P;
  param7(P2);
  free(P2);
}
// goescape: only **i leaks (level 2: I); P is only read through, so it
// stays on the stack. Go moves p as well: its heap tags do not tell
// level 1 from level 2.
// CHECK-LABEL: goescape: function 'caller7': 3 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesViaCallArgument)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func param9(p ***int) **int { return *p }
//     // ERROR "leaking param: p to result ~r1 level=1"
NOINLINE int **param9(int ***p) { return *p; }
// CHECK-LABEL: goescape: function 'param9': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to result ~r0 level=1

// Go: func caller9a() { i := 0; p := &i; p2 := &p; _ = param9(&p2) }  (all stay)
int caller9a(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  int ***P2 = malloc(sizeof *P2);
  *P2 = P;
  int r = rd2(param9(P2));
  free(P2);
  free(P);
  free(I);
  return r;
}
// CHECK-LABEL: goescape: function 'caller9a': 3 sites, 3 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func caller9b() { i := 0; p := &i; p2 := &p; sink = param9(&p2) }
//     // ERROR "moved to heap: i$" "moved to heap: p$"   (p2 stays)
void caller9b(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  int ***P2 = malloc(sizeof *P2);
  *P2 = P;
  sink2 = param9(P2);
  free(P2);
}
// CHECK-LABEL: goescape: function 'caller9b': 3 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func param10(p ***int) *int { return **p }
//     // ERROR "leaking param: p to result ~r1 level=2"
NOINLINE int *param10(int ***p) { return **p; }
// CHECK-LABEL: goescape: function 'param10': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to result ~r0 level=2

// Go: func caller10a() { i := 0; p := &i; p2 := &p; _ = param10(&p2) }  (all stay)
int caller10a(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  int ***P2 = malloc(sizeof *P2);
  *P2 = P;
  int r = rd(param10(P2));
  free(P2);
  free(P);
  free(I);
  return r;
}
// CHECK-LABEL: goescape: function 'caller10a': 3 sites, 3 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func param11(i **int) ***int { return &i } // ERROR "moved to heap: i$"
// C: returning the address of a parameter would dangle; the parameter
// variable Go moves to the heap is a malloc'd cell holding i.
NOINLINE int ***param11(int **i) {
  int ***cell = malloc(sizeof *cell);
  *cell = i;
  return cell;
}
// CHECK-LABEL: goescape: function 'param11': 1 site, 0 promoted (constructor)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesByReturn)
// CHECK-NEXT: leaking param: i

// Go: func caller11a() { i := 0; p := &i; _ = param11(&p) }
//     // ERROR "moved to heap: i" "moved to heap: p"
int caller11a(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  return rd3(param11(P));
}
// Beyond Go: param11 is a constructor, and the cell it returns does not
// outlive caller11a, whose call goes to a copy filling a slot of its own.
// CHECK-LABEL: goescape: function 'caller11a': 3 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesToCall): passed to 'param11', which may keep it
// CHECK-NEXT: {{%[0-9]+}} = param11(...): promoted (align 16, constructor specialised)

struct Indir {
  int ***p;
};

// Go: func (r *Indir) param12(i **int) { r.p = &i }
//     // ERROR "\(\*Indir\).param12 r does not escape$" "moved to heap: i$"
NOINLINE void param12(struct Indir *r, int **i) {
  int ***cell = malloc(sizeof *cell);
  *cell = i;
  r->p = cell;
}
// CHECK-LABEL: goescape: function 'param12': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesToUnknownMemory)
// CHECK-NEXT: r does not escape
// CHECK-NEXT: leaking param: i

// Go: func caller12b() { i := 0; p := &i; r := &Indir{}; r.param12(&p); _ = r }
//     // ERROR "moved to heap: i$" "moved to heap: p$" "caller12b &Indir literal does not escape$"
int caller12b(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  struct Indir *r = calloc(1, sizeof *r);
  param12(r, P);
  int x = rd3(r->p);
  free(r);
  return x;
}
// CHECK-LABEL: goescape: function 'caller12b': 3 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept
// CHECK-NEXT: {{%[0-9]+}} = calloc(8): promoted (align 16, 1 free removed)

struct Val {
  int **p;
};

// Go: func (v Val) param13(i *int) { *v.p = i }
//     // ERROR "Val.param13 v does not escape$" "leaking param: i$"
// C: Val is passed by value; its one pointer field arrives as v.
NOINLINE void param13(struct Val v, int *i) { *v.p = i; }
// CHECK-LABEL: goescape: function 'param13': 0 sites, 0 promoted
// CHECK-NEXT: v does not escape
// CHECK-NEXT: leaking param: i to content of v level=0

// Go: func caller13a() { i := 0; var p *int; var v Val; v.p = &p; v.param13(&i); _ = v }
//     // ERROR "moved to heap: i$"   (BAD)
// goescape: i goes into p, a local: promoted.
int caller13a(int a) {
  int *i = malloc(sizeof *i);
  *i = a;
  int *p = NULL;
  struct Val v = {&p};
  param13(v, i);
  int r = rd(p);
  free(i);
  return r;
}
// CHECK-LABEL: goescape: function 'caller13a': 1 site, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)

// Go: func caller13g() { i := 0; var p *int; v := Val{&p}; v.param13(&i); sink = *v.p }
//     // ERROR "moved to heap: i$"
void caller13g(int a) {
  int *i = malloc(sizeof *i);
  *i = a;
  int *p = NULL;
  struct Val v = {&p};
  param13(v, i);
  sink = *v.p;
}
// CHECK-LABEL: goescape: function 'caller13g': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)

struct Node {
  struct Node *p;
};
struct Node *Sink;

// Go: func f(x *Node) { Sink = &Node{x.p} }
//     // ERROR "leaking param content: x" "&Node literal escapes to heap"
NOINLINE void f(struct Node *x) {
  struct Node *n = malloc(sizeof *n);
  n->p = x->p;
  Sink = n;
}
// CHECK-LABEL: goescape: function 'f': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesToGlobal)
// CHECK-NEXT: leaking param content: x

// Go: func g(x *Node) *Node { return &Node{x.p} }
//     // ERROR "leaking param content: x" "&Node literal escapes to heap"
NOINLINE struct Node *g(struct Node *x) {
  struct Node *n = malloc(sizeof *n);
  n->p = x->p;
  return n;
}
// CHECK-LABEL: goescape: function 'g': 1 site, 0 promoted (constructor)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): kept (EscapesByReturn)
// CHECK-NEXT: leaking param content: x

// Go: func h(x *Node) { y := &Node{x}; Sink = g(y); f(y) }
//     // ERROR "leaking param: x" "h &Node literal does not escape"
void h(struct Node *x) {
  struct Node *y = malloc(sizeof *y);
  y->p = x;
  Sink = g(y);
  f(y);
  free(y);
}
// CHECK-LABEL: goescape: function 'h': 2 sites, 1 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = g(...): kept (EscapesToGlobal): stored to global 'Sink'
// CHECK-NEXT: leaking param: x
