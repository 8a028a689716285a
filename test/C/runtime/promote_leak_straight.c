// RUN: %rtcheck %s --promoted 1
// Shape: malloc never freed (a leak) in straight-line code. 1 malloc survives
// plain -O2; it never escapes and is dead when main returns: promote it.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  short *s = malloc(16 * sizeof *s);
  if (!s)
    return 2;
  for (int i = 0; i < 16; i++)
    s[i] = (short)(i * 3 + argc);
  int k = (argc * 5) & 15; /* 5 */
  int j = (argc * 11) & 15; /* 11 */
  printf("s[%d]=%d s[%d]=%d\n", k, s[k], j, s[j]);
  return s[k] + s[j] == 16 + 34 ? 0 : 1;
}
