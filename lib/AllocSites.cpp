//===- AllocSites.cpp - Allocation sites, frees and wrappers --------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Recognises allocation sites and deallocations (AllocSites.h), and the
/// two wrapper shapes real C allocates and frees through.
///
//===----------------------------------------------------------------------===//

#include "AllocSites.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Transforms/Utils/BuildLibCalls.h"

using namespace llvm;
using namespace goescape;

/// Folds \p V for the call chain \p Chain: V is a value of the function
/// Chain.back() calls, an expression over its parameters, which are that
/// call's arguments, which may in turn be expressions over the parameters
/// of the function Chain[size-2] calls, and so on out to Chain.front(),
/// whose arguments must fold to constants. Only side-effect-free
/// instructions are folded; null if V is not a constant there.
static Constant *evaluateAt(Value *V, ArrayRef<const CallBase *> Chain,
                            const DataLayout &DL, const TargetLibraryInfo &TLI,
                            unsigned Depth = 0) {
  if (auto *C = dyn_cast<Constant>(V))
    return C;
  if (auto *A = dyn_cast<Argument>(V)) {
    if (Chain.empty() || A->getArgNo() >= Chain.back()->arg_size())
      return nullptr;
    return evaluateAt(Chain.back()->getArgOperand(A->getArgNo()),
                      Chain.drop_back(), DL, TLI, Depth + 1);
  }
  auto *I = dyn_cast<Instruction>(V);
  if (!I || Depth > MaxFoldDepth || I->mayReadOrWriteMemory() ||
      I->mayHaveSideEffects() || isa<PHINode>(I) || isa<CallBase>(I))
    return nullptr;
  SmallVector<Constant *, 4> Ops;
  for (Value *Op : I->operands()) {
    Constant *C = evaluateAt(Op, Chain, DL, TLI, Depth + 1);
    if (!C)
      return nullptr;
    Ops.push_back(C);
  }
  return ConstantFoldInstOperands(I, Ops, DL, &TLI);
}

static std::optional<uint64_t> getConstantU64(const Constant *C) {
  if (const auto *CI = dyn_cast_or_null<ConstantInt>(C))
    if (CI->getValue().getActiveBits() <= 64)
      return CI->getZExtValue();
  return std::nullopt;
}

/// Fills in a site's size-related verdict: not constant (with the small
/// buffer that was on, which it could not have, in Limit), zero, too large,
/// or an alignment the stack cannot give.
static void checkSizeAndAlign(AllocSite &Site, bool AlignOK,
                              const SizeRules &Rules) {
  uint64_t MaxSize = Rules.MaxSize;
  if (!Site.Size) {
    Site.Reason = KeepReason::NonConstantSize;
    Site.Limit = Rules.SmallBuffer;
  }
  else if (*Site.Size == 0)
    Site.Reason = KeepReason::ZeroSize;
  else if (*Site.Size > MaxSize) {
    Site.Reason = KeepReason::TooLarge;
    Site.Limit = MaxSize;
  } else if (!AlignOK)
    Site.Reason = KeepReason::BadAlignment;
}

namespace {
/// A site being recognised, with whether its alignment is one a stack
/// slot can give.
struct SiteBuilder {
  AllocSite Site;
  bool AlignOK = true;

  explicit SiteBuilder(const CallBase &CB) {
    Site.Call = &CB;
    Site.Alignment = Align(DefaultAllocAlign);
  }
  void setAlign(std::optional<uint64_t> A) {
    if (!A || !isPowerOf2_64(*A) || *A > MaxSlotAlign) {
      AlignOK = false;
      return;
    }
    Site.Alignment = std::max(Site.Alignment, Align(*A));
  }
};
} // namespace

