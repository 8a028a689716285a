// RUN: %rtcheck %s --promoted 0 --cflags -pthread 
/* ADV: pthread_attr_setstacksize(&a, argc > 5 ? 1 MiB : 64 KiB): after -O2 the
   argument is a select of two constants; ConstArg wants a ConstantInt, so the
   smallest possible stack (64 KiB) is not used and the routine's 64 KiB
   object is promoted: SIGSEGV. (Weaker: the value is chosen at run time, but
   both candidates are compile-time constants; the same applies to a
   select/phi stored into ss_size.)
   Rule that misses it: lib/LibcModel.cpp findSmallestProgramStack() ConstArg
   and smallestSizeStoredInto() Consider().
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so pthread_select_size.c --cflags -pthread */
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

int main(int argc, char **argv) {
  pthread_attr_t a;
  pthread_attr_init(&a);
  /* The stack size is one of two constants: 64 KiB unless asked for more. */
  pthread_attr_setstacksize(&a, argc > 5 ? 1 << 20 : 65536);
  int n = 3;
  pthread_t t;
  pthread_create(&t, &a, routine, &n);
  pthread_join(t, 0);
  printf("result %d\n", n);
  return 0;
}
