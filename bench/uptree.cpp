// goescape benchmark: a small tree of std::unique_ptr nodes per call.
// build_and_eval, called many times, builds an expression tree of 7, 11 or
// 15 nodes (seed-dependent: 4, 6 or 8 leaves) with std::make_unique, the
// children owned by std::unique_ptr members; a noinline recursive eval reads
// it through raw pointers and keeps none; the root's ~unique_ptr tears the
// whole tree down (~Node destroys its children's unique_ptrs, recursively).
// usage: uptree [divisor]   (builds ITERS/divisor trees)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>

#define NOINLINE __attribute__((noinline))
#define ITERS 3000000u

struct Node {
  int op; // 0 = leaf, 1 = add, 2 = mul, 3 = sub
  long val;
  std::unique_ptr<Node> left, right;
  Node(int o, long v, std::unique_ptr<Node> l, std::unique_ptr<Node> r)
      : op(o), val(v), left(std::move(l)), right(std::move(r)) {}
};

static inline std::unique_ptr<Node> leaf(long v) {
  return std::make_unique<Node>(0, v, nullptr, nullptr);
}

static inline std::unique_ptr<Node> inner(int op, std::unique_ptr<Node> l,
                                          std::unique_ptr<Node> r) {
  return std::make_unique<Node>(op, 0, std::move(l), std::move(r));
}

// Reads the tree; keeps no pointer into it.
NOINLINE static long eval(const Node *n) {
  switch (n->op) {
  case 0: return n->val;
  case 1: return eval(n->left.get()) + eval(n->right.get());
  case 2: return eval(n->left.get()) * eval(n->right.get());
  default: return eval(n->left.get()) - eval(n->right.get());
  }
}

static inline int op_of(std::uint32_t seed, int k) {
  return 1 + static_cast<int>((seed >> k) % 3);
}

NOINLINE static long build_and_eval(std::uint32_t seed) {
  unsigned shape = (seed >> 20) % 3; // 0: 7 nodes, 1: 11, 2: 15
  std::unique_ptr<Node> a = inner(op_of(seed, 0), leaf(seed & 15), leaf((seed >> 4) & 15));
  std::unique_ptr<Node> b = inner(op_of(seed, 2), leaf((seed >> 8) & 15), leaf((seed >> 12) & 15));
  std::unique_ptr<Node> l = inner(op_of(seed, 5), std::move(a), std::move(b));
  std::unique_ptr<Node> root;
  if (shape == 0) {
    root = std::move(l);
  } else {
    std::unique_ptr<Node> c = inner(op_of(seed, 7), leaf((seed >> 16) & 15), leaf((seed >> 3) & 15));
    std::unique_ptr<Node> r;
    if (shape == 1) {
      r = std::move(c);
    } else {
      std::unique_ptr<Node> d =
          inner(op_of(seed, 9), leaf((seed >> 6) & 15), leaf((seed >> 10) & 15));
      r = inner(op_of(seed, 11), std::move(c), std::move(d));
    }
    root = inner(op_of(seed, 13), std::move(l), std::move(r));
  }
  return eval(root.get());
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? static_cast<unsigned>(std::atoi(argv[1])) : 1;
  unsigned n = ITERS / (div ? div : 1);
  std::uint64_t sum = static_cast<std::uint64_t>(argc);
  for (unsigned i = 0; i < n; i++)
    sum = sum * 31 + static_cast<std::uint64_t>(build_and_eval(i * 2654435761u));
  std::printf("uptree: %u trees, checksum %016llx\n", n, static_cast<unsigned long long>(sum));
  return 0;
}
