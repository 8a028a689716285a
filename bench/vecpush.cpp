// goescape benchmark: a std::vector<int> filled with push_back to a few
// elements. fill_and_sum, called many times, declares an empty
// std::vector<int>, push_backs 3..12 seed-dependent values into it (growing
// it 1, 2, 4, 8, 16: up to five operator new calls, each moving the contents
// and deleting the old storage), sums it with a noinline reader that keeps
// no pointer, and lets ~vector delete it.
// usage: vecpush [divisor]   (fills CALLS/divisor vectors)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define NOINLINE __attribute__((noinline))
#define CALLS 7000000u

// Reads the array; keeps no pointer into it.
NOINLINE static long sum(const int *a, std::size_t n) {
  long s = 0;
  for (std::size_t i = 0; i < n; i++)
    s = s * 3 + a[i];
  return s;
}

NOINLINE static long fill_and_sum(std::uint32_t h) {
  std::vector<int> v;
  unsigned n = 3 + (h >> 8) % 10;
  for (unsigned i = 0; i < n; i++)
    v.push_back(static_cast<int>((h ^ (i * 2654435761u)) >> 9));
  return sum(v.data(), v.size());
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 1;
  unsigned n = CALLS / (div ? div : 1);
  std::uint64_t check = static_cast<std::uint64_t>(argc);
  for (unsigned i = 0; i < n; i++)
    check = check * 31 + static_cast<std::uint64_t>(fill_and_sum(i * 2654435761u));
  std::printf("vecpush: %u vectors, checksum %016llx\n", n,
              static_cast<unsigned long long>(check));
  return 0;
}
