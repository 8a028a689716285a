#include <stdlib.h>
void *xmalloc(size_t n);
char *last;
int main(void) {
  for (int i = 0; i < 50; i++) {
    free(last);
    last = xmalloc(16);
  }
  free(last);
  return 0;
}
