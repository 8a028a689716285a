// Shapes from golang/go test/escape_param.go that need summaries to tell
// deref level 1 from level 2: with only two levels (the argument's object,
// and everything it reaches), a flow from **p looked like one from *p, and
// callers kept objects that only pass the pointer on. Summaries now have
// three levels (0, 1, and 2-or-deeper), and goescape reaches Go's verdict.
//
// RUN: %clang -O2 -fno-inline -g -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.ll | FileCheck %s

#include <stdlib.h>

#define NOINLINE __attribute__((noinline))

int *sink;
int sinkint;

NOINLINE int rd(const int *p) { return *p; }
// CHECK-LABEL: goescape: function 'rd': 0 sites, 0 promoted
// CHECK-NEXT: p does not escape

// Go: func param8(i **int) { sink = **i }  // ERROR "param8 i does not escape$"
//     func caller8() { i := 0; p := &i; param8(&p) }   (i and p stay)
// goescape: an int read at depth 2 and stored to a global; the bytes read
// hold no address, so, as in Go, nothing escapes.
NOINLINE void param8(int **i) { sinkint = **i; }
// CHECK-LABEL: goescape: function 'param8': 0 sites, 0 promoted
// CHECK-NEXT: i does not escape
int caller8(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  param8(P);
  int r = rd(I);
  free(P);
  free(I);
  return r;
}
// CHECK-LABEL: goescape: function 'caller8': 2 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)

// Go: func param10(p ***int) *int { return **p }
//     // ERROR "leaking param: p to result ~r1 level=2"
//     func caller10b() { i := 0; p := &i; p2 := &p; sink = param10(&p2) }
//     // ERROR "moved to heap: i$"   (p and p2 stay)
// goescape: param10's result is "level=1", so in caller10b the result may
// be P (depth 1) as well as I (depth 2): P is kept with I.
NOINLINE int *param10(int ***p) { return **p; }
// CHECK-LABEL: goescape: function 'param10': 0 sites, 0 promoted
// CHECK-NEXT: leaking param: p to result ~r0 level=2
void caller10b(int v) {
  int *I = malloc(sizeof *I);
  *I = v;
  int **P = malloc(sizeof *P);
  *P = I;
  int ***P2 = malloc(sizeof *P2);
  *P2 = P;
  sink = param10(P2);
  free(P2);
  free(P);
}
// CHECK-LABEL: goescape: function 'caller10b': 3 sites, 2 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToGlobal)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)
// CHECK-NEXT: {{%[0-9]+}} = malloc(8): promoted (align 16, 1 free removed)
