// The same verdicts as LLVM optimisation remarks under the pass name
// goescape: -Rpass (promoted), -Rpass-missed (kept, with the reason),
// -Rpass-analysis (parameter summaries), and YAML records that LLVM's remark
// tools read, with Bytes and LoopDepth for goescape-report (each its own
// argument, with words between them for tools that join the arguments).
//
// RUN: %clang -O2 -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -Rpass-analysis=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=TEXT
// The file is named relative to its directory, so that the YAML line holding
// it does not wrap at a long checkout path.
// RUN: cd %S && %clang -O2 -fpass-plugin=%plugin -fsave-optimization-record -foptimization-record-file=%t.yaml -c remarks.c -o /dev/null
// RUN: FileCheck %s --check-prefix=PASSED < %t.yaml
// RUN: FileCheck %s --check-prefix=MISSED < %t.yaml
// RUN: FileCheck %s --check-prefix=ANALYSIS < %t.yaml
// RUN: llvm-remarkutil count --parser=yaml --group-by=source --pass-name=goescape %t.yaml | FileCheck %s --check-prefix=UTIL

#include <stdio.h>
#include <stdlib.h>

char *keep;

// TEXT: remarks.c:[[@LINE+1]]:{{[0-9]+}}: remark: parameter 1 does not escape [-Rpass-analysis=goescape]
__attribute__((noinline)) int peek(const char *p, int i) { return p[i]; }

int scratch(int n) {
  int s = 0;
  for (int i = 0; i < n; i++) {
    // TEXT: remarks.c:[[@LINE+1]]:15: remark: malloc(256) moved to stack [-Rpass=goescape]
    char *b = malloc(256);
    snprintf(b, 256, "%d", i);
    s += peek(b, i & 1);
    free(b);
  }
  // TEXT: remarks.c:[[@LINE+1]]:10: remark: malloc(64) escapes to heap: stored to global 'keep' [-Rpass-missed=goescape]
  keep = malloc(64);
  return s;
}

// PASSED:      Name: Promoted
// PASSED-NEXT: DebugLoc: { File: {{'?.*remarks.c'?}}, Line: {{[0-9]+}}, Column: 15 }
// PASSED-NEXT: Function: scratch
// PASSED-NEXT: Args:
// PASSED-NEXT:   - Allocation: 'malloc(256)'
// PASSED-NEXT:   - String: ' moved to stack'
// PASSED-NEXT:   - String: ' ('
// PASSED-NEXT:   - Bytes: '256'
// PASSED-NEXT:   - String: ' bytes, loop depth '
// PASSED-NEXT:   - LoopDepth: '1'
// PASSED-NEXT:   - String: ')'
// PASSED-NEXT: ...
// MISSED:      Name: EscapesToGlobal
// MISSED:        - Reason: 'stored to global ''keep'''
// MISSED-NEXT:   - String: ' ('
// MISSED-NEXT:   - Bytes: '64'
// MISSED-NEXT:   - String: ' bytes, loop depth '
// MISSED-NEXT:   - LoopDepth: '0'
// MISSED-NEXT:   - String: ')'
// MISSED-NEXT: ...
// ANALYSIS:      Pass: goescape
// ANALYSIS-NEXT: Name: ParamSummary
// ANALYSIS-NEXT: DebugLoc: { File: {{'?.*remarks.c'?}}, Line: {{[0-9]+}}, Column: 0 }
// ANALYSIS-NEXT: Function: peek
// UTIL: Source,Count
// UTIL: remarks.c,{{[0-9]+}}
// Bytes is a number of its own: 256 promoted + 64 kept.
// RUN: llvm-remarkutil count --parser=yaml --count-by=arg --args=Bytes --group-by=source --pass-name=goescape %t.yaml | FileCheck %s --check-prefix=BYTES
// BYTES:      Source,Bytes
// BYTES-NEXT: remarks.c,320
