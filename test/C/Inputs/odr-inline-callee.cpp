// A class whose members are inline (linkonce_odr) and not inlined: the
// buffer each call makes is read and summed through them, and freed.
#include <cstdio>
#include <cstdlib>
#include <cstring>

struct Reader {
  __attribute__((noinline)) long sum(const unsigned char *p, int n) const {
    long s = 0;
    for (int i = 0; i < n; i++)
      s = s * 7 + p[i];
    return s;
  }
};

int main(int argc, char **) {
  Reader r;
  long total = 0;
  for (int i = 0; i < 1000; i++) {
    unsigned char *b = static_cast<unsigned char *>(std::malloc(48));
    if (!b)
      return 2;
    std::memset(b, i + argc, 48);
    total += r.sum(b, 48);
    std::free(b);
  }
  std::printf("%ld\n", total);
  return 0;
}
