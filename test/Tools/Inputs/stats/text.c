/* Reading numbers and labels. */
#include "node.h"
#include "vec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The last line read, kept for error messages. */
static char *last_line;

const char *text_last_line(void) { return last_line ? last_line : ""; }

/* Reads "label value" lines; returns the labels, newest first. */
struct node *text_read(FILE *in, struct vec *values) {
  struct node *labels = NULL;
  char buf[128];
  while (fgets(buf, sizeof buf, in)) {
    char *copy = malloc(sizeof buf); /* stored to a global: stays */
    if (!copy)
      abort();
    memcpy(copy, buf, sizeof buf);
    free(last_line);
    last_line = copy;
    char label[24];
    double x;
    if (sscanf(buf, "%23s %lf", label, &x) != 2)
      continue;
    vec_push(values, x);
    labels = node_new(label, labels); /* a list built in a loop */
  }
  return labels;
}

/* Counts words in a buffer far too large for a stack frame. */
size_t text_scratch_words(const char *s) {
  char *big = malloc(1 << 20);
  if (!big)
    abort();
  size_t n = 0;
  for (; s[n] && n < (1 << 20) - 1; ++n)
    big[n] = s[n] == '\n' ? ' ' : s[n];
  size_t words = 0;
  int in_word = 0;
  for (size_t i = 0; i < n; ++i) {
    if (big[i] == ' ')
      in_word = 0;
    else if (!in_word)
      in_word = 1, ++words;
  }
  free(big);
  return words;
}
