//===- Placement.cpp - What one stack slot per site can do ----------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// An object that does not escape may still need the heap. Each site gets
/// one slot in the entry block, reused by every execution, and its frees
/// disappear; so this file decides, for the sites still promotable after
/// the escapes:
///  - frees: each free must free exactly this object (or null), with a
///    deallocator of its family;
///  - loops: no object of an earlier iteration may be live when the site
///    runs again;
///  - the function's shape: setjmp/vfork, musttail, another address space,
///    an opt-out annotation;
///  - the budgets: the frame's, and what the call chains below left of the
///    chain budget, charging at each allocation point only the promoted
///    objects live there (codegen's stack colouring shares the rest);
///  - tail calls that must lose `tail` because they may see the slot.
///
//===----------------------------------------------------------------------===//

#include "Solver.h"

#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/CFG.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/StackLifetime.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Instructions.h"

#include <cassert>

using namespace llvm;
using namespace goescape;

/// A site whose object realloc grows in its own function may start in a
/// slot (AllocSite::Reallocs): each realloc of it must get it alone (or
/// null), through its start, so that the rewrite's test "is this the
/// slot?" tells the object from what else the pointer may be. The slot is
/// the small buffer when that is larger than the object: room to grow.
///
///   a = malloc(4 * sizeof *a);         // 64-byte slot
///   a = realloc(a, 8 * sizeof *a);     // 32 bytes: still in the slot
///   a = realloc(a, 64 * sizeof *a);    // 256: malloc, copy the slot
///   free(a);                           // frees only the heap's
void FunctionSolver::decideReallocs() {
  for (const CallBase *R : GrowingReallocs) {
    const Value *Ptr = R->getArgOperand(0);
    const BitVector &P = getPT(Ptr);
    bool Alone = P.count() == 1;
    for (unsigned O : P.set_bits()) {
      if (!siteOf(O) || !mayGrow(siteOfObject(O)))
        continue;
      AllocSite &S = siteOfObject(O);
      S.Reallocs.push_back(R);
      if (S.isPromotable() && (!Alone || offsetIn(Ptr, O) != 0)) {
        S.Reason = KeepReason::AmbiguousRealloc;
        S.Culprit = R;
      }
    }
  }
  uint64_t Room = Opts.SmallBuffer <= Info.Limits.MaxSize ? Opts.SmallBuffer : 0;
  for (AllocSite &S : Info.Sites)
    if (!S.Reallocs.empty() && S.Size)
      S.GrowTo = std::max(*S.Size, Room);
}

/// A free() that receives exactly one site's object (or null) may be
/// removed with it; one that may receive several objects keeps them on the
/// heap, unless their frees test for the slot (decideSharedFrees).
void FunctionSolver::decideFrees() {
  for (const auto &[FreeCall, FI] : FreeCalls) {
    const BitVector &P = getPT(FI.Freed);
    std::optional<unsigned> Only;
    if (P.count() == 1)
      Only = siteOf(P.find_first());
    if (Only) {
      AllocSite &S = Info.Sites[*Only];
      if (S.Family.empty() || S.Family != FI.Family) {
        if (S.isPromotable()) {
          S.Reason = KeepReason::FreeMismatch;
          S.Culprit = FreeCall;
        }
        continue;
      }
      S.Frees.push_back({FreeCall, FI.Freed});
      continue;
    }
    for (unsigned O : P.set_bits()) {
      if (!siteOf(O))
        continue;
      AllocSite &S = siteOfObject(O);
      if (!S.isPromotable())
        continue;
      // A call (an invoke's rewrite would replace it under the other
      // sites) of the object's own family may be shared.
      if (isa<CallInst>(FreeCall) && !S.Family.empty() &&
          S.Family == FI.Family) {
        SharedFrees.push_back({*siteOf(O), FreeCall, FI.Freed});
        continue;
      }
      S.Reason = KeepReason::AmbiguousFree;
      S.Culprit = FreeCall;
    }
  }
}

