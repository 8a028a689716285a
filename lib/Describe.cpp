//===- Describe.cpp - The words for goescape's verdicts -------------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The words shared by print<goescape>, -goescape-m and the remarks: the
/// remark name of each keep reason (KeepReasons.def), a C-like spelling of
/// each site ("malloc(16)", "new[](?)"), and why a site stays on the heap,
/// naming the instruction, the object or the call chain that decided it,
/// and the limit the decision used (as recorded in the site, never read
/// from the options at print time).
///
//===----------------------------------------------------------------------===//

#include "goescape/EscapeAnalysis.h"

#include "AllocSites.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace goescape;

StringRef goescape::getReasonName(KeepReason R) {
  switch (R) {
#define GOESCAPE_REASON(Enum, RemarkName, IsEscape)                            \
  case KeepReason::Enum:                                                       \
    return #RemarkName;
#include "goescape/KeepReasons.def"
  }
  llvm_unreachable("unknown KeepReason");
}

StringRef AllocSite::getCalleeName() const {
  if (const Function *Callee = Call->getCalledFunction())
    return Callee->getName();
  return "<indirect>";
}

/// A C programmer's name for function \p F: demangled, quoted by the caller.
static std::string getUserName(const Value *F) {
  if (!F || !F->hasName())
    return "<unnamed>";
  return demangle(F->getName().str());
}

std::string AllocSite::describe() const { return describeAs(getCalleeName()); }

std::string AllocSite::describeAsWritten() const {
  return describeAs(WrittenAs.empty() ? getCalleeName() : WrittenAs);
}

std::string AllocSite::describeRewrite() const {
  if (WrittenAs.empty() || WrittenAs == getCalleeName())
    return "";
  return (" (LLVM rewrote it as " + getCalleeName() + ")").str();
}

std::string AllocSite::describeAs(StringRef Name) const {
  std::string S;
  raw_string_ostream OS(S);
  if (ViaConstructor) {
    // Its own arguments, not a size; C++'s name says their types.
    std::string User = getUserName(Call->getCalledFunction());
    return StringRef(User).ends_with(")") ? User : User + "(...)";
  }
  if (Kind == AllocKind::New)
    OS << (Name.starts_with("_Zna") ? "new[]" : "new");
  else
    OS << Name;
  OS << '(';
  if (Fallback)
    OS << '?';
  else if (Size && SizeIsBound)
    OS << "<=" << *Size; // n & 63: "malloc(<=63)"
  else if (Size)
    OS << *Size;
  else
    OS << '?';
  OS << ')';
  return S;
}

std::string AllocSite::describeMove() const {
  if (ViaConstructor)
    return "result moved to stack of '" + getUserName(Call->getFunction()) +
           "' (constructor specialised)";
  std::string Grows;
  if (!Reallocs.empty())
    Grows = (Fallback ? " or once realloc grows it past them"
                      : ", to the heap once realloc grows it past " +
                            Twine(getSlotSize()) + " bytes")
                .str();
  if (CarriedSlots)
    return ("moved to stack " +
            Twine(Fallback ? "when its size is at most " + Twine(*Size) +
                                 " bytes and one of its "
                           : "while one of its ") +
            Twine(CarriedSlots) + " slots is free, heap otherwise")
        .str();
  if (!Fallback)
    return "moved to stack" + Grows;
  return ("moved to stack when its size is at most " + Twine(*Size) +
          " bytes, heap otherwise" + Grows)
      .str();
}

/// The function a call calls, for messages.
static std::string getCalleeForMessage(const Instruction *I) {
  const auto *CB = dyn_cast_or_null<CallBase>(I);
  if (!CB)
    return "<unknown>";
  return getUserName(CB->getCalledOperand()->stripPointerCasts());
}

/// A short name for an object: its variable name, or the allocation.
static std::string getObjectName(const Value *V) {
  if (!V)
    return "an unknown object";
  std::string S;
  raw_string_ostream OS(S);
  if (const auto *AI = dyn_cast<AllocaInst>(V)) {
    OS << "local variable";
    if (AI->hasName())
      OS << " '" << AI->getName() << "'";
    return S;
  }
  if (const auto *CB = dyn_cast<CallBase>(V)) {
    OS << "the object from "
       << getUserName(CB->getCalledOperand()->stripPointerCasts()) << "()";
    if (const DebugLoc &DL = CB->getDebugLoc())
      OS << " at " << DL->getFilename() << ":" << DL.getLine() << ":"
         << DL.getCol();
    else if (V->hasName())
      OS << " '" << V->getName() << "'";
    return S;
  }
  if (V->hasName())
    OS << " '" << V->getName() << "'";
  return S;
}

