/* Hand-written twin of strbuild.c: the 64-byte key and the 128-byte path
 * are local arrays (`char k[64]`, `char p[128]`) instead of malloc + free.
 * Everything else (snprintf, the appends, the hash, the output) is
 * strbuild.c's.
 * usage: strbuild_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 4500000u

static const char *names[] = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};

NOINLINE static uint32_t hash_str(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

NOINLINE static uint32_t key_for(unsigned id, int val) {
  char k[64];
  snprintf(k, 64, "user-%u:%s", id, names[id & 7]);
  uint32_t h = hash_str(k) ^ (uint32_t)val;
  return h;
}

NOINLINE static uint32_t path_for(unsigned id, unsigned ver) {
  char p[128];
  size_t n = 0;
  p[0] = 0;
  /* Built piece by piece, the way a path or URL builder appends. */
  memcpy(p + n, "/api/v", 6), n += 6;
  p[n++] = (char)('0' + ver % 10);
  memcpy(p + n, "/items/", 7), n += 7;
  do
    p[n++] = (char)('0' + id % 10);
  while ((id /= 10) != 0);
  p[n] = 0;
  uint32_t h = hash_str(p) + (uint32_t)n;
  return h;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  uint64_t sum = (uint64_t)argc;
  for (unsigned i = 0; i < n; i++) {
    sum = sum * 1000003u + key_for(i, (int)(sum & 0xff));
    sum = sum * 1000003u + path_for(i * 7u, i);
  }
  printf("strbuild: %u strings, checksum %016llx\n", 2 * n, (unsigned long long)sum);
  return 0;
}
