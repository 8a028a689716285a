// IR from clang before any LLVM pass (the README's opt recipe): the C
// library's declarations lack the attributes InferFunctionAttrs adds, and
// `opt -passes=goescape` runs it first, so the verdicts are those of a
// clang -O2 build. -fno-builtin-free and -fno-builtin are honoured through
// the attributes clang puts on the declarations and calls, and
// __attribute__((no_builtin("malloc"))) through the function's.
//
// RUN: %clang -O2 -g -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes=goescape -goescape-m -disable-output %t.ll 2>&1 | FileCheck %s --check-prefix=RAW --implicit-check-not=malloc
// RUN: %opt -passes='inferattrs,goescape' -goescape-m -disable-output %t.ll 2>&1 | FileCheck %s --check-prefix=RAW --implicit-check-not=malloc
// RUN: %clang -O2 -g -fno-builtin-free -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.nbf.ll
// RUN: %opt -passes=goescape -goescape-m -disable-output %t.nbf.ll 2>&1 | FileCheck %s --check-prefix=NOFREE --implicit-check-not=malloc
// RUN: %clang -O2 -g -fno-builtin -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.nb.ll
// RUN: %opt -passes=goescape -goescape-m -disable-output %t.nb.ll 2>&1 | FileCheck %s --check-prefix=NOBUILTIN --allow-empty
// The same source through clang's own pipeline.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=RAW --implicit-check-not=malloc

#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static int sum(const char *p) {
  int s = 0;
  for (int i = 0; i < 16; i++)
    s += p[i];
  return s;
}

// RAW: {{.*}}raw-ir.c:[[@LINE+3]]:13: malloc(16) moved to stack
// NOFREE: {{.*}}raw-ir.c:[[@LINE+2]]:13: malloc(16) escapes to heap: passed to 'free', which may keep it
int g(int n) {
  char *p = malloc(16);
  memset(p, n, 16);
  int r = sum(p);
  free(p);
  return r;
}

// strcpy and strlen neither keep nor free the buffer.
// RAW: {{.*}}raw-ir.c:[[@LINE+3]]:13: malloc(32) moved to stack
// NOFREE: {{.*}}raw-ir.c:[[@LINE+2]]:13: malloc(32) escapes to heap: passed to 'free', which may keep it
int h(const char *s) {
  char *p = malloc(32);
  strcpy(p, "abc");
  int r = (int)strlen(p) + s[0];
  free(p);
  return r;
}

// This function's malloc is not the library's: not a site.
__attribute__((no_builtin("malloc"))) int own(int n) {
  char *p = malloc(16);
  memset(p, n, 16);
  int r = sum(p);
  free(p);
  return r;
}

// RAW: goescape: {{.*}}raw-ir.c: 2 sites moved to stack (48 bytes), 0 kept on heap
// NOFREE: goescape: {{.*}}raw-ir.c: 0 sites moved to stack (0 bytes), 2 kept on heap
// -fno-builtin: no site, nothing to say.
// NOBUILTIN-NOT: {{.}}