/// A call to an allocation wrapper is an allocation of the caller, sized
/// by the wrapper's expression evaluated for this call's arguments; a
/// wrapper may wrap another wrapper.
/// Where the innermost allocation's operand \p V comes from, seen from the
/// outermost call of \p Chain: a constant, or an operand of that call
/// passed down unchanged through each wrapper's parameter; none if some
/// wrapper computes it.
static std::optional<AllocSite::WrapperOperand>
getPassedDownArg(const Value *V, ArrayRef<const CallBase *> Chain) {
  AllocSite::WrapperOperand Op;
  for (const CallBase *Call : llvm::reverse(Chain)) {
    if (const auto *C = dyn_cast<ConstantInt>(V)) {
      if (C->getValue().getActiveBits() > 64)
        return std::nullopt;
      Op.Arg.reset();
      Op.Const = C->getZExtValue();
      return Op;
    }
    const auto *A = dyn_cast<Argument>(V);
    if (!A || A->getParent() != Call->getCalledFunction() ||
        A->getArgNo() >= Call->arg_size())
      return std::nullopt;
    Op.Arg = A->getArgNo();
    V = Call->getArgOperand(*Op.Arg);
  }
  return Op;
}

static std::optional<AllocSite>
recognizeWrapperCall(const CallBase &CB, const CallBase *Inner,
                     const TargetLibraryInfo &TLI, const SummaryMap &Summaries,
                     const SizeRules &Rules) {
  uint64_t MaxSize = Rules.MaxSize;
  const DataLayout &DL = CB.getDataLayout();
  SmallVector<const CallBase *, 4> Chain{&CB};
  while (Chain.size() < MaxWrapperDepth) {
    const Function *InnerCallee = Inner->getCalledFunction();
    auto It = InnerCallee ? Summaries.find(InnerCallee) : Summaries.end();
    if (It == Summaries.end() || !It->second.WrappedAlloc)
      break;
    Chain.push_back(Inner);
    Inner = It->second.WrappedAlloc;
  }
  // Only the kind and family: the size is folded from this call.
  SizeRules InnerRules;
  InnerRules.MaxSize = MaxSize;
  InnerRules.SmallBuffer = 0;
  std::optional<AllocSite> InnerSite =
      recognizeSite(*Inner, TLI, Summaries, InnerRules);
  if (!InnerSite || InnerSite->ViaWrapper)
    return std::nullopt;
  SiteBuilder B(CB);
  B.Site.Kind = InnerSite->Kind;
  B.Site.Family = InnerSite->Family;
  B.Site.ViaWrapper = true;
  if (std::optional<APInt> Size = getAllocSize(
          Inner, &TLI, [&](const Value *V) -> const Value * {
            // V is one of Inner's arguments: fold that operand.
            for (Value *Arg : Inner->args())
              if (Arg == V)
                if (Constant *C = evaluateAt(Arg, Chain, DL, TLI))
                  return C;
            return V;
          }))
    if (Size->getActiveBits() <= 64)
      B.Site.Size = Size->getZExtValue();
  if (Value *A = getAllocAlignment(Inner, &TLI))
    B.setAlign(getConstantU64(evaluateAt(A, Chain, DL, TLI)));
  // xmalloc(n) with n known only at run time: the small buffer, tested on
  // the wrapper call's own operands, when the wrapper passes them to the
  // allocation unchanged (the heap path calls the wrapper, as written).
  if (!B.Site.Size && Rules.SmallBuffer && Rules.SmallBuffer <= MaxSize &&
      (B.Site.Kind == AllocKind::Malloc || B.Site.Kind == AllocKind::Calloc ||
       B.Site.Kind == AllocKind::New) &&
      Inner->getFnAttr(Attribute::AllocSize).isValid() && CB.getType() ==
                                                            Inner->getType()) {
    auto [SizeArg, NumArg] =
        Inner->getFnAttr(Attribute::AllocSize).getAllocSizeArgs();
    std::optional<AllocSite::WrapperOperand> OuterSize =
        getPassedDownArg(Inner->getArgOperand(SizeArg), Chain);
    std::optional<AllocSite::WrapperOperand> OuterNum;
    if (NumArg)
      OuterNum = getPassedDownArg(Inner->getArgOperand(*NumArg), Chain);
    // At least one of them from the call: else the size is a constant,
    // which evaluateAt would have folded.
    if (OuterSize && (!NumArg || OuterNum) &&
        (OuterSize->Arg || (OuterNum && OuterNum->Arg))) {
      B.Site.Size = Rules.SmallBuffer;
      B.Site.Fallback = true;
      B.Site.WrapperSize = OuterSize;
      B.Site.WrapperNum = OuterNum;
    }
  }
  checkSizeAndAlign(B.Site, B.AlignOK, Rules);
  return B.Site;
}

