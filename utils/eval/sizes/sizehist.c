/* sizehist: an LD_PRELOAD library that records the sizes of heap requests.
 *
 *   clang -O2 -shared -fPIC -o sizehist.so sizehist.c -ldl
 *   SIZEHIST_FILE=/tmp/h SIZEHIST_ONLY=/path/prefix LD_PRELOAD=$PWD/sizehist.so prog
 *
 * Built on scripts/malloc-count.c's approach: every wrapper forwards to the
 * next definition (dlsym(RTLD_NEXT)); the calloc that dlsym makes before the
 * real functions are known is served from a static arena (never freed, not
 * counted); the report is written by a destructor, with no allocation, one
 * process per record.
 *
 * What is counted, one request per call, by the size the caller asked for:
 *   malloc(n)                 n                      kind "malloc"
 *   calloc(a, b)              a*b (saturated)        kind "calloc"
 *   realloc(p, n)             n  (the new size)      kind "realloc"
 *   aligned_alloc/memalign/valloc/pvalloc(.., n)  n  kind "aligned"
 *   posix_memalign(&p, a, n)  n                      kind "posix_memalign"
 *   strdup(s) / __strdup      strlen(s)+1            kind "strdup"
 *   strndup(s, m)/__strndup   strnlen(s, m)+1        kind "strdup"
 *   operator new/new[] (all 8 forms)  n              kind "new"
 * strdup, strndup and operator new allocate through malloc inside glibc
 * and libstdc++ (interposably, so through this library's malloc): a
 * thread-local depth counter marks those inner calls, which are not
 * counted, so each strdup or new is one request of the caller's size.
 * Other libc functions that allocate (fopen, getline, asprintf, qsort,
 * opendir, setlocale, ...) call malloc and are counted as malloc requests
 * whose call site lies in libc.
 *
 * Per request it records (kind, size class) globally and (call site, kind,
 * size class) in a lock-free hash table; the call site is the return
 * address (__builtin_return_address(0)) of the wrapper: the instruction
 * after the call in the caller (for a tail call, the caller's caller).
 * Size classes: 0..4096 exact; above, class 4096+b is (2^(11+b), 2^(12+b)].
 *
 * At exit, if $SIZEHIST_ONLY (colon-separated path prefixes) is unset or
 * /proc/self/exe starts with one of them, the process appends one record to
 * $SIZEHIST_FILE.PID (stderr if unset):
 *   P pid exe
 *   M <a line of /proc/self/maps>        (to map sites to modules)
 *   H kind class count                   (all requests, nonzero only)
 *   S site kind class count              (per call site)
 *   O lost count                         (requests the site table dropped)
 *   E
 * A fork child starts with empty counts (pthread_atfork); a process that
 * ends by exec, _exit, abort or a signal writes nothing.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { K_MALLOC, K_CALLOC, K_REALLOC, K_ALIGNED, K_POSIX_MEMALIGN, K_STRDUP,
       K_NEW, K_N };
static const char *const kname[K_N] = {"malloc", "calloc", "realloc",
                                       "aligned", "posix_memalign", "strdup",
                                       "new"};
#define EXACT 4096
#define NCLASS (EXACT + 1 + 53)
static unsigned long long hist[K_N][NCLASS];

/* site table: key = ((site << 3 | kind) << 13 | class) + 1, 0 = empty */
#define TBITS 20
#define TSIZE (1u << TBITS)
#define TMAX (TSIZE / 4 * 3)
static unsigned long long tkey[TSIZE], tcnt[TSIZE];
static unsigned tused;
static unsigned long long lost;

static __thread int depth __attribute__((tls_model("initial-exec")));

static unsigned sizeclass(size_t n) {
  if (n <= EXACT)
    return (unsigned)n;
  /* (2^(11+b), 2^(12+b)]: b = ceil(log2 n) - 11 */
  unsigned lg = 64 - (unsigned)__builtin_clzll((unsigned long long)(n - 1));
  return EXACT + (lg - 11);
}

static void record(int kind, size_t n, const void *site) {
  if (depth)
    return;
  unsigned c = sizeclass(n);
  __atomic_fetch_add(&hist[kind][c], 1, __ATOMIC_RELAXED);
  unsigned long long key =
      ((((unsigned long long)(uintptr_t)site << 3) | (unsigned)kind) << 13 |
       c) + 1;
  unsigned long long h = (key * 0x9E3779B97F4A7C15ull) >> (64 - TBITS);
  for (unsigned i = 0; i < TSIZE; i++, h = (h + 1) & (TSIZE - 1)) {
    unsigned long long k = __atomic_load_n(&tkey[h], __ATOMIC_ACQUIRE);
    if (k == key) {
      __atomic_fetch_add(&tcnt[h], 1, __ATOMIC_RELAXED);
      return;
    }
    if (k == 0) {
      if (__atomic_load_n(&tused, __ATOMIC_RELAXED) >= TMAX)
        break;
      unsigned long long zero = 0;
      if (__atomic_compare_exchange_n(&tkey[h], &zero, key, 0,
                                      __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        __atomic_fetch_add(&tused, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&tcnt[h], 1, __ATOMIC_RELAXED);
        return;
      }
      if (zero == key) {
        __atomic_fetch_add(&tcnt[h], 1, __ATOMIC_RELAXED);
        return;
      }
    }
  }
  __atomic_fetch_add(&lost, 1, __ATOMIC_RELAXED);
}

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static void *(*real_aligned_alloc)(size_t, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_memalign)(size_t, size_t);
static void *(*real_valloc)(size_t);
static void *(*real_pvalloc)(size_t);
static char *(*real_strdup)(const char *);
static char *(*real_strndup)(const char *, size_t);

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
  return arena + off;
}

