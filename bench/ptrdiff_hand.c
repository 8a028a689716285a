/* Hand-written twin of ptrdiff.c: scan_line's 64-byte scratch buffer is a
 * local array, `_Alignas(16) char buf[CAP]`, instead of a malloc
 * (NULL-checked) and a free; _Alignas(16) gives it malloc's alignment, so
 * the alignment test counts every buffer, as in ptrdiff.c. The table, the
 * scan and the output are ptrdiff.c's.
 * usage: ptrdiff_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define LINES 15000000u
#define CAP 64

static const char *const table[] = {
    "GET /index.html HTTP/1.1",
    "Host example.org",
    "The Quick Brown Fox Jumps Over The Lazy Dog",
    "  leading and   repeated  spaces ",
    "x",
    "Content-Length 1024",
    "one two three four five six seven eight nine ten",
    "SCREAMING_SNAKE_CASE mixedCase PascalCase",
    "",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "internationalization localization",
    "ACCEPT text/html application/xhtml+xml",
};
#define NTABLE (sizeof table / sizeof table[0])

/* Hashes line's tokens (lower-cased, with their lengths); counts in
 * *aligned the scratch buffers that were 16-byte aligned. Lines are
 * shorter than CAP. */
NOINLINE static uint32_t scan_line(const char *line, unsigned *aligned) {
  _Alignas(16) char buf[CAP];
  memcpy(buf, line, strlen(line) + 1);
  if ((uintptr_t)buf % 16 == 0)
    ++*aligned;
  uint32_t h = 0;
  char *p = buf;
  while (*p) {
    while (*p == ' ')
      p++;
    char *start = p;
    while (*p && *p != ' ') {
      if (*p >= 'A' && *p <= 'Z')
        *p += 'a' - 'A';
      h = h * 31 + (unsigned char)*p;
      p++;
    }
    size_t len = (size_t)(p - start);
    if (len)
      h = h * 131 + (uint32_t)len;
  }
  return h;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = LINES / (div ? div : 1);
  uint64_t sum = (uint64_t)argc;
  unsigned aligned = 0;
  for (unsigned i = 0; i < n; i++)
    sum = sum * 31 + scan_line(table[i % NTABLE], &aligned);
  printf("ptrdiff: %u lines, %u scratch buffers 16-byte aligned, checksum %016llx\n", n,
         aligned, (unsigned long long)sum);
  return 0;
}
