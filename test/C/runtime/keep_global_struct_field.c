// RUN: %rtcheck %s --promoted 0
// Shape: the pointer is stored into a field of a global struct (a registry
// that outlives main's frame). 1 malloc survives plain -O2; stored into
// escaping (global) memory, it escapes: keep it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct registry {
  int count;
  char *names[4];
} g_registry;

__attribute__((noinline)) void print_registry(void) {
  for (int i = 0; i < g_registry.count; i++)
    printf("name[%d]=%s\n", i, g_registry.names[i]);
}

int main(int argc, char **argv) {
  (void)argv;
  char *name = malloc(16);
  if (!name)
    return 2;
  memcpy(name, "entry-", 6);
  name[6] = (char)('0' + argc);
  name[7] = '\0';
  g_registry.names[g_registry.count++] = name;
  print_registry();
  int ok = strcmp(g_registry.names[0], "entry-1") == 0;
  g_registry.count = 0;
  free(name);
  return ok ? 0 : 1;
}
