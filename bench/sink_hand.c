/* Hand-written twin of sink.c: both record objects are locals, the single
 * record (`struct record r;`) and the batch (`struct record rs[BATCH];`),
 * instead of malloc + free. Everything else (fill, the noinline consumers,
 * the totals, the output) is sink.c's.
 * usage: sink_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 12000000u
#define BATCH 16

struct record {
  uint64_t key;
  int32_t kind;
  int32_t n;
  double v[8];
  char tag[24];
};

static uint64_t rng_state;
static inline uint32_t rnd(void) {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(rng_state >> 33);
}

static double acc_sum;
static uint64_t acc_keys;
static unsigned acc_kinds[8];

/* Reads the record and updates the sink's totals; keeps no pointer. */
NOINLINE static void consume(const struct record *r) {
  double s = 0;
  for (int i = 0; i < r->n; i++)
    s += r->v[i];
  acc_sum += s;
  acc_keys ^= r->key + (unsigned char)r->tag[r->kind & 7];
  acc_kinds[r->kind & 7]++;
}

NOINLINE static void consume_batch(const struct record *rs, int n) {
  for (int i = 0; i < n; i++)
    consume(&rs[i]);
}

static inline void fill(struct record *r, uint64_t key) {
  r->key = key;
  r->kind = (int32_t)(rnd() & 15);
  r->n = 1 + (int32_t)(rnd() % 8);
  for (int i = 0; i < 8; i++)
    r->v[i] = (double)(rnd() & 1023) * 0.25;
  memcpy(r->tag, "record-tag-0123456789abc", 24);
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  rng_state = (uint64_t)argc * 0x9e3779b97f4a7c15ULL;
  /* One record at a time. */
  for (unsigned i = 0; i < n; i++) {
    struct record r;
    fill(&r, i);
    consume(&r);
  }
  /* Small batches: one local array of BATCH records per batch. */
  for (unsigned i = 0; i < n / BATCH; i++) {
    struct record rs[BATCH];
    for (int j = 0; j < BATCH; j++)
      fill(&rs[j], (uint64_t)i * BATCH + (unsigned)j);
    consume_batch(rs, BATCH);
  }
  unsigned kinds = 0;
  for (int i = 0; i < 8; i++)
    kinds = kinds * 131 + acc_kinds[i];
  printf("sink: %u records, sum %.2f keys %016llx kinds %08x\n", n, acc_sum,
         (unsigned long long)acc_keys, kinds);
  return 0;
}
