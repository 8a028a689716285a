/* rec: a record type whose constructor, query and destructor live in
   rec.c, apart from the loop in main.c that uses them (bench/run.py builds
   it under ThinLTO and full LTO: goescape sees across the files only at
   link time). */
struct rec {
  int id;
  char name[24];
  double weight;
};

struct rec *rec_new(int id);
double rec_query(const struct rec *r, int key);
void rec_free(struct rec *r);
