/* rec: one record per iteration from rec.c's constructor, queried twice
   and destroyed; nothing outlives the iteration. argv[1] divides the work
   (callgrind runs do 1/N). */
#include "rec.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long n = 4000000;
  if (argc > 1)
    n /= atol(argv[1]);
  double sum = 0;
  for (long i = 0; i < n; i++) {
    struct rec *r = rec_new((int)i);
    sum += rec_query(r, 3) - rec_query(r, (int)(i & 7));
    rec_free(r);
  }
  printf("%.2f\n", sum);
  return 0;
}
