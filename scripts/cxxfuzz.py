#!/usr/bin/env python3
"""cxxfuzz: random differential C++ fuzzer for goescape.

The C++ sibling of cfuzz.py. Generates random, allocation-heavy, UB-free
C++17 programs with deterministic output (checksums of data, never pointer
values, no iteration over containers keyed by pointers) and builds each one
with clang++ -std=c++17 the four ways of rtcheck.py (plain -O2, plain+ASan,
plugin, plugin+ASan with detect_stack_use_after_return=1), judged as rtcheck
judges them (harness.py builds and runs them).

A program is made of blocks. Each block builds its data with one of these
builders:

  raii     classes owning buffers (new[] in the constructor, delete[] in
           ~T), held by value on the stack, by new/delete, by unique_ptr, in
           a std::vector of owning pointers
  std      std::vector / std::string / std::unique_ptr<T[]> /
           std::make_unique / std::make_shared (and weak_ptr) temporaries,
           vectors of unique_ptr and of strings, moves of containers
  exc      objects made with new and deleted on every path: a noinline
           callee throws, the caller catches; deletes in catch blocks, by
           unwinding destructors (unique_ptr, RAII guards), catch (...) {
           delete; throw; }, constructors that throw inside a new
           expression, exceptions that carry a shared_ptr to an object
  arr      new[]/delete[] of run-time counts (zero included), of classes
           with destructors (array cookies), value- and brace-initialised;
           ::operator new with sized ::operator delete, implicit sized
           delete, over-aligned (alignas) new and new[]
  virt     virtual destructors: derived objects (multi-level, multiple
           inheritance, owning children) deleted through base pointers;
           noinline factories by kind; derived objects on the stack
  factory  noinline factories returning raw pointers (new, nothrow new),
           unique_ptr (make_unique, new), shared_ptr; look-alikes that
           return a static, remember their object in a global, point it at
           itself, keep a caller's pointer, reallocate in a loop; their
           results read and deleted, carried across iterations, linked,
           kept in the root or a global
  loop     objects carried across loop iterations: linked nodes, swapped
           new[] buffers (raw and unique_ptr), unique_ptr hand-overs,
           scratch objects per iteration, a queue of pointers
  rec      recursion of bounded depth: a parent chain on the way down,
           trees built and freed by recursive destructors, unique_ptr
           trees, mutual recursion, a throw from the bottom that unwinds
  place    placement new into malloc'ed, ::operator new'd, new[]'d and
           stack buffers with explicit destructor calls; nothrow new of
           objects and arrays
  lambda   lambdas capturing pointers: called locally, in std::function
           (small and large captures), stored in a global std::function
           and called from another function, vectors of std::function in
           the root, immediately invoked lambdas, custom deleters
  cnew     class-specific operator new/delete: counting over malloc, or a
           pool of slots with a malloc fallback; ::new bypassing it; the
           counters hashed (calls of a class's operator new may not be
           elided, unlike the global ones)

and hands its root object (a class whose destructor frees what it owns)
from a producer function to a consumer through a channel: none, return,
unique_ptr return, out-parameter, reference out-parameter, global,
std::vector<void *> held globally, a lambda in a global std::function,
uintptr_t casts, memcpy of the pointer's bytes with a run-time length, a
thrown exception carrying the pointer, a global shared_ptr, a pair returned
by value, so that an object the pass wrongly moves to the producer's stack
is read after that frame is gone. Run-time values come from argc through a
noinline rt() so the compiler cannot fold sizes.

Now and then (8%) a program replaces the global operator new/new[]/delete/
delete[] (plain and sized) with counting ones over malloc: noinline ones
that put a magic header before each object and abort when a delete gets a
pointer without it, or inlinable ones without a header; main then requires every block to leave as many objects live as it
found (exit 7 otherwise). Such programs have no leaks and no ASan builds
(the ASan runtime's operator new would clash), as cfuzz does for programs
defining malloc.

Verdicts per program:
  pass      the plugin builds agree with plain -O2 (stdout, exit code) and
            no sanitizer report
  fail      they do not (or a plugin build does not compile)
  reject    the plain builds themselves disagree, fail or time out: a
            generator bug, counted and printed apart, never a goescape failure

  cxxfuzz.py --plugin build/lib/GoEscape.so --count 200 --seed 1 --jobs 2
  cxxfuzz.py --seed 1 --emit 17 > p17.cpp      # the source of program 17
  cxxfuzz.py --builders exc,virt=1 ...         # only those builders (weights)

The closing lines are `cxxfuzz: N passed, M failed` and
`cxxfuzz: K generator rejects, P of S allocation sites moved to stack (R%)`.
Exit status 1 if any program failed (or was rejected with --strict).
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shlex
import shutil
import string
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import rtcheck  # noqa: E402

CXXFLAGS = ["-std=c++17"]
INT_TYPES = ["int", "long", "unsigned char", "short", "unsigned", "unsigned long"]

PRELUDE = r"""// generated by goescape scripts/cxxfuzz.py, seed %(seed)d, program %(index)d
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <memory>
#include <vector>
#include <string>
#include <functional>
#include <utility>
#include <stdexcept>
#define NOINLINE __attribute__((noinline))
#define ALWAYS static inline __attribute__((always_inline))
int g_one; // argc: 1 at run time, unknown to the compiler
void *g_keep[%(nkeep)d];
uintptr_t g_u[%(nkeep)d];
std::vector<void *> g_vec;
std::function<void *()> g_fn[%(nkeep)d];
char g_dummy[16];
NOINLINE unsigned rt(unsigned v) { return v * (unsigned)g_one; }
static inline unsigned long H(unsigned long h, unsigned long v) {
  return (h ^ v) * 1099511628211UL + 0x9e37UL;
}
%(replace)s"""

# A program-wide replacement of the global operator new and delete: counts,
# and a header that catches a delete of anything it did not allocate (a
# promoted object's pointer reaching it). Never inlined: LLVM takes what a
# new-expression returns for an object of exactly the size asked, so a
# delete inlined there would read the header out of that object's bounds
# (UB), and -O2 made a program so read unreachable and crash.
REPLACE = r"""static unsigned long g_news, g_dels;
static const unsigned long kMagic = 0x6765736361706521UL;
NOINLINE void *operator new(std::size_t n) {
  ++g_news;
  unsigned long *p = static_cast<unsigned long *>(std::malloc(n + 16));
  if (!p) throw std::bad_alloc();
  p[0] = kMagic; p[1] = n;
  return p + 2;
}
NOINLINE void *operator new[](std::size_t n) { return ::operator new(n); }
NOINLINE void operator delete(void *q) noexcept {
  if (!q) return;
  unsigned long *p = static_cast<unsigned long *>(q) - 2;
  if (p[0] != kMagic) { std::fputs("delete of a pointer operator new did not return\n", stderr); std::abort(); }
  p[0] = 0; ++g_dels;
  std::free(p);
}
NOINLINE void operator delete[](void *q) noexcept { ::operator delete(q); }
NOINLINE void operator delete(void *q, std::size_t n) noexcept {
  if (q && static_cast<unsigned long *>(q)[-1] != n) { std::fputs("sized delete of the wrong size\n", stderr); std::abort(); }
  ::operator delete(q);
}
NOINLINE void operator delete[](void *q, std::size_t) noexcept { ::operator delete(q); }
static unsigned long live() { return g_news - g_dels; }
"""

# The same counting without the header, inlinable: where the inliner puts its
# malloc into a new-expression, the program's own delete (a call, or inlined
# into a free) must still run and count; a pass that drops it while the
# allocation ran changes live().
REPLACE_COUNT = r"""static unsigned long g_news, g_dels;
void *operator new(std::size_t n) {
  ++g_news;
  void *p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  return p;
}
void *operator new[](std::size_t n) { return ::operator new(n); }
void operator delete(void *q) noexcept { if (q) { ++g_dels; std::free(q); } }
void operator delete[](void *q) noexcept { ::operator delete(q); }
void operator delete(void *q, std::size_t) noexcept { ::operator delete(q); }
void operator delete[](void *q, std::size_t) noexcept { ::operator delete(q); }
static unsigned long live() { return g_news - g_dels; }
"""


class Prog:
    """One generated program: a list of blocks, each with its own names."""

    def __init__(self, rng):
        self.rng = rng
        self.nkeep = 0
        self.builders = None  # [(builder, weight)] to choose from
        self.replace = False  # replaces the global operator new/delete

    def slot(self):
        self.nkeep += 1
        return self.nkeep - 1

    def attr(self, weights=(3, 2, 2, 1)):
        """A function attribute: noinline, inlinable static, plain static,
        always_inline."""
        return self.rng.choices(["NOINLINE static", "static inline", "static",
                                 "ALWAYS"], weights=weights)[0]

    def rt(self, v):
        return rtexpr(self.rng, v)


def lit_string(rng, n):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


def rtexpr(rng, v):
    """A run-time expression of value v (unsigned)."""
    return rng.choice(["rt(%d)" % v, "(rt(%d) + %du)" % (0, v), "(%du * rt(1))" % v])


def cx(text, K, **kw):
    """A C++ template: $name from kw, and every identifier starting K_ gets
    the block's prefix."""
    text = string.Template(text).substitute(kw)
    return re.sub(r"\bK_", K + "_", text)


def pick(rng, items, k_lo, k_hi):
    """k_lo..k_hi items chosen with repetition."""
    return [rng.choice(items) for _ in range(rng.randint(k_lo, k_hi))]


# --------------------------------------------------------------------------
# Builders. Each returns a dict:
#   decls  types and helper functions
#   ty     the root type (a class; `delete` frees everything it owns)
#   build  statements that leave everything in `root` (a `ty *`)
#   read   name of `unsigned long read(const ty *)`, free: `void free(ty *)`
# --------------------------------------------------------------------------

def root_fns(P, K, fields, dtor, reads):
    """The root class K_r with `fields`, destructor body `dtor`, and the
    read/free functions; reads are statements over `r` updating `h`."""
    d = cx("struct K_r {\n  unsigned long acc = 0;\n$fields\n  K_r() = default;\n"
           "  K_r(const K_r &) = delete;\n  K_r &operator=(const K_r &) = delete;\n"
           "  ~K_r() { $dtor }\n};\n"
           "$A unsigned long K_read(const K_r *r) {\n  unsigned long h = r->acc;\n$reads\n"
           "  return h;\n}\n"
           "$F void K_free(K_r *r) { delete r; }",
           K, fields=fields, dtor=dtor, reads=reads, A=P.attr(),
           F=P.attr((2, 3, 2, 3)))
    return d


