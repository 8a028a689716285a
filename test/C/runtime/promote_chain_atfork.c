// RUN: %rtcheck %s --promoted 4 --cflags -pthread --stack-kb 480 
/* ADV: fork() runs pthread_atfork handlers on the caller's stack, but fork is a
   known LibFunc, so mayCallBack() returns false and the chain below b() does
   not include prepare()->h1->h2. Each FRAME holds two 64 KiB malloc objects live at once: goescape promotes
   both (128 KiB frame), so a chain a->b->[libc]->handler->h1->h2 gets 4 x 128 KiB
   = 512 KiB promoted, twice the 256 KiB chain budget. The plain build runs
   with a 16 KiB stack; under a 480 KiB limit (>256 KiB left unused, which
   design.md's guarantee says is enough) the plugin build overflows (SIGSEGV).
   Rule that misses it: lib/LibcModel.cpp mayCallBack() / LibcHooks::find()
   (no pthread_atfork hook kind; fork not turned into a callback edge).
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so atfork_chain.c --cflags -pthread --stack-kb 480 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
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
static void prepare(void) { h1(1); }

static pid_t pid;
FRAME(b, pid = fork())
FRAME(a, b(n + 1))

int main(void) {
  pthread_atfork(prepare, 0, 0);
  a(1);
  if (pid == 0)
    _exit(0);
  int st;
  waitpid(pid, &st, 0);
  printf("sink %d child %d\n", sink, WEXITSTATUS(st));
  return 0;
}
