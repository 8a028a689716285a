// Allocation and free wrappers in their own file, as real C has them:
// xmalloc aborts when malloc fails, xfree is free. noinline keeps them
// calls, so that goescape must recognise them as wrappers to see through.
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void xfree(void *p);
