// RUN: %rtcheck %s --promoted 2 --stack-kb 480 
/* ADV: A fopencookie stream whose constructor is looked up with dlsym: the module
   never names fopencookie, so CookieStreams stays false and fputs/fflush are
   no callback edges; the write hook's chain h1->h2 runs on top of a->b.
   Each FRAME holds two 64 KiB malloc objects live at once: goescape promotes
   both (128 KiB frame), so a chain a->b->[libc]->handler->h1->h2 gets 4 x 128 KiB
   = 512 KiB promoted, twice the 256 KiB chain budget. The plain build runs
   with a 16 KiB stack; under a 480 KiB limit (>256 KiB left unused, which
   design.md's guarantee says is enough) the plugin build overflows (SIGSEGV).
   Rule that misses it: lib/LibcModel.cpp LibcHooks::find() (refersTo by name).
   python3 /work/main/scripts/rtcheck.py --clang /usr/lib/llvm-22/bin/clang --plugin /tmp/GoEscape-new.so cookie_dlsym_chain.c --stack-kb 480 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
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
static int written;
/* The cookie stream's write hook: runs inside fflush, on top of b. */
static ssize_t on_write(void *c, const char *buf, size_t len) {
  h1((int)len);
  written += (int)len;
  return (ssize_t)len;
}

typedef FILE *(*opencookie_fn)(void *, const char *, cookie_io_functions_t);
static FILE *stream;
FRAME(b, { fputs("hello", stream); fflush(stream); })
FRAME(a, b(n + 1))

int main(void) {
  /* fopencookie, looked up rather than named. */
  opencookie_fn open = (opencookie_fn)dlsym(RTLD_DEFAULT, "fopencookie");
  cookie_io_functions_t io = {0, on_write, 0, 0};
  stream = open(0, "w", io);
  a(1);
  printf("sink %d written %d\n", sink, written);
  return 0;
}
