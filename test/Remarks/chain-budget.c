// A site that loses to the chain budget says so, naming the chain that took
// its room, in -goescape-m=2 and in the missed-optimisation remark.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m=2 -mllvm -goescape-chain-budget=60000 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M
// RUN: %clang -O2 -g -fpass-plugin=%plugin -Rpass-missed=goescape -mllvm -goescape-chain-budget=60000 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static int leaf(int n) {
  char *p = malloc(40000);
  memset(p, n, 40000);
  int r = p[n];
  free(p);
  return r;
}

__attribute__((noinline)) int top(int n) {
  char *q = malloc(30000);
  memset(q, n, 30000);
  int r = q[n] + leaf(n);
  free(q);
  return r;
}

// M: chain-budget.c:9:13: malloc(40000) moved to stack
// M: chain-budget.c:17:13: malloc(30000) kept on heap:
// M-NEXT: chain-budget.c:17:13:   flow: over the stack budget of the call chains through 'top' (60000 bytes, -goescape-chain-budget): functions it calls already promote 40000 bytes along its deepest chain (through 'leaf')
// M: goescape: {{.*}}: 1 site moved to stack (40000 bytes), 1 kept on heap
// REMARK: chain-budget.c:17:13: remark: malloc(30000) kept on heap: over the stack budget of the call chains through 'top' (60000 bytes, -goescape-chain-budget): functions it calls already promote 40000 bytes along its deepest chain (through 'leaf') [-Rpass-missed=goescape]
