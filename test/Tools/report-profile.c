// REQUIRES: x86_64-linux
// goescape-report --profile: the program runs with goescape-count.so
// preloaded, which counts allocation calls by return address; the report
// maps each address to its file, line and column through the binary's debug
// info and ranks the kept sites by their calls: the 1000-times site that
// cannot move comes before the one-change-away site that ran 10 times, and
// the site that never ran comes last. The promoted site makes no calls.
//
// RUN: rm -rf %t && mkdir -p %t/records
// RUN: %python -c "import os,sys; os.symlink(os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[1]))), sys.argv[2])" %plugin %t/build
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-small-buffer=0 -fsave-optimization-record -foptimization-record-file=%t/records/prog.opt.yaml %s -o %t/prog
// RUN: env LD_PRELOAD=%goescape-count GOESCAPE_COUNT_FILE=%t/run.count %t/prog
// RUN: FileCheck %s --check-prefix=COUNT < %t/run.count
// RUN: %t/build/bin/goescape-report %t/records | FileCheck %s --check-prefix=PLAIN
// RUN: %t/build/bin/goescape-report %t/records --profile %t/run.count | FileCheck %s --match-full-lines
// RUN: %t/build/bin/goescape-report %t/records --profile %t/run.count --format=json | FileCheck %s --check-prefix=JSON
// RUN: %t/build/bin/goescape-report %t/records --profile %t/run.count --format=sarif | FileCheck %s --check-prefix=SARIF
//
// Two count files add up.
// RUN: %t/build/bin/goescape-report %t/records --profile %t/run.count --profile %t/run.count | FileCheck %s --check-prefix=TWICE

#include <stdlib.h>

char *last;
__attribute__((noinline)) int peek(const char *p, int i) { return p[i]; }
__attribute__((noinline)) void never_called(void) { last = malloc(100); }

int main(int argc, char **argv) {
  int r = 0;
  for (int i = 0; i < 1000; i++) {
    char *t = malloc(32);
    t[0] = (char)i;
    r += peek(t, 0);
    free(t);
    char *g = malloc(48);
    g[0] = 1;
    free(last);
    last = g;
  }
  for (int i = 0; i < 10; i++) {
    char *v = malloc((size_t)argc * 8);
    v[0] = 1;
    r += peek(v, 0);
    free(v);
  }
  if (argc > 5)
    never_called();
  return r == 12345;
}

// COUNT: # goescape-count 1
// COUNT: {{.*}}/prog	0x{{[0-9a-f]+}}	1000

// Without a profile: the one-change-away site first. (The 10-iteration
// loop is unrolled: that site is in no loop, and its copies are one site.)
// PLAIN:      kept sites nearest the stack
// PLAIN-NEXT: 1. {{.*}}report-profile.c:41:15  malloc(?) in 'main', not in a loop, size unknown

// CHECK:goescape report: 4 allocation sites ({{[0-9]+}} remarks in 1 file)
// CHECK:  allocation calls counted: {{[0-9]+}} in 1 file: 1010 at kept sites, 0 at promoted sites (the heap fallback), {{[0-9]+}} elsewhere
// CHECK:The 3 heap allocations that cost most (most calls first; 3 kept):
// CHECK-NEXT:   1. {{.*}}report-profile.c:35:15  malloc(48) in 'main', 1000 calls, loop depth 1, 48 bytes
// CHECK-NEXT:      stored to global 'last'
// CHECK-NEXT:      cannot move: a global outlives every frame; keep the pointer in a local variable
// CHECK-NEXT:   2. {{.*}}report-profile.c:41:15  malloc(?) in 'main', 10 calls, not in a loop, size unknown
// CHECK-NEXT:      size is not a compile-time constant
// CHECK:        3. {{.*}}report-profile.c:26:60  malloc(100) in 'never_called', 0 calls, not in a loop, 100 bytes
// CHECK:The 1 promoted site (most calls first, then in loops first, then larger; 1 promoted):
// CHECK-NEXT:   1. {{.*}}report-profile.c:31:15  malloc(32) in 'main', 0 calls, loop depth 1, 32 bytes

// JSON:      "profile": {
// JSON:        "keptCalls": 1010,
// JSON-NEXT:   "promotedCalls": 0,
// JSON:      "keptSites": [
// JSON:        "line": 35,
// JSON:        "calls": 1000,
// JSON:        "line": 41,
// JSON:        "calls": 10,

// SARIF:      "ruleId": "EscapesToGlobal",
// SARIF:        "calls": 1000

// TWICE: 2020 at kept sites
// TWICE: 1. {{.*}}report-profile.c:35:15  malloc(48) in 'main', 2000 calls
