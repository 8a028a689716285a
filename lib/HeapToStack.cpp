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
///     An object of run-time size, or one that realloc grows, may be on the
///     heap: its frees stay, for what is not the slot, and each realloc of
///     the slot stays in it while the size fits and moves it to the heap
///     when it does not (growFromSlot).
///  5. A call that frees only promoted objects (list_free(head), a
///     recursive tree_free) goes to a copy of its callee without the frees
///     of what its parameters reach, `list_free.goescape.nofree`, made
///     once per callee from its rewritten body; the copy's own calls of
///     such functions go to their copies.
///  6. A constructor's call whose object is promoted (rec_new(id), which
///     mallocs, fills and returns the record) keeps its arguments and gets
///     the slot as one more: it goes to a copy of the constructor,
///     `rec_new.goescape.ctor`, made once from its body as written, in
///     which the allocation is the slot (zeroed for calloc), its null
///     checks fold and its frees (a failed initialisation's, a throwing
///     C++ constructor's) go. Where the copy returns the slot on every
///     path, the caller uses the slot; elsewhere what the copy returns.
///  7. The calls whose callee's body the verdicts read and which the
///     linker might swap for another translation unit's (an inline or
///     template function) go to a copy of the body analysed,
///     `f.goescape.exact` (ExactBodies).
///
//===----------------------------------------------------------------------===//

#include "goescape/HeapToStack.h"
#include "AllocSites.h"
#include "goescape/EscapeAnalysis.h"
#include "goescape/Report.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/LoopDeletion.h"
#include "llvm/Transforms/Scalar/LoopPassManager.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/BuildLibCalls.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;
using namespace goescape;

#define DEBUG_TYPE "goescape"

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

namespace {
/// What the rewrite of one promotable site needs, copied out of the
/// analysis result (which is read-only) before anything changes.
struct SlotPlan {
  CallBase *Call = nullptr;
  AllocKind Kind = AllocKind::Malloc;
  uint64_t Size = 0;
  Align Alignment;
  /// A slot used when the run-time size fits, the heap otherwise.
  bool Fallback = false;
  /// Slots each taken while free, the heap when all are taken (a site
  /// whose objects a loop carries); 0 for one slot, always free.
  unsigned Carried = 0;
  /// The C library's realloc calls of the object: it may outgrow the slot
  /// and move to the heap, so its frees test for the slot too.
  SmallVector<CallBase *, 1> Reallocs;
  /// For a wrapper call's Fallback: where its size (and count) come from;
  /// a direct call's allocsize attribute names its own.
  std::optional<AllocSite::WrapperOperand> WrapperSize, WrapperNum;
  /// For a constructor's call: the allocation the constructor returns, and
  /// the copy of the constructor the call goes to (made before any
  /// function is rewritten).
  const CallBase *Constructs = nullptr;
  ArrayRef<const CallBase *> ConstructsFrees;
  Function *ConstructorCopy = nullptr;
  /// The copy returns the slot on every path: the caller may use the slot.
  bool CopyReturnsSlot = false;
  /// The frees to remove (or, for a Fallback site, to make conditional),
  /// and whether each ends the object's lifetime (it frees the allocation
  /// itself, so never null and never another).
  struct Free {
    CallBase *Call;
    bool Ends;
    unsigned FreedArg; ///< the argument that is the freed pointer
  };
  SmallVector<Free, 2> Frees;
};

/// The rewrite of one function.
struct PromotionPlan {
  Function *F = nullptr;
  SmallVector<SlotPlan, 4> Slots;
  /// Calls that must lose `tail`: they may receive a pointer into a slot.
  SmallVector<CallInst *, 4> TailCalls;
  /// Calls that free only promoted objects: they go to copies.
  SmallVector<CallBase *, 2> CloneCalls;
};
} // namespace

/// The plan for \p F from its verdicts. The result names instructions by
/// const pointer; one walk over F finds the instructions to change.
static std::optional<PromotionPlan>
makePlan(Function &F, const FunctionEscapeInfo &Info, const EscapeInfo &EI) {
  DenseMap<const Instruction *, Instruction *> Mutable;
  for (const AllocSite &S : Info.Sites)
    if (S.isPromotable()) {
      Mutable[S.Call] = nullptr;
      for (const SiteFree &Fr : S.Frees)
        Mutable[Fr.Call] = nullptr;
      for (const CallInst *CI : S.TailCalls)
        Mutable[CI] = nullptr;
      for (const CallBase *R : S.Reallocs)
        Mutable[R] = nullptr;
    }
  for (const FreeCloneCall &CC : Info.CloneCalls)
    if (Info.isCloneCallActive(CC))
      Mutable[CC.Call] = nullptr;
  if (Mutable.empty())
    return std::nullopt;
  for (Instruction &I : instructions(F)) {
    auto It = Mutable.find(&I);
    if (It != Mutable.end())
      It->second = &I;
  }
  PromotionPlan Plan;
  Plan.F = &F;
  SmallPtrSet<CallInst *, 8> Untail;
  for (const AllocSite &S : Info.Sites) {
    if (!S.isPromotable())
      continue;
    assert(S.Size && "a promotable site has a constant size");
    SlotPlan &P = Plan.Slots.emplace_back();
    P.Call = cast<CallBase>(Mutable.lookup(S.Call));
    P.Kind = S.Kind;
    P.Size = S.getSlotSize();
    P.Alignment = S.Alignment;
    P.Fallback = S.Fallback;
    P.Carried = S.CarriedSlots;
    for (const CallBase *R : S.Reallocs)
      P.Reallocs.push_back(cast<CallBase>(Mutable.lookup(R)));
    P.WrapperSize = S.WrapperSize;
    P.WrapperNum = S.WrapperNum;
    if (S.ViaConstructor) {
      const FunctionEscapeInfo *Ctor = EI.lookup(*S.Call->getCalledFunction());
      assert(Ctor && Ctor->Summary.Constructs && "a constructor's call");
      P.Constructs = Ctor->Summary.Constructs;
      P.ConstructsFrees = Ctor->Summary.ConstructsFrees;
    }
    // Decided here, before the invoke of an allocation is rewritten into a
    // call: the same test as the budget's (LiveRanges).
    for (const SiteFree &Fr : S.Frees) {
      auto *FC = cast<CallBase>(Mutable.lookup(Fr.Call));
      unsigned FreedArg = 0;
      while (FreedArg + 1 < FC->arg_size() &&
             FC->getArgOperand(FreedArg) != Fr.Freed)
        ++FreedArg;
      P.Frees.push_back(
          {FC, Fr.Freed->stripPointerCasts() == S.Call, FreedArg});
    }
    for (const CallInst *CI : S.TailCalls)
      if (Untail.insert(cast<CallInst>(Mutable.lookup(CI))).second)
        Plan.TailCalls.push_back(cast<CallInst>(Mutable.lookup(CI)));
  }
  for (const FreeCloneCall &CC : Info.CloneCalls)
    if (Info.isCloneCallActive(CC))
      Plan.CloneCalls.push_back(cast<CallBase>(Mutable.lookup(CC.Call)));
  return Plan;
}

