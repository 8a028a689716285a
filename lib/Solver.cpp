//===- Solver.cpp - The per-function points-to solver ---------------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The solver's core (Solver.h): object numbering, the points-to and
/// content sets and their escapes, the transfer functions of the non-call
/// instructions, and run(), which lists the steps of one function's
/// analysis in the order of the keep reasons' precedence.
///
//===----------------------------------------------------------------------===//

#include "Solver.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/LazyValueInfo.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/ConstantRange.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

#include <cassert>

using namespace llvm;
using namespace goescape;

AllocSite &FunctionSolver::siteOfObject(unsigned O) {
  assert(siteOf(O) && "not an allocation site's object");
  return Info.Sites[*siteOf(O)];
}

bool FunctionSolver::addAll(BitVector &Dst, const BitVector &Src) {
  bool Added = false;
  for (unsigned O : Src.set_bits()) {
    if (Dst.test(O))
      continue;
    Dst.set(O);
    Added = true;
  }
  Changed |= Added;
  return Added;
}

void FunctionSolver::addPT(const Value *V, const BitVector &Src) {
  if (Src.none())
    return;
  auto It = PT.find(V);
  if (It == PT.end()) {
    // Src may be another entry of PT, which inserting may move: copy first.
    BitVector Copy = Src;
    PT.try_emplace(V, std::move(Copy));
    Changed = true;
    return;
  }
  addAll(It->second, Src);
}

const BitVector &FunctionSolver::getPT(const Value *V) {
  if (isa<Instruction>(V)) {
    auto It = PT.find(V);
    return It == PT.end() ? NoObjects : It->second;
  }
  if (const auto *A = dyn_cast<Argument>(V)) {
    auto It = ParamObject.find(A);
    if (It != ParamObject.end()) {
      assert(PT.count(A) && "a pointer parameter's set is seeded");
      return PT.find(A)->second;
    }
    // Any other parameter may hold (bits of) an address we do not know.
    return A->getType()->isSized() ? HeapSet : NoObjects;
  }
  if (isa<GlobalValue>(V))
    return HeapSet;
  if (const auto *C = dyn_cast<Constant>(V)) {
    if (C->isNullValue() || isa<UndefValue>(C) || isa<ConstantInt>(C) ||
        isa<ConstantFP>(C) || isa<ConstantDataSequential>(C))
      return NoObjects;
    return HeapSet; // A constant expression over globals.
  }
  return NoObjects; // Metadata, inline asm, basic blocks.
}

/// The most data ranges a load keeps apart before it treats every byte it

BitVector FunctionSolver::loadContent(const BitVector &Ptrs) {
  BitVector R(numObjects());
  for (unsigned O : Ptrs.set_bits())
    R |= Content[O];
  return R;
}

BitVector FunctionSolver::reachable(const BitVector &Ptrs) {
  BitVector Reach = loadContent(Ptrs);
  for (BitVector Frontier = Reach; Frontier.any();) {
    BitVector Next = loadContent(Frontier);
    Next.reset(Reach);
    Reach |= Next;
    Frontier = std::move(Next);
  }
  return Reach;
}

void FunctionSolver::addUnknownContent(const BitVector &Objs) {
  for (unsigned O : Objs.set_bits())
    if (O != HeapObj && !Content[O].test(HeapObj))
      addContent(O, ByteRange::anywhere(), HeapSet);
}

void FunctionSolver::escape(const BitVector &Objs, KeepReason R,
                            const Instruction *I, const Value *Container) {
  for (unsigned O : Objs.set_bits()) {
    if (O == HeapObj || Escaped.test(O))
      continue;
    Escaped.set(O);
    EscapeCause[O] = {R, I, Container};
    Changed = true;
  }
}

void FunctionSolver::escapeLocalObjects(const BitVector &Objs, KeepReason R,
                               const Instruction *I) {
  if (ParamObjects.none() || !Objs.anyCommon(ParamObjects))
    return escape(Objs, R, I);
  BitVector Own = Objs;
  Own.reset(ParamObjects);
  escape(Own, R, I);
}

void FunctionSolver::markFreed(const BitVector &Objs, StringRef Family) {
  for (unsigned O : Objs.set_bits()) {
    if (O == HeapObj)
      continue;
    if (!Freed.test(O)) {
      Freed.set(O);
      FreedFamily[O] = Family;
      Changed = true;
    } else if (FreedFamily[O] != Family && FreedFamily[O] != MixedFamilies) {
      FreedFamily[O] = MixedFamilies;
      Changed = true;
    }
  }
}

