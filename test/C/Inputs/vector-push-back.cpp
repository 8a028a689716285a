// std::vector filled by push_back: each growth makes the new storage while
// the old is live, copies, and deletes the old (libstdc++'s
// _M_realloc_append, inlined). Sizes cross the 64-byte slot (16 ints),
// and one vector holds std::strings, moved at each growth. The checksums
// show two live objects in one slot.
#include <cstdio>
#include <string>
#include <vector>

__attribute__((noinline)) static long sum(const int *a, std::size_t n) {
  long s = 0;
  for (std::size_t i = 0; i < n; i++)
    s = s * 3 + a[i];
  return s;
}

/// Never empty: a vector that may stay empty ends with the null pointer's
/// 0 in a phi beside its address, and the difference of the two is no
/// longer an offset within one object ("converted to an integer").
__attribute__((noinline)) static long fill(unsigned n, unsigned seed) {
  std::vector<int> v;
  unsigned i = 0;
  do
    v.push_back(static_cast<int>((seed ^ (i * 2654435761u)) >> 9));
  while (++i < n);
  return sum(v.data(), v.size());
}

__attribute__((noinline)) static long strings(unsigned n) {
  std::vector<std::string> v;
  for (unsigned i = 0; i < n; i++)
    v.push_back(std::string(i % 5 + 1, static_cast<char>('a' + i % 26)));
  long s = 0;
  for (const std::string &x : v)
    s = s * 7 + static_cast<long>(x.size()) + x[0];
  return s;
}

int main(int argc, char **) {
  long s = argc;
  for (unsigned n = 0; n < 60; n++)
    s = s * 31 + fill(n, n * 977u);
  std::printf("fill %ld\n", s);
  std::printf("strings %ld %ld\n", strings(3), strings(40));
  return 0;
}
