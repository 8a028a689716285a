//===- SolverMemory.cpp - Loads, stores and copies by byte range ----------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// What memory holds, by byte range: stores put addresses into an object at
/// the offset the pointer has into it, loads read them back from the ranges
/// they overlap, memcpy and memmove carry them along, and the bytes a load
/// reads as data (not as a pointer) expose the addresses stored there.
///
///   store ptr %a, ptr %box          ; Slots(box) = {[0,8): a}
///   %f = getelementptr i8, ptr %box, i64 8
///   store i64 %n, ptr %f            ; no address: nothing
///   %v = load i64, ptr %f           ; reads [8,16) as data: a is not there
///   %w = load i64, ptr %box         ; reads [0,8) as data: a escapes
///
//===----------------------------------------------------------------------===//

#include "Solver.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

#include <cassert>

using namespace llvm;
using namespace goescape;

uint64_t FunctionSolver::storeSize(Type *T) const {
  if (!T->isSized())
    return ByteRange::ToEnd;
  TypeSize TS = DL.getTypeStoreSize(T);
  return TS.isScalable() ? ByteRange::ToEnd : TS.getFixedValue();
}

/// that are not pointers: integers, floats and padding. Loaded, they carry
/// the bits of any address stored there as data, whatever the type around
/// them. Returns false if the ranges cannot be listed (too many, or a type
/// without a fixed layout); then every byte counts as data.
static bool appendDataRanges(Type *T, uint64_t Base, const DataLayout &DL,
                             SmallVectorImpl<ByteRange> &Out) {
  if (!T->isSized() || DL.getTypeStoreSize(T).isScalable())
    return false;
  auto Add = [&](uint64_t Off, uint64_t Size) {
    if (Size == 0)
      return true;
    if (!Out.empty() && Out.back().end() == int64_t(Off)) {
      Out.back().Size += Size;
      return true;
    }
    if (Out.size() >= MaxDataRanges)
      return false;
    Out.push_back({int64_t(Off), Size});
    return true;
  };
  if (T->isPointerTy())
    return true;
  if (auto *VT = dyn_cast<FixedVectorType>(T)) {
    if (!VT->getElementType()->isPointerTy())
      return Add(Base, DL.getTypeStoreSize(T).getFixedValue());
    // A vector of pointers: no data between its elements, only after them.
    uint64_t Used = DL.getTypeAllocSize(VT->getElementType()).getFixedValue() *
                    VT->getNumElements();
    return Add(Base + Used, DL.getTypeStoreSize(T).getFixedValue() - Used);
  }
  if (auto *ST = dyn_cast<StructType>(T)) {
    const StructLayout *SL = DL.getStructLayout(ST);
    uint64_t Covered = 0;
    for (unsigned I = 0, E = ST->getNumElements(); I != E; ++I) {
      uint64_t Off = SL->getElementOffset(I).getFixedValue();
      if (!Add(Base + Covered, Off - Covered) ||
          !appendDataRanges(ST->getElementType(I), Base + Off, DL, Out))
        return false;
      Covered =
          Off + DL.getTypeStoreSize(ST->getElementType(I)).getFixedValue();
    }
    return Add(Base + Covered,
               DL.getTypeStoreSize(ST).getFixedValue() - Covered);
  }
  if (auto *AT = dyn_cast<ArrayType>(T)) {
    // One element's ranges, padding to the stride included, repeated.
    Type *ET = AT->getElementType();
    uint64_t Stride = DL.getTypeAllocSize(ET).getFixedValue();
    uint64_t ESize = DL.getTypeStoreSize(ET).getFixedValue();
    uint64_t N = AT->getNumElements();
    SmallVector<ByteRange, 4> Elt;
    if (!appendDataRanges(ET, 0, DL, Elt))
      return false;
    if (Stride > ESize)
      Elt.push_back({int64_t(ESize), Stride - ESize});
    if (Elt.empty() || N == 0)
      return true; // Pointers only.
    if (Elt.size() == 1 && Elt[0] == ByteRange::at(0, Stride))
      return Add(Base, Stride * N); // Data only.
    for (uint64_t I = 0; I != N; ++I)
      for (const ByteRange &R : Elt)
        if (!Add(Base + I * Stride + R.Offset, R.Size))
          return false; // Past MaxDataRanges, after a few elements.
    return true;
  }
  // Integers, floats, vectors of them, target types: all data.
  return Add(Base, DL.getTypeStoreSize(T).getFixedValue());
}

