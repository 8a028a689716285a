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

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;
using namespace goescape;

#define DEBUG_TYPE "goescape"

/// One remark per site. The message is what -Rpass prints; the arguments
/// after setExtraArgs() go only into -fsave-optimization-record's YAML,
/// where goescape-report reads them: Bytes (0 if not constant), LoopDepth.
static void emitRemark(const AllocSite &S, OptimizationRemarkEmitter &ORE) {
  const Function &F = *S.Call->getFunction();
  // Without debug info a remark has no location: name the function instead.
  std::string Where;
  if (!S.Call->getDebugLoc())
    Where = (" in function '" + F.getName() + "'").str();
  auto Extra = [&](auto &R) -> decltype(R) {
    return R << ore::setExtraArgs()
             << ore::NV("Bytes", S.Size.value_or(0))
             << ore::NV("LoopDepth", S.LoopDepth);
  };
  if (S.isPromotable()) {
    ORE.emit([&] {
      OptimizationRemark R(DEBUG_TYPE, "Promoted", S.Call);
      R << ore::NV("Allocation", S.describe()) << " moved to stack";
      if (!Where.empty())
        R << Where;
      return Extra(R);
    });
    return;
  }
  ORE.emit([&] {
    OptimizationRemarkMissed R(DEBUG_TYPE, getReasonName(S.Reason), S.Call);
    R << ore::NV("Allocation", S.describe())
      << (isEscape(S.Reason) ? " escapes to heap" : " kept on heap");
    if (!Where.empty())
      R << Where;
    R << ": " << ore::NV("Reason", S.describeReason());
    return Extra(R);
  });
}

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
  EscapeInfo &EI = MAM.getResult<GoEscapeAnalysis>(M);
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();

  SmallVector<Function *, 8> Changed;
  for (auto &[ConstF, Info] : EI.Functions) {
    Function &F = *Info.F;
    auto &ORE = FAM.getResult<OptimizationRemarkEmitterAnalysis>(F);
    for (const AllocSite &S : Info.Sites)
      emitRemark(S, ORE);
    if (promoteFunction(Info))
      Changed.push_back(&F);
  }
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
