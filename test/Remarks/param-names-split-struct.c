// REQUIRES: x86_64-linux
// Regression test: on x86-64 a struct of two pointers passed by value is two
// IR arguments, so IR argument N is not the source's parameter N, and the
// tags named them by position: the struct's second half was 'allow', and
// 'extra' was 'parameter 4'. A parameter is named by the debug record of
// the argument's own value; a part of a split struct by its field.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m=2 -c %s -o /dev/null 2>&1 | FileCheck %s --implicit-check-not=allow
#include <stdlib.h>

struct pair { char *a, *b; };
char *g1, *g2;

__attribute__((noinline)) void store_pair(struct pair value, int allow, char *extra) {
  g1 = value.a;
  if (allow)
    g2 = extra;
}

// CHECK: param-names-split-struct.c:13:55: leaking param: value.a
// CHECK-NEXT: param-names-split-struct.c:13:55: value.b does not escape
// CHECK-NEXT: param-names-split-struct.c:13:79: leaking param: extra
