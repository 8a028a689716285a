// Hand-written twin of makeshared.cpp: the Stats of each iteration is a
// local of the loop body (`Stats s(h);`), used directly and passed by
// reference, instead of a std::make_shared<Stats> (control block and object
// in one operator new, reference counting, destroyed and deleted by
// ~shared_ptr at the end of the iteration). Stats, digest, the values and
// the output are makeshared.cpp's.
// usage: makeshared_hand [divisor]   (runs ITERS/divisor iterations)
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define NOINLINE __attribute__((noinline))
#define ITERS 24000000u

struct Stats {
  long sum = 0;
  long sq = 0;
  unsigned count = 0;
  int vals[6] = {0, 0, 0, 0, 0, 0};
  explicit Stats(unsigned seed) : count(seed & 3) {}
  void add(int v) {
    vals[count % 6] = v;
    sum += v;
    sq += static_cast<long>(v) * v;
    count++;
  }
};

// Reads the object; keeps no pointer to it.
NOINLINE static long digest(const Stats &s) {
  long h = s.sum * 31 + s.sq;
  for (int v : s.vals)
    h = h * 3 + v;
  return h + s.count;
}

static inline long weigh(const Stats &s) {
  return s.count > 4 ? s.sum : -s.sq;
}

NOINLINE static std::uint64_t run(unsigned n) {
  std::uint64_t check = 0;
  for (unsigned i = 0; i < n; i++) {
    std::uint32_t h = i * 2654435761u;
    Stats s(h);
    unsigned k = 2 + (h >> 12) % 5;
    for (unsigned j = 0; j < k; j++)
      s.add(static_cast<int>((h ^ (j * 40503u)) >> 11) - 1000);
    check = check * 31 + static_cast<std::uint64_t>(digest(s) + weigh(s));
  }
  return check;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 1;
  unsigned n = ITERS / (div ? div : 1);
  std::uint64_t check = run(n) + static_cast<std::uint64_t>(argc);
  std::printf("makeshared: %u objects, checksum %016llx\n", n,
              static_cast<unsigned long long>(check));
  return 0;
}