/// The words for an escape: where the object went.
static void describeEscape(const AllocSite &Site, const Function *F,
                           raw_ostream &OS) {
  switch (Site.Reason) {
  case KeepReason::None:
    OS << "does not escape";
    break;
  case KeepReason::Returned:
    OS << "returned from '" << getUserName(F) << "'";
    break;
  case KeepReason::StoredToGlobal: {
    const Value *G = nullptr;
    if (const auto *SI = dyn_cast_or_null<StoreInst>(Site.Culprit))
      G = getUnderlyingObject(SI->getPointerOperand());
    else if (const auto *MI = dyn_cast_or_null<MemTransferInst>(Site.Culprit))
      G = getUnderlyingObject(MI->getDest());
    OS << "stored to global '" << getUserName(G) << "'";
    break;
  }
  case KeepReason::StoredToUnknown:
    OS << "stored to memory not owned by '" << getUserName(F)
       << "' (a parameter's target or a loaded pointer)";
    break;
  case KeepReason::StoredIntoEscaping:
    OS << "stored into " << getObjectName(Site.Container) << ", which escapes";
    break;
  case KeepReason::PtrToInt:
    if (isa_and_nonnull<CallBase>(Site.Culprit))
      OS << "its address is read as data by '"
         << getCalleeForMessage(Site.Culprit) << "'";
    else if (isa_and_nonnull<PtrToIntInst>(Site.Culprit))
      OS << "converted to an integer";
    else
      OS << "its address is read as data (a pointer's bytes loaded as a "
            "number)";
    break;
  case KeepReason::InlineAsm:
    OS << "passed to inline assembly";
    break;
  case KeepReason::VolatileOrAtomic:
    OS << "written to memory by a volatile or atomic operation";
    break;
  case KeepReason::VarArg:
    OS << "passed as a variadic argument to '"
       << getCalleeForMessage(Site.Culprit) << "'";
    break;
  case KeepReason::IndirectCall:
    OS << "passed to an indirect call";
    break;
  case KeepReason::CapturedByCall:
    OS << "passed to '" << getCalleeForMessage(Site.Culprit)
       << "', which may keep it";
    break;
  case KeepReason::ReachableFromCall:
    OS << "reachable from an argument of '" << getCalleeForMessage(Site.Culprit)
       << "', which may keep what it points to";
    break;
  case KeepReason::FreedByCall:
    OS << "passed to '" << getCalleeForMessage(Site.Culprit)
       << "', which may free it";
    break;
  case KeepReason::Reallocated:
    OS << "reallocated by '" << getCalleeForMessage(Site.Culprit) << "'";
    break;
  case KeepReason::UnknownUse:
    OS << "used by an instruction goescape does not model";
    if (Site.Culprit)
      OS << " ('" << Site.Culprit->getOpcodeName() << "')";
    break;
  default:
    llvm_unreachable("a reason of another group");
  }
}

/// The words for what one stack slot cannot do.
static void describeStackLimit(const AllocSite &Site, const Function *F,
                               raw_ostream &OS) {
  switch (Site.Reason) {
  case KeepReason::AmbiguousFree:
    OS << "freed by a '" << getCalleeForMessage(Site.Culprit)
       << "' call that may also free another object";
    break;
  case KeepReason::AmbiguousRealloc:
    OS << "passed to '" << getCalleeForMessage(Site.Culprit)
       << "' through a pointer that may be another object or not its start";
    break;
  case KeepReason::FreeMismatch:
    OS << "freed by '" << getCalleeForMessage(Site.Culprit)
       << "', which belongs to another allocation family";
    break;
  case KeepReason::LoopCarried:
    OS << "may still be live when its loop allocates again";
    break;
  case KeepReason::IrreducibleLoop:
    OS << "allocated in an irreducible loop";
    break;
  case KeepReason::ReturnsTwice:
    OS << "'" << getUserName(F)
       << "' calls a function that returns twice (setjmp, vfork)";
    break;
  case KeepReason::MustTail:
    OS << "'" << getUserName(F) << "' has a musttail call";
    break;
  case KeepReason::NonConstantSize:
    OS << "size is not a compile-time constant";
    break;
  case KeepReason::ZeroSize:
    OS << "zero-sized allocation";
    break;
  case KeepReason::TooLarge:
    OS << "size " << (Site.SizeIsBound ? "of up to " : "") << *Site.Size
       << " is over the limit of " << Site.Limit
       << " bytes ("
       << (Site.ProgramStack ? "1/8 of the stack" : "-goescape-max-size")
       << ")";
    break;
  case KeepReason::BadAlignment:
    OS << "needs an alignment a stack slot cannot promise (a constant power "
          "of two up to "
       << MaxSlotAlign << ", at least pointer-sized for posix_memalign; "
       << "not valloc's page)";
    break;
  case KeepReason::AddressSpace:
    OS << "the stack is in another address space";
    break;
  default:
    llvm_unreachable("a reason of another group");
  }
}

