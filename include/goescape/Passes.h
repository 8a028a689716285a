//===- goescape/Passes.h - Registration of goescape's passes ----*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// One place that names every goescape pass and analysis for the pipeline
/// parser and hooks the transform into clang's -O1/-O2/-O3 pipelines.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_PASSES_H
#define GOESCAPE_PASSES_H

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace goescape {

/// Registers `goescape`, `print<goescape>`, `require<goescape>` and
/// `invalidate<goescape>`, and adds the transform to the optimisation
/// pipeline after inlining (never at -O0).
void registerGoEscapePasses(llvm::PassBuilder &PB);

} // namespace goescape

#endif // GOESCAPE_PASSES_H