/// A parameter's object that is freed does not escape: the summary says it
/// is freed, and the caller decides (a copy without the free, or the heap).
void FunctionSolver::freeObjects(const BitVector &Objs, KeepReason R,
                                 const CallBase &CB) {
  assert((R == KeepReason::FreedByCall || R == KeepReason::Reallocated) &&
         "a freed object escapes as freed");
  markFreed(Objs, MixedFamilies);
  if (Objs.anyCommon(ParamObjects))
    OpaqueParamFree = true;
  escapeLocalObjects(Objs, R, &CB);
}

bool FunctionSolver::onlyOwnSites(const BitVector &Objs) const {
  return all_of(Objs.set_bits(), [&](unsigned O) { return siteOf(O); });
}

void FunctionSolver::closeEscapes() {
  for (unsigned O : Escaped.set_bits()) {
    if (!Content[O].test(HeapObj))
      addContent(O, ByteRange::anywhere(), HeapSet);
    for (unsigned C : Content[O].set_bits()) {
      if (C == HeapObj || Escaped.test(C))
        continue;
      BitVector One(numObjects());
      One.set(C);
      auto It = StoredBy.find({O, C});
      escape(One, KeepReason::StoredIntoEscaping,
             It != StoredBy.end() ? It->second : EscapeCause[O].Culprit,
             Objects[O].V);
    }
  }
}

/// The most users addressNeverComesBack follows from one conversion.
static constexpr unsigned MaxAddressUses = 32;
/// Masks below this keep only the low bits of an address, which cannot
/// rebuild it: its place within a page.
static constexpr uint64_t MaxLowBitsMask = 4096;

/// Is \p V the address of object \p O, converted: ptrtoint of a pointer
/// into O and nothing else?
bool FunctionSolver::isAddressOfOnly(const Value *V, unsigned O) {
  auto *PI = dyn_cast<Instruction>(V);
  if (!PI || (PI->getOpcode() != Instruction::PtrToInt &&
              PI->getOpcode() != Instruction::PtrToAddr))
    return false;
  const BitVector &P = getPT(PI->getOperand(0));
  return P.count() == 1 && P.test(O);
}

/// A conversion whose integer only feeds what reveals nothing that could
/// rebuild the address: comparisons with null or with another address in
/// the same object, the difference of two addresses in it (an offset),
/// the low bits under a small mask (alignment), constant offsets of these.
/// Its object does not escape, and the integer carries no object.
///
///   %n = sub i64 (ptrtoint %end), (ptrtoint %s)    ; end - s
///   %a = and i64 (ptrtoint %p), 15                 ; p % 16
///
/// Comparisons with other constants do reveal it, one bit at a time.
bool FunctionSolver::addressNeverComesBack(const Instruction &Conv) {
  const BitVector &P = getPT(Conv.getOperand(0));
  if (P.count() != 1 || P.test(HeapObj))
    return false;
  unsigned O = P.find_first();
  SmallVector<const Value *, 8> Work = {&Conv};
  SmallPtrSet<const Value *, 8> Seen = {&Conv};
  unsigned Uses = 0;
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users()) {
      if (++Uses > MaxAddressUses)
        return false;
      auto *UI = dyn_cast<Instruction>(U);
      if (!UI)
        return false;
      const Value *Other =
          UI->getNumOperands() == 2
              ? UI->getOperand(UI->getOperand(0) == V ? 1 : 0)
              : nullptr;
      auto *C = dyn_cast_or_null<ConstantInt>(Other);
      switch (UI->getOpcode()) {
      case Instruction::ICmp:
        if ((C && C->isZero()) || isAddressOfOnly(Other, O) ||
            Seen.count(Other))
          continue;
        return false;
      case Instruction::Sub:
        // An offset within the object: nothing of where it is.
        if (isAddressOfOnly(Other, O))
          continue;
        [[fallthrough]];
      case Instruction::Add:
        // Still the address, a constant away.
        if (C && Seen.insert(UI).second)
          Work.push_back(UI);
        if (C)
          continue;
        return false;
      case Instruction::And:
        if (C && C->getValue().ult(MaxLowBitsMask))
          continue;
        return false;
      case Instruction::URem:
        if (C && C->getValue().isPowerOf2() &&
            C->getValue().ule(MaxLowBitsMask) && UI->getOperand(0) == V)
          continue;
        return false;
      default:
        return false;
      }
    }
  }
  return true;
}

