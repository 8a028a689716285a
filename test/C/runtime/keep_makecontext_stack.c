// RUN: %rtcheck %s --promoted 0
// Shape: a makecontext coroutine on a 24 KiB stack (part of a static array,
// uc_stack.ss_size a constant 24576) calls work(), which mallocs 32 KiB.
// 1 malloc survives plain -O2 (in noinline work). The module sets a constant
// 24 KiB coroutine stack, so the coroutine (address-taken) and all it calls
// may promote objects of at most S/8 = 3 KiB: the buffer stays on the heap,
// or it overflows the coroutine's stack into the guard page below it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define BUF 32768
#define GUARD 4096

// The coroutine's 24 KiB stack, above a guard page: overflowing it faults.
static char stack_mem[GUARD + 24576] __attribute__((aligned(4096)));
static ucontext_t main_ctx, co_ctx;
static long result;

__attribute__((noinline)) static long work(int seed) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, seed, BUF);
  long sum = 0;
  for (int i = 0; i < BUF; i += 512)
    sum += buf[i] + i % 3;
  free(buf);
  return sum;
}

static void coroutine(void) { result = work(7); }

int main(void) {
  if (mprotect(stack_mem, GUARD, PROT_NONE) != 0)
    return 2;
  if (getcontext(&co_ctx) != 0)
    return 3;
  co_ctx.uc_stack.ss_sp = stack_mem + GUARD;
  co_ctx.uc_stack.ss_size = sizeof stack_mem - GUARD;
  co_ctx.uc_link = &main_ctx;
  makecontext(&co_ctx, coroutine, 0);
  if (swapcontext(&main_ctx, &co_ctx) != 0)
    return 4;
  printf("result=%ld\n", result);
  return 0;
}