/// A size of run-time value with a proven upper bound within \p MaxSize
/// gets a slot of the bound: every size operand is replaced by its largest
/// value, and the size (n, or n * m for calloc) grows with each of them.
static void boundSize(const CallBase &CB, const TargetLibraryInfo &TLI,
                      uint64_t MaxSize, UpperBoundFn UpperBound,
                      AllocSite &Site) {
  std::optional<uint64_t> Size;
  if (Site.Kind == AllocKind::PosixMemalign) {
    Size = UpperBound(CB.getArgOperand(2));
  } else if (std::optional<APInt> S = getAllocSize(
                 &CB, &TLI, [&](const Value *V) -> const Value * {
                   for (Value *Arg : CB.args())
                     if (Arg == V)
                       if (std::optional<uint64_t> Max = UpperBound(Arg))
                         return ConstantInt::get(Arg->getType(), *Max);
                   return V;
                 })) {
    // Operands left unbounded leave no constant: getAllocSize fails.
    if (S->getActiveBits() <= 64)
      Size = S->getZExtValue();
  }
  if (!Size || *Size > MaxSize)
    return;
  Site.Size = Size;
  Site.SizeIsBound = true;
}

/// A run-time size with no bound may get a small slot with the heap as
/// fallback: for the allocators whose size the allocsize attribute names
/// (the transform tests it), and for strdup (the transform measures the
/// string with strlen, which must be there to call). An invoke (operator
/// new where a destructor must run if it throws) keeps its unwind edge on
/// the heap path.
/// True if a call of the C library's \p LF that the rewrite adds to \p M
/// reaches the library's function: the target has it, and the module
/// neither defines a function of that name (a program's own strlen or
/// malloc, which the new call would run where the library's strdup or
/// realloc does not) nor declares one of another prototype. An
/// available_externally body is the library's own. A definition in another
/// file, linked in, is beyond what one module can see.
static bool canCallLibrary(const Module *M, const TargetLibraryInfo &TLI,
                           LibFunc LF) {
  if (!isLibFuncEmittable(M, &TLI, LF))
    return false;
  const Function *F = M->getFunction(TLI.getName(LF));
  return !F || F->isDeclaration() || F->hasAvailableExternallyLinkage();
}

static bool canFallBack(const CallBase &CB, const TargetLibraryInfo &TLI,
                        const AllocSite &Site, const SizeRules &Rules) {
  if (!Rules.SmallBuffer || Rules.SmallBuffer > Rules.MaxSize)
    return false;
  if (Site.Kind == AllocKind::StrDup) {
    // strdup(s) measures with strlen, strndup(s, n) with strnlen(s, n).
    LibFunc LF;
    if (!TLI.getLibFunc(*CB.getCalledFunction(), LF))
      return false;
    if (LF == LibFunc_strdup || LF == LibFunc_dunder_strdup)
      return CB.arg_size() == 1 &&
             canCallLibrary(CB.getModule(), TLI, LibFunc_strlen);
    return (LF == LibFunc_strndup || LF == LibFunc_dunder_strndup) &&
           CB.arg_size() == 2 &&
           canCallLibrary(CB.getModule(), TLI, LibFunc_strnlen);
  }
  // posix_memalign(&p, align, size): its size is argument 2.
  if (Site.Kind == AllocKind::PosixMemalign)
    return CB.arg_size() == 3 && CB.getType()->isIntegerTy();
  if (!CB.getFnAttr(Attribute::AllocSize).isValid())
    return false;
  return Site.Kind == AllocKind::Malloc || Site.Kind == AllocKind::Calloc ||
         Site.Kind == AllocKind::Aligned || Site.Kind == AllocKind::New;
}

