// -fno-builtin and its per-function spellings: clang marks the calls
// nobuiltin, and a nobuiltin malloc is not an allocation site. With
// -fno-builtin-free only, malloc is still a site, but free is a plain
// external function that may keep its argument: the object stays.
//
// RUN: %clang -O2 -fno-inline -S -emit-llvm %s -o %t.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.ll 2>&1 | FileCheck %s --check-prefix=BUILTIN
// RUN: %clang -O2 -fno-inline -fno-builtin -S -emit-llvm %s -o %t.nb.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.nb.ll 2>&1 | FileCheck %s --check-prefix=NOBUILTIN
// RUN: %clang -O2 -fno-inline -fno-builtin-malloc -S -emit-llvm %s -o %t.nbm.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.nbm.ll 2>&1 | FileCheck %s --check-prefix=NOBUILTIN
// RUN: %clang -O2 -fno-inline -fno-builtin-free -S -emit-llvm %s -o %t.nbf.ll
// RUN: %opt -passes='print<goescape>' -disable-output %t.nbf.ll 2>&1 | FileCheck %s --check-prefix=NOFREE

#include <stdlib.h>

// An out-of-line reader keeps the object alive through -O2 without letting
// it escape.
__attribute__((noinline)) int rd(const char *p) { return *p; }

// scratch takes a pointer so that print<goescape> lists it without sites.
// BUILTIN-LABEL: goescape: function 'scratch': 1 site, 1 promoted
// BUILTIN-NEXT: = malloc(16): promoted (align 16, 1 free removed)
// NOBUILTIN-LABEL: goescape: function 'scratch': 0 sites, 0 promoted
// NOFREE-LABEL: goescape: function 'scratch': 1 site, 0 promoted
// NOFREE-NEXT: = malloc(16): kept (EscapesToCall): passed to 'free', which may keep it
int scratch(const char *tag) {
  char *p = malloc(16);
  if (!p)
    return -1;
  p[0] = 1;
  int r = rd(p) + rd(tag);
  free(p);
  return r;
}

// __attribute__((no_builtin("malloc"))) marks only the function: its calls
// are not nobuiltin, and malloc's declaration has the allockind
// InferFunctionAttrs gave it for the rest of the file. Its malloc is still
// not the library's, in every build.
// BUILTIN-LABEL: goescape: function 'own_malloc': 0 sites, 0 promoted
// NOBUILTIN-LABEL: goescape: function 'own_malloc': 0 sites, 0 promoted
// NOFREE-LABEL: goescape: function 'own_malloc': 0 sites, 0 promoted
__attribute__((no_builtin("malloc"))) int own_malloc(const char *tag) {
  char *p = malloc(16);
  if (!p)
    return -1;
  p[0] = 1;
  int r = rd(p) + rd(tag);
  free(p);
  return r;
}