/// How many phis and selects offsetIn looks through.
static constexpr unsigned MaxOffsetPhis = 8;

int64_t FunctionSolver::offsetIn(const Value *Ptr, unsigned O) const {
  unsigned Budget = MaxOffsetPhis;
  SmallVector<const Value *, 8> Open;
  return offsetIn(Ptr, O, Budget, Open);
}

int64_t FunctionSolver::offsetIn(const Value *Ptr, unsigned O,
                                 unsigned &Budget,
                                 SmallVectorImpl<const Value *> &Open) const {
  const ObjectInfo &OI = Objects[O];
  if (!Ptr || O == HeapObj || !Ptr->getType()->isPointerTy())
    return UnknownOffset;
  APInt Off(DL.getIndexTypeSizeInBits(Ptr->getType()), 0);
  const Value *Base = Ptr->stripAndAccumulateConstantOffsets(
      DL, Off, /*AllowNonInbounds=*/true);
  if (Off.getSignificantBits() > MaxOffsetBits)
    return UnknownOffset;
  int64_t BaseOff = UnknownOffset;
  if (OI.V && OI.Level == 0 && Base == OI.V) {
    BaseOff = 0;
  } else if (const auto *CB = dyn_cast<CallBase>(Base);
             CB && GrowingReallocs.contains(CB)) {
    // realloc returns the start of the block.
    BaseOff = 0;
  } else if (isa<LoadInst>(Base)) {
    // Memory holds only pointers to the start of a non-Interior object:
    // every store of one into memory was checked (noteStoredPointer).
    if (!Interior.test(O))
      BaseOff = 0;
  } else if ((isa<PHINode>(Base) || isa<SelectInst>(Base)) && Budget) {
    --Budget;
    // One offset for every incoming pointer that may point into O.
    auto Incoming = isa<PHINode>(Base)
                        ? SmallVector<const Value *, 4>(
                              cast<PHINode>(Base)->incoming_values())
                        : SmallVector<const Value *, 4>(
                              {cast<SelectInst>(Base)->getTrueValue(),
                               cast<SelectInst>(Base)->getFalseValue()});
    // A cycle back to a phi being looked at (the pointer a loop carries
    // unchanged: p = phi [a, entry], [p, latch]) adds no offset of its own;
    // one that adds an offset on the way (p = phi [a, entry], [p + 8,
    // latch]) has none.
    Open.push_back(Base);
    for (const Value *In : Incoming) {
      auto It = PT.find(In);
      if (It == PT.end() || !It->second.test(O))
        continue;
      APInt InOff0(DL.getIndexTypeSizeInBits(In->getType()), 0);
      const Value *InBase = In->stripAndAccumulateConstantOffsets(
          DL, InOff0, /*AllowNonInbounds=*/true);
      if (is_contained(Open, InBase)) {
        if (!InOff0.isZero())
          return UnknownOffset;
        continue;
      }
      int64_t InOff = offsetIn(In, O, Budget, Open);
      if (InOff == UnknownOffset ||
          (BaseOff != UnknownOffset && InOff != BaseOff))
        return UnknownOffset;
      BaseOff = InOff;
    }
    Open.pop_back();
  }
  if (BaseOff == UnknownOffset)
    return UnknownOffset;
  APInt Total = Off.sext(64) + APInt(64, BaseOff, /*isSigned=*/true);
  if (Total.getSignificantBits() > MaxOffsetBits)
    return UnknownOffset;
  return Total.getSExtValue();
}

void FunctionSolver::markInterior(const BitVector &Objs) {
  for (unsigned O : Objs.set_bits())
    if (O != HeapObj && !Interior.test(O)) {
      Interior.set(O);
      Changed = true;
    }
}

void FunctionSolver::noteStoredPointer(const Value *Stored) {
  const BitVector &Objs = getPT(Stored);
  if (Objs.none())
    return;
  // A pointer stored as an integer of its width (isStoredWhole) is where
  // the pointer points.
  const Value *Ptr = Stored;
  if (const auto *PI = dyn_cast<PtrToIntInst>(Stored))
    Ptr = PI->getPointerOperand();
  BitVector Moved(numObjects());
  for (unsigned O : Objs.set_bits())
    if (O != HeapObj && !Interior.test(O) && offsetIn(Ptr, O) != 0)
      Moved.set(O);
  markInterior(Moved);
}

