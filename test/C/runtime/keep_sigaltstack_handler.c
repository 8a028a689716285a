// RUN: %rtcheck %s --promoted 0
// Shape: a signal handler run on a 16 KiB alternate stack (sigaltstack with
// ss_size = 16384, SA_ONSTACK, raise()) calls work(), which mallocs 32 KiB.
// 1 malloc survives plain -O2 (in noinline work). The module sets a constant
// 16 KiB signal stack, so the handler (address-taken) and all it calls may
// promote objects of at most S/8 = 2 KiB: the buffer stays on the heap, or
// it overflows the alternate stack into the guard page below it.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define BUF 32768

static volatile long result;

__attribute__((noinline)) static long work(int seed) {
  unsigned char *buf = malloc(BUF);
  if (!buf)
    abort();
  memset(buf, seed, BUF);
  long sum = 0;
  for (int i = 0; i < BUF; i += 512)
    sum += buf[i] + i % 5;
  free(buf);
  return sum;
}

static void on_signal(int sig) { result = work(sig); }

int main(void) {
  // A guard page below the 16 KiB alternate stack: overflowing it faults.
  char *mem = mmap(NULL, 4096 + 16384, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED || mprotect(mem, 4096, PROT_NONE) != 0)
    return 2;
  stack_t ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_sp = mem + 4096;
  ss.ss_size = 16384;
  if (sigaltstack(&ss, NULL) != 0)
    return 2;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGUSR1, &sa, NULL) != 0)
    return 3;
  raise(SIGUSR1);
  printf("result=%ld\n", result);
  return 0;
}