/// A free that may get the object or another (free(c ? a : b), the free of
/// a grown array's old storage that a peeled first iteration allocated
/// elsewhere) can stay, for what is not the slot, where every free of the
/// object already tests for its slot: a site of run-time size, one that
/// grows, one with carried slots. Each promoted site that such a free may
/// get tests for its own slot, the tests nested, so the call frees only
/// what is in none. A site whose frees would be removed keeps the heap.
void FunctionSolver::decideSharedFrees() {
  for (const SharedFree &SF : SharedFrees) {
    AllocSite &S = Info.Sites[SF.Site];
    if (!S.isPromotable())
      continue;
    if (S.mayBeOnHeap()) {
      S.Frees.push_back({SF.Call, SF.Freed});
      continue;
    }
    S.Reason = KeepReason::AmbiguousFree;
    S.Culprit = SF.Call;
  }
}

/// getSummary's rule, for the calls FreeingCalls recorded.
static const FunctionSummary &summaryOf(const CallBase &CB,
                                        const SummaryMap &Summaries) {
  auto It = Summaries.find(CB.getCalledFunction());
  assert(It != Summaries.end() && "a freeing call was applied a summary");
  return It->second;
}

/// A call that frees only our own sites may go to a copy of its callee
/// without those frees; this function may have such a copy if every free of
/// what its parameters reach is a free call of nothing else or such a call:
///
///   void list_free(struct item *l) {       // FreesDroppable: its copy
///     while (l) { struct item *n = l->next; free(l); l = n; }
///   }                                      // list_free.goescape.nofree
///   ... list_free(head);                   // all three nodes ours: the
///                                          // call goes to the copy
void FunctionSolver::decideFreeClones() {
  bool Droppable = !OpaqueParamFree;
  BitVector NotParams;
  for (const auto &[Call, FI] : FreeCalls) {
    const BitVector &P = getPT(FI.Freed);
    if (!P.anyCommon(ParamObjects))
      continue;
    NotParams = P;
    NotParams.reset(ParamObjects);
    if (NotParams.none())
      Info.ParamFrees.push_back(Call);
    else
      Droppable = false; // It frees ours or the heap's too.
  }
  for (const CallBase *CB : FreeingCalls) {
    const FunctionSummary &S = summaryOf(*CB, Summaries);
    bool Reallocs;
    SmallVector<std::pair<BitVector, StringRef>, 2> Levels;
    BitVector Freed = freedByCall(*CB, S, Reallocs, nullptr,
                                  [&](const BitVector &Objs, StringRef Fam) {
                                    Levels.emplace_back(Objs, Fam);
                                  });
    if (Freed.none())
      continue;
    bool CalleeDroppable = S.FreesDroppable && !Reallocs;
    NotParams = Freed;
    NotParams.reset(ParamObjects);
    if (Freed.anyCommon(ParamObjects)) {
      if (CalleeDroppable && NotParams.none())
        Info.ParamFreeingCalls.push_back(CB);
      else
        Droppable = false;
      continue;
    }
    if (!CalleeDroppable || !onlyOwnSites(Freed))
      continue;
    // The copy drops the callee's deallocation calls: a site of another
    // family than one that frees it keeps the heap, as for a free of this
    // function's own (decideFrees). That call may be the program's own
    // operator delete over malloc, reached by an object whose operator new
    // was inlined: its body must run.
    for (const auto &[Objs, Family] : Levels)
      for (unsigned O : Objs.set_bits()) {
        if (!siteOf(O))
          continue;
        AllocSite &Site = siteOfObject(O);
        if (Site.isPromotable() &&
            (Site.Family.empty() || Site.Family != Family)) {
          Site.Reason = KeepReason::FreeMismatch;
          Site.Culprit = CB;
        }
      }
    FreeCloneCall &C = Info.CloneCalls.emplace_back();
    C.Call = CB;
    for (unsigned O : Freed.set_bits())
      C.Sites.push_back(*siteOf(O));
  }
  if (!Droppable)
    OpaqueParamFree = true;
}

