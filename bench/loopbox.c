/* goescape benchmark: a loop-scoped struct holding a malloc'd buffer.
 * Each batch decodes 16 messages; every iteration of its loop declares a
 * struct box { buf, n } in the loop body, gives it a malloc'd 48-byte
 * buffer, copies and unmasks the message's payload into it, passes the
 * box by address to a noinline digest that only reads it, and frees the
 * buffer at the end of the body: no box or buffer outlives its iteration.
 * usage: loopbox [divisor]   (decodes BATCHES/divisor batches) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define BATCHES 1500000u
#define PER_BATCH 16
#define CAP 48

struct box {
  unsigned char *buf;
  size_t n;
};

static const char payload[] =
    "GET /index.html HTTP/1.1\r\nHost: example.org\r\nAccept: */*\r\n"
    "User-Agent: goescape-bench/1.0\r\nConnection: keep-alive\r\n\r\n";

/* Reads the box and its buffer; keeps no pointer to either. */
NOINLINE static uint32_t digest(const struct box *b) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < b->n; i++)
    h = (h ^ b->buf[i]) * 16777619u;
  return h + (uint32_t)b->n;
}

NOINLINE static uint32_t decode_batch(unsigned seed) {
  uint32_t h = 0;
  for (int i = 0; i < PER_BATCH; i++) {
    unsigned m = seed + (unsigned)i * 2654435761u;
    struct box b;
    b.n = 8 + (m >> 7) % (CAP - 8 + 1);
    b.buf = malloc(CAP);
    if (!b.buf)
      abort();
    size_t off = (m >> 13) % (sizeof payload - CAP);
    unsigned char key = (unsigned char)(m >> 24);
    memcpy(b.buf, payload + off, b.n);
    for (size_t k = 0; k < b.n; k++)
      b.buf[k] ^= key;
    h = h * 31 + digest(&b);
    free(b.buf);
  }
  return h;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = BATCHES / (div ? div : 1);
  uint64_t sum = (uint64_t)argc;
  for (unsigned i = 0; i < n; i++)
    sum = sum * 31 + decode_batch(i * 40503u);
  printf("loopbox: %u batches of %d messages, checksum %016llx\n", n, PER_BATCH,
         (unsigned long long)sum);
  return 0;
}
