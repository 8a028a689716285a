// The -goescape-m report, like go build -gcflags=-m: one line per site,
// sorted by position, then the file's total; -goescape-m=2 (or -goescape-m
// twice, as Go's -m -m) adds every parameter summary and each escape's
// chain.
//
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M1 --implicit-check-not=goescape-m
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m=2 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=M2,TAGS
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=M2,TAGS
// At level 1 no parameter summary: none explains a kept site here.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTAGS
// NOTAGS-NOT: param
// NOTAGS-NOT: does not escape
// Without debug info, lines name the function instead of a position.
// RUN: %clang -O2 -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NODEBUG
// RUN: %clang -O2 -fpass-plugin=%plugin -mllvm -goescape-m=2 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NODEBUG2
// RUN: not %clang -O2 -fpass-plugin=%plugin -mllvm -goescape-m=3 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: for the --goescape-m option: '3' is not a report level (0, 1 or 2)

#include <stdlib.h>
#include <string.h>

struct box { char *buf; long n; };
struct box *last;

// TAGS: go-style-m.c:[[@LINE+1]]:{{[0-9]+}}: leaking param: p to result ~r0 level=0
__attribute__((noinline)) char *first(char *p) { return p; }

// TAGS: go-style-m.c:[[@LINE+1]]:{{[0-9]+}}: p does not escape
__attribute__((noinline)) long sum(const long *p, int n) {
  long s = 0;
  for (int i = 0; i < n; i++)
    s += p[i];
  return s;
}

long local(int n) {
  // M1: go-style-m.c:[[@LINE+1]]:13: malloc(64) moved to stack
  long *v = malloc(8 * sizeof *v);
  for (int i = 0; i < 8; i++)
    v[i] = i * n;
  long r = sum(v, n & 7);
  free(v);
  return r;
}

void publish(int n) {
  // M1: go-style-m.c:[[@LINE+5]]:19: malloc(16) escapes to heap: stored to global 'last'
  // M1: go-style-m.c:[[@LINE+5]]:12: malloc(32) escapes to heap: stored into the object from malloc() at {{.*}}go-style-m.c:[[@LINE+4]]:19, which escapes
  // M2: go-style-m.c:[[@LINE+4]]:12: malloc(32) escapes to heap:
  // M2-NEXT: go-style-m.c:[[@LINE+3]]:12: flow: stored into the object from malloc() at {{.*}}go-style-m.c:[[@LINE+2]]:19, which escapes (at {{.*}}go-style-m.c:[[@LINE+3]]:10)
  // M2-NEXT: go-style-m.c:[[@LINE+2]]:12: flow: malloc(16) at {{.*}}go-style-m.c:[[@LINE+1]]:19: stored to global 'last' (at {{.*}}go-style-m.c:[[@LINE+5]]:8)
  struct box *b = malloc(sizeof *b);
  b->buf = malloc(32);
  memset(b->buf, 1, 32);
  b->n = n;
  last = b;
}

char *kept_returned(int n) {
  // M1: go-style-m.c:[[@LINE+1]]:13: malloc(?) escapes to heap: returned from 'kept_returned'
  char *p = malloc(n);
  return first(p);
}

// M1: goescape: {{.*}}go-style-m.c: 1 site moved to stack (64 bytes), 3 kept on heap
// M2: goescape: {{.*}}: 1 site moved to stack (64 bytes), 3 kept on heap
// NODEBUG-DAG: function 'local': malloc(64) moved to stack
// NODEBUG-DAG: function 'publish': malloc(16) escapes to heap: stored to global 'last'
// NODEBUG2: function 'first': leaking param: parameter 1 to result ~r0 level=0
// NODEBUG: goescape: {{.*}}: 1 site moved to stack (64 bytes), 3 kept on heap