bool FunctionSolver::isStoredWhole(const Instruction &Conv) const {
  if (Conv.getOpcode() != Instruction::PtrToInt || Conv.use_empty() ||
      !Conv.getType()->isIntegerTy() ||
      DL.getTypeSizeInBits(Conv.getType()) !=
          DL.getPointerTypeSizeInBits(Conv.getOperand(0)->getType()))
    return false;
  return all_of(Conv.users(), [&](const User *U) {
    const auto *SI = dyn_cast<StoreInst>(U);
    return SI && SI->getValueOperand() == &Conv && SI->isSimple();
  });
}

void FunctionSolver::visit(Instruction &I) {
  if (auto *CB = dyn_cast<CallBase>(&I))
    return visitCall(*CB);

  switch (I.getOpcode()) {
  case Instruction::Alloca:
    return; // Its object is seeded in run().
  case Instruction::Load: {
    auto &LI = cast<LoadInst>(I);
    addPT(&I, loadAt(LI.getPointerOperand(), LI.getType(), I));
    return;
  }
  case Instruction::Store: {
    auto &SI = cast<StoreInst>(I);
    noteStoredPointer(SI.getValueOperand());
    storeInto(getPT(SI.getPointerOperand()), getPT(SI.getValueOperand()), I,
              SI.getPointerOperand(),
              storeSize(SI.getValueOperand()->getType()));
    if (SI.isVolatile() || SI.isAtomic())
      escape(getPT(SI.getValueOperand()), KeepReason::VolatileOrAtomic, &I);
    return;
  }
  case Instruction::AtomicCmpXchg: {
    auto &CX = cast<AtomicCmpXchgInst>(I);
    escape(getPT(CX.getNewValOperand()), KeepReason::VolatileOrAtomic, &I);
    Type *T = CX.getNewValOperand()->getType();
    addPT(&I, loadAt(CX.getPointerOperand(), T, I));
    return;
  }
  case Instruction::AtomicRMW: {
    auto &RMW = cast<AtomicRMWInst>(I);
    escape(getPT(RMW.getValOperand()), KeepReason::VolatileOrAtomic, &I);
    Type *T = RMW.getValOperand()->getType();
    addPT(&I, loadAt(RMW.getPointerOperand(), T, I));
    return;
  }
  case Instruction::PtrToInt:
  case Instruction::PtrToAddr:
    if (addressNeverComesBack(I))
      return;
    // The integer carries the objects: into memory, stored whole, as a
    // pointer does; anywhere else, out of sight.
    addPT(&I, getPT(I.getOperand(0)));
    if (!isStoredWhole(I))
      escape(getPT(I.getOperand(0)), KeepReason::PtrToInt, &I);
    return;
  case Instruction::IntToPtr: {
    addPT(&I, HeapSet);
    addPT(&I, getPT(I.getOperand(0)));
    return;
  }
  case Instruction::Ret:
    // A value of any type may carry bits of an address out (an i32 half).
    if (I.getNumOperands()) {
      const BitVector &V = getPT(I.getOperand(0));
      if (ProbeObject && V.test(*ProbeObject)) {
        BitVector Others = V;
        Others.reset(*ProbeObject);
        escapeLocalObjects(Others, KeepReason::Returned, &I);
      } else {
        escapeLocalObjects(V, KeepReason::Returned, &I);
      }
      addAll(ReturnedPT, V);
    }
    return;
  case Instruction::VAArg:
  case Instruction::LandingPad:
  case Instruction::CatchPad:
  case Instruction::CleanupPad:
    addPT(&I, HeapSet);
    return;
  case Instruction::ICmp:
  case Instruction::FCmp:
  case Instruction::Br:
  case Instruction::Switch:
  case Instruction::Unreachable:
  case Instruction::Fence:
    return; // Reads values, never keeps them.
  case Instruction::GetElementPtr:
    // A GEP has its base pointer's provenance only: its indices, however
    // they were computed, cannot make it point anywhere else.
    addPT(&I, getPT(cast<GetElementPtrInst>(I).getPointerOperand()));
    return;
  case Instruction::Select:
    addPT(&I, getPT(I.getOperand(1)));
    addPT(&I, getPT(I.getOperand(2)));
    return;
  case Instruction::PHI:
  case Instruction::Freeze:
  case Instruction::ExtractValue:
  case Instruction::InsertValue:
  case Instruction::ExtractElement:
  case Instruction::InsertElement:
  case Instruction::ShuffleVector:
    break;
  default:
    if (I.isBinaryOp() || I.isUnaryOp() || I.isCast())
      break;
    // Anything else: whatever reaches it escapes.
    for (const Use &U : I.operands())
      escape(getPT(U.get()), KeepReason::UnknownUse, &I);
    if (!I.getType()->isVoidTy())
      addPT(&I, HeapSet);
    return;
  }
  // Value-forwarding instructions: the result may point wherever an
  // operand points.
  for (const Use &U : I.operands())
    addPT(&I, getPT(U.get()));
}

