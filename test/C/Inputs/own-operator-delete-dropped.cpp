// A goescape bug, fixed (found by scripts/cxxfuzz.py, seed 1 program 179 before the
// generator's replacement operator new/delete were made noinline): a call of
// the program's OWN (replacement) operator delete is dropped although the
// allocation it pairs with was not.
//
// The program replaces the global operator new/delete with counting ones
// over malloc (a 16-byte header before each object). In main, the inliner
// inlines `new R` into `++g_news; malloc(40)`. goescape moves that malloc(40)
// to the stack and calls a copy of fr() without its frees
// (fr.goescape.nofree), which drops fr's `delete r`: the call of the
// program's own sized operator delete (_ZdlPvm, builtin) on malloc(40)+16,
// an interior pointer of a malloc object (another family). Its side effects
// (the header check, ++g_dels) are lost. C++ lets a delete-expression omit
// its deallocation call only when the allocation call was omitted too; here
// operator new ran (g_news == 1). Without `delete one` in ~R (min2: R is
// {long a; int x[1];}) goescape says instead "kept on heap ... freed by
// 'fr(R*)', which belongs to another allocation family", as it should.
//
//   clang++-22 -O2 -std=c++17 own-operator-delete-dropped.cpp -o p && ./p
//     1 news 1 dels 1                                     (expected)
//   clang++-22 -O2 -std=c++17 -fpass-plugin=/tmp/ge-new1/GoEscape.so -Rpass=goescape \
//       own-operator-delete-dropped.cpp -o g && ./g
//     remark: malloc(32) moved to stack (inlined from operator new at ...)
//     1 news 1 dels 0                                     (actual)
#include <cstdio>
#include <cstdlib>
#include <new>
static unsigned long g_news, g_dels;
void *operator new(std::size_t n) {
  ++g_news;
  unsigned long *p = static_cast<unsigned long *>(std::malloc(n + 16));
  if (!p) throw std::bad_alloc();
  p[0] = 0x1234; p[1] = n;
  return p + 2;
}
void operator delete(void *q) noexcept {
  if (!q) return;
  unsigned long *p = static_cast<unsigned long *>(q) - 2;
  if (p[0] != 0x1234) { std::fputs("bad delete\n", stderr); std::abort(); }
  p[0] = 0; ++g_dels;
  std::free(p);
}
void operator delete(void *q, std::size_t n) noexcept {
  if (q && static_cast<unsigned long *>(q)[-1] != n) { std::fputs("bad size\n", stderr); std::abort(); }
  ::operator delete(q);
}
struct B { virtual ~B() {} };
struct R { long a = 1; B *one = nullptr; ~R() { delete one; } };
__attribute__((noinline)) static long rd(const R *r) { return r->a; }
__attribute__((noinline)) static void fr(R *r) { delete r; }
int main(int argc, char **) {
  R *r = new R;
  r->a = argc;
  long h = rd(r);
  fr(r);
  std::printf("%ld news %lu dels %lu\n", h, g_news, g_dels);
}
