/* Hand-written twin of descriptor.c: format_record's descriptor and its
 * 48-byte buffer are locals (`char data[CAP]; struct buf b = {data, 0};`)
 * instead of two mallocs (each NULL-checked) and two frees. fill, checksum,
 * the records and the output are descriptor.c's.
 * usage: descriptor_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 5000000u
#define CAP 48

struct buf {
  char *data;
  size_t len;
};

/* Formats record v into b's buffer and records its length. */
NOINLINE static void fill(struct buf *b, unsigned v) {
  snprintf(b->data, CAP, "id=%u;kind=%c;w=%u", v, "ABCDEFGH"[v & 7], (v >> 3) % 1000);
  b->len = strlen(b->data);
}

/* Reads the descriptor and its buffer; keeps no pointer to either. */
NOINLINE static uint32_t checksum(const struct buf *b) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < b->len; i++)
    h = (h ^ (unsigned char)b->data[i]) * 16777619u;
  return h ^ (uint32_t)b->len;
}

NOINLINE static uint32_t format_record(unsigned v) {
  char data[CAP];
  struct buf b = {data, 0};
  fill(&b, v);
  return checksum(&b);
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  uint64_t sum = (uint64_t)argc;
  for (unsigned i = 0; i < n; i++)
    sum = sum * 31 + format_record(i * 2654435761u);
  printf("descriptor: %u records, checksum %016llx\n", n, (unsigned long long)sum);
  return 0;
}
