// REQUIRES: opt-viewer
// LLVM's opt-viewer joins a record's arguments into one line: the extra
// arguments (Bytes, LoopDepth) come with words between them, not run into
// the message ("moved to stack2561"). The checks end in the &nbsp; that
// follows a remark; the page's copy of this file has it escaped.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %S && %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-small-buffer=0 -fsave-optimization-record -foptimization-record-file=%t/r.yaml -c opt-viewer.c -o /dev/null
// RUN: %opt-viewer -j 1 --source-dir %S -o %t/view %t/r.yaml > /dev/null
// RUN: FileCheck %s --input-file=%t/view/opt-viewer.c.html

#include <stdlib.h>

char *keep;

int scratch(int n) {
  int s = 0;
  for (int i = 0; i < n; i++) {
    char *b = malloc(256);
    b[0] = (char)i;
    s += b[i & 1];
    free(b);
  }
  // CHECK-DAG: malloc(256) moved to stack (256 bytes, loop depth 1)&nbsp;
  // CHECK-DAG: malloc(64) escapes to heap: stored to global 'keep' (64 bytes, loop depth 0)&nbsp;
  keep = malloc(64);
  // CHECK-DAG: malloc(?) kept on heap: size is not a compile-time constant; give it a constant size or a bound (n & 255); -goescape-small-buffer gives such sites a small slot with the heap as fallback (size not a constant, loop depth 0)&nbsp;
  char *v = malloc((size_t)n * 1000);
  v[0] = 1;
  s += v[n & 1];
  free(v);
  return s;
}
