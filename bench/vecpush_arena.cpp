// Hand-written twin of vecpush.cpp that keeps its algorithm: the same
// std::vector<int> filled by push_back (grown 1, 2, 4, 8, 16, each growth
// copying the contents and releasing the old storage), but its storage comes
// from a stack arena declared in fill_and_sum (`Arena<...> arena;
// std::vector<int, ShortAlloc<int, ...>> v{ShortAlloc<...>(arena)}`), in the
// style of Howard Hinnant's short_alloc: allocate bumps a pointer inside a
// local aligned char buffer, deallocate only gives back the last block, and
// ::operator new / delete take over when the arena is full. The arena holds
// 1 + 2 + 4 + 8 + 16 ints, all the blocks a 3..12-element vector ever asks
// for, so the heap is never used. sum, the values and the output are
// vecpush.cpp's.
// usage: vecpush_arena [divisor]   (fills CALLS/divisor vectors)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <vector>

#define NOINLINE __attribute__((noinline))
#define CALLS 7000000u

// A fixed buffer of N bytes handed out in blocks aligned to Align.
template <std::size_t N, std::size_t Align = alignof(std::max_align_t)>
class Arena {
public:
  Arena() noexcept : ptr_(buf_) {}
  Arena(const Arena &) = delete;
  Arena &operator=(const Arena &) = delete;

  char *allocate(std::size_t n) {
    std::size_t aligned = align_up(n);
    if (static_cast<std::size_t>(buf_ + N - ptr_) >= aligned) {
      char *r = ptr_;
      ptr_ += aligned;
      return r;
    }
    return static_cast<char *>(::operator new(n)); // the arena is full
  }

  void deallocate(char *p, std::size_t n) noexcept {
    if (in_buffer(p)) {
      if (p + align_up(n) == ptr_) // only the last block is given back
        ptr_ = p;
    } else {
      ::operator delete(p);
    }
  }

private:
  static std::size_t align_up(std::size_t n) noexcept {
    return (n + (Align - 1)) & ~(Align - 1);
  }
  bool in_buffer(char *p) const noexcept {
    return reinterpret_cast<std::uintptr_t>(buf_) <= reinterpret_cast<std::uintptr_t>(p) &&
           reinterpret_cast<std::uintptr_t>(p) <= reinterpret_cast<std::uintptr_t>(buf_) + N;
  }

  alignas(Align) char buf_[N];
  char *ptr_;
};

// The allocator a container uses to draw from an Arena it does not own.
template <class T, std::size_t N, std::size_t Align = alignof(std::max_align_t)>
class ShortAlloc {
public:
  using value_type = T;
  using arena_type = Arena<N, Align>;
  template <class U> struct rebind { using other = ShortAlloc<U, N, Align>; };

  explicit ShortAlloc(arena_type &a) noexcept : a_(&a) {}
  template <class U>
  ShortAlloc(const ShortAlloc<U, N, Align> &other) noexcept : a_(other.a_) {}

  T *allocate(std::size_t n) {
    return reinterpret_cast<T *>(a_->allocate(n * sizeof(T)));
  }
  void deallocate(T *p, std::size_t n) noexcept {
    a_->deallocate(reinterpret_cast<char *>(p), n * sizeof(T));
  }

  template <class U, std::size_t M, std::size_t A> friend class ShortAlloc;
  template <class U>
  bool operator==(const ShortAlloc<U, N, Align> &o) const noexcept { return a_ == o.a_; }
  template <class U>
  bool operator!=(const ShortAlloc<U, N, Align> &o) const noexcept { return a_ != o.a_; }

private:
  arena_type *a_;
};

// Room for every block push_back asks for on the way to 12 elements:
// capacities 1, 2, 4, 8 and 16 (an old block is released after its
// successor is allocated, so it is never the last one and is not reused).
constexpr std::size_t kArenaBytes = (1 + 2 + 4 + 8 + 16) * sizeof(int);
using IntAlloc = ShortAlloc<int, kArenaBytes, alignof(int)>;

// Reads the array; keeps no pointer into it.
NOINLINE static long sum(const int *a, std::size_t n) {
  long s = 0;
  for (std::size_t i = 0; i < n; i++)
    s = s * 3 + a[i];
  return s;
}

NOINLINE static long fill_and_sum(std::uint32_t h) {
  IntAlloc::arena_type arena;
  std::vector<int, IntAlloc> v{IntAlloc(arena)};
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
