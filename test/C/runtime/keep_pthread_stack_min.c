// RUN: %rtcheck %s --promoted 0 --cflags -pthread 
/* ADV: pthread_attr_setstacksize(&a, 4 * PTHREAD_STACK_MIN) = 64 KiB. With
   _GNU_SOURCE, glibc >= 2.34 spells PTHREAD_STACK_MIN as
   sysconf(_SC_THREAD_STACK_MIN_VALUE), so the argument is not a ConstantInt,
   the thread routine keeps the default limits, and its 64 KiB object is
   promoted onto a 64 KiB thread stack: SIGSEGV (plain: fine). Without
   _GNU_SOURCE (PTHREAD_STACK_MIN = 16384) the site is correctly kept.
   Rule that misses it: lib/LibcModel.cpp findSmallestProgramStack() ConstArg
   (a set-up stack of unknown size falls back to the defaults).
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so pthread_stack_min.c --cflags -pthread */
#define _GNU_SOURCE
#include <limits.h>
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

static void *routine(void *arg) {
  *(int *)arg = work(*(int *)arg);
  return 0;
}

int main(void) {
  pthread_attr_t a;
  pthread_attr_init(&a);
  /* 4 * PTHREAD_STACK_MIN: with _GNU_SOURCE, glibc 2.34+ spells it
     sysconf(_SC_THREAD_STACK_MIN_VALUE). */
  pthread_attr_setstacksize(&a, 4 * PTHREAD_STACK_MIN);
  int n = 3;
  pthread_t t;
  pthread_create(&t, &a, routine, &n);
  pthread_join(t, 0);
  printf("result %d\n", n);
  return 0;
}
