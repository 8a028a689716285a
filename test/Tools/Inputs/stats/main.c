/* stats: reads "label value" lines, prints their statistics. */
#include "node.h"
#include "vec.h"
#include <stdio.h>

double mean(const struct vec *v);
double median(const struct vec *v);
size_t above_mean(const struct vec *v);
void histogram(const struct vec *v, double lo, double hi);
struct node *text_read(FILE *in, struct vec *values);
const char *text_last_line(void);
size_t text_scratch_words(const char *s);

int main(void) {
  struct vec *v = vec_new();
  struct node *labels = text_read(stdin, v);
  /* Two nodes that never leave main: moved to the stack. */
  struct node *end = node_new("end", NULL);
  struct node *start = node_new("start", end);
  printf("%zu values, %zu labels, newest %s, %zu nodes from start to end\n",
         v->len, node_count(labels), labels ? labels->label : "-",
         node_count(start));
  printf("mean %.2f median %.2f, %zu above the mean\n", mean(v), median(v),
         above_mean(v));
  printf("last line has %zu words\n", text_scratch_words(text_last_line()));
  histogram(v, 0, 100);
  free(start);
  free(end);
  node_free(labels);
  vec_free(v);
  return 0;
}
