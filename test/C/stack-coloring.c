// Two 16 KiB buffers used one after the other become two stack slots whose
// lifetime markers do not overlap, so codegen's stack colouring gives them
// the same bytes: the frame is about 16 KiB, not 32 KiB. Measured with
// LLVM's own stack-size section (-fstack-size-section).
//
// RUN: %clang -O2 -fpass-plugin=%plugin -fstack-size-section -c %s -o %t.o
// RUN: llvm-readobj --stack-sizes %t.o | FileCheck %s
// The same with both buffers live at once: 32 KiB.
// RUN: %clang -O2 -fpass-plugin=%plugin -fstack-size-section -DOVERLAP -c %s -o %t2.o
// RUN: llvm-readobj --stack-sizes %t2.o | FileCheck %s --check-prefix=OVERLAP
// And without the pass the buffers stay on the heap: a small frame.
// RUN: %clang -O2 -fstack-size-section -c %s -o %t3.o
// RUN: llvm-readobj --stack-sizes %t3.o | FileCheck %s --check-prefix=PLAIN

#include <stdlib.h>
#include <string.h>

volatile int sink;
__attribute__((noinline)) void use(const char *p, int n) {
  sink = p[n & 16383];
}

// CHECK: Functions: [sequential]
// CHECK-NEXT: Size: 0x40{{[0-9a-f][0-9a-f]$}}
// OVERLAP: Functions: [sequential]
// OVERLAP-NEXT: Size: 0x80{{[0-9a-f][0-9a-f]$}}
// PLAIN: Functions: [sequential]
// PLAIN-NEXT: Size: 0x{{[0-9a-f][0-9a-f]?$}}
int sequential(int n) {
  char *a = malloc(16384);
  memset(a, n, 16384);
  use(a, n);
#ifndef OVERLAP
  free(a);
#endif
  char *b = malloc(16384);
  memset(b, n + 1, 16384);
  use(b, n);
  free(b);
#ifdef OVERLAP
  use(a, n + 1);
  free(a);
#endif
  return 0;
}
