// A C++ factory that is not inlined: make_shape news a Shape, whose
// constructor may throw (for a negative side) after operator new; new's
// own cleanup deletes the object then, and the caller catches. Callers read
// the shape and delete it. The call goes to a copy of make_shape that
// builds the Shape in the caller's slot; the throwing path must still run
// the caller's handler, and (under ASan) no delete of a stack address may
// happen.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#define NOINLINE __attribute__((noinline))

struct Shape {
  int w, h;
  long area;
  Shape(int W, int H) : w(W), h(H), area(long(W) * H) {
    if (W < 0)
      throw std::invalid_argument("negative width");
  }
};

NOINLINE Shape *make_shape(int w, int h) { return new Shape(w, h); }

NOINLINE long measure(const Shape *s) { return s->area + s->w - s->h; }

int main(int argc, char **argv) {
  (void)argv;
  long total = 0;
  int thrown = 0;
  for (int i = -3; i < 3000; i++) {
    try {
      Shape *s = make_shape(i % 97 - (i < 0 ? 10 : 0), argc + i % 7);
      total += measure(s);
      delete s;
    } catch (const std::invalid_argument &) {
      ++thrown;
    }
  }
  std::printf("%ld %d\n", total, thrown);
  return 0;
}