/// A function that may recurse through code outside the module, by \p Via
/// (a call of the cycle that leaves it): what that code is, and what would
/// let goescape see the whole cycle.
static void describeRecursionOutside(const Function *F, const CallBase &Via,
                                     bool ByName, raw_ostream &OS) {
  OS << "'" << getUserName(F)
     << "' may recurse through code outside the module, to a depth not "
     << "known here: ";
  std::string Caller = getUserName(Via.getFunction());
  if (const Function *Callee = Via.getCalledFunction())
    OS << "'" << Caller << "' calls '" << getUserName(Callee)
       << "', not defined here, which may call it back";
  else
    OS << "an indirect call in '" << Caller << "' may call it back";
  if (ByName && !F->hasLocalLinkage())
    OS << " (other files can call '" << getUserName(F)
       << "': it is not static)";
  OS << "; nothing moves to its stack (-goescape-recursive-budget=0)";
  if (!ByName)
    return;
  OS << "; static functions, or -flto, show goescape the whole cycle";
  if (const Function *Callee = Via.getCalledFunction())
    OS << ", and if '" << getUserName(Callee) << "' never calls back into "
       << "this file, declaring it __attribute__((leaf)) says so";
}

/// The words for the budgets and the other limits, each with the limit
/// that was used.
static void describeBudget(const AllocSite &Site, const Function *F,
                           raw_ostream &OS) {
  switch (Site.Reason) {
  case KeepReason::FrameBudget:
    OS << "over the stack budget of '" << getUserName(F) << "' (" << Site.Limit
       << " bytes, "
       << (Site.ProgramStack ? "1/4 of the stack" : "-goescape-frame-budget")
       << ")";
    break;
  case KeepReason::RecursionBudget:
    if (Site.Limit)
      OS << "over the stack budget of recursive '" << getUserName(F) << "' ("
         << Site.Limit << " bytes, -goescape-recursive-budget)";
    else if (const CallBase *Via = Site.RecursesVia)
      describeRecursionOutside(F, *Via, Site.RecursesByName, OS);
    else
      OS << "'" << getUserName(F) << "' may recurse, to a depth not known "
         << "here: nothing moves to its stack (-goescape-recursive-budget=0)";
    break;
  case KeepReason::DynamicFrame:
    OS << "'" << getUserName(F) << "' has a stack allocation of run-time size "
       << "(a VLA or alloca), so its frame size is not known: ";
    if (Site.Limit)
      OS << "its stack budget is " << Site.Limit
         << " bytes (-goescape-recursive-budget)";
    else
      OS << "nothing moves to its stack (-goescape-recursive-budget=0)";
    break;
  case KeepReason::ChainBudget:
    OS << "over the stack budget of the call chains through '" << getUserName(F)
       << "' (" << Site.Limit << " bytes, "
       << (Site.ProgramStack ? "1/4 of the stack" : "-goescape-chain-budget")
       << "): ";
    if (Site.ChainBelow || !Site.ChainOwn) {
      OS << "functions it calls already promote " << Site.ChainBelow
         << " bytes along its deepest chain";
      if (Site.ChainVia)
        OS << " (through '" << getUserName(Site.ChainVia) << "')";
      if (Site.ChainOwn)
        OS << ", and ";
    }
    if (Site.ChainOwn)
      OS << "an earlier run of goescape moved " << Site.ChainOwn
         << " bytes to its stack";
    break;
  case KeepReason::AnalysisLimit:
    OS << "'" << getUserName(F) << "' is too large to analyse";
    break;
  case KeepReason::OptOut:
    OS << "'" << getUserName(F)
       << "' opts out (__attribute__((annotate(\"goescape_off\"))))";
    break;
  case KeepReason::BisectLimit:
    OS << "past -goescape-limit=" << Site.Limit;
    break;
  case KeepReason::DebugCounter:
    OS << "left out by -debug-counter=goescape-promote";
    break;
  default:
    llvm_unreachable("a reason of another group");
  }
}