void FunctionSolver::addContent(unsigned O, ByteRange R,
                                const BitVector &Vals) {
  if (O == HeapObj || Vals.none())
    return;
  addAll(Content[O], Vals);
  auto &List = Slots[O];
  // An empty range (which no load would see) may be anywhere.
  if (R.Size == 0)
    R = ByteRange::anywhere();
  if (R.isAnywhere())
    R.Size = ByteRange::ToEnd;
  auto Add = [&](ByteRange At) {
    for (Slot &S : List)
      if (S.Range == At) {
        addAll(S.Objs, Vals);
        return true;
      }
    return false;
  };
  // A range the object already has keeps its addresses apart; a new one
  // past the limit goes anywhere.
  if (Add(R))
    return;
  if (List.size() >= MaxSlotsPerObject) {
    R = ByteRange::anywhere();
    R.Size = ByteRange::ToEnd;
    if (Add(R))
      return;
  }
  List.push_back({R, Vals});
  Changed = true;
}

BitVector FunctionSolver::contentAt(unsigned O, ByteRange R) const {
  if (O == HeapObj)
    return HeapSet;
  BitVector V(numObjects());
  for (const Slot &S : Slots[O])
    if (S.Range.overlaps(R))
      V |= S.Objs;
  return V;
}

/// Our own objects escape; for a parameter's object, the summary records
/// the bytes read and the caller decides.
BitVector FunctionSolver::loadAt(const Value *Ptr, Type *T,
                                 const Instruction &I) {
  uint64_t Size = storeSize(T);
  SmallVector<ByteRange, 4> Data;
  if (!appendDataRanges(T, 0, DL, Data))
    Data = {ByteRange::at(0, Size)};
  bool AllData = Data.size() == 1 && Data[0] == ByteRange::at(0, Size);
  BitVector V(numObjects());
  for (unsigned O : getPT(Ptr).set_bits()) {
    int64_t Off = offsetIn(Ptr, O);
    V |= contentAt(O, ByteRange::at(Off, Size));
    if (!AllData)
      readPointers(O, ByteRange::at(Off, Size));
    for (const ByteRange &D : Data) {
      ByteRange At = Off == UnknownOffset
                         ? ByteRange::anywhere()
                         : ByteRange::at(Off + D.Offset, D.Size);
      readAsData(O, At, I);
    }
  }
  // Data read from bytes that held addresses is bits of unknown origin:
  // the addresses themselves have been dealt with above.
  if (AllData && V.any())
    return HeapSet;
  return V;
}

void FunctionSolver::readAsData(unsigned O, ByteRange R, const Instruction &I) {
  if (O == HeapObj)
    return;
  BitVector C = contentAt(O, R);
  const ObjectInfo &OI = Objects[O];
  if (OI.Param) {
    assert(ParamObject.count(cast<Argument>(OI.V)) && "a parameter's object");
    unsigned P0 = ParamObject.find(cast<Argument>(OI.V))->second;
    // What it holds by construction (the next level) is not a flow.
    C.reset(P0 + std::min(OI.Level + 1, NumLevels - 1));
    addRange(IntReads[O], R);
  }
  escape(C, KeepReason::PtrToInt, &I);
}

void FunctionSolver::addRange(SmallVectorImpl<ByteRange> &Reads, ByteRange R) {
  // In a recursive function the ranges may grow by one per solve of its
  // SCC (recursing on p + 8 reads [0,8), then [8,16), ...): past a few,
  // "anywhere", so that the SCC settles.
  unsigned Limit = Info.MayRecurse ? MaxRecursiveIntReads : MaxSlotsPerObject;
  bool Covered = any_of(Reads, [&](const ByteRange &Have) {
    return Have == R || Have.isAnywhere();
  });
  if (Covered)
    return;
  if (Reads.size() >= Limit || R.isAnywhere())
    Reads.assign(1, ByteRange::anywhere());
  else
    Reads.push_back(R);
  Changed = true;
}