/// The site's slot: an entry-block alloca of its size and alignment, named
/// after the call and marked as a slot (SlotMetadataKind).
static AllocaInst *createSlot(const SlotPlan &S, const CallBase &CB,
                              Function &F) {
  LLVMContext &Ctx = F.getContext();
  auto *SlotTy = ArrayType::get(Type::getInt8Ty(Ctx), S.Size);
  auto *Slot = new AllocaInst(SlotTy, F.getDataLayout().getAllocaAddrSpace(),
                              nullptr, S.Alignment, CB.getName() + ".stack",
                              F.getEntryBlock().getFirstInsertionPt());
  Slot->setMetadata(SlotMetadataKind, MDNode::get(Ctx, {}));
  return Slot;
}

namespace {
/// A carried site's slots and their flags, each true while a live object
/// holds its slot: entry-block allocas, the flags cleared on entry.
struct CarriedSlots {
  SmallVector<AllocaInst *, 2> Slots, Taken;
};
} // namespace

/// A carried site's slots (\p First and S.Carried - 1 more) and a flag for
/// each, false on entry.
static CarriedSlots createCarriedSlots(const SlotPlan &S, const CallBase &CB,
                                       Function &F, AllocaInst *First) {
  CarriedSlots C;
  C.Slots.push_back(First);
  for (unsigned I = 1; I < S.Carried; ++I)
    C.Slots.push_back(createSlot(S, CB, F));
  LLVMContext &Ctx = F.getContext();
  for (AllocaInst *Slot : C.Slots) {
    auto *T = new AllocaInst(Type::getInt1Ty(Ctx),
                             F.getDataLayout().getAllocaAddrSpace(), nullptr,
                             Align(1), Slot->getName() + ".taken",
                             F.getEntryBlock().getFirstInsertionPt());
    new StoreInst(ConstantInt::getFalse(Ctx), T, std::next(T->getIterator()));
    C.Taken.push_back(T);
  }
  return C;
}

/// Each free of an object that may be on the heap frees only what is not
/// the slot:
///
///   call void @free(ptr %p)  =>  lifetime.end(%p.stack)   ; if %p is the
///                                                          ; allocation
///                                %s = icmp eq ptr %p, %p.stack
///                                br i1 %s, label %next, label %free
///                              free: call void @free(ptr %p)
static void guardFrees(const SlotPlan &S, AllocaInst *Slot,
                       const CarriedSlots *Carried = nullptr) {
  for (auto [FreeCall, Ends, FreedArg] : S.Frees) {
    CallBase *Free = dropUnwind(FreeCall);
    assert(Free->use_empty() && "a deallocation's result is not used");
    IRBuilder<> FB(Free);
    Value *Freed = Free->getArgOperand(FreedArg);
    Value *IsSlot = nullptr;
    if (Carried) {
      // The slot it is, if any, is free again.
      for (auto [SlotI, TakenI] : zip(Carried->Slots, Carried->Taken)) {
        Value *Is = FB.CreateICmpEQ(Freed, SlotI);
        Value *Was = FB.CreateLoad(FB.getInt1Ty(), TakenI);
        FB.CreateStore(FB.CreateAnd(Was, FB.CreateNot(Is)), TakenI);
        IsSlot = IsSlot ? FB.CreateOr(IsSlot, Is) : Is;
      }
    } else {
      // The slot's life ends here on both paths (on the heap path it never
      // began): stack colouring then lets the slots of objects freed one
      // after another share stack, as the budget counted them.
      if (Ends)
        FB.CreateLifetimeEnd(Slot);
      IsSlot = FB.CreateICmpEQ(Freed, Slot);
    }
    Instruction *OnHeap = SplitBlockAndInsertIfThen(
        FB.CreateNot(IsSlot), Free, /*Unreachable=*/false);
    Free->moveBefore(OnHeap->getIterator());
  }
}

