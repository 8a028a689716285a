// A program with no LLVM in it that loads a pass plugin as LLVM's
// PassPlugin::Load does: dlopen, then call llvmGetPassPluginInfo. The info
// has the layout of LLVM 14's PassPluginLibraryInfo (API version 1).
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>

struct PassPluginLibraryInfo {
  uint32_t APIVersion;
  const char *PluginName;
  const char *PluginVersion;
  void (*RegisterPassBuilderCallbacks)(void *);
};

int main(int argc, char **argv) {
  void *H = dlopen(argv[1], RTLD_LAZY | RTLD_GLOBAL);
  if (!H) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  struct PassPluginLibraryInfo (*Get)(void) =
      (struct PassPluginLibraryInfo(*)(void))dlsym(H, "llvmGetPassPluginInfo");
  if (!Get) {
    printf("no llvmGetPassPluginInfo\n");
    return 1;
  }
  struct PassPluginLibraryInfo I = Get();
  printf("API version %u, plugin %s %s\n", I.APIVersion, I.PluginName,
         I.PluginVersion);
  return I.APIVersion == 0 ? 2 : 0;
}
