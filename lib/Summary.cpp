//===- Summary.cpp - What a function does with its pointers ---------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Printing and comparing function summaries. They are computed by the
/// solver in EscapeAnalysis.cpp, bottom-up over the call graph.
///
//===----------------------------------------------------------------------===//

#include "goescape/Summary.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace goescape;

bool ParamSummary::leaksToHeap(unsigned Level) const {
  return any_of(Flows, [&](const Flow &F) {
    return F.K == Flow::Heap && F.SrcLevel <= Level;
  });
}

bool ParamSummary::operator==(const ParamSummary &O) const {
  return Flows == O.Flows && std::equal(Frees, Frees + NumLevels, O.Frees) &&
         std::equal(FreesFamily, FreesFamily + NumLevels, O.FreesFamily) &&
         Reallocs == O.Reallocs &&
         std::equal(UnknownAt, UnknownAt + NumLevels, O.UnknownAt) &&
         std::equal(IntReads, IntReads + NumLevels, O.IntReads) &&
         std::equal(PtrReads, PtrReads + NumLevels, O.PtrReads) &&
         std::equal(StoresInterior, StoresInterior + NumLevels,
                    O.StoresInterior);
}

bool FunctionSummary::operator==(const FunctionSummary &O) const {
  return Params == O.Params && ResultUnknown == O.ResultUnknown &&
         WrappedAlloc == O.WrappedAlloc && Constructs == O.Constructs &&
         ConstructsFrees == O.ConstructsFrees &&
         FreesParam == O.FreesParam &&
         WrappedFree == O.WrappedFree && FreesDroppable == O.FreesDroppable;
}

FunctionSummary FunctionSummary::worst(const Function &F) {
  FunctionSummary S;
  S.Params.resize(F.arg_size());
  for (const Argument &A : F.args()) {
    if (!A.getType()->isPointerTy())
      continue;
    ParamSummary &P = S.Params[A.getArgNo()];
    P.Flows.push_back({Flow::Heap, 0});
    std::fill(P.Frees, P.Frees + NumLevels, true);
    std::fill(P.FreesFamily, P.FreesFamily + NumLevels, MixedFamilies);
    P.Reallocs = true;
    for (auto &R : P.UnknownAt)
      R.assign(1, ByteRange::anywhere());
    for (auto &R : P.IntReads)
      R.assign(1, ByteRange::anywhere());
    for (auto &R : P.PtrReads)
      R.assign(1, ByteRange::anywhere());
    std::fill(P.StoresInterior, P.StoresInterior + NumLevels, true);
  }
  S.ResultUnknown = true;
  S.FreesDroppable = false;
  return S;
}

const DbgVariableRecord *
goescape::findParamRecord(const Function &F, unsigned ArgNo,
                          bool NeedLocation) {
  const DISubprogram *SP = F.getSubprogram();
  if (!SP)
    return nullptr;
  // IR arguments are the source's parameters, one for one, unless the ABI
  // split or added some (a struct passed in two registers, an sret
  // pointer): then only a record of the argument's own value says which
  // parameter it is.
  const DISubroutineType *Ty = SP->getType();
  bool OneForOne = Ty && Ty->getTypeArray().size() == F.arg_size() + 1;
  const Argument *A = F.getArg(ArgNo);
  const DbgVariableRecord *ByPosition = nullptr;
  for (const Instruction &I : instructions(F))
    for (const DbgVariableRecord &DVR :
         filterDbgVars(I.getDbgRecordRange())) {
      const DILocalVariable *Var = DVR.getVariable();
      // After inlining, a callee's parameter N has records here too: only
      // F's own variables name F's parameters.
      if (!Var || !Var->getArg() || Var->getScope()->getSubprogram() != SP)
        continue;
      const DebugLoc &DL = DVR.getDebugLoc();
      if (NeedLocation && (!DL || !DL.getLine() || DL.getInlinedAt()))
        continue;
      if (is_contained(DVR.location_ops(), A))
        return &DVR;
      if (OneForOne && !ByPosition && Var->getArg() == ArgNo + 1)
        ByPosition = &DVR;
    }
  return ByPosition;
}

