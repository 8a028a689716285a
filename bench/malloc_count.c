/* LD_PRELOAD counter of malloc-family calls, for the goescape benchmarks.
 * Counts calls to malloc, calloc, realloc, free (and the aligned allocators)
 * and, at exit, writes one line to the file named by $MALLOC_COUNT_OUT:
 *   malloc N calloc N realloc N aligned N free N
 * Build: clang -O2 -shared -fPIC -o malloc_count.so malloc_count.c */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static unsigned long long n_malloc, n_calloc, n_realloc, n_aligned, n_free;

void *malloc(size_t n) { n_malloc++; return __libc_malloc(n); }
void *calloc(size_t n, size_t s) { n_calloc++; return __libc_calloc(n, s); }
void *realloc(void *p, size_t n) { n_realloc++; return __libc_realloc(p, n); }
void free(void *p) { n_free++; __libc_free(p); }
void *memalign(size_t a, size_t n) { n_aligned++; return __libc_memalign(a, n); }
void *aligned_alloc(size_t a, size_t n) { n_aligned++; return __libc_memalign(a, n); }
int posix_memalign(void **out, size_t a, size_t n) {
  n_aligned++;
  void *p = __libc_memalign(a, n);
  if (!p)
    return 12; /* ENOMEM */
  *out = p;
  return 0;
}

__attribute__((destructor)) static void malloc_count_report(void) {
  const char *path = getenv("MALLOC_COUNT_OUT");
  if (!path)
    return;
  char buf[256];
  int len = snprintf(buf, sizeof buf,
                     "malloc %llu calloc %llu realloc %llu aligned %llu free %llu\n",
                     n_malloc, n_calloc, n_realloc, n_aligned, n_free);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    return;
  if (len > 0 && write(fd, buf, (size_t)len) < 0) {
  }
  close(fd);
}
