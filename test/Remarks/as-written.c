// The report names calls and parameters as the source wrote them: a malloc
// that LLVM folded with its memset into calloc is "malloc(32) ... (LLVM
// rewrote it as calloc)", a calloc written as such is a calloc, and a
// parameter's line has its column (the optimiser keeps none for it). Without
// -g nothing is known of the source: the call is named as in the IR.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m=2 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M
// RUN: %clang -O2 -g -fpass-plugin=%plugin -Rpass=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %clang -O2 -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NODBG
// The record travels to link time with the bitcode.
// RUN: %clang -O2 -g -flto=thin -fpass-plugin=%plugin -c %s -o %t.o
// RUN: llvm-dis %t.o -o - | FileCheck %s --check-prefix=BITCODE
#include <stdlib.h>
#include <string.h>

int seen;
__attribute__((noinline)) void consume(void *p) { free(p); }
__attribute__((noinline)) void look(char *buf, int n) { seen += buf[n & 31]; }

void zeroed(int n) {
  char *p = malloc(32);
  memset(p, 0, 32);
  look(p, n);
  free(p);
}

void real_calloc(int n) {
  char *q = calloc(32, 1);
  look(q, n);
  free(q);
}

// M: as-written.c:16:46: frees param: p
// M: as-written.c:17:43: buf does not escape
// M: as-written.c:20:13: malloc(32) moved to stack (LLVM rewrote it as calloc)
// M: as-written.c:27:13: calloc(32) moved to stack{{$}}
// REMARK: as-written.c:20:13: remark: malloc(32) moved to stack (LLVM rewrote it as calloc)
// REMARK: as-written.c:27:13: remark: calloc(32) moved to stack [-Rpass=goescape]
// NODBG: function 'real_calloc': calloc(32) moved to stack
// NODBG: function 'zeroed': calloc(32) moved to stack
// BITCODE: !goescape.written = !{

// The summary line names the file as the lines above do, relative to the
// compilation directory, not as the command line did (absolute, as CMake).
// RUN: cd %S && %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REL
// REL: {{^}}as-written.c:20:13: malloc(32) moved to stack
// REL: {{^}}goescape: as-written.c: 2 sites moved to stack (64 bytes), 0 kept on heap
