// Hand-written twin of uptree.cpp: the 7, 11 or 15 nodes are elements of a
// local array (`Node pool[15];`, taken in order by a counter), linked by raw
// pointers, instead of one std::make_unique each; the tree dies with the
// frame, so no ~unique_ptr / delete runs. The shapes, the seeds, eval and the
// output are uptree.cpp's.
// usage: uptree_hand [divisor]   (builds ITERS/divisor trees)
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define NOINLINE __attribute__((noinline))
#define ITERS 3000000u

struct Node {
  int op; // 0 = leaf, 1 = add, 2 = mul, 3 = sub
  long val;
  const Node *left, *right;
};

struct Pool {
  Node nodes[15];
  unsigned used = 0;
  const Node *make(int op, long val, const Node *l, const Node *r) {
    Node *n = &nodes[used++];
    n->op = op;
    n->val = val;
    n->left = l;
    n->right = r;
    return n;
  }
  const Node *leaf(long v) { return make(0, v, nullptr, nullptr); }
  const Node *inner(int op, const Node *l, const Node *r) { return make(op, 0, l, r); }
};

// Reads the tree; keeps no pointer into it.
NOINLINE static long eval(const Node *n) {
  switch (n->op) {
  case 0: return n->val;
  case 1: return eval(n->left) + eval(n->right);
  case 2: return eval(n->left) * eval(n->right);
  default: return eval(n->left) - eval(n->right);
  }
}

static inline int op_of(std::uint32_t seed, int k) {
  return 1 + static_cast<int>((seed >> k) % 3);
}

NOINLINE static long build_and_eval(std::uint32_t seed) {
  Pool p;
  unsigned shape = (seed >> 20) % 3; // 0: 7 nodes, 1: 11, 2: 15
  const Node *la = p.leaf(seed & 15);
  const Node *lb = p.leaf((seed >> 4) & 15);
  const Node *a = p.inner(op_of(seed, 0), la, lb);
  const Node *lc = p.leaf((seed >> 8) & 15);
  const Node *ld = p.leaf((seed >> 12) & 15);
  const Node *b = p.inner(op_of(seed, 2), lc, ld);
  const Node *l = p.inner(op_of(seed, 5), a, b);
  const Node *root;
  if (shape == 0) {
    root = l;
  } else {
    const Node *le = p.leaf((seed >> 16) & 15);
    const Node *lf = p.leaf((seed >> 3) & 15);
    const Node *c = p.inner(op_of(seed, 7), le, lf);
    const Node *r;
    if (shape == 1) {
      r = c;
    } else {
      const Node *lg = p.leaf((seed >> 6) & 15);
      const Node *lh = p.leaf((seed >> 10) & 15);
      const Node *d = p.inner(op_of(seed, 9), lg, lh);
      r = p.inner(op_of(seed, 11), c, d);
    }
    root = p.inner(op_of(seed, 13), l, r);
  }
  return eval(root);
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
