//===- SummaryFlow.cpp - Function summaries, written and read -------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Both ends of the summary encoding (Go's leaks.go), side by side:
/// summarize() reads what a function does with its pointer parameters off
/// its solved graph, and applySummary() replays that at each call.
///
/// A pointer parameter p stands for NumLevels objects: level 0 is what p
/// points to, level 1 what that holds, level 2 anything deeper. In the
/// solver they are objects P0, P0 + 1 and P0 + 2; each level holds the
/// next by construction, and the deepest holds itself, so those edges are
/// never flows. A flow is read at the callee's level L and replayed at the
/// caller on the objects the argument reaches in L loads:
///
///   void keep(char *p) { global = p; }   // Heap from level 0
///   char *id(char *p) { return p; }      // Result from level 0
///   void put(T *t, char *p) { t->f = p; } // p level 0 -> content of t level 0
///
//===----------------------------------------------------------------------===//

#include "Solver.h"

#include "llvm/IR/Instructions.h"

#include <cassert>
#include <tuple>

using namespace llvm;
using namespace goescape;

/// The summary to apply at \p CB, if its callee is a definition whose body
/// is the one that runs, or an ODR one whose analysed body the call will
/// run (isBodyUsed).
static const FunctionSummary *getSummary(const CallBase &CB,
                                         const SummaryMap &Summaries) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || !isBodyUsed(*Callee))
    return nullptr;
  auto It = Summaries.find(Callee);
  return It == Summaries.end() ? nullptr : &It->second;
}

/// \p R, in the callee's offsets, in the caller's: moved by \p Base, or
/// anywhere if that is unknown.
static ByteRange shiftRange(ByteRange R, int64_t Base) {
  if (Base == UnknownOffset || R.isAnywhere())
    return ByteRange::anywhere();
  return {Base + R.Offset, R.Size};
}

int64_t FunctionSolver::levelBase(const Value *Arg, unsigned O,
                                  unsigned L) const {
  if (L == 0)
    return offsetIn(Arg, O);
  return Interior.test(O) ? UnknownOffset : 0;
}

BitVector FunctionSolver::objectsAtLevel(const CallBase &CB, unsigned ArgNo,
                                         unsigned L) {
  const BitVector &A = getPT(CB.getArgOperand(ArgNo));
  if (L == 0)
    return A;
  BitVector Next = loadContent(A);
  return L == 1 ? Next : reachable(Next);
}

BitVector FunctionSolver::reachedAtLevel(const CallBase &CB, unsigned ArgNo,
                                         unsigned L, const ParamSummary &P) {
  const Value *Arg = CB.getArgOperand(ArgNo);
  // One load deeper, from level FromL: the pointers at the ranges the
  // callee loads from, in each object's offsets.
  auto Step = [&](const BitVector &From, unsigned FromL) {
    BitVector Next(numObjects());
    for (unsigned O : From.set_bits()) {
      if (O == HeapObj) {
        Next.set(HeapObj);
        continue;
      }
      int64_t Base = levelBase(Arg, O, FromL);
      for (const ByteRange &R : P.PtrReads[FromL])
        Next |= contentAt(O, shiftRange(R, Base));
    }
    return Next;
  };
  BitVector Reach = getPT(Arg);
  if (L == 0)
    return Reach;
  Reach = Step(Reach, 0);
  if (L == 1)
    return Reach;
  Reach = Step(Reach, 1);
  for (BitVector Frontier = Reach; Frontier.any();) {
    BitVector Next = Step(Frontier, NumLevels - 1);
    Next.reset(Reach);
    Reach |= Next;
    Frontier = std::move(Next);
  }
  return Reach;
}

