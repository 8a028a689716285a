// RUN: %rtcheck %s --promoted 1
// Shape: posix_memalign(&p, 32, 128) returns the buffer through an
// out-parameter; the buffer is filled, read with an argc-derived stride and
// freed. 1 posix_memalign survives plain -O2; the buffer never escapes:
// promote it (store the slot's address through &p, make the call return 0).
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argv;
  void *mem = NULL;
  if (posix_memalign(&mem, 32, 128) != 0)
    return 2;
  int *v = mem;
  for (int i = 0; i < 32; i++)
    v[i] = i * i - argc;
  int acc = 0;
  for (int i = argc - 1; i < 32; i += argc + 1)
    acc += v[i];
  printf("acc=%d\n", acc);
  free(mem);
  /* argc == 1: even i, sum of i*i - 1 for i = 0, 2, ..., 30. */
  return acc == 4960 - 16 ? 0 : 1;
}