/// A call to one of the C library's (or C++'s) allocation functions.
static std::optional<AllocSite> recognizeLibCall(const CallBase &CB,
                                                 const TargetLibraryInfo &TLI,
                                                 const SizeRules &Rules) {
  uint64_t MaxSize = Rules.MaxSize;
  const DataLayout &DL = CB.getDataLayout();
  LibFunc LF;
  bool IsLib = TLI.getLibFunc(*CB.getCalledFunction(), LF) && TLI.has(LF);
  auto ConstArg = [&](unsigned I) {
    return getConstantU64(dyn_cast<Constant>(CB.getArgOperand(I)));
  };
  SiteBuilder B(CB);
  AllocSite &Site = B.Site;
  if (IsLib && LF == LibFunc_posix_memalign) {
    // int posix_memalign(void **out, size_t align, size_t size)
    Site.Kind = AllocKind::PosixMemalign;
    Site.Family = "malloc";
    Site.Size = ConstArg(2);
    B.setAlign(ConstArg(1));
    // Below sizeof(void *) it fails with EINVAL, which a slot cannot do.
    if (!ConstArg(1) || *ConstArg(1) < DL.getPointerSize())
      B.AlignOK = false;
  } else if (isAllocationFn(&CB, &TLI) && !getReallocatedOperand(&CB)) {
    if (!CB.getType()->isPointerTy())
      return std::nullopt;
    if (IsLib && (LF == LibFunc_strdup || LF == LibFunc_strndup ||
                  LF == LibFunc_dunder_strdup ||
                  LF == LibFunc_dunder_strndup)) {
      // The C library's strdup allocates with malloc, the program's when
      // the module defines one: it is the program's allocation then.
      if (!canCallLibrary(CB.getModule(), TLI, LibFunc_malloc))
        return std::nullopt;
      Site.Kind = AllocKind::StrDup;
    }
    else if (IsLib && LF == LibFunc_calloc)
      Site.Kind = AllocKind::Calloc;
    else if (isNewLikeFn(&CB, &TLI))
      Site.Kind = AllocKind::New;
    else if (IsLib && (LF == LibFunc_aligned_alloc || LF == LibFunc_memalign))
      Site.Kind = AllocKind::Aligned;
    else
      Site.Kind = AllocKind::Malloc;
    Site.Family = getAllocationFamily(&CB, &TLI).value_or("");
    // valloc and pvalloc align to the page size, which is not known here
    // (and may be 64 KiB).
    if (IsLib && (LF == LibFunc_valloc || LF == LibFunc_pvalloc))
      B.AlignOK = false;
    if (Site.Kind != AllocKind::StrDup)
      if (std::optional<APInt> Size = getAllocSize(&CB, &TLI))
        if (Size->getActiveBits() <= 64)
          Site.Size = Size->getZExtValue();
    if (const Value *A = getAllocAlignment(&CB, &TLI))
      B.setAlign(getConstantU64(dyn_cast<Constant>(A)));
  } else {
    return std::nullopt;
  }
  if (!Site.Size && Rules.UpperBound && Site.Kind != AllocKind::StrDup)
    boundSize(CB, TLI, MaxSize, Rules.UpperBound, Site);
  if (!Site.Size && canFallBack(CB, TLI, Site, Rules)) {
    Site.Size = Rules.SmallBuffer;
    Site.Fallback = true;
  }
  checkSizeAndAlign(Site, B.AlignOK, Rules);
  return Site;
}

