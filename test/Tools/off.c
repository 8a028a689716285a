// REQUIRES: clangxx
// GOESCAPE=0 or GOESCAPE_DISABLE=1 turns goescape-cc into plain clang-22:
// no plugin on the command line, the malloc stays, no remark.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import os,sys; os.symlink(os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[1]))), sys.argv[2])" %plugin %t/build
//
// RUN: env GOESCAPE=0 %t/build/bin/goescape-cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: env GOESCAPE_DISABLE=1 %t/build/bin/goescape-cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: env GOESCAPE=0 %t/build/bin/goescape-c++ -x c -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=OFF
// RUN: env GOESCAPE=1 %t/build/bin/goescape-cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=ON
// RUN: env GOESCAPE_DISABLE=0 %t/build/bin/goescape-cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=ON
// OFF-LABEL: define {{.*}} @mean(
// OFF: call {{.*}} @malloc(i64 {{.*}}800)
// OFF: call void @free(
// ON-LABEL: define {{.*}} @mean(
// ON-NOT: @malloc
// ON: ret double
//
// RUN: env GOESCAPE=0 %t/build/bin/goescape-cc -O2 -c %s -o %t/off.o -Rpass=goescape -Rpass-missed=goescape 2>&1 | count 0
// RUN: env GOESCAPE=0 %t/build/bin/goescape-cc -### -O2 -c %s 2>&1 | FileCheck %s --check-prefix=DRIVER
// DRIVER-NOT: -fpass-plugin
// DRIVER: "-cc1"
// DRIVER-NOT: -fpass-plugin
//
// Off even when the plugin cannot be found.
// RUN: env GOESCAPE=0 GOESCAPE_PLUGIN=%t/nowhere.so %t/build/bin/goescape-cc -O2 -c %s -o %t/off.o
#include <stdlib.h>

double mean(const double *x, int n) {
  double *tmp = (double *)malloc(100 * sizeof(double));
  if (!tmp || n > 100)
    abort();
  for (int i = 0; i < n; ++i)
    tmp[i] = x[i] / n;
  double s = 0;
  for (int i = n - 1; i >= 0; --i)
    s += tmp[i];
  free(tmp);
  return s;
}
