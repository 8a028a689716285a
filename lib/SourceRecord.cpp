//===- SourceRecord.cpp - What the source said, before LLVM rewrote it ----===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The record is a named metadata list:
///
///   !goescape.written = !{!{!DILocation, !"malloc"}, ...}
///
/// A call is looked up by its location's subprogram, line and column, which
/// inlining and loop unrolling keep (they add an inlinedAt or a
/// discriminator), so every copy of a call finds the name it was written
/// with.
///
//===----------------------------------------------------------------------===//

#include "SourceRecord.h"

#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace goescape;

static constexpr char WrittenName[] = "goescape.written";

/// A C library allocation function, whose call LLVM may turn into another
/// (MemoryBuiltins would need the attributes that are not there yet at the
/// start of the pipeline).
static bool isWrittenAllocation(const Function &Callee,
                                const TargetLibraryInfo &TLI) {
  LibFunc LF;
  if (!TLI.getLibFunc(Callee, LF) || !TLI.has(LF))
    return false;
  switch (LF) {
  case LibFunc_malloc:
  case LibFunc_calloc:
  case LibFunc_aligned_alloc:
  case LibFunc_memalign:
  case LibFunc_posix_memalign:
  case LibFunc_valloc:
  case LibFunc_strdup:
  case LibFunc_strndup:
    return true;
  default:
    return false;
  }
}

PreservedAnalyses GoEscapeSourceRecordPass::run(Module &M,
                                                ModuleAnalysisManager &MAM) {
  if (M.getNamedMetadata(WrittenName) || M.debug_compile_units().empty())
    return PreservedAnalyses::all();
  LLVMContext &Ctx = M.getContext();
  FunctionAnalysisManager &FAM =
      MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  SmallVector<Metadata *, 16> Calls;
  for (Function &F : M) {
    if (F.isDeclaration() || !F.getSubprogram())
      continue;
    const TargetLibraryInfo &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
    for (Instruction &I : instructions(F)) {
      const auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || !CB->getDebugLoc())
        continue;
      const Function *Callee = CB->getCalledFunction();
      if (!Callee || !isWrittenAllocation(*Callee, TLI))
        continue;
      Calls.push_back(MDNode::get(Ctx, {CB->getDebugLoc().get(),
                                        MDString::get(Ctx, Callee->getName())}));
    }
  }
  if (!Calls.empty()) {
    NamedMDNode *N = M.getOrInsertNamedMetadata(WrittenName);
    for (Metadata *MD : Calls)
      N->addOperand(cast<MDNode>(MD));
  }
  // Named metadata only: no analysis of the IR changes.
  return PreservedAnalyses::all();
}

SourceRecord::SourceRecord(const Module &M) {
  if (const NamedMDNode *N = M.getNamedMetadata(WrittenName))
    for (const MDNode *E : N->operands()) {
      if (E->getNumOperands() != 2)
        continue;
      const auto *Loc = dyn_cast_or_null<DILocation>(E->getOperand(0));
      const auto *Name = dyn_cast_or_null<MDString>(E->getOperand(1));
      if (!Loc || !Name || !Loc->getScope()->getSubprogram())
        continue;
      Key K{Loc->getScope()->getSubprogram(), Loc->getLine(), Loc->getColumn()};
      auto [It, New] = Callees.try_emplace(K, Name->getString());
      // Two different functions called at one position (a macro): say
      // nothing about either.
      if (!New && It->second != Name->getString())
        It->second = "";
    }
}

StringRef SourceRecord::getWrittenCallee(const DILocation *Loc) const {
  if (!Loc || !Loc->getScope()->getSubprogram())
    return "";
  return Callees.lookup(
      {Loc->getScope()->getSubprogram(), Loc->getLine(), Loc->getColumn()});
}
