//===- Reasons.cpp - What each keep reason means to the programmer --------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The report's words for each keep reason of KeepReasons.def: a short
/// phrase for the reason itself (the site's own words, from Describe.cpp,
/// come with each record), how far a site kept for it is from the stack
/// (FixClass, the ranking), and the advice: what to change, or why nothing
/// will do. The reasons come from KeepReasons.def, so a reason added there
/// and not here is a compile error (-Werror=switch), not a blank line in a
/// report.
///
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "llvm/Support/ErrorHandling.h"

using namespace llvm;
using namespace goescape_report;

namespace {
enum class Reason {
#define GOESCAPE_REASON(Enum, RemarkName, IsEscape) Enum,
#include "goescape/KeepReasons.def"
};
} // namespace

/// Class, words and advice of one reason. No default: every reason of
/// KeepReasons.def has a case.
static ReasonInfo explain(Reason R) {
  using F = FixClass;
  switch (R) {
  case Reason::None:
    return {"", false, F::OneChange, "moved to the stack", ""};
  case Reason::Returned:
    return {"", true, F::Never, "returned from its function",
            "it outlives the call; let the caller pass the memory in, or "
            "return the object by value"};
  case Reason::StoredToGlobal:
    return {"", true, F::Never, "stored to a global or thread-local",
            "a global outlives every frame; keep the pointer in a local "
            "variable"};
  case Reason::StoredToUnknown:
    return {"", true, F::Never,
            "stored to memory its function does not own",
            "stored through a parameter or a loaded pointer, it may outlive "
            "the call; let the caller own the memory"};
  case Reason::StoredIntoEscaping:
    return {"", true, F::Never, "stored into an object that escapes",
            "it goes where the object holding it goes: that object has to "
            "stay in the function first"};
  case Reason::PtrToInt:
    return {"", true, F::Never, "its address is read as data",
            "once its address is a number (a hash, a tag, %p) no analysis "
            "can follow it"};
  case Reason::InlineAsm:
    return {"", true, F::Never, "passed to inline assembly",
            "the assembly may keep it"};
  case Reason::VolatileOrAtomic:
    return {"", true, F::Never, "published by a volatile or atomic store",
            "another thread may read it after its function returns"};
  case Reason::VarArg:
    return {"", true, F::Restructure, "passed as a variadic argument",
            "a variadic callee may keep it; pass it to a function with a "
            "fixed parameter list"};
  case Reason::IndirectCall:
    return {"", true, F::Restructure, "passed to an indirect call",
            "a call through a function pointer may keep it; call the "
            "function directly"};
  case Reason::CapturedByCall:
    return {"", true, F::OneChange, "passed to a function that may keep it",
            "if the callee only reads it, let goescape see the callee: "
            "define it in the same file or build with LTO (-flto)"};
  case Reason::ReachableFromCall:
    return {"", true, F::OneChange,
            "reachable from an argument a callee may keep",
            "if the callee only reads what its argument points to, let "
            "goescape see the callee: the same file, or LTO (-flto)"};
  case Reason::FreedByCall:
    return {"", true, F::OneChange, "passed to a function that may free it",
            "free it with free() where it is allocated, or let goescape see "
            "the helper that frees it (the same file, or LTO)"};
  case Reason::Reallocated:
    return {"", true, F::Restructure, "passed to a realloc goescape cannot grow",
            "goescape grows an object from the stack only where realloc "
            "itself is called in the function that allocates it with "
            "malloc, calloc or strdup; a helper that reallocs, "
            "reallocarray and aligned_alloc keep it on the heap"};
  case Reason::UnknownUse:
    return {"", true, F::Restructure, "used in a way goescape does not model",
            "if the use is plain C, that is a goescape limitation worth "
            "reporting"};
  case Reason::AmbiguousFree:
    return {"", false, F::OneChange,
            "freed by a free() that may free another object",
            "free each object through its own pointer (not free(c ? a : b)), "
            "so that each free names one object"};
  case Reason::AmbiguousRealloc:
    return {"", false, F::OneChange,
            "passed to a realloc() that may get another object",
            "realloc each object through its own pointer, the one malloc or "
            "the last realloc returned (not realloc(c ? a : b, n))"};
  case Reason::FreeMismatch:
    return {"", false, F::OneChange, "freed by another allocator's free",
            "free it with its own allocator's function (free for malloc, "
            "delete for new); the mismatch is undefined behaviour"};
  case Reason::LoopCarried:
    return {"", false, F::OneChange,
            "may still be live when its loop allocates again",
            "if each iteration is done with its object before the next, "
            "free it in the same iteration, or allocate it once outside the "
            "loop"};
  case Reason::IrreducibleLoop:
    return {"", false, F::Restructure, "allocated in an irreducible loop",
            "the loop has more than one entry (a goto into it); give it one"};
  case Reason::ReturnsTwice:
    return {"", false, F::Restructure, "its function calls setjmp or vfork",
            "allocate in a function that does not call setjmp"};
  case Reason::MustTail:
    return {"", false, F::Restructure, "its function makes a musttail call",
            "allocate in a function without a musttail call"};
  case Reason::NonConstantSize:
    return {"", false, F::OneChange, "size not a compile-time constant",
            "give it a constant size or a bound (n & 255); "
            "-goescape-small-buffer gives such sites a small slot with the "
            "heap as fallback"};
  case Reason::ZeroSize:
    return {"", false, F::Never, "malloc(0)",
            "a zero-sized object has nothing to move"};
  case Reason::TooLarge:
    return {"", false, F::OneChange, "over the object size limit",
            "raise -goescape-max-size if the stack has room, or make the "
            "object smaller"};
  case Reason::BadAlignment:
    return {"", false, F::OneChange,
            "needs an alignment a stack slot cannot promise",
            "ask for a constant power-of-two alignment"};
  case Reason::AddressSpace:
    return {"", false, F::Never, "in another address space than the stack",
            "its memory is not the stack's kind"};
  case Reason::FrameBudget:
    return {"", false, F::OneChange, "over its function's stack budget",
            "raise -goescape-frame-budget if the stack has room, or split "
            "the function"};
  case Reason::RecursionBudget:
    return {"", false, F::OneChange,
            "over the budget of a function that may recurse",
            "set -goescape-recursive-budget to what the recursion can "
            "afford, or break the recursion"};
  case Reason::DynamicFrame:
    return {"", false, F::OneChange, "its frame has a VLA or alloca(n)",
            "make the VLA or alloca a fixed-size array, or set "
            "-goescape-recursive-budget"};
  case Reason::ChainBudget:
    return {"", false, F::OneChange, "over what its call chains left",
            "functions it calls use the chain's budget first; raise "
            "-goescape-chain-budget if the stack has room"};
  case Reason::AnalysisLimit:
    return {"", false, F::Restructure, "its function is too large to analyse",
            "split the function"};
  case Reason::OptOut:
    return {"", false, F::OnPurpose, "its function opts out",
            "annotate(\"goescape_off\") keeps it; remove it when it is no "
            "longer needed"};
  case Reason::BisectLimit:
    return {"", false, F::OnPurpose, "past -goescape-limit",
            "a bisection build; drop -goescape-limit"};
  case Reason::DebugCounter:
    return {"", false, F::OnPurpose, "left out by -debug-counter",
            "a debugging build; drop -debug-counter"};
  }
  llvm_unreachable("a reason KeepReasons.def does not list");
}