def done(K, decls, build):
    return dict(decls=decls, ty=K + "_r", build=build, read=K + "_read", free=K + "_free")


def b_raii(P, K):
    r = P.rng
    T = r.choice(INT_TYPES)
    N, L = r.randint(1, 40), r.randint(1, 5)
    d = [cx("""struct K_buf {
  $T *p; unsigned n;
  explicit K_buf(unsigned n_, int v) : p(new $T[n_]), n(n_) {
    for (unsigned i = 0; i < n; i++) p[i] = ($T)(i * $c1 + (unsigned)v);
  }
  ~K_buf() { delete[] p; }
  K_buf(const K_buf &) = delete;
  K_buf &operator=(const K_buf &) = delete;
  unsigned long sum() const {
    unsigned long h = 3;
    for (unsigned i = 0; i < n; i++) h = H(h, (unsigned long)p[i]);
    return h;
  }
};
struct K_obj {
  int v; K_buf *b; std::unique_ptr<K_buf> u; std::string name;
  K_obj(int v_, unsigned n) : v(v_), b(new K_buf(n, v_)), u($hasu ? new K_buf(n / 2 + 1, v_ + 1) : nullptr),
      name("$lit") { name += char('a' + v_ % 26); }
  ~K_obj() { delete b; }
  K_obj(const K_obj &) = delete;
  K_obj &operator=(const K_obj &) = delete;
  unsigned long sum() const {
    unsigned long h = H(b->sum(), (unsigned long)v);
    if (u) h = H(h, u->sum());
    for (char c : name) h = H(h, (unsigned char)c);
    return h;
  }
};""", K, T=T, c1=r.randint(1, 9), hasu=r.choice(["true", "false", "(v_ & 1)"]),
            lit=lit_string(r, r.choice([3, 10, 20])))]
    shapes = {
        "stackobj": "K_obj o(v, n);\n  return o.sum();",
        "newdel": "K_obj *q = new K_obj(v, n);\n  unsigned long h = q->sum();\n  delete q;\n  return h;",
        "uptr": "std::unique_ptr<K_obj> q(new K_obj(v, n));\n  return q->sum();",
        "mku": "auto q = std::make_unique<K_obj>(v, n);\n  unsigned long h = q->sum();\n  q.reset();\n  return h;",
        "bufs": "K_buf b(n, v);\n  K_buf *c = new K_buf(n + 1, v);\n  unsigned long h = H(b.sum(), c->sum());\n"
                "  delete c;\n  return h;",
        "vec": "std::vector<K_obj *> vs;\n  for (unsigned i = 0; i < n % 5 + 1; i++) vs.push_back(new K_obj(v + (int)i, n));\n"
               "  unsigned long h = 1;\n  for (K_obj *o : vs) h = H(h, o->sum());\n"
               "  for (K_obj *o : vs) delete o;\n  return h;",
        "early": "K_obj *q = new K_obj(v, n);\n  if (v %% 3 == 0) { unsigned long h = q->b->sum(); delete q; return h; }\n"
                 "  unsigned long h = q->sum();\n  delete q;\n  return h;".replace("%%", "%"),
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 3)):
        d.append(cx("$A unsigned long K_s$j(unsigned n, int v) {\n  $body\n}", K, A=P.attr(), j=j,
                    body=cx(shapes[sh], K)))
        names.append("%s_s%d" % (K, j))
    d.append(root_fns(P, K, "  K_obj *kept = nullptr;\n  std::vector<K_obj *> many;",
                      "delete kept; for (K_obj *o : many) delete o;",
                      "  if (r->kept) h = H(h, r->kept->sum());\n"
                      "  for (const K_obj *o : r->many) h = H(h, o->sum());"))
    s = ["root = new %s_r;" % K]
    kept = False
    for _ in range(r.randint(1, 4)):
        f = r.choice(names)
        c = r.choice(["one", "loop", "kept", "many"])
        if c == "one" or (c == "kept" and kept):
            s.append("root->acc = H(root->acc, %s(%s, %d));" % (f, P.rt(N), r.randint(0, 50)))
        elif c == "loop":
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->acc = H(root->acc, %s(rt(%d) + i, (int)i));"
                     % (L, f, N))
        elif c == "kept":
            kept = True
            s.append("root->kept = new %s_obj(%d, %s);" % (K, r.randint(0, 50), P.rt(N)))
        else:
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->many.push_back(new %s_obj((int)i, rt(%d)));"
                     % (L, K, N))
    return done(K, "\n".join(d), "\n".join(s))


def b_std(P, K):
    r = P.rng
    T = r.choice(INT_TYPES)
    R = r.randint(1, 12)
    d = [cx("""struct K_s {
  long v; long w[$R]; std::vector<int> iv;
  explicit K_s(long v_, unsigned n = 0) : v(v_), iv(n, (int)v_) { for (int i = 0; i < $R; i++) w[i] = v_ + i; }
  unsigned long sum() const {
    unsigned long h = (unsigned long)v;
    for (int i = 0; i < $R; i++) h = H(h, (unsigned long)w[i]);
    for (int x : iv) h = H(h, (unsigned long)x);
    return h;
  }
};""", K, R=R)]
    shapes = {
        "vec": "std::vector<$T> a(n);\n  for (unsigned i = 0; i < n; i++) a[i] = ($T)(i + v);\n"
               "  for (unsigned k = 0; k < rt($p); k++) a.push_back(($T)k);\n"
               "  unsigned long h = a.size();\n  for ($T x : a) h = H(h, (unsigned long)x);\n  return h;",
        "vecpush": "std::vector<$T> a;\n  $reserve\n  for (unsigned i = 0; i < n; i++) a.push_back(($T)(i * 3 + v));\n"
                   "  unsigned long h = 5;\n  for (unsigned i = 0; i < a.size(); i++) h = H(h, (unsigned long)a[i]);\n  return h;",
        "str": "std::string s(n, (char)('a' + v % 26));\n  s += \"$lit\";\n  s.append(std::to_string(v));\n"
               "  unsigned long h = s.size();\n  for (char c : s) h = H(h, (unsigned char)c);\n  return h;",
        "strcat": "std::string s;\n  for (unsigned i = 0; i < n; i++) s += (char)('a' + (i + v) % 26);\n"
                  "  std::string t = s + s.substr(0, n / 2);\n  unsigned long h = t.size();\n"
                  "  for (char c : t) h = H(h, (unsigned char)c);\n  return h;",
        "uarr": "std::unique_ptr<$T[]> a(new $T[n]());\n  for (unsigned i = 0; i < n; i += 2) a[i] = ($T)(i + v);\n"
                "  unsigned long h = 9;\n  for (unsigned i = 0; i < n; i++) h = H(h, (unsigned long)a[i]);\n  return h;",
        "mku": "auto u = std::make_unique<K_s>(v, n % 7);\n  u->w[0] += 1;\n  return u->sum();",
        "mksh": "auto s = std::make_shared<K_s>(v, n % 5);\n  auto s2 = s;\n  std::weak_ptr<K_s> w = s;\n"
                "  s.reset();\n  unsigned long h = H(s2->sum(), w.expired() ? 1 : 2);\n  s2.reset();\n"
                "  return H(h, w.expired() ? 3 : 4);",
        "shnew": "std::shared_ptr<K_s> s(new K_s(v));\n  std::shared_ptr<K_s> t = s;\n  t->v += 2;\n"
                 "  return H(s->sum(), (unsigned long)s.use_count());",
        "vecu": "std::vector<std::unique_ptr<K_s>> vs;\n  for (unsigned i = 0; i < n % 6 + 1; i++) vs.push_back(std::make_unique<K_s>(v + i));\n"
                "  vs.emplace_back(new K_s(v * 2));\n  unsigned long h = 1;\n  for (auto &p : vs) h = H(h, p->sum());\n  return h;",
        "strvec": "std::vector<std::string> vs;\n  for (unsigned i = 0; i < n % 6 + 1; i++) vs.push_back(std::string(rt($p) + i, (char)('k' + i)));\n"
                  "  unsigned long h = 2;\n  for (auto &s : vs) { h = H(h, s.size()); for (char c : s) h = H(h, (unsigned char)c); }\n  return h;",
        "move": "std::vector<$T> a(n, ($T)v);\n  std::vector<$T> b = std::move(a);\n  a.assign(3, ($T)1);\n"
                "  unsigned long h = H(a.size(), b.size());\n  for ($T x : b) h = H(h, (unsigned long)x);\n"
                "  for ($T x : a) h = H(h, (unsigned long)x);\n  return h;",
        "pair": "std::pair<std::unique_ptr<K_s>, std::string> pr(std::make_unique<K_s>(v), std::string(n, 'q'));\n"
                "  auto moved = std::move(pr);\n  return H(moved.first->sum(), moved.second.size());",
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 4)):
        body = string.Template(shapes[sh]).substitute(
            T=T, p=r.randint(0, 40), lit=lit_string(r, r.choice([2, 9, 30])),
            reserve=r.choice(["", "a.reserve(n / 2);", "a.reserve(rt(4));"]))
        d.append(cx("$A unsigned long K_h$j(unsigned n, long v) {\n  $body\n}", K, A=P.attr(), j=j,
                    body=cx(body, K)))
        names.append("%s_h%d" % (K, j))
    d.append(root_fns(P, K, "  std::vector<unsigned long> hs;\n  std::string tag;\n  std::unique_ptr<K_s> s;",
                      "",
                      "  for (unsigned long x : r->hs) h = H(h, x);\n"
                      "  for (char c : r->tag) h = H(h, (unsigned char)c);\n"
                      "  if (r->s) h = H(h, r->s->sum());"))
    s = ["root = new %s_r;" % K]
    for _ in range(r.randint(1, 4)):
        f = r.choice(names)
        c = r.choice(["acc", "hs", "loop", "tag", "s"])
        n = P.rt(r.randint(0, 70))
        if c == "acc":
            s.append("root->acc = H(root->acc, %s(%s, %d));" % (f, n, r.randint(0, 30)))
        elif c == "hs":
            s.append("root->hs.push_back(%s(%s, %d));" % (f, n, r.randint(0, 30)))
        elif c == "loop":
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->hs.push_back(%s(i + %s, (long)i));"
                     % (r.randint(1, 5), f, n))
        elif c == "tag":
            s.append("root->tag = std::string(%s, 't') + std::to_string(%s(%s, 1));" % (n, f, n))
        else:
            s.append("root->s = std::make_unique<%s_s>(%s(%s, 2) & 0xffff, %s);" % (K, f, n, P.rt(3)))
    return done(K, "\n".join(d), "\n".join(s))