static void child_reset(void) {
  memset(hist, 0, sizeof hist);
  memset(tkey, 0, sizeof tkey);
  memset(tcnt, 0, sizeof tcnt);
  tused = 0;
  lost = 0;
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
  real_pvalloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "pvalloc");
  real_strdup = (char *(*)(const char *))dlsym(RTLD_NEXT, "strdup");
  real_strndup = (char *(*)(const char *, size_t))dlsym(RTLD_NEXT, "strndup");
  real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
  pthread_atfork(NULL, NULL, child_reset);
  resolving = 0;
}

#define SITE __builtin_return_address(0)

void *malloc(size_t n) {
  resolve();
  if (!real_malloc)
    return arena_alloc(n);
  record(K_MALLOC, n, SITE);
  return real_malloc(n);
}

void *calloc(size_t a, size_t b) {
  resolve();
  size_t n;
  if (__builtin_mul_overflow(a, b, &n))
    n = SIZE_MAX;
  if (!real_calloc)
    return arena_alloc(n);
  record(K_CALLOC, n, SITE);
  return real_calloc(a, b);
}

void *realloc(void *p, size_t n) {
  resolve();
  if (in_arena(p)) {
    void *q = malloc(n);
    size_t avail = (size_t)(arena + sizeof arena - (unsigned char *)p);
    if (q)
      memcpy(q, p, n < avail ? n : avail);
    return q;
  }
  record(K_REALLOC, n, SITE);
  return real_realloc(p, n);
}

void free(void *p) {
  resolve();
  if (!p || in_arena(p))
    return;
  real_free(p);
}

void *aligned_alloc(size_t al, size_t n) {
  resolve();
  record(K_ALIGNED, n, SITE);
  depth++;
  void *r = real_aligned_alloc(al, n);
  depth--;
  return r;
}

void *memalign(size_t al, size_t n) {
  resolve();
  record(K_ALIGNED, n, SITE);
  depth++;
  void *r = real_memalign(al, n);
  depth--;
  return r;
}

void *valloc(size_t n) {
  resolve();
  record(K_ALIGNED, n, SITE);
  depth++;
  void *r = real_valloc(n);
  depth--;
  return r;
}

void *pvalloc(size_t n) {
  resolve();
  record(K_ALIGNED, n, SITE);
  depth++;
  void *r = real_pvalloc(n);
  depth--;
  return r;
}

int posix_memalign(void **out, size_t al, size_t n) {
  resolve();
  record(K_POSIX_MEMALIGN, n, SITE);
  depth++;
  int r = real_posix_memalign(out, al, n);
  depth--;
  return r;
}

static char *dup_common(const char *s, const void *site) {
  resolve();
  record(K_STRDUP, strlen(s) + 1, site);
  depth++;
  char *r = real_strdup(s);
  depth--;
  return r;
}

static char *ndup_common(const char *s, size_t m, const void *site) {
  resolve();
  record(K_STRDUP, strnlen(s, m) + 1, site);
  depth++;
  char *r = real_strndup(s, m);
  depth--;
  return r;
}

char *strdup(const char *s) { return dup_common(s, SITE); }
char *__strdup(const char *s) { return dup_common(s, SITE); }
char *strndup(const char *s, size_t m) { return ndup_common(s, m, SITE); }
char *__strndup(const char *s, size_t m) { return ndup_common(s, m, SITE); }

/* C++ operator new, new[] (plain, nothrow, aligned, aligned nothrow). The
 * real ones (libstdc++) are looked up on first use; a C program never calls
 * these. */
#define NEWFN(name, sym, params, args)                                         \
  void *name params {                                                          \
    static void *(*real) params;                                               \
    resolve();                                                                 \
    if (!real)                                                                 \
      real = (void *(*)params)dlsym(RTLD_NEXT, sym);                           \
    record(K_NEW, n, SITE);                                                    \
    depth++;                                                                   \
    void *r = real args;                                                       \
    depth--;                                                                   \
    return r;                                                                  \
  }
NEWFN(_Znwm, "_Znwm", (size_t n), (n))
NEWFN(_Znam, "_Znam", (size_t n), (n))
NEWFN(_ZnwmRKSt9nothrow_t, "_ZnwmRKSt9nothrow_t", (size_t n, const void *t),
      (n, t))