/// The heap block that an object leaving its slot moves to:
/// `goescape.malloc(n)`, a module-private function that returns malloc(n)
/// and that no pass takes for an allocator. LLVM may delete a call of
/// malloc whose block is never read and take it as having succeeded; it
/// can do that to the program's realloc only when the whole object goes
/// unread. A bare malloc here could so succeed where libc's realloc fails
/// (SIZE_MAX), read on the failure path only; this one answers as libc
/// does. Never inlined: it runs only when an object outgrows its slot.
static FunctionCallee getHeapBlockFn(Module &M, const TargetLibraryInfo &TLI,
                                     Type *SizeT) {
  LLVMContext &Ctx = M.getContext();
  FunctionType *FT =
      FunctionType::get(PointerType::getUnqual(Ctx), {SizeT}, false);
  Function *F = M.getFunction(HeapBlockFnName);
  if (F && F->getFunctionType() == FT && F->hasLocalLinkage() &&
      !F->isDeclaration())
    return F;
  // Taken by something else: Create picks the next free name.
  F = Function::Create(FT, GlobalValue::InternalLinkage, HeapBlockFnName, M);
  F->addFnAttr(Attribute::NoInline);
  F->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(Ctx, "", F));
  Value *H = emitMalloc(F->getArg(0), B, M.getDataLayout(), &TLI);
  assert(H && "isGrowingRealloc checked that malloc can be called");
  B.CreateRet(H);
  return F;
}

/// realloc(p, n) of an object that started in \p Slot (Go 1.26's append):
/// from the slot, a size that still fits stays there, 0 frees it and
/// returns NULL (glibc's realloc(p, 0)), and a larger one moves it to a
/// new heap block with the slot's bytes (on failure NULL, the slot
/// untouched, as realloc leaves its block); from anywhere else, the call
/// as written.
///
///   %q = call ptr @realloc(ptr %p, i64 %n)
///   =>  %s = icmp eq ptr %p, %p.stack
///       br i1 %s, label %from.slot, label %heap
///     from.slot: br (0 < %n <= 64), label %join, label %move
///     move:      br (%n == 0), label %join, label %alloc
///     alloc:     %h = call ptr @goescape.malloc(i64 %n)
///                br (%h != null), label %copy, label %join
///     copy:      memcpy(%h, %p.stack, 64); br label %join
///     heap:      %r = call ptr @realloc(ptr %p, i64 %n); br label %join
///     join:      %q = phi [%p.stack, %from.slot], [null, %move],
///                         [null, %alloc], [%h, %copy], [%r, %heap]
static void growFromSlot(CallBase *R, AllocaInst *Slot, const SlotPlan &S,
                         const TargetLibraryInfo &TLI) {
  Function &F = *R->getFunction();
  LLVMContext &Ctx = F.getContext();
  IRBuilder<> B(R);
  // Branching on poison is undefined: the tests and the call see one
  // frozen size.
  Value *N = R->getArgOperand(1);
  if (!isGuaranteedNotToBePoison(N)) {
    N = B.CreateFreeze(N, N->getName() + ".fr");
    R->setArgOperand(1, N);
  }
  Value *IsSlot = B.CreateICmpEQ(R->getArgOperand(0), Slot);
  BasicBlock *Head = R->getParent();
  BasicBlock *Join = Head->splitBasicBlock(R->getIterator());
  Head->getTerminator()->eraseFromParent();
  auto Block = [&] { return BasicBlock::Create(Ctx, "", &F, Join); };
  BasicBlock *FromSlot = Block(), *Move = Block(), *Alloc = Block(),
             *Copy = Block(), *Heap = Block();
  B.SetInsertPoint(Head);
  B.CreateCondBr(IsSlot, FromSlot, Heap);

  B.SetInsertPoint(FromSlot);
  Value *Zero = ConstantInt::get(N->getType(), 0);
  Value *Stay =
      B.CreateAnd(B.CreateICmpULE(N, ConstantInt::get(N->getType(), S.Size)),
                  B.CreateICmpNE(N, Zero));
  B.CreateCondBr(Stay, Join, Move);

  B.SetInsertPoint(Move);
  B.CreateCondBr(B.CreateICmpEQ(N, Zero), Join, Alloc);

  B.SetInsertPoint(Alloc);
  Value *H = B.CreateCall(getHeapBlockFn(*F.getParent(), TLI, N->getType()),
                          {N});
  B.CreateCondBr(B.CreateIsNotNull(H), Copy, Join);

  B.SetInsertPoint(Copy);
  B.CreateMemCpy(H, Align(1), Slot, S.Alignment, S.Size);
  B.CreateBr(Join);

  B.SetInsertPoint(Heap);
  BranchInst *ToJoin = B.CreateBr(Join);
  R->moveBefore(ToJoin->getIterator());

  PHINode *Phi = PHINode::Create(R->getType(), 5, "", Join->begin());
  R->replaceAllUsesWith(Phi);
  Phi->takeName(R);
  Value *Null = ConstantPointerNull::get(cast<PointerType>(R->getType()));
  Phi->addIncoming(Slot, FromSlot);
  Phi->addIncoming(Null, Move);
  Phi->addIncoming(Null, Alloc);
  Phi->addIncoming(H, Copy);
  Phi->addIncoming(R, Heap);
}

