// Shapes from golang/go test/escape2.go where goescape does not yet reach
// Go's verdict although the C shape is the same. Each CHECK states Go's
// verdict; this file is expected to fail until goescape agrees.
//
// XFAIL: *
// RUN: %clang -O2 -fno-inline -g -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.ll | FileCheck %s

#include <stdlib.h>

// Go: func foo118(unknown func(*int)) { x := 1; unknown(&x) }
//     // ERROR "unknown does not escape$" "moved to heap: x$"
// goescape: x is kept, as in Go, but the summary says "leaking param:
// unknown": visitCall escapes whatever the called operand points to
// (`escape(getPT(CB.getCalledOperand()), UnknownUse)`), and for a parameter
// that is the parameter's own object. Calling through a pointer does not
// keep it; only a caller passing one of its own objects as code would lose.
void go_foo118(void (*unknown)(int *)) {
  int *x = malloc(sizeof *x);
  *x = 1;
  unknown(x);
}
// CHECK-LABEL: goescape: function 'go_foo118': 1 site, 0 promoted
// CHECK-NEXT: {{%[0-9]+}} = malloc(4): kept (EscapesToIndirectCall)
// CHECK-NEXT: unknown does not escape