void goescape::keepCloneGroupsWhole(FunctionEscapeInfo &Info) {
  for (bool Again = true; Again;) {
    Again = false;
    for (const FreeCloneCall &C : Info.CloneCalls) {
      // A site of run-time size, or one that grows, may be on the heap:
      // the copy would not free it.
      bool Whole = all_of(C.Sites, [&](unsigned I) {
        return Info.Sites[I].isPromotable() && !Info.Sites[I].mayBeOnHeap();
      });
      if (Whole)
        continue;
      for (unsigned I : C.Sites) {
        AllocSite &S = Info.Sites[I];
        if (!S.isPromotable())
          continue;
        S.Reason = KeepReason::FreedByCall;
        S.Culprit = C.Call;
        Again = true;
      }
    }
  }
}

/// Is object \p C a stack object that is dead on every back edge of \p L,
/// by its lifetime markers (StackLifetime's "may be alive" answer)? Then
/// what it held in one iteration is gone in the next: reading it before a
/// new llvm.lifetime.start, or after .end, is undefined.
bool FunctionSolver::diesEachIteration(unsigned C, const Loop &L) {
  auto *AI = dyn_cast_or_null<AllocaInst>(Objects[C].V);
  if (!AI || Objects[C].Param)
    return false;
  if (!Lifetimes) {
    SmallVector<const AllocaInst *, 8> Allocas;
    for (const ObjectInfo &OI : Objects)
      if (auto *A = dyn_cast_or_null<AllocaInst>(OI.V); A && !OI.Param)
        Allocas.push_back(A);
    Lifetimes = std::make_unique<StackLifetime>(
        F, Allocas, StackLifetime::LivenessType::May);
    Lifetimes->run();
  }
  SmallVector<BasicBlock *, 4> Latches;
  L.getLoopLatches(Latches);
  return !Latches.empty() && none_of(Latches, [&](const BasicBlock *B) {
    return Lifetimes->isAliveAfter(AI, B->getTerminator());
  });
}

/// One stack slot serves every execution of a site, so a site inside a loop
/// is promotable only if no object of an earlier iteration is still live
/// when the site runs again. In SSA form an object survives the back edge
/// only through a loop-header phi (a def dominates its uses, so every other
/// use sees the current iteration's value) or through memory that lives
/// longer than the iteration: an alloca, an object allocated outside the
/// loop, or an object of the loop that is itself carried.
void FunctionSolver::decideLoops() {
  bool Irreducible = containsIrreducibleCFG<const BasicBlock *>(RPOT, LI);
  // Blocks on some cycle, for the irreducible case.
  SmallPtrSet<const BasicBlock *, 16> InCycle;
  if (Irreducible)
    for (scc_iterator<Function *> I = scc_begin(&F); !I.isAtEnd(); ++I)
      if (I.hasCycle())
        InCycle.insert(I->begin(), I->end());

  unsigned N = numObjects();
  BitVector Carried(N);
  SmallVector<unsigned, 8> LoopSites;
  for (unsigned O = 1; O != N; ++O) {
    if (!siteOf(O))
      continue;
    AllocSite &S = siteOfObject(O);
    const BasicBlock *BB = S.Call->getParent();
    if (Irreducible && InCycle.count(BB)) {
      if (S.isPromotable())
        S.Reason = KeepReason::IrreducibleLoop;
      continue;
    }
    const Loop *L = LI.getLoopFor(BB);
    if (!L)
      continue;
    S.LoopDepth = L->getLoopDepth();
    LoopSites.push_back(O);
    // Carried in SSA: through a header phi of any loop around the site.
    for (const Loop *Outer = L; Outer && !Carried.test(O);
         Outer = Outer->getParentLoop())
      for (const PHINode &Phi : Outer->getHeader()->phis())
        if (getPT(&Phi).test(O)) {
          Carried.set(O);
          break;
        }
    // Carried in memory that outlives the iteration: not a stack object
    // whose lifetime markers end it before every back edge.
    for (unsigned C = 0; C != N && !Carried.test(O); ++C) {
      if (!Content[C].test(O))
        continue;
      if (siteOf(C) && L->contains(siteOfObject(C).Call->getParent()))
        continue;
      if (!diesEachIteration(C, *L))
        Carried.set(O);
    }
  }
  // Stored into a carried object of the same loop: carried as well.
  for (bool Again = true; Again;) {
    Again = false;
    for (unsigned O : LoopSites) {
      if (Carried.test(O))
        continue;
      for (unsigned C : Carried.set_bits())
        if (Content[C].test(O)) {
          Carried.set(O);
          Again = true;
          break;
        }
    }
  }
  for (unsigned O : Carried.set_bits()) {
    AllocSite &S = siteOfObject(O);
    if (!S.isPromotable())
      continue;
    if (canTakeCarriedSlots(S))
      S.CarriedSlots = Opts.CarriedSlots;
    else
      S.Reason = KeepReason::LoopCarried;
  }
}

