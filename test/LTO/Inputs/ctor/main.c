#include "shape.h"

#include <stdio.h>

int main(int argc, char **argv) {
  (void)argv;
  double total = 0;
  for (int i = 0; i < 1000; i++) {
    struct shape *s = shape_new(3 + i % 5, argc + i * 0.5);
    total += shape_perimeter(s);
    shape_free(s);
  }
  printf("%.1f\n", total);
  return 0;
}
