/* malloc-count: an LD_PRELOAD library that counts malloc-family calls.
 *
 *   cc -O2 -shared -fPIC -o malloc-count.so scripts/malloc-count.c -ldl
 *   MALLOC_COUNT_FILE=/tmp/counts.txt LD_PRELOAD=$PWD/malloc-count.so prog args
 *
 * Every call to malloc, calloc, realloc, free, aligned_alloc, posix_memalign,
 * memalign, valloc and pvalloc is forwarded to the next definition
 * (dlsym(RTLD_NEXT)) and counted. At exit each process appends one line to
 * the file named by $MALLOC_COUNT_FILE (or writes it to stderr when unset):
 *
 *   pid=123 exe=/path/prog malloc=10 calloc=2 realloc=1 free=12 aligned_alloc=0
 *   posix_memalign=0 memalign=0 valloc=0 bytes=4096
 *
 * (one line; wrapped here). `bytes` is the sum of the sizes requested from
 * malloc, calloc and the aligned family (realloc's new sizes not included).
 * Lines of concurrent processes do not interleave: each is one write(2) to a
 * file opened with O_APPEND. Counters are atomic, so threads are fine.
 *
 * dlsym itself may call calloc before the real one is known; those early
 * requests are served from a small static arena and never freed (nor
 * counted).
 *
 * The project's one malloc counter: bench/run.py builds it through
 * scripts/harness.py (build_malloc_counter, read_malloc_counts), and
 * utils/eval/realworld.py for its test suites and workloads.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { C_MALLOC, C_CALLOC, C_REALLOC, C_FREE, C_ALIGNED_ALLOC,
       C_POSIX_MEMALIGN, C_MEMALIGN, C_VALLOC, C_BYTES, C_N };
static const char *const names[C_N] = {
    "malloc", "calloc", "realloc", "free", "aligned_alloc",
    "posix_memalign", "memalign", "valloc", "bytes"};
static unsigned long long counts[C_N];

#define COUNT(i, n) __atomic_fetch_add(&counts[i], (n), __ATOMIC_RELAXED)

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static void *(*real_aligned_alloc)(size_t, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_memalign)(size_t, size_t);
static void *(*real_valloc)(size_t);

/* Bootstrap arena for allocations made while resolving the real functions. */
static _Alignas(16) unsigned char arena[65536];
static size_t arena_used;
static int resolving;

static int in_arena(const void *p) {
  return (const unsigned char *)p >= arena &&
         (const unsigned char *)p < arena + sizeof arena;
}

static void *arena_alloc(size_t n) {
  size_t off = (arena_used + 15) & ~(size_t)15;
  if (off + n > sizeof arena)
    return NULL;
  arena_used = off + n;
  return arena + off; /* static storage: already zero */
}

static void resolve(void) {
  if (real_malloc || resolving)
    return;
  resolving = 1;
  real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
  real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
  real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
  real_aligned_alloc =
      (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
  real_posix_memalign =
      (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
  real_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
  real_valloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "valloc");
  real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
  resolving = 0;
}

void *malloc(size_t n) {
  resolve();
  if (!real_malloc)
    return arena_alloc(n);
  COUNT(C_MALLOC, 1);
  COUNT(C_BYTES, n);
  return real_malloc(n);
}

void *calloc(size_t a, size_t b) {
  resolve();
  if (!real_calloc)
    return arena_alloc(a * b);
  COUNT(C_CALLOC, 1);
  COUNT(C_BYTES, a * b);
  return real_calloc(a, b);
}

void *realloc(void *p, size_t n) {
  resolve();
  COUNT(C_REALLOC, 1);
  if (in_arena(p)) {
    void *q = malloc(n);
    size_t avail = (size_t)(arena + sizeof arena - (unsigned char *)p);
    if (q)
      memcpy(q, p, n < avail ? n : avail);
    return q;
  }
  return real_realloc(p, n);
}

void free(void *p) {
  resolve();
  COUNT(C_FREE, 1);
  if (!p || in_arena(p))
    return;
  real_free(p);
}

void *aligned_alloc(size_t al, size_t n) {
  resolve();
  COUNT(C_ALIGNED_ALLOC, 1);
  COUNT(C_BYTES, n);
  return real_aligned_alloc(al, n);
}

int posix_memalign(void **out, size_t al, size_t n) {
  resolve();
  COUNT(C_POSIX_MEMALIGN, 1);
  COUNT(C_BYTES, n);
  return real_posix_memalign(out, al, n);
}

void *memalign(size_t al, size_t n) {
  resolve();
  COUNT(C_MEMALIGN, 1);
  COUNT(C_BYTES, n);
  return real_memalign(al, n);
}

void *valloc(size_t n) {
  resolve();
  COUNT(C_VALLOC, 1);
  COUNT(C_BYTES, n);
  return real_valloc(n);
}

static size_t put(char *buf, size_t at, size_t cap, const char *s) {
  while (*s && at + 1 < cap)
    buf[at++] = *s++;
  return at;
}

static size_t putnum(char *buf, size_t at, size_t cap, unsigned long long v) {
  char tmp[24];
  int n = 0;
  do
    tmp[n++] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0 && at + 1 < cap)
    buf[at++] = tmp[--n];
  return at;
}

__attribute__((destructor)) static void report(void) {
  char line[1024], exe[512];
  size_t at = 0;
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = 0;
  at = put(line, at, sizeof line, "pid=");
  at = putnum(line, at, sizeof line, (unsigned long long)getpid());
  at = put(line, at, sizeof line, " exe=");
  at = put(line, at, sizeof line, exe);
  for (int i = 0; i < C_N; i++) {
    at = put(line, at, sizeof line, " ");
    at = put(line, at, sizeof line, names[i]);
    at = put(line, at, sizeof line, "=");
    at = putnum(line, at, sizeof line,
                __atomic_load_n(&counts[i], __ATOMIC_RELAXED));
  }
  line[at++] = '\n';
  const char *path = getenv("MALLOC_COUNT_FILE");
  int fd = 2;
  if (path && *path)
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd >= 0) {
    ssize_t w = write(fd, line, at);
    (void)w;
    if (fd != 2)
      close(fd);
  }
}
