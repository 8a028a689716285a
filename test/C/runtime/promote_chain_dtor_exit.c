// RUN: %rtcheck %s --promoted 4 --stack-kb 480
/* ADV: exit() runs __attribute__((destructor)) functions (.fini_array, from
   llvm.global_dtors) on top of the frames that called exit. ExitHooks is set
   only when atexit/__cxa_atexit/on_exit... are named, so exit is no callback
   edge and b()'s chain misses fini()->h1->h2. Each FRAME holds two 64 KiB malloc objects live at once: goescape promotes
   both (128 KiB frame), so a chain a->b->[libc]->handler->h1->h2 gets 4 x 128 KiB
   = 512 KiB promoted, twice the 256 KiB chain budget. The plain build runs
   with a 16 KiB stack; under a 480 KiB limit (>256 KiB left unused, which
   design.md's guarantee says is enough) the plugin build overflows (SIGSEGV).
   Rule that misses it: lib/LibcModel.cpp LibcHooks::find() (ignores
   llvm.global_dtors) and mayCallBack().
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so dtor_exit_chain.c --stack-kb 480
   (C++ static destructors, registered with __cxa_atexit, are handled.) */
#include <stdio.h>
#include <stdlib.h>
#include <stdlib.h>
#define K64 65536
static volatile int sink, idx = 5;
#define FRAME(name, next)                                                   \
  __attribute__((noinline)) static void name(int n) {                       \
    char *p = (char *)malloc(K64), *q = (char *)malloc(K64);                                \
    for (int i = 0; i < K64; i++) { p[i] = (char)(i * n); q[i] = (char)(i + n); } \
    next;                                                                   \
    sink += p[idx] + q[K64 - 1 - idx];                                      \
    free(p);                                                                \
    free(q);                                                                \
  }

FRAME(h2, (void)0)
FRAME(h1, h2(n + 1))
/* Runs inside exit(), on top of the frames that called exit. */
__attribute__((destructor)) static void fini(void) {
  h1(1);
  printf("sink %d\n", sink);
}

FRAME(b, if (idx == 5) exit(0))
FRAME(a, b(n + 1))

int main(void) {
  a(1);
  return 1;
}