BitVector FunctionSolver::freedByCall(const CallBase &CB,
                                      const FunctionSummary &S,
                                      bool &Reallocs, BitVector *Surely,
                                      FreedLevelFn EachLevel) {
  BitVector Freed(numObjects());
  Reallocs = false;
  unsigned NumParams = CB.getFunctionType()->getNumParams();
  for (unsigned I = 0, E = std::min<size_t>(
                           {CB.arg_size(), NumParams, S.Params.size()});
       I != E; ++I) {
    if (!CB.getArgOperand(I)->getType()->isPointerTy())
      continue;
    const ParamSummary &P = S.Params[I];
    Reallocs |= P.Reallocs;
    for (unsigned L = 0; L != NumLevels; ++L)
      if (P.Frees[L] || (L == 0 && P.Reallocs)) {
        BitVector Reached = reachedAtLevel(CB, I, L, P);
        if (Surely && P.FreesSurely[L])
          *Surely |= Reached;
        if (EachLevel && P.Frees[L])
          EachLevel(Reached, P.FreesFamily[L]);
        Freed |= Reached;
      }
  }
  return Freed;
}

bool FunctionSolver::applySummary(CallBase &CB, bool ResultIsSite) {
  const FunctionSummary *S = getSummary(CB, Summaries);
  if (!S)
    return false;
  unsigned NumParams =
      CB.getCalledFunction()->getFunctionType()->getNumParams();
  bool Droppable = applyCalleeFrees(CB, *S);
  for (unsigned I = 0, E = CB.arg_size(); I != E; ++I) {
    const Value *Arg = CB.getArgOperand(I);
    // A copy: adding to the call's own set below may move PT's entries.
    BitVector A = getPT(Arg);
    if (A.none())
      continue;
    if (I >= NumParams) {
      escape(A, KeepReason::VarArg, &CB);
      continue;
    }
    if (!Arg->getType()->isPointerTy()) {
      // Bits of an address, however few: the callee may rebuild it.
      escape(A, KeepReason::PtrToInt, &CB);
      continue;
    }
    if (I >= S->Params.size())
      continue;
    applyParamFlows(CB, I, S->Params[I], ResultIsSite);
    applyParamEffects(CB, I, A, S->Params[I], Droppable);
  }
  if (S->ResultUnknown && !CB.getType()->isVoidTy() && !ResultIsSite)
    addPT(&CB, HeapSet);
  return true;
}

bool FunctionSolver::applyCalleeFrees(CallBase &CB, const FunctionSummary &S) {
  // What the call frees: if it is only our own sites, or only what our
  // parameters reach, and a copy of the callee can drop every such free,
  // they are freed but need not escape (decideFreeClones, then
  // keepCloneGroupsWhole, decide whether the call goes to the copy).
  bool Reallocs;
  BitVector Surely(numObjects());
  // Each level with the family its frees are of, for this function's
  // summary and for decideFreeClones.
  SmallVector<std::pair<BitVector, StringRef>, 2> Levels;
  BitVector Freed = freedByCall(CB, S, Reallocs, &Surely,
                                [&](const BitVector &Objs, StringRef Family) {
                                  Levels.emplace_back(Objs, Family);
                                });
  SurelyFreed |= Surely;
  if (Freed.none())
    return false;
  FreeingCalls.insert(&CB);
  BitVector NotParams = Freed;
  NotParams.reset(ParamObjects);
  bool Droppable = S.FreesDroppable && !Reallocs && !Freed.test(HeapObj) &&
                   (onlyOwnSites(Freed) || NotParams.none());
  if (Droppable) {
    for (const auto &[Objs, Family] : Levels)
      markFreed(Objs, Family);
    FreedByCallee |= Freed;
  }
  return Droppable;
}

