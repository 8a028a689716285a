/* Hand-written twin of xmalloc.c: each item (`struct item it;`) and its
 * eight scores (`uint32_t scores[8] = {0};`, zeroed as xcalloc zeroes them)
 * are locals of the loop body, instead of xmalloc / xcalloc and xfree. With
 * nothing left to allocate, the wrappers are gone. process, the fill and
 * the output are xmalloc.c's.
 * usage: xmalloc_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 24000000u

struct item {
  uint32_t id;
  uint32_t flags;
  double weight;
  char name[40];
};

NOINLINE static double process(const struct item *it, const uint32_t *scores) {
  double w = it->weight;
  for (int i = 0; i < 8; i++)
    w += scores[i] * 0.5;
  return w + (double)(it->flags & 7) + (unsigned char)it->name[it->id % 16];
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  uint64_t st = (uint64_t)argc * 0x9e3779b97f4a7c15ULL;
  double total = 0;
  for (unsigned i = 0; i < n; i++) {
    struct item it;
    uint32_t scores[8] = {0};
    st = st * 6364136223846793005ULL + 1442695040888963407ULL;
    it.id = i;
    it.flags = (uint32_t)(st >> 40);
    it.weight = (double)((st >> 20) & 255);
    memcpy(it.name, "item-name-abcdefghijklmnop", 27);
    for (int k = 0; k < (int)(i & 7); k++)
      scores[k] = (uint32_t)(st >> (k * 4)) & 15;
    total += process(&it, scores);
  }
  printf("xmalloc: %u items, total %.1f\n", n, total);
  return 0;
}