def b_exc(P, K):
    r = P.rng
    NA = r.randint(1, 12)
    M = r.randint(2, 5)
    throw = r.choice(["throw K_err{(int)v};", "throw std::runtime_error(\"%s\");" % lit_string(r, r.randint(1, 30)),
                      "throw (int)v;", "throw K_err2{std::make_shared<K_t>(v)};"])
    d = [cx("""struct K_err { int code; };
struct K_t {
  long v; long *a;
  explicit K_t(long v_) : v(v_), a(new long[$NA]) { for (int i = 0; i < $NA; i++) a[i] = v_ + i; }
  ~K_t() { delete[] a; }
  K_t(const K_t &) = delete;
  K_t &operator=(const K_t &) = delete;
  unsigned long sum() const {
    unsigned long h = (unsigned long)v;
    for (int i = 0; i < $NA; i++) h = H(h, (unsigned long)a[i]);
    return h;
  }
};
struct K_err2 { std::shared_ptr<K_t> obj; };
struct K_thrower {
  long *p;
  explicit K_thrower(long v) : p(new long[4]) {
    p[0] = v; p[1] = v + 1;
    if (v % $M2 == 0) { delete[] p; throw K_err{(int)v + 100}; }
  }
  ~K_thrower() { delete[] p; }
  K_thrower(const K_thrower &) = delete;
  K_thrower &operator=(const K_thrower &) = delete;
};
struct K_guard {
  K_t *p;
  explicit K_guard(K_t *q) : p(q) {}
  ~K_guard() { delete p; }
  K_guard(const K_guard &) = delete;
  K_guard &operator=(const K_guard &) = delete;
};
$CA void K_check(long v) { if (v % $M == $R) $throw }""", K, NA=NA, M=M, R=r.randrange(M), M2=r.randint(2, 5),
            throw=throw, CA=r.choice(["NOINLINE static", "NOINLINE static", "static"]))]
    shapes = {
        "catchdel": "K_t *p = new K_t(v);\n  unsigned long h;\n  try { K_check(v); h = p->sum(); }\n"
                    "  catch (...) { h = 7; delete p; return h; }\n  delete p;\n  return h;",
        "unwind": "std::unique_ptr<K_t> p(new K_t(v));\n  K_check(v + 1);\n  return p->sum();",
        "mku": "auto p = std::make_unique<K_t>(v);\n  K_check(v);\n  auto q = std::make_unique<K_t>(v + 3);\n"
               "  K_check(v + 2);\n  return H(p->sum(), q->sum());",
        "guard": "K_t t(v);\n  K_guard g(new K_t(v * 2));\n  K_check(v);\n  return H(t.sum(), g.p->sum());",
        "rethrow": "K_t *p = new K_t(v);\n  try { K_check(v); }\n  catch (...) { delete p; throw; }\n"
                   "  unsigned long h = p->sum();\n  delete p;\n  return h;",
        "ctorthrow": "K_thrower *t = new K_thrower(v);\n  unsigned long h = H((unsigned long)t->p[0], (unsigned long)t->p[1]);\n"
                     "  delete t;\n  return h;",
        "ctorstack": "K_t keep(v);\n  K_thrower t(v + 1);\n  return H(keep.sum(), (unsigned long)t.p[1]);",
        "translate": "K_t *p = new K_t(v);\n  try { K_check(v); }\n  catch (...) { delete p; throw K_err{55}; }\n"
                     "  unsigned long h = p->sum();\n  delete p;\n  return h;",
        "carry": "auto s = std::make_shared<K_t>(v);\n  if (v % 3 == 1) throw K_err2{s};\n  return s->sum();",
        "vec": "std::vector<K_t *> ps;\n  try {\n    for (long i = 0; i < (long)rt($n); i++) { ps.push_back(new K_t(v + i)); K_check(v + i); }\n"
               "  } catch (...) { for (K_t *p : ps) delete p; throw; }\n"
               "  unsigned long h = 3;\n  for (K_t *p : ps) { h = H(h, p->sum()); delete p; }\n  return h;",
        "nested": "K_t *outer = new K_t(v);\n  unsigned long h = 1;\n  try {\n    std::unique_ptr<K_t> in(new K_t(v + 1));\n"
                  "    try { K_check(v); h = in->sum(); } catch (const K_err &e) { h = H(h, (unsigned long)e.code); }\n"
                  "    K_check(v + 1);\n  } catch (...) { h = H(h, outer->sum()); delete outer; throw; }\n"
                  "  h = H(h, outer->sum());\n  delete outer;\n  return h;",
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 4)):
        body = string.Template(shapes[sh]).substitute(n=r.randint(1, 6))
        d.append(cx("$A unsigned long K_w$j(long v) {\n  $body\n}", K, A=P.attr((4, 2, 2, 1)), j=j,
                    body=cx(body, K)))
        names.append("%s_w%d" % (K, j))
    d.append(root_fns(P, K, "  K_t *last = nullptr;", "delete last;",
                      "  if (r->last) h = H(h, r->last->sum());"))
    catches = cx("catch (const K_err &e) { root->acc = H(root->acc, 1000u + (unsigned)e.code); }\n"
                 "  catch (const K_err2 &e) { root->acc = H(root->acc, e.obj->sum()); }\n"
                 "  catch (const std::exception &e) { root->acc = H(root->acc, std::strlen(e.what())); }\n"
                 "  catch (int c) { root->acc = H(root->acc, 77u + (unsigned)c); }\n"
                 "  catch (...) { root->acc = H(root->acc, 5); }", K)
    s = ["root = new %s_r;" % K]
    for _ in range(r.randint(1, 3)):
        f = r.choice(names)
        c = r.choice(["loop", "loop", "mine", "last"])
        n, c0 = r.randint(1, 8), r.randint(0, 20)
        if c == "loop":
            s.append("for (unsigned i = 0; i < rt(%d); i++) {\n  try { root->acc = H(root->acc, %s((long)i + %d)); }\n  %s\n}"
                     % (n, f, c0, catches))
        elif c == "mine":  # the caller's own object lives across the try
            s.append("for (unsigned i = 0; i < rt(%d); i++) {\n  %s_t *mine = new %s_t((long)i);\n"
                     "  try { root->acc = H(root->acc, %s((long)i + %d) + mine->sum()); }\n"
                     "  catch (...) { root->acc = H(root->acc, mine->sum()); delete mine; mine = nullptr; }\n"
                     "  delete mine;\n}" % (n, K, K, f, c0))
        else:
            s.append("for (unsigned i = 0; i < rt(%d); i++) {\n  %s_t *t = new %s_t((long)i * 7);\n"
                     "  try { root->acc = H(root->acc, %s((long)i + %d)); delete root->last; root->last = t; t = nullptr; }\n"
                     "  catch (...) { root->acc = H(root->acc, 11); }\n  delete t;\n}" % (n, K, K, f, c0))
    return done(K, "\n".join(d), "\n".join(s))


def b_arr(P, K):
    r = P.rng
    T = r.choice(INT_TYPES)
    W, AL = r.randint(1, 9), r.choice([32, 64, 128, 256])
    d = [cx("""static unsigned long K_dtors;
struct K_e {
  long v; short w[$W];
  K_e() : v(7) { for (int i = 0; i < $W; i++) w[i] = (short)(i + 1); }
  ~K_e() { K_dtors += (unsigned long)v; }
};
struct alignas($AL) K_al { long v[2]; };
$A unsigned long K_sumT(const $T *a, unsigned n) {
  unsigned long h = 11;
  for (unsigned i = 0; i < n; i++) h = H(h, (unsigned long)a[i]);
  return h;
}""", K, W=W, AL=AL, T=T, A=P.attr())]
    shapes = {
        "plain": "$T *a = new $T[n];\n  for (unsigned i = 0; i < n; i++) a[i] = ($T)(i * v);\n"
                 "  unsigned long h = K_sumT(a, n);\n  delete[] a;\n  return h;",
        "zeroed": "$T *a = new $T[n + 1]();\n  a[n / 2] = ($T)v;\n  unsigned long h = K_sumT(a, n + 1);\n  delete[] a;\n  return h;",
        "braced": "$T *a = new $T[n + 3]{1, 2, ($T)v};\n  unsigned long h = K_sumT(a, n + 3);\n  delete[] a;\n  return h;",
        "cookie": "K_e *e = new K_e[n];\n  unsigned long h = 1;\n  for (unsigned i = 0; i < n; i++) { e[i].v += i; h = H(h, (unsigned long)e[i].w[i % $W]); }\n"
                  "  delete[] e;\n  return H(h, K_dtors);",
        "one": "K_e *e = new K_e;\n  e->v = v;\n  unsigned long h = (unsigned long)e->w[0];\n  delete e;\n  return H(h, K_dtors);",
        "opnew": "void *raw = ::operator new(n * sizeof($T) + 1);\n  $T *a = static_cast<$T *>(raw);\n"
                 "  for (unsigned i = 0; i < n; i++) a[i] = ($T)(i + v);\n  unsigned long h = K_sumT(a, n);\n"
                 "  $dl\n  return h;",
        "aligned": "K_al *x = new K_al;\n  x->v[0] = v; x->v[1] = n;\n"
                   "  unsigned long h = H((unsigned long)x->v[0] + (unsigned long)x->v[1], (reinterpret_cast<uintptr_t>(x) % $AL) == 0);\n"
                   "  delete x;\n  return h;",
        "alarr": "K_al *x = new K_al[n + 1];\n  unsigned long h = 4;\n"
                 "  for (unsigned i = 0; i <= n; i++) { x[i].v[0] = i; x[i].v[1] = v; h = H(h, (unsigned long)x[i].v[0]); }\n"
                 "  h = H(h, (reinterpret_cast<uintptr_t>(x) % $AL) == 0);\n  delete[] x;\n  return h;",
        "empty": "$T *a = new $T[rt(0)];\n  unsigned long h = (unsigned long)v;\n  delete[] a;\n  return h;",
        "two": "$T *a = new $T[n + 1], *b = new $T[n + 2];\n  for (unsigned i = 0; i <= n; i++) { a[i] = ($T)i; b[i + 1] = a[i]; }\n"
               "  b[0] = ($T)v;\n  unsigned long h = H(K_sumT(a, n + 1), K_sumT(b, n + 2));\n  delete[] b;\n  delete[] a;\n  return h;",
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 4)):
        body = string.Template(shapes[sh]).substitute(
            T=T, W=W, AL=AL, dl=r.choice(["::operator delete(raw);",
                                           "::operator delete(raw, n * sizeof(%s) + 1);" % T]))
        d.append(cx("$A unsigned long K_a$j(unsigned n, unsigned long v) {\n  $body\n}", K, A=P.attr(), j=j,
                    body=cx(body, K)))
        names.append("%s_a%d" % (K, j))
    d.append(root_fns(P, K, "  %s *arr = nullptr; unsigned n = 0;" % T, "delete[] arr;",
                      "  h = H(h, r->n);\n  for (unsigned i = 0; i < r->n; i++) h = H(h, (unsigned long)r->arr[i]);"))
    s = ["root = new %s_r;" % K]
    if r.random() < 0.5:
        s.append("root->n = %s; root->arr = new %s[root->n];" % (P.rt(r.randint(0, 80)), T))
        s.append("for (unsigned i = 0; i < root->n; i++) root->arr[i] = (%s)(i ^ %d);" % (T, r.randint(1, 99)))
    for _ in range(r.randint(1, 4)):
        f = r.choice(names)
        if r.random() < 0.5:
            s.append("root->acc = H(root->acc, %s(%s, %d));" % (f, P.rt(r.randint(0, 100)), r.randint(0, 9)))
        else:
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->acc = H(root->acc, %s(i * %d, i));"
                     % (r.randint(1, 6), f, r.randint(1, 20)))
    return done(K, "\n".join(d), "\n".join(s))


