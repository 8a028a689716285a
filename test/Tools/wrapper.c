// REQUIRES: clangxx
// goescape-cc and goescape-c++ from the build tree: clang-22 with the plugin,
// every argument passed through.
//
// The wrappers live in <build>/bin, next to <build>/lib/GoEscape.so (%plugin);
// %t/build is a link to <build>.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import os,sys; os.symlink(os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[1]))), sys.argv[2])" %plugin %t/build
//
// The pass runs: the scratch buffer is gone, and a remark says so.
// RUN: %t/build/bin/goescape-cc -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=ON
// RUN: %t/build/bin/goescape-cc -O2 -c %s -o %t/w.o -Rpass=goescape 2>&1 | FileCheck %s --check-prefix=REMARK
// ON-LABEL: define {{.*}} @sum_squares(
// ON-NOT: @malloc
// ON-NOT: @free
// ON: ret i32
// REMARK: wrapper.c:{{[0-9]+}}:{{[0-9]+}}: remark: malloc(64) moved to stack [-Rpass=goescape]
//
// The same compiler underneath: link-only, -E, -M and --version go through,
// and the program runs.
// RUN: %t/build/bin/goescape-cc -Werror %t/w.o -o %t/w
// RUN: %t/w
// RUN: %t/build/bin/goescape-cc -Werror -E %s -o %t/w.i
// RUN: %t/build/bin/goescape-cc -Werror -MM %s | FileCheck %s --check-prefix=DEPS
// RUN: %t/build/bin/goescape-cc --version | FileCheck %s --check-prefix=VERSION
// DEPS: wrapper.o: {{.*}}wrapper.c
// VERSION: clang version 22.
#include <stdlib.h>

int sum_squares(int n) {
  int *sq = (int *)malloc(16 * sizeof(int));
  if (!sq)
    return -1;
  for (int i = 0; i < n && i < 16; ++i)
    sq[i] = i * i;
  int s = 0;
  for (int i = n - 1; i >= 0 && i < 16; --i)
    s += sq[i];
  free(sq);
  return s;
}

int main(int argc, char **argv) { return sum_squares(argc + 3) == 14 ? 0 : 1; }

// The plugin from ../lib, found through a symlink to the wrapper too.
// RUN: %t/build/bin/goescape-cc -### -O2 -c %s 2>&1 | FileCheck %s --check-prefix=DRIVER
// RUN: ln -s %t/build/bin/goescape-cc %t/my-cc
// RUN: %t/my-cc -### -O2 -c %s 2>&1 | FileCheck %s --check-prefix=DRIVER
// DRIVER: "-fpass-plugin={{[^"]*}}/bin/../lib/GoEscape.so"
//
// goescape-c++ runs clang++: a .c file is compiled as C++.
// RUN: %t/build/bin/goescape-c++ -### -O2 -c %s 2>&1 | FileCheck %s --check-prefix=CXX
// RUN: %t/build/bin/goescape-c++ -Wno-deprecated -O2 -c %s -o %t/wxx.o -Rpass=goescape 2>&1 | FileCheck %s --check-prefix=REMARK
// CXX: "-cc1"
// CXX-SAME: "-fpass-plugin={{[^"]*}}/bin/../lib/GoEscape.so"
// CXX-SAME: "-x" "c++"
//
// GOESCAPE_FLAGS is appended; GOESCAPE_CLANG picks the compiler; a missing
// GOESCAPE_PLUGIN is an error, not a silent plain build.
// RUN: env GOESCAPE_FLAGS="-Rpass-missed=goescape -mllvm -goescape-max-size=63" %t/build/bin/goescape-cc -O2 -c %s -o %t/w.o 2>&1 | FileCheck %s --check-prefix=FLAGS
// FLAGS: wrapper.c:{{.*}}: remark: malloc(64) kept on heap: size 64 is over the limit of 63 bytes
// RUN: env GOESCAPE_CLANG=%clang GOESCAPE_PLUGIN=%plugin %t/build/bin/goescape-cc -O2 -c %s -o %t/w.o -Rpass=goescape 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: not env GOESCAPE_PLUGIN=%t/nowhere.so %t/build/bin/goescape-cc -O2 -c %s -o %t/w.o 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
// A compiler of another LLVM (here gcc) is refused with both versions named.
// RUN: not env GOESCAPE_CLANG=gcc %t/build/bin/goescape-cc -O2 -c %s -o %t/w.o 2>&1 | FileCheck %s --check-prefix=OTHERLLVM
// OTHERLLVM: goescape-cc: GOESCAPE_CLANG=gcc is version {{[0-9.]+}}, not clang 22: GoEscape.so is built for LLVM 22
// NOPLUGIN: goescape-cc: GOESCAPE_PLUGIN={{.*}}nowhere.so: no such file
