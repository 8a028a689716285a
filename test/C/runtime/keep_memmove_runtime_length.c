// RUN: %rtcheck %s --promoted 0
// Shape: a pointer moved inside one object by memmove with a run-time
// length. get() stores its malloc(16) in slots[0] of a local array, memmoves
// n bytes (n from argc) one slot up and returns slots[1]; main prints the
// string after get's frame is gone and frees it. 1 malloc survives plain -O2
// (in noinline get). The overlapping copy of unknown length moves the
// pointer to another slot, which is returned: the pass must keep it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static char *get(int n, int seed) {
  char *obj = malloc(16);
  if (!obj)
    abort();
  memset(obj, 'a' + seed, 15);
  obj[15] = 0;
  char *slots[8] = {0};
  slots[0] = obj;
  memmove(&slots[1], &slots[0], n);
  return slots[1];
}

__attribute__((noinline)) static void clobber(int seed) {
  volatile char junk[256];
  for (int i = 0; i < 256; i++)
    junk[i] = (char)(i * seed);
}

int main(int argc, char **argv) {
  (void)argv;
  char *p = get((int)sizeof(char *) * argc, argc);
  clobber(argc + 7);
  printf("%s\n", p);
  free(p);
  return 0;
}