def b_virt(P, K):
    r = P.rng
    N1 = r.randint(1, 16)
    d = [cx("""static unsigned long K_dead;
struct K_b {
  int id;
  explicit K_b(int i) : id(i) {}
  virtual ~K_b() { K_dead = H(K_dead, (unsigned long)id); }
  virtual unsigned long get() const { return (unsigned long)id; }
};
struct K_d1 : K_b {
  long a[$N1];
  explicit K_d1(int i) : K_b(i) { for (int k = 0; k < $N1; k++) a[k] = i * k + 1; }
  ~K_d1() override { K_dead = H(K_dead, (unsigned long)a[$N1 - 1]); }
  unsigned long get() const override { unsigned long h = (unsigned long)id; for (long x : a) h = H(h, (unsigned long)x); return h; }
};
struct K_d2 : K_b {
  std::vector<int> v; K_b *child;
  K_d2(int i, K_b *c) : K_b(i), v(rt($nv), i), child(c) {}
  ~K_d2() override { delete child; }
  unsigned long get() const override {
    unsigned long h = (unsigned long)id * 3;
    for (int x : v) h = H(h, (unsigned long)x);
    return child ? H(h, child->get()) : h;
  }
};
struct K_d3 : K_d1 {
  std::string s;
  explicit K_d3(int i) : K_d1(i + 1), s("$lit") { s += std::to_string(i); }
  unsigned long get() const override { unsigned long h = K_d1::get(); for (char c : s) h = H(h, (unsigned char)c); return h; }
};
struct K_x { long pad[$np]; K_x() { for (long &p : pad) p = 9; } virtual ~K_x() {} };
struct K_mi : K_x, K_b {
  long extra;
  explicit K_mi(int i) : K_b(i), extra(i * 5L) {}
  unsigned long get() const override { return H((unsigned long)extra, (unsigned long)pad[0]); }
};
$A K_b *K_mk(int kind, int v) {
  switch (kind % $nk) {
  case 0: return new K_d1(v);
  case 1: return new K_d2(v, v % 2 ? new K_d1(v + 1) : nullptr);
  case 2: return new K_d3(v);
  case 3: return new K_mi(v);
  default: return new K_b(v);
  }
}""", K, N1=N1, nv=r.randint(0, 20), lit=lit_string(r, r.choice([3, 20])), np=r.randint(1, 3),
            A=r.choice(["NOINLINE static", "NOINLINE static", "static"]), nk=r.randint(1, 5))]
    shapes = {
        "mk": "K_b *b = K_mk(k, v);\n  unsigned long h = b->get();\n  delete b;\n  return h;",
        "direct": "K_b *b = new K_d1(v);\n  unsigned long h = b->get();\n  delete b;\n  return h;",
        "mi": "K_b *b = new K_mi(v);\n  unsigned long h = b->get();\n  delete b;\n  return h;",
        "uptr": "std::unique_ptr<K_b> b(new K_d2(v, new K_d1(v + 1)));\n  return b->get();",
        "stack": "K_d2 d(v, K_mk(k, v + 2));\n  return d.get();",
        "d3": "std::unique_ptr<K_b> b = std::make_unique<K_d3>(v);\n  return b->get();",
        "vec": "std::vector<std::unique_ptr<K_b>> vs;\n  for (int i = 0; i < k % 4 + 1; i++) vs.emplace_back(K_mk(i, v));\n"
               "  unsigned long h = 2;\n  for (auto &b : vs) h = H(h, b->get());\n  return h;",
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 4)):
        d.append(cx("$A unsigned long K_v$j(int k, int v) {\n  $body\n}", K, A=P.attr(), j=j,
                    body=cx(shapes[sh], K)))
        names.append("%s_v%d" % (K, j))
    d.append(root_fns(P, K, "  std::vector<std::unique_ptr<K_b>> objs;\n  K_b *one = nullptr;", "delete one;",
                      "  for (auto &b : r->objs) h = H(h, b->get());\n"
                      "  if (r->one) h = H(h, r->one->get());\n  h = H(h, K_dead);"))
    s = ["root = new %s_r;" % K]
    one = False
    for _ in range(r.randint(1, 4)):
        c = r.choice(["call", "loop", "objs", "one"])
        if c == "call" or (c == "one" and one):
            s.append("root->acc = H(root->acc, %s(%s, %d));" % (r.choice(names), P.rt(r.randint(0, 4)),
                                                                r.randint(0, 50)))
        elif c == "loop":
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->acc = H(root->acc, %s((int)i, (int)i * 3));"
                     % (r.randint(1, 6), r.choice(names)))
        elif c == "objs":
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->objs.emplace_back(%s_mk((int)i + %d, (int)i));"
                     % (r.randint(1, 5), K, r.randint(0, 4)))
        else:
            one = True
            s.append("root->one = %s_mk(%s, %d);" % (K, P.rt(r.randint(0, 4)), r.randint(0, 50)))
    s.append("root->acc = H(root->acc, %s_dead);" % K)
    return done(K, "\n".join(d), "\n".join(s))


