#include <stdlib.h>
/* Another file's wrapper: `return malloc(n)` is a tail call at -O2, so the
   count's return address is in the wrapper's caller, where no site is. */
void *xmalloc(size_t n) { return malloc(n); }