void FunctionSolver::applyParamFlows(CallBase &CB, unsigned ArgNo,
                                     const ParamSummary &P, bool ResultIsSite) {
  const Function *Callee = CB.getCalledFunction();
  const Value *Arg = CB.getArgOperand(ArgNo);
  for (const Flow &Fl : P.Flows) {
    BitVector Src = objectsAtLevel(CB, ArgNo, Fl.SrcLevel);
    switch (Fl.K) {
    case Flow::Heap:
      // The callee's parameter, for -goescape-m=2 to follow.
      escape(Src,
             Fl.SrcLevel == 0 ? KeepReason::CapturedByCall
                              : KeepReason::ReachableFromCall,
             &CB, Callee->getArg(ArgNo));
      break;
    case Flow::Result:
      // A constructor returns only its object: a flow to its result
      // (which detectConstructor rules out) would be one out of sight.
      if (ResultIsSite)
        escape(Src, KeepReason::CapturedByCall, &CB, Callee->getArg(ArgNo));
      else
        addPT(&CB, Src);
      break;
    case Flow::ParamContent: {
      // The callee may store it anywhere in what the parameter points to:
      // the pointer it was given or loaded, unless it says otherwise, so
      // at level 0 the argument's offset into each object.
      if (Fl.Param >= CB.arg_size())
        break;
      if (P.StoresInterior[Fl.SrcLevel])
        markInterior(Src);
      else if (Fl.SrcLevel == 0)
        noteStoredPointer(Arg);
      if (Src.none())
        break;
      const Value *Dst = CB.getArgOperand(Fl.Param);
      BitVector Targets = objectsAtLevel(CB, Fl.Param, Fl.DstLevel);
      for (unsigned O : Targets.set_bits()) {
        if (O == HeapObj)
          continue;
        storeAt(O, shiftRange(Fl.At, levelBase(Dst, O, Fl.DstLevel)), Src, CB);
      }
      escapeStored(Targets, Src, CB, /*Ptr=*/nullptr);
      break;
    }
    }
  }
}

void FunctionSolver::applyParamEffects(CallBase &CB, unsigned ArgNo,
                                       const BitVector &A,
                                       const ParamSummary &P, bool Droppable) {
  const Value *Arg = CB.getArgOperand(ArgNo);
  // What the callee does to the objects at each level, each level's
  // objects found once: one load deeper than the last.
  BitVector Objs = A;
  for (unsigned L = 0; L != NumLevels; ++L) {
    if (L != 0)
      Objs = L == 1 ? loadContent(A) : reachable(Objs);
    // Stored where the function does not say (the heap, its result):
    // the caller sees to those pointers itself.
    if (P.StoresInterior[L] && L != 0)
      markInterior(Objs);
    if (!Droppable && (P.Frees[L] || (L == 0 && P.Reallocs)))
      freeObjects(Objs,
                  P.Reallocs && L == 0 ? KeepReason::Reallocated
                                       : KeepReason::FreedByCall,
                  CB);
    for (unsigned O : Objs.set_bits()) {
      if (O == HeapObj)
        continue;
      // In the callee's offsets: from the argument at level 0, from the
      // loaded pointer deeper.
      int64_t Base = levelBase(Arg, O, L);
      // Bits of unknown origin written there ...
      for (const ByteRange &R : P.UnknownAt[L])
        addContent(O, shiftRange(R, Base), HeapSet);
      // ... bytes read as data, which expose the addresses stored there,
      for (const ByteRange &R : P.IntReads[L])
        readAsData(O, shiftRange(R, Base), CB);
      // ... and where it loads pointers from, which our parameters'
      // objects load them from too.
      if (ParamObjects.test(O))
        for (const ByteRange &R : P.PtrReads[L])
          readPointers(O, shiftRange(R, Base));
    }
  }
}

/// Byte ranges in offset order, so that equal summaries compare equal.
static void sortRanges(SmallVectorImpl<ByteRange> &Ranges) {
  llvm::sort(Ranges, [](const ByteRange &X, const ByteRange &Y) {
    return std::tie(X.Offset, X.Size) < std::tie(Y.Offset, Y.Size);
  });
}

void FunctionSolver::slotRanges(unsigned O, SmallVectorImpl<ByteRange> &Out,
                                function_ref<bool(const BitVector &)> Holds) {
  for (const Slot &S : Slots[O])
    if (Holds(S.Objs) && !is_contained(Out, S.Range))
      Out.push_back(S.Range);
  if (Out.size() > MaxFlowRanges ||
      any_of(Out, [](const ByteRange &R) { return R.isAnywhere(); }))
    Out.assign(1, ByteRange::anywhere());
  sortRanges(Out);
}