/// A slot an earlier run of goescape made (SlotMetadataKind).
static bool isPriorSlot(const AllocaInst &AI) {
  return AI.getMetadata(SlotMetadataKind);
}

/// Objects: the heap, each pointer parameter's levels, sites, allocas.
void FunctionSolver::seedObjects() {
  Objects.push_back({});
  for (Argument &A : F.args()) {
    if (!A.getType()->isPointerTy())
      continue;
    ParamObject[&A] = Objects.size();
    for (unsigned L = 0; L != NumLevels; ++L)
      Objects.push_back({&A, std::nullopt, A.getArgNo(), L});
  }
  for (BasicBlock *BB : RPOT)
    for (Instruction &I : *BB) {
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        // What LazyValueInfo proves of a size operand at the call.
        auto UpperBound = [&](Value *V) -> std::optional<uint64_t> {
          if (!V->getType()->isIntegerTy())
            return std::nullopt;
          LazyValueInfo *LVI = GetLVI();
          if (!LVI)
            return std::nullopt;
          ConstantRange R =
              LVI->getConstantRange(V, CB, /*UndefAllowed=*/false);
          if (R.isFullSet() || R.getUnsignedMax().getActiveBits() > 64)
            return std::nullopt;
          return R.getUnsignedMax().getZExtValue();
        };
        SizeRules Rules;
        Rules.MaxSize = Opts.MaxSize;
        Rules.UpperBound = UpperBound;
        Rules.SmallBuffer = Opts.SmallBuffer;
        if (std::optional<AllocSite> S =
                recognizeSite(*CB, TLI, Summaries, Rules)) {
          ObjectOf[CB] = Objects.size();
          Objects.push_back({CB, unsigned(Info.Sites.size()), std::nullopt, 0});
          Info.Sites.push_back(std::move(*S));
        }
      } else if (auto *AI = dyn_cast<AllocaInst>(&I)) {
        ObjectOf[AI] = Objects.size();
        Objects.push_back({AI, std::nullopt, std::nullopt, 0});
        if (!AI->isStaticAlloca())
          Info.HasDynamicAlloca = true;
        else if (std::optional<TypeSize> Size = AI->getAllocationSize(DL)) {
          Info.ExistingFrameBytes += Size->getKnownMinValue();
          if (isPriorSlot(*AI))
            Info.PriorPromotedBytes += Size->getKnownMinValue();
        }
      }
    }
}

/// The object limit may be smaller here than where the site was
/// recognised (a wrapper's): on a small stack the program sets up.
void FunctionSolver::checkObjectLimit() {
  for (AllocSite &S : Info.Sites)
    if (S.isPromotable() && S.Size && *S.Size > Info.Limits.MaxSize) {
      S.Reason = KeepReason::TooLarge;
      S.Limit = Info.Limits.MaxSize;
      S.ProgramStack = Info.Limits.ProgramStack;
    }
}

/// A function too large to solve keeps its sites and gets the worst
/// summary.
bool FunctionSolver::overWorkLimit() {
  uint64_t Work = uint64_t(F.getInstructionCount()) * numObjects();
  if (Work <= Opts.MaxWork)
    return false;
  for (AllocSite &S : Info.Sites)
    if (S.isPromotable())
      S.Reason = KeepReason::AnalysisLimit;
  Info.Summary = FunctionSummary::worst(F);
  return true;
}

