// RUN: %rtcheck %s --promoted 0
// Shape: functions that dispatch with a computed goto (GNU C's &&label,
// `goto *tbl[op]`): a constructor (mk) and a function that frees its
// parameter (run_and_free). Their block addresses name the original
// function: a copy of either (a constructor's copy for a caller's slot, a
// copy without frees) would jump back into the original's blocks, which
// have another frame. Found by an adversarial test: both copies crashed.
// Such functions are not copied, so neither promotion happens: 3 mallocs
// survive plain -O2, all kept.
#include <stdio.h>
#include <stdlib.h>

struct obj {
  long a, b;
};

__attribute__((noinline)) struct obj *mk(const unsigned char *code) {
  static void *const tbl[] = {&&op_inc, &&op_dbl, &&op_end};
  struct obj *r = malloc(sizeof *r);
  if (!r)
    return 0;
  r->a = 1;
  r->b = 0;
  goto *tbl[*code++];
op_inc:
  r->a += 1;
  r->b++;
  goto *tbl[*code++];
op_dbl:
  r->a *= 2;
  r->b++;
  goto *tbl[*code++];
op_end:
  return r;
}

__attribute__((noinline)) long use(const unsigned char *code) {
  struct obj *r = mk(code);
  long v = r->a * 100 + r->b;
  free(r);
  return v;
}

__attribute__((noinline)) long run_and_free(struct obj *r,
                                            const unsigned char *code) {
  static void *const tbl[] = {&&op_inc, &&op_dbl, &&op_end};
  goto *tbl[*code++];
op_inc:
  r->a += 1;
  r->b++;
  goto *tbl[*code++];
op_dbl:
  r->a *= 2;
  r->b++;
  goto *tbl[*code++];
op_end : {
  long v = r->a * 100 + r->b;
  free(r);
  return v;
}
}

int main(int argc, char **argv) {
  (void)argv;
  unsigned char code[] = {0, 1, 0, 1, 1, 2};
  code[0] = (unsigned char)(argc - 1);
  long v = use(code);
  struct obj *r = malloc(sizeof *r);
  if (!r)
    return 2;
  r->a = 1;
  r->b = 0;
  v += run_and_free(r, code);
  printf("%ld\n", v);
  return v == 4010 ? 0 : 1;
}
