// Finding the promotion at fault in a build that misbehaves: bisect with
// -goescape-limit=N, turn the pass off, or opt one function out in source.
//
// RUN: %clang -O2 -fpass-plugin=%plugin -Rpass=goescape -mllvm -goescape-limit=1 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIMIT1
// RUN: %clang -O2 -fpass-plugin=%plugin -Rpass=goescape -mllvm -goescape-limit=0 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=LIMIT0 --implicit-check-not=remark:
// RUN: %clang -O2 -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -mllvm -goescape-disable -S -emit-llvm %s -o - 2>&1 | FileCheck %s --check-prefix=OFF --implicit-check-not=remark:
// RUN: %clang -O2 -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=OPTOUT

#include <stdlib.h>
#include <string.h>

volatile int sink;
__attribute__((noinline)) void use(const char *p, int n) { sink = p[n & 31]; }

// LIMIT1: goescape-limit: site 1 is malloc(32) in 'first'
// LIMIT1-NEXT: goescape-limit: 1 of 1 promotable sites promoted
// LIMIT1: remark: malloc(32) moved to stack
// LIMIT1-NOT: moved to stack
void first(int n) {
  char *p = malloc(32);
  memset(p, n, 32);
  use(p, n);
  free(p);
}

// OPT-OUT: the programmer keeps this function's allocations on the heap.
// OPTOUT: escape-hatches.c:[[@LINE+2]]:13: remark: malloc(32) kept on heap: 'second' opts out (__attribute__((annotate("goescape_off")))) [-Rpass-missed=goescape]
__attribute__((annotate("goescape_off"))) void second(int n) {
  char *p = malloc(32);
  memset(p, n, 32);
  use(p, n);
  free(p);
}

// LIMIT0: goescape-limit: 0 of 1 promotable sites promoted
// OFF-LABEL: define {{.*}} @first(
// OFF: call {{.*}} @malloc