/// An object a loop carries may still be live when its site runs again, so
/// one slot cannot serve every execution. A few slots can, each taken only
/// while free: the rewrite keeps a flag per slot, set when the site hands
/// the slot out and cleared by the free that gets it back, and calls the
/// allocator when every slot is taken. That needs every free of the object
/// to be one of the site's own (decideFrees), the heap path to be the call
/// as written (a constant-size strdup or posix_memalign has no size test
/// to extend), no realloc (growth assumes one slot), and a call of the
/// allocator itself (a constructor's heap path would be the constructor).
///
///   for (...) {                      // a vector's push_back, inlined
///     n = new int[2 * cap];          // slot A or B while free, else new
///     memmove(n, old, ...);
///     delete[] old;                  // A or B is free again, else delete
///   }
bool FunctionSolver::canTakeCarriedSlots(const AllocSite &S) const {
  if (!Opts.CarriedSlots || !S.Reallocs.empty() || S.ViaConstructor)
    return false;
  return S.Fallback || S.Kind == AllocKind::Malloc ||
         S.Kind == AllocKind::Calloc || S.Kind == AllocKind::New ||
         S.Kind == AllocKind::Aligned;
}


/// What the function as a whole rules out: a second return from setjmp
/// (or vfork) would find the slot reused, a musttail call must not see its
/// caller's frame, a slot lives in the alloca address space, and a
/// function may opt out.
void FunctionSolver::decideFunctionShape() {
  if (F.callsFunctionThatReturnsTwice() || HasMustTail)
    for (AllocSite &S : Info.Sites)
      if (S.isPromotable())
        S.Reason =
            HasMustTail ? KeepReason::MustTail : KeepReason::ReturnsTwice;
  unsigned AllocaAS = DL.getAllocaAddrSpace();
  for (AllocSite &S : Info.Sites)
    if (S.isPromotable() &&
        ((S.Kind != AllocKind::PosixMemalign &&
          S.Call->getType()->getPointerAddressSpace() != AllocaAS) ||
         (S.Kind == AllocKind::PosixMemalign && AllocaAS != 0)))
      S.Reason = KeepReason::AddressSpace;
  if (Info.OptedOut)
    for (AllocSite &S : Info.Sites)
      if (S.isPromotable())
        S.Reason = KeepReason::OptOut;
}

namespace {
/// Where a promoted object is live, from the markers the transform will
/// place: it starts at its allocation, and ends at each free whose operand
/// is the allocation itself. Codegen's stack colouring lets objects whose
/// ranges are disjoint share stack, so the budget charges, at each
/// allocation, the objects live there, not every object of the frame.
class LiveRanges {
public:
  LiveRanges(Function &F, ArrayRef<const AllocSite *> Sites) : Sites(Sites) {
    unsigned N = Sites.size();
    LiveOut.resize(N);
    for (unsigned A = 0; A != N; ++A)
      solve(F, A);
  }

  /// Is object \p A live just before instruction \p I (or is I its start)?
  bool isLiveAt(unsigned A, const Instruction *I) const {
    const AllocSite &S = *Sites[A];
    // Slots taken while free get no lifetime markers: live throughout.
    if (I == S.Call || S.CarriedSlots)
      return true;
    const BasicBlock *BB = I->getParent();
    bool Live = liveIn(A, BB);
    for (const Instruction *E : events(A, BB)) {
      if (!E->comesBefore(I))
        break;
      Live = E == S.Call;
    }
    return Live;
  }

private:
  ArrayRef<const AllocSite *> Sites;
  std::vector<DenseMap<const BasicBlock *, bool>> LiveOut;