/// True if \p CB calls a function that TargetLibraryInfo names (its name
/// and prototype are the C library's) but that the calling function may not
/// take for the library's: `-fno-builtin-malloc`, "no-builtins",
/// `__attribute__((no_builtin("malloc")))`. Whatever the declaration's
/// attributes say, such a call allocates and frees nothing we know of, as
/// when nothing had inferred those attributes.
///
/// So is a call to a function the module defines under a C library name
/// (a program's own strdup, malloc or free): it does what its body says,
/// which goescape's summaries see, not what the library's would do. An
/// available_externally body is the library's own (an inline copy of it).
/// C++'s replaceable operator new and delete are the exception, when a new
/// or delete expression calls them (the call is marked builtin): the
/// standard lets such a call be left out even when the program replaces
/// the operator.
/// A call of a constructor is a site of the kind, size and alignment of
/// the allocation \p Inner the constructor returns, which the constructor
/// made with a constant size (detectConstructor).
static std::optional<AllocSite>
recognizeConstructorCall(const CallBase &CB, const CallBase &Inner,
                         const TargetLibraryInfo &TLI,
                         const SummaryMap &Summaries, const SizeRules &Rules) {
  const Function *Callee = CB.getCalledFunction();
  if (!isBodyUsed(*Callee) || CB.hasOperandBundles() || CB.isMustTailCall())
    return std::nullopt;
  SizeRules InnerRules;
  InnerRules.MaxSize = Rules.MaxSize;
  std::optional<AllocSite> InnerSite =
      recognizeSite(Inner, TLI, Summaries, InnerRules);
  if (!InnerSite || InnerSite->ViaConstructor || !InnerSite->Size ||
      InnerSite->Fallback || InnerSite->SizeIsBound)
    return std::nullopt;
  AllocSite Site = std::move(*InnerSite);
  Site.Call = &CB;
  Site.ViaWrapper = false;
  Site.ViaConstructor = true;
  Site.WrapperSize.reset();
  Site.WrapperNum.reset();
  return Site;
}

static bool isLibFuncTurnedOff(const CallBase &CB,
                               const TargetLibraryInfo &TLI) {
  const Function *Callee = CB.getCalledFunction();
  LibFunc LF;
  if (!Callee || !TLI.getLibFunc(*Callee, LF))
    return false;
  if (!TLI.has(LF))
    return true;
  return !Callee->isDeclaration() &&
         !Callee->hasAvailableExternallyLinkage() &&
         !CB.hasFnAttr(Attribute::Builtin);
}

std::optional<AllocSite> goescape::recognizeSite(const CallBase &CB,
                                                 const TargetLibraryInfo &TLI,
                                                 const SummaryMap &Summaries,
                                                 const SizeRules &Rules) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || CB.isNoBuiltin() || isLibFuncTurnedOff(CB, TLI))
    return std::nullopt;
  auto SumIt = Summaries.find(Callee);
  if (SumIt != Summaries.end() && SumIt->second.WrappedAlloc)
    return recognizeWrapperCall(CB, SumIt->second.WrappedAlloc, TLI, Summaries,
                                Rules);
  if (SumIt != Summaries.end() && SumIt->second.Constructs)
    return recognizeConstructorCall(CB, *SumIt->second.Constructs, TLI,
                                    Summaries, Rules);
  return recognizeLibCall(CB, TLI, Rules);
}

bool goescape::isGrowingRealloc(const CallBase &CB,
                                const TargetLibraryInfo &TLI) {
  const Function *Callee = CB.getCalledFunction();
  LibFunc LF;
  if (!Callee || CB.isNoBuiltin() || isLibFuncTurnedOff(CB, TLI) ||
      !TLI.getLibFunc(*Callee, LF) || LF != LibFunc_realloc || !TLI.has(LF) ||
      CB.arg_size() != 2 || !isa<CallInst>(CB) ||
      getAllocationFamily(&CB, &TLI) != "malloc")
    return false;
  return canCallLibrary(CB.getModule(), TLI, LibFunc_malloc);
}

