/* Hand-written twin of negative.c, the negative control: identical in
 * allocation behaviour, and in fact the same code. Every object outlives the
 * frame that made it (returned by make_obj, kept in the global ring and in
 * `last`, freed when a later call overwrites its slot), so nothing can move
 * to the stack: a good C programmer writes this with malloc too. The twin
 * exists so that goescape / hand is 1.000 here, as goescape / plain is.
 * usage: negative_hand [divisor] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NOINLINE __attribute__((noinline))
#define ITERS 30000000u
#define RING 64

struct obj {
  uint64_t key;
  uint32_t a, b;
  struct obj *prev;
  uint32_t *extra; /* stored into an escaping object: escapes too */
};

static struct obj *ring[RING];
static struct obj *last;

NOINLINE static struct obj *make_obj(uint64_t key) {
  struct obj *o = malloc(sizeof *o);
  if (!o)
    abort();
  o->key = key;
  o->a = (uint32_t)(key * 2654435761u);
  o->b = (uint32_t)(key >> 7);
  o->prev = NULL;
  o->extra = NULL;
  return o;
}

NOINLINE static void remember(uint64_t key) {
  struct obj *o = make_obj(key);
  o->extra = malloc(8 * sizeof *o->extra);
  if (!o->extra)
    abort();
  for (int i = 0; i < 8; i++)
    o->extra[i] = (uint32_t)key + (uint32_t)i;
  o->prev = last; /* the previous object is still reachable through it */
  last = o;
  unsigned slot = (unsigned)(key % RING);
  if (ring[slot]) {
    /* Only the link itself: the object it names may be gone already. */
    if (ring[slot]->prev)
      ring[slot]->a ^= 1;
    free(ring[slot]->extra);
    free(ring[slot]);
  }
  ring[slot] = o;
}

NOINLINE static uint64_t scan(void) {
  uint64_t s = 0;
  for (unsigned i = 0; i < RING; i++)
    if (ring[i])
      s += (ring[i]->a ^ ring[i]->b) + ring[i]->extra[ring[i]->key & 7];
  return s;
}

int main(int argc, char **argv) {
  unsigned div = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
  unsigned n = ITERS / (div ? div : 1);
  uint64_t sum = (uint64_t)argc;
  for (unsigned i = 0; i < n; i++) {
    remember((uint64_t)i * 11 + (sum & 3));
    if ((i & 1023) == 0)
      sum = sum * 31 + scan();
  }
  sum = sum * 31 + scan();
  printf("negative: %u objects, checksum %016llx\n", n, (unsigned long long)sum);
  return 0;
}