const std::vector<ReasonInfo> &goescape_report::allReasons() {
  static const std::vector<ReasonInfo> All = [] {
    std::vector<ReasonInfo> V;
#define GOESCAPE_REASON(Enum, RemarkName, IsEscape)                            \
  if (Reason::Enum != Reason::None) {                                          \
    ReasonInfo I = explain(Reason::Enum);                                      \
    I.Name = #RemarkName;                                                      \
    assert(I.IsEscape == bool(IsEscape) && "KeepReasons.def disagrees");       \
    V.push_back(I);                                                            \
  }
#include "goescape/KeepReasons.def"
    return V;
  }();
  return All;
}

const ReasonInfo *goescape_report::lookupReason(StringRef Name) {
  for (const ReasonInfo &I : allReasons())
    if (I.Name == Name)
      return &I;
  return nullptr;
}

StringRef goescape_report::fixClassName(FixClass C) {
  switch (C) {
  case FixClass::OneChange:
    return "one-change";
  case FixClass::Restructure:
    return "restructure";
  case FixClass::Never:
    return "never";
  case FixClass::OnPurpose:
    return "on-purpose";
  }
  llvm_unreachable("unknown FixClass");
}

StringRef goescape_report::fixClassWords(FixClass C) {
  switch (C) {
  case FixClass::OneChange:
    return "one change away";
  case FixClass::Restructure:
    return "needs its function changed";
  case FixClass::Never:
    return "cannot move";
  case FixClass::OnPurpose:
    return "kept on purpose";
  }
  llvm_unreachable("unknown FixClass");
}
