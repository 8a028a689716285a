// clang with the plugin on IR that a build with the plugin wrote runs
// goescape a second time: the first run's slots (marked !goescape.slot) are
// promoted bytes of the chain budget there, so leaf -> mid -> top still
// promotes 60,000 bytes of a 100,000-byte budget, not 120,000.
//
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -mllvm -goescape-chain-budget=100000 -S -emit-llvm %s -o %t.ll 2>&1 | FileCheck %s --check-prefix=FIRST
// RUN: FileCheck %s --check-prefix=IR < %t.ll
// RUN: %clang -O2 -fpass-plugin=%plugin -mllvm -goescape-m -mllvm -goescape-chain-budget=100000 -c %t.ll -o /dev/null 2>&1 | FileCheck %s --check-prefix=SECOND

#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) void use(char *p, int n) {
  memset(p, n, 60000);
  volatile char s = p[n & 1023];
  (void)s;
}

__attribute__((noinline)) int leaf(int n) {
  char *p = malloc(60000);
  if (!p)
    return 0;
  use(p, n);
  int r = p[n];
  free(p);
  return r;
}

__attribute__((noinline)) int mid(int n) {
  char *p = malloc(60000);
  if (!p)
    return 0;
  use(p, n);
  int r = p[n] + leaf(n + 1);
  free(p);
  return r;
}

int top(int n) { return mid(n) + 1; }

// FIRST: run-twice-chain-budget.c:20:13: malloc(60000) moved to stack
// FIRST: run-twice-chain-budget.c:30:13: malloc(60000) kept on heap: over the stack budget of the call chains through 'mid' (100000 bytes, -goescape-chain-budget): functions it calls already promote 60000 bytes along its deepest chain (through 'leaf')
// FIRST: goescape: {{.*}}run-twice-chain-budget.c: 1 site moved to stack (60000 bytes), 1 kept on heap

// IR-LABEL: define {{.*}} @leaf(
// IR: alloca [60000 x i8]{{.*}} !goescape.slot
// IR-LABEL: define {{.*}} @mid(
// IR: call {{.*}} @malloc(i64 {{.*}}60000)

// SECOND: run-twice-chain-budget.c:30:13: malloc(60000) kept on heap: over the stack budget of the call chains through 'mid' (100000 bytes, -goescape-chain-budget): functions it calls already promote 60000 bytes along its deepest chain (through 'leaf')
// SECOND: goescape: {{.*}}run-twice-chain-budget.c: 0 sites moved to stack (0 bytes), 1 kept on heap
