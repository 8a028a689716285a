int walk(int depth);

int step(int depth) { return walk(depth) + 1; }
