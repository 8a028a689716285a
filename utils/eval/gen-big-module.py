#!/usr/bin/env python3
"""gen-big-module: a large C translation unit with N allocation-heavy functions.

    python3 utils/eval/gen-big-module.py 10000 > big10k.c
    python3 utils/eval/gen-big-module.py 10000 --seed 3 -o big10k.c

Used by utils/eval/compile-time.py to check that goescape's time grows linearly
with module size. Deterministic for a given N and seed. Each function is one
of a realistic mix of shapes (weights in KINDS):

  scratch     constant-size buffer, filled and summed, freed       (promotable)
  loopbuf     per-iteration struct in a loop, passed to a helper   (promotable)
  pair        two objects, one pointing at the other, both freed   (promotable)
  ret         allocates and returns a node                          (escapes)
  list        builds a linked list in a loop, then frees it        (kept: loop)
  global      stores an object into a global                        (escapes)
  varsize     calloc of a parameter-dependent size                  (kept: size)
  extern      passes an object to an unknown external function     (escapes)
  strdup      duplicates a string literal, measures it, frees it   (promotable
                                                                     or kept)
  cond        frees one of two objects chosen by a select           (kept)

and calls one to three earlier functions (so the call graph is a DAG with
long chains), with about one function in 200 closing a small cycle of
mutual recursion through a forward declaration, and one in 50 taking a
function's address into a global table (which, with the module's indirect
calls, makes those functions "may recurse").
"""

import argparse
import random
import sys

KINDS = [("scratch", 14), ("loopbuf", 12), ("pair", 10), ("ret", 12),
         ("list", 8), ("global", 6), ("varsize", 8), ("extern", 10),
         ("strdup", 6), ("cond", 6), ("plain", 8)]

PRELUDE = """\
#include <stdlib.h>
#include <string.h>

struct pt { long x, y; };
struct node { struct node *next; long v; };
struct pair { struct pt *a; long w[6]; };

extern void consume(void *);
extern long observe(const void *, unsigned long) __attribute__((pure));
void *g_last;
long g_sink;
typedef long (*fn_t)(long);
fn_t g_table[64];

__attribute__((noinline)) static long use_pt(const struct pt *p) {
  return p->x * 3 + p->y;
}

long dispatch(long i, long x) { return g_table[i & 63] ? g_table[i & 63](x) : x; }
"""


def callees(rng, i, declared):
    if i == 0:
        return []
    out = []
    for _ in range(rng.randint(1, 3)):
        # Mostly near neighbours (helpers are usually defined nearby), some far.
        j = i - 1 - min(int(rng.expovariate(1 / 8)), i - 1) \
            if rng.random() < 0.8 else rng.randrange(i)
        out.append(j)
    if declared is not None:
        out.append(declared)
    return out


def body(rng, i, kind):
    n = rng.choice([4, 8, 16, 32, 64])
    b = []
    if kind == "scratch":
        b += [f"  long *buf = malloc({n} * sizeof(long));",
              f"  for (int k = 0; k < {n}; k++) buf[k] = x + k;",
              f"  for (int k = 0; k < {n}; k++) acc += buf[k] ^ k;",
              "  free(buf);"]
    elif kind == "loopbuf":
        b += [f"  for (long k = 0; k < (x & 15) + 1; k++) {{",
              "    struct pt *p = malloc(sizeof *p);",
              "    p->x = k; p->y = acc;",
              "    acc += use_pt(p);",
              "    free(p);",
              "  }"]
    elif kind == "pair":
        b += ["  struct pair *q = malloc(sizeof *q);",
              "  q->a = malloc(sizeof *q->a);",
              "  q->a->x = x; q->a->y = x + 1;",
              f"  for (int k = 0; k < 6; k++) q->w[k] = k * x;",
              "  acc += use_pt(q->a) + q->w[x & 3];",
              "  free(q->a);",
              "  free(q);"]
    elif kind == "ret":
        b += ["  struct node *nd = malloc(sizeof *nd);",
              "  nd->next = 0; nd->v = x;",
              "  consume(nd);",
              "  acc += x;"]
    elif kind == "list":
        b += ["  struct node *head = 0;",
              f"  for (long k = 0; k < (x & 31); k++) {{",
              "    struct node *nd = malloc(sizeof *nd);",
              "    nd->v = k; nd->next = head; head = nd;",
              "  }",
              "  while (head) { struct node *nx = head->next; acc += head->v;"
              " free(head); head = nx; }"]
    elif kind == "global":
        b += [f"  char *s = malloc({n});",
              f"  memset(s, (int)x, {n});",
              "  g_last = s;",
              "  acc += s[0];"]
    elif kind == "varsize":
        b += ["  long *v = calloc((unsigned long)(x & 255) + 1, sizeof(long));",
              "  v[0] = x;",
              "  acc += observe(v, sizeof(long));",
              "  free(v);"]
    elif kind == "extern":
        b += [f"  struct pt *e = malloc(sizeof *e);",
              "  e->x = x; e->y = acc;",
              "  consume(e);"]
    elif kind == "strdup":
        b += [f"  char *d = strdup(\"name-{i}\");",
              "  acc += (long)strlen(d);",
              "  free(d);"]
    elif kind == "cond":
        b += ["  struct pt *a = malloc(sizeof *a), *c = malloc(sizeof *c);",
              "  a->x = x; c->x = -x; a->y = c->y = 0;",
              "  struct pt *w = (x & 1) ? a : c;",
              "  acc += use_pt(a) + use_pt(c);",
              "  free(w);",
              "  free((x & 1) ? c : a);"]
    else:
        b += ["  acc += x * 7 - (x >> 2);"]
    return b


def generate(n, seed, out):
    rng = random.Random(seed)
    names = [k for k, w in KINDS for _ in range(w)]
    out.write(PRELUDE)
    back = {}                 # later function -> earlier one it calls back
    for i in range(n):
        kind = rng.choice(names)
        declared = None
        if rng.random() < 0.005 and i + 3 < n and not back:
            # call a later function through a forward declaration; the later
            # one calls back: a cycle of mutual recursion.
            declared = i + rng.randint(1, 3)
            back[declared] = i
            out.write(f"long f{declared}(long);\n")
        static = ("static " if rng.random() < 0.3 and declared is None
                  and i not in back else "")
        out.write(f"{static}long f{i}(long x) {{\n  long acc = x;\n")
        for line in body(rng, i, kind):
            out.write(line + "\n")
        if i in back:
            out.write(f"  if (x > 3) acc += f{back.pop(i)}(x - 3);\n")
        for j in callees(rng, i, declared):
            if j == declared:
                out.write(f"  if (x > 1) acc += f{j}(x - 2);\n")
            else:
                out.write(f"  acc += f{j}(acc & 1023);\n")
        if rng.random() < 0.02:
            out.write(f"  g_table[{i % 64}] = f{i};\n"
                      "  acc += dispatch(acc, x);\n")
        out.write("  return acc;\n}\n")
    # keep static functions alive through one exported entry point
    out.write("long entry(long x) {\n  long s = 0;\n")
    for i in range(0, n, max(1, n // 64)):
        out.write(f"  s += f{i}(x + {i});\n")
    out.write("  return s;\n}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of functions")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output")
    a = ap.parse_args()
    if a.output:
        with open(a.output, "w") as f:
            generate(a.n, a.seed, f)
    else:
        generate(a.n, a.seed, sys.stdout)


if __name__ == "__main__":
    main()
