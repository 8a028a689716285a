// RUN: %rtcheck %s --promoted 1 --stack-kb 256
// Shape: a 1 KiB buffer malloc'd on each of 100000 iterations and never
// freed; it is dead before the next iteration. 1 malloc survives plain -O2.
// A correct pass promotes it to ONE slot reused by every iteration; run
// under a 256 KiB stack, where a slot per iteration (~100 MB) would crash.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  unsigned long check = 0;
  for (int it = 0; it < 100000; it++) {
    unsigned char *p = malloc(1024);
    if (!p)
      return 2;
    for (int i = 0; i < 1024; i++)
      p[i] = (unsigned char)(it + i * argc);
    check += p[(it * 7 + argc) & 1023];
  }
  printf("check=%lu\n", check);
  return check == 12500000UL ? 0 : 1;
}
