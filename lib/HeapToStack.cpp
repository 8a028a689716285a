//===- HeapToStack.cpp - Move local heap objects to the stack -------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Rewrites what GoEscapeAnalysis found promotable, and reports every
/// verdict as an optimisation remark.
///
/// For each promotable site:
///  1. `tail` is dropped from every call that may receive a pointer into the
///     object: a tail call must not access its caller's stack.
///  2. An alloca of the object's size and alignment goes into the entry
///     block: one slot per site, reused by every execution of the site (the
///     analysis proved no earlier object is live by then).
///  3. The call becomes `llvm.lifetime.start` on the slot (plus a zeroing
///     memset for calloc, a store through the out-parameter for
///     posix_memalign); comparisons of its result with null fold away.
///  4. Each free of the object is removed. Where the freed pointer is the
///     allocation itself, so certainly this object and never null, a
///     `llvm.lifetime.end` takes its place and lets codegen share the slot.
///
//===----------------------------------------------------------------------===//

#include "goescape/HeapToStack.h"
#include "goescape/EscapeAnalysis.h"
#include "goescape/Report.h"

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;
using namespace goescape;

#define DEBUG_TYPE "goescape"

static cl::opt<bool>
    Disable("goescape-disable", cl::init(false),
            cl::desc("Turn goescape off: promote nothing, report nothing"));

/// Replace `icmp eq/ne %p, null` by its answer: a promoted object is never
/// null.
static void foldNullChecks(CallBase &CB) {
  for (User *U : make_early_inc_range(CB.users())) {
    auto *Cmp = dyn_cast<ICmpInst>(U);
    if (!Cmp || !Cmp->isEquality())
      continue;
    Value *Other = Cmp->getOperand(0) == &CB ? Cmp->getOperand(1)
                                             : Cmp->getOperand(0);
    if (!isa<ConstantPointerNull>(Other))
      continue;
    bool IsNE = Cmp->getPredicate() == ICmpInst::ICMP_NE;
    Cmp->replaceAllUsesWith(ConstantInt::getBool(Cmp->getType(), IsNE));
    Cmp->eraseFromParent();
  }
}

/// Turn an invoke into a call followed by a branch: the stack cannot throw.
static CallBase *dropUnwind(CallBase *CB) {
  if (auto *II = dyn_cast<InvokeInst>(CB))
    return changeToCall(II);
  return CB;
}

static void promoteSite(AllocSite &S, Function &F) {
  CallBase *CB = dropUnwind(S.Call);
  S.Call = CB;
  const DataLayout &DL = F.getDataLayout();
  LLVMContext &Ctx = F.getContext();

  BasicBlock &Entry = F.getEntryBlock();
  auto *SlotTy = ArrayType::get(Type::getInt8Ty(Ctx), *S.Size);
  auto *Slot = new AllocaInst(SlotTy, DL.getAllocaAddrSpace(), nullptr,
                              S.Alignment, CB->getName() + ".stack",
                              Entry.getFirstInsertionPt());

  IRBuilder<> B(CB);
  B.CreateLifetimeStart(Slot);
  if (S.Kind == AllocKind::Calloc)
    B.CreateMemSet(Slot, B.getInt8(0), *S.Size, S.Alignment);

  // Frees first: they may name the allocation itself, which goes next.
  for (auto [Free, Freed] : zip(S.Frees, S.FreedOperands)) {
    Free = dropUnwind(Free);
    if (Freed->stripPointerCasts() == CB) {
      IRBuilder<> FB(Free);
      FB.CreateLifetimeEnd(Slot);
    }
    if (!Free->use_empty())
      Free->replaceAllUsesWith(PoisonValue::get(Free->getType()));
    Free->eraseFromParent();
  }

  if (S.Kind == AllocKind::PosixMemalign) {
    // posix_memalign(&p, align, size) == 0, with p = the slot.
    B.CreateStore(Slot, CB->getArgOperand(0));
    CB->replaceAllUsesWith(ConstantInt::get(CB->getType(), 0));
  } else {
    foldNullChecks(*CB);
    CB->replaceAllUsesWith(Slot);
    Slot->takeName(CB);
  }
  CB->eraseFromParent();
}

/// Rewrites the promotable sites of one function; returns true if it
/// changed anything.
static bool promoteFunction(FunctionEscapeInfo &Info) {
  Function &F = *Info.F;
  SmallVector<AllocSite *, 8> ToPromote;
  for (AllocSite &S : Info.Sites)
    if (S.isPromotable())
      ToPromote.push_back(&S);
  if (ToPromote.empty())
    return false;
  // Before anything is erased: a free may itself be a tail call.
  for (AllocSite *S : ToPromote)
    for (CallInst *CI : S->TailCalls)
      CI->setTailCall(false);
  for (AllocSite *S : ToPromote)
    promoteSite(*S, F);
  return true;
}

PreservedAnalyses GoEscapePass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (Disable)
    return PreservedAnalyses::all();
  EscapeInfo &EI = MAM.getResult<GoEscapeAnalysis>(M);
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();

  // Everything is said before anything is rewritten: the report and the
  // remarks read the calls the rewrite erases.
  if (unsigned Level = getReportLevel())
    printGoStyleReport(EI, M, Level, errs());
  for (auto &[ConstF, Info] : EI.Functions) {
    auto &ORE = FAM.getResult<OptimizationRemarkEmitterAnalysis>(*Info.F);
    for (const AllocSite &S : Info.Sites)
      emitSiteRemark(S, ORE);
    emitSummaryRemarks(Info, ORE);
  }

  SmallVector<Function *, 8> Changed;
  for (auto &[ConstF, Info] : EI.Functions)
    if (promoteFunction(Info))
      Changed.push_back(Info.F);
  if (Changed.empty())
    return PreservedAnalyses::all();

  if (Cleanup) {
    FunctionPassManager FPM;
    FPM.addPass(SROAPass(SROAOptions::ModifyCFG));
    FPM.addPass(EarlyCSEPass(/*UseMemorySSA=*/false));
    FPM.addPass(InstCombinePass());
    for (Function *F : Changed) {
      FAM.invalidate(*F, PreservedAnalyses::none());
      FPM.run(*F, FAM);
    }
  }
  return PreservedAnalyses::none();
}
