// RUN: %rtcheck %s --promoted 0 
/* ADV: The textbook alternate signal stack of SIGSTKSZ bytes. With _GNU_SOURCE,
   glibc >= 2.34 defines SIGSTKSZ as sysconf(_SC_SIGSTKSZ) (14.5 KiB here), so
   no constant reaches the stack_t: findSmallestProgramStack() finds nothing,
   the handler gets the default limits, and its 32 KiB object is promoted onto
   the ~14 KiB alternate stack: SIGSEGV on the guard page (plain: heap, fine).
   (Without _GNU_SOURCE SIGSTKSZ is 8192 and the site is correctly kept.)
   design.md does say run-time sizes are not seen, but programmers read
   SIGSTKSZ as a constant; a program-set-up stack of unknown size could get
   the most conservative limits instead of the defaults.
   Rule that misses it: lib/LibcModel.cpp smallestSizeStoredInto() /
   findSmallestProgramStack() (unknown size => default limits).
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so sigaltstack_sigstksz.c */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

static volatile int result;

__attribute__((noinline)) static int work(int n) {
  int *a = malloc(32768);
  for (int i = 0; i < 8192; i++) a[i] = i * n;
  int s = 0;
  for (int i = 0; i < 8192; i += 7) s += a[i];
  free(a);
  return s;
}

static void handler(int sig) { result = work(sig); }

int main(void) {
  stack_t ss;
  /* The textbook alternate stack: SIGSTKSZ bytes (below a guard page). */
  char *m = mmap(0, SIGSTKSZ + 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(m, 4096, PROT_NONE);
  ss.ss_sp = m + 4096;
  ss.ss_size = SIGSTKSZ;
  ss.ss_flags = 0;
  sigaltstack(&ss, 0);
  struct sigaction sa = {0};
  sa.sa_handler = handler;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &sa, 0);
  raise(SIGUSR1);
  printf("result %d\n", result);
  return 0;
}
