struct shape {
  int sides;
  double len;
  char tag[20];
};

struct shape *shape_new(int sides, double len);
double shape_perimeter(const struct shape *s);
void shape_free(struct shape *s);
