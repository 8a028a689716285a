// RUN: %rtcheck %s --promoted 0 
/* ADV: The coroutine's stack (32 KiB, a constant) is described by a helper that
   stores ss_sp/ss_size through its ucontext_t* parameter. The store is not a
   user of the object makecontext is given, so the size is not found, co()/
   work() get the default limits and work()'s 40000-byte object is promoted
   onto the 32 KiB context stack: stack overflow (plain: fine). Inlining the
   helper (static, no noinline) makes it detected.
   Rule that misses it: lib/LibcModel.cpp smallestSizeStoredInto() (only
   direct stores/GEPs/memcpy-from-const on the underlying object).
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so ctx_helper.c */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <ucontext.h>

static ucontext_t main_ctx, co_ctx;
static volatile int result;

__attribute__((noinline)) static int work(int n) {
  int *a = malloc(40000);
  for (int i = 0; i < 10000; i++) a[i] = i * n;
  int s = 0;
  for (int i = 0; i < 10000; i += 7) s += a[i];
  free(a);
  return s;
}

static void co(void) { result = work(3); }

/* The stack is described by a helper: the store of the size is through a
   parameter, not into the object passed to makecontext. */
__attribute__((noinline)) void set_stack(ucontext_t *u, void *sp, size_t n) {
  u->uc_stack.ss_sp = sp;
  u->uc_stack.ss_size = n;
  u->uc_link = &main_ctx;
}

int main(void) {
  char *m = mmap(0, 32768 + 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(m, 4096, PROT_NONE);
  getcontext(&co_ctx);
  set_stack(&co_ctx, m + 4096, 32768);
  makecontext(&co_ctx, co, 0);
  swapcontext(&main_ctx, &co_ctx);
  printf("result %d\n", result);
  return 0;
}