void FunctionSolver::initSets() {
  unsigned N = numObjects();
  PT.reserve(F.getInstructionCount() + F.arg_size());
  NoObjects.resize(N);
  HeapSet.resize(N);
  HeapSet.set(HeapObj);
  Content.assign(N, BitVector(N));
  Content[HeapObj].set(HeapObj);
  Slots.assign(N, {});
  Interior.resize(N);
  Escaped.resize(N);
  Freed.resize(N);
  Realloced.resize(N);
  SurelyFreed.resize(N);
  FreedFamily.assign(N, StringRef());
  FreedByCallee.resize(N);
  ReturnedPT.resize(N);
  ParamObjects.resize(N);
  EscapeCause.assign(N, {});
  for (unsigned O = 1; O != N; ++O) {
    BitVector Self(N);
    Self.set(O);
    const ObjectInfo &OI = Objects[O];
    if (OI.Param) {
      ParamObjects.set(O);
      // A parameter points to its level-0 object, which holds its level-1
      // object, which holds the level-2 one, which holds itself (deeper
      // levels are one object).
      if (OI.Level == 0)
        PT.try_emplace(OI.V, std::move(Self));
      BitVector Deeper(N);
      Deeper.set(ParamObject[cast<Argument>(OI.V)] +
                 std::min(OI.Level + 1, NumLevels - 1));
      addContent(O, ByteRange::anywhere(), Deeper);
      continue;
    }
    // posix_memalign's result is an int; the object arrives through memory.
    if (!OI.Site || Info.Sites[*OI.Site].Kind != AllocKind::PosixMemalign)
      PT.try_emplace(OI.V, std::move(Self));
    // A constructor's object holds what the constructor stored there: to
    // the caller, pointers it does not know.
    if (OI.Site && Info.Sites[*OI.Site].ViaConstructor)
      addContent(O, ByteRange::anywhere(), HeapSet);
  }
}

/// Visits every reachable instruction until nothing changes. A realloc
/// whose pointer points to nothing at the fixed point (null, memory only
/// ever zeroed: realloc(NULL, n) is malloc(n)) returns a heap block, and
/// the solve goes on from there: deciding it before would give the heap to
/// a realloc whose pointer is only not known yet.
void FunctionSolver::solve() {
  do {
    do {
      Changed = false;
      FreeCalls.clear();
      TailCallList.clear();
      for (BasicBlock *BB : RPOT)
        for (Instruction &I : *BB)
          visit(I);
      closeEscapes();
    } while (Changed);
    for (const CallBase *R : GrowingReallocs)
      if (getPT(R->getArgOperand(0)).none())
        addPT(R, HeapSet);
  } while (Changed);
}

/// An escape outranks the size and alignment reasons set at recognition.
void FunctionSolver::recordEscapes() {
  for (unsigned O = 1, N = numObjects(); O != N; ++O) {
    if (!siteOf(O) || !Escaped.test(O))
      continue;
    AllocSite &S = siteOfObject(O);
    assert(isEscape(EscapeCause[O].Reason) && "escaped for a reason");
    if (S.Reason == KeepReason::TooLarge)
      S.AlsoKept = S.Reason; // Limit keeps the size limit.
    S.Reason = EscapeCause[O].Reason;
    S.Culprit = EscapeCause[O].Culprit;
    S.Container = EscapeCause[O].Container;
  }
}

/// The order of the decisions is the precedence of the keep reasons
/// (KeepReasons.def): a later step only looks at sites still promotable.
void FunctionSolver::run() {
  // 1. Number the objects; sites get their size and alignment verdicts.
  seedObjects();
  checkObjectLimit();
  if (overWorkLimit())
    return;
  initSets();
  // 2. Solve to a fixed point.
  solve();
  // 3. Escapes.
  recordEscapes();
  // 4. What one stack slot cannot do: reallocs of more than the object,
  //    shared or foreign frees (and which calls may go to a copy of their
  //    callee without its frees), objects carried around a loop, setjmp or
  //    musttail, another address space, opting out.
  decideReallocs();
  decideFreeClones();
  decideFrees();
  decideLoops();
  decideSharedFrees();
  decideFunctionShape();
  // 5. The budgets, most valuable sites first; tail calls to fix. A call
  //    goes to a copy without its frees only if all it frees is promoted.
  decideBudget();
  keepCloneGroupsWhole(Info);
  collectTailCalls();
  // 6. What callers need to know.
  summarize();
  detectWrappers(F, Info, FreeCalls);
  detectConstructor();
}

