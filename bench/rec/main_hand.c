/* The hand-written twin of main.c: the record is a local. */
#include "rec_hand.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long n = 4000000;
  if (argc > 1)
    n /= atol(argv[1]);
  double sum = 0;
  for (long i = 0; i < n; i++) {
    struct rec r;
    rec_init(&r, (int)i);
    sum += rec_query(&r, 3) - rec_query(&r, (int)(i & 7));
  }
  printf("%.2f\n", sum);
  return 0;
}
