#include "rec.h"

#include <stdio.h>

int main(void) {
  double sum = 0;
  for (int i = 0; i < 1000; i++) {
    struct rec *r = rec_new(i);
    sum += rec_query(r);
    rec_free(r);
  }
  printf("%.1f\n", sum);
  return 0;
}
