/* The shapes of escape analysis, one function each. Build with the plugin and
 * ask for its verdicts:
 *   clang-22 -O2 -fpass-plugin=build/lib/GoEscape.so \
 *            -Rpass=goescape -Rpass-missed=goescape -c examples/shapes.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct point { long x, y; };

static long get(const struct point *p, int which) { return which ? p->y : p->x; }

/* Filled, read by a helper, freed: moves to the stack (and then into
 * registers). */
long choose(long x, long y, int c) {
  struct point *p = malloc(sizeof *p);
  if (!p)
    abort();
  p->x = x;
  p->y = y;
  long r = get(p, c);
  free(p);
  return r;
}

/* Returned to the caller: it must outlive this frame. */
struct point *make_point(long x, long y) {
  struct point *p = malloc(sizeof *p);
  if (p) {
    p->x = x;
    p->y = y;
  }
  return p;
}

/* Stored in a global: anyone may read it later. */
struct point *last_point;
void remember(long x) {
  struct point *p = malloc(sizeof *p);
  if (!p)
    abort();
  p->x = p->y = x;
  last_point = p;
}

/* A scratch buffer per iteration: one stack slot serves them all. */
size_t total_length(char **words, int n) {
  size_t total = 0;
  for (int i = 0; i < n; i++) {
    char *buf = malloc(256);
    if (!buf)
      abort();
    snprintf(buf, 256, "<%s>", words[i]);
    total += strlen(buf);
    free(buf);
  }
  return total;
}

/* A list built in a loop: nodes outlive the next; 2 slots hold the first 2. */
struct node { struct node *next; int v; };
int list_sum(int n) {
  struct node *head = NULL;
  for (int i = 0; i < n; i++) {
    struct node *nd = malloc(sizeof *nd);
    if (!nd)
      abort();
    nd->v = i;
    nd->next = head;
    head = nd;
  }
  int s = 0;
  while (head) {
    struct node *next = head->next;
    s += head->v;
    free(head);
    head = next;
  }
  return s;
}

/* The size is only known at run time. */
int sum_n(int n) {
  int *v = calloc(n, sizeof *v);
  if (!v)
    abort();
  int s = 0;
  for (int i = 0; i < n; i++)
    s += v[i] + i;
  free(v);
  return s;
}

/* Freed by someone else: the stack cannot be freed. */
__attribute__((noinline)) void consume(void *p) { free(p); }
void hand_off(void) {
  char *p = malloc(32);
  if (!p)
    abort();
  memset(p, 0, 32);
  consume(p);
}

int main(int argc, char **argv) {
  struct point *p = make_point(argc, 2);
  remember(argc);
  hand_off();
  printf("%ld %ld %zu %d %d %ld\n", choose(argc, 7, argc > 1), p->y,
         total_length(argv, argc), list_sum(argc * 10), sum_n(argc * 4),
         last_point->x);
  free(p);
  return 0;
}