def b_factory(P, K):
    r = P.rng
    R = r.randint(1, 10)
    d = [cx("""struct K_t { long v; long w[$R]; K_t *link; const long *src; };
static K_t K_spare;
static K_t *K_last;
static long K_g[2] = {$g0, $g1};
static void K_fill(K_t *o, long v) { o->v = v; o->link = nullptr; o->src = nullptr; for (int i = 0; i < $R; i++) o->w[i] = v * i + 1; }
$A unsigned long K_rd(const K_t *o) {
  unsigned long h = (unsigned long)o->v;
  for (int i = 0; i < $R; i++) h = H(h, (unsigned long)o->w[i]);
  if (o->src) h = H(h, (unsigned long)o->src[1]);
  if (o->link == o) h = H(h, 7);
  return h;
}""", K, R=R, g0=r.randint(1, 99), g1=r.randint(1, 99), A=P.attr())]
    kinds = {  # name: (returns, body, may be null, kind of result)
        "raw": "K_t *o = new K_t;\n  K_fill(o, v);\n  return o;",
        "nothrow": "K_t *o = new (std::nothrow) K_t;\n  if (!o) return nullptr;\n  K_fill(o, v);\n  return o;",
        "value": "K_t *o = new K_t();\n  o->v = v;\n  o->w[0] = v + 1;\n  return o;",
        "spare": "if (v < 0) return &K_spare;\n  K_t *o = new K_t;\n  K_fill(o, v);\n  return o;",
        "last": "K_t *o = new K_t;\n  K_fill(o, v);\n  K_last = o;\n  return o;",
        "self": "K_t *o = new K_t;\n  K_fill(o, v);\n  o->link = o;\n  return o;",
        "src": "K_t *o = new K_t;\n  K_fill(o, v);\n  o->src = K_g;\n  o->v += K_g[0];\n  return o;",
        "loop": "K_t *o = nullptr;\n  for (unsigned k = 0; k <= rt($n); k++) {\n    K_t *q = new K_t;\n"
                "    if (o) { *q = *o; delete o; } else K_fill(q, v);\n    o = q;\n  }\n  return o;",
        "uptr": "auto o = std::make_unique<K_t>();\n  K_fill(o.get(), v);\n  return o;",
        "uptrnew": "std::unique_ptr<K_t> o(new K_t);\n  K_fill(o.get(), v);\n  return o;",
        "shared": "auto o = std::make_shared<K_t>();\n  K_fill(o.get(), v);\n  return o;",
    }
    facts = []
    for j, k in enumerate(pick(r, sorted(kinds), 1, 4)):
        ret = {"uptr": "std::unique_ptr<K_t>", "uptrnew": "std::unique_ptr<K_t>",
               "shared": "std::shared_ptr<K_t>"}.get(k, "K_t *")
        d.append(cx("$A $ret K_f$j(long v) {\n  $body\n}", K, ret=ret, j=j,
                    A=r.choice(["NOINLINE static", "NOINLINE static", "static", "static inline"]),
                    body=cx(string.Template(kinds[k]).substitute(n=r.randint(0, 2)), K)))
        facts.append(("%s_f%d" % (K, j), k))
    d.append(root_fns(P, K, "  K_t *kept = nullptr;\n  K_t *list = nullptr;\n  std::shared_ptr<K_t> sh;",
                      "delete kept; for (K_t *n = list, *m; n; n = m) { m = n->link; delete n; }",
                      "  if (r->kept) h = H(h, K_rd(r->kept));\n"
                      "  for (const K_t *n = r->list; n; n = n->link) h = H(h, K_rd(n));\n"
                      "  if (r->sh) h = H(h, K_rd(r->sh.get()));"))

    def get(f, k, v):
        """An expression of type K_t * owned by the caller (may be the
        spare or null)."""
        if k in ("uptr", "uptrnew"):
            return "%s(%s).release()" % (f, v)
        return "%s(%s)" % (f, v)

    def fin(x, k):
        if k == "spare":
            return "if (%s != &%s_spare) delete %s;" % (x, K, x)
        if k == "last":
            return ("root->acc = H(root->acc, (unsigned long)%s_last->w[0]); %s_last = nullptr; delete %s;"
                    % (K, K, x))
        return "delete %s;" % x

    s = ["root = new %s_r;" % K]
    kept = False
    for j in range(r.randint(2, 5)):
        f, k = r.choice(facts)
        use = r.choice(["local", "local", "loop", "carry", "list", "keep", "global", "shared"])
        v = P.rt(r.randint(0, 40))
        if k == "spare" and r.random() < 0.3:
            v = "(long)rt(0) - 1"
        null = k == "nothrow"
        guard = "if (!x%d) root->acc = H(root->acc, 99); else " % j if null else ""
        plain = k not in ("spare", "nothrow", "shared")
        if k == "shared":
            if use == "shared":
                s.append("root->sh = %s(%s);" % (f, v))
            else:
                s.append("{ auto x%d = %s(%s); auto y%d = x%d; root->acc = H(root->acc, %s_rd(y%d.get()) + x%d.use_count()); }"
                         % (j, f, v, j, j, K, j, j))
        elif use == "loop":
            s.append("for (unsigned i = 0; i < rt(%d); i++) { %s_t *x%d = %s; %s{ root->acc = H(root->acc, %s_rd(x%d)); %s } }"
                     % (r.randint(1, 6), K, j, get(f, k, "(long)i + %s" % v), guard, K, j, fin("x%d" % j, k)))
        elif use == "carry" and plain and k != "last":
            s.append("{ %s_t *p%d = %s;\n  for (unsigned i = 0; i < rt(%d); i++) {\n    %s_t *x%d = %s;\n"
                     "    root->acc = H(root->acc, %s_rd(p%d) + %s_rd(x%d));\n    %s p%d = x%d;\n  }\n"
                     "  root->acc = H(root->acc, %s_rd(p%d)); %s }"
                     % (K, j, get(f, k, v), r.randint(1, 5), K, j, get(f, k, "(long)i"), K, j, K, j,
                        fin("p%d" % j, k), j, j, K, j, fin("p%d" % j, k)))
        elif use == "list" and plain and k not in ("self", "last"):
            s.append("for (unsigned i = 0; i < rt(%d); i++) { %s_t *x%d = %s; x%d->link = root->list; root->list = x%d; }"
                     % (r.randint(1, 4), K, j, get(f, k, "(long)i * 5"), j, j))
        elif use == "keep" and plain and k != "last" and not kept:
            kept = True
            s.append("root->kept = %s;" % get(f, k, v))
        elif use == "global" and plain:
            sl = P.slot()
            s.append("g_keep[%d] = %s;" % (sl, get(f, k, v)))
            s.append("{ %s_t *g = static_cast<%s_t *>(g_keep[%d]); g_keep[%d] = nullptr;"
                     " root->acc = H(root->acc, %s_rd(g)); %s }" % (K, K, sl, sl, K, fin("g", k)))
        else:
            s.append("{ %s_t *x%d = %s; %s{ root->acc = H(root->acc, %s_rd(x%d)); %s } }"
                     % (K, j, get(f, k, v), guard, K, j, fin("x%d" % j, k)))
    return done(K, "\n".join(d), "\n".join(s))


def b_loop(P, K):
    r = P.rng
    T = r.choice(INT_TYPES)
    PAD = r.randint(1, 8)
    d = [cx("""struct K_n { long v; K_n *next; $T pad[$PAD]; };
$A unsigned long K_sumT(const $T *a, unsigned n) {
  unsigned long h = 13;
  for (unsigned i = 0; i < n; i++) h = H(h, (unsigned long)a[i]);
  return h;
}""", K, T=T, PAD=PAD, A=P.attr())]
    shapes = {
        "list": "K_n *head = nullptr;\n  for (unsigned i = 0; i < n; i++) { K_n *x = new K_n(); x->v = (long)(i + v); x->next = head; head = x; }\n"
                "  unsigned long h = 1;\n  for (K_n *p = head; p; p = p->next) h = H(h, (unsigned long)p->v);\n"
                "  while (head) { K_n *nx = head->next; delete head; head = nx; }\n  return h;",
        "swap": "$T *a = new $T[n + 1], *b = new $T[n + 1];\n  for (unsigned i = 0; i <= n; i++) a[i] = ($T)(i + v);\n"
                "  for (unsigned it = 0; it < rt($k); it++) {\n    for (unsigned i = 0; i <= n; i++) b[i] = ($T)(a[i] + a[(i + 1) % (n + 1)]);\n"
                "    $T *t = a; a = b; b = t;\n  }\n  unsigned long h = K_sumT(a, n + 1);\n  delete[] a;\n  delete[] b;\n  return h;",
        "uswap": "std::unique_ptr<$T[]> a(new $T[n + 1]()), b(new $T[n + 1]());\n  a[0] = ($T)v;\n"
                 "  for (unsigned it = 0; it < rt($k); it++) {\n    for (unsigned i = 0; i <= n; i++) b[i] = ($T)(a[i] + i);\n"
                 "    std::swap(a, b);\n  }\n  return K_sumT(a.get(), n + 1);",
        "scratch": "unsigned long h = 2;\n  for (unsigned i = 0; i < n; i++) {\n    K_n *s = new K_n();\n    s->v = (long)(i * v);\n"
                   "    s->pad[i % $PAD] = ($T)i;\n    h = H(h, (unsigned long)s->v + (unsigned long)s->pad[0]);\n    delete s;\n  }\n  return h;",
        "handover": "std::unique_ptr<K_n> prev;\n  for (unsigned i = 0; i <= n; i++) {\n    auto cur = std::make_unique<K_n>();\n"
                    "    cur->v = (long)i + (prev ? prev->v : (long)v);\n    prev = std::move(cur);\n  }\n  return (unsigned long)prev->v;",
        "queue": "std::vector<K_n *> q;\n  unsigned long h = 3;\n  for (unsigned i = 0; i < n; i++) {\n    K_n *x = new K_n(); x->v = (long)i;\n"
                 "    q.push_back(x);\n    if (q.size() > $k) { K_n *f = q.front(); q.erase(q.begin()); h = H(h, (unsigned long)f->v); delete f; }\n  }\n"
                 "  for (K_n *x : q) { h = H(h, (unsigned long)x->v + v); delete x; }\n  return h;",
        "window": "K_n *cur = new K_n();\n  cur->v = (long)v;\n  for (unsigned i = 0; i < n; i++) {\n    K_n *nx = new K_n();\n"
                  "    nx->v = (cur->v * 3 + (long)i) % 1000003;\n    nx->next = nullptr;\n    delete cur;\n    cur = nx;\n  }\n"
                  "  unsigned long h = (unsigned long)cur->v;\n  delete cur;\n  return h;",
        "vswap": "std::vector<$T> a(n + 1, ($T)v), b(n + 1);\n  for (unsigned it = 0; it < rt($k); it++) {\n"
                 "    for (unsigned i = 0; i <= n; i++) b[i] = ($T)(a[i] * 2 + i);\n    a.swap(b);\n  }\n  return K_sumT(a.data(), n + 1);",
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 4)):
        body = string.Template(shapes[sh]).substitute(T=T, PAD=PAD, k=r.randint(1, 5))
        d.append(cx("$A unsigned long K_l$j(unsigned n, unsigned long v) {\n  $body\n}", K, A=P.attr(), j=j,
                    body=cx(body, K)))
        names.append("%s_l%d" % (K, j))
    d.append(root_fns(P, K, "  K_n *head = nullptr;", "while (head) { K_n *nx = head->next; delete head; head = nx; }",
                      "  for (const K_n *p = r->head; p; p = p->next) h = H(h, (unsigned long)p->v);"))
    s = ["root = new %s_r;" % K]
    if r.random() < 0.5:
        s.append("for (unsigned i = 0; i < rt(%d); i++) { %s_n *x = new %s_n(); x->v = (long)i * %d; x->next = root->head; root->head = x; }"
                 % (r.randint(1, 9), K, K, r.randint(1, 9)))
    for _ in range(r.randint(1, 4)):
        f = r.choice(names)
        if r.random() < 0.6:
            s.append("root->acc = H(root->acc, %s(%s, %d));" % (f, P.rt(r.randint(0, 30)), r.randint(0, 9)))
        else:
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->acc = H(root->acc, %s(i + %d, i));"
                     % (r.randint(1, 4), f, r.randint(0, 12)))
    return done(K, "\n".join(d), "\n".join(s))


