// Hand-written twin of vecpush.cpp: the 3..12 values go into a fixed local
// array with a count (`std::array<int, 12> v; std::size_t len = 0;
// v[len++] = ...`), which always fits them, instead of a std::vector grown by
// push_back (up to five operator new / delete pairs per call). sum, the
// values and the output are vecpush.cpp's.
// usage: vecpush_hand [divisor]   (fills CALLS/divisor arrays)
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

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
  std::array<int, 12> v;
  std::size_t len = 0;
  unsigned n = 3 + (h >> 8) % 10;
  for (unsigned i = 0; i < n; i++)
    v[len++] = static_cast<int>((h ^ (i * 2654435761u)) >> 9);
  return sum(v.data(), len);
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