bool goescape::mayGrow(const AllocSite &Site) {
  return Site.Family == "malloc" && !Site.ViaConstructor &&
         (Site.Kind == AllocKind::Malloc || Site.Kind == AllocKind::Calloc ||
          Site.Kind == AllocKind::StrDup);
}

std::optional<FreeInfo> goescape::recognizeFree(const CallBase &CB,
                                                const TargetLibraryInfo &TLI,
                                                const SummaryMap &Summaries) {
  if (isLibFuncTurnedOff(CB, TLI))
    return std::nullopt;
  if (const Value *Freed = getFreedOperand(&CB, &TLI))
    return FreeInfo{Freed, getAllocationFamily(&CB, &TLI).value_or("")};
  const Function *Callee = CB.getCalledFunction();
  if (!Callee)
    return std::nullopt;
  auto It = Summaries.find(Callee);
  if (It == Summaries.end() || It->second.FreesParam < 0)
    return std::nullopt;
  const FunctionSummary &S = It->second;
  std::optional<FreeInfo> Inner = recognizeFree(*S.WrappedFree, TLI, Summaries);
  if (!Inner || unsigned(S.FreesParam) >= CB.arg_size())
    return std::nullopt;
  return FreeInfo{CB.getArgOperand(S.FreesParam), Inner->Family};
}

//===----------------------------------------------------------------------===//
// Wrappers.
//===----------------------------------------------------------------------===//

bool goescape::isOnlyThroughPhis(const Value *V,
                                 function_ref<bool(const Value *)> Leaf) {
  SmallVector<const Value *, 8> Work{V};
  SmallPtrSet<const Value *, 8> Seen{V};
  while (!Work.empty()) {
    const Value *U = Work.pop_back_val();
    if (Leaf(U))
      continue;
    SmallVector<const Value *, 4> Ins;
    if (const auto *Phi = dyn_cast<PHINode>(U))
      Ins.append(Phi->incoming_values().begin(), Phi->incoming_values().end());
    else if (const auto *Sel = dyn_cast<SelectInst>(U))
      Ins = {Sel->getTrueValue(), Sel->getFalseValue()};
    else
      return false;
    for (const Value *In : Ins)
      if (Seen.insert(In).second)
        Work.push_back(In);
  }
  return true;
}

/// No effect a caller could see: a debug record, a lifetime marker or an
/// assumption, or an instruction that neither reads nor writes memory.
static bool isHarmless(const Instruction &I) {
  if (isa<DbgInfoIntrinsic>(I))
    return true;
  if (const auto *II = dyn_cast<IntrinsicInst>(&I))
    if (II->isLifetimeStartOrEnd() || II->isAssumeLikeIntrinsic())
      return true;
  return !I.mayHaveSideEffects() && !I.mayReadFromMemory() && !isa<CallBase>(I);
}

/// True if \p Cond is `P == null` or `P != null`; \p NullIfTrue says which.
static bool isNullTestOf(const Value *Cond, const Value *P, bool &NullIfTrue) {
  const auto *Cmp = dyn_cast<ICmpInst>(Cond);
  if (!Cmp || !Cmp->isEquality())
    return false;
  const Value *A = Cmp->getOperand(0), *B = Cmp->getOperand(1);
  if (!(A == P && isa<ConstantPointerNull>(B)) &&
      !(B == P && isa<ConstantPointerNull>(A)))
    return false;
  NullIfTrue = Cmp->getPredicate() == ICmpInst::ICMP_EQ;
  return true;
}