def b_rec(P, K):
    r = P.rng
    D = r.randint(1, 6)
    d = [cx("""struct K_e { int code; };
struct K_n {
  long v; const K_n *parent; K_n *kid[2];
  K_n(long v_, const K_n *p) : v(v_), parent(p), kid{nullptr, nullptr} {}
  ~K_n() { delete kid[0]; delete kid[1]; }
  K_n(const K_n &) = delete;
  K_n &operator=(const K_n &) = delete;
};
$A unsigned long K_path(const K_n *n) {
  unsigned long h = 17;
  for (; n; n = n->parent) h = H(h, (unsigned long)n->v);
  return h;
}
$A unsigned long K_sum(const K_n *n) {
  if (!n) return 1;
  return H(H((unsigned long)n->v, K_sum(n->kid[0])), K_sum(n->kid[1]));
}""", K, A=P.attr((4, 1, 1, 0)))]
    shapes = {
        "down": ("NOINLINE static unsigned long K_r$j(int d, const K_n *parent) {\n  K_n *n = new K_n(d * 3L, parent);\n"
                 "  unsigned long h = d > 0 ? K_r$j(d - 1, n) : K_path(n);\n  delete n;\n  return h;\n}",
                 "K_r$j(%s, nullptr)"),
        "udown": ("NOINLINE static unsigned long K_r$j(int d, const K_n *parent) {\n  auto n = std::make_unique<K_n>(d + 5L, parent);\n"
                  "  if (d <= 0) return K_path(n.get());\n  return H(K_r$j(d - 1, n.get()), (unsigned long)n->v);\n}",
                  "K_r$j(%s, nullptr)"),
        "throwdown": ("NOINLINE static unsigned long K_r$j(int d, const K_n *parent) {\n  std::unique_ptr<K_n> n(new K_n(d, parent));\n"
                      "  if (d <= 0) { if (K_path(n.get()) % 3 == 0) throw K_e{(int)(K_path(n.get()) % 1000)}; return 4; }\n"
                      "  return H(K_r$j(d - 1, n.get()), (unsigned long)n->v);\n}",
                      "[&]() -> unsigned long { try { return K_r$j(%s, nullptr); } catch (const K_e &e) { return 500u + (unsigned)e.code; } }()"),
        "tree": ("static K_n *K_r$j(int d, long v) {\n  if (d < 0) return nullptr;\n  K_n *n = new K_n(v, nullptr);\n"
                 "  n->kid[0] = K_r$j(d - 1, v * 2);\n  n->kid[1] = K_r$j(d - 1, v * 2 + 1);\n  return n;\n}",
                 "[&]() -> unsigned long { K_n *t = K_r$j(%s, 1); unsigned long h = K_sum(t); delete t; return h; }()"),
        "utree": ("static std::unique_ptr<K_n> K_r$j(int d, long v) {\n  if (d < 0) return nullptr;\n"
                  "  auto n = std::make_unique<K_n>(v, nullptr);\n  n->kid[0] = K_r$j(d - 1, v + 1).release();\n"
                  "  if (d % 2) n->kid[1] = K_r$j(d - 2, v + 2).release();\n  return n;\n}",
                  "K_sum(K_r$j(%s, 3).get())"),
        "mutual": ("static unsigned long K_r${j}b(int d, std::vector<long> *acc);\n"
                   "NOINLINE static unsigned long K_r$j(int d, std::vector<long> *acc) {\n  std::vector<long> mine(rt(2) + (unsigned)d, d);\n"
                   "  acc->push_back(d);\n  if (d <= 0) return acc->size();\n  return H(K_r${j}b(d - 1, &mine), mine.size());\n}\n"
                   "static unsigned long K_r${j}b(int d, std::vector<long> *acc) {\n  long *tmp = new long[d + 1];\n"
                   "  for (int i = 0; i <= d; i++) tmp[i] = i;\n  acc->push_back(tmp[d]);\n  unsigned long h = H(K_r$j(d - 1, acc), acc->size());\n"
                   "  delete[] tmp;\n  return h;\n}",
                   "[&]() -> unsigned long { std::vector<long> a; unsigned long h = K_r$j(%s, &a); for (long x : a) h = H(h, (unsigned long)x); return h; }()"),
    }
    calls = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 3)):
        fn, call = shapes[sh]
        d.append(cx(string.Template(fn).safe_substitute(j=j), K))
        calls.append(cx(string.Template(call).safe_substitute(j=j), K))
    d.append(root_fns(P, K, "  K_n *tree = nullptr;", "delete tree;",
                      "  h = H(h, K_sum(r->tree));"))
    s = ["root = new %s_r;" % K]
    if r.random() < 0.4:
        s.append("root->tree = new %s_n(%d, nullptr); root->tree->kid[1] = new %s_n(%d, root->tree);"
                 % (K, r.randint(0, 9), K, r.randint(0, 9)))
    for _ in range(r.randint(1, 3)):
        c = r.choice(calls)
        if r.random() < 0.5:
            s.append("root->acc = H(root->acc, %s);" % (c % ("(int)" + P.rt(D))))
        else:
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->acc = H(root->acc, %s);"
                     % (r.randint(1, 3), c % ("(int)(i %% %d)" % (D + 1))))
    return done(K, "\n".join(d), "\n".join(s))


def b_place(P, K):
    r = P.rng
    d = [cx("""struct K_p {
  long v; std::string s; long *arr;
  explicit K_p(long v_) : v(v_), s("$lit"), arr(new long[3]) { arr[0] = v_; arr[1] = v_ * 2; arr[2] = (long)s.size(); }
  ~K_p() { delete[] arr; }
  K_p(const K_p &) = delete;
  K_p &operator=(const K_p &) = delete;
  unsigned long sum() const {
    unsigned long h = (unsigned long)v;
    for (int i = 0; i < 3; i++) h = H(h, (unsigned long)arr[i]);
    for (char c : s) h = H(h, (unsigned char)c);
    return h;
  }
};""", K, lit=lit_string(r, r.choice([4, 15, 40])))]
    shapes = {
        "mallocarr": "void *mem = std::malloc(sizeof(K_p) * (n + 1));\n  if (!mem) std::abort();\n"
                     "  K_p *ps = static_cast<K_p *>(mem);\n  for (unsigned i = 0; i <= n; i++) new (&ps[i]) K_p((long)(i + v));\n"
                     "  unsigned long h = 1;\n  for (unsigned i = 0; i <= n; i++) h = H(h, ps[i].sum());\n"
                     "  for (unsigned i = 0; i <= n; i++) ps[i].~K_p();\n  std::free(mem);\n  return h;",
        "mallocone": "void *mem = std::malloc(sizeof(K_p));\n  if (!mem) std::abort();\n  K_p *p = new (mem) K_p((long)v);\n"
                     "  unsigned long h = p->sum();\n  p->~K_p();\n  std::free(mem);\n  return h;",
        "stackbuf": "alignas(K_p) unsigned char buf[sizeof(K_p)];\n  K_p *p = new (buf) K_p((long)(v + n));\n"
                    "  unsigned long h = p->sum();\n  p->~K_p();\n  return h;",
        "opnew": "void *mem = ::operator new(sizeof(K_p));\n  K_p *p = ::new (mem) K_p((long)v);\n  unsigned long h = p->sum();\n"
                 "  p->~K_p();\n  ::operator delete(mem);\n  return h;",
        "chararr": "unsigned char *raw = new unsigned char[sizeof(K_p)];\n  K_p *p = new (raw) K_p((long)v - 1);\n"
                   "  unsigned long h = p->sum();\n  p->~K_p();\n  delete[] raw;\n  return h;",
        "nothrow": "K_p *p = new (std::nothrow) K_p((long)v);\n  if (!p) std::abort();\n  unsigned long h = p->sum();\n  delete p;\n  return h;",
        "nothrowarr": "long *a = new (std::nothrow) long[n + 1];\n  if (!a) return 0;\n  for (unsigned i = 0; i <= n; i++) a[i] = (long)(i * v);\n"
                      "  unsigned long h = 6;\n  for (unsigned i = 0; i <= n; i++) h = H(h, (unsigned long)a[i]);\n  delete[] a;\n  return h;",
        "reuse": "void *mem = std::malloc(sizeof(K_p));\n  if (!mem) std::abort();\n  unsigned long h = 8;\n"
                 "  for (unsigned i = 0; i <= n % 4; i++) { K_p *p = new (mem) K_p((long)i); h = H(h, p->sum()); p->~K_p(); }\n"
                 "  std::free(mem);\n  return h;",
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 4)):
        d.append(cx("$A unsigned long K_q$j(unsigned n, unsigned long v) {\n  $body\n}", K, A=P.attr(), j=j,
                    body=cx(shapes[sh], K)))
        names.append("%s_q%d" % (K, j))
    d.append(root_fns(P, K, "  K_p *held = nullptr;\n  void *mem = nullptr;",
                      "if (held) held->~K_p(); std::free(mem);",
                      "  if (r->held) h = H(h, r->held->sum());"))
    s = ["root = new %s_r;" % K]
    if r.random() < 0.5:
        s.append("root->mem = std::malloc(sizeof(%s_p)); if (!root->mem) std::abort();"
                 " root->held = new (root->mem) %s_p(%d);" % (K, K, r.randint(0, 99)))
    for _ in range(r.randint(1, 4)):
        f = r.choice(names)
        if r.random() < 0.6:
            s.append("root->acc = H(root->acc, %s(%s, %d));" % (f, P.rt(r.randint(0, 20)), r.randint(0, 9)))
        else:
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->acc = H(root->acc, %s(i, i + %d));"
                     % (r.randint(1, 4), f, r.randint(0, 12)))
    return done(K, "\n".join(d), "\n".join(s))


