// RUN: %rtcheck %s --promoted 1
// Shape (issue 13): posix_memalign of a run-time size with a constant
// alignment, with the small buffer: a 64-aligned slot when the size fits,
// posix_memalign otherwise. Sizes 0, 1, 63, 64, 65 and 4,096: every byte
// is written and read (ASan sees a byte past the slot), the alignment is
// checked, and the object is freed (only a heap one reaches free). A size
// no allocator can give fails with ENOMEM on the heap path, as it would
// without goescape.
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// ASan, like glibc, returns the failure rather than aborting on it.
const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }

__attribute__((noinline)) static unsigned fill_hash(size_t n, int k) {
  void *v = NULL;
  int r = posix_memalign(&v, 64, n);
  if (r)
    return 1000u + (unsigned)(r == ENOMEM);
  unsigned char *p = v;
  unsigned h = ((uintptr_t)p % 64 == 0) ? 7u : 3u;
  for (size_t i = 0; i < n; i++)
    p[i] = (unsigned char)(i * 13 + (size_t)k);
  for (size_t i = 0; i < n; i++)
    h = h * 31 + p[i];
  free(p);
  return h;
}

int main(int argc, char **argv) {
  (void)argv;
  const size_t sizes[] = {0, 1, 63, 64, 65, 4096, SIZE_MAX / 2};
  unsigned h = 0;
  for (int k = 0; k < 20; k++)
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
      h = h * 33 + fill_hash(sizes[i] * (size_t)argc, k);
  printf("%u\n", h);
  return 0;
}
