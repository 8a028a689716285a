// Several sites at one source position (a macro that allocates twice, a
// loop the optimiser unrolled): the summary counts sites, the same with and
// without -g; lines that agree are said once, with how many copies; lines
// that disagree say which copy each is, in -goescape-m and in remarks.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M
// RUN: %clang -O2 -fpass-plugin=%plugin -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NODBG
// RUN: %clang -O2 -g -fpass-plugin=%plugin -Rpass=goescape -Rpass-missed=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
#include <stdlib.h>
#include <string.h>

void *last;
int seen;
__attribute__((noinline)) void use(char *p) {
  memset(p, 1, 16);
  seen += p[seen & 15];
}

#define TWO(a, b) (a = malloc(16), b = malloc(16))

int differ(void) {
  char *a, *b;
  TWO(a, b);
  use(a);
  use(b);
  last = b;
  free(a);
  return 0;
}

int agree(void) {
  char *c, *d;
  TWO(c, d);
  use(c);
  use(d);
  free(c);
  free(d);
  return 0;
}

// M: copies-at-one-line.c:[[#DIFFER:]]:3: malloc(16) moved to stack (copy 1 of 2)
// M-NEXT: copies-at-one-line.c:[[#DIFFER]]:3: malloc(16) escapes to heap (copy 2 of 2): stored to global 'last'
// M-NEXT: copies-at-one-line.c:[[#AGREE:]]:3: malloc(16) moved to stack (2 copies)
// M-NEXT: goescape: {{.*}}copies-at-one-line.c: 3 sites moved to stack (48 bytes), 1 kept on heap
// M-NOT: {{.}}

// NODBG: goescape: {{.*}}copies-at-one-line.c: 3 sites moved to stack (48 bytes), 1 kept on heap

// REMARK: copies-at-one-line.c:[[#DIFFER:]]:3: remark: malloc(16) moved to stack (copy 1 of 2)
// REMARK: copies-at-one-line.c:[[#DIFFER]]:3: remark: malloc(16) escapes to heap (copy 2 of 2): stored to global 'last'
// REMARK: copies-at-one-line.c:[[#AGREE:]]:3: remark: malloc(16) moved to stack (copy 1 of 2)
// REMARK: copies-at-one-line.c:[[#AGREE]]:3: remark: malloc(16) moved to stack (copy 2 of 2)
