// RUN: %rtcheck %s --promoted 0 --cflags -pthread 
/* ADV: Threads are started by a spawn(fn, arg, stacksize) helper; its callers
   pass the constants 1 MiB and 64 KiB, but pthread_attr_setstacksize sees the
   parameter, not a ConstantInt, so no program stack is found and small()'s
   64 KiB object is promoted onto a 64 KiB thread stack: SIGSEGV.
   Rule that misses it: lib/LibcModel.cpp findSmallestProgramStack() ConstArg
   (no look through the argument to the callers' constants).
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so pthread_spawn_helper.c --cflags -pthread */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int work(int n) {
  int *a = malloc(65536);
  for (int i = 0; i < 16384; i++) a[i] = i * n;
  int s = 0;
  for (int i = 0; i < 16384; i += 7) s += a[i];
  free(a);
  return s;
}

static void *big(void *arg) { *(int *)arg += 1; return 0; }
static void *small(void *arg) { *(int *)arg = work(*(int *)arg); return 0; }

/* Every thread is started with a stack size its caller chose: constants
   at both call sites, not one constant in the call of setstacksize. */
__attribute__((noinline)) static void spawn(void *(*fn)(void *), void *arg,
                                            size_t stack) {
  pthread_attr_t a;
  pthread_t t;
  pthread_attr_init(&a);
  pthread_attr_setstacksize(&a, stack);
  pthread_create(&t, &a, fn, arg);
  pthread_join(t, 0);
  pthread_attr_destroy(&a);
}

int main(void) {
  int x = 1, n = 3;
  spawn(big, &x, 1 << 20);
  spawn(small, &n, 65536);
  printf("result %d %d\n", x, n);
  return 0;
}
