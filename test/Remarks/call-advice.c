// A site kept because of a call says what the callee does with it, or why
// goescape cannot see that and what would let it; one kept for a reason a
// single change fixes says which change: in -goescape-m, in the
// remark's message and in its Advice argument (for goescape-report). A C
// library function gets no advice: there is nothing to change.
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-carried-slots=0 -mllvm -goescape-m -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-carried-slots=0 -mllvm -goescape-m=2 -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=M2
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-carried-slots=0 -Rpass-missed=goescape -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-carried-slots=0 -fsave-optimization-record -foptimization-record-file=%t.yaml -c %s -o /dev/null
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *last;
void opaque(char *p);
__attribute__((noinline)) void keep(char *p) { last = p; }
__attribute__((weak, noinline)) int replaceable(char *p) { return p[0]; }

int not_defined(void) {
  char *p = malloc(16);
  memset(p, 1, 16);
  opaque(p);
  int r = p[1];
  free(p);
  return r;
}
// M: call-advice.c:[[#@LINE-7]]:13: malloc(16) escapes to heap: passed to 'opaque', which may keep it; 'opaque' is not defined in this file: define it here, or build with -flto, so that goescape sees what it does with it
// REMARK: call-advice.c:[[#@LINE-8]]:13: remark: malloc(16) escapes to heap: passed to 'opaque', which may keep it; 'opaque' is not defined in this file

int kept_by_callee(void) {
  char *p = malloc(16);
  memset(p, 1, 16);
  keep(p);
  return p[1];
}
// M: call-advice.c:[[#@LINE-5]]:13: malloc(16) escapes to heap: passed to 'keep', which may keep it; in 'keep', p: stored to global 'last' (at {{.*}}call-advice.c:17:53)

int weak_callee(void) {
  char *p = malloc(16);
  memset(p, 1, 16);
  int r = replaceable(p);
  free(p);
  return r;
}
// M: call-advice.c:[[#@LINE-6]]:13: malloc(16) escapes to heap: passed to 'replaceable', which may keep it; 'replaceable' may be replaced by another function when the program is linked (it is weak), so goescape does not use its body

int libc_keeps(FILE *f) {
  char *p = malloc(16);
  setvbuf(f, p, _IOFBF, 16);
  return fgetc(f);
}
// M: call-advice.c:[[#@LINE-4]]:13: malloc(16) escapes to heap: passed to 'setvbuf', which may keep it{{$}}

// Kept for a reason one change fixes: the advice says which change.
struct node { struct node *next; int v; };
int loop_carried(int n) {
  struct node *head = 0;
  for (int i = 0; i < n; i++) {
    struct node *x = malloc(sizeof *x);
    x->v = i;
    x->next = head;
    head = x;
  }
  int s = 0;
  while (head) {
    struct node *next = head->next;
    s += head->v;
    free(head);
    head = next;
  }
  return s;
}
// M: call-advice.c:[[#@LINE-14]]:22: malloc(16) kept on heap: may still be live when its loop allocates again; if each iteration is done with its object before the next, free it in the same iteration, or allocate it once outside the loop

// -m=2 says the same advice after the flow, which shows what a callee does.
// M2: call-advice.c:21:13:   flow: passed to 'opaque', which may keep it
// M2-NEXT: call-advice.c:21:13:   advice: 'opaque' is not defined in this file
// M2: call-advice.c:32:13:   flow: in 'keep', p: stored to global 'last'
// M2-NEXT: call-advice.c:40:13: malloc(16) escapes to heap:
// M2: call-advice.c:60:22:   flow: may still be live when its loop allocates again
// M2-NEXT: call-advice.c:60:22:   advice: if each iteration is done with its object

// YAML: Name: EscapesToCall
// YAML: - Advice: {{.*}}opaque'' is not defined in this file

// A run-time size the small buffer cannot serve (a wrapper that computes
// its size) says so, rather than pointing at -goescape-small-buffer, which
// is on.
__attribute__((noinline)) static void *alloc_plus_one(size_t n) {
  void *p = malloc(n + 1);
  if (!p)
    abort();
  return p;
}
int computed_size(size_t n) {
  char *p = alloc_plus_one(n);
  memset(p, 1, n + 1);
  int r = p[n];
  free(p);
  return r;
}
// M: call-advice.c:[[#@LINE-6]]:13: alloc_plus_one(?) kept on heap: size is not a compile-time constant; give it a constant size or a bound (n & 255): the small buffer serves calls of the C library's allocators and of wrappers that pass the size on unchanged, not this one

// Advice to stop an escape says when the object is also over the size
// limit: one change would not move it.
int too_big_anyway(void) {
  char *p = malloc(200003);
  memset(p, 1, 200003);
  opaque(p);
  int r = p[5];
  free(p);
  return r;
}
// M: call-advice.c:[[#@LINE-7]]:13: malloc(200003) escapes to heap: passed to 'opaque', which may keep it; 'opaque' is not defined in this file: define it here, or build with -flto, so that goescape sees what it does with it (but at 200003 bytes it is also over the size limit of 65536 bytes: it would stay on the heap)