def b_lambda(P, K):
    r = P.rng
    R = r.randint(1, 8)
    d = [cx("""struct K_o { long v; long w[$R]; };
static std::function<unsigned long(long)> K_gf;
static K_o *K_mk(long v) { K_o *o = new K_o(); o->v = v; for (int i = 0; i < $R; i++) o->w[i] = v + i * 3; return o; }
$A unsigned long K_callg(long k) { return K_gf(k); }
static void K_del(K_o *o) { delete o; }""", K, R=R, A=r.choice(["NOINLINE static", "static"]))]
    shapes = {
        "local": "K_o *p = K_mk(v);\n  auto f = [p](long k) { return (unsigned long)(p->w[k % $R] + p->v); };\n"
                 "  unsigned long h = 1;\n  for (unsigned i = 0; i < n; i++) h = H(h, f(i));\n  delete p;\n  return h;",
        "func": "K_o *p = K_mk(v);\n  long a = (long)rt(3), b = 5, c = (long)n;\n"
                "  std::function<unsigned long(long)> f = [p, a, b, c](long k) { return (unsigned long)(p->w[k % $R] + a + b + c); };\n"
                "  unsigned long h = 2;\n  for (unsigned i = 0; i <= n; i++) h = H(h, f(i));\n  delete p;\n  return h;",
        "global": "K_o *p = K_mk(v);\n  K_gf = [p](long k) { return (unsigned long)(p->v * 2 + p->w[k % $R]); };\n"
                  "  unsigned long h = 3;\n  for (unsigned i = 0; i <= n % 5; i++) h = H(h, K_callg(i));\n  K_gf = nullptr;\n  delete p;\n  return h;",
        "byref": "K_o *p = K_mk(v);\n  unsigned long h = 4;\n  auto f = [&](long k) { h = H(h, (unsigned long)p->w[k % $R]); };\n"
                 "  for (unsigned i = 0; i <= n; i++) f(i);\n  delete p;\n  return h;",
        "iife": "return [&]() { K_o *q = K_mk(v + n); unsigned long x = (unsigned long)q->w[0]; delete q; return x; }();",
        "deleter": "std::unique_ptr<K_o, void (*)(K_o *)> u(K_mk(v), K_del);\n  return (unsigned long)u->w[$R - 1] + n;",
        "lamdel": "auto del = [](K_o *o) { delete o; };\n  K_o *p = K_mk(v);\n  unsigned long h = (unsigned long)p->v;\n  del(p);\n  return h;",
        "shcap": "auto sp = std::shared_ptr<K_o>(K_mk(v));\n  std::function<unsigned long()> f = [sp]() { return (unsigned long)sp->w[0]; };\n"
                 "  sp.reset();\n  return f() + n;",
        "movecap": "auto f = [u = std::unique_ptr<K_o>(K_mk(v))](long k) { return (unsigned long)u->w[k % $R]; };\n"
                   "  unsigned long h = 5;\n  for (unsigned i = 0; i < n; i++) h = H(h, f(i));\n  return h;",
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 4)):
        d.append(cx("$A unsigned long K_c$j(unsigned n, long v) {\n  $body\n}", K, A=P.attr(), j=j,
                    body=cx(string.Template(shapes[sh]).substitute(R=R), K)))
        names.append("%s_c%d" % (K, j))
    d.append(root_fns(P, K, "  std::vector<std::function<unsigned long()>> fns;\n  std::vector<K_o *> owned;",
                      "for (K_o *o : owned) delete o;",
                      "  for (auto &f : r->fns) h = H(h, f());"))
    s = ["root = new %s_r;" % K]
    if r.random() < 0.5:
        s.append("for (unsigned i = 0; i < rt(%d); i++) { %s_o *o = %s_mk((long)i); root->owned.push_back(o);"
                 " root->fns.push_back([o]() { return (unsigned long)o->w[0]; }); }" % (r.randint(1, 5), K, K))
    for _ in range(r.randint(1, 4)):
        f = r.choice(names)
        if r.random() < 0.6:
            s.append("root->acc = H(root->acc, %s(%s, %d));" % (f, P.rt(r.randint(0, 20)), r.randint(0, 9)))
        else:
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->acc = H(root->acc, %s(i, (long)i + %d));"
                     % (r.randint(1, 4), f, r.randint(0, 12)))
    return done(K, "\n".join(d), "\n".join(s))


def b_cnew(P, K):
    r = P.rng
    R = r.randint(1, 8)
    SL = r.randint(1, 4)
    if r.random() < 0.5:
        ops = cx("""  static void *operator new(std::size_t n) {
    ++K_news;
    void *p = std::malloc(n);
    if (!p) throw std::bad_alloc();
    return p;
  }
  static void operator delete(void *p) noexcept { ++K_dels; std::free(p); }""", K)
        extra = ""
        pool = "0"
    else:
        ops = cx("""  static void *operator new(std::size_t n);
  static void operator delete(void *p, std::size_t n) noexcept;""", K)
        extra = cx("""alignas(16) static unsigned char K_pool[$SL][sizeof(K_c)];
static bool K_used[$SL];
void *K_c::operator new(std::size_t n) {
  ++K_news;
  for (int i = 0; i < $SL; i++)
    if (!K_used[i] && n <= sizeof(K_pool[i])) { K_used[i] = true; return K_pool[i]; }
  void *p = std::malloc(n);
  if (!p) throw std::bad_alloc();
  return p;
}
void K_c::operator delete(void *p, std::size_t) noexcept {
  ++K_dels;
  for (int i = 0; i < $SL; i++)
    if (p == K_pool[i]) { K_used[i] = false; return; }
  std::free(p);
}""", K, SL=SL)
        pool = cx("(unsigned long)(K_used[0] + 2 * K_used[$SL - 1])", K, SL=SL)
    d = [cx("""static unsigned long K_news, K_dels;
struct K_c {
  long v; long w[$R];
$ops
};
$extra
static unsigned long K_rd(const K_c *c) {
  unsigned long h = (unsigned long)c->v;
  for (int i = 0; i < $R; i++) h = H(h, (unsigned long)c->w[i]);
  return h;
}
static unsigned long K_counts() { return H(H(K_news, K_dels), $pool); }""", K, R=R, ops=ops, extra=extra, pool=pool)]
    shapes = {
        "one": "K_c *c = new K_c();\n  c->v = (long)v;\n  unsigned long h = K_rd(c);\n  delete c;\n  return H(h, K_counts());",
        "uptr": "std::unique_ptr<K_c> c(new K_c());\n  c->w[0] = (long)n;\n  return H(K_rd(c.get()), K_counts());",
        "loop": "unsigned long h = 1;\n  for (unsigned i = 0; i <= n % 6; i++) { K_c *c = new K_c(); c->v = (long)i; h = H(h, K_rd(c)); delete c; }\n"
                "  return H(h, K_counts());",
        "many": "K_c *cs[6];\n  unsigned m = n % 6 + 1;\n  for (unsigned i = 0; i < m; i++) { cs[i] = new K_c(); cs[i]->v = (long)(i + v); }\n"
                "  unsigned long h = K_counts();\n  for (unsigned i = 0; i < m; i++) { h = H(h, K_rd(cs[i])); delete cs[i]; }\n  return h;",
        "global": "K_c *c = ::new K_c();\n  c->v = (long)(v * 2);\n  unsigned long h = K_rd(c);\n  ::delete c;\n  return H(h, K_counts());",
        "list": "std::vector<std::unique_ptr<K_c>> vs;\n  for (unsigned i = 0; i <= n % 5; i++) { vs.emplace_back(new K_c()); vs.back()->v = (long)i; }\n"
                "  unsigned long h = K_counts();\n  for (auto &c : vs) h = H(h, K_rd(c.get()));\n  return h;",
    }
    names = []
    for j, sh in enumerate(pick(r, sorted(shapes), 1, 4)):
        d.append(cx("$A unsigned long K_n$j(unsigned n, unsigned long v) {\n  $body\n}", K, A=P.attr(), j=j,
                    body=cx(shapes[sh], K)))
        names.append("%s_n%d" % (K, j))
    d.append(root_fns(P, K, "  K_c *held = nullptr;", "delete held;",
                      "  if (r->held) h = H(h, K_rd(r->held));\n  h = H(h, K_counts());"))
    s = ["root = new %s_r;" % K]
    if r.random() < 0.5:
        s.append("root->held = new %s_c(); root->held->v = %d;" % (K, r.randint(0, 99)))
    for _ in range(r.randint(1, 4)):
        f = r.choice(names)
        if r.random() < 0.6:
            s.append("root->acc = H(root->acc, %s(%s, %d));" % (f, P.rt(r.randint(0, 20)), r.randint(0, 9)))
        else:
            s.append("for (unsigned i = 0; i < rt(%d); i++) root->acc = H(root->acc, %s(i, i + %d));"
                     % (r.randint(1, 4), f, r.randint(0, 12)))
    return done(K, "\n".join(d), "\n".join(s))


BUILDERS = [(b_raii, 3), (b_std, 3), (b_exc, 3), (b_arr, 2), (b_virt, 3), (b_factory, 3),
            (b_loop, 2), (b_rec, 2), (b_place, 2), (b_lambda, 2), (b_cnew, 1)]


# --------------------------------------------------------------------------
# Channels: how the producer hands `root` to the consumer.
# --------------------------------------------------------------------------

def channel(P, K, ty, free):
    """Returns (producer return type, params, export stmts, consumer stmts
    leaving `x`, consumer stmts freeing `x`, extra decls)."""
    r = P.rng
    c = r.choice(["ret", "ret", "uptr", "out", "ref", "global", "gvec", "fn", "fnbig", "uintptr",
                  "memcpy", "bytes", "throw", "shared", "pair"])
    sl = P.slot()
    fin = "%s(x);" % free
    extra = ""
    if c == "ret":
        return ty + " *", "", "return root;", "%s *x = %s_make();" % (ty, K), fin, extra
    if c == "uptr":
        return ("std::unique_ptr<%s>" % ty, "", "return std::unique_ptr<%s>(root);" % ty,
                "%s *x = %s_make().release();" % (ty, K), fin, extra)
    if c == "out":
        return "void", "%s **out" % ty, "*out = root;", "%s *x; %s_make(&x);" % (ty, K), fin, extra
    if c == "ref":
        return "void", "%s *&out" % ty, "out = root;", "%s *x = nullptr; %s_make(x);" % (ty, K), fin, extra
    if c == "pair":
        return ("std::pair<long, %s *>" % ty, "", "return std::make_pair(%dL, root);" % r.randint(1, 9),
                "%s *x = %s_make().second;" % (ty, K), fin, extra)
    if c == "shared":
        extra = "static std::shared_ptr<%s> %s_sh;" % (ty, K)
        return ("void", "", "%s_sh = std::shared_ptr<%s>(root, %s);" % (K, ty, free),
                "%s_make(); std::shared_ptr<%s> xs = std::move(%s_sh); %s *x = xs.get();" % (K, ty, K, ty),
                "xs.reset();", extra)
    if c == "throw":
        extra = "struct %s_carry { %s *p; };" % (K, ty)
        return ("void", "", "throw %s_carry{root};" % K,
                "%s *x = nullptr; try { %s_make(); } catch (const %s_carry &c) { x = c.p; }" % (ty, K, K),
                fin, extra)
    fetch = "%s *x = static_cast<%s *>(g_keep[%d]); g_keep[%d] = nullptr;" % (ty, ty, sl, sl)
    if c == "global":
        exp = "g_keep[%d] = root;" % sl
    elif c == "gvec":
        exp = "g_vec.push_back(root);"
        fetch = ("%s *x = static_cast<%s *>(g_vec.back()); g_vec.pop_back();"
                 " if (g_vec.empty()) std::vector<void *>().swap(g_vec);" % (ty, ty))
    elif c == "fn":
        exp = "g_fn[%d] = [root]() -> void * { return root; };" % sl
        fetch = "%s *x = static_cast<%s *>(g_fn[%d]()); g_fn[%d] = nullptr;" % (ty, ty, sl, sl)
    elif c == "fnbig":  # captures beyond std::function's small buffer: the lambda is on the heap
        exp = ("{ long a = (long)rt(1), b = 2, c = 3, d = 4; g_fn[%d] = [root, a, b, c, d]() -> void * {"
               " return (a + b + c + d) == 10 ? (void *)root : nullptr; }; }" % sl)
        fetch = "%s *x = static_cast<%s *>(g_fn[%d]()); g_fn[%d] = nullptr;" % (ty, ty, sl, sl)
    elif c == "uintptr":
        key = r.getrandbits(32) * 16
        exp = "g_u[%d] = reinterpret_cast<uintptr_t>(root) ^ %dUL;" % (sl, key)
        fetch = "%s *x = reinterpret_cast<%s *>(g_u[%d] ^ %dUL); g_u[%d] = 0;" % (ty, ty, sl, key, sl)
    elif c == "memcpy":
        exp = "std::memcpy(&g_keep[%d], &root, rt(sizeof root));" % sl
    else:  # bytes
        exp = ("{ unsigned char *dp = reinterpret_cast<unsigned char *>(&g_keep[%d]);"
               " const unsigned char *sp = reinterpret_cast<const unsigned char *>(&root);"
               " for (unsigned i = 0; i < rt(sizeof root); i++) dp[i] = sp[i]; }" % sl)
    return "void", "", exp, "%s_make(); %s" % (K, fetch), fin, extra