void FunctionSolver::summarize() {
  FunctionSummary &Sum = Info.Summary;
  Sum.Params.assign(F.arg_size(), {});
  BitVector OwnObjects(numObjects());
  OwnObjects.set(1, numObjects());
  OwnObjects.reset(ParamObjects);
  for (const auto &[A, P0] : ParamObject) {
    ParamSummary &PS = Sum.Params[A->getArgNo()];
    for (unsigned L = 0; L != NumLevels; ++L) {
      unsigned O = P0 + L;
      if (Escaped.test(O) &&
          !any_of(PS.Flows, [](const Flow &F) { return F.K == Flow::Heap; }))
        PS.Flows.push_back({Flow::Heap, uint8_t(L)});
      if (Escaped.test(O))
        PS.Leaks[L] = {EscapeCause[O].Reason, EscapeCause[O].Culprit,
                       EscapeCause[O].Container};
      if (ReturnedPT.test(O))
        PS.Flows.push_back({Flow::Result, uint8_t(L)});
      PS.Frees[L] = Freed.test(O);
      if (PS.Frees[L])
        PS.FreesFamily[L] = FreedFamily[O];
      PS.FreesSurely[L] = SurelyFreed.test(O);
      // Our own objects stored there have escaped: to the caller they
      // are pointers it does not know.
      slotRanges(O, PS.UnknownAt[L], [&](const BitVector &Objs) {
        return Objs.test(HeapObj) || Objs.anyCommon(OwnObjects);
      });
    }
    PS.Reallocs = Realloced.test(P0);
    auto Ranges = [&](const auto &Map, unsigned O, auto &Out) {
      auto It = Map.find(O);
      if (It == Map.end())
        return;
      Out.assign(It->second.begin(), It->second.end());
      if (Out.size() > MaxSlotsPerObject)
        Out.assign(1, ByteRange::anywhere());
      sortRanges(Out);
    };
    for (unsigned L = 0; L != NumLevels; ++L) {
      PS.StoresInterior[L] = Interior.test(P0 + L);
      Ranges(IntReads, P0 + L, PS.IntReads[L]);
      Ranges(PtrReads, P0 + L, PS.PtrReads[L]);
    }
    // Stored into what another parameter (or this one) reaches. Each level
    // holds the next by construction, and the deepest holds itself.
    // Where in it, by byte range, so that the caller knows which of its
    // fields hold the pointer; past a few ranges, anywhere.
    for (const auto &[B, Q0] : ParamObject)
      for (unsigned DstL = 0; DstL != NumLevels; ++DstL)
        for (unsigned SrcL = 0; SrcL != NumLevels; ++SrcL) {
          if (A == B && SrcL == std::min(DstL + 1, NumLevels - 1))
            continue;
          if (!Content[Q0 + DstL].test(P0 + SrcL))
            continue;
          SmallVector<ByteRange, 4> At;
          unsigned Src = P0 + SrcL;
          slotRanges(Q0 + DstL, At,
                     [Src](const BitVector &Objs) { return Objs.test(Src); });
          for (const ByteRange &R : At)
            PS.Flows.push_back({Flow::ParamContent, uint8_t(SrcL),
                                uint8_t(DstL), B->getArgNo(), R});
        }
    llvm::sort(PS.Flows, [](const Flow &X, const Flow &Y) {
      return std::tie(X.K, X.SrcLevel, X.Param, X.DstLevel, X.At.Offset,
                      X.At.Size) < std::tie(Y.K, Y.SrcLevel, Y.Param,
                                            Y.DstLevel, Y.At.Offset,
                                            Y.At.Size);
    });
  }
  Sum.ResultUnknown = ReturnedPT.anyCommon(OwnObjects) ||
                      ReturnedPT.test(HeapObj);
  // The copy without the frees is a copy: of a body that can have one.
  Sum.FreesDroppable = !OpaqueParamFree && canCopyBody(F);
}
