// GOESCAPE_FLAGS go to commands that compile (issue 15, item 6): a command
// that only links gets none of them, so -mllvm and -R flags meant for the
// compiler do not break a -Werror link; a command that compiles and links
// gets them. (LTO links keep theirs: test/LTO/wrapper.test.)
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import os,sys; os.symlink(os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[1]))), sys.argv[2])" %plugin %t/build
// DEFINE: %{flags} = env "GOESCAPE_FLAGS=-Rpass=goescape -mllvm -goescape-m"
//
// RUN: %{flags} %t/build/bin/goescape-cc -Werror -O2 -c %s -o %t/f.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %{flags} %t/build/bin/goescape-cc -Werror %t/f.o -o %t/f 2>&1 | count 0
// RUN: %t/f
// RUN: %{flags} %t/build/bin/goescape-cc -Werror -shared %t/f.o -lm -Wl,-z,now -o %t/f.so 2>&1 | count 0
// RUN: %{flags} %t/build/bin/goescape-c++ -Werror %t/f.o -o %t/fxx 2>&1 | count 0
// RUN: %{flags} %t/build/bin/goescape-cc -### %t/f.o -o %t/f 2>&1 | FileCheck %s --check-prefix=LINK
// LINK-NOT: -fpass-plugin
// LINK-NOT: goescape-m
// LINK-NOT: -Rpass
// LINK-NOT: plugin-arg
// LINK: "-o" "{{[^"]*}}f"
// LINK-NOT: -fpass-plugin
// LINK-NOT: goescape-m
//
// Compiles, with or without a link, get the flags and the plugin's identity
// (the key a compiler cache needs): a source named by its suffix, after
// -x, or possibly in a response file.
// RUN: %{flags} %t/build/bin/goescape-cc -Werror -O2 %s -o %t/g 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %t/g
// RUN: cp %s %t/src.inc
// RUN: %{flags} %t/build/bin/goescape-cc -Werror -O2 -x c %t/src.inc -o %t/h 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: echo "-O2 -c %s -o %t/r.o" > %t/args.rsp
// RUN: %{flags} %t/build/bin/goescape-cc -Werror @%t/args.rsp 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %{flags} %t/build/bin/goescape-cc -### -O2 -c %s -o %t/f.o 2>&1 | FileCheck %s --check-prefix=COMPILE
// REMARK: {{.*}}:{{[0-9]+}}:{{[0-9]+}}: remark: malloc(64) moved to stack [-Rpass=goescape]
// COMPILE: "-cc1"
// COMPILE-SAME: "-plugin-arg-goescape" "id={{[0-9]+}}-{{[0-9.]+}}"
// COMPILE-SAME: "-fpass-plugin={{[^"]*}}GoEscape.so"
// COMPILE-SAME: "-mllvm" "-goescape-m"
// RUN: env GOESCAPE_OPTIONS=-goescape-m %t/build/bin/goescape-cc -### -O2 -c %s -o %t/f.o 2>&1 | FileCheck %s --check-prefix=OPTIONS
// OPTIONS: "-plugin-arg-goescape" "options=-goescape-m"
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