void FunctionSolver::readAllPointers(const BitVector &Objs) {
  for (unsigned O : Objs.set_bits()) {
    const ObjectInfo &OI = Objects[O];
    if (O == HeapObj || !OI.Param)
      continue;
    unsigned P0 = ParamObject.find(cast<Argument>(OI.V))->second;
    for (unsigned L = OI.Level; L != NumLevels; ++L)
      readPointers(P0 + L, ByteRange::anywhere());
  }
}

void FunctionSolver::readPointers(unsigned O, ByteRange R) {
  if (O == HeapObj || !Objects[O].Param)
    return;
  addRange(PtrReads[O], R);
}

void FunctionSolver::storeInto(const BitVector &Targets, const BitVector &Vals,
                               const Instruction &I, const Value *Ptr,
                               uint64_t Size) {
  if (Vals.none())
    return;
  for (unsigned O : Targets.set_bits())
    if (O != HeapObj)
      storeAt(O, ByteRange::at(offsetIn(Ptr, O), Size), Vals, I);
  escapeStored(Targets, Vals, I, Ptr);
}

void FunctionSolver::storeAt(unsigned O, ByteRange R, const BitVector &Vals,
                             const Instruction &I) {
  for (unsigned V : Vals.set_bits())
    StoredBy.try_emplace({O, V}, &I);
  addContent(O, R, Vals);
}

void FunctionSolver::copyContent(const MemTransferInst &MT) {
  const Value *Dst = MT.getRawDest(), *Src = MT.getRawSource();
  const BitVector &DstPT = getPT(Dst);
  const BitVector &SrcPT = getPT(Src);
  // A length that is not a constant, or too large to add to an offset,
  // copies everything from the source offset on.
  std::optional<uint64_t> Len;
  if (auto *LenC = dyn_cast<ConstantInt>(MT.getLength()))
    if (LenC->getValue().getActiveBits() <= MaxOffsetBits)
      Len = LenC->getZExtValue();
  for (unsigned S : SrcPT.set_bits()) {
    if (S == HeapObj) {
      for (unsigned D : DstPT.set_bits())
        addContent(D, ByteRange::from(offsetIn(Dst, D)), HeapSet);
      continue;
    }
    int64_t SrcOff = offsetIn(Src, S);
    ByteRange Read =
        Len ? ByteRange::at(SrcOff, *Len) : ByteRange::from(SrcOff);
    readPointers(S, Read);
    for (unsigned D : DstPT.set_bits()) {
      int64_t DstOff = offsetIn(Dst, D);
      bool Exact = Len && SrcOff != UnknownOffset && DstOff != UnknownOffset;
      for (const Slot &Sl : SmallVector<Slot, 2>(Slots[S])) {
        if (!Sl.Range.overlaps(Read))
          continue;
        // A slot wholly inside a copy of known extent lands at the same
        // distance from the destination; anything else lands somewhere
        // from the destination offset on.
        ByteRange To = ByteRange::from(DstOff);
        if (Exact && !Sl.Range.isAnywhere() && Sl.Range.Offset >= SrcOff &&
            Sl.Range.end() <= SrcOff + int64_t(*Len))
          To = {DstOff + (Sl.Range.Offset - SrcOff), Sl.Range.Size};
        addContent(D, To, Sl.Objs);
      }
    }
  }
  escapeStored(DstPT, loadContent(SrcPT), MT, Dst);
}

/// Values stored into the heap escape; into what a parameter points to,
/// the function's own objects escape.
void FunctionSolver::escapeStored(const BitVector &Targets,
                                  const BitVector &Vals, const Instruction &I,
                                  const Value *Ptr) {
  if (Targets.test(HeapObj)) {
    const Value *Base = Ptr ? getUnderlyingObject(Ptr) : nullptr;
    bool Global = Base && (isa<GlobalVariable>(Base) ||
                           (isa<IntrinsicInst>(Base) &&
                            cast<IntrinsicInst>(Base)->getIntrinsicID() ==
                                Intrinsic::threadlocal_address));
    escape(Vals,
           Global ? KeepReason::StoredToGlobal : KeepReason::StoredToUnknown,
           &I);
  }
  if (Targets.anyCommon(ParamObjects))
    escapeLocalObjects(Vals, KeepReason::StoredToUnknown, &I);
}