def block(P, K):
    r = P.rng
    bs = P.builders or BUILDERS
    fn = r.choices([b for b, _ in bs], weights=[w for _, w in bs])[0]
    b = fn(P, K)
    leak = not P.replace and r.random() < 0.05
    out = [b["decls"]]
    if r.random() < 0.4:  # no channel: build, read and free in one frame
        out.append("%s unsigned long %s_run() {\n%s *root;\n%s\nunsigned long h = %s(root);\n"
                   "%s\nreturn h;\n}" % (r.choice(["NOINLINE static", "static"]), K, b["ty"],
                                         b["build"], b["read"],
                                         "" if leak else "%s(root);" % b["free"]))
        return "\n".join(out), fn.__name__ + "/local"
    ret, params, exp, fetch, fin, extra = channel(P, K, b["ty"], b["free"])
    out.append(extra)
    out.append("%s %s %s_make(%s) {\n%s *root;\n%s\n%s\n}"
               % (r.choices(["NOINLINE static", "static"], weights=(4, 1))[0], ret, K, params,
                  b["ty"], b["build"], exp))
    out.append("static unsigned long %s_run() {\n%s\nunsigned long h = %s(x);\n%s\nreturn h;\n}"
               % (K, fetch, b["read"], "" if leak else fin))
    return "\n".join(out), fn.__name__


def generate(seed, index, builders=None):
    """Source of program `index` of the batch `seed`, the builders used, and
    whether it replaces the global operator new (no ASan builds)."""
    rng = random.Random("cxxfuzz:%d:%d" % (seed, index))
    P = Prog(rng)
    P.builders = builders
    P.replace = rng.random() < 0.08
    # Only a replacing program draws its style: the others stay as they were.
    style = rng.choice(["header", "count"]) if P.replace else None
    blocks, kinds = [], []
    nb = rng.randint(2, 4)
    for k in range(nb):
        text, kind = block(P, "b%d" % k)
        blocks.append(text)
        kinds.append(kind)
    calls = []
    for k in range(nb):
        for rep in range(rng.choice([1, 1, 2])):
            if P.replace:  # every block leaves as many objects live as it found
                calls.append('  { unsigned long n0 = live(); unsigned long h = b%d_run();'
                             ' std::printf("b%d.%d %%lu\\n", h); if (live() != n0) return 7; }'
                             % (k, k, rep))
            else:
                calls.append('  std::printf("b%d.%d %%lu\\n", b%d_run());' % (k, rep, k))
    rng.shuffle(calls)
    src = PRELUDE % dict(seed=seed, index=index, nkeep=max(1, P.nkeep),
                         replace={"header": REPLACE, "count": REPLACE_COUNT}.get(style, ""))
    if P.replace:
        src = "// replaces operator new and delete: no ASan builds\n" + src
        kinds.append("replace/" + style)
    src += "\n\n".join(blocks)
    src += "\n\nint main(int argc, char **argv) {\n  (void)argv;\n  g_one = argc;\n%s\n  return 0;\n}\n" \
        % "\n".join(calls)
    return src, kinds, P.replace


# --------------------------------------------------------------------------
# Runner
# --------------------------------------------------------------------------

def count_remarks(stderr):
    moved = kept = 0
    for line in stderr.splitlines():
        if "[-Rpass=goescape]" in line and "moved to stack" in line:
            moved += 1
        elif "[-Rpass-missed=goescape]" in line:
            kept += 1
    return moved, kept


def check_program(opts, seed, index, workdir):
    """Returns dict(verdict=pass|fail|reject, what=..., moved, kept, src)."""
    src, kinds, no_asan = generate(seed, index, opts.builders)
    tmp = tempfile.mkdtemp(prefix="cxxfuzz.", dir=workdir)
    path = os.path.join(tmp, "p%d.cpp" % index)
    with open(path, "w") as f:
        f.write(src)
    builds = rtcheck.builds(opts.plugin, shlex.split(opts.plugin_flags), harness.REMARKS)
    if no_asan:  # as rtcheck --no-asan: the ASan runtime's operator new would clash
        builds = [(name, flags) for name, flags in builds if "asan" not in name]
    res = dict(verdict="pass", what=[], moved=0, kept=0, src=src, kinds=kinds)
    try:
        ref = None
        for name, flags in builds:
            plain = not name.startswith("plugin")
            exe, stderr, problem = rtcheck.compile_one(opts.clang, path, name, flags, tmp,
                                                       CXXFLAGS)
            if problem:
                res["verdict"] = "reject" if plain else "fail"
                res["what"].append("build '%s' %s" % (name, problem))
                return res
            if name == "plugin":
                res["moved"], res["kept"] = count_remarks(stderr)
            got = harness.run(exe, timeout=opts.timeout, asan=harness.is_asan(flags))
            what = rtcheck.judge(got, ref, 0, opts.timeout)
            if ref is None:
                ref = got[:2]
            if what:
                res["what"].append(rtcheck.problem(name, what, got[2]))
                if plain:
                    res["verdict"] = "reject"
                    return res
                res["verdict"] = "fail"
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def parse_builders(ap, spec):
    """--builders: [(builder, weight)], or None for all of BUILDERS."""
    if not spec:
        return None
    known = dict((b.__name__[2:], (b, w)) for b, w in BUILDERS)
    out = []
    for item in spec.split(","):
        name, _, w = item.strip().partition("=")
        if name not in known:
            ap.error("--builders: unknown builder %r (known: %s)" % (name, ", ".join(known)))
        try:
            out.append((known[name][0], float(w) if w else known[name][1]))
        except ValueError:
            ap.error("--builders: bad weight in %r" % item)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plugin", help="GoEscape.so (required unless --emit)")
    ap.add_argument("--clang", default="/usr/lib/llvm-22/bin/clang++",
                    help="the C++ compiler driver (clang++ of LLVM 22)")
    ap.add_argument("--count", type=int, default=100, help="programs to run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="index of the first program")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per run")
    ap.add_argument("--keep-dir", metavar="DIR",
                    help="save failing (and rejected) programs here with a note")
    ap.add_argument("--plugin-flags", default="",
                    help="flags for the plugin builds only, e.g. '-mllvm -goescape-limit=3'")
    ap.add_argument("--builders", metavar="B[=W],...",
                    help="choose blocks only from these builders (names without b_, "
                         "e.g. exc,virt=2), with their own weight unless =W")
    ap.add_argument("--emit", type=int, metavar="I",
                    help="print the source of program I of --seed and exit")
    ap.add_argument("--strict", action="store_true", help="exit 1 on generator rejects too")
    ap.add_argument("--quiet", "-q", action="store_true", help="no per-program progress")
    opts = ap.parse_args()
    opts.builders_spec = opts.builders
    opts.builders = parse_builders(ap, opts.builders)

    if opts.emit is not None:
        sys.stdout.write(generate(opts.seed, opts.emit, opts.builders)[0])
        return
    if not opts.plugin:
        ap.error("--plugin is required")
    opts.plugin = os.path.abspath(opts.plugin)
    if opts.keep_dir:
        os.makedirs(opts.keep_dir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="cxxfuzz-run.")
    lock = threading.Lock()
    tally = dict(passed=0, failed=0, rejected=0, moved=0, kept=0)

    def one(i):
        try:
            res = check_program(opts, opts.seed, i, workdir)
        except Exception as e:  # a bug here must not look like a pass
            res = dict(verdict="reject", what=["cxxfuzz internal error: %r" % e], moved=0,
                       kept=0, src=generate(opts.seed, i, opts.builders)[0], kinds=[])
        with lock:
            v = res["verdict"]
            tally["moved"] += res["moved"]
            tally["kept"] += res["kept"]
            tally[{"pass": "passed", "fail": "failed", "reject": "rejected"}[v]] += 1
            if v != "pass":
                label = "FAIL" if v == "fail" else "GENERATOR-REJECT"
                name = "cxxfuzz-s%d-%d" % (opts.seed, i)
                print("%s: seed %d program %d (%s; %d moved to stack)\n%s"
                      % (label, opts.seed, i, ",".join(res["kinds"]), res["moved"],
                         "\n".join(res["what"])), flush=True)
                if opts.keep_dir:
                    base = os.path.join(opts.keep_dir, name + ("" if v == "fail" else "-reject"))
                    with open(base + ".cpp", "w") as f:
                        f.write(res["src"])
                    with open(base + ".txt", "w") as f:
                        f.write("%s: %s --seed %d --emit %d%s\nblocks: %s\nmoved to stack: %d\n\n%s\n"
                                % (label, sys.argv[0], opts.seed, i,
                                   " --builders " + opts.builders_spec if opts.builders else "",
                                   ",".join(res["kinds"]),
                                   res["moved"], "\n\n".join(res["what"])))
            elif not opts.quiet:
                print("ok: seed %d program %d (%d moved to stack)" % (opts.seed, i, res["moved"]),
                      flush=True)

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
            list(ex.map(one, range(opts.start, opts.start + opts.count)))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    sites = tally["moved"] + tally["kept"]
    print("cxxfuzz: %d passed, %d failed" % (tally["passed"], tally["failed"]))
    print("cxxfuzz: %d generator rejects, %d of %d allocation sites moved to stack (%.1f%%)"
          % (tally["rejected"], tally["moved"], sites,
             100.0 * tally["moved"] / sites if sites else 0.0))
    if tally["failed"] or (opts.strict and tally["rejected"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
