/* Hand-written twin of histogram.c: analyze's 256-entry table is a local
 * array, zeroed by its initializer (`unsigned hist[256] = {0};`), instead of
 * calloc + free. Everything else is histogram.c's.
 * usage: histogram_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 1800000u
#define CHUNK 256
#define DATA (1u << 16)

static unsigned char data[DATA];

/* Reads the table: number of distinct bytes, most frequent byte, and a mix. */
NOINLINE static uint32_t summarize(const unsigned *hist) {
  unsigned distinct = 0, best = 0, besti = 0;
  uint32_t mix = 0;
  for (unsigned i = 0; i < 256; i++) {
    distinct += hist[i] != 0;
    if (hist[i] > best)
      best = hist[i], besti = i;
    mix = mix * 33 + hist[i];
  }
  return (distinct << 16) ^ (best << 8) ^ besti ^ mix;
}

NOINLINE static uint32_t analyze(const unsigned char *p, size_t n) {
  unsigned hist[256] = {0};
  for (size_t i = 0; i < n; i++)
    hist[p[i]]++;
  uint32_t s = summarize(hist);
  return s;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  uint64_t st = (uint64_t)argc * 0x9e3779b97f4a7c15ULL;
  for (unsigned i = 0; i < DATA; i++) {
    st = st * 6364136223846793005ULL + 1442695040888963407ULL;
    /* Skewed: mostly a few small values, like text or sensor data. */
    unsigned r = (unsigned)(st >> 33);
    data[i] = (unsigned char)((r & 3) ? (r >> 8) % 24 : (r >> 8));
  }
  uint64_t sum = 0;
  for (unsigned i = 0; i < n; i++) {
    size_t off = ((size_t)i * 97 * CHUNK) % (DATA - CHUNK);
    sum = sum * 31 + analyze(data + off, CHUNK);
  }
  printf("histogram: %u chunks, checksum %016llx\n", n, (unsigned long long)sum);
  return 0;
}
