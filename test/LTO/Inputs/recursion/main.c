#include <stdio.h>

int walk(int depth);

int main(void) {
  printf("%d\n", walk(200));
  return 0;
}
