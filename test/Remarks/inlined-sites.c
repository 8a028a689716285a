// A site inlined from a helper is reported at the user's line, the
// outermost call in the function being compiled, with the helper's
// position after it; each copy is its own line, in one function or in
// several (issue 15, item 1). The same for -Rpass remarks and for the
// optimisation records goescape-report reads.
//
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M --implicit-check-not=malloc
// RUN: %clang -O2 -g -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=R
// RUN: %clang -O2 -g -fpass-plugin=%plugin -fsave-optimization-record -foptimization-record-file=%t.yaml -c %s -o /dev/null
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml

#include <stdlib.h>

char *kept;

static inline char *helper(void) {
  return malloc(24); // HELPER: line 17, column 10
}

__attribute__((noinline)) long use(const char *p) { return p[0]; }

long twice(void) {
  // M: inlined-sites.c:[[@LINE+2]]:13: malloc(24) moved to stack (inlined from helper at {{.*}}inlined-sites.c:17:10)
  // R: inlined-sites.c:[[@LINE+1]]:13: remark: malloc(24) moved to stack (inlined from helper at {{.*}}inlined-sites.c:17:10)
  char *a = helper();
  // M: inlined-sites.c:[[@LINE+2]]:13: malloc(24) moved to stack (inlined from helper at {{.*}}inlined-sites.c:17:10)
  // R: inlined-sites.c:[[@LINE+1]]:13: remark: malloc(24) moved to stack (inlined from helper at {{.*}}inlined-sites.c:17:10)
  char *b = helper();
  a[0] = 1;
  b[0] = 2;
  long r = use(a) + use(b);
  free(a);
  free(b);
  return r;
}

void elsewhere(void) {
  // M: inlined-sites.c:[[@LINE+2]]:10: malloc(24) escapes to heap (inlined from helper at {{.*}}inlined-sites.c:17:10): stored to global 'kept'
  // R: inlined-sites.c:[[@LINE+1]]:10: remark: malloc(24) escapes to heap (inlined from helper at {{.*}}inlined-sites.c:17:10): stored to global 'kept'
  kept = helper();
}

// M: goescape: {{.*}}: 2 sites moved to stack (48 bytes), 1 kept on heap

// YAML:      Name: Promoted
// YAML-NEXT: DebugLoc: { File: '{{.*}}inlined-sites.c', Line: 25, Column: 13 }
// YAML:      Name: Promoted
// YAML-NEXT: DebugLoc: { File: '{{.*}}inlined-sites.c', Line: 28, Column: 13 }
// YAML:      Name: EscapesToGlobal
// YAML-NEXT: DebugLoc: { File: '{{.*}}inlined-sites.c', Line: 40, Column: 10 }
