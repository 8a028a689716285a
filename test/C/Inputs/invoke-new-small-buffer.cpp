// new char[n] of run-time size, invoked because a destructor must run if it
// throws: small sizes take the slot, larger ones the heap, and a size too
// large for the heap throws std::bad_alloc through the landing pad, which
// still runs the destructor.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>

struct Guard {
  int *c;
  ~Guard() { ++*c; }
};

__attribute__((noinline)) int fill(char *p, size_t n) {
  memset(p, 7, n);
  int s = 0;
  for (size_t i = 0; i < n; i++)
    s += p[i];
  return s;
}

__attribute__((noinline)) int work(size_t n, int *c) {
  Guard g{c};
  char *p = new char[n];
  int s = fill(p, n);
  delete[] p;
  return s;
}

int main(int argc, char **argv) {
  (void)argv;
  int c = 0;
  long t = 0;
  for (size_t n = 0; n < 300; n += 7)
    t += work(n + (size_t)argc - 1, &c);
  // ASan reports an allocation this large instead of throwing: its runs
  // pass an argument to leave it out.
  if (argc == 1) {
    try {
      t += work(SIZE_MAX / 2 + (size_t)argc, &c);
    } catch (const std::bad_alloc &) {
      t += 1000000;
    }
  }
  printf("%ld %d\n", t, c);
  return 0;
}
