//===- SolverCalls.cpp - What a call does with the objects it gets --------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The call rules (Go's call.go). A call is, in this order: an allocation
/// site (seeded before solving; posix_memalign stores its object through
/// the out-parameter), a memory intrinsic, a deallocation (the object is
/// freed, not escaped: whether the free can go is Placement.cpp's
/// question), realloc, a call with a summary (SummaryFlow.cpp), or a call
/// judged by its attributes and what the C library is known to do:
///
///   call void @use(ptr captures(none) readonly %p)   ; nothing escapes
///   call void @keep(ptr %p)                          ; %p may be kept: escapes
///   call i32 (ptr, ...) @printf(ptr @fmt, ptr %s)    ; %s read as a string
///
//===----------------------------------------------------------------------===//

#include "LibcModel.h"
#include "Solver.h"

#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;
using namespace goescape;

/// True if the callee of \p CB may free the object passed as argument \p I.
static bool mayFreeArg(const CallBase &CB, unsigned I) {
  return !CB.hasFnAttr(Attribute::NoFree) &&
         !CB.paramHasAttr(I, Attribute::NoFree) && !CB.doesNotAccessMemory() &&
         !CB.onlyReadsMemory();
}

/// A function that touches no memory can only pass its arguments on
/// through its result: llvm.umax, llvm.ptrmask, pure helpers.
static bool isPureCall(const CallBase &CB) {
  return CB.doesNotAccessMemory() && !CB.isInlineAsm() &&
         CB.getCalledFunction();
}

void FunctionSolver::escapeBundleOperands(CallBase &CB) {
  for (unsigned I = 0, E = CB.getNumOperandBundles(); I != E; ++I)
    for (const Use &U : CB.getOperandBundleAt(I).Inputs)
      escape(getPT(U.get()), KeepReason::UnknownUse, &CB);
}

void FunctionSolver::visitCall(CallBase &CB) {
  if (auto *CI = dyn_cast<CallInst>(&CB)) {
    if (CI->isMustTailCall())
      HasMustTail = true;
    else if (CI->isTailCall())
      TailCallList.push_back(CI);
  }

  std::optional<unsigned> SkipArg; // Handled here, not by the rules.
  bool ResultKnown = false; // The result's objects are set here.
  auto SiteIt = ObjectOf.find(&CB);
  if (SiteIt != ObjectOf.end()) {
    // Allocation sites are seeded in run(); posix_memalign stores its
    // object through the out-parameter. Their other arguments (an arena,
    // strdup's string) go through the rules below.
    unsigned O = SiteIt->second;
    ResultKnown = true;
    // A constructor does to its arguments what its summary says; its
    // result is the site.
    if (siteOfObject(O).ViaConstructor &&
        applySummary(CB, /*ResultIsSite=*/true)) {
      escapeBundleOperands(CB);
      return;
    }
    if (siteOfObject(O).Kind == AllocKind::PosixMemalign) {
      BitVector Obj(numObjects());
      Obj.set(O);
      storeInto(getPT(CB.getArgOperand(0)), Obj, CB, CB.getArgOperand(0),
                DL.getPointerSize());
      SkipArg = 0;
    }
  } else if (auto *II = dyn_cast<IntrinsicInst>(&CB);
             II && isa<MemTransferInst>(II)) {
    copyContent(*cast<MemTransferInst>(II));
    return;
  } else if (II && (isa<MemSetInst>(II) || II->isLifetimeStartOrEnd() ||
                    isa<DbgInfoIntrinsic>(II) || isa<AssumeInst>(II) ||
                    II->isAssumeLikeIntrinsic())) {
    // Some of these return their pointer argument: llvm.ptr.annotation.
    if (!CB.getType()->isVoidTy())
      for (const Value *Arg : CB.args())
        addPT(&CB, getPT(Arg));
    return;
  } else if (II && (II->getIntrinsicID() == Intrinsic::objectsize ||
                    II->getIntrinsicID() == Intrinsic::prefetch ||
                    II->getIntrinsicID() == Intrinsic::invariant_end)) {
    return;
  } else if (std::optional<FreeInfo> FI = recognizeFree(CB, TLI, Summaries)) {
    FreeCalls.push_back({&CB, *FI});
    markFreed(getPT(FI->Freed), FI->Family);
    SurelyFreed |= getPT(FI->Freed);
    for (unsigned I = 0, E = CB.arg_size(); I != E; ++I)
      if (CB.getArgOperand(I) == FI->Freed)
        SkipArg = I;
    ResultKnown = CB.getType()->isVoidTy();
  } else if (Value *Realloced = getReallocatedOperand(&CB)) {
    // The C library's realloc of this function's own sites returns the
    // same object, grown (Placement.cpp decides whether it may start in a
    // slot); what else it gets is freed, and replaced by a heap block. A
    // realloc of null is malloc: solve() gives it the heap once nothing
    // else reached it.
    BitVector Gone = getPT(Realloced);
    bool Grows = isGrowingRealloc(CB, TLI);
    if (Grows) {
      GrowingReallocs.insert(&CB);
      BitVector Grown = NoObjects;
      for (unsigned O : Gone.set_bits())
        if (siteOf(O) && mayGrow(siteOfObject(O)))
          Grown.set(O);
      Gone.reset(Grown);
      addPT(&CB, Grown);
    }
    addAll(this->Realloced, Gone);
    freeObjects(Gone, KeepReason::Reallocated, CB);
    if (!CB.getType()->isVoidTy() && (!Grows || Gone.any()))
      addPT(&CB, HeapSet);
    return;
  } else if (applySummary(CB)) {
    escapeBundleOperands(CB);
    return;
  }

  visitCallArgs(CB, SkipArg);
  escapeBundleOperands(CB);
  // Calling into one of our own objects (code in a buffer) is beyond us;
  // calling through a parameter does not keep what it points to.
  escapeLocalObjects(getPT(CB.getCalledOperand()), KeepReason::UnknownUse, &CB);

  // What a call returns may point anywhere, even from a function that
  // touches no memory (a const accessor returning a global's address);
  // only an intrinsic's result is made of its arguments alone.
  if (!CB.getType()->isVoidTy() && !ResultKnown &&
      !(isPureCall(CB) && isa<IntrinsicInst>(CB)))
    addPT(&CB, HeapSet);
}