/// The call of a constructor \p CB, whose object is \p Slot, to its copy
/// (ConstructorCloner): the same arguments and the slot. Its result, or
/// the slot if the copy returns nothing else, takes the call's place. An
/// invoke stays one: the constructor may throw.
///
///   %r = call ptr @rec_new(i32 %id)
///   =>  %r = call ptr @rec_new.goescape.ctor(i32 %id, ptr %r.stack)
static void callConstructorCopy(const SlotPlan &S, CallBase *CB,
                                AllocaInst *Slot) {
  SmallVector<Value *, 4> Args(CB->args());
  Args.push_back(Slot);
  IRBuilder<> B(CB);
  CallBase *New;
  if (auto *II = dyn_cast<InvokeInst>(CB))
    New = B.CreateInvoke(S.ConstructorCopy, II->getNormalDest(),
                         II->getUnwindDest(), Args);
  else
    New = B.CreateCall(S.ConstructorCopy, Args); // Never `tail`: the slot.
  New->setCallingConv(CB->getCallingConv());
  New->setDebugLoc(CB->getDebugLoc());
  // The arguments' attributes hold; the result's (noalias) are the heap's,
  // and so are what the call's own said of an allocating function (an
  // allocsize, a memory effect without the slot).
  AttributeList AL = CB->getAttributes();
  SmallVector<AttributeSet, 4> ArgAttrs;
  for (unsigned I = 0, E = CB->arg_size(); I != E; ++I)
    ArgAttrs.push_back(AL.getParamAttrs(I));
  ArgAttrs.push_back(AttributeSet());
  LLVMContext &Ctx = CB->getContext();
  AttributeSet FnAttrs = AL.getFnAttrs();
  for (Attribute::AttrKind K :
       {Attribute::Memory, Attribute::AllocSize, Attribute::AllocKind})
    FnAttrs = FnAttrs.removeAttribute(Ctx, K);
  FnAttrs = FnAttrs.removeAttribute(Ctx, "alloc-family");
  New->setAttributes(
      AttributeList::get(Ctx, FnAttrs, AttributeSet(), ArgAttrs));
  if (S.CopyReturnsSlot) {
    foldNullChecks(*CB);
    CB->replaceAllUsesWith(Slot);
    Slot->takeName(CB);
  } else {
    CB->replaceAllUsesWith(New);
    New->takeName(CB);
  }
  CB->eraseFromParent();
}

