//===- Plugin.cpp - goescape's pass plugin entry point --------------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The entry point opt and clang look for in GoEscape.so:
///   opt -load-pass-plugin=build/lib/GoEscape.so -passes=goescape
///   clang -O2 -fpass-plugin=build/lib/GoEscape.so
///
//===----------------------------------------------------------------------===//

#include "goescape/Passes.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Plugins/PassPlugin.h"

extern "C" LLVM_ATTRIBUTE_WEAK ::llvm::PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "goescape", GOESCAPE_VERSION,
          goescape::registerGoEscapePasses};
}
