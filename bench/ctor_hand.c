/* Hand-written twin of ctor.c: the record is a local of the loop body, and
 * conn_init (conn_new without the malloc, its NULL check and its return)
 * fills the caller's record; no free. score, the values and the output are
 * ctor.c's.
 * usage: ctor_hand [divisor]   (makes ITERS/divisor records) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 10000000u

struct conn {
  uint32_t id;
  uint16_t port;
  uint16_t flags;
  char peer[24];
  uint64_t window[4];
};

NOINLINE void conn_init(struct conn *c, uint32_t id, uint16_t port) {
  c->id = id;
  c->port = port;
  c->flags = (uint16_t)(id & 7);
  for (int i = 0; i < 23; i++)
    c->peer[i] = (char)('a' + (id + (uint32_t)i * 7) % 26);
  c->peer[23] = 0;
  for (int i = 0; i < 4; i++)
    c->window[i] = (uint64_t)id << i;
}

/* Reads the record; keeps no pointer into it. */
NOINLINE static uint64_t score(const struct conn *c) {
  uint64_t h = c->id * 31u + c->port + c->flags;
  for (int i = 0; i < 23; i += 4)
    h = h * 131 + (unsigned char)c->peer[i];
  for (int i = 0; i < 4; i++)
    h ^= c->window[i] >> i;
  return h;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  uint64_t check = (uint64_t)argc;
  for (unsigned i = 0; i < n; i++) {
    struct conn c;
    conn_init(&c, i * 2654435761u, (uint16_t)(i % 50000));
    check = check * 31 + score(&c);
  }
  printf("ctor: %u records, checksum %016llx\n", n, (unsigned long long)check);
  return 0;
}
