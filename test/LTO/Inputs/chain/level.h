// Three levels of a call chain, one file each (top.c, mid.c, leaf.c), each
// frame with two 60,000-byte scratch buffers: 120,000 bytes a frame (within
// the 128 KiB frame budget), 360,000 along the chain (over the 256 KiB
// chain budget). Compiled one file at a time, goescape sees one frame at a
// time and moves all six; at link time, under full LTO, it sees the chain.
long top(int k);
long mid(int k);
long leaf(int k);
long fill(unsigned char *a, unsigned char *b, int k);
