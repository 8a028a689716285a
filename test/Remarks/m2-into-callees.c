// -goescape-m=2 follows a call into the callee (issue 12, shape 7): for a
// site passed to a function that keeps its parameter, it says where the
// callee keeps it and at which position, hop by hop through callees that
// pass it on, as Go's -m=2 explains a leaking parameter. At -goescape-m=1
// the line stays short.
//
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m=2 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M2
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M1 --implicit-check-not=flow:

#include <stdlib.h>

char *last;
struct box { char *buf; long n; } *kept_box;

// M1: m2-into-callees.c:[[@LINE+1]]:43: leaking param: p
__attribute__((noinline)) void keep(char *p) {
  last = p; // KEEP
}

// M1: m2-into-callees.c:[[@LINE+1]]:44: leaking param: q
__attribute__((noinline)) void relay(char *q, int k) {
  if (k)
    keep(q); // RELAY
}

__attribute__((noinline)) void keep_box_buffer(struct box *b) {
  last = b->buf; // CONTENT
}

__attribute__((noinline)) long reads(const char *p) { return *p; }

void direct(void) {
  // M1: m2-into-callees.c:[[@LINE+4]]:13: malloc(16) escapes to heap: passed to 'keep', which may keep it
  // M2: m2-into-callees.c:[[@LINE+3]]:13: malloc(16) escapes to heap:
  // M2-NEXT: m2-into-callees.c:[[@LINE+2]]:13:   flow: passed to 'keep', which may keep it (at {{.*}}m2-into-callees.c:[[@LINE+3]]:3)
  // M2-NEXT: m2-into-callees.c:[[@LINE+1]]:13:   flow: in 'keep', p: stored to global 'last' (at {{.*}}m2-into-callees.c:17:8)
  char *a = malloc(16);
  keep(a);
}

void two_hops(int k) {
  // M2: m2-into-callees.c:[[@LINE+4]]:13: malloc(24) escapes to heap:
  // M2-NEXT: m2-into-callees.c:[[@LINE+3]]:13:   flow: passed to 'relay', which may keep it (at {{.*}}m2-into-callees.c:[[@LINE+4]]:3)
  // M2-NEXT: m2-into-callees.c:[[@LINE+2]]:13:   flow: in 'relay', q: passed to 'keep', which may keep it (at {{.*}}m2-into-callees.c:23:5)
  // M2-NEXT: m2-into-callees.c:[[@LINE+1]]:13:   flow: in 'keep', p: stored to global 'last' (at {{.*}}m2-into-callees.c:17:8)
  char *b = malloc(24);
  relay(b, k);
}

void through_content(void) {
  struct box x;
  // M2: m2-into-callees.c:[[@LINE+3]]:11: malloc(32) escapes to heap:
  // M2-NEXT: m2-into-callees.c:[[@LINE+2]]:11:   flow: reachable from an argument of 'keep_box_buffer', which may keep what it points to (at {{.*}}m2-into-callees.c:[[@LINE+4]]:3)
  // M2-NEXT: m2-into-callees.c:[[@LINE+1]]:11:   flow: in 'keep_box_buffer', what b points to: stored to global 'last' (at {{.*}}m2-into-callees.c:27:8)
  x.buf = malloc(32);
  x.n = 32;
  keep_box_buffer(&x);
}

// No tag for a function no kept site was passed to:
// M1-NOT: does not escape
// M1: goescape: {{.*}}m2-into-callees.c: 0 sites moved to stack (0 bytes), 3 kept on heap
