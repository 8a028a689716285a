//===- Passes.cpp - Registration of goescape's passes ---------------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Names every goescape pass for the pipeline parser and hooks the transform
/// into clang's optimisation pipelines. The plugin entry point and any tool
/// call this one function, so the names cannot drift apart.
///
/// In clang's -O1/-O2/-O3 pipelines the transform runs at the start of the
/// module optimisation pipeline (OptimizerEarly): after the inliner has run,
/// so a helper that only reads a buffer has been inlined into the function
/// that allocates it, and before the loop and vector passes.
///
//===----------------------------------------------------------------------===//

#include "goescape/Passes.h"
#include "goescape/EscapeAnalysis.h"
#include "goescape/HeapToStack.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

void goescape::registerGoEscapePasses(PassBuilder &PB) {
  PB.registerAnalysisRegistrationCallback([](ModuleAnalysisManager &MAM) {
    MAM.registerPass([] { return GoEscapeAnalysis(); });
  });

  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name == "goescape") {
          MPM.addPass(GoEscapePass());
          return true;
        }
        if (Name == "goescape<cleanup>") {
          MPM.addPass(GoEscapePass(/*Cleanup=*/true));
          return true;
        }
        if (Name == "print<goescape>") {
          MPM.addPass(GoEscapePrinterPass(outs()));
          return true;
        }
        return parseAnalysisUtilityPasses<GoEscapeAnalysis, Module>(
            "goescape", Name, MPM);
      });

  PB.registerOptimizerEarlyEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level, ThinOrFullLTOPhase) {
        if (Level == OptimizationLevel::O0)
          return;
        MPM.addPass(GoEscapePass(/*Cleanup=*/true));
      });
}
