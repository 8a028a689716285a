//===- goescape/HeapToStack.h - Heap objects to the stack -------*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The transform: every allocation site GoEscapeAnalysis calls promotable
/// becomes an entry-block alloca, and its deallocations disappear.
///
///   %p = call ptr @malloc(i64 16)      =>  entry: %p = alloca [16 x i8], align 16
///   ...                                      ...    call void @llvm.lifetime.start.p0(ptr %p)
///   call void @free(ptr %p)                       call void @llvm.lifetime.end.p0(ptr %p)
///
/// It also tells the programmer what it decided, through optimisation
/// remarks under the pass name "goescape".
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_HEAPTOSTACK_H
#define GOESCAPE_HEAPTOSTACK_H

#include "goescape/EscapeAnalysis.h"

#include "llvm/IR/PassManager.h"

namespace goescape {

/// `-passes=goescape`. With Cleanup set (as in the clang pipeline), the
/// functions it changed are cleaned up right away (SROA, EarlyCSE,
/// InstCombine), so promoted objects end up in registers.
class GoEscapePass : public llvm::PassInfoMixin<GoEscapePass> {
  GoEscapeOptions Opts;
  bool Cleanup;

public:
  explicit GoEscapePass(GoEscapeOptions Opts = {}, bool Cleanup = false)
      : Opts(Opts), Cleanup(Cleanup) {}
  llvm::PreservedAnalyses run(llvm::Module &M,
                              llvm::ModuleAnalysisManager &MAM);
  /// "goescape" or "goescape<cleanup>", as opt parses it back.
  void printPipeline(llvm::raw_ostream &OS,
                     llvm::function_ref<llvm::StringRef(llvm::StringRef)>
                         MapClassName2PassName) {
    OS << MapClassName2PassName(name()) << (Cleanup ? "<cleanup>" : "");
  }
};

} // namespace goescape

#endif // GOESCAPE_HEAPTOSTACK_H
