// RUN: %rtcheck %s --promoted 1 --stack-kb 256
// Shape: a scratch buffer malloc'd and freed on every one of 100000 loop
// iterations. 1 malloc survives plain -O2; it is dead before the site runs
// again: promote it to a single slot. Run under a 256 KiB stack: an alloca
// per iteration, never popped, would need 100000 x 128 bytes.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  unsigned long check = 0;
  for (int it = 0; it < 100000; it++) {
    unsigned *buf = malloc(32 * sizeof *buf);
    if (!buf)
      return 2;
    for (int i = 0; i < 32; i++)
      buf[i] = (unsigned)(it ^ (i * argc));
    check += buf[(it + argc) & 31];
    free(buf);
  }
  printf("check=%lu\n", check);
  return check == 4998900000UL ? 0 : 1;
}