NEWFN(_ZnamRKSt9nothrow_t, "_ZnamRKSt9nothrow_t", (size_t n, const void *t),
      (n, t))
NEWFN(_ZnwmSt11align_val_t, "_ZnwmSt11align_val_t", (size_t n, size_t a),
      (n, a))
NEWFN(_ZnamSt11align_val_t, "_ZnamSt11align_val_t", (size_t n, size_t a),
      (n, a))
NEWFN(_ZnwmSt11align_val_tRKSt9nothrow_t, "_ZnwmSt11align_val_tRKSt9nothrow_t",
      (size_t n, size_t a, const void *t), (n, a, t))
NEWFN(_ZnamSt11align_val_tRKSt9nothrow_t, "_ZnamSt11align_val_tRKSt9nothrow_t",
      (size_t n, size_t a, const void *t), (n, a, t))

/* ---- report ---------------------------------------------------------- */

static char obuf[65536];
static size_t olen;
static int ofd = -1;

static void oflush(void) {
  size_t at = 0;
  while (at < olen) {
    ssize_t w = write(ofd, obuf + at, olen - at);
    if (w <= 0)
      break;
    at += (size_t)w;
  }
  olen = 0;
}

static void oput(const char *s) {
  while (*s) {
    if (olen == sizeof obuf)
      oflush();
    obuf[olen++] = *s++;
  }
}

static void onum(unsigned long long v) {
  char tmp[24];
  int n = 0;
  do
    tmp[n++] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  char s[24];
  int i = 0;
  while (n > 0)
    s[i++] = tmp[--n];
  s[i] = 0;
  oput(s);
}

static void ohex(unsigned long long v) {
  char s[20];
  int i = 0, started = 0;
  s[i++] = '0';
  s[i++] = 'x';
  for (int sh = 60; sh >= 0; sh -= 4) {
    unsigned d = (unsigned)(v >> sh) & 15;
    if (d || started || sh == 0) {
      s[i++] = "0123456789abcdef"[d];
      started = 1;
    }
  }
  s[i] = 0;
  oput(s);
}

static int wanted(const char *exe) {
  const char *only = getenv("SIZEHIST_ONLY");
  if (!only || !*only)
    return 1;
  while (*only) {
    const char *end = strchr(only, ':');
    size_t len = end ? (size_t)(end - only) : strlen(only);
    if (len && strncmp(exe, only, len) == 0)
      return 1;
    if (!end)
      break;
    only = end + 1;
  }
  return 0;
}

__attribute__((destructor)) static void report(void) {
  char exe[1024];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = 0;
  if (!wanted(exe))
    return;
  depth++; /* nothing below allocates, but be safe */
  const char *path = getenv("SIZEHIST_FILE");
  ofd = 2;
  if (path && *path) {
    char name[1100];
    size_t l = strlen(path);
    if (l > 1000)
      l = 1000;
    memcpy(name, path, l);
    name[l++] = '.';
    unsigned long long pid = (unsigned long long)getpid();
    char tmp[24];
    int k = 0;
    do
      tmp[k++] = (char)('0' + pid % 10);
    while ((pid /= 10) != 0);
    while (k > 0)
      name[l++] = tmp[--k];
    name[l] = 0;
    ofd = open(name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (ofd < 0)
      return;
  }
  oput("P ");
  onum((unsigned long long)getpid());
  oput(" ");
  oput(exe);
  oput("\n");
  int mfd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (mfd >= 0) {
    char buf[4096];
    int bol = 1;
    ssize_t r;
    while ((r = read(mfd, buf, sizeof buf - 1)) > 0) {
      buf[r] = 0;
      for (ssize_t i = 0; i < r; i++) {
        if (bol)
          oput("M ");
        char c[2] = {buf[i], 0};
        oput(c);
        bol = buf[i] == '\n';
      }
    }
    close(mfd);
  }
  for (int k = 0; k < K_N; k++)
    for (unsigned c = 0; c < NCLASS; c++) {
      unsigned long long v = __atomic_load_n(&hist[k][c], __ATOMIC_RELAXED);
      if (!v)
        continue;
      oput("H ");
      oput(kname[k]);
      oput(" ");
      onum(c);
      oput(" ");
      onum(v);
      oput("\n");
    }
  for (unsigned i = 0; i < TSIZE; i++) {
    unsigned long long key = __atomic_load_n(&tkey[i], __ATOMIC_RELAXED);
    if (!key)
      continue;
    key--;
    oput("S ");
    ohex(key >> 16);
    oput(" ");
    oput(kname[(key >> 13) & 7]);
    oput(" ");
    onum(key & 8191);
    oput(" ");
    onum(__atomic_load_n(&tcnt[i], __ATOMIC_RELAXED));
    oput("\n");
  }
  oput("O ");
  onum(__atomic_load_n(&lost, __ATOMIC_RELAXED));
  oput("\nE\n");
  oflush();
  if (ofd != 2)
    close(ofd);
  depth--;
}