std::string goescape::describeLeak(const ParamSummary::Leak &L,
                                   const Function &F) {
  AllocSite Site;
  Site.Reason = L.Reason;
  Site.Culprit = L.At;
  Site.Container = L.Container;
  std::string S;
  raw_string_ostream OS(S);
  if (isEscape(L.Reason))
    describeEscape(Site, &F, OS);
  else
    OS << "escapes";
  return S;
}

std::string AllocSite::describeReason() const {
  std::string S;
  raw_string_ostream OS(S);
  const Function *F = Call->getFunction();
  if (isEscape(Reason) || Reason == KeepReason::None)
    describeEscape(*this, F, OS);
  else if (Reason < KeepReason::FrameBudget)
    describeStackLimit(*this, F, OS);
  else
    describeBudget(*this, F, OS);
  if (ProgramStack &&
      (Reason == KeepReason::TooLarge || Reason == KeepReason::FrameBudget ||
       Reason == KeepReason::ChainBudget))
    OS << "; '" << getUserName(F) << "' may run on the " << ProgramStack
       << "-byte stack the program sets up for a thread, signal handler or "
          "context";
  return S;
}

/// Is \p CB's allocation the body of a replaceable operator new inlined
/// into its caller (by its debug location: without one, not known)?
static bool isInlinedOperatorNew(const CallBase &CB) {
  const DILocation *L = CB.getDebugLoc().get();
  if (!L || !L->getInlinedAt())
    return false;
  const DISubprogram *SP = L->getScope()->getSubprogram();
  if (!SP)
    return false;
  StringRef Name = SP->getLinkageName();
  return Name.starts_with("_Znw") || Name.starts_with("_Zna");
}

std::string AllocSite::describeAdvice() const {
  // goescape-report's table (tools/goescape-report/Reasons.cpp) says the
  // same for records without this argument.
  switch (Reason) {
  case KeepReason::LoopCarried:
    return "if each iteration is done with its object before the next, free "
           "it in the same iteration, or allocate it once outside the loop";
  case KeepReason::AmbiguousFree:
    return "free each object through its own pointer (not free(c ? a : b)), "
           "so that each free names one object";
  case KeepReason::AmbiguousRealloc:
    return "realloc each object through its own pointer, the one malloc or "
           "the last realloc returned (not realloc(c ? a : b, n))";
  case KeepReason::FreeMismatch:
    if (isInlinedOperatorNew(*Call))
      return "the program's own operator new was inlined here, its operator "
             "delete was not: declaring that operator new noinline lets "
             "goescape move the new and the delete together";
    return "free it with its own allocator's function (free for malloc, "
           "delete for new); the mismatch is undefined behaviour";
  case KeepReason::NonConstantSize:
    // Limit: the small buffer that was on (0: off).
    if (!Limit)
      return "give it a constant size or a bound (n & 255); "
             "-goescape-small-buffer gives such sites a small slot with the "
             "heap as fallback";
    return "give it a constant size or a bound (n & 255): the small buffer "
           "serves calls of the C library's allocators and of wrappers that "
           "pass the size on unchanged, not this one";
  case KeepReason::BadAlignment:
    return "ask for a constant power-of-two alignment";
  case KeepReason::IrreducibleLoop:
    return "the loop has more than one entry (a goto into it); give it one";
  default:
    return "";
  }
}

unsigned FunctionEscapeInfo::getNumPromotable() const {
  return count_if(Sites, [](const AllocSite &S) { return S.isPromotable(); });
}

bool FunctionEscapeInfo::isCloneCallActive(const FreeCloneCall &C) const {
  return all_of(C.Sites,
                [&](unsigned I) { return Sites[I].isPromotable(); });
}