/// For a record of part of a parameter (DW_OP_LLVM_fragment: a struct the
/// ABI split across arguments), the part's name: "value.b", the field at
/// the fragment's offset, or "value (bits 64-127)"; the name alone for a
/// whole parameter.
static std::string getPartName(const DbgVariableRecord &DVR) {
  const DILocalVariable *Var = DVR.getVariable();
  std::string Name = Var->getName().str();
  std::optional<DIExpression::FragmentInfo> Frag =
      DVR.getExpression()->getFragmentInfo();
  if (!Frag)
    return Name;
  const DIType *T = Var->getType();
  while (const auto *D = dyn_cast_or_null<DIDerivedType>(T)) {
    if (D->getTag() != dwarf::DW_TAG_typedef &&
        D->getTag() != dwarf::DW_TAG_const_type &&
        D->getTag() != dwarf::DW_TAG_volatile_type)
      break;
    T = D->getBaseType();
  }
  if (const auto *C = dyn_cast_or_null<DICompositeType>(T))
    for (const DINode *E : C->getElements())
      if (const auto *M = dyn_cast<DIDerivedType>(E))
        if (M->getTag() == dwarf::DW_TAG_member &&
            M->getOffsetInBits() == Frag->OffsetInBits &&
            M->getSizeInBits() == Frag->SizeInBits && !M->getName().empty())
          return Name + "." + M->getName().str();
  return (Name + " (bits " + Twine(Frag->OffsetInBits) + "-" +
          Twine(Frag->OffsetInBits + Frag->SizeInBits - 1) + ")")
      .str();
}

std::string goescape::getParamName(const Function &F, unsigned ArgNo) {
  const Argument *A = F.getArg(ArgNo);
  if (A->hasName())
    return A->getName().str();
  // clang drops parameter names from optimised IR; the debug info keeps
  // them.
  if (const DbgVariableRecord *DVR = findParamRecord(F, ArgNo))
    return getPartName(*DVR);
  return ("parameter " + Twine(ArgNo + 1)).str();
}

void FunctionSummary::forEachLine(
    const Function &F,
    function_ref<void(unsigned ArgNo, StringRef Line)> Fn) const {
  for (const Argument &A : F.args()) {
    if (!A.getType()->isPointerTy() || A.getArgNo() >= Params.size())
      continue;
    unsigned No = A.getArgNo();
    const ParamSummary &P = Params[No];
    std::string Name = getParamName(F, No);
    bool Said = false;
    // One line per kind of flow: a flow stored at several offsets, or at
    // several levels of one parameter, is said once.
    SmallVector<std::string, 4> Lines;
    auto Say = [&](const Twine &T) {
      Said = true;
      std::string Line = T.str();
      if (is_contained(Lines, Line))
        return;
      Lines.push_back(Line);
      Fn(No, Line);
    };
    if (P.leaksToHeap(0))
      Say("leaking param: " + Name);
    else if (P.leaksToHeap(NumLevels - 1))
      Say("leaking param content: " + Name);
    for (const Flow &Fl : P.Flows) {
      if (Fl.K == Flow::Result)
        Say("leaking param: " + Name + " to result ~r0 level=" +
            Twine(unsigned(Fl.SrcLevel)));
      else if (Fl.K == Flow::ParamContent)
        Say("leaking param: " + Name + " to content of " +
            getParamName(F, Fl.Param) +
            " level=" + Twine(unsigned(Fl.SrcLevel)));
    }
    if (P.Reallocs)
      Say("reallocs param: " + Name);
    else if (P.Frees[0])
      Say((P.FreesSurely[0] ? "frees param: " : "may free param: ") + Name);
    else if (P.Frees[1] || P.Frees[2])
      Say((P.FreesSurely[1] || P.FreesSurely[2] ? "frees param content: "
                                                 : "may free param content: ") +
          Name);
    if (!Said)
      Fn(No, Name + " does not escape");
  }
}

void FunctionSummary::print(raw_ostream &OS, const Function &F,
                            StringRef Indent) const {
  forEachLine(F, [&](unsigned, StringRef Line) {
    OS << Indent << Line << "\n";
  });
}
