/* Mean, median and a histogram of a vector. */
#include "vec.h"
#include <stdio.h>
#include <stdlib.h>

double mean(const struct vec *v) {
  double s = 0;
  for (size_t i = 0; i < v->len; ++i)
    s += v->data[i];
  return v->len ? s / v->len : 0;
}

double median(const struct vec *v) {
  if (!v->len)
    return 0;
  /* A sorted copy: its size is only known at run time. */
  double *copy = malloc(v->len * sizeof *copy);
  if (!copy)
    abort();
  for (size_t i = 0; i < v->len; ++i) { /* insertion sort */
    size_t j = i;
    for (; j > 0 && copy[j - 1] > v->data[i]; --j)
      copy[j] = copy[j - 1];
    copy[j] = v->data[i];
  }
  double m = v->len % 2 ? copy[v->len / 2]
                        : (copy[v->len / 2 - 1] + copy[v->len / 2]) / 2;
  free(copy);
  return m;
}

void histogram(const struct vec *v, double lo, double hi) {
  /* Ten buckets, freed before returning: moved to the stack. */
  unsigned *bucket = calloc(10, sizeof *bucket);
  if (!bucket)
    abort();
  for (size_t i = 0; i < v->len; ++i) {
    int b = (int)((v->data[i] - lo) / (hi - lo) * 10);
    if (b < 0)
      b = 0;
    if (b > 9)
      b = 9;
    bucket[b]++;
  }
  for (int b = 0; b < 10; ++b) {
    /* One line per bucket, in a scratch buffer per iteration. */
    char *line = malloc(64);
    if (!line)
      abort();
    int n = snprintf(line, 64, "%5.1f |", lo + b * (hi - lo) / 10);
    for (unsigned i = 0; i < bucket[b] && n < 62; ++i)
      line[n++] = '#';
    line[n] = 0;
    puts(line);
    free(line);
  }
  free(bucket);
}

/* How many values are above the mean, counted through a list built in a
   loop: each node is still live when the next one is allocated. */
size_t above_mean(const struct vec *v) {
  struct item {
    struct item *next;
    double x;
  } *list = NULL;
  double m = mean(v);
  for (size_t i = 0; i < v->len; ++i) {
    if (v->data[i] <= m)
      continue;
    struct item *it = malloc(sizeof *it);
    if (!it)
      abort();
    it->x = v->data[i];
    it->next = list;
    list = it;
  }
  size_t c = 0;
  while (list) {
    struct item *next = list->next;
    free(list);
    list = next;
    ++c;
  }
  return c;
}
