// A record type whose constructor, query and destructor live in rec.c, and
// its user in main.c: the shape real C has, one file per concern.
struct rec {
  int id;
  char name[24];
  double weight;
};

struct rec *rec_new(int id);
double rec_query(const struct rec *r);
void rec_free(struct rec *r);
