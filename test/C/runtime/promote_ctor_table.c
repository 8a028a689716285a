// RUN: %rtcheck %s --promoted 1
// Shape: a noinline constructor returns the malloc'd table to its caller,
// which reads it and frees it. 1 malloc survives plain -O2 (in
// make_table); it is returned, so it escapes make_table's frame and stays
// on the heap there, but main's use of the result does not escape: main's
// call goes to a copy of make_table that fills a slot of main's (issue 14,
// item 4; this test kept it on the heap before).
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static int *make_table(int scale) {
  int *t = malloc(16 * sizeof *t);
  if (!t)
    abort();
  for (int i = 0; i < 16; i++)
    t[i] = i * scale + 1;
  return t;
}

int main(int argc, char **argv) {
  (void)argv;
  int *t = make_table(argc + 2);
  int v = t[(argc * 7) & 15];
  printf("t[7]=%d\n", v);
  free(t);
  return v == 22 ? 0 : 1;
}
