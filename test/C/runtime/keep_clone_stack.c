// RUN: %rtcheck %s --promoted 0 
/* ADV: clone(child, stack_top, CLONE_VM|SIGCHLD, ...) on a 32 KiB mmap'd stack:
   the frozen plugin does not look at clone at all, so child()/work() keep the
   default limits and work()'s 40000-byte object overflows into the guard
   page (plain: fine). The live tree's 4552f26 adds clone, but only via
   getObjectSize(getUnderlyingObject(stack arg)), which fails for mmap (and
   for any malloc of a run-time size), so this program still fails there.
   Rule that misses it: lib/LibcModel.cpp findSmallestProgramStack().
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so clone_stack.c */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define STK (32 * 1024)
static volatile int result;

__attribute__((noinline)) static int work(int n) {
  int *a = malloc(40000);
  for (int i = 0; i < 10000; i++) a[i] = i * n;
  int s = 0;
  for (int i = 0; i < 10000; i += 7) s += a[i];
  free(a);
  return s;
}

static int child(void *arg) {
  result = work(*(int *)arg);
  return 0;
}

int main(void) {
  char *m = mmap(0, STK + 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(m, 4096, PROT_NONE); /* guard page */
  int n = 3;
  pid_t p = clone(child, m + 4096 + STK, CLONE_VM | SIGCHLD, &n);
  int st;
  waitpid(p, &st, 0);
  if (WIFSIGNALED(st)) { printf("child killed by signal %d\n", WTERMSIG(st)); return 1; }
  printf("result %d\n", result);
  return 0;
}