static void promoteSite(const SlotPlan &S, Function &F,
                        const TargetLibraryInfo &TLI) {
  // A constructor may throw: its invoke stays.
  CallBase *CB = S.ConstructorCopy ? S.Call : dropUnwind(S.Call);
  AllocaInst *Slot = createSlot(S, *CB, F);

  IRBuilder<> B(CB);
  B.CreateLifetimeStart(Slot);
  // A constructor's copy zeroes its calloc itself.
  if (S.Kind == AllocKind::Calloc && !S.ConstructorCopy)
    B.CreateMemSet(Slot, B.getInt8(0), S.Size, S.Alignment);

  // Frees and reallocs first: they may name the allocation itself, which
  // goes next. An object that grows may move to the heap: its frees stay,
  // for what is not the slot.
  if (!S.Reallocs.empty()) {
    guardFrees(S, Slot);
    for (CallBase *R : S.Reallocs)
      growFromSlot(R, Slot, S, TLI);
  } else {
    for (auto [FreeCall, Ends, FreedArg] : S.Frees) {
      CallBase *Free = dropUnwind(FreeCall);
      if (Ends) {
        IRBuilder<> FB(Free);
        FB.CreateLifetimeEnd(Slot);
      }
      if (!Free->use_empty())
        Free->replaceAllUsesWith(PoisonValue::get(Free->getType()));
      Free->eraseFromParent();
    }
  }

  if (S.ConstructorCopy) {
    callConstructorCopy(S, CB, Slot);
    return;
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

/// The test that the size \p CB asks for fits in \p Slot bytes: n <= Slot,
/// or for calloc, n * m <= Slot without overflow (an overflow is calloc's
/// to report, on the heap path).
static Value *emitFits(IRBuilder<> &B, CallBase &CB, const SlotPlan &S) {
  uint64_t Slot = S.Size;
  // Branching on poison is undefined: a size that may be poison is frozen,
  // and the call gets the frozen value, so the test and the call agree.
  auto Frozen = [&](unsigned I) {
    Value *V = CB.getArgOperand(I);
    if (isGuaranteedNotToBePoison(V))
      return V;
    Value *F = B.CreateFreeze(V, V->getName() + ".fr");
    CB.setArgOperand(I, F);
    return F;
  };
  Value *Size, *Num = nullptr;
  if (S.WrapperSize) {
    // A wrapper call: its operands, or the constants the wrapper passes.
    Type *SizeTy = CB.getDataLayout().getIntPtrType(CB.getContext());
    auto Get = [&](const AllocSite::WrapperOperand &Op) -> Value * {
      if (Op.Arg)
        return B.CreateZExtOrTrunc(Frozen(*Op.Arg), SizeTy);
      return ConstantInt::get(SizeTy, Op.Const);
    };
    Size = Get(*S.WrapperSize);
    if (S.WrapperNum)
      Num = Get(*S.WrapperNum);
  } else {
    // posix_memalign(&p, align, size) has no allocsize attribute.
    auto [SizeArg, NumArg] =
        S.Kind == AllocKind::PosixMemalign
            ? std::pair<unsigned, std::optional<unsigned>>(2, std::nullopt)
            : CB.getFnAttr(Attribute::AllocSize).getAllocSizeArgs();
    Size = Frozen(SizeArg);
    if (NumArg)
      Num = B.CreateZExtOrTrunc(Frozen(*NumArg), Size->getType());
  }
  if (!Num)
    return B.CreateICmpULE(Size, ConstantInt::get(Size->getType(), Slot));
  Value *Mul =
      B.CreateBinaryIntrinsic(Intrinsic::umul_with_overflow, Size, Num);
  Value *Product = B.CreateExtractValue(Mul, 0);
  Value *Overflow = B.CreateExtractValue(Mul, 1);
  return B.CreateAnd(
      B.CreateNot(Overflow),
      B.CreateICmpULE(Product, ConstantInt::get(Size->getType(), Slot)));
}

/// strnlen(Ptr, MaxLen): BuildLibCalls has no emitStrNLen.
static Value *emitStrNLen(Value *Ptr, Value *MaxLen, IRBuilderBase &B,
                          const TargetLibraryInfo &TLI) {
  Module *M = B.GetInsertBlock()->getModule();
  Type *SizeT = MaxLen->getType();
  FunctionCallee F = getOrInsertLibFunc(M, TLI, LibFunc_strnlen, SizeT,
                                        B.getPtrTy(), SizeT);
  inferNonMandatoryLibFuncAttrs(M, "strnlen", TLI);
  CallInst *CI = B.CreateCall(F, {Ptr, MaxLen}, "strnlen");
  if (const auto *Fn = dyn_cast<Function>(F.getCallee()->stripPointerCasts()))
    CI->setCallingConv(Fn->getCallingConv());
  return CI;
}

/// A site of run-time size: the slot when the size fits, the allocation
/// call otherwise, and each free frees only what is not the slot. For
/// posix_memalign the slot is stored through the out-parameter and the
/// result is 0 on the slot's path.
///
///   %p = call ptr @malloc(i64 %n)   =>   %fits = icmp ule i64 %n, 64
///                                         br i1 %fits, label %then, label %else
///                                       then: lifetime.start(%p.stack)
///                                       else: %h = call ptr @malloc(i64 %n)
///                                       tail: %p = phi [%p.stack, %then], [%h, %else]
///   call void @free(ptr %p)         =>   (guardFrees)
///
/// and its reallocs, if it grows, go through growFromSlot.
static void promoteFallbackSite(const SlotPlan &S, Function &F,
                                const TargetLibraryInfo &TLI) {
  CallBase *CB = S.Call;
  const DataLayout &DL = F.getDataLayout();
  AllocaInst *Slot = createSlot(S, *CB, F);
  CarriedSlots Carried;
  if (S.Carried)
    Carried = createCarriedSlots(S, *CB, F, Slot);
  IRBuilder<> B(CB);
  // strdup(s): the string's length, then strlen(s) + 1 <= K bytes;
  // strndup(s, n): strnlen(s, n) + 1 <= K, the most it copies.
  Value *Len = nullptr;
  Value *Fits;
  if (S.Kind == AllocKind::StrDup) {
    Len = CB->arg_size() == 2
              ? emitStrNLen(CB->getArgOperand(0), CB->getArgOperand(1), B,
                            TLI)
              : emitStrLen(CB->getArgOperand(0), B, DL, &TLI);
    assert(Len && "canFallBack checked that strlen can be called");
    Fits = B.CreateICmpULT(Len, ConstantInt::get(Len->getType(), S.Size));
  } else if (S.Fallback) {
    Fits = emitFits(B, *CB, S);
  } else {
    Fits = nullptr; // A constant size, carried: the slots are its size.
  }
  // A carried site takes the first free slot, the heap when none is.
  Value *OnSlot = Slot;
  SmallVector<Value *, 2> Free;
  if (S.Carried) {
    Value *AnyFree = nullptr;
    for (AllocaInst *T : Carried.Taken) {
      Free.push_back(B.CreateNot(B.CreateLoad(B.getInt1Ty(), T)));
      AnyFree = AnyFree ? B.CreateOr(AnyFree, Free.back()) : Free.back();
    }
    OnSlot = Carried.Slots.back();
    for (unsigned I = Carried.Slots.size() - 1; I-- > 0;)
      OnSlot = B.CreateSelect(Free[I], Carried.Slots[I], OnSlot);
    Fits = Fits ? B.CreateAnd(Fits, AnyFree) : AnyFree;
  }
  Instruction *ThenTerm;
  BasicBlock *Tail;
  if (auto *II = dyn_cast<InvokeInst>(CB)) {
    // An invoke ends its block: the block branches on the size to the slot
    // or to the invoke, whose normal edge and the slot's meet in Tail,
    // which goes on to the normal destination; the unwind edge leaves from
    // the invoke's new block only.
    BasicBlock *From = II->getParent();
    BasicBlock *Normal = II->getNormalDest();
    BasicBlock *Unwind = II->getUnwindDest();
    LLVMContext &Ctx = F.getContext();
    BasicBlock *Then = BasicBlock::Create(Ctx, "", &F, Normal);
    BasicBlock *Else = BasicBlock::Create(Ctx, "", &F, Normal);
    Tail = BasicBlock::Create(Ctx, "", &F, Normal);
    II->removeFromParent();
    II->insertInto(Else, Else->end());
    II->setNormalDest(Tail);
    BranchInst::Create(Then, Else, Fits, From)->setDebugLoc(II->getDebugLoc());
    ThenTerm = BranchInst::Create(Tail, Then);
    BranchInst::Create(Normal, Tail);
    Normal->replacePhiUsesWith(From, Tail);
    Unwind->replacePhiUsesWith(From, Else);
  } else {
    Instruction *ElseTerm;
    SplitBlockAndInsertIfThenElse(Fits, CB, &ThenTerm, &ElseTerm);
    Tail = CB->getParent();
    CB->moveBefore(ElseTerm->getIterator());
  }
  IRBuilder<> TB(ThenTerm);
  if (S.Carried) {
    // The slot taken is the first free one: taken afterwards are those
    // taken before and that one. No lifetime markers: which slot an object
    // has is known only at run time.
    Value *FreeBefore = nullptr; // a free slot before this one
    for (unsigned I = 0, E = Free.size(); I != E; ++I) {
      TB.CreateStore(FreeBefore ? TB.CreateOr(TB.CreateNot(Free[I]),
                                              TB.CreateNot(FreeBefore))
                                : TB.getTrue(),
                     Carried.Taken[I]);
      if (I + 1 != E)
        FreeBefore = FreeBefore ? TB.CreateOr(FreeBefore, Free[I]) : Free[I];
    }
  } else {
    TB.CreateLifetimeStart(Slot);
  }
  if (S.Kind == AllocKind::Calloc)
    TB.CreateMemSet(OnSlot, TB.getInt8(0), S.Size, S.Alignment);
  if (Len) {
    // The copy, and its terminating NUL.
    TB.CreateMemCpy(OnSlot, S.Alignment, CB->getArgOperand(0), Align(1), Len);
    TB.CreateStore(TB.getInt8(0), TB.CreateGEP(TB.getInt8Ty(), OnSlot, Len));
  }
  // posix_memalign's object goes through its out-parameter, and the slot
  // path succeeds: 0.
  if (S.Kind == AllocKind::PosixMemalign) {
    TB.CreateStore(OnSlot, CB->getArgOperand(0));
    OnSlot = ConstantInt::get(CB->getType(), 0);
  }
  PHINode *Obj = PHINode::Create(CB->getType(), 2, "", Tail->begin());
  CB->replaceAllUsesWith(Obj);
  Obj->addIncoming(OnSlot, ThenTerm->getParent());
  Obj->addIncoming(CB, CB->getParent());
  Obj->takeName(CB);

  guardFrees(S, Slot, S.Carried ? &Carried : nullptr);
  assert((!S.Carried || S.Reallocs.empty()) && "growth has one slot");
  for (CallBase *R : S.Reallocs)
    growFromSlot(R, Slot, S, TLI);
}

/// Rewrites one function from its plan.
static void promoteFunction(const PromotionPlan &Plan,
                            const TargetLibraryInfo &TLI) {
  // Before anything is erased: a free may itself be a tail call.
  for (CallInst *CI : Plan.TailCalls)
    CI->setTailCall(false);
  for (const SlotPlan &S : Plan.Slots) {
    if (S.Fallback || S.Carried)
      promoteFallbackSite(S, *Plan.F, TLI);
    else
      promoteSite(S, *Plan.F, TLI);
  }
}

/// A copy of \p F named F + \p Suffix, private to this module: the calls
/// goescape sends to it are the only ones it gets.
static Function *cloneInternal(Function &F, StringRef Suffix,
                               ValueToValueMapTy &VMap) {
  Function *C = CloneFunction(&F, VMap);
  C->setName(F.getName() + Suffix);
  C->setLinkage(GlobalValue::InternalLinkage);
  C->setVisibility(GlobalValue::DefaultVisibility);
  C->setDLLStorageClass(GlobalValue::DefaultStorageClass);
  C->setComdat(nullptr);
  C->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  return C;
}

namespace {
/// The copies of functions without the frees of what their parameters
/// reach (FunctionSummary::FreesDroppable), made on first use.
class FreeCloner {
public:
  explicit FreeCloner(const EscapeInfo &EI) : EI(EI) {}

  /// The copy of \p F, or F itself if it is one.
  Function *get(Function &F);
  ArrayRef<Function *> made() const { return Made; }

private:
  const EscapeInfo &EI;
  DenseMap<const Function *, Function *> Copies;
  SmallPtrSet<const Function *, 4> IsCopy;
  SmallVector<Function *, 4> Made;
};
} // namespace

Function *FreeCloner::get(Function &F) {
  if (IsCopy.count(&F))
    return &F;
  if (Function *C = Copies.lookup(&F))
    return C;
  const FunctionEscapeInfo *Info = EI.lookup(F);
  assert(Info && Info->Summary.FreesDroppable && "only droppable frees");
  ValueToValueMapTy VMap;
  Function *C = cloneInternal(F, ".goescape.nofree", VMap);
  Copies[&F] = C;
  IsCopy.insert(C);
  Made.push_back(C);
  auto InCopy = [&](const CallBase *CB) {
    return cast<CallBase>(VMap.lookup(CB));
  };
  // Its calls of such functions (itself, if it recurses) go to their
  // copies; so do the calls that free only its own promoted sites.
  for (const CallBase *CB : Info->ParamFreeingCalls)
    InCopy(CB)->setCalledFunction(get(*CB->getCalledFunction()));
  for (const FreeCloneCall &CC : Info->CloneCalls)
    if (Info->isCloneCallActive(CC))
      InCopy(CC.Call)->setCalledFunction(get(*CC.Call->getCalledFunction()));
  for (const CallBase *Free : Info->ParamFrees) {
    CallBase *FC = dropUnwind(InCopy(Free));
    if (!FC->use_empty())
      FC->replaceAllUsesWith(PoisonValue::get(FC->getType()));
    FC->eraseFromParent();
  }
  return C;
}

namespace {
/// The copies of constructors (FunctionSummary::Constructs) that fill the
/// memory their last parameter points to instead of allocating, made once
/// per constructor from its body as written, before anything is
/// rewritten: `rec_new.goescape.ctor(id, slot)`.
class ConstructorCloner {
public:
  struct Copy {
    Function *Fn = nullptr;
    bool ReturnsSlot = false;
  };
  /// The copy of the constructor that \p S calls.
  Copy get(const SlotPlan &S);
  ArrayRef<Function *> made() const { return Made; }

private:
  DenseMap<const Function *, Copy> Copies;
  SmallVector<Function *, 4> Made;
};
} // namespace

ConstructorCloner::Copy ConstructorCloner::get(const SlotPlan &S) {
  Function &F = *S.Call->getCalledFunction();
  auto It = Copies.find(&F);
  if (It != Copies.end())
    return It->second;
  LLVMContext &Ctx = F.getContext();
  SmallVector<Type *, 4> Params(F.getFunctionType()->params());
  Params.push_back(PointerType::get(Ctx, F.getDataLayout().getAllocaAddrSpace()));
  auto *FT = FunctionType::get(F.getReturnType(), Params, /*isVarArg=*/false);
  Function *C = Function::Create(FT, GlobalValue::InternalLinkage,
                                 F.getAddressSpace(),
                                 F.getName() + ".goescape.ctor", F.getParent());
  ValueToValueMapTy VMap;
  for (auto [A, CA] : zip(F.args(), C->args())) {
    VMap[&A] = &CA;
    CA.setName(A.getName());
  }
  SmallVector<ReturnInst *, 4> Returns;
  CloneFunctionInto(C, &F, VMap, CloneFunctionChangeType::LocalChangesOnly,
                    Returns);
  C->setLinkage(GlobalValue::InternalLinkage);
  C->setVisibility(GlobalValue::DefaultVisibility);
  C->setDLLStorageClass(GlobalValue::DefaultStorageClass);
  C->setComdat(nullptr);
  C->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  // It writes through a parameter now, allocates nothing, and returns the
  // caller's memory: what F's attributes said of those no longer holds.
  C->removeFnAttr(Attribute::Memory);
  C->removeFnAttr(Attribute::AllocSize);
  C->removeFnAttr(Attribute::AllocKind);
  C->removeFnAttr("alloc-family");
  for (Attribute::AttrKind K :
       {Attribute::NoAlias, Attribute::Alignment, Attribute::Dereferenceable,
        Attribute::DereferenceableOrNull})
    C->removeRetAttr(K);
  Argument *Slot = C->getArg(F.arg_size());
  Slot->setName("goescape.slot");
  Slot->addAttr(Attribute::NonNull);
  Slot->addAttr(Attribute::NoUndef);
  Slot->addAttr(Attribute::NoAlias);
  Slot->addAttr(Attribute::getWithDereferenceableBytes(Ctx, S.Size));
  Slot->addAttr(Attribute::getWithAlignment(Ctx, S.Alignment));

  // The allocation is the slot, which its frees (of it alone, after which
  // the constructor does not use it) leave to the caller.
  for (const CallBase *Free : S.ConstructsFrees) {
    CallBase *FC = dropUnwind(cast<CallBase>(VMap.lookup(Free)));
    if (!FC->use_empty())
      FC->replaceAllUsesWith(PoisonValue::get(FC->getType()));
    FC->eraseFromParent();
  }
  CallBase *In = dropUnwind(cast<CallBase>(VMap.lookup(S.Constructs)));
  if (S.Kind == AllocKind::Calloc) {
    IRBuilder<> B(In);
    B.CreateMemSet(Slot, B.getInt8(0), S.Size, S.Alignment);
  }
  foldNullChecks(*In);
  In->replaceAllUsesWith(Slot);
  In->eraseFromParent();
  // The paths where it failed are gone: does the copy return the slot on
  // every path left?
  for (BasicBlock &BB : *C)
    ConstantFoldTerminator(&BB, /*DeleteDeadConditions=*/true);
  removeUnreachableBlocks(*C);
  bool ReturnsSlot = true;
  for (BasicBlock &BB : *C)
    if (auto *RI = dyn_cast<ReturnInst>(BB.getTerminator()))
      ReturnsSlot &= isOnlyThroughPhis(
          RI->getReturnValue(), [&](const Value *V) { return V == Slot; });
  if (ReturnsSlot)
    Slot->addAttr(Attribute::Returned);
  Made.push_back(C);
  return Copies[&F] = {C, ReturnsSlot};
}

namespace {
/// Sends the calls that rely on an ODR body (needsExactCopy: an inline or
/// template function the linker may swap for another translation unit's
/// copy) to an internal copy of it, `F.goescape.exact`: in each function
/// with a promotion, in each copy without frees, and in every analysed
/// function they reach through calls, whose summaries their verdicts read.
/// A copy's own calls go the same way; a function of exact definition has
/// its calls changed in place, for all its callers (the copy is the same
/// function).
class ExactBodies {
public:
  explicit ExactBodies(const EscapeInfo &EI) : EI(EI) {}
  void addRoot(Function &F) { push(F); }
  /// Follows the calls from the roots; returns the functions whose calls
  /// changed.
  SmallVector<Function *, 8> run();

private:
  const EscapeInfo &EI;
  DenseMap<const Function *, Function *> Copies;
  SmallPtrSet<const Function *, 16> Seen;
  SmallVector<Function *, 16> Work;

  void push(Function &F) {
    if (Seen.insert(&F).second)
      Work.push_back(&F);
  }
  Function *copyOf(Function &F);
};
} // namespace

Function *ExactBodies::copyOf(Function &F) {
  if (Function *C = Copies.lookup(&F))
    return C;
  ValueToValueMapTy VMap;
  Function *C = cloneInternal(F, ".goescape.exact", VMap);
  Copies[&F] = C;
  return C;
}

SmallVector<Function *, 8> ExactBodies::run() {
  SmallVector<Function *, 8> Changed;
  while (!Work.empty()) {
    Function *F = Work.pop_back_val();
    bool Redirected = false;
    for (Instruction &I : instructions(*F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      Function *Callee = CB ? CB->getCalledFunction() : nullptr;
      // Only an analysed callee had its summary read.
      if (!Callee || !EI.lookup(*Callee) || !isBodyUsed(*Callee))
        continue;
      if (needsExactCopy(*Callee)) {
        Callee = copyOf(*Callee);
        CB->setCalledFunction(Callee);
        Redirected = true;
      }
      push(*Callee);
    }
    if (Redirected)
      Changed.push_back(F);
  }
  return Changed;
}

/// A copy whose body is `ret void` does nothing: its calls go, and so does
/// the copy.
static void dropCallsIfEmpty(Function &C, FunctionAnalysisManager &FAM) {
  BasicBlock &Entry = C.getEntryBlock();
  auto *Ret = dyn_cast<ReturnInst>(Entry.getTerminator());
  if (!Ret || Ret->getReturnValue() || C.size() != 1 ||
      any_of(Entry, [&](Instruction &I) {
        return &I != Ret && !isInstructionTriviallyDead(&I);
      }))
    return;
  for (User *U : make_early_inc_range(C.users()))
    if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == &C) {
      // Its caller may be a copy the cleanup has just analysed.
      Function &Caller = *CB->getFunction();
      dropUnwind(CB)->eraseFromParent();
      FAM.invalidate(Caller, PreservedAnalyses::none());
    }
  if (C.use_empty()) {
    FAM.clear(C, C.getName());
    C.eraseFromParent();
  }
}

PreservedAnalyses GoEscapePass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (Opts.Disable)
    return PreservedAnalyses::all();
  const EscapeInfo &EI = MAM.getResult<GoEscapeAnalysis>(M);
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();

  // Everything is said before anything is rewritten: the report and the
  // remarks read the calls the rewrite erases.
  // In one write: ThinLTO backends run in threads side by side, and their
  // reports must not interleave line by line.
  std::string Report = EI.BisectReport;
  if (Opts.ReportLevel) {
    raw_string_ostream OS(Report);
    printGoStyleReport(EI, M, Opts.ReportLevel, OS);
  }
  errs() << Report;
  SmallVector<PromotionPlan, 8> Plans;
  for (Function &F : M) {
    const FunctionEscapeInfo *Info = EI.lookup(F);
    if (!Info)
      continue;
    auto &ORE = FAM.getResult<OptimizationRemarkEmitterAnalysis>(F);
    for (const AllocSite &S : Info->Sites)
      emitSiteRemark(EI, S, ORE);
    emitSummaryRemarks(*Info, ORE);
    if (std::optional<PromotionPlan> Plan = makePlan(F, *Info, EI))
      Plans.push_back(std::move(*Plan));
  }
  if (Plans.empty())
    return PreservedAnalyses::all();

  // The constructors' copies, from their bodies as written.
  ConstructorCloner Constructors;
  for (PromotionPlan &Plan : Plans)
    for (SlotPlan &S : Plan.Slots)
      if (S.Constructs) {
        ConstructorCloner::Copy C = Constructors.get(S);
        S.ConstructorCopy = C.Fn;
        S.CopyReturnsSlot = C.ReturnsSlot;
      }

  // The result describes instructions about to change: from here on only
  // the plans are read, and what the copies need of calls and frees that
  // no plan changes.
  for (const PromotionPlan &Plan : Plans)
    promoteFunction(Plan, FAM.getResult<TargetLibraryAnalysis>(*Plan.F));
  // Then the calls that free only promoted objects, to copies of the
  // rewritten callees. The copies read the callees' verdicts on calls and
  // frees the rewrite left alone.
  FreeCloner Cloner(EI);
  for (const PromotionPlan &Plan : Plans)
    for (CallBase *CB : Plan.CloneCalls)
      CB->setCalledFunction(Cloner.get(*CB->getCalledFunction()));

  // What the verdicts read of ODR bodies holds for the code that runs: the
  // calls they rely on go to copies of the bodies analysed.
  ExactBodies Exact(EI);
  for (const PromotionPlan &Plan : Plans)
    Exact.addRoot(*Plan.F);
  for (Function *C : Cloner.made())
    Exact.addRoot(*C);
  for (Function *C : Constructors.made())
    Exact.addRoot(*C);
  for (Function *F : Exact.run())
    FAM.invalidate(*F, PreservedAnalyses::none());

  // The changed functions' analyses are stale; the others' are not.
  for (const PromotionPlan &Plan : Plans)
    FAM.invalidate(*Plan.F, PreservedAnalyses::none());
  if (Cleanup) {
    FunctionPassManager FPM;
    FPM.addPass(SROAPass(SROAOptions::ModifyCFG));
    FPM.addPass(EarlyCSEPass(/*UseMemorySSA=*/false));
    FPM.addPass(InstCombinePass());
    // The copies first: one left with nothing to do (a list walk whose
    // only effect was its frees, its loop deleted) has its calls removed
    // before the callers are cleaned up.
    FunctionPassManager CopyFPM;
    CopyFPM.addPass(SROAPass(SROAOptions::ModifyCFG));
    CopyFPM.addPass(EarlyCSEPass(/*UseMemorySSA=*/false));
    CopyFPM.addPass(InstCombinePass());
    CopyFPM.addPass(createFunctionToLoopPassAdaptor(LoopDeletionPass()));
    CopyFPM.addPass(SimplifyCFGPass());
    for (Function *C : Cloner.made())
      CopyFPM.run(*C, FAM);
    for (Function *C : Cloner.made())
      dropCallsIfEmpty(*C, FAM);
    for (Function *C : Constructors.made())
      FPM.run(*C, FAM);
    for (const PromotionPlan &Plan : Plans)
      FPM.run(*Plan.F, FAM); // Invalidates what each pass changed.
  }
  // Calls went away (and this analysis' result with them): no module
  // analysis survives, but the function analyses of the functions left
  // alone do.
  PreservedAnalyses PA;
  PA.preserveSet<AllAnalysesOn<Function>>();
  PA.preserve<FunctionAnalysisManagerModuleProxy>();
  return PA;
}
