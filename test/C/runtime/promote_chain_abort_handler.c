// RUN: %rtcheck %s --promoted 2 --stack-kb 480 
/* ADV: abort() raises SIGABRT synchronously and the handler runs on top of the
   caller's frames; abort is a known LibFunc, so mayCallBack() returns false.
   design.md only admits asynchronous signal handlers adding a chain; this
   one is synchronous and visible in the module. Each FRAME holds two 64 KiB malloc objects live at once: goescape promotes
   both (128 KiB frame), so a chain a->b->[libc]->handler->h1->h2 gets 4 x 128 KiB
   = 512 KiB promoted, twice the 256 KiB chain budget. The plain build runs
   with a 16 KiB stack; under a 480 KiB limit (>256 KiB left unused, which
   design.md's guarantee says is enough) the plugin build overflows (SIGSEGV).
   Rule that misses it: lib/LibcModel.cpp mayCallBack() (no signal-handler
   hook kind for abort/raise-like LibFuncs; write() + SIGPIPE is the same shape).
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so abort_handler_chain.c --stack-kb 480 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
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
/* abort() raises SIGABRT synchronously: the handler runs on top of the
   frames that called abort. */
static void on_abort(int sig) {
  h1(sig);
  printf("sink %d\n", sink);
  fflush(stdout);
  _exit(0);
}

FRAME(b, if (idx == 5) abort())
FRAME(a, b(n + 1))

int main(void) {
  signal(SIGABRT, on_abort);
  a(1);
  return 1;
}
