/* Hand-written twin of request.c: the per-request struct is a local
 * (`struct request r;` in serve) instead of malloc + NULL check + free.
 * Everything else (parser, handler, checksum, output) is request.c's.
 * usage: request_hand [divisor]   (runs ITERS/divisor requests) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 12000000u

struct request {
  int method;
  int status;
  uint32_t id;
  uint32_t content_length;
  char path[64];
  char host[32];
  uint32_t header_hash[8];
};

static uint64_t rng_state;
static inline uint32_t rnd(void) {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(rng_state >> 33);
}

NOINLINE static void parse_request(struct request *r, uint32_t id) {
  r->id = id;
  r->method = (int)(rnd() % 4);
  r->status = 0;
  r->content_length = rnd() % 4096;
  int n = 4 + (int)(rnd() % 24);
  r->path[0] = '/';
  for (int i = 1; i < n; i++)
    r->path[i] = (char)('a' + rnd() % 26);
  r->path[n] = 0;
  memcpy(r->host, "example.org", 12);
  for (int i = 0; i < 8; i++)
    r->header_hash[i] = rnd();
}

NOINLINE static uint32_t handle_request(const struct request *r) {
  uint32_t h = 2166136261u;
  for (const char *p = r->path; *p; p++)
    h = (h ^ (unsigned char)*p) * 16777619u;
  for (int i = 0; i < 8; i++)
    h ^= r->header_hash[i] >> (i & 3);
  return h ^ (uint32_t)r->method ^ r->content_length ^ r->id;
}

NOINLINE static uint32_t serve(uint32_t id) {
  struct request r;
  parse_request(&r, id);
  return handle_request(&r);
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  rng_state = (uint64_t)argc * 0x9e3779b97f4a7c15ULL;
  uint64_t sum = 0;
  for (unsigned i = 0; i < n; i++)
    sum = sum * 31 + serve(i);
  printf("request: %u requests, checksum %016llx\n", n, (unsigned long long)sum);
  return 0;
}