  bool isEnd(const AllocSite &S, const Instruction *I) const {
    for (const SiteFree &Fr : S.Frees)
      if (Fr.Call == I && Fr.Freed->stripPointerCasts() == S.Call)
        return true;
    return false;
  }
  /// The start and ends of \p A in \p BB, in order.
  SmallVector<const Instruction *, 4> events(unsigned A,
                                             const BasicBlock *BB) const {
    const AllocSite &S = *Sites[A];
    SmallVector<const Instruction *, 4> R;
    if (S.Call->getParent() == BB)
      R.push_back(S.Call);
    for (const SiteFree &Fr : S.Frees)
      if (Fr.Call->getParent() == BB && isEnd(S, Fr.Call))
        R.push_back(Fr.Call);
    llvm::sort(R, [](const Instruction *X, const Instruction *Y) {
      return X->comesBefore(Y);
    });
    return R;
  }
  bool liveIn(unsigned A, const BasicBlock *BB) const {
    for (const BasicBlock *P : predecessors(BB)) {
      auto It = LiveOut[A].find(P);
      if (It != LiveOut[A].end() && It->second)
        return true;
    }
    return false;
  }
  /// Forward dataflow: live out of a block if live at its end.
  void solve(Function &F, unsigned A) {
    const AllocSite &S = *Sites[A];
    SmallVector<const BasicBlock *, 16> Work{S.Call->getParent()};
    while (!Work.empty()) {
      const BasicBlock *BB = Work.pop_back_val();
      bool Live = liveIn(A, BB);
      for (const Instruction *E : events(A, BB))
        Live = E == S.Call;
      bool &Out = LiveOut[A][BB];
      if (Out == Live && BB != S.Call->getParent())
        continue;
      bool Grew = Live && !Out;
      Out = Live;
      if (Grew)
        for (const BasicBlock *Succ : successors(BB))
          Work.push_back(Succ);
    }
  }
};
} // namespace

