#!/usr/bin/env python3
"""cfuzz: random differential C fuzzer for goescape.

Generates random, allocation-heavy, UB-free C programs with deterministic
output (checksums of data, never pointer values) and builds each one the four
ways of rtcheck.py (plain -O2, plain+ASan, plugin, plugin+ASan with
detect_stack_use_after_return=1), judged as rtcheck judges them (harness.py
builds and runs them).

A program is made of blocks. Each block builds a data structure with one of
several builders:

  nest     nested structs of pointers (node -> inner -> int buffer, strings)
  ptrarr   arrays of pointers copied by memcpy/memmove with run-time lengths
           and offsets at both ends, then overlapping memmoves
  helpers  helper functions (noinline / inlinable) that read, keep (store to
           a global), store into another parameter, free or return params
  loop     loops that carry objects across iterations (lists, double
           buffers, slots written by memcpy) or reuse scratch buffers
  rec      direct and mutual recursion of bounded depth
  allocs   calloc/malloc/aligned_alloc/posix_memalign/strdup
  intrt    uintptr_t round trips, pointer halves rebuilt in a callee, unions,
           {void*, u32, u32} loads over memory holding pointers
  walk     a tree read by a recursive walk, with interior pointers read as
           integers
  libcnames  the program's own strdup/strndup/calloc/aligned_alloc/
           posix_memalign/strlen/strnlen (static or extern, noinline or
           not), static free and malloc, static or external over glibc's
           __libc_malloc: counting, from a pool, upper-casing, filling; the
           block reads what only its own functions would have done, and
           calls strdup/strndup of run-time strings and grows calloc
           objects by realloc. A program with an external malloc gets no
           ASan builds (the ASan runtime's malloc would clash)
  aligned  aligned_alloc/posix_memalign with alignments 32..4096 along
           deep chains of helpers (the program then runs under a small
           ulimit stack), on small thread stacks, in recursion, several in
           a frame; each object's alignment tested and hashed
  macro    several allocations at one position (a macro allocating two or
           three times, two calls on one line, an inlined helper) with
           different fates: freed there, kept in a global or the root
  realloc  objects grown by libc realloc in their own function (goescape
           starts them in a 64-byte stack slot): int arrays doubled, string
           builders (strcat/memcpy), shrink and regrow, realloc(p, 0), huge
           reallocs that must fail (old object read after), realloc(NULL),
           growth in loops, helpers returning the object on some paths;
           sizes from rt() and data on both sides of 64; malloc, calloc,
           realloc(NULL) and strdup starts; contents hashed
  thread   pthreads with small stacks (scratch buffers, results via the arg)
  ctor     constructors that are not inlined (exit, NULL or free on failure,
           calloc, aligned_alloc, a caller's pointer stored in the object)
           and look-alikes that keep the object, point it at itself,
           return a global on a path, allocate in a loop or free the object
           they are given; their results read and freed, kept, carried
           across iterations, linked

and hands its root pointer from a producer function to a consumer through a
channel (none, return, out-parameter, global, keep helper, memcpy with a
run-time length, byte copies, integer casts, pointer halves, mixed unions),
so that an object the pass wrongly moves to the producer's stack is read
after that frame is gone. Run-time values come from argc through a noinline
rt() so the compiler cannot fold lengths.

Verdicts per program:
  pass      the plugin builds agree with plain -O2 (stdout, exit code) and
            no sanitizer report
  fail      they do not (or a plugin build does not compile)
  reject    the plain builds themselves disagree, fail or time out: a
            generator bug, counted and printed apart, never a goescape failure

  cfuzz.py --plugin build/lib/GoEscape.so --count 500 --seed 1 --jobs 2
  cfuzz.py --seed 1 --emit 17 > p17.c        # the source of program 17
  cfuzz.py --builders libcnames,nest=1 ...   # only those builders (weights)

A program whose first line says "run with ulimit -s N" is run (every build)
with RLIMIT_STACK = N KiB.

The closing lines are `cfuzz: N passed, M failed` and
`cfuzz: K generator rejects, P of S allocation sites moved to stack (R%)`.
Exit status 1 if any program failed (or was rejected with --strict).
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import os
import random
import shlex
import shutil
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import rtcheck  # noqa: E402

FREEW = (2, 3, 2, 3)  # freers: mostly inlinable, so their frees go away
INT_TYPES = ["int", "long", "unsigned char", "short", "unsigned", "unsigned long"]

PRELUDE = r"""/* generated by goescape scripts/cfuzz.py, seed %(seed)d, program %(index)d */
#define _GNU_SOURCE
%(hide)s#include <stdint.h>
#include <strings.h>
#include <wchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
%(pthread)s%(unhide)s
#define NOINLINE __attribute__((noinline))
#define ALWAYS static inline __attribute__((always_inline))
int g_one; /* argc: 1 at run time, unknown to the compiler */
void *g_keep[%(nkeep)d];
uintptr_t g_u[%(nkeep)d];
char g_dummy[16];
typedef unsigned long v2u64 __attribute__((vector_size(16)));
NOINLINE unsigned rt(unsigned v) { return v * (unsigned)g_one; }
static inline unsigned long H(unsigned long h, unsigned long v) {
  return (h ^ v) * 1099511628211UL + 0x9e37UL;
}
%(libc)s"""


class Prog:
    """One generated program: a list of blocks, each with its own names."""

    def __init__(self, rng, avoid=()):
        self.rng = rng
        self.avoid = set(avoid)
        self.nkeep = 0
        self.threads = False
        self.libc = None      # the C library names it defines (libc_plan)
        self.stack_kb = None  # run under ulimit -s stack_kb
        self.builders = None  # [(builder, weight)] to choose from
        self.huge = False     # reallocs to huge sizes that must fail (ASan: return NULL)
        self.no_asan = False  # defines malloc itself: ASan cannot run it
        self.realloc_strdup = False  # a b_realloc block grows strdup's objects

    def slot(self):
        self.nkeep += 1
        return self.nkeep - 1

    def attr(self, weights=(3, 2, 2, 1)):
        """A function attribute: noinline, inlinable static, plain static,
        always_inline."""
        return self.rng.choices(["NOINLINE static", "static inline", "static",
                                 "ALWAYS"], weights=weights)[0]

    def copylen(self, n, unit="sizeof(void *)"):
        """The length of a memcpy/memmove of n units: a run-time expression,
        or a constant when avoiding the known run-time-length bug."""
        if "rtcopy" in self.avoid:
            return "%d * %s" % (n, unit)
        return self.rng.choice(["%s * %s" % (rtexpr(self.rng, n), unit),
                                "rt(%d) * %s" % (n, unit)])

    def alloc(self, ty, count="1"):
        """malloc or calloc of count objects of type ty: a constant size, or
        now and then the same size computed at run time (goescape's small
        buffer with the heap as fallback; both paths, by size)."""
        if "rtsize" not in self.avoid and count.isdigit() and \
                self.rng.random() < 0.2:
            count = rtexpr(self.rng, int(count))
        if self.rng.random() < 0.3:
            return "calloc(%s, sizeof(%s))" % (count, ty)
        if count == "1":
            return "malloc(sizeof(%s))" % ty
        return "malloc(%s * sizeof(%s))" % (count, ty)


def lit_string(rng, n):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


def rtexpr(rng, v):
    """A run-time expression of value v (unsigned)."""
    return rng.choice(["rt(%d)" % v, "(rt(%d) + %du)" % (0, v), "(%du * rt(1))" % v])


# --------------------------------------------------------------------------
# Builders. Each returns a dict:
#   decls  types and helper functions
#   ty     the root type (a struct name)
#   build  statements that leave everything in `root` (a `ty *`)
#   read   name of `unsigned long read(ty *)`, free: `void free(ty *)`
# --------------------------------------------------------------------------

def b_nest(P, K):
    r = P.rng
    T = r.choice(INT_TYPES)
    N, Q, M, L = r.randint(1, 24), r.randint(1, 16), r.randint(1, 4), r.randint(1, 40)
    c1, c2 = r.randint(1, 9), r.randint(1, 9)
    d = []
    d.append("struct %s_in { %s a[%d]; int *p; int np; };" % (K, T, N))
    d.append("struct %s_node { int v; struct %s_in *in; struct %s_node *next; char *name; };"
             % (K, K, K))
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_node *n) {
  unsigned long h = 7;
  for (; n; n = n->next) {
    h = H(h, (unsigned long)n->v);
    for (int i = 0; i < %(N)d; i++) h = H(h, (unsigned long)n->in->a[i]);
    for (int i = 0; i < n->in->np; i++) h = H(h, (unsigned long)n->in->p[i]);
    for (const char *c = n->name; *c; c++) h = H(h, (unsigned char)*c);
  }
  return h;
}""" % dict(A=P.attr(), K=K, N=N))
    d.append("""%(A)s void %(K)s_free(struct %(K)s_node *n) {
  while (n) {
    struct %(K)s_node *nx = n->next;
    free(n->in->p);
    free(n->in);
    free(n->name);
    free(n);
    n = nx;
  }
}""" % dict(A=P.attr(FREEW), K=K))
    bump = r.random() < 0.4
    if bump:
        d.append("""%(A)s void %(K)s_bump(struct %(K)s_in *in, int by) {
  for (int i = 0; i < %(N)d; i++) in->a[i] = (%(T)s)(in->a[i] + by);
  if (in->np > 1) in->p[1] += by;
}""" % dict(A=P.attr(), K=K, N=N, T=T))
    s = []
    for m in reversed(range(M)):
        s.append("struct %s_in *i%d = %s;" % (K, m, P.alloc("struct %s_in" % K)))
        s.append("for (int i = 0; i < %d; i++) i%d->a[i] = (%s)((i * %d + %d) & 0x7f);"
                 % (N, m, T, c1, m))
        s.append("i%d->np = %d; i%d->p = %s;" % (m, Q, m, P.alloc("int", str(Q))))
        s.append("for (int i = 0; i < %d; i++) i%d->p[i] = i * %d + g_one;" % (Q, m, c2))
        s.append("struct %s_node *n%d = %s;" % (K, m, P.alloc("struct %s_node" % K)))
        s.append("n%d->v = %d + g_one; n%d->in = i%d; n%d->next = %s;"
                 % (m, m * 31, m, m, m, "n%d" % (m + 1) if m + 1 < M else "NULL"))
        lit = lit_string(r, L)
        if r.random() < 0.5:
            s.append('n%d->name = strdup("%s");' % (m, lit))
        else:
            s.append('n%d->name = malloc(%d); memcpy(n%d->name, "%s", %d);'
                     % (m, L + 1, m, lit, L + 1))
    if bump:
        s.append("%s_bump(n%d->in, %d);" % (K, r.randrange(M), r.randint(1, 5)))
    s.append("root = n0;")
    return dict(decls="\n".join(d), ty="struct %s_node" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def b_ptrarr(P, K):
    r = P.rng
    N = r.randint(2, 10)
    W = r.randint(2, 12)
    kids = r.random() < 0.5
    inline_slots = r.random() < 0.3
    d = ["struct %s_obj { long v; int tag; struct %s_obj *kid; };" % (K, K)]
    if inline_slots:
        d.append("struct %s_tab { unsigned long acc; void *slots[%d]; };" % (K, W))
    else:
        d.append("struct %s_tab { unsigned long acc; void **slots; };" % K)
    s = []
    for i in range(N):
        s.append("struct %s_obj *p%d = %s;" % (K, i, P.alloc("struct %s_obj" % K)))
        s.append("p%d->v = %d * g_one; p%d->tag = %d;" % (i, r.randint(1, 999), i, i))
        if kids and r.random() < 0.6:
            s.append("p%d->kid = %s; p%d->kid->v = %d; p%d->kid->tag = -1; p%d->kid->kid = NULL;"
                     % (i, P.alloc("struct %s_obj" % K), i, r.randint(1, 99), i, i))
        else:
            s.append("p%d->kid = NULL;" % i)
    src_heap = r.random() < 0.5
    if src_heap:
        s.append("void **src = malloc(%d * sizeof(void *));" % N)
    else:
        s.append("void *src[%d];" % N)
    for i in range(N):
        s.append("src[%d] = p%d;" % (i, i))
    s.append("root = %s;" % P.alloc("struct %s_tab" % K))
    s.append("root->acc = 0;")
    if not inline_slots:
        if r.random() < 0.5:
            s.append("root->slots = calloc(%d, sizeof(void *));" % W)
        else:
            s.append("root->slots = malloc(%d * sizeof(void *));" % W)
            s.append("for (int j = 0; j < %d; j++) root->slots[j] = NULL;" % W)
    else:
        s.append("for (int j = 0; j < %d; j++) root->slots[j] = NULL;" % W)
    slots = [None] * W

    def length(n, unit="sizeof(void *)"):
        if "rtcopy" in P.avoid or r.random() < 0.15:
            return "%s * %d" % (unit, n)
        return r.choice(["%s * %s" % (rtexpr(r, n), unit),
                         "rt(%d) * %s" % (n, unit)] +
                        (["(size_t)rt(%d)" % (n * 8)] if unit == "sizeof(void *)" else []))

    # copy src[os..os+n) to slots[od..od+n)
    n = r.randint(1, min(N, W))
    os_, od = r.randint(0, N - n), r.randint(0, W - n)
    fn = r.choices(["memcpy", "memmove", "mempcpy", "bcopy", "wmemcpy", "wmemmove",
                    "memcpy_chk", "loop", "revloop", "selloop", "vec"],
                   weights=[6, 4, 1, 1, 0.5, 0.5, 1, 2, 2, 2, 1])[0]
    dexpr = "root->slots + %s" % (rtexpr(r, od) if r.random() < 0.5 else str(od))
    sexpr = "src + %s" % (rtexpr(r, os_) if r.random() < 0.5 else str(os_))
    bound = str(n) if "rtcopy" in P.avoid else rtexpr(r, n)
    if fn in ("memcpy", "memmove") and r.random() < 0.3:
        s.append("%s((char *)root->slots + %d, (char *)src + %d, %s);"
                 % (fn, od * 8, os_ * 8, length(n)))
    elif fn in ("memcpy", "memmove", "mempcpy"):
        s.append("%s(%s, %s, %s);" % (fn, dexpr, sexpr, length(n)))
    elif fn == "bcopy":
        s.append("bcopy(%s, %s, %s);" % (sexpr, dexpr, length(n)))
    elif fn in ("wmemcpy", "wmemmove"):
        s.append("%s((wchar_t *)(void *)(%s), (const wchar_t *)(const void *)(%s), %s);"
                 % (fn, dexpr, sexpr, length(n, "(sizeof(void *) / sizeof(wchar_t))")))
    elif fn == "memcpy_chk":
        s.append("__builtin___memcpy_chk(%s, %s, %s, __builtin_object_size(root->slots, 0));"
                 % (dexpr, sexpr, length(n)))
    elif fn == "loop":
        s.append("for (unsigned j = 0; j < %s; j++) root->slots[%d + j] = src[%d + j];"
                 % (bound, od, os_))
    elif fn == "revloop":
        s.append("for (unsigned j = 0; j < %s; j++) root->slots[%d - j] = src[%d + j];"
                 % (bound, od + n - 1, os_))
    elif fn == "selloop":
        s.append("for (unsigned j = 0; j < %s; j++) root->slots[%d + j] = (j & 1) ? src[%d + j]"
                 " : src[%d + j];" % (bound, od, os_, os_))
    else:  # vec: through a 16-byte vector of two pointers' bits
        pairs = n // 2
        if pairs == 0:
            s.append("root->slots[%d] = src[%d];" % (od, os_))
        else:
            s.append("for (unsigned j = 0; j < %s; j++) { v2u64 v; memcpy(&v, %s + 2 * j, 16);"
                     " memcpy(root->slots + %d + 2 * j, &v, 16); }"
                     % (str(pairs) if "rtcopy" in P.avoid else rtexpr(r, pairs), sexpr, od))
            if n % 2:
                s.append("root->slots[%d] = src[%d];" % (od + n - 1, os_ + n - 1))
    if fn == "revloop":
        for j in range(n):
            slots[od + n - 1 - j] = os_ + j
    else:
        for j in range(n):
            slots[od + j] = os_ + j
    sort = r.random() < 0.15
    if sort:
        s.append("qsort(root->slots, %d, sizeof(void *), %s_cmp);" % (W, K))
        d.append("""static int %(K)s_cmp(const void *a, const void *b) {
  const struct %(K)s_obj *x = *(void *const *)a, *y = *(void *const *)b;
  int tx = x ? x->tag : -1, ty = y ? y->tag : -1;
  return tx < ty ? -1 : tx > ty;
}""" % dict(K=K))
        slots = sorted(slots, key=lambda x: -1 if x is None else x)
    # optional overlapping memmove inside the slots
    if r.random() < 0.5 and W >= 3:
        n2 = r.randint(1, W - 1)
        a, b = r.randint(0, W - n2), r.randint(0, W - n2)
        s.append("memmove(root->slots + %d, root->slots + %d, %s);" % (a, b, length(n2)))
        slots[a:a + n2] = slots[b:b + n2]
    # optional two hops through a local or heap temporary
    if r.random() < 0.4:
        heap = r.random() < 0.5
        s.append("void **tmp = malloc(%d * sizeof(void *));" % W if heap
                 else "void *tmp[%d];" % W)
        s.append("memcpy(tmp, root->slots, %s);" % length(W))
        s.append("for (int j = 0; j < %d; j++) root->slots[j] = NULL;" % W)
        n3 = r.randint(1, W)
        a, b = r.randint(0, W - n3), r.randint(0, W - n3)
        s.append("%s(root->slots + %d, tmp + %d, %s);"
                 % (r.choice(["memcpy", "memmove"]), a, b, length(n3)))
        new = [None] * W
        new[a:a + n3] = slots[b:b + n3]
        slots = new
        if heap:
            s.append("free(tmp);")
    # the objects no slot holds are read and freed here
    held = set(x for x in slots if x is not None)
    for i in range(N):
        if i not in held:
            s.append("root->acc = H(root->acc, (unsigned long)p%d->v);" % i)
            if r.random() < 0.9:
                s.append("free(p%d->kid); free(p%d);" % (i, i))
    if src_heap and r.random() < 0.9:
        s.append("free(src);")
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_tab *t) {
  unsigned long h = t->acc;
  for (int j = 0; j < %(W)d; j++) {
    const struct %(K)s_obj *o = t->slots[j];
    if (!o) { h = H(h, 1); continue; }
    h = H(h, (unsigned long)o->v + (unsigned long)j * 1000 + (unsigned long)o->tag);
    if (o->kid) h = H(h, (unsigned long)o->kid->v);
  }
  return h;
}""" % dict(A=P.attr(), K=K, W=W))
    frees, seen = [], set()
    for j, x in enumerate(slots):
        if x is not None and x not in seen:
            seen.add(x)
            frees.append("  { struct %s_obj *o = t->slots[%d]; free(o->kid); free(o); }" % (K, j))
    if not inline_slots:
        frees.append("  free(t->slots);")
    frees.append("  free(t);")
    d.append("%s void %s_free(struct %s_tab *t) {\n%s\n}" % (P.attr(FREEW), K, K, "\n".join(frees)))
    return dict(decls="\n".join(d), ty="struct %s_tab" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def b_helpers(P, K):
    r = P.rng
    R = r.randint(1, 8)
    N = r.randint(2, 5)
    d = ["struct %s_obj { long v; long w[%d]; };" % (K, R),
         "struct %s_box { struct %s_obj *a; struct %s_obj *b; unsigned long acc; };" % (K, K, K)]
    d.append("""%s unsigned long %s_rd(const struct %s_obj *o) {
  unsigned long h = (unsigned long)o->v;
  for (int i = 0; i < %d; i++) h = H(h, (unsigned long)o->w[i]);
  return h;
}""" % (P.attr(), K, K, R))
    d.append("%s void %s_fill(struct %s_obj *o, long seed) {\n"
             "  o->v = seed;\n  for (int i = 0; i < %d; i++) o->w[i] = seed * (i + 1) + g_one;\n}"
             % (P.attr(), K, K, R))
    d.append("%s void %s_put(struct %s_box *bx, struct %s_obj *o, int which) {\n"
             "  if (which) bx->b = o; else bx->a = o;\n}" % (P.attr(), K, K, K))
    d.append("%s struct %s_obj *%s_id(struct %s_obj *o) { return o; }" % (P.attr(), K, K, K))
    d.append("%s struct %s_obj *%s_pick(struct %s_obj *x, struct %s_obj *y, unsigned c) "
             "{ return c ? x : y; }" % (P.attr(), K, K, K, K))
    d.append("%s void %s_kill(struct %s_obj *o) { free(o); }" % (P.attr(), K, K))
    d.append("%s void %s_kill_if(struct %s_obj *o, unsigned c) { if (c) free(o); }"
             % (P.attr(), K, K))
    d.append("%s struct %s_obj *%s_new(long seed) {\n"
             "  struct %s_obj *o = malloc(sizeof *o);\n  %s_fill(o, seed);\n  return o;\n}"
             % (P.attr(), K, K, K, K))
    kept = []
    s = ["root = %s;" % P.alloc("struct %s_box" % K),
         "root->a = NULL; root->b = NULL; root->acc = 0;"]
    state = {}
    for i in range(N):
        if r.random() < 0.3:
            s.append("struct %s_obj *o%d = %s_new(%d);" % (K, i, K, r.randint(1, 500)))
        else:
            s.append("struct %s_obj *o%d = %s;" % (K, i, P.alloc("struct %s_obj" % K)))
            s.append("%s_fill(o%d, %d);" % (K, i, r.randint(1, 500)))
        state[i] = "local"
    box_used = {"a": False, "b": False}
    for _ in range(r.randint(2, 8)):
        alive = [i for i in state if state[i] != "freed"]
        local = [i for i in state if state[i] == "local"]
        op = r.choice(["rd", "rd", "id", "pick", "put", "kill", "keep", "killif"])
        if not alive:
            break
        i = r.choice(alive)
        if op == "rd":
            s.append("root->acc = H(root->acc, %s_rd(o%d));" % (K, i))
        elif op == "id":
            s.append("o%d = %s_id(o%d);" % (i, K, i))
        elif op == "pick":
            j = r.choice(alive)
            s.append("root->acc = H(root->acc, %s_rd(%s_pick(o%d, o%d, rt(1))));" % (K, K, i, j))
            s.append("root->acc = H(root->acc, %s_rd(%s_pick(o%d, o%d, rt(0))));" % (K, K, i, j))
        elif op == "put" and local:
            free_fields = [f for f in "ab" if not box_used[f]]
            if free_fields:
                f = r.choice(free_fields)
                i = r.choice(local)
                box_used[f] = True
                s.append("%s_put(root, o%d, %s);" % (K, i, rtexpr(r, int(f == "b"))))
                state[i] = "box"
        elif op == "kill" and local:
            i = r.choice(local)
            s.append("%s_kill(o%d);" % (K, i))
            state[i] = "freed"
        elif op == "killif" and local:
            i = r.choice(local)
            s.append("%s_kill_if(o%d, rt(1));" % (K, i))
            state[i] = "freed"
        elif op == "keep" and local:
            i = r.choice(local)
            sl = P.slot()
            d.append("%s void %s_keep%d(struct %s_obj *o) { g_keep[%d] = o; }"
                     % (P.attr(), K, sl, K, sl))
            s.append("%s_keep%d(o%d);" % (K, sl, i))
            state[i] = "kept"
            kept.append(sl)
    for i in state:
        if state[i] == "local":
            s.append(r.choice(["free(o%d);" % i, "%s_kill(o%d);" % (K, i),
                               "free(o%d);" % i, "/* leak o%d */" % i]))
    rd = ["  unsigned long h = b->acc;",
          "  if (b->a) h = H(h, %s_rd(b->a));" % K,
          "  if (b->b) h = H(h, %s_rd(b->b) * 3);" % K]
    fr = ["  free(b->a);", "  free(b->b);"]
    for sl in kept:
        rd.append("  h = H(h, %s_rd((const struct %s_obj *)g_keep[%d]));" % (K, K, sl))
        fr.append("  free(g_keep[%d]); g_keep[%d] = NULL;" % (sl, sl))
    fr.append("  free(b);")
    d.append("%s unsigned long %s_read(const struct %s_box *b) {\n%s\n  return h;\n}"
             % (P.attr(), K, K, "\n".join(rd)))
    d.append("%s void %s_free(struct %s_box *b) {\n%s\n}" % (P.attr(FREEW), K, K, "\n".join(fr)))
    return dict(decls="\n".join(d), ty="struct %s_box" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def b_loop(P, K):
    r = P.rng
    Pd = r.randint(1, 24)
    T = r.choice(INT_TYPES)
    S = r.randint(1, 64)
    leak = r.random() < 0.15
    d = ["struct %s_node { long v; struct %s_node *next; unsigned char pad[%d]; };" % (K, K, Pd),
         "struct %s_lst { struct %s_node *head; unsigned long acc; };" % (K, K)]
    s = ["root = %s;" % P.alloc("struct %s_lst" % K), "root->head = NULL; root->acc = 0;"]
    kinds = r.sample(["push_phi", "push_mem", "scratch", "double", "slots", "reuse", "holder",
                      "scratch", "slots"], r.randint(1, 3))
    for q, kind in enumerate(kinds):
        n = r.randint(1, 40)
        it = "for (unsigned i = 0; i < %s; i++)" % rtexpr(r, n)
        if kind == "push_phi":
            s.append("""{ struct %(K)s_node *h = root->head;
  %(it)s {
    struct %(K)s_node *x = %(al)s;
    x->v = (long)i * %(c)d; x->next = h; memset(x->pad, (int)i, %(Pd)d); h = x;
  }
  root->head = h; }""" % dict(K=K, it=it, al=P.alloc("struct %s_node" % K), c=r.randint(1, 99),
                             Pd=Pd))
        elif kind == "push_mem":
            s.append("""%(it)s {
  struct %(K)s_node *x = %(al)s;
  x->v = (long)i + %(c)d; memset(x->pad, %(c)d, %(Pd)d); x->next = root->head; root->head = x;
}""" % dict(K=K, it=it, al=P.alloc("struct %s_node" % K), c=r.randint(1, 99), Pd=Pd))
        elif kind == "scratch":
            s.append("""%(it)s {
  %(T)s *buf = %(al)s;
  for (int j = 0; j < %(S)d; j++) buf[j] = (%(T)s)((i + j) & 0x7f);
  root->acc = H(root->acc, (unsigned long)buf[(i * 7) %% %(S)d]);
  %(free)s
}""" % dict(T=T, it=it, al=P.alloc(T, str(S)), S=S, free="" if leak else "free(buf);"))
        elif kind == "double":
            s.append("""{ %(T)s *prev = NULL;
  %(it)s {
    %(T)s *cur = %(al)s;
    for (int j = 0; j < %(S)d; j++) cur[j] = prev ? (%(T)s)((prev[j] + i) & 0x7f) : (%(T)s)j;
    if (prev) free(prev);
    prev = cur;
  }
  root->acc = H(root->acc, (unsigned long)prev[%(S)d - 1]);
  free(prev); }""" % dict(T=T, it=it, al=P.alloc(T, str(S)), S=S))
        elif kind == "slots":
            how = r.choice(["slot[i & 1] = cur;",
                            "memcpy(&slot[i & 1], &cur, %s);" % P.copylen(1, "sizeof cur"),
                            "memmove(slot + (i & 1), &cur, %s);" % P.copylen(1, "sizeof cur"),
                            "memcpy(&slot[i & 1], &cur, sizeof cur);"])
            heap_slots = r.random() < 0.4
            decl = ("%s **slot = calloc(2, sizeof(%s *));" % (T, T) if heap_slots
                    else "%s *slot[2] = {NULL, NULL};" % T)
            s.append("""{ %(decl)s
  %(it)s {
    %(T)s *cur = %(al)s;
    for (int j = 0; j < %(S)d; j++) cur[j] = (%(T)s)((i * 3 + j) & 0x7f);
    if (slot[(i + 1) & 1]) root->acc = H(root->acc, (unsigned long)slot[(i + 1) & 1][0]);
    %(T)s *old = slot[i & 1];
    if (old) { root->acc = H(root->acc, (unsigned long)old[%(S)d - 1]); free(old); }
    %(how)s
  }
  if (slot[0]) root->acc = H(root->acc, (unsigned long)slot[0][0]);
  if (slot[1]) root->acc = H(root->acc, (unsigned long)slot[1][0]);
  free(slot[0]); free(slot[1]);%(fs)s }""" % dict(T=T, it=it, al=P.alloc(T, str(S)), S=S,
                                                 how=how, decl=decl,
                                                 fs=" free(slot);" if heap_slots else ""))
        elif kind == "reuse":
            s.append("""{ %(T)s *buf = %(al)s;
  %(it)s {
    for (int j = 0; j < %(S)d; j++) buf[j] = (%(T)s)((i ^ j) & 0x7f);
    root->acc = H(root->acc, (unsigned long)buf[i %% %(S)d]);
  }
  free(buf); }""" % dict(T=T, it=it, al=P.alloc(T, str(S)), S=S))
        elif kind == "holder":
            s.append("""{ struct { %(T)s *p; } *hd = malloc(sizeof *hd);
  hd->p = NULL;
  %(it)s {
    %(T)s *cur = %(al)s;
    for (int j = 0; j < %(S)d; j++) cur[j] = (%(T)s)((i + 2 * j) & 0x7f);
    if (hd->p) { root->acc = H(root->acc, (unsigned long)hd->p[0]); free(hd->p); }
    hd->p = cur;
  }
  root->acc = H(root->acc, (unsigned long)hd->p[%(S)d - 1]);
  free(hd->p); free(hd); }""" % dict(T=T, it=it, al=P.alloc(T, str(S)), S=S))
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_lst *l) {
  unsigned long h = l->acc;
  for (const struct %(K)s_node *x = l->head; x; x = x->next) {
    h = H(h, (unsigned long)x->v);
    for (int j = 0; j < %(Pd)d; j++) h = H(h, x->pad[j]);
  }
  return h;
}""" % dict(A=P.attr(), K=K, Pd=Pd))
    d.append("""%(A)s void %(K)s_free(struct %(K)s_lst *l) {
  struct %(K)s_node *x = l->head;
  while (x) { struct %(K)s_node *nx = x->next; free(x); x = nx; }
  free(l);
}""" % dict(A=P.attr(FREEW), K=K))
    return dict(decls="\n".join(d), ty="struct %s_lst" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def b_rec(P, K):
    r = P.rng
    A = r.randint(1, 8)
    d = ["struct %s_r { long v; struct %s_r *up; long arr[%d]; };" % (K, K, A),
         "struct %s_res { unsigned long acc; struct %s_r *chain; struct %s_r *chain2; };"
         % (K, K, K)]
    d.append("""%(A)s unsigned long %(K)s_walk(const struct %(K)s_r *n) {
  unsigned long h = 3;
  for (; n; n = n->up) { h = H(h, (unsigned long)n->v); for (int i = 0; i < %(N)d; i++) h = H(h, (unsigned long)n->arr[i]); }
  return h;
}""" % dict(A=P.attr(), K=K, N=A))
    s = ["root = %s;" % P.alloc("struct %s_res" % K),
         "root->acc = 0; root->chain = NULL; root->chain2 = NULL;"]
    kinds = r.sample(["down", "build", "mutual", "keepdown"], r.randint(1, 3))
    for kind in kinds:
        D = r.randint(0, 12)
        if kind == "down":
            d.append("""%(A)s unsigned long %(K)s_down(unsigned d, struct %(K)s_r *up) {
  struct %(K)s_r *n = %(al)s;
  n->v = (long)d * %(c)d + 1; n->up = up;
  for (int i = 0; i < %(N)d; i++) n->arr[i] = (long)d + i;
  unsigned long h = d ? %(K)s_down(d - 1, n) : %(K)s_walk(n);
  free(n);
  return H(h, d);
}""" % dict(A=r.choice(["NOINLINE static", "static"]), K=K, al=P.alloc("struct %s_r" % K),
             c=r.randint(1, 50), N=A))
            s.append("root->acc = H(root->acc, %s_down(%s, NULL));" % (K, rtexpr(r, D)))
        elif kind == "build":
            d.append("""%(A)s struct %(K)s_r *%(K)s_build(unsigned d) {
  if (!d) return NULL;
  struct %(K)s_r *n = %(al)s;
  n->v = (long)d * %(c)d;
  for (int i = 0; i < %(N)d; i++) n->arr[i] = (long)d * i;
  n->up = %(K)s_build(d - 1);
  return n;
}""" % dict(A=r.choice(["NOINLINE static", "static"]), K=K, al=P.alloc("struct %s_r" % K),
             c=r.randint(1, 50), N=A))
            s.append("{ struct %s_r *c = %s_build(%s); if (c) { struct %s_r *t = c; "
                     "while (t->up) t = t->up; t->up = root->chain; root->chain = c; } }"
                     % (K, K, rtexpr(r, D), K))
        elif kind == "mutual":
            d.append("static unsigned long %s_odd(unsigned d, const long *in);" % K)
            for me, other, c in (("even", "odd", 5), ("odd", "even", 7)):
                d.append("""%(A)s unsigned long %(K)s_%(me)s(unsigned d, const long *in) {
  long *s = %(al)s;
  for (int i = 0; i < %(N)d; i++) s[i] = (in ? in[i] : 1) * %(c)d + (long)d;
  unsigned long h = d ? %(K)s_%(other)s(d - 1, s) : (unsigned long)s[0];
  h = H(h, (unsigned long)s[%(N)d - 1]);
  free(s);
  return h;
}""" % dict(A=r.choice(["NOINLINE static", "static"]), K=K, me=me, other=other, c=c,
             al=P.alloc("long", str(A)), N=A))
            s.append("root->acc = H(root->acc, %s_even(%s, NULL));" % (K, rtexpr(r, D)))
        elif kind == "keepdown":
            d.append("""%(A)s void %(K)s_kd(unsigned d, struct %(K)s_r *up, struct %(K)s_res *res) {
  struct %(K)s_r *n = %(al)s;
  n->v = (long)d + %(c)d; n->up = up;
  for (int i = 0; i < %(N)d; i++) n->arr[i] = (long)i - (long)d;
  if (d) %(K)s_kd(d - 1, n, res); else res->chain2 = n;
}""" % dict(A=r.choice(["NOINLINE static", "static"]), K=K, al=P.alloc("struct %s_r" % K),
             c=r.randint(1, 50), N=A))
            s.append("if (!root->chain2) %s_kd(%s, NULL, root);" % (K, rtexpr(r, D)))
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_res *x) {
  return H(H(x->acc, %(K)s_walk(x->chain)), %(K)s_walk(x->chain2));
}""" % dict(A=P.attr(), K=K))
    d.append("""%(A)s void %(K)s_free(struct %(K)s_res *x) {
  for (struct %(K)s_r *n = x->chain; n;) { struct %(K)s_r *u = n->up; free(n); n = u; }
  for (struct %(K)s_r *n = x->chain2; n;) { struct %(K)s_r *u = n->up; free(n); n = u; }
  free(x);
}""" % dict(A=P.attr(FREEW), K=K))
    return dict(decls="\n".join(d), ty="struct %s_res" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def b_walk(P, K):
    """A tree walked by a recursive reader and a loop over its left spine:
    integer fields read through loaded pointers (issue 12, shape 2). Now and
    then a node holds a pointer `hold`: to another node's start (its val is
    read through it: nothing exposed), or into a node's left field, whose
    bytes the reader takes as an integer (the child's address, exposed):
    that child is then freed through the integer, so a stack slot for it
    would be free()d."""
    r = P.rng
    N = r.randint(2, 9)
    sl = P.slot()
    parent = [None] + [r.randrange(i) for i in range(1, N)]
    left = {}
    right = {}
    for i in range(1, N):
        pa = parent[i]
        if pa not in left:
            left[pa] = i
        elif pa not in right:
            right[pa] = i
        else:  # full: hang it under the leftmost free spot of i - 1
            parent[i] = i - 1
            left[i - 1] = i
    d = ["struct %s_n { int op; long val; struct %s_n *l, *r; void *hold; int viaint; };"
         % (K, K)]
    # How hold is read: as the start of a node, or as the bytes of a
    # node's left field (an interior pointer).
    mode = r.choice(["none", "start", "interior", "interior"])
    if mode == "start":
        rd = "if (n->hold) h = H(h, (unsigned long)((const struct %s_n *)n->hold)->val);" % K
    elif mode == "interior":
        rd = ("if (n->hold) { uintptr_t u; %s g_u[%d] = u; h = H(h, 5); }"
              % (r.choice(["u = *(const uintptr_t *)n->hold;",
                           "memcpy(&u, n->hold, sizeof u);"]), sl))
    else:
        rd = ""
    d.append("""%(A)s unsigned long %(K)s_eval(const struct %(K)s_n *n) {
  if (!n) return 1;
  unsigned long h = H((unsigned long)n->op, (unsigned long)n->val);
  %(rd)s
  switch (n->op & 3) {
  case 0: return h;
  case 1: return H(h, %(K)s_eval(n->l) + %(K)s_eval(n->r));
  default: return H(h, %(K)s_eval(n->l) * 3 - %(K)s_eval(n->r));
  }
}""" % dict(A=r.choice(["NOINLINE static", "static"]), K=K, rd=rd))
    # Conversions that never come back (shape 5): an alignment test both
    # the heap and a slot pass, and the offset of a field as a difference.
    conv = r.choice(["", "h = H(h, ((uintptr_t)c & 15) == 0);",
                     "h = H(h, (unsigned long)((const char *)&c->r - (const char *)c));"])
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_n *n) {
  unsigned long h = %(K)s_eval(n);
  for (const struct %(K)s_n *c = n; c; c = c->l) { h = H(h, (unsigned long)c->val); %(conv)s }
  return h;
}""" % dict(A=P.attr(), K=K, conv=conv))
    d.append("""%(A)s void %(K)s_drop(struct %(K)s_n *n) {
  if (!n) return;
  %(K)s_drop(n->l);
  %(K)s_drop(n->r);
  if (!n->viaint) free(n);
}""" % dict(A=r.choice(["NOINLINE static", "static"]), K=K))
    d.append("""%(A)s void %(K)s_free(struct %(K)s_n *n) {
  %(K)s_drop(n);
  if (g_u[%(sl)d]) { free((void *)g_u[%(sl)d]); g_u[%(sl)d] = 0; }
}""" % dict(A=P.attr(FREEW), K=K, sl=sl))
    s = []
    for i in range(N):
        s.append("struct %s_n *n%d = %s;" % (K, i, P.alloc("struct %s_n" % K)))
        s.append("n%d->op = %d; n%d->val = %d + g_one; n%d->hold = NULL; n%d->viaint = 0;"
                 % (i, r.randint(0, 3) if i in left else 0, i, r.randint(0, 99), i, i))
    for i in range(N):
        s.append("n%d->l = %s; n%d->r = %s;"
                 % (i, "n%d" % left[i] if i in left else "NULL",
                    i, "n%d" % right[i] if i in right else "NULL"))
    if mode == "start":
        a, b = r.randrange(N), r.randrange(N)
        s.append("n%d->hold = n%d;" % (a, b))
    elif mode == "interior" and left:
        x = r.choice(sorted(left))
        a = r.randrange(N)
        s.append("n%d->hold = &n%d->l; n%d->viaint = 1;" % (a, x, left[x]))
    s.append("root = n0;")
    return dict(decls="\n".join(d), ty="struct %s_n" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def b_allocs(P, K):
    r = P.rng
    T = r.choice(INT_TYPES)
    NC = r.randint(1, 40)
    AL = r.choice([16, 32, 64, 128, 256])
    AK = r.randint(1, 4)
    AL2 = r.choice([8, 16, 32, 64, 512])
    SZ = r.randint(1, 32) * 4
    MS = r.randint(1, 100)
    lit = lit_string(r, r.randint(0, 30))
    d = ["struct %s_al { %s *c; char *s; long *al; int *pm; unsigned char *m; unsigned long acc; };"
         % (K, T)]
    s = ["root = %s;" % P.alloc("struct %s_al" % K), "root->acc = 0;",
         "root->c = calloc(%d, sizeof(%s));" % (NC, T),
         "root->c[%d] = (%s)%d;" % (r.randrange(NC), T, r.randint(1, 100)),
         'root->s = strdup("%s");' % lit,
         "root->al = aligned_alloc(%d, %d);" % (AL, AL * AK),
         "for (int i = 0; i < %d; i++) root->al[i] = i * %d;" % (AL * AK // 8, r.randint(1, 9)),
         "{ void *pmv = NULL; if (posix_memalign(&pmv, %d, %d) != 0) abort(); root->pm = pmv; }"
         % (AL2, SZ),
         "for (int i = 0; i < %d; i++) root->pm[i] = i ^ %d;" % (SZ // 4, r.randint(1, 99)),
         "root->m = malloc(%d); memset(root->m, %d + g_one, %d);" % (MS, r.randint(0, 100), MS)]
    if r.random() < 0.4:
        s.append("root->acc = H(root->acc, ((uintptr_t)root->al %% %d) == 0);" % AL)
    for _ in range(r.randint(0, 4)):
        k = r.choice(["strdup", "calloc", "aligned", "pm", "strdupbuf"])
        if k == "strdup":
            s.append('{ char *t = strdup("%s"); root->acc = H(root->acc, strlen(t) + (unsigned char)t[0]); free(t); }'
                     % lit_string(r, r.randint(1, 20)))
        elif k == "strdupbuf":
            s.append('{ char b[8]; for (int i = 0; i < 7; i++) b[i] = (char)(\'a\' + i + g_one); b[7] = 0;'
                     ' char *t = strdup(b); root->acc = H(root->acc, (unsigned char)t[rt(3)]); free(t); }')
        elif k == "calloc":
            n = r.randint(1, 64)
            s.append("{ %s *z = calloc(%d, sizeof *z); z[rt(%d)] = 5; unsigned long t = 0;"
                     " for (int i = 0; i < %d; i++) t += (unsigned long)z[i];"
                     " root->acc = H(root->acc, t); free(z); }" % (T, n, n - 1, n))
        elif k == "aligned":
            a = r.choice([16, 32, 64, 4096])
            s.append("{ long *z = aligned_alloc(%d, %d); for (int i = 0; i < %d; i++) z[i] = i;"
                     " root->acc = H(root->acc, (unsigned long)z[rt(%d)]); free(z); }"
                     % (a, a, a // 8, a // 8 - 1))
        else:
            a = r.choice([16, 64, 256])
            s.append("{ void *v; if (posix_memalign(&v, %d, %d)) abort(); int *z = v;"
                     " for (int i = 0; i < %d; i++) z[i] = i * 3; root->acc = H(root->acc,"
                     " (unsigned long)z[rt(1)]); free(z); }" % (a, a, a // 4))
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_al *x) {
  unsigned long h = x->acc;
  for (int i = 0; i < %(NC)d; i++) h = H(h, (unsigned long)x->c[i]);
  for (const char *p = x->s; *p; p++) h = H(h, (unsigned char)*p);
  for (int i = 0; i < %(NA)d; i++) h = H(h, (unsigned long)x->al[i]);
  for (int i = 0; i < %(NP)d; i++) h = H(h, (unsigned long)x->pm[i]);
  for (int i = 0; i < %(MS)d; i++) h = H(h, x->m[i]);
  return h;
}""" % dict(A=P.attr(), K=K, NC=NC, NA=AL * AK // 8, NP=SZ // 4, MS=MS))
    d.append("%s void %s_free(struct %s_al *x) { free(x->c); free(x->s); free(x->al); "
             "free(x->pm); free(x->m); free(x); }" % (P.attr(FREEW), K, K))
    return dict(decls="\n".join(d), ty="struct %s_al" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def b_intrt(P, K):
    r = P.rng
    key = r.getrandbits(40) * 16
    d = ["struct %s_o { long v; long w; };" % K,
         "union %s_un { struct %s_o *p; uint32_t h[2]; uintptr_t u; unsigned char b[sizeof(void *)]; };"
         % (K, K),
         "struct %s_mx { void *p; uint32_t a; uint32_t b; };" % K,
         "union %s_mu { void *two[2]; struct %s_mx m; };" % (K, K),
         "struct %s_ir { uintptr_t u; uint32_t lo, hi, lo2, hi2; union %s_un un; "
         "struct %s_o *direct; unsigned long acc; };" % (K, K, K),
         "#define %s_REB(lo, hi) ((struct %s_o *)(((uintptr_t)(hi) << 32) | (uintptr_t)(lo)))"
         % (K, K)]
    d.append("%s void %s_split(uint32_t lo, uint32_t hi, struct %s_ir *r) { r->lo = lo; r->hi = hi; }"
             % (P.attr(), K, K))
    d.append("%s void %s_split2(uint32_t lo, uint32_t hi, struct %s_ir *r) { r->lo2 = lo; r->hi2 = hi; }"
             % (P.attr(), K, K))
    d.append("%s void %s_mx(struct %s_mx m, struct %s_ir *r) { r->direct = m.p; r->lo2 = m.a; r->hi2 = m.b; }"
             % (P.attr(), K, K, K))
    s = ["root = %s;" % P.alloc("struct %s_ir" % K), "root->acc = 0;"]
    for nm in "abcde":
        s.append("struct %s_o *%s = %s; %s->v = %d + g_one; %s->w = %d;"
                 % (K, nm, P.alloc("struct %s_o" % K), nm, r.randint(1, 999), nm, r.randint(1, 999)))
    s.append("root->u = (uintptr_t)a ^ (uintptr_t)%dULL;" % key)
    how = r.choice(["explicit", "union", "union_call", "explicit_call", "bytes"])
    if how == "explicit":
        s.append("{ uintptr_t t = (uintptr_t)b; root->lo = (uint32_t)t; root->hi = (uint32_t)(t >> 32); }")
    elif how == "explicit_call":
        s.append("{ uintptr_t t = (uintptr_t)b; %s_split((uint32_t)t, (uint32_t)(t >> 32), root); }" % K)
    elif how == "union":
        s.append("{ union %s_un uu; uu.p = b; root->lo = uu.h[0]; root->hi = uu.h[1]; }" % K)
    elif how == "union_call":
        s.append("{ union %s_un uu; uu.p = b; %s_split(uu.h[0], uu.h[1], root); }" % (K, K))
    else:
        s.append("{ union %s_un uu; const unsigned char *sb = (const unsigned char *)&b;"
                 " for (unsigned i = 0; i < %s; i++) uu.b[i] = sb[i];"
                 " root->lo = uu.h[0]; root->hi = uu.h[1]; }"
                 % (K, "sizeof b" if "rtcopy" in P.avoid else "rt(sizeof b)"))
    if r.random() < 0.5:
        s.append("root->un.p = c;")
    else:
        s.append("{ const unsigned char *sb = (const unsigned char *)&c;"
                 " for (unsigned i = 0; i < %s; i++) root->un.b[i] = sb[i]; }"
                 % ("sizeof c" if "rtcopy" in P.avoid else r.choice(["sizeof c", "rt(sizeof c)"])))
    how2 = r.choice(["mixed", "mixed_copy", "mixed_byval", "mixed_memcpy"])
    if "mixed" in P.avoid:  # the pointer halves stay in a union of pointer + u32[2]
        how2 = "mixed_memcpy" if "rtcopy" not in P.avoid else "plain"
    s.append("{ union %s_mu mu; mu.two[0] = e; mu.two[1] = d;" % K)
    if how2 == "mixed":
        s.append("  root->direct = mu.m.p; %s_split2(mu.m.a, mu.m.b, root); }" % K)
    elif how2 == "mixed_copy":
        s.append("  struct %s_mx m = mu.m; root->direct = m.p; %s_split2(m.a, m.b, root); }" % (K, K))
    elif how2 == "mixed_byval":
        s.append("  %s_mx(mu.m, root); }" % K)
    elif how2 == "plain":
        s.append("  root->direct = mu.two[0]; union %s_un uu; uu.p = mu.two[1];"
                 " %s_split2(uu.h[0], uu.h[1], root); }" % (K, K))
    else:
        s.append("  struct %s_mx m; memcpy(&m, mu.two, %s); root->direct = m.p;"
                 " %s_split2(m.a, m.b, root); }"
                 % (K, "sizeof m" if "rtcopy" in P.avoid else
                    r.choice(["sizeof m", "rt(sizeof m)"]), K))
    ptrs = ["(struct %s_o *)(x->u ^ (uintptr_t)%dULL)" % (K, key),
            "%s_REB(x->lo, x->hi)" % K, "x->un.p", "x->direct", "%s_REB(x->lo2, x->hi2)" % K]
    d.append("%s unsigned long %s_read(const struct %s_ir *x) {\n  unsigned long h = x->acc;\n%s\n  return h;\n}"
             % (P.attr(), K, K, "\n".join("  { const struct %s_o *o = %s; h = H(h, (unsigned long)(o->v * 7 + o->w)); }"
                                         % (K, p) for p in ptrs)))
    d.append("%s void %s_free(struct %s_ir *x) {\n%s\n  free(x);\n}"
             % (P.attr(FREEW), K, K, "\n".join("  free(%s);" % p for p in ptrs)))
    return dict(decls="\n".join(d), ty="struct %s_ir" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


# --------------------------------------------------------------------------
# C library names the program defines itself (b_libcnames). A program that
# has its own strdup, calloc, ... calls its own: goescape must leave those
# calls alone (70b861c; before it, a module-defined strdup was moved to the
# stack and never ran). The definitions are the whole program's, so they are
# chosen once per program (libc_plan) and written after the prelude; every
# block's calls of those names then go to them, and each keeps the contract
# other blocks rely on (freeable by free, zeroed by calloc, aligned), with
# one exception: a pool strdup/strndup, which comes with a free of the
# program's own that knows the pool. malloc and free are only ever static
# (a definition under the name itself hidden from the headers by a macro):
# an external one would replace the C runtime's and the sanitizer's; they
# forward to the real ones found by dlsym(RTLD_DEFAULT) in a constructor.
# What makes them observable: counters, read as differences around a block's
# own calls (libc may call an external calloc itself), pool offsets, a
# strdup that changes the text, and aligned_alloc/posix_memalign/malloc
# that fill what they return with a pattern the block then reads.
# --------------------------------------------------------------------------

LIBC_NAMES = [("strdup", 4), ("strndup", 3), ("calloc", 2), ("aligned_alloc", 3),
              ("posix_memalign", 2), ("free", 1.5), ("malloc", 1.5), ("strlen", 2.5),
              ("strnlen", 2)]
LIBC_PROTO = {
    "strdup": ("char *", "const char *s"),
    "strndup": ("char *", "const char *s, size_t n"),
    "calloc": ("void *", "size_t n, size_t m"),
    "aligned_alloc": ("void *", "size_t a, size_t n"),
    "posix_memalign": ("int", "void **out, size_t a, size_t n"),
    "malloc": ("void *", "size_t n"),
    "free": ("void", "void *p"),
    "strlen": ("size_t", "const char *s"),
    "strnlen": ("size_t", "const char *s, size_t m"),
}
LIBC_FILL = {"aligned_alloc": 0x5a, "posix_memalign": 0x3c, "malloc": 0xa5}


def proto(n):
    """The C prototype of the libc function n, without the semicolon."""
    rt_, params = LIBC_PROTO[n]
    return "%s%s%s(%s)" % (rt_, "" if rt_.endswith("*") else " ", n, params)


def libc_plan(P):
    """The program's own definitions under C library names, chosen at the
    first b_libcnames block: {name: dict(kind, static, attr)}."""
    if P.libc is not None:
        return P.libc
    r = P.rng
    names, pool = [n for n, _ in LIBC_NAMES], dict(LIBC_NAMES)
    chosen = []
    for _ in range(r.choices([1, 2, 3, 4], weights=[3, 4, 3, 1])[0]):
        n = r.choices(names, weights=[pool[x] for x in names])[0]
        names.remove(n)
        chosen.append(n)
    plan = {}
    for n in chosen:
        # free is only ever static; malloc static (forwarding to dlsym's) or
        # external over glibc's __libc_malloc (then no ASan builds)
        static = n == "free" or (n == "malloc" and "xmalloc" in P.avoid) or r.random() < 0.5
        if n in ("strdup", "strndup"):
            kind = r.choices(["count", "xform", "pool"], weights=[3, 2, 3])[0]
            if kind == "pool" and n == "strdup" and P.realloc_strdup:
                kind = "count"  # an earlier b_realloc grows strdup's objects
        elif n in LIBC_FILL:
            kind = r.choice(["count", "fill", "fill"])
        else:
            kind = "count"
        if static:
            attr = r.choices(["NOINLINE static", "static", "static inline", "ALWAYS"],
                             weights=[5, 2, 2, 1])[0]
        else:
            attr = r.choices(["NOINLINE", ""], weights=[3, 1])[0]
        plan[n] = dict(kind=kind, static=static, attr=attr)
    if any(v["kind"] == "pool" for v in plan.values()):
        # a pool's strings are freed too (b_nest, b_allocs free their
        # strdup's): the program's free knows the pool and ignores them
        plan["free"] = dict(kind="count", static=True,
                            attr=r.choice(["NOINLINE static", "NOINLINE static", "static"]))
    if "malloc" in plan and not plan["malloc"]["static"]:
        P.no_asan = True
    P.libc = plan
    return plan


def libc_defs(plan):
    """(lines before the #includes, lines after them, the definitions,
    needs <dlfcn.h>) for a libc_plan."""
    hide = ["#define %s goescape_hidden_%s" % (n, n) for n in sorted(plan) if plan[n]["static"]]
    unhide = ["#undef %s" % n for n in sorted(plan) if plan[n]["static"]]
    d = ["/* the program's own C library functions: %s */"
         % ", ".join("%s (%s, %s%s)" % (n, plan[n]["kind"],
                                        "static" if plan[n]["static"] else "extern",
                                        ", " + plan[n]["attr"] if plan[n]["attr"] else "")
                     for n in sorted(plan))]
    for n in sorted(plan):
        if plan[n]["static"]:
            d.append("static %s;" % proto(n))
    for n in sorted(plan):
        d.append("unsigned long g_lc_%s; /* calls of the program's own %s */" % (n, n))
    d.append("#define LC_INC(c) __atomic_fetch_add(&(c), 1, __ATOMIC_RELAXED)")
    xmalloc = "malloc" in plan and not plan["malloc"]["static"]
    if xmalloc:
        d.append("extern void *__libc_malloc(size_t); /* glibc's, under the program's malloc */")
    if "strlen" in plan or "strnlen" in plan:
        # the byte loop of the program's strlen/strnlen; the empty asm keeps
        # LLVM from recognising the loop as a strlen idiom (a call of itself)
        d.append("NOINLINE static size_t lc_bytes(const char *s, size_t m) {\n"
                 "  size_t n = 0;\n"
                 "  while (n < m && s[n]) { n++; __asm__(\"\" : \"+r\"(n)); }\n"
                 "  return n;\n}")
    dl = (("malloc" in plan and not xmalloc) or "free" in plan)
    if dl:
        d.append("static void *(*g_lc_rmalloc)(size_t);\nstatic void (*g_lc_rfree)(void *);\n"
                 "__attribute__((constructor)) static void lc_init(void) {\n"
                 "  g_lc_rmalloc = (void *(*)(size_t))dlsym(RTLD_DEFAULT, \"malloc\");\n"
                 "  g_lc_rfree = (void (*)(void *))dlsym(RTLD_DEFAULT, \"free\");\n"
                 "  if (!g_lc_rmalloc || !g_lc_rfree) abort();\n}")
    pool = any(v["kind"] == "pool" for v in plan.values())
    if pool:
        d.append("static char g_lc_pool[16384] __attribute__((aligned(16)));\n"
                 "static size_t g_lc_used; /* main thread only */\n"
                 "static int lc_in_pool(const void *p) {\n"
                 "  return (uintptr_t)p - (uintptr_t)g_lc_pool < sizeof g_lc_pool;\n}\n"
                 "static char *lc_pool_take(size_t n) {\n"
                 "  if (g_lc_used + n > sizeof g_lc_pool) return NULL;\n"
                 "  char *p = g_lc_pool + g_lc_used;\n"
                 "  g_lc_used += (n + 15) & ~(size_t)15;\n  return p;\n}")

    def base(n, size):
        # An external definition may run inside libc (ld.so calls the
        # program's calloc): there it must not reach the program's static
        # malloc, so it takes memory from memalign, which nothing redefines.
        if "malloc" in plan and plan["malloc"]["static"] and not plan[n]["static"]:
            return "memalign(16, %s)" % size
        return "malloc(%s)" % size

    def head(n):
        a = plan[n]["attr"]
        return "%s%s" % (a + " " if a else "", proto(n))
    for n in sorted(plan, key=lambda x: (x != "malloc", x != "free", x)):
        k = plan[n]["kind"]
        if n == "malloc" and xmalloc:
            body = ("  void *p = __libc_malloc(n);\n%s  LC_INC(g_lc_malloc);\n  return p;"
                    % ("  if (p) memset(p, 0x%x, n);\n" % LIBC_FILL[n] if k == "fill" else ""))
        elif n == "strlen":
            body = "  LC_INC(g_lc_strlen);\n  return lc_bytes(s, (size_t)-1);"
        elif n == "strnlen":
            body = "  LC_INC(g_lc_strnlen);\n  return lc_bytes(s, m);"
        elif n == "malloc":
            body = ("  void *p = g_lc_rmalloc(n);\n%s  LC_INC(g_lc_malloc);\n  return p;"
                    % ("  if (p) memset(p, 0x%x, n);\n" % LIBC_FILL[n] if k == "fill" else ""))
        elif n == "free":
            body = ("  LC_INC(g_lc_free);\n  if (!p%s) return;\n  g_lc_rfree(p);"
                    % (" || lc_in_pool(p)" if pool else ""))
        elif n in ("strdup", "strndup"):
            ln = "strlen(s)" if n == "strdup" else "strnlen(s, n)"
            lines = ["  size_t l = %s;" % ln, "  LC_INC(g_lc_%s);" % n]
            if k == "pool":
                lines.append("  char *p = lc_pool_take(l + 1);")
                lines.append("  if (!p) p = %s;" % base(n, "l + 1"))
            else:
                lines.append("  char *p = %s;" % base(n, "l + 1"))
            lines.append("  if (!p) abort();")
            if k == "xform":  # the program's strdup upper-cases: the text shows it ran
                lines.append("  for (size_t i = 0; i < l; i++)\n"
                             "    p[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];")
            else:
                lines.append("  memcpy(p, s, l);")
            lines.append("  p[l] = 0;\n  return p;")
            body = "\n".join(lines)
        elif n == "calloc":
            # zeroed with rt(0), not 0: LLVM turns malloc + memset(0) into calloc
            body = ("  size_t t;\n  if (__builtin_mul_overflow(n, m, &t)) return NULL;\n"
                    "  void *p = %s;\n  if (p) memset(p, (int)rt(0), t);\n"
                    "  LC_INC(g_lc_calloc);\n  return p;" % base(n, "t ? t : 1"))
        elif n == "aligned_alloc":
            body = ("  void *p = memalign(a, n ? n : 1);\n%s  LC_INC(g_lc_aligned_alloc);\n"
                    "  return p;" % ("  if (p) memset(p, 0x%x, n);\n" % LIBC_FILL[n]
                                     if k == "fill" else ""))
        else:  # posix_memalign
            body = ("  LC_INC(g_lc_posix_memalign);\n"
                    "  if (a < sizeof(void *) || (a & (a - 1))) return 22;\n"
                    "  void *p = memalign(a, n ? n : 1);\n  if (!p) return 12;\n%s"
                    "  *out = p;\n  return 0;"
                    % ("  memset(p, 0x%x, n);\n" % LIBC_FILL[n] if k == "fill" else ""))
        d.append("%s {\n%s\n}" % (head(n), body))
    return hide, unhide, "\n".join(d), dl


def b_libcnames(P, K):
    """Calls of the C library names the program defines itself (libc_plan):
    local ones that do not escape (what goescape would move, were they
    libc's), ones kept in the root, ones made through a wrapper; the block
    hashes the counters' differences, the pool's offset, the text and the
    fill patterns its own calls produced."""
    r = P.rng
    plan = libc_plan(P)
    T = r.choice(INT_TYPES)
    d = ["struct %s_lc { unsigned long acc; char *s1; char *s2; void *v1; %s *z1; int nz1; };"
         % (K, T)]
    d.append("""%(A)s unsigned long %(K)s_hs(const char *s) {
  unsigned long h = 11;
  for (; *s; s++) h = H(h, (unsigned char)*s);
  return h;
}""" % dict(A=P.attr(), K=K))
    wrap = r.random() < 0.5
    wrapped = []
    s = ["root = %s;" % P.alloc("struct %s_lc" % K),
         "root->acc = 0; root->s1 = NULL; root->s2 = NULL; root->v1 = NULL; root->z1 = NULL;"
         " root->nz1 = 0;"]
    names = sorted(plan)
    for n in names:
        s.append("unsigned long %s_c_%s = __atomic_load_n(&g_lc_%s, __ATOMIC_RELAXED);"
                 % (K, n, n))
    if any(v["kind"] == "pool" for v in plan.values()):
        s.append("size_t %s_u0 = g_lc_used;" % K)
    acc = "root->acc = H(root->acc, %s);"
    # the names to call: mostly the program's own, now and then libc's
    pool_names = [n for n in names if n != "free"] or ["strdup"]
    cand = pool_names + [r.choice(["strdup", "strndup", "calloc", "aligned_alloc",
                                   "posix_memalign", "malloc", "strlen", "strnlen"])]
    kept = set()
    # every name of the plan at least once where it does not escape
    calls = [(n, "local") for n in pool_names]
    calls += [(r.choice(cand), r.choices(["local", "keep", "leak"], weights=[6, 2, 1])[0])
              for _ in range(r.randint(2, 7))]
    if set(plan) & {"strlen", "strnlen", "malloc"} or r.random() < 0.3:
        # with the program's own strlen/strnlen/malloc: strdup/strndup of
        # run-time strings (libc's strdup calls malloc; an inline copy would
        # call strlen) and calloc objects grown by realloc
        calls += [(r.choice(["strdup", "strndup", "grow", "grow"]), "rtlocal")
                  for _ in range(r.randint(1, 4))]
    r.shuffle(calls)
    for n, how in calls:
        own = n in plan
        fill = own and plan[n]["kind"] == "fill"
        if n in ("strlen", "strnlen", "grow") or how == "rtlocal":
            L = r.randint(0, 90)
            pre = ("char b_[%d]; for (int i = 0; i < %d; i++) b_[i] = (char)('a' + (i * 3 + g_one) %% 26);"
                   " b_[%s] = 0; " % (L + 1, L, rtexpr(r, L)))
            if n == "strlen":
                s.append("{ %s%s }" % (pre, acc % "strlen(b_) + 3 * strlen(b_ + rt(0))"))
            elif n == "strnlen":
                s.append("{ %s%s }" % (pre, acc % ("strnlen(b_, %s)" % rtexpr(r, r.randint(0, 100)))))
            elif n == "strdup":
                s.append("{ %schar *t = strdup(b_); if (!t) abort(); %s free(t); }"
                         % (pre, acc % ("%s_hs(t) + strlen(t)" % K)))
            elif n == "strndup":
                s.append("{ %schar *t = strndup(b_, %s); if (!t) abort(); %s free(t); }"
                         % (pre, rtexpr(r, r.randint(0, 100)), acc % ("%s_hs(t) + strlen(t)" % K)))
            else:  # grow: a calloc object grown by realloc, its contents hashed
                NC = r.randint(1, 24)
                NG = r.randint(NC, 120)
                s.append("{ size_t n = %s, m = %s; %s *z = calloc(n, sizeof *z); if (!z) abort();"
                         " z[rt(0)] = (%s)%d; %s *t = realloc(z, m * sizeof *z); if (!t) { free(z); abort(); }"
                         " z = t; for (size_t i = n; i < m; i++) z[i] = (%s)(i + g_one);"
                         " unsigned long h = 0; for (size_t i = 0; i < m; i++) h = H(h, (unsigned long)z[i]);"
                         " %s free(z); }"
                         % (rtexpr(r, NC), r.choice([str(NG), rtexpr(r, NG)]), T, T, r.randint(1, 99),
                            T, T, acc % "h"))
        elif n in ("strdup", "strndup"):
            L = r.randint(0, 24)
            lit = lit_string(r, L)
            if r.random() < 0.4:
                src = "b_"
                pre = ("char b_[%d]; for (int i = 0; i < %d; i++) b_[i] = (char)('a' + (i * 7 + g_one) %% 26);"
                       " b_[%d] = 0; " % (L + 1, L, L))
            else:
                src, pre = '"%s"' % lit, ""
            if n == "strdup":
                call = "strdup(%s)" % src
                if wrap and r.random() < 0.4:
                    call = "%s_dupw(%s)" % (K, src)
                    if not wrapped:
                        wrapped.append(1)
                        d.append("%s char *%s_dupw(const char *s) { return strdup(s); }"
                                 % (r.choice(["NOINLINE static", "static", "static inline"]), K))
            else:
                call = "strndup(%s, %s)" % (src, r.choice([str(r.randint(0, 30)),
                                                           rtexpr(r, r.randint(0, 30))]))
            if how == "keep" and "s1" not in kept:
                kept.add("s1")
                s.append("{ %sroot->s1 = %s; }" % (pre, call))
            elif how == "keep" and "s2" not in kept:
                kept.add("s2")
                s.append("{ %sroot->s2 = %s; }" % (pre, call))
            else:
                s.append("{ %schar *t = %s; %s%s }"
                         % (pre, call, acc % ("%s_hs(t) + (unsigned char)t[0]" % K),
                            "" if how == "leak" else " free(t);"))
        elif n == "calloc":
            NC = r.randint(1, 48)
            cnt = r.choice([str(NC), rtexpr(r, NC)])
            if how == "keep" and "z1" not in kept:
                kept.add("z1")
                s.append("root->z1 = calloc(%s, sizeof(%s)); root->nz1 = %d; root->z1[rt(%d)] = (%s)%d;"
                         % (cnt, T, NC, r.randrange(NC), T, r.randint(1, 99)))
            else:
                s.append("{ %s *z = calloc(%s, sizeof *z); z[rt(%d)] = (%s)%d; unsigned long t = 0;"
                         " for (int i = 0; i < %d; i++) t = H(t, (unsigned long)z[i]); %s%s }"
                         % (T, cnt, r.randrange(NC), T, r.randint(1, 99), NC, acc % "t",
                            "" if how == "leak" else " free(z);"))
        else:  # aligned_alloc, posix_memalign, malloc
            A = r.choice([16, 32, 64, 256, 4096]) if n != "malloc" else 16
            SZ = A * r.randint(1, max(1, 512 // A)) if n != "malloc" else r.randint(1, 200)
            if n == "aligned_alloc":
                mk = "unsigned char *z = aligned_alloc(%d, %d);" % (A, SZ)
            elif n == "posix_memalign":
                mk = ("void *v_; if (posix_memalign(&v_, %d, %d)) abort(); unsigned char *z = v_;"
                      % (A, SZ))
            else:
                mk = "unsigned char *z = malloc(%s);" % r.choice([str(SZ), rtexpr(r, SZ)])
            j = r.randrange(SZ)
            body = [mk]
            if fill:  # the program's own fill: reading it is defined
                body.append(acc % "z[rt(%d)]" % j)
            body.append(acc % ("((uintptr_t)z & %du) == 0" % (A - 1)))
            body.append("memset(z, %d + g_one, %d);" % (r.randint(0, 100), SZ))
            body.append(acc % "z[rt(%d)]" % r.randrange(SZ))
            if how == "keep" and "v1" not in kept:
                kept.add("v1")
                body.append("root->v1 = z;")
            elif how != "leak":
                body.append("free(z);")
            s.append("{ %s }" % " ".join(body))
    for n in names:
        s.append(acc % ("__atomic_load_n(&g_lc_%s, __ATOMIC_RELAXED) - %s_c_%s" % (n, K, n)))
    if any(v["kind"] == "pool" for v in plan.values()):
        s.append(acc % ("g_lc_used - %s_u0" % K))
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_lc *x) {
  unsigned long h = x->acc;
  if (x->s1) h = H(h, %(K)s_hs(x->s1));
  if (x->s2) h = H(h, %(K)s_hs(x->s2) * 5);
  if (x->v1) h = H(h, *(const unsigned char *)x->v1);
  for (int i = 0; i < x->nz1; i++) h = H(h, (unsigned long)x->z1[i]);
  return h;
}""" % dict(A=P.attr(), K=K))
    d.append("%s void %s_free(struct %s_lc *x) { free(x->s1); free(x->s2); free(x->v1); "
             "free(x->z1); free(x); }" % (P.attr(FREEW), K, K))
    return dict(decls="\n".join(d), ty="struct %s_lc" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def aligned_call(r, var, A, size, T="unsigned long"):
    """Statements leaving in `var` (a T *) size bytes aligned to A, by
    aligned_alloc or posix_memalign."""
    if r.random() < 0.55:
        return "%s *%s = aligned_alloc(%d, %s);" % (T, var, A, size)
    return ("%s *%s; { void *v_; if (posix_memalign(&v_, %d, %s)) abort(); %s = v_; }"
            % (T, var, A, size, var))


def aligned_size(r, A):
    """A size for an allocation aligned to A: a multiple of A (aligned_alloc
    asks for one), a few KiB at most."""
    return A * r.randint(1, max(1, 2048 // A)) if A < 4096 else 4096 * r.choice([1, 1, 1, 2])


def b_aligned(P, K):
    """Over-aligned allocations (32 to 4096 bytes) where the stack is
    short: along a chain of distinct helpers (each frame realigned for its
    slot: a slot of alignment A costs the frame up to its size plus 2*A,
    e5c5db2), under a small ulimit stack that leaves the chain budget and
    little more; in helpers run on a thread with a small stack of constant
    size that already uses a quarter of it; in recursion (where nothing may
    be moved); several in one frame with different fates. Every object's
    alignment is checked at run time and folded into the hash."""
    r = P.rng
    d = ["struct %s_ag { unsigned long acc; unsigned long *keep; unsigned long *keep2; int nk, nk2; };" % K]
    s = ["root = %s;" % P.alloc("struct %s_ag" % K),
         "root->acc = 0; root->keep = NULL; root->keep2 = NULL; root->nk = 0; root->nk2 = 0;"]
    acc = "root->acc = H(root->acc, %s);"

    def algn(v, A):
        """v's alignment test: against a constant mask (a test goescape lets
        a slot pass), now and then none, or one against a run-time mask
        (the pointer then escapes as an integer and stays on the heap)."""
        x = r.random()
        if x < 0.8:
            return "((uintptr_t)%s & %du) == 0" % (v, A - 1)
        if x < 0.93:
            return "0"
        return "((uintptr_t)%s & (rt(%d) - 1u)) == 0" % (v, A)
    kinds = r.sample(["chain", "chain", "thread", "rec", "wide", "rtsize"], r.randint(1, 3))
    kinds = list(dict.fromkeys(kinds))
    for q, kind in enumerate(kinds):
        F = "%s_%s%d" % (K, kind, q)
        if kind == "chain":
            # distinct functions, each holding its aligned object across the
            # call of the next: all of them are on the stack at once
            deep = r.random() < 0.6
            D = r.randint(28, 64) if deep else r.randint(2, 12)
            hot = r.random() < 0.5  # a shared aligned scratch helper at every level
            if hot:
                A2 = r.choice([32, 64, 256, 4096])
                SZ2 = aligned_size(r, A2)
                d.append("""NOINLINE static unsigned long %(F)s_scr(unsigned long x) {
  %(al)s
  for (int j = 0; j < %(n)d; j++) b[j] = x * 3 + (unsigned long)j;
  unsigned long h = H((unsigned long)b[rt(%(j)d)], %(chk)s);
  free(b);
  return h;
}""" % dict(F=F, al=aligned_call(r, "b", A2, SZ2), n=SZ2 // 8, j=r.randrange(SZ2 // 8),
                    chk=algn("b", A2)))
            d.append("static unsigned long %s_%d(unsigned long x) { return H(x, %d); }"
                     % (F, D, r.randint(1, 99)))
            for i in reversed(range(D)):
                A = r.choices([32, 64, 256, 4096], weights=[1, 1, 1, 8 if deep else 1])[0]
                SZ = aligned_size(r, A)
                n8 = SZ // 8
                two = r.random() < 0.2
                extra = ""
                if two:
                    extra = ("  %s\n  c[0] = x; h = H(h, c[rt(0)] + (%s));\n"
                             "  free(c);\n" % (aligned_call(r, "c", 64, 256), algn("c", 64)))
                d.append("""%(A_)s unsigned long %(F)s_%(i)d(unsigned long x) {
  %(al)s
  for (int j = 0; j < %(n)d; j++) a[j] = x + (unsigned long)j * %(c)du;
  unsigned long h = %(F)s_%(nx)d(x + a[rt(%(j1)d)]);
%(extra)s%(scr)s  h = H(h, a[rt(%(j2)d)]);
  h = H(h, %(chk)s);
  free(a);
  return h;
}""" % dict(A_=r.choices(["NOINLINE static", "static", "static inline"], weights=[8, 1, 1])[0],
                    F=F, i=i, nx=i + 1, al=aligned_call(r, "a", A, SZ), n=n8,
                    c=r.randint(1, 9), j1=r.randrange(n8), j2=r.randrange(n8), extra=extra,
                    scr="  h = H(h, %s_scr(h));\n" % F
                    if hot and (i == D - 1 or r.random() < 0.5) else "",
                    chk=algn("a", A)))
            s.append(acc % ("%s_0(%s)" % (F, rtexpr(r, r.randint(1, 999)))))
            if deep:
                # leaves goescape's 256 KiB chain budget and some 100 KiB
                # for the rest: enough when the realignment is counted
                P.stack_kb = min(P.stack_kb or 1 << 30, r.choice([352, 384, 448]))
        elif kind == "thread":
            P.threads = True
            S = r.choice([65536, 131072, 262144])
            NT = r.randint(1, 3)
            D = r.randint(3, 16)
            for i in reversed(range(D)):
                A = r.choices([32, 64, 256, 4096], weights=[1, 1, 1, 5])[0]
                SZ = aligned_size(r, A)
                n8 = SZ // 8
                nxt = ("%s_h%d(x + a[rt(%d)])" % (F, i + 1, r.randrange(n8))
                       if i + 1 < D else "H(x, 1)")
                d.append("""%(A_)s unsigned long %(F)s_h%(i)d(unsigned long x) {
  %(al)s
  for (int j = 0; j < %(n)d; j++) a[j] = x ^ (unsigned long)j;
  unsigned long h = %(nxt)s;
  h = H(h, a[rt(%(j)d)] + (%(chk)s));
  free(a);
  return h;
}""" % dict(A_=r.choice(["NOINLINE static", "NOINLINE static", "static"]), F=F, i=i,
                    al=aligned_call(r, "a", A, SZ), n=n8, nxt=nxt, j=r.randrange(n8),
                    chk=algn("a", A)))
            # the thread uses a quarter of its stack itself: goescape may add
            # at most another quarter there
            d.append("""struct %(F)s_arg { int id; unsigned long out; };
static void *%(F)s_work(void *p) {
  struct %(F)s_arg *t = p;
  volatile unsigned char big[%(B)d];
  for (int i = 0; i < %(B)d; i += 64) big[i] = (unsigned char)(i + t->id);
  t->out = H(%(F)s_h0((unsigned long)t->id + g_one), big[rt(%(Bj)d)]);
  return NULL;
}
%(A_)s unsigned long %(F)s_run(void) {
  pthread_attr_t at;
  pthread_t th[%(NT)d];
  struct %(F)s_arg ta[%(NT)d];
  pthread_attr_init(&at);
  pthread_attr_setstacksize(&at, %(S)d);
  for (int i = 0; i < %(NT)d; i++) {
    ta[i].id = i; ta[i].out = 0;
    if (pthread_create(&th[i], &at, %(F)s_work, &ta[i])) abort();
  }
  unsigned long h = 0;
  for (int i = 0; i < %(NT)d; i++) { pthread_join(th[i], NULL); h = H(h, ta[i].out); }
  pthread_attr_destroy(&at);
  return h;
}""" % dict(F=F, B=S // 4, Bj=r.randrange(S // 4 // 64) * 64, NT=NT, S=S,
                    A_=r.choice(["NOINLINE static", "static"])))
            s.append(acc % ("%s_run()" % F))
        elif kind == "rec":
            A = r.choice([32, 64, 256, 4096])
            SZ = aligned_size(r, A)
            n8 = SZ // 8
            mutual = r.random() < 0.4
            other = "%s_b" % F if mutual else "%s_a" % F
            if mutual:
                d.append("static unsigned long %s_b(unsigned d, const unsigned long *up);" % F)
            d.append("""%(A_)s unsigned long %(F)s_a(unsigned d, const unsigned long *up) {
  %(al)s
  for (int j = 0; j < %(n)d; j++) a[j] = (up ? up[j %% 4] : 1u) + d;
  unsigned long h = d ? %(other)s(d - 1, a) : 5;
  h = H(h, a[rt(%(j)d)] + (%(chk)s));
  free(a);
  return h;
}""" % dict(A_=r.choice(["NOINLINE static", "static"]), F=F, al=aligned_call(r, "a", A, SZ),
                    n=n8, other=other, j=r.randrange(n8), chk=algn("a", A)))
            if mutual:
                A2 = r.choice([32, 64, 256, 4096])
                SZ2 = aligned_size(r, A2)
                d.append("""static unsigned long %(F)s_b(unsigned d, const unsigned long *up) {
  %(al)s
  for (int j = 0; j < %(n)d; j++) b[j] = up[j %% 4] * 3u;
  unsigned long h = %(F)s_a(d, b);
  h = H(h, b[rt(0)] + (%(chk)s));
  free(b);
  return h;
}""" % dict(F=F, al=aligned_call(r, "b", A2, SZ2), n=SZ2 // 8, chk=algn("b", A2)))
            s.append(acc % ("%s_a(%s, NULL)" % (F, rtexpr(r, r.randint(0, 40)))))
        elif kind == "wide":
            # several aligned objects in one frame: freed, kept in the root,
            # leaked, freed on a run-time condition
            for i in range(r.randint(2, 5)):
                A = r.choice([32, 64, 256, 4096])
                SZ = aligned_size(r, A)
                n8 = SZ // 8
                v = "%s_w%d" % (F, i)
                s.append(aligned_call(r, v, A, SZ))
                s.append("for (int j = 0; j < %d; j++) %s[j] = (unsigned long)j * %du + (unsigned)g_one;"
                         % (n8, v, r.randint(1, 9)))
                s.append(acc % ("%s[rt(%d)] + (%s)" % (v, r.randrange(n8),
                                                                      algn(v, A))))
                fate = r.choice(["free", "free", "keep", "leak", "freeif"])
                if fate == "keep" and not root_taken(s, "keep"):
                    s.append("root->keep = %s; root->nk = %d; /* keep */" % (v, n8))
                elif fate == "keep" and not root_taken(s, "keep2"):
                    s.append("root->keep2 = %s; root->nk2 = %d; /* keep2 */" % (v, n8))
                elif fate == "freeif":
                    s.append("if (rt(1)) free(%s);" % v)
                elif fate != "leak":
                    s.append("free(%s);" % v)
        else:  # rtsize: run-time sizes, the small buffer and the heap path
            for i in range(r.randint(1, 3)):
                A = r.choice([32, 64, 256])
                k = r.randint(1, 4)
                v = "%s_r%d" % (F, i)
                s.append(aligned_call(r, v, A, "%d * %s" % (A, rtexpr(r, k))))
                s.append("for (int j = 0; j < %d; j++) %s[j] = (unsigned long)j ^ %du;"
                         % (A * k // 8, v, r.randint(1, 99)))
                s.append(acc % ("%s[rt(%d)] + (%s)"
                                % (v, r.randrange(A * k // 8), algn(v, A))))
                s.append("free(%s);" % v)
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_ag *x) {
  unsigned long h = x->acc;
  for (int i = 0; i < x->nk; i++) h = H(h, x->keep[i]);
  for (int i = 0; i < x->nk2; i++) h = H(h, x->keep2[i] * 3);
  return h;
}""" % dict(A=P.attr(), K=K))
    d.append("%s void %s_free(struct %s_ag *x) { free(x->keep); free(x->keep2); free(x); }"
             % (P.attr(FREEW), K, K))
    return dict(decls="\n".join(d), ty="struct %s_ag" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def root_taken(stmts, field):
    return any(st.endswith("/* %s */" % field) for st in stmts)


def b_macro(P, K):
    """Several allocations at one source position with different fates: a
    macro that allocates two or three times (the calls share line and
    column), two calls written on one line, and an inlinable helper with one
    site inlined at several calls. One copy is freed where it was made,
    another kept in a global or the root and read after the maker's frame
    is gone (and a frame that scribbles over its stack has run), so a
    verdict of one copy given to another shows (baede20: copies at one
    position get their own verdicts)."""
    r = P.rng
    N = r.randint(1, 4)
    d = ["struct %s_m { unsigned long acc; void *held[%d]; int nheld[%d]; };" % (K, 3 * N + 3,
                                                                                 3 * N + 3),
         "#define %s_TWO(a, b, n1, n2) ((a) = malloc(n1), (b) = malloc(n2))" % K,
         "#define %s_TWOC(a, b, n) ((a) = calloc(n, 1), (b) = calloc(n, 1))" % K,
         "#define %s_DUP2(a, b, s) ((a) = strdup(s), (b) = strdup(s))" % K,
         "#define %s_THREE(a, b, c, n) ((a) = malloc(n), (b) = malloc(n), (c) = malloc(n))" % K,
         "#define %s_AL2(a, b, A, n) ((a) = aligned_alloc(A, n), (b) = aligned_alloc(A, n))" % K]
    d.append("""%(A)s unsigned long %(K)s_hb(const unsigned char *p, int n) {
  unsigned long h = 17;
  for (int i = 0; i < n; i++) h = H(h, p[i]);
  return h;
}""" % dict(A=P.attr(), K=K))
    d.append("""NOINLINE static unsigned long %(K)s_scribble(unsigned v) {
  volatile unsigned char junk[4096];
  for (int i = 0; i < 4096; i++) junk[i] = (unsigned char)(v + i);
  return junk[rt(%(j)d)];
}""" % dict(K=K, j=r.randrange(4096)))
    kill_attr = P.attr()
    held = [0]
    s = ["root = %s;" % P.alloc("struct %s_m" % K), "root->acc = 0;",
         "for (int i = 0; i < %d; i++) { root->held[i] = NULL; root->nheld[i] = 0; }" % (3 * N + 3)]
    acc = "r->acc = H(r->acc, %s);"
    inline_new = r.random() < 0.5
    if inline_new:
        NS = r.randint(1, 64)
        new_decl = ("""static inline unsigned char *%(K)s_new(unsigned v) {
  unsigned char *p = %(al)s;
  for (int i = 0; i < %(n)d; i++) p[i] = (unsigned char)(v + i);
  return p;
}""" % dict(K=K, al=r.choice(["malloc(%d)" % NS, "calloc(%d, 1)" % NS, "malloc(%s)" % rtexpr(r, NS)]),
            n=NS))

    OUT, FREE = ("global", "held", "keep"), ("free", "kill", "freeif")

    def fates(k):
        """k fates; when k > 1, at least one copy that is freed in the
        maker and one that outlives it."""
        f = [r.choice(["free", "free", "kill", "freeif", "global", "held", "held", "keep",
                       "leak"]) for _ in range(k)]
        if k > 1:
            if not any(x in OUT for x in f):
                f[r.randrange(k)] = r.choice(OUT)
            if not any(x in FREE for x in f):
                nout = sum(x in OUT for x in f)
                cands = [i for i in range(k) if f[i] not in OUT or nout > 1]
                f[r.choice(cands)] = r.choice(FREE)
        return f

    def apply(v, n, fate, out):
        """What happens to v (n bytes) after it was filled and read."""
        if fate == "free":
            out.append("free(%s);" % v)
        elif fate == "kill":
            kill = "%s void %s_kill(void *p) { free(p); }" % (kill_attr, K)
            if kill not in d:
                d.append(kill)
            out.append("%s_kill(%s);" % (K, v))
        elif fate == "freeif":
            out.append("if (rt(1)) free(%s);" % v)
        elif fate == "global":
            sl = P.slot()
            out.append("g_keep[%d] = %s;" % (sl, v))
            glob.append((sl, n))
        elif fate == "keep":
            sl = P.slot()
            d.append("%s void %s_keep%d(void *p) { g_keep[%d] = p; }" % (P.attr(), K, sl, sl))
            out.append("%s_keep%d(%s);" % (K, sl, v))
            glob.append((sl, n))
        elif fate == "held":
            h = held[0]
            held[0] += 1
            out.append("r->held[%d] = %s; r->nheld[%d] = %d;" % (h, v, h, n))
        # leak: nothing

    glob = []
    for m in range(N):
        kind = r.choice(["two", "twoc", "dup2", "three", "al2", "line", "loop"]
                        + (["inl"] if inline_new else []))
        body = []
        if kind in ("two", "twoc", "al2", "line"):
            if kind == "al2":
                A = r.choice([32, 64, 256, 4096])
                n1 = n2 = aligned_size(r, A)
                mk = "%s_AL2(a, b, %d, %d);" % (K, A, n1)
            elif kind == "twoc":
                n1 = n2 = r.randint(1, 200)
                mk = "%s_TWOC(a, b, %s);" % (K, r.choice([str(n1), rtexpr(r, n1)]))
            else:
                n1, n2 = r.randint(1, 200), r.randint(1, 200)
                if r.random() < 0.5:
                    n2 = n1
                e1 = r.choice([str(n1), rtexpr(r, n1)])
                e2 = r.choice([str(n2), rtexpr(r, n2)])
                mk = ("%s_TWO(a, b, %s, %s);" % (K, e1, e2) if kind == "two"
                      else "a = malloc(%s); b = malloc(%s);" % (e1, e2))
            body.append("unsigned char *a, *b; %s" % mk)
            vs = [("a", n1), ("b", n2)]
        elif kind == "three":
            n1 = r.randint(1, 128)
            body.append("unsigned char *a, *b, *c; %s_THREE(a, b, c, %s);"
                        % (K, r.choice([str(n1), rtexpr(r, n1)])))
            vs = [("a", n1), ("b", n1), ("c", n1)]
        elif kind == "dup2":
            L = r.randint(0, 40)
            body.append('unsigned char *a, *b; { char *a_, *b_; %s_DUP2(a_, b_, "%s"); '
                        'a = (unsigned char *)a_; b = (unsigned char *)b_; }'
                        % (K, lit_string(r, L)))
            vs = [("a", L + 1), ("b", L + 1)]
        elif kind == "inl":
            if new_decl not in d:
                d.append(new_decl)
            body.append("unsigned char *a = %s_new(%d), *b = %s_new(%d);"
                        % (K, r.randint(0, 99), K, r.randint(0, 99)))
            vs = [("a", NS), ("b", NS)]
        else:  # loop: the macro in a loop, one copy freed per iteration, one kept
            n1 = r.randint(1, 64)
            it = r.randint(1, 3)
            h = held[0]
            held[0] += it
            fa, kb = r.choice([("a", "b"), ("b", "a")])
            body.append("""for (unsigned i = 0; i < %(it)s; i++) {
    unsigned char *a, *b; %(K)s_TWO(a, b, %(n)d, %(n)d);
    for (int j = 0; j < %(n)d; j++) { a[j] = (unsigned char)(i + j); b[j] = (unsigned char)(i * 3 + j + g_one); }
    %(acc)s
    free(%(fa)s); r->held[%(h)d + i] = %(kb)s; r->nheld[%(h)d + i] = %(n)d;
  }""" % dict(it=rtexpr(r, it), K=K, n=n1, h=h, fa=fa, kb=kb,
                        acc=acc % ("%s_hb(a, %d) + %s_hb(b, %d)" % (K, n1, K, n1))))
            vs = []
        for v, n in vs:
            if kind != "dup2":
                body.append("for (int j = 0; j < %d; j++) %s[j] = (unsigned char)(j * %d + %d + g_one);"
                            % (n, v, r.randint(1, 9), r.randint(0, 99)))
            body.append(acc % ("%s_hb(%s, %d)" % (K, v, n)))
        fs = fates(len(vs))
        for (v, n), f in zip(vs, fs):
            apply(v, n, f, body)
        d.append("%s void %s_mk%d(struct %s_m *r) {\n  %s\n}"
                 % (r.choice(["NOINLINE static", "NOINLINE static", "static"]), K, m, K,
                    "\n  ".join(body)))
        s.append("%s_mk%d(root);" % (K, m))
        s.append("root->acc = H(root->acc, %s_scribble(%d));" % (K, r.randint(0, 255)))
    rd = ["  unsigned long h = x->acc;",
          "  for (int i = 0; i < %d; i++) if (x->held[i]) h = H(h, %s_hb(x->held[i], x->nheld[i]));"
          % (3 * N + 3, K)]
    fr = ["  for (int i = 0; i < %d; i++) free(x->held[i]);" % (3 * N + 3)]
    for sl, n in glob:
        rd.append("  h = H(h, %s_hb(g_keep[%d], %d));" % (K, sl, n))
        fr.append("  free(g_keep[%d]); g_keep[%d] = NULL;" % (sl, sl))
    fr.append("  free(x);")
    d.append("%s unsigned long %s_read(const struct %s_m *x) {\n%s\n  return h;\n}"
             % (P.attr(), K, K, "\n".join(rd)))
    d.append("%s void %s_free(struct %s_m *x) {\n%s\n}" % (P.attr(FREEW), K, K, "\n".join(fr)))
    return dict(decls="\n".join(d), ty="struct %s_m" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


# --------------------------------------------------------------------------
# Growth by realloc (b_realloc). goescape lets an object that its own
# function grows by libc realloc start in a 64-byte stack slot and move to
# the heap when it outgrows it. The shapes: dynamic arrays doubled (or grown
# by steps) by NULL-checked realloc, string builders grown by realloc with
# strcat or memcpy, realloc to a smaller size and back, realloc(p, 0)
# (glibc and ASan free and return NULL), realloc to a huge size that must
# fail with the old object still valid and read on the failure path,
# realloc of NULL, growth inside loops with the object freed each
# iteration, helpers returning the grown object on some paths only, and
# sizes from argc (rt) and from a data table on both sides of 64 bytes;
# objects start from malloc, calloc, realloc(NULL) or strdup. Every object's
# contents are hashed, so a short or wrong copy shows.
# --------------------------------------------------------------------------

RA_TYPES = ["int", "long", "unsigned char", "short", "unsigned", "char"]


def b_realloc(P, K):
    r = P.rng
    tab = []   # K_sz: sizes as data

    def sz(v):
        """v as a constant, an rt() expression, or an entry of the table."""
        c = r.choices(["const", "rt", "tab"], weights=[2, 3, 2])[0]
        if c == "const":
            return "%du" % v
        if c == "rt":
            return rtexpr(r, v)
        tab.append(v)
        return "%s_sz[rt(%d)]" % (K, len(tab) - 1)

    def small_or_big():
        # element counts whose byte sizes fall on both sides of the 64-byte slot
        return r.choice([r.randint(1, 8), r.randint(1, 16), r.randint(9, 40),
                         r.randint(30, 200), r.randint(60, 70)])

    nslot = 3
    kept = []  # root slots used

    def fate(ptr, nbytes):
        """free the object, keep it in the root, or leak it."""
        f = r.choices(["free", "keep", "leak"], weights=[6, 3, 0.4])[0]
        if f == "keep" and len(kept) < nslot:
            j = len(kept)
            kept.append(j)
            return "root->o[%d] = (unsigned char *)%s; root->on[%d] = %s;" % (j, ptr, j, nbytes)
        if f == "leak":
            return ""
        return "free(%s);" % ptr

    acc = "root->acc = H(root->acc, %s);"
    hb = K + "_hb"
    rfn = "realloc"
    if r.random() < 0.3:  # now and then through a helper (inlined or not)
        rfn = K + "_rw"
    d = ["struct %s_ra { unsigned long acc; unsigned char *o[%d]; size_t on[%d]; };"
         % (K, nslot, nslot)]
    d.append("""%(A)s unsigned long %(K)s_hb(const void *p, size_t n) {
  const unsigned char *b = p;
  unsigned long h = 7 + n;
  for (size_t i = 0; i < n; i++) h = H(h, b[i]);
  return h;
}""" % dict(A=P.attr(), K=K))
    if rfn != "realloc":
        d.append("%s void *%s_rw(void *p, size_t n) { return realloc(p, n); }"
                 % (r.choice(["NOINLINE static", "static inline", "ALWAYS"]), K))
    pieces = [lit_string(r, r.choice([0, 1, 3, 7, 12, 30, 70])) for _ in range(r.randint(2, 6))]
    d.append("static const char *const %s_pc[%d] = { %s };"
             % (K, len(pieces), ", ".join('"%s"' % p for p in pieces)))
    huge = False
    s = ["root = %s;" % P.alloc("struct %s_ra" % K),
         # acc not 0: malloc + zero stores would become a call of calloc, and
         # a program's own static calloc, its parameters changed by
         # interprocedural optimisation, then gets the wrong arguments (a
         # plain -O2 miscompile, seen as generator rejects)
         "root->acc = rt(7); for (int i = 0; i < %d; i++) { root->o[i] = NULL; root->on[i] = 0; }"
         % nslot]
    helpers = 0
    for _ in range(r.randint(2, 6)):
        k = r.choices(["dyn", "str", "shrink", "zero", "huge", "null", "loop", "ret"],
                      weights=[4, 4, 2, 1.5, 1.5, 2, 3, 2.5])[0]
        T = r.choice(RA_TYPES)
        C = r.randint(1, 999)
        if k == "dyn":
            init = r.choice([1, 2, 3, 4, 8, 15, 16, 17, 32])
            cnt = small_or_big()
            start = r.choice(["malloc", "calloc", "reallocnull"])
            if start == "malloc":
                mk = "malloc(cap * sizeof *a)"
            elif start == "calloc":
                mk = "calloc(cap, sizeof *a)"
            else:
                mk = "realloc(NULL, cap * sizeof *a)"
            grow = r.choice(["cap * 2", "cap * 2", "cap + %d" % r.randint(1, 9), "cap * 3 / 2 + 1"])
            pre = ""
            if start == "calloc" and r.random() < 0.5:  # calloc's zeroes read
                pre = acc % ("%s(a, cap * sizeof *a)" % hb) + " "
            s.append("{ size_t cap = %s, n = 0; %s *a = %s; if (!a) abort(); %s"
                     "for (unsigned i = 0; i < %s; i++) {"
                     " if (n == cap) { size_t nc = %s; %s *t = %s(a, nc * sizeof *a);"
                     " if (!t) { free(a); abort(); } a = t; cap = nc; }"
                     " a[n++] = (%s)(i * %du + g_one); }"
                     " %s %s }"
                     % (sz(init), T, mk, pre, sz(cnt), grow, T, rfn, T, C,
                        acc % ("%s(a, n * sizeof *a)" % hb), fate("a", "n * sizeof *a")))
        elif k == "str":
            cnt = r.randint(1, 12)
            start = r.choice(["malloc", "calloc", "strdup", "reallocnull"])
            if start == "strdup" and P.libc and P.libc.get("strdup", {}).get("kind") == "pool":
                start = "malloc"  # the program's pool strdup: not realloc's to grow
            if start == "strdup":
                P.realloc_strdup = True
                lit = lit_string(r, r.choice([0, 2, 9, 40, 80]))
                if r.random() < 0.5:
                    mk = ('char *s = strdup("%s"); if (!s) abort(); size_t len = strlen(s),'
                          ' cap = len + 1;' % lit)
                else:  # a run-time string
                    mk = ('char b_[%d]; for (int i = 0; i < %d; i++) b_[i] = (char)(\'a\' + (i * 5 + g_one) %% 26);'
                          ' b_[%d] = 0; char *s = strdup(b_); if (!s) abort(); size_t len = strlen(s),'
                          ' cap = len + 1;' % (len(lit) + 1, len(lit), len(lit)))
            else:
                init = r.choice([1, 2, 8, 16, 33, 64, 65, 100])
                alloc = {"malloc": "malloc(cap)", "calloc": "calloc(cap, 1)",
                         "reallocnull": "realloc(NULL, cap)"}[start]
                mk = "size_t cap = %s, len = 0; char *s = %s; if (!s) abort(); s[0] = 0;" % (sz(init), alloc)
            app = r.choice(["strcat", "memcpy"])
            cp = "strcat(s, pc);" if app == "strcat" else "memcpy(s + len, pc, pl + 1);"
            grow = r.choice(["cap * 2 > need ? cap * 2 : need", "need", "need + %d" % r.randint(1, 40)])
            s.append("{ %s for (unsigned i = 0; i < %s; i++) {"
                     " const char *pc = %s_pc[(i * %du + g_one) %% %d]; size_t pl = strlen(pc), need = len + pl + 1;"
                     " if (need > cap) { size_t nc = %s; char *t = %s(s, nc); if (!t) { free(s); abort(); }"
                     " s = t; cap = nc; } %s len += pl; }"
                     " %s %s %s }"
                     % (mk, sz(cnt), K, r.randint(1, 9), len(pieces), grow, rfn, cp,
                        acc % ("%s(s, len + 1)" % hb), acc % "strlen(s)", fate("s", "len + 1")))
        elif k == "shrink":
            n1 = small_or_big() + 1
            n2 = r.randint(1, n1)
            n3 = r.choice([n1, small_or_big() + n2, r.randint(n2, n2 + 10)])
            start = r.choice(["malloc(n1 * sizeof *p)", "calloc(n1, sizeof *p)"])
            s.append("{ size_t n1 = %s, n2 = %s, n3 = %s; %s *p = %s; if (!p) abort();"
                     " for (size_t i = 0; i < n1; i++) p[i] = (%s)(i * %du + g_one);"
                     " %s *q = %s(p, n2 * sizeof *p); if (!q) { free(p); abort(); } p = q;"
                     " %s"
                     " q = %s(p, n3 * sizeof *p); if (!q) { free(p); abort(); } p = q;"
                     " for (size_t i = n2; i < n3; i++) p[i] = (%s)(i ^ %du);"
                     " %s %s }"
                     % (sz(n1), sz(n2), sz(n3), T, start, T, C, T, rfn,
                        acc % ("%s(p, n2 * sizeof *p)" % hb), rfn, T, r.randint(1, 99),
                        acc % ("%s(p, n3 * sizeof *p)" % hb), fate("p", "n3 * sizeof *p")))
        elif k == "zero":
            n = small_or_big()
            zs = r.choice(["0", "rt(0)"])
            pre = ""
            if r.random() < 0.5:  # grown first, then realloc(p, 0)
                pre = (" { %s *t = %s(p, %s * sizeof *p); if (!t) { free(p); abort(); } p = t;"
                       " for (size_t i = 0; i < n; i++) p[i] += 1; }" % (T, rfn, "n * 2"))
            s.append("{ size_t n = %s; %s *p = malloc(n * sizeof *p); if (!p) abort();"
                     " for (size_t i = 0; i < n; i++) p[i] = (%s)(i + %du + g_one);%s"
                     " %s void *q = realloc(p, %s); %s if (q) free(q); }"
                     % (sz(n), T, T, C, pre, acc % ("%s(p, n * sizeof *p)" % hb), zs,
                        acc % "q == NULL"))
        elif k == "huge":
            huge = True
            n = small_or_big()
            big = r.choice(["SIZE_MAX - rt(%d)" % r.randint(0, 64), "(SIZE_MAX >> 1) + rt(%d)" % r.randint(1, 9),
                            "(size_t)-1 / sizeof *p * rt(1)"])
            after = ""
            if r.random() < 0.5:  # then grown for real
                m = r.randint(1, 80)
                after = (" { %s *t = %s(p, (n + %d) * sizeof *p); if (!t) { free(p); abort(); } p = t;"
                         " for (size_t i = n; i < n + %d; i++) p[i] = (%s)i; n += %d; }"
                         % (T, rfn, m, m, T, m))
            s.append("{ size_t n = %s; %s *p = %s; if (!p) abort();"
                     " for (size_t i = 0; i < n; i++) p[i] = (%s)(i * %du + g_one);"
                     " %s *q = %s(p, %s);"
                     " if (q) { %s free(q); } else { %s p[rt(0)] ^= 1; %s%s %s } }"
                     % (sz(n), T, r.choice(["malloc(n * sizeof *p)", "calloc(n, sizeof *p)"]),
                        T, C, T, rfn, big, acc % "999", acc % ("%s(p, n * sizeof *p)" % hb),
                        acc % ("%s(p, n * sizeof *p)" % hb), after, fate("p", "n * sizeof *p")))
        elif k == "null":
            cnt = small_or_big()
            s.append("{ %s *p = NULL; size_t n = 0; for (unsigned i = 0; i < %s; i++) {"
                     " %s *t = %s(p, (n + 1) * sizeof *p); if (!t) { free(p); abort(); } p = t;"
                     " p[n] = (%s)(i * %du + g_one); n++; } %s %s }"
                     % (T, sz(cnt), T, rfn, T, C, acc % ("%s(p, n * sizeof *p)" % hb),
                        fate("p", "n * sizeof *p") if r.random() < 0.8 else "free(p);"))
        elif k == "loop":
            it = r.randint(1, 6)
            base, step = r.randint(1, 40), r.choice([0, 7, 16, 30, 64])
            start = r.choice(["malloc(%s * sizeof *p)", "calloc(%s, sizeof *p)", "realloc(NULL, %s * sizeof *p)"])
            init = r.choice([1, 4, 8, 16])
            keep = ""
            if r.random() < 0.3 and len(kept) < nslot:  # the last one kept
                j = len(kept)
                kept.append(j)
                keep = ("if (it + 1 == %s) { root->o[%d] = (unsigned char *)p; root->on[%d] = n * sizeof *p; continue; } "
                        % ("rt(%d)" % it, j, j))
            s.append("for (unsigned it = 0; it < %s; it++) { size_t want = %s + it * %du, cap = %d, n = 0;"
                     " %s *p = %s; if (!p) abort();"
                     " while (n < want) { if (n == cap) { %s *t = %s(p, cap * 2 * sizeof *p);"
                     " if (!t) { free(p); abort(); } p = t; cap *= 2; } p[n] = (%s)(n * %du + it); n++; }"
                     " %s %sfree(p); }"
                     % (rtexpr(r, it), sz(base), step, init, T, start % init, T, rfn, T, C,
                        acc % ("%s(p, n * sizeof *p)" % hb), keep))
        else:  # ret: a helper grows its own object and returns it on some paths
            helpers += 1
            hn = "%s_gr%d" % (K, helpers)
            init = r.choice([1, 2, 4, 8, 16])
            cond = r.choice(["keep", "n > %d" % r.randint(1, 40), "keep && (n & 1)"])
            start = r.choice(["malloc(cap * sizeof *p)", "calloc(cap, sizeof *p)"])
            d.append("""%(A)s %(T)s *%(hn)s(size_t n, unsigned keep, unsigned long *h) {
  size_t cap = %(init)d;
  %(T)s *p = %(start)s;
  if (!p) abort();
  for (size_t i = 0; i < n; i++) {
    if (i == cap) {
      %(T)s *t = realloc(p, cap * 2 * sizeof *p);
      if (!t) { free(p); return NULL; }
      p = t; cap *= 2;
    }
    p[i] = (%(T)s)(i * %(C)du + keep);
  }
  *h = H(*h, %(hb)s(p, n * sizeof *p));
  if (%(cond)s) return p;
  free(p);
  return NULL;
}""" % dict(A=P.attr(), T=T, hn=hn, init=init, start=start, C=C, hb=hb, cond=cond))
            n = small_or_big()
            s.append("{ unsigned long h = 0; size_t n = %s; %s *p = %s(n, %s, &h); %s"
                     " if (p) { %s %s } }"
                     % (sz(n), T, hn, rtexpr(r, r.randint(0, 1)), acc % "h",
                        acc % ("%s(p, n * sizeof *p)" % hb), fate("p", "n * sizeof *p")))
    if tab:
        d.insert(1, "static const unsigned %s_sz[%d] = { %s };"
                 % (K, len(tab), ", ".join(str(v) for v in tab)))
    if huge:
        P.huge = True
    d.append("""%(A)s unsigned long %(K)s_read(const struct %(K)s_ra *x) {
  unsigned long h = x->acc;
  for (int i = 0; i < %(N)d; i++) if (x->o[i]) h = H(h, %(K)s_hb(x->o[i], x->on[i]));
  return h;
}""" % dict(A=P.attr(), K=K, N=nslot))
    d.append("%s void %s_free(struct %s_ra *x) { for (int i = 0; i < %d; i++) free(x->o[i]); free(x); }"
             % (P.attr(FREEW), K, K, nslot))
    return dict(decls="\n".join(d), ty="struct %s_ra" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def b_ctor(P, K):
    """Constructors that are not inlined (goescape gives a caller whose use
    does not escape a slot and calls a copy of the constructor that fills
    it), and functions that look like one but are not: a constructor that
    exits, returns NULL or frees on a failed initialisation, callocs,
    aligned_allocs, stores its arguments (a caller's pointer too) into the
    object; one that keeps the object in a global, points it at itself,
    returns a global on a path, or allocates in a loop. Callers read the
    results and free them, keep them in the root or a global, carry them
    across loop iterations, or link them into a list."""
    r = P.rng
    R = r.randint(1, 12)
    d = ["struct %s_c { long v; struct %s_c *link; const long *src; long w[%d]; };"
         % (K, K, R),
         "struct %s_cr { struct %s_c *kept; struct %s_c *list; unsigned long acc; };"
         % (K, K, K),
         "long %s_g[4];" % K,
         "struct %s_c %s_spare;" % (K, K),
         "struct %s_c *%s_last;" % (K, K)]
    fill = "  o->v = v; o->link = NULL; o->src = NULL;\n" \
           "  for (int i = 0; i < %d; i++) o->w[i] = v * (i + 3) + g_one;\n" % R
    shapes = ["exit", "null", "calloc", "freefail", "aligned", "src", "plain",
              "last", "self", "spare", "loop", "grow"]
    ctors = []
    for n in range(r.randint(2, 4)):
        sh = r.choice(shapes)
        a = r.choice(["NOINLINE static", "NOINLINE", "NOINLINE static", "static inline"])
        name = "%s_new%d" % (K, n)
        alloc = "malloc(sizeof *o)"
        pre, post = "", ""
        if sh == "calloc":
            alloc = "calloc(1, sizeof *o)"
        elif sh == "aligned":
            alloc = "aligned_alloc(64, (sizeof *o + 63) / 64 * 64)"
        body = "  struct %s_c *o = %s;\n" % (K, alloc)
        if sh == "exit":
            body += '  if (!o) { fputs("oom\\n", stderr); exit(3); }\n'
        elif sh in ("null", "calloc", "aligned", "freefail", "src"):
            body += "  if (!o) return NULL;\n"
        elif sh == "spare":
            pre = "  if (v < 0) return &%s_spare;\n" % K
            body += "  if (!o) abort();\n"
        elif sh == "loop":
            body = ("  struct %s_c *o = NULL;\n"
                    "  for (unsigned k = 0; k <= rt(%d); k++) {\n"
                    "    struct %s_c *q = malloc(sizeof *q);\n"
                    "    if (!q) abort();\n"
                    "    if (o) { memcpy(q, o, sizeof *q); free(o); }\n"
                    "    o = q;\n  }\n" % (K, r.randint(0, 2), K))
        else:
            body += "  if (!o) abort();\n"
        if sh == "calloc":
            body += "  o->v = v;\n  if (o->w[%d] != 0) abort();\n" % r.randrange(R)
            body += "  for (int i = 0; i < %d; i += 2) o->w[i] = v + i;\n" % R
        else:
            body += fill
        if sh == "aligned":
            body += "  o->v += (long)(((uintptr_t)o % 64) != 0);\n"
        if sh == "freefail":
            body += "  if (v %% %d == 0) { free(o); return NULL; }\n" % r.randint(2, 5)
        if sh == "src":
            body += "  o->src = src; o->v += src[0];\n"
        if sh == "grow":  # a realloc by hand: frees the object it is given
            body += "  if (old) { o->v += old->v; free(old); }\n"
        if sh == "last":
            post = "  %s_last = o;\n" % K
        if sh == "self":
            post = "  o->link = o;\n"
        params = {"src": "long v, const long *src",
                  "grow": "long v, struct %s_c *old" % K}.get(sh, "long v")
        d.append("%s struct %s_c *%s(%s) {\n%s%s%s  return o;\n}"
                 % (a, K, name, params, pre, body, post))
        ctors.append((name, sh))
    d.append("%s unsigned long %s_rd(const struct %s_c *o) {\n"
             "  unsigned long h = (unsigned long)o->v;\n"
             "  for (int i = 0; i < %d; i++) h = H(h, (unsigned long)o->w[i]);\n"
             "  if (o->src) h = H(h, (unsigned long)o->src[1]);\n"
             "  if (o->link == o) h = H(h, 7);\n"
             "  return h;\n}" % (P.attr(), K, K, R))
    s = ["root = %s;" % P.alloc("struct %s_cr" % K),
         "root->kept = NULL; root->list = NULL; root->acc = 0;",
         "%s_g[0] = %d; %s_g[1] = %d;" % (K, r.randint(1, 99), K, r.randint(1, 99))]

    def call(name, sh, v):
        if sh == "src":
            return "%s(%s, %s_g)" % (name, v, K)
        if sh == "grow":  # a fresh object of the caller's, or none
            return "%s(%s, %s)" % (name, v, r.choice([
                "calloc(1, sizeof(struct %s_c))" % K, "NULL"]))
        return "%s(%s)" % (name, v)

    def may_null(sh):
        return sh in ("null", "calloc", "aligned", "freefail", "src")

    def fin(x, sh):
        """Frees x unless it may be the spare (a global); for a
        constructor that remembers its object, reads it through the global
        first (while it is alive)."""
        if sh == "spare":
            return "if (%s != &%s_spare) free(%s);" % (x, K, x)
        if sh == "last":
            return ("root->acc = H(root->acc, (unsigned long)%s_last->w[0]);"
                    " %s_last = NULL; free(%s);" % (K, K, x))
        return "free(%s);" % x

    for j in range(r.randint(2, 6)):
        name, sh = r.choice(ctors)
        use = r.choice(["local", "local", "loop", "carry", "list", "keep", "global"])
        v = rtexpr(r, r.randint(0, 40))
        if sh == "spare" and r.random() < 0.3:
            v = "(long)rt(0) - 1"
        guard = "if (!x%d) root->acc = H(root->acc, 99); else " % j if may_null(sh) else ""
        if use == "local":
            s.append("{ struct %s_c *x%d = %s; %s{ root->acc = H(root->acc, %s_rd(x%d)); %s } }"
                     % (K, j, call(name, sh, v), guard, K, j, fin("x%d" % j, sh)))
        elif use == "loop":
            s.append("for (unsigned i = 0; i < rt(%d); i++) { struct %s_c *x%d = %s; %s{"
                     " root->acc = H(root->acc, %s_rd(x%d)); %s } }"
                     % (r.randint(1, 6), K, j, call(name, sh, "(long)i + %s" % v), guard,
                        K, j, fin("x%d" % j, sh)))
        elif use == "carry" and not may_null(sh) and sh != "spare":
            s.append("{ struct %s_c *p%d = %s;\n"
                     "  for (unsigned i = 0; i < rt(%d); i++) {\n"
                     "    struct %s_c *x%d = %s;\n"
                     "    root->acc = H(root->acc, %s_rd(p%d) + %s_rd(x%d));\n"
                     "    free(p%d); p%d = x%d;\n  }\n"
                     "  root->acc = H(root->acc, %s_rd(p%d)); free(p%d); }"
                     % (K, j, call(name, sh, v), r.randint(1, 5), K, j,
                        call(name, sh, "(long)i"), K, j, K, j, j, j, j, K, j, j))
        elif use == "list" and not may_null(sh) and sh not in ("spare", "self"):
            s.append("for (unsigned i = 0; i < rt(%d); i++) { struct %s_c *x%d = %s;"
                     " x%d->link = root->list; root->list = x%d; }"
                     % (r.randint(1, 4), K, j, call(name, sh, "(long)i * 5"), j, j))
        elif use == "keep" and not may_null(sh) and sh != "spare" and root_free_ok(s, K):
            s.append("root->kept = %s;" % call(name, sh, v))
        elif use == "global" and not may_null(sh) and sh != "spare":
            sl = P.slot()
            s.append("g_keep[%d] = %s;" % (sl, call(name, sh, v)))
            s.append("root->acc = H(root->acc, %s_rd(g_keep[%d])); free(g_keep[%d]);"
                     " g_keep[%d] = NULL;" % (K, sl, sl, sl))
        else:
            s.append("{ struct %s_c *x%d = %s; %s{ root->acc = H(root->acc, %s_rd(x%d)); %s } }"
                     % (K, j, call(name, sh, v), guard, K, j, fin("x%d" % j, sh)))
    d.append("%s unsigned long %s_read(const struct %s_cr *b) {\n"
             "  unsigned long h = b->acc;\n"
             "  if (b->kept) h = H(h, %s_rd(b->kept));\n"
             "  for (const struct %s_c *n = b->list; n; n = n->link) h = H(h, %s_rd(n));\n"
             "  return h;\n}" % (P.attr(), K, K, K, K, K))
    d.append("%s void %s_free(struct %s_cr *b) {\n"
             "  free(b->kept);\n"
             "  for (struct %s_c *n = b->list, *m; n; n = m) { m = n->link; free(n); }\n"
             "  free(b);\n}" % (P.attr(FREEW), K, K, K))
    return dict(decls="\n".join(d), ty="struct %s_cr" % K, build="\n".join(s),
                read=K + "_read", free=K + "_free")


def root_free_ok(stmts, K):
    """root->kept is set at most once per block (its free frees one)."""
    return not any(x.startswith("root->kept =") for x in stmts)


BUILDERS = [(b_nest, 3), (b_ptrarr, 4), (b_helpers, 3), (b_loop, 3), (b_rec, 2),
            (b_allocs, 2), (b_intrt, 3), (b_walk, 3), (b_libcnames, 2), (b_aligned, 2),
            (b_macro, 2), (b_realloc, 3), (b_ctor, 3)]


# --------------------------------------------------------------------------
# Channels: how the producer hands `root` to the consumer.
# --------------------------------------------------------------------------

def channel(P, K, ty):
    """Returns (producer return type, params, export stmts, consumer stmts
    leaving `x`, extra decls)."""
    r = P.rng
    cs = ["ret", "ret", "out", "outbox", "global", "keep", "memcpy_rt", "memcpy_arr",
          "bytes", "uintptr", "halves", "halves_union", "mixed", "mixed_byval", "retstruct",
          "byval", "outout"]
    if "mixed" in P.avoid:
        cs = [c for c in cs if not c.startswith("mixed")]
    c = r.choice(cs)
    sl = P.slot()
    extra = ""
    if c == "ret":
        return ty + " *", "void", "return root;", "%s *x = %s_make();" % (ty, K), extra
    if c == "out":
        return ("void", "%s **out" % ty, "*out = root;",
                "%s *x; %s_make(&x);" % (ty, K), extra)
    if c == "outbox":
        extra = "struct %s_ob { int n; %s *p; };" % (K, ty)
        return ("void", "struct %s_ob *out" % K, "out->n = 1; out->p = root;",
                "struct %s_ob ob; %s_make(&ob); %s *x = ob.p;" % (K, K, ty), extra)
    if c == "retstruct":  # {tag, ptr} or {u32, u32, ptr} returned in registers
        if r.random() < 0.5:
            extra = "struct %s_rs { long tag; %s *p; };" % (K, ty)
            return ("struct %s_rs" % K, "void", "struct %s_rs rs = {%d, root}; return rs;"
                    % (K, r.randint(1, 9)), "%s *x = %s_make().p;" % (ty, K), extra)
        extra = "struct %s_rs { uint32_t a, b; %s *p; };" % (K, ty)
        return ("struct %s_rs" % K, "void", "struct %s_rs rs = {1, 2, root}; return rs;" % K,
                "%s *x = %s_make().p;" % (ty, K), extra)
    if c == "outout":
        return ("void", "%s ***out" % ty, "**out = root;",
                "%s *x, **xp = &x; %s_make(&xp);" % (ty, K), extra)
    fetch = "%s *x = g_keep[%d]; g_keep[%d] = NULL;" % (ty, sl, sl)
    if c == "byval":  # the pointer inside a small struct passed by value
        extra = ("struct %s_bv { int tag; void *p; };\n"
                 "%s void %s_keepbv(struct %s_bv b) { if (b.tag) g_keep[%d] = b.p; }"
                 % (K, P.attr(), K, K, sl))
        exp = "struct %s_bv bv_ = {%s, root}; %s_keepbv(bv_);" % (K, rtexpr(r, 1), K)
    elif c == "global":
        exp = "g_keep[%d] = root;" % sl
    elif c == "keep":
        extra = "%s void %s_keepr(void *p) { g_keep[%d] = p; }" % (P.attr(), K, sl)
        exp = "%s_keepr(root);" % K
    elif c == "memcpy_rt":
        exp = "memcpy(&g_keep[%d], &root, %s);" % (sl, P.copylen(1, "sizeof root"))
    elif c == "memcpy_arr":
        w = r.randint(2, 6)
        j = r.randrange(w)
        exp = ("void *loc[%d]; for (int i = 0; i < %d; i++) loc[i] = (void *)g_dummy; loc[%d] = root;"
               " %s(g_keep + %d, loc + %s, %s * sizeof(void *));"
               % (w, w, j, r.choice(["memcpy", "memmove"]), sl, rtexpr(r, j),
                  "1" if "rtcopy" in P.avoid else rtexpr(r, 1)))
    elif c == "bytes":
        exp = ("{ unsigned char *dp = (unsigned char *)&g_keep[%d]; const unsigned char *sp ="
               " (const unsigned char *)&root; for (unsigned i = 0; i < %s; i++)"
               " dp[i] = sp[i]; }" % (sl, "sizeof root" if "rtcopy" in P.avoid else "rt(sizeof root)"))
    elif c == "uintptr":
        key = r.getrandbits(32) * 16
        exp = "g_u[%d] = (uintptr_t)root ^ %dUL;" % (sl, key)
        fetch = "%s *x = (%s *)(g_u[%d] ^ %dUL); g_u[%d] = 0;" % (ty, ty, sl, key, sl)
    elif c in ("halves", "halves_union"):
        extra = ("%s void %s_reb(uint32_t lo, uint32_t hi) { g_keep[%d] = (void *)(((uintptr_t)hi << 32) | lo); }"
                 % (r.choice(["NOINLINE static", "static"]), K, sl))
        if c == "halves":
            exp = "{ uintptr_t t = (uintptr_t)root; %s_reb((uint32_t)t, (uint32_t)(t >> 32)); }" % K
        else:
            exp = ("{ union { void *p; uint32_t h[2]; } u; u.p = root; %s_reb(u.h[0], u.h[1]); }" % K)
    else:  # mixed, mixed_byval
        extra = ("struct %s_cm { void *p; uint32_t a; uint32_t b; };\n"
                 "union %s_cu { void *two[2]; struct %s_cm m; };\n" % (K, K, K))
        if c == "mixed":
            extra += ("%s void %s_reb(uint32_t lo, uint32_t hi) { g_keep[%d] = (void *)(((uintptr_t)hi << 32) | lo); }"
                      % (r.choice(["NOINLINE static", "static"]), K, sl))
            exp = ("{ union %s_cu u; u.two[0] = (void *)g_dummy; u.two[1] = root; struct %s_cm m = u.m;"
                   " %s_reb(m.a, m.b); }" % (K, K, K))
        else:
            extra += ("%s void %s_reb(struct %s_cm m) { g_keep[%d] = (void *)(((uintptr_t)m.b << 32) | m.a); }"
                      % (r.choice(["NOINLINE static", "static"]), K, K, sl))
            exp = ("{ union %s_cu u; u.two[0] = (void *)g_dummy; u.two[1] = root; %s_reb(u.m); }"
                   % (K, K))
    return "void", "void", exp, "%s_make(); %s" % (K, fetch), extra


def block(P, K):
    r = P.rng
    bs = P.builders or BUILDERS
    fn = r.choices([b for b, _ in bs], weights=[w for _, w in bs])[0]
    b = fn(P, K)
    leak = r.random() < 0.08
    out = [b["decls"]]
    if r.random() < 0.45:  # no channel: build, read and free in one frame
        out.append("%s unsigned long %s_run(void) {\n%s *root;\n%s\nunsigned long h = %s(root);\n"
                   "%s\nreturn h;\n}" % (r.choice(["NOINLINE static", "static"]), K, b["ty"],
                                         b["build"], b["read"],
                                         "" if leak else "%s(root);" % b["free"]))
        return "\n".join(out), fn.__name__ + "/local"
    ret, params, exp, fetch, extra = channel(P, K, b["ty"])
    out.append(extra)
    out.append("%s %s %s_make(%s) {\n%s *root;\n%s\n%s\n}"
               % (r.choices(["NOINLINE static", "static"], weights=(4, 1))[0], ret, K, params,
                  b["ty"], b["build"], exp))
    out.append("static unsigned long %s_run(void) {\n%s\nunsigned long h = %s(x);\n%s\nreturn h;\n}"
               % (K, fetch, b["read"], "" if leak else "%s(x);" % b["free"]))
    return "\n".join(out), fn.__name__


def thread_block(P, K):
    r = P.rng
    NT = r.randint(1, 4)
    S = r.randint(1, 256)
    T = r.choice(INT_TYPES)
    stk = r.choice([65536, 131072, 262144])
    P.threads = True
    res = r.random() < 0.6
    return """struct %(K)s_o { long v; };
struct %(K)s_targ { int id; unsigned long out; struct %(K)s_o *in; struct %(K)s_o *res; };
%(A)s unsigned long %(K)s_sum(const %(T)s *p, int n) {
  unsigned long h = 1;
  for (int i = 0; i < n; i++) h = H(h, (unsigned long)p[i]);
  return h;
}
static void *%(K)s_work(void *arg) {
  struct %(K)s_targ *t = arg;
  %(T)s *scratch = %(al)s;
  for (int i = 0; i < %(S)d; i++) scratch[i] = (%(T)s)((i + t->id) & 0x7f);
  t->out = H(%(K)s_sum(scratch, %(S)d), (unsigned long)t->in->v);
  free(scratch);
  %(res)s
  return NULL;
}
static unsigned long %(K)s_run(void) {
  pthread_attr_t at;
  pthread_t th[%(NT)d];
  struct %(K)s_targ *ta = calloc(%(NT)d, sizeof *ta);
  pthread_attr_init(&at);
  pthread_attr_setstacksize(&at, %(stk)d);
  for (int i = 0; i < %(NT)d; i++) {
    ta[i].id = i; ta[i].in = malloc(sizeof *ta[i].in); ta[i].in->v = i * %(c)d + g_one;
    if (pthread_create(&th[i], &at, %(K)s_work, &ta[i])) abort();
  }
  unsigned long h = 0;
  for (int i = 0; i < %(NT)d; i++) {
    pthread_join(th[i], NULL);
    h = H(h, ta[i].out);
    if (ta[i].res) h = H(h, (unsigned long)ta[i].res->v);
    free(ta[i].res); free(ta[i].in);
  }
  pthread_attr_destroy(&at);
  free(ta);
  return h;
}""" % dict(K=K, A=P.attr(), T=T, S=S, al=P.alloc(T, str(S)), NT=NT, stk=stk, c=r.randint(1, 99),
            res="t->res = malloc(sizeof *t->res); t->res->v = (long)t->out & 0xffff;" if res else "")


def generate(seed, index, threads=True, avoid=(), builders=None):
    """Source of program `index` of the batch `seed`, the builders used,
    whether it uses threads, and the stack (KiB) to run it with or None."""
    rng = random.Random("cfuzz:%d:%d" % (seed, index))
    P = Prog(rng, avoid)
    P.builders = builders
    blocks, kinds = [], []
    nb = rng.randint(2, 5)
    for k in range(nb):
        K = "b%d" % k
        if threads and rng.random() < 0.08:
            blocks.append(thread_block(P, K))
            kinds.append("thread")
        else:
            text, kind = block(P, K)
            blocks.append(text)
            kinds.append(kind)
    calls = []
    for k in range(nb):
        for rep in range(rng.choice([1, 1, 2])):
            calls.append('  printf("b%d.%d %%lu\\n", b%d_run());' % (k, rep, k))
    rng.shuffle(calls)
    hide, unhide, libc, dl = libc_defs(P.libc) if P.libc else ([], [], "", False)
    inc = (["#include <pthread.h>"] if P.threads else []) + \
        (["#include <malloc.h>"] if P.libc else []) + (["#include <dlfcn.h>"] if dl else [])
    src = PRELUDE % dict(seed=seed, index=index, nkeep=max(1, P.nkeep),
                         hide="".join(l + "\n" for l in hide),
                         pthread="".join(l + "\n" for l in inc),
                         unhide="\n".join(unhide), libc=libc + "\n" if libc else "")
    if P.huge:  # under ASan a failing huge realloc returns NULL, as glibc's does
        src += ('const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }\n')
    if P.no_asan:
        src = "/* defines malloc: no ASan builds */\n" + src
    if P.stack_kb:
        src = "/* run with ulimit -s %d */\n" % P.stack_kb + src
    src += "\n\n".join(blocks)
    src += "\n\nint main(int argc, char **argv) {\n  (void)argv;\n  g_one = argc;\n%s\n  return 0;\n}\n" \
        % "\n".join(calls)
    return src, kinds, P.threads, P.stack_kb, P.no_asan


# --------------------------------------------------------------------------
# Runner
# --------------------------------------------------------------------------

def count_remarks(stderr):
    moved = kept = 0
    for line in stderr.splitlines():
        if "[-Rpass=goescape]" in line and "moved to stack" in line:
            moved += 1
        elif "[-Rpass-missed=goescape]" in line:
            kept += 1
    return moved, kept


def check_program(opts, seed, index, workdir):
    """Returns dict(verdict=pass|fail|reject, what=..., moved, kept, src)."""
    src, kinds, threads, stack_kb, no_asan = generate(seed, index, not opts.no_threads, opts.avoid,
                                             opts.builders)
    tmp = tempfile.mkdtemp(prefix="cfuzz.", dir=workdir)
    path = os.path.join(tmp, "p%d.c" % index)
    with open(path, "w") as f:
        f.write(src)
    cflags = ["-pthread"] if threads else []
    builds = rtcheck.builds(opts.plugin, shlex.split(opts.plugin_flags), harness.REMARKS)
    if no_asan:  # as rtcheck --no-asan: the ASan runtime's malloc would clash
        builds = [(name, flags) for name, flags in builds if "asan" not in name]
    res = dict(verdict="pass", what=[], moved=0, kept=0, src=src, kinds=kinds)
    if stack_kb:
        res["kinds"] = kinds + ["ulimit -s %d" % stack_kb]
    try:
        ref = None
        for name, flags in builds:
            plain = not name.startswith("plugin")
            exe, stderr, problem = rtcheck.compile_one(opts.clang, path, name, flags, tmp,
                                                       cflags)
            if problem:
                res["verdict"] = "reject" if plain else "fail"
                res["what"].append("build '%s' %s" % (name, problem))
                return res
            if name == "plugin":
                res["moved"], res["kept"] = count_remarks(stderr)
            got = harness.run(exe, stack_kb=stack_kb, timeout=opts.timeout,
                              asan=harness.is_asan(flags))
            what = rtcheck.judge(got, ref, 0, opts.timeout)
            if ref is None:
                ref = got[:2]
            if what:
                res["what"].append(rtcheck.problem(name, what, got[2]))
                if plain:
                    res["verdict"] = "reject"
                    return res
                res["verdict"] = "fail"
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def parse_builders(ap, spec):
    """--builders: [(builder, weight)], or None for all of BUILDERS."""
    if not spec:
        return None
    known = dict((b.__name__[2:], (b, w)) for b, w in BUILDERS)
    out = []
    for item in spec.split(","):
        name, _, w = item.strip().partition("=")
        if name not in known:
            ap.error("--builders: unknown builder %r (known: %s)" % (name, ", ".join(known)))
        try:
            out.append((known[name][0], float(w) if w else known[name][1]))
        except ValueError:
            ap.error("--builders: bad weight in %r" % item)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plugin", help="GoEscape.so (required unless --emit)")
    ap.add_argument("--clang", default="/usr/lib/llvm-22/bin/clang")
    ap.add_argument("--count", type=int, default=100, help="programs to run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="index of the first program")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per run")
    ap.add_argument("--keep-dir", metavar="DIR",
                    help="save failing (and rejected) programs here with a note")
    ap.add_argument("--plugin-flags", default="",
                    help="flags for the plugin builds only, e.g. '-mllvm -goescape-limit=3'")
    ap.add_argument("--no-threads", action="store_true", help="generate no pthread blocks")
    ap.add_argument("--avoid", default="", metavar="F,...",
                    help="steer clear of known bugs: rtcopy (memcpy/memmove with run-time "
                         "lengths), mixed ({void*, u32, u32} loads of pointer memory), "
                         "xmalloc (an external malloc of the program's own: libc's strdup/"
                         "strndup call it, and goescape moved them to the stack at 8c004d3)")
    ap.add_argument("--builders", metavar="B[=W],...",
                    help="choose blocks only from these builders (names without b_, "
                         "e.g. libcnames,aligned=2), with their own weight unless =W; "
                         "thread blocks still come unless --no-threads")
    ap.add_argument("--emit", type=int, metavar="I",
                    help="print the source of program I of --seed and exit")
    ap.add_argument("--strict", action="store_true", help="exit 1 on generator rejects too")
    ap.add_argument("--quiet", "-q", action="store_true", help="no per-program progress")
    opts = ap.parse_args()
    opts.avoid = [a for a in opts.avoid.split(",") if a]
    bad = set(opts.avoid) - {"rtcopy", "mixed", "xmalloc"}
    if bad:
        ap.error("--avoid: unknown feature(s) %s" % ",".join(sorted(bad)))
    opts.builders_spec = opts.builders
    opts.builders = parse_builders(ap, opts.builders)

    if opts.emit is not None:
        sys.stdout.write(generate(opts.seed, opts.emit, not opts.no_threads, opts.avoid,
                                  opts.builders)[0])
        return
    if not opts.plugin:
        ap.error("--plugin is required")
    opts.plugin = os.path.abspath(opts.plugin)
    if opts.keep_dir:
        os.makedirs(opts.keep_dir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="cfuzz-run.")
    lock = threading.Lock()
    tally = dict(passed=0, failed=0, rejected=0, moved=0, kept=0)

    def one(i):
        try:
            res = check_program(opts, opts.seed, i, workdir)
        except Exception as e:  # a bug here must not look like a pass
            res = dict(verdict="reject", what=["cfuzz internal error: %r" % e], moved=0,
                       kept=0, src=generate(opts.seed, i, not opts.no_threads, opts.avoid,
                                            opts.builders)[0], kinds=[])
        with lock:
            v = res["verdict"]
            tally["moved"] += res["moved"]
            tally["kept"] += res["kept"]
            tally[{"pass": "passed", "fail": "failed", "reject": "rejected"}[v]] += 1
            if v != "pass":
                label = "FAIL" if v == "fail" else "GENERATOR-REJECT"
                name = "cfuzz-s%d-%d" % (opts.seed, i)
                print("%s: seed %d program %d (%s; %d moved to stack)\n%s"
                      % (label, opts.seed, i, ",".join(res["kinds"]), res["moved"],
                         "\n".join(res["what"])), flush=True)
                if opts.keep_dir:
                    base = os.path.join(opts.keep_dir, name + ("" if v == "fail" else "-reject"))
                    with open(base + ".c", "w") as f:
                        f.write(res["src"])
                    with open(base + ".txt", "w") as f:
                        f.write("%s: %s --seed %d --emit %d%s\nblocks: %s\nmoved to stack: %d\n\n%s\n"
                                % (label, sys.argv[0], opts.seed, i,
                                   " --builders " + opts.builders_spec if opts.builders else "",
                                   ",".join(res["kinds"]),
                                   res["moved"], "\n\n".join(res["what"])))
            elif not opts.quiet:
                print("ok: seed %d program %d (%d moved to stack)" % (opts.seed, i, res["moved"]),
                      flush=True)

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as ex:
            list(ex.map(one, range(opts.start, opts.start + opts.count)))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    sites = tally["moved"] + tally["kept"]
    print("cfuzz: %d passed, %d failed" % (tally["passed"], tally["failed"]))
    print("cfuzz: %d generator rejects, %d of %d allocation sites moved to stack (%.1f%%)"
          % (tally["rejected"], tally["moved"], sites,
             100.0 * tally["moved"] / sites if sites else 0.0))
    if tally["failed"] or (opts.strict and tally["rejected"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