/// Can \p BB run twice in one call: is it on a cycle of the CFG (a loop,
/// or an irreducible one LoopInfo does not see)?
static bool isOnCycle(const BasicBlock *BB) {
  SmallVector<const BasicBlock *, 8> Work(succ_begin(BB), succ_end(BB));
  SmallPtrSet<const BasicBlock *, 16> Seen;
  while (!Work.empty()) {
    const BasicBlock *B = Work.pop_back_val();
    if (B == BB)
      return true;
    if (Seen.insert(B).second)
      Work.append(succ_begin(B), succ_end(B));
  }
  return false;
}

/// A constructor (Go, LLVM and TinyGo only inline them): a function that
/// returns one fresh allocation of constant size, made once per call, on
/// every return that is not null, and that with the object does nothing a
/// caller could see but fill it and return it: it stores its address
/// nowhere (not even into the object), reallocs it on no path, frees it
/// only by free calls of its own that free nothing else (a failed
/// initialisation, a C++ constructor that throws), and returns nothing
/// else. A copy of it that fills the caller's slot, without those frees,
/// then behaves as it does, as long as the caller's use of the result
/// would not escape (the caller's site, ViaConstructor).
void FunctionSolver::detectConstructor() {
  FunctionSummary &Sum = Info.Summary;
  if (Sum.WrappedAlloc || Info.MayRecurse || !isBodyUsed(F) || F.isVarArg() ||
      !F.getReturnType()->isPointerTy() || F.getName() == HeapBlockFnName ||
      HasMustTail || F.callsFunctionThatReturnsTwice() || !canCopyBody(F))
    return;
  // A call that frees what its arguments reach (grow(old): malloc, copy,
  // free(old)) frees the caller's objects: its copy would free them too,
  // a slot among them, and the call may be one that goes to a copy
  // without frees instead.
  for (const ParamSummary &P : Sum.Params)
    if (P.Reallocs || any_of(P.Frees, [](bool B) { return B; }))
      return;
  // The one site that escapes by being returned, and only that.
  const AllocSite *Site = nullptr;
  for (const AllocSite &S : Info.Sites) {
    if (S.Reason != KeepReason::Returned)
      continue;
    if (Site)
      return;
    Site = &S;
  }
  if (!Site || Site->ViaConstructor || !Site->Size || Site->Fallback ||
      Site->SizeIsBound || Site->AlsoKept != KeepReason::None ||
      !(Site->Kind == AllocKind::Malloc || Site->Kind == AllocKind::Calloc ||
        Site->Kind == AllocKind::Aligned || Site->Kind == AllocKind::New) ||
      isOnCycle(Site->Call->getParent()))
    return;
  for (BasicBlock *BB : RPOT)
    if (const auto *RI = dyn_cast<ReturnInst>(BB->getTerminator()))
      if (!isOnlyThroughPhis(RI->getReturnValue(), [&](const Value *V) {
            return V == Site->Call || isa<ConstantPointerNull>(V);
          }))
        return;
  // What the function does with it besides returning it: solved again,
  // with the return not an escape.
  FunctionEscapeInfo Scratch;
  Scratch.F = &F;
  Scratch.Limits = Info.Limits;
  FunctionSolver Probe(F, TLI, LI, GetLVI, Summaries, Opts, Scratch);
  Probe.seedObjects();
  if (Probe.overWorkLimit())
    return;
  auto It = Probe.ObjectOf.find(Site->Call);
  if (It == Probe.ObjectOf.end())
    return;
  unsigned O = It->second;
  Probe.ProbeObject = O;
  Probe.initSets();
  Probe.solve();
  if (Probe.Escaped.test(O) || Probe.Realloced.test(O) ||
      Probe.Interior.test(O) || Probe.FreedByCallee.test(O))
    return;
  for (const BitVector &C : Probe.Content)
    if (C.test(O))
      return;
  BitVector OnlySite(Probe.numObjects());
  OnlySite.set(O);
  if (Probe.ReturnedPT != OnlySite)
    return;
  // Its frees: of it alone (or null), by its own family's deallocator.
  SmallVector<const CallBase *, 1> Frees;
  for (const auto &[FC, FI] : Probe.FreeCalls) {
    const BitVector &P = Probe.getPT(FI.Freed);
    if (!P.test(O))
      continue;
    if (P != OnlySite || FI.Family != Site->Family)
      return;
    Frees.push_back(FC);
  }
  Sum.Constructs = Site->Call;
  Sum.ConstructsFrees.assign(Frees.begin(), Frees.end());
}
