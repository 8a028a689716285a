/* The hand-written twin of rec.h: records live where their users put them. */
struct rec {
  int id;
  char name[24];
  double weight;
};

void rec_init(struct rec *r, int id);
double rec_query(const struct rec *r, int key);
