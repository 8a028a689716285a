// At -O0, or with no -O at all (CMake's default build type), goescape does
// not run; asked to say something (-goescape-m, its remarks, an
// optimisation record), it says that in one line instead of nothing
// (issue 15, item 5). Not asked, it stays silent.
//
// RUN: %clang -O0 -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang -fpass-plugin=%plugin -Rpass=goescape -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang -O0 -fpass-plugin=%plugin -Rpass-missed=goescape -c %s -o /dev/null 2>&1 | FileCheck %s
// RUN: %clang -O0 -fpass-plugin=%plugin -c %s -o /dev/null 2>&1 | count 0
// RUN: %clang -O0 -fpass-plugin=%plugin -Rpass=inline -c %s -o /dev/null 2>&1 | count 0
// At -O1 it runs: no such line, the verdict instead.
// RUN: %clang -O1 -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=O1
// CHECK: goescape: {{.*}}o0-note.c: not run: goescape runs at -O1 and above, and this is -O0 (or no -O given)
// CHECK-NOT: goescape
// O1-NOT: not run
// O1: malloc(16) moved to stack

#include <stdlib.h>

__attribute__((noinline)) static int rd(const int *p) { return p[0] + p[3]; }

int f(int k) {
  int *p = malloc(16);
  if (!p)
    return 1;
  for (int i = 0; i < 4; i++)
    p[i] = i * k;
  int r = rd(p);
  free(p);
  return r;
}
