// REQUIRES: x86_64-linux
// Regression test: goescape reports an allocation inlined from a helper at
// the caller's line (the call in the function it compiled), but
// goescape-report credited the profile's calls to the helper's own line, the
// innermost inlined frame, where no site is: all 107 calls were "elsewhere"
// and both sites had 0. Each copy gets the calls of its own caller.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import os,sys; os.symlink(os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[1]))), sys.argv[2])" %plugin %t/build
// RUN: %clang -O2 -g -fpass-plugin=%plugin -fsave-optimization-record -foptimization-record-file=%t/prog.opt.yaml %s -o %t/prog
// RUN: env LD_PRELOAD=%goescape-count GOESCAPE_COUNT_FILE=%t/run.count %t/prog
// RUN: %t/build/bin/goescape-report %t/prog.opt.yaml --profile %t/run.count | FileCheck %s
#include <stdlib.h>

char *last;
static inline void keep_new(int n) {
  char *p = malloc(16);
  p[0] = (char)n;
  free(last);
  last = p;
}

__attribute__((noinline)) void often(int n) { keep_new(n); }
__attribute__((noinline)) void seldom(int n) { keep_new(n); }

int main(void) {
  for (int i = 0; i < 100; i++)
    often(i);
  for (int i = 0; i < 7; i++)
    seldom(i);
  free(last);
  return 0;
}

// CHECK: allocation calls counted: 107 in 1 file: 107 at kept sites, 0 at promoted sites (the heap fallback), 0 elsewhere
// CHECK: 1. {{.*}}report-profile-inlined.c:23:47  malloc(16) in 'often', 100 calls
// CHECK: 2. {{.*}}report-profile-inlined.c:24:48  malloc(16) in 'seldom', 7 calls