void FunctionSolver::visitCallArgs(CallBase &CB,
                                   std::optional<unsigned> SkipArg) {
  bool Pure = isPureCall(CB);
  const Function *Callee = CB.getCalledFunction();
  for (unsigned I = 0, E = CB.arg_size(); I != E; ++I) {
    const Value *Arg = CB.getArgOperand(I);
    // A copy: adding to the call's own set below may move PT's entries.
    BitVector A = getPT(Arg);
    if (A.none() || I == SkipArg)
      continue;
    if (Pure) {
      addPT(&CB, A);
      continue;
    }
    if (CB.isInlineAsm()) {
      escape(A, KeepReason::InlineAsm, &CB);
      continue;
    }
    if (!Callee) {
      escape(A, KeepReason::IndirectCall, &CB);
      continue;
    }
    if (!Arg->getType()->isPtrOrPtrVectorTy()) {
      // An integer that carries bits of an address, however few (an i32
      // half): no attribute speaks for it, and the callee may rebuild it.
      escape(A, KeepReason::PtrToInt, &CB);
      continue;
    }
    if (I >= Callee->getFunctionType()->getNumParams()) {
      visitFormattedIOArg(CB, Arg, A);
      continue;
    }
    CaptureInfo CI = CB.getCaptureInfo(I);
    CaptureComponents Other = CI.getOtherComponents();
    // The C library's `returned` arguments (strcpy's and memset's
    // destination) are captured only through the result.
    LibFunc LF;
    if (CB.paramHasAttr(I, Attribute::Returned) &&
        TLI.getLibFunc(*Callee, LF) && TLI.has(LF)) {
      Other = CaptureComponents::None;
      addPT(&CB, A);
    }
    if (!capturesNothing(Other) && Other != CaptureComponents::AddressIsNull)
      escape(A, KeepReason::CapturedByCall, &CB);
    if (!capturesNothing(CI.getRetComponents()))
      addPT(&CB, A);
    if (mayFreeArg(CB, I))
      freeObjects(A, KeepReason::FreedByCall, CB);
    // The callee may read the pointers the object holds and keep them ...
    if (!CB.doesNotAccessMemory(I)) {
      escape(loadContent(A), KeepReason::ReachableFromCall, &CB);
      readAllPointers(A);
    }
    // ... and may store pointers to memory we do not know into it.
    if (!CB.onlyReadsMemory(I))
      addUnknownContent(A);
  }
}


/// A variadic argument of libc's formatted I/O is read or written as bytes
/// (printf's %s, scanf's %s), never kept or freed; anything else in a
/// variadic slot escapes.
void FunctionSolver::visitFormattedIOArg(const CallBase &CB, const Value *Arg,
                                         const BitVector &A) {
  FormattedIO FIO = getFormattedIO(CB, TLI);
  if (FIO == FormattedIO::None) {
    escape(A, KeepReason::VarArg, &CB);
    return;
  }
  // printf's %s copies the bytes from the argument on, up to a NUL: any
  // address stored there goes out with them.
  if (FIO == FormattedIO::Print)
    for (unsigned O : A.set_bits()) {
      int64_t Off = offsetIn(Arg, O);
      escape(contentAt(O, ByteRange::from(Off)), KeepReason::ReachableFromCall,
             &CB);
    }
  // scanf("%p") may store a pointer we do not know into the object.
  if (FIO == FormattedIO::Scan)
    addUnknownContent(A);
}