/// Spend the frame budget on the sites that matter most: those in loops
/// (deepest first), then the smallest. A site fits if, at every
/// allocation point, the objects live there fit with the frame's own
/// allocas.
void FunctionSolver::decideBudget() {
  const StackLimits &L = Info.Limits;
  // Recursion to an unknown depth, or a frame of unknown size, gets the
  // small budget; every frame also gets only what its callees left of the
  // chain budget (they were decided first, bottom-up).
  bool Unbounded = Info.MayRecurse || Info.HasDynamicAlloca;
  uint64_t Budget = Unbounded ? L.RecursiveBudget : L.FrameBudget;
  KeepReason Over = Info.MayRecurse         ? KeepReason::RecursionBudget
                    : Info.HasDynamicAlloca ? KeepReason::DynamicFrame
                                            : KeepReason::FrameBudget;
  uint64_t FrameRoom =
      Budget > Info.ExistingFrameBytes ? Budget - Info.ExistingFrameBytes : 0;
  // An earlier run's slots in this frame are on every chain through it.
  uint64_t ChainTaken = L.ChainBelow + Info.PriorPromotedBytes;
  uint64_t ChainRoom =
      L.ChainBudget > ChainTaken ? L.ChainBudget - ChainTaken : 0;
  uint64_t Limit = Budget;
  if (ChainRoom < FrameRoom) {
    Over = KeepReason::ChainBudget;
    Limit = L.ChainBudget;
  }
  auto Reject = [&](AllocSite &S) {
    S.Reason = Over;
    S.Limit = Limit;
    S.ChainBelow = L.ChainBelow;
    S.ChainVia = L.ChainVia;
    S.ChainOwn = Info.PriorPromotedBytes;
    S.RecursesVia = Info.RecursesVia;
    S.RecursesByName = Info.RecursesByName;
    S.ProgramStack = L.ProgramStack;
  };
  SmallVector<unsigned, 8> Order;
  for (unsigned I = 0, E = Info.Sites.size(); I != E; ++I)
    if (Info.Sites[I].isPromotable())
      Order.push_back(I);
  llvm::sort(Order, [&](unsigned A, unsigned B) {
    const AllocSite &SA = Info.Sites[A], &SB = Info.Sites[B];
    assert(SA.Size && SB.Size && "a promotable site has a constant size");
    if (SA.LoopDepth != SB.LoopDepth)
      return SA.LoopDepth > SB.LoopDepth;
    if (*SA.Size != *SB.Size)
      return *SA.Size < *SB.Size;
    return A < B;
  });
  uint64_t Room = std::min(FrameRoom, ChainRoom);
  // What a slot may add to the frame. Beyond the stack's own alignment the
  // frame is realigned (up to A - StackAlign bytes dropped) and the frame
  // layout pads before the slot (up to A more): on x86-64 a 4 KiB object
  // aligned to 4 KiB makes `andq $-4096, %rsp; subq $8192, %rsp`.
  const DataLayout &DL = F.getDataLayout();
  // No S in the data layout: 16, x86-64's and AArch64's.
  Align StackAlign = DL.getStackAlignment().value_or(Align(16));
  auto Need = [&](unsigned I) {
    Align A = Info.Sites[I].Alignment;
    const AllocSite &S = Info.Sites[I];
    uint64_t Bytes = alignTo(S.getSlotSize(), A);
    if (A > StackAlign)
      Bytes += 2 * A.value();
    return Bytes * std::max(S.CarriedSlots, 1u);
  };

  // Too many to pair up, or a sanitizer that gives every alloca its own
  // stack (ASan and its kin do not let slots share): charge every
  // promoted byte.
  bool NoSharing = F.hasFnAttribute(Attribute::SanitizeAddress) ||
                   F.hasFnAttribute(Attribute::SanitizeHWAddress) ||
                   F.hasFnAttribute(Attribute::SanitizeMemTag);
  if (NoSharing || Order.size() > MaxSitesForLiveness) {
    uint64_t Used = 0;
    for (unsigned I : Order) {
      if (Used + Need(I) > Room) {
        Reject(Info.Sites[I]);
        continue;
      }
      Used += Need(I);
    }
    Info.PeakPromotedBytes = Used;
    return;
  }

  SmallVector<const AllocSite *, 8> Ptrs;
  for (unsigned I : Order)
    Ptrs.push_back(&Info.Sites[I]);
  LiveRanges Live(F, Ptrs);
  // Bytes live at each accepted site's allocation point.
  SmallVector<unsigned, 8> Accepted;
  DenseMap<unsigned, uint64_t> AtPoint;
  for (unsigned C = 0, E = Order.size(); C != E; ++C) {
    uint64_t Size = Need(Order[C]);
    const Instruction *CStart = Ptrs[C]->Call;
    // The candidate's own point, and every accepted point it is live at.
    uint64_t Own = Size;
    for (unsigned A : Accepted)
      if (Live.isLiveAt(A, CStart))
        Own += Need(Order[A]);
    bool Fits = Own <= Room;
    for (unsigned A : Accepted)
      if (Fits && Live.isLiveAt(C, Ptrs[A]->Call))
        Fits = AtPoint[A] + Size <= Room;
    if (!Fits) {
      Reject(Info.Sites[Order[C]]);
      continue;
    }
    for (unsigned A : Accepted)
      if (Live.isLiveAt(C, Ptrs[A]->Call))
        AtPoint[A] += Size;
    AtPoint[C] = Own;
    Accepted.push_back(C);
  }
  for (unsigned A : Accepted)
    Info.PeakPromotedBytes = std::max(Info.PeakPromotedBytes, AtPoint[A]);
}

/// Record, for each site, the tail calls that may receive a pointer into it,

void FunctionSolver::collectTailCalls() {
  if (none_of(Info.Sites, [](const AllocSite &S) { return S.isPromotable(); }))
    return; // Nothing will be rewritten: no tail call to fix.
  for (const CallInst *CI : TailCallList) {
    BitVector Reach(numObjects());
    for (const Value *Arg : CI->args())
      Reach |= getPT(Arg);
    Reach |= reachable(Reach);
    for (unsigned O : Reach.set_bits())
      if (siteOf(O))
        siteOfObject(O).TailCalls.push_back(CI);
  }
}
