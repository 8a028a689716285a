// RUN: %rtcheck %s --promoted 5
// RUN: %rtcheck %s --promoted 5 --args "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii jjjjjjjjjj kkkkkkkkkkk"
// RUN: %rtcheck %s --promoted 5 --stack-kb 64
// RUN: %rtcheck %s --promoted 0 --plugin-flags "-mllvm -goescape-carried-slots=0"
// Shape: objects that a loop carries past their site's next execution,
// which one slot per site cannot hold. Each such site gets two slots, each
// handed out only while free, and the heap when both are taken: a buffer
// grown by hand (malloc the larger one, copy, free the old one: a
// std::vector's push_back), double buffering (this iteration's buffer and
// the last one's), a list built in a loop and freed after it (the first
// two nodes on the stack, the rest on the heap), calloc'd rows kept one
// iteration, sizes on both sides of the 64-byte slot. Every object is
// written and read in full, so two live objects in one slot would show.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Reads n ints; keeps no pointer.
__attribute__((noinline)) static long sum(const int *a, size_t n) {
  long s = 0;
  for (size_t i = 0; i < n; i++)
    s = s * 3 + a[i];
  return s;
}

/// push_back by hand: capacity 1, 2, 4, ..., the old storage freed after
/// the new one is filled. Not unrolled: a peeled first iteration would be
/// a second site, whose object the free in the loop may get too.
__attribute__((noinline)) static long grow(unsigned n, unsigned seed) {
  int *a = NULL;
  size_t len = 0, cap = 0;
#pragma nounroll
  for (unsigned i = 0; i < n; i++) {
    if (len == cap) {
      size_t ncap = cap ? 2 * cap : 1;
      int *b = malloc(ncap * sizeof *b);
      if (!b)
        return -1;
      if (len)
        memcpy(b, a, len * sizeof *a);
      free(a);
      a = b;
      cap = ncap;
    }
    a[len++] = (int)(seed * 2654435761u + i);
  }
  long s = sum(a, len);
  free(a);
  return s;
}

/// This iteration's buffer and the last one's, both live at once.
__attribute__((noinline)) static long double_buffer(unsigned rounds) {
  char *prev = NULL;
  long s = 0;
  for (unsigned r = 0; r < rounds; r++) {
    char *cur = malloc(48);
    if (!cur)
      return -1;
    for (int i = 0; i < 48; i++)
      cur[i] = (char)(prev ? prev[47 - i] + r : (int)(i * 7 + r));
    s = s * 31 + cur[r % 48];
    free(prev);
    prev = cur;
  }
  s += prev ? prev[5] : 0;
  free(prev);
  return s;
}

struct node {
  struct node *next;
  long v;
};

/// A list of n nodes built in a loop, summed and freed after it.
__attribute__((noinline)) static long list(unsigned n) {
  struct node *head = NULL;
  for (unsigned i = 0; i < n; i++) {
    struct node *x = malloc(sizeof *x);
    if (!x)
      return -1;
    x->v = (long)i * i + 1;
    x->next = head;
    head = x;
  }
  long s = 0;
  for (struct node *x = head; x; x = x->next)
    s = s * 7 + x->v;
  while (head) {
    struct node *next = head->next;
    free(head);
    head = next;
  }
  return s;
}

/// calloc'd rows of a run-time width, each kept for the next row.
__attribute__((noinline)) static long rows(unsigned n, size_t width) {
  int *last = NULL;
  long s = 0;
  for (unsigned r = 0; r < n; r++) {
    int *row = calloc(width, sizeof *row);
    if (!row)
      return -1;
    for (size_t i = 0; i < width; i++)
      row[i] += (int)(r + i) + (last ? last[i] : 0);
    s = s * 5 + sum(row, width);
    free(last);
    last = row;
  }
  free(last);
  return s;
}

/// A copy of each argument, the previous one freed after the next is made.
__attribute__((noinline)) static long dups(int argc, char **argv) {
  char *prev = NULL;
  long s = 0;
  for (int i = 1; i < argc; i++) {
    size_t n = strlen(argv[i]) + 1;
    char *d = malloc(n);
    if (!d)
      return -1;
    memcpy(d, argv[i], n);
    s = s * 11 + (long)strlen(d) + (prev ? prev[0] : 0);
    free(prev);
    prev = d;
  }
  free(prev);
  return s;
}

int main(int argc, char **argv) {
  long s = 0;
  for (unsigned n = 0; n < 40; n++)
    s = s * 3 + grow(n, n * 7u + (unsigned)argc);
  printf("grow %ld\n", s);
  printf("double_buffer %ld %ld\n", double_buffer(1), double_buffer(100));
  printf("list %ld %ld %ld\n", list(0), list(2), list(50));
  printf("rows %ld %ld\n", rows(10, (size_t)argc + 3), rows(4, 40 + (size_t)argc));
  printf("dups %ld\n", dups(argc, argv));
  return 0;
}