/// Blocks of \p F reachable from the entry when \p P is not null (or, with
/// P null, all of them), not going past \p Stop.
static SmallPtrSet<const BasicBlock *, 8>
reachableAssumingNonNull(const Function &F, const Value *P,
                         const BasicBlock *Stop = nullptr) {
  SmallVector<const BasicBlock *, 8> Work{&F.getEntryBlock()};
  SmallPtrSet<const BasicBlock *, 8> Seen{&F.getEntryBlock()};
  while (!Work.empty()) {
    const BasicBlock *BB = Work.pop_back_val();
    if (BB == Stop)
      continue;
    const Instruction *T = BB->getTerminator();
    SmallVector<const BasicBlock *, 2> Succs(successors(BB));
    bool NullIfTrue;
    if (const auto *Br = dyn_cast<BranchInst>(T))
      if (P && Br->isConditional() &&
          isNullTestOf(Br->getCondition(), P, NullIfTrue))
        Succs = {Br->getSuccessor(NullIfTrue ? 1 : 0)};
    for (const BasicBlock *S : Succs)
      if (Seen.insert(S).second)
        Work.push_back(S);
  }
  return Seen;
}

/// An allocation wrapper returns the result of its one allocation on every
/// return, and does nothing else on the paths where the allocation
/// succeeded: every instruction reachable from the entry, once the branches
/// on "allocation == null" go only the non-null way, is the allocation, a
/// branch, a return of the allocation, or free of side effects. What a
/// failed allocation does (print, abort) cannot happen to a stack slot.
static bool isAllocationWrapper(const Function &F, const AllocSite &S) {
  bool KindOK = S.Kind == AllocKind::Malloc || S.Kind == AllocKind::Calloc ||
                S.Kind == AllocKind::Aligned || S.Kind == AllocKind::New;
  if (!KindOK || isa<InvokeInst>(S.Call))
    return false;
  for (const BasicBlock *BB : reachableAssumingNonNull(F, S.Call))
    for (const Instruction &I : *BB) {
      // A return has no effect, but what it returns is the call's result:
      // the allocation, never another object (a global on another path).
      if (const auto *RI = dyn_cast<ReturnInst>(&I)) {
        if (RI->getReturnValue() == S.Call)
          continue;
        return false;
      }
      if (&I == S.Call || isa<BranchInst>(I) || isHarmless(I))
        continue;
      return false;
    }
  return true;
}

/// A free wrapper's only effect is to free its parameter \p Param (maybe
/// after a null check), on every path that returns with it not null.
static bool isFreeWrapper(const Function &F, const CallBase *FC,
                          const Argument *Param) {
  for (const BasicBlock *BB : reachableAssumingNonNull(F, nullptr))
    for (const Instruction &I : *BB)
      if (&I != FC && !isa<BranchInst>(I) && !isa<ReturnInst>(I) &&
          !isHarmless(I))
        return false;
  // A wrapper that frees only sometimes (`if (owned) free(p)`) is no free.
  for (const BasicBlock *BB :
       reachableAssumingNonNull(F, Param, FC->getParent()))
    if (BB != FC->getParent() && isa<ReturnInst>(BB->getTerminator()))
      return false;
  return true;
}

void goescape::detectWrappers(const Function &F, FunctionEscapeInfo &Info,
                              ArrayRef<FreeCall> Frees) {
  // A function that may recurse may still be one (xmalloc calling another
  // file's die() on failure): on the paths the shapes look at it calls
  // nothing, so no frame of its own is on a caller's chain, and the caller
  // decides the allocation it is (its recursion budget, if it is on the
  // cycle too).
  FunctionSummary &Sum = Info.Summary;
  if (F.isInterposable() || !F.hasExactDefinition() ||
      F.getName() == HeapBlockFnName)
    return;
  if (Info.Sites.size() == 1 && F.getReturnType()->isPointerTy() &&
      isAllocationWrapper(F, Info.Sites.front())) {
    Sum.WrappedAlloc = Info.Sites.front().Call;
    return;
  }
  if (!Info.Sites.empty() || !F.getReturnType()->isVoidTy() ||
      Frees.size() != 1)
    return;
  const CallBase *FC = Frees.front().first;
  const auto *Param =
      dyn_cast<Argument>(Frees.front().second.Freed->stripPointerCasts());
  if (!Param || Param->getParent() != &F || !isFreeWrapper(F, FC, Param))
    return;
  Sum.FreesParam = Param->getArgNo();
  Sum.WrappedFree = FC;
}
