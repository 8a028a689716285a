//===- EscapeAnalysis.cpp - Go-style escape analysis for heap objects -----===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Decides, for each heap allocation site, whether the object it creates can
/// outlive the frame that created it, in the manner of Go's escape analysis
/// (cmd/compile/internal/escape).
///
/// An object is *local* when no pointer into it can be observed after its
/// function returns. A local object of constant size may live in a stack
/// slot instead, provided one slot per site is enough (no object of an
/// earlier loop iteration is live when the site runs again) and the frame
/// stays within its budget.
///
/// The abstract objects of a function are its allocation sites, its allocas,
/// and one object standing for all memory the function did not create: the
/// *heap* (globals, what parameters point to, what unknown calls return).
/// Every SSA value gets the set of objects it may point into (PT); every
/// object gets the set of objects whose addresses may be stored in it
/// (Content), and per byte range where the offset is known. Like Go's
/// graph, this is flow-insensitive. The edges, in Go's deref notation:
///
///   IR                                   effect                      Go
///   %p = call ptr @malloc(i64 16)        PT(%p) = {site}             p = &x   -1
///   %q = getelementptr i8, ptr %p, ...   PT(%q) += PT(%p)            q = p     0
///   %r = phi/select ... %p, %q           PT(%r) += PT(%p) + PT(%q)   r = p     0
///   %v = load ptr, ptr %q                PT(%v) += Content(PT(%q))   v = *q   +1
///   store ptr %v, ptr %q                 Content(PT(%q)) += PT(%v)   *q = v
///   store ptr %v, ptr @g                 PT(%v) escapes              heap = v
///   ret ptr %v                           PT(%v) escapes              ~r0 = v
///
/// Integers are tracked like pointers: a pointer's bytes copied as i64 or
/// bit by bit still carry it, so loads of any type read Content, and
/// arithmetic joins its operands. Converting a pointer to an integer
/// (ptrtoint) is an escape outright, as Go's uintptr rule has it, and so is
/// reading a stored address's bytes as data: every byte of a load that is
/// not a pointer field, whatever the type around it.
///
/// Escape sinks (an object reaching one escapes): stores into the heap,
/// returns, ptrtoint, inline asm, volatile or atomic stores, variadic
/// arguments, indirect calls, call arguments the callee may capture (no
/// `captures(none)`) or may free (no `nofree`), realloc, and any instruction
/// this file does not model. An escaped object is part of the heap: what it
/// contains escapes too, and loads from it may return anything.
///
/// Algorithm, per function:
///  1. Number the objects: the heap, then allocation sites, then allocas.
///  2. Visit instructions in reverse post-order, applying the edges above and
///     the escape sinks, until nothing changes (every step only adds bits).
///  3. Each site whose object escaped is kept with the first reason found.
///  4. Each remaining site is checked for what the stack cannot do: a
///     non-constant or too large size, a free() shared with another object,
///     a loop that may still hold the previous iteration's object (the
///     object reaches a loop-header phi, or memory that outlives the
///     iteration), setjmp or musttail in the function.
///  5. Sites that are left are promoted, most valuable first (inside loops,
///     then smallest), while the frame budget and what the function's
///     callees left of the call-chain budget allow; functions that may
///     recurse or have a frame of unknown size get the recursive budget
///     (nothing, by default).
///
/// Functions are visited bottom-up over the call graph's SCCs, so that the
/// summaries of callees are known before their callers are analysed.
///
//===----------------------------------------------------------------------===//

#include "goescape/EscapeAnalysis.h"
#include "goescape/Report.h"

#include "CallGraph.h"
#include "LibcModel.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Analysis/CFG.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ModuleSlotTracker.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace goescape;

#define DEBUG_TYPE "goescape"

static cl::opt<uint64_t> MaxSize(
    "goescape-max-size", cl::init(65536),
    cl::desc("Largest allocation, in bytes, that goescape moves to the stack "
             "(inclusive; Go's limit for implicit allocations is 64 KiB)"));

static cl::opt<uint64_t> FrameBudget(
    "goescape-frame-budget", cl::init(128 * 1024),
    cl::desc("Most bytes of stack a function's frame may hold after "
             "promotion, counting its existing allocas"));

static cl::opt<uint64_t> RecursiveBudget(
    "goescape-recursive-budget", cl::init(0),
    cl::desc("Frame budget, in bytes, for functions that may recurse or "
             "have a variable-sized frame (VLA, alloca(n)); 0, the default, "
             "promotes nothing there: recursion depth is not known"));

static cl::opt<uint64_t> ChainBudget(
    "goescape-chain-budget", cl::init(256 * 1024),
    cl::desc("Most bytes promoted along any call chain of the module, all "
             "frames on it together"));

namespace {
/// Accepts a percentage from 1 to 100, so a bad value is an error, not a
/// silent zero.
struct PercentParser : public cl::parser<unsigned> {
  explicit PercentParser(cl::Option &O) : cl::parser<unsigned>(O) {}
  bool parse(cl::Option &O, StringRef ArgName, StringRef Arg, unsigned &V) {
    if (cl::parser<unsigned>::parse(O, ArgName, Arg, V))
      return true;
    if (V < 1 || V > 100)
      return O.error("'" + Arg + "' is not a percentage from 1 to 100");
    return false;
  }
};
} // namespace

static cl::opt<unsigned, false, PercentParser> BudgetPercent(
    "goescape-budget-percent", cl::init(100),
    cl::desc("Scale -goescape-max-size and the frame, recursive and chain "
             "budgets to this percentage, for programs whose threads have "
             "small stacks (e.g. 12 for 64 KiB thread stacks)"));

static uint64_t scaled(uint64_t V) { return V * BudgetPercent / 100; }
static uint64_t getMaxSize() { return scaled(MaxSize); }
static uint64_t getFrameBudget() { return scaled(FrameBudget); }
static uint64_t getRecursiveBudget() { return scaled(RecursiveBudget); }
static uint64_t getChainBudget() { return scaled(ChainBudget); }

/// On a stack of S bytes the program sets up itself, at most S/4 along any
/// chain (and in any frame) and S/8 per object: the rest is the program's.
static constexpr uint64_t ProgramStackChainDivisor = 4;
static constexpr uint64_t ProgramStackObjectDivisor = 8;

/// Past this many competing sites in one function, the budget charges
/// their sizes' sum instead of working out which may share stack.
static constexpr unsigned MaxSitesForLiveness = 64;

static cl::opt<int> BisectLimit(
    "goescape-limit", cl::init(-1),
    cl::desc("Promote only the first N allocation sites of the module, in a "
             "stable order, and name the Nth: bisects a misbehaving build "
             "like -opt-bisect-limit (-1: no limit)"));

static cl::opt<unsigned> MaxAnalysisWork(
    "goescape-max-work", cl::init(64u << 20), cl::Hidden,
    cl::desc("Give up on a function whose values times objects exceed this"));

/// The alignment malloc, calloc and operator new guarantee on the targets we
/// build for: alignof(max_align_t) and __STDCPP_DEFAULT_NEW_ALIGNMENT__.
static constexpr uint64_t DefaultAllocAlign = 16;
/// The largest alignment a promoted slot may request.
static constexpr uint64_t MaxSlotAlign = 4096;

//===----------------------------------------------------------------------===//
// Reasons and site descriptions.
//===----------------------------------------------------------------------===//

StringRef goescape::getReasonName(KeepReason R) {
  switch (R) {
  case KeepReason::None:               return "Promoted";
  case KeepReason::Returned:           return "EscapesByReturn";
  case KeepReason::StoredToGlobal:     return "EscapesToGlobal";
  case KeepReason::StoredToUnknown:    return "EscapesToUnknownMemory";
  case KeepReason::StoredIntoEscaping: return "EscapesViaContainer";
  case KeepReason::PtrToInt:           return "EscapesToInteger";
  case KeepReason::InlineAsm:          return "EscapesToInlineAsm";
  case KeepReason::VolatileOrAtomic:   return "EscapesByVolatileOrAtomic";
  case KeepReason::VarArg:             return "EscapesToVarArg";
  case KeepReason::IndirectCall:       return "EscapesToIndirectCall";
  case KeepReason::CapturedByCall:     return "EscapesToCall";
  case KeepReason::ReachableFromCall:  return "EscapesViaCallArgument";
  case KeepReason::FreedByCall:        return "FreedByCall";
  case KeepReason::Reallocated:        return "Reallocated";
  case KeepReason::UnknownUse:         return "UnknownUse";
  case KeepReason::AmbiguousFree:      return "AmbiguousFree";
  case KeepReason::FreeMismatch:       return "FreeMismatch";
  case KeepReason::LoopCarried:        return "LoopCarried";
  case KeepReason::IrreducibleLoop:    return "IrreducibleLoop";
  case KeepReason::ReturnsTwice:       return "ReturnsTwice";
  case KeepReason::MustTail:           return "MustTail";
  case KeepReason::NonConstantSize:    return "NonConstantSize";
  case KeepReason::ZeroSize:           return "ZeroSize";
  case KeepReason::TooLarge:           return "TooLarge";
  case KeepReason::BadAlignment:       return "BadAlignment";
  case KeepReason::AddressSpace:       return "AddressSpace";
  case KeepReason::FrameBudget:        return "FrameBudget";
  case KeepReason::RecursionBudget:    return "RecursionBudget";
  case KeepReason::DynamicFrame:       return "DynamicFrameBudget";
  case KeepReason::ChainBudget:        return "ChainBudget";
  case KeepReason::AnalysisLimit:      return "AnalysisLimit";
  case KeepReason::OptOut:             return "OptOut";
  case KeepReason::BisectLimit:        return "BisectLimit";
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

std::string AllocSite::describe() const {
  std::string S;
  raw_string_ostream OS(S);
  StringRef Name = getCalleeName();
  if (Kind == AllocKind::New)
    OS << (Name.starts_with("_Zna") ? "new[]" : "new");
  else
    OS << Name;
  OS << '(';
  if (Size)
    OS << *Size;
  else
    OS << '?';
  OS << ')';
  return S;
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

std::string AllocSite::describeReason() const {
  std::string S;
  raw_string_ostream OS(S);
  const Function *F = Call->getFunction();
  switch (Reason) {
  case KeepReason::None:
    OS << "does not escape";
    break;
  case KeepReason::Returned:
    OS << "returned from '" << getUserName(F) << "'";
    break;
  case KeepReason::StoredToGlobal: {
    const Value *G = nullptr;
    if (const auto *SI = dyn_cast_or_null<StoreInst>(Culprit))
      G = getUnderlyingObject(SI->getPointerOperand());
    else if (const auto *MI = dyn_cast_or_null<MemTransferInst>(Culprit))
      G = getUnderlyingObject(MI->getDest());
    OS << "stored to global '" << getUserName(G) << "'";
    break;
  }
  case KeepReason::StoredToUnknown:
    OS << "stored to memory not owned by '" << getUserName(F)
       << "' (a parameter's target or a loaded pointer)";
    break;
  case KeepReason::StoredIntoEscaping:
    OS << "stored into " << getObjectName(Container) << ", which escapes";
    break;
  case KeepReason::PtrToInt:
    if (isa_and_nonnull<CallBase>(Culprit))
      OS << "its address is read as data by '" << getCalleeForMessage(Culprit)
         << "'";
    else if (isa_and_nonnull<PtrToIntInst>(Culprit))
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
    OS << "passed as a variadic argument to '" << getCalleeForMessage(Culprit)
       << "'";
    break;
  case KeepReason::IndirectCall:
    OS << "passed to an indirect call";
    break;
  case KeepReason::CapturedByCall:
    OS << "passed to '" << getCalleeForMessage(Culprit)
       << "', which may keep it";
    break;
  case KeepReason::ReachableFromCall:
    OS << "reachable from an argument of '" << getCalleeForMessage(Culprit)
       << "', which may keep what it points to";
    break;
  case KeepReason::FreedByCall:
    OS << "passed to '" << getCalleeForMessage(Culprit)
       << "', which may free it";
    break;
  case KeepReason::Reallocated:
    OS << "reallocated by '" << getCalleeForMessage(Culprit) << "'";
    break;
  case KeepReason::UnknownUse:
    OS << "used by an instruction goescape does not model";
    if (Culprit)
      OS << " ('" << Culprit->getOpcodeName() << "')";
    break;
  case KeepReason::AmbiguousFree:
    OS << "freed by a '" << getCalleeForMessage(Culprit)
       << "' call that may also free another object";
    break;
  case KeepReason::FreeMismatch:
    OS << "freed by '" << getCalleeForMessage(Culprit)
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
    OS << "size " << *Size << " is over the limit of " << Limit << " bytes ("
       << (ProgramStack ? "1/8 of the stack" : "-goescape-max-size") << ")";
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
  case KeepReason::FrameBudget:
    OS << "over the stack budget of '" << getUserName(F) << "' (" << Limit
       << " bytes, " << (ProgramStack ? "1/4 of the stack" : "-goescape-frame-budget")
       << ")";
    break;
  case KeepReason::RecursionBudget:
    if (Limit)
      OS << "over the stack budget of recursive '" << getUserName(F) << "' ("
         << Limit << " bytes, -goescape-recursive-budget)";
    else
      OS << "'" << getUserName(F) << "' may recurse, to a depth not known "
         << "here: nothing moves to its stack (-goescape-recursive-budget=0)";
    break;
  case KeepReason::DynamicFrame:
    OS << "'" << getUserName(F) << "' has a stack allocation of run-time size "
       << "(a VLA or alloca), so its frame size is not known: ";
    if (Limit)
      OS << "its stack budget is " << Limit
         << " bytes (-goescape-recursive-budget)";
    else
      OS << "nothing moves to its stack (-goescape-recursive-budget=0)";
    break;
  case KeepReason::ChainBudget:
    OS << "over the stack budget of the call chains through '"
       << getUserName(F) << "' (" << Limit << " bytes, "
       << (ProgramStack ? "1/4 of the stack" : "-goescape-chain-budget")
       << "): functions it calls already promote " << ChainBelow
       << " bytes along its deepest chain";
    if (ChainVia)
      OS << " (through '" << getUserName(ChainVia) << "')";
    break;
  case KeepReason::AnalysisLimit:
    OS << "'" << getUserName(F) << "' is too large to analyse";
    break;
  case KeepReason::OptOut:
    OS << "'" << getUserName(F)
       << "' opts out (__attribute__((annotate(\"goescape_off\"))))";
    break;
  case KeepReason::BisectLimit:
    OS << "past -goescape-limit=" << BisectLimit;
    break;
  }
  if (ProgramStack && (Reason == KeepReason::TooLarge ||
                       Reason == KeepReason::FrameBudget ||
                       Reason == KeepReason::ChainBudget))
    OS << "; '" << getUserName(F) << "' may run on the " << ProgramStack
       << "-byte stack the program sets up for a thread, signal handler or "
          "context";
  return S;
}

unsigned FunctionEscapeInfo::getNumPromotable() const {
  return count_if(Sites, [](const AllocSite &S) { return S.isPromotable(); });
}

//===----------------------------------------------------------------------===//
// Recognising allocation sites.
//===----------------------------------------------------------------------===//

namespace {
using SummaryMap = DenseMap<const Function *, FunctionSummary>;
} // namespace

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
  if (!I || Depth > 16 || I->mayReadOrWriteMemory() ||
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

/// Fills in a site's size-related verdict: not constant, zero, too large,
/// or an alignment the stack cannot give.
static void checkSizeAndAlign(AllocSite &Site, bool AlignOK) {
  if (!Site.Size)
    Site.Reason = KeepReason::NonConstantSize;
  else if (*Site.Size == 0)
    Site.Reason = KeepReason::ZeroSize;
  else if (*Site.Size > getMaxSize()) {
    Site.Reason = KeepReason::TooLarge;
    Site.Limit = getMaxSize();
  }
  else if (!AlignOK)
    Site.Reason = KeepReason::BadAlignment;
}

/// Returns the site for \p CB if it calls an allocation function or an
/// allocation wrapper, with its kind, size and alignment filled in.
static std::optional<AllocSite> recognizeSite(CallBase &CB,
                                              const TargetLibraryInfo &TLI,
                                              const SummaryMap &Summaries) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || CB.isNoBuiltin())
    return std::nullopt;
  const DataLayout &DL = CB.getDataLayout();
  LibFunc LF;
  bool IsLib = TLI.getLibFunc(*Callee, LF) && TLI.has(LF);

  AllocSite Site;
  Site.Call = &CB;
  Site.Alignment = Align(DefaultAllocAlign);
  bool AlignOK = true;
  auto SetAlign = [&](std::optional<uint64_t> A) {
    if (!A || !isPowerOf2_64(*A) || *A > MaxSlotAlign) {
      AlignOK = false;
      return;
    }
    Site.Alignment = std::max(Site.Alignment, Align(*A));
  };

  // A call to an allocation wrapper is an allocation of the caller, sized
  // by the wrapper's expression evaluated for this call's arguments; a
  // wrapper may wrap another wrapper.
  auto SumIt = Summaries.find(Callee);
  if (SumIt != Summaries.end() && SumIt->second.WrappedAlloc) {
    SmallVector<const CallBase *, 4> Chain{&CB};
    const CallBase *Inner = SumIt->second.WrappedAlloc;
    while (Chain.size() < 8) {
      const Function *InnerCallee = Inner->getCalledFunction();
      auto It = InnerCallee ? Summaries.find(InnerCallee) : Summaries.end();
      if (It == Summaries.end() || !It->second.WrappedAlloc)
        break;
      Chain.push_back(Inner);
      Inner = It->second.WrappedAlloc;
    }
    std::optional<AllocSite> InnerSite =
        recognizeSite(const_cast<CallBase &>(*Inner), TLI, Summaries);
    if (!InnerSite || InnerSite->ViaWrapper)
      return std::nullopt;
    Site.Kind = InnerSite->Kind;
    Site.Family = InnerSite->Family;
    Site.ViaWrapper = true;
    if (std::optional<APInt> Size = getAllocSize(
            Inner, &TLI, [&](const Value *V) -> const Value * {
              Constant *C = evaluateAt(const_cast<Value *>(V), Chain, DL, TLI);
              return C ? C : V;
            }))
      if (Size->getActiveBits() <= 64)
        Site.Size = Size->getZExtValue();
    if (Value *A = getAllocAlignment(Inner, &TLI))
      SetAlign(getConstantU64(evaluateAt(A, Chain, DL, TLI)));
    checkSizeAndAlign(Site, AlignOK);
    return Site;
  }

  auto ConstArg = [&](unsigned I) {
    return getConstantU64(dyn_cast<Constant>(CB.getArgOperand(I)));
  };
  if (IsLib && LF == LibFunc_posix_memalign) {
    // int posix_memalign(void **out, size_t align, size_t size)
    Site.Kind = AllocKind::PosixMemalign;
    Site.Family = "malloc";
    Site.Size = ConstArg(2);
    SetAlign(ConstArg(1));
    // Below sizeof(void *) it fails with EINVAL, which a slot cannot do.
    if (!ConstArg(1) || *ConstArg(1) < DL.getPointerSize())
      AlignOK = false;
  } else if (isAllocationFn(&CB, &TLI) && !getReallocatedOperand(&CB)) {
    if (!CB.getType()->isPointerTy())
      return std::nullopt;
    if (IsLib && (LF == LibFunc_strdup || LF == LibFunc_strndup ||
                  LF == LibFunc_dunder_strdup || LF == LibFunc_dunder_strndup))
      Site.Kind = AllocKind::StrDup;
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
      AlignOK = false;
    if (Site.Kind != AllocKind::StrDup)
      if (std::optional<APInt> Size = getAllocSize(&CB, &TLI))
        if (Size->getActiveBits() <= 64)
          Site.Size = Size->getZExtValue();
    if (Value *A = getAllocAlignment(&CB, &TLI))
      SetAlign(getConstantU64(dyn_cast<Constant>(A)));
  } else {
    return std::nullopt;
  }
  checkSizeAndAlign(Site, AlignOK);
  return Site;
}

/// A deallocation: the pointer it frees and the family it belongs to. A
/// call to a free wrapper (xfree) is a deallocation too.
struct FreeInfo {
  Value *Freed = nullptr;
  StringRef Family;
};

static std::optional<FreeInfo> recognizeFree(CallBase &CB,
                                             const TargetLibraryInfo &TLI,
                                             const SummaryMap &Summaries) {
  if (Value *Freed = getFreedOperand(&CB, &TLI))
    return FreeInfo{Freed, getAllocationFamily(&CB, &TLI).value_or("")};
  const Function *Callee = CB.getCalledFunction();
  if (!Callee)
    return std::nullopt;
  auto It = Summaries.find(Callee);
  if (It == Summaries.end() || It->second.FreesParam < 0)
    return std::nullopt;
  const FunctionSummary &S = It->second;
  std::optional<FreeInfo> Inner = recognizeFree(
      const_cast<CallBase &>(*S.WrappedFree), TLI, Summaries);
  if (!Inner || unsigned(S.FreesParam) >= CB.arg_size())
    return std::nullopt;
  return FreeInfo{CB.getArgOperand(S.FreesParam), Inner->Family};
}

//===----------------------------------------------------------------------===//
// The per-function solver.
//===----------------------------------------------------------------------===//

namespace {

/// Object number of the heap: all memory the function did not create and
/// that is not reached through its parameters.
constexpr unsigned HeapObj = 0;

/// Why an object escaped: the first sink it reached.
struct EscapeRecord {
  KeepReason Reason = KeepReason::None;
  const Instruction *Culprit = nullptr;
  const Value *Container = nullptr;
};

/// What an object is: the heap, an allocation site, an alloca, or what a
/// pointer parameter reaches (at level 0 or 1).
struct ObjectInfo {
  const Value *V = nullptr; ///< the site's call, the alloca, or the argument
  int Site = -1;
  int Param = -1;
  unsigned Level = 0;
};

class FunctionSolver {
public:
  FunctionSolver(Function &F, const TargetLibraryInfo &TLI, LoopInfo &LI,
                 const SummaryMap &Summaries, FunctionEscapeInfo &Info)
      : F(F), TLI(TLI), LI(LI), DL(F.getDataLayout()), Summaries(Summaries),
        Info(Info) {}

  void run();

private:
  Function &F;
  const TargetLibraryInfo &TLI;
  LoopInfo &LI;
  const DataLayout &DL;
  const SummaryMap &Summaries;
  FunctionEscapeInfo &Info;

  SmallVector<ObjectInfo, 16> Objects;
  DenseMap<const Value *, unsigned> ObjectOf;
  /// For each pointer parameter, the number of its level-0 object; its
  /// deeper levels follow it.
  DenseMap<const Argument *, unsigned> ParamObject;

  DenseMap<const Value *, BitVector> PT;
  /// Content[O]: every object whose address O may hold, anywhere in it.
  std::vector<BitVector> Content;
  /// The same, by where in O: addresses stored at known offsets, and
  /// addresses (or the heap, for bits of unknown origin) stored anywhere.
  struct Slot {
    ByteRange Range;
    BitVector Objs;
  };
  std::vector<SmallVector<Slot, 2>> Slots;
  /// Byte ranges of each parameter's level-0 object read as data, and the
  /// level-1 objects read as data, for the summary.
  DenseMap<unsigned, SmallVector<ByteRange, 2>> IntReads;
  BitVector DeepIntReads;
  BitVector Escaped, Freed, ParamObjects, ReturnedPT;
  /// The first instruction that stored each object into each container,
  /// to say where a chain of escapes passed (-goescape-m=2).
  DenseMap<std::pair<unsigned, unsigned>, const Instruction *> StoredBy;
  std::vector<EscapeRecord> Why;
  BitVector Empty, HeapOnly;
  BitVector Realloced;
  bool Changed = false;

  /// Deallocation calls seen, with what they free.
  SmallVector<std::pair<CallBase *, FreeInfo>, 8> FreeCalls;
  SmallVector<CallInst *, 8> TailCallList;
  bool HasMustTail = false;

  unsigned numObjects() const { return Objects.size(); }
  int siteOf(unsigned O) const { return Objects[O].Site; }
  const BitVector &getPT(const Value *V);
  bool addAll(BitVector &Dst, const BitVector &Src);
  void addPT(const Value *V, const BitVector &Src);
  void addUnknownContent(const BitVector &Objs);
  int64_t offsetIn(const Value *Ptr, unsigned O) const;
  void addContent(unsigned O, ByteRange R, const BitVector &Vals);
  BitVector contentAt(unsigned O, ByteRange R) const;
  BitVector loadAt(const Value *Ptr, Type *T, const Instruction &I);
  void readAsData(unsigned O, ByteRange R, const Instruction &I);
  void copyContent(const MemTransferInst &MT);
  BitVector loadContent(const BitVector &Ptrs);
  BitVector reachable(const BitVector &Ptrs);
  void escape(const BitVector &Objs, KeepReason R, const Instruction *I,
              const Value *Container = nullptr);
  void escapeOwn(const BitVector &Objs, KeepReason R, const Instruction *I);
  void markFreed(const BitVector &Objs);
  void closeEscapes();
  /// The bytes a load or store of \p T touches; ToEnd when that is not a
  /// fixed number (a scalable vector, an unsized type).
  uint64_t storeSize(Type *T) const {
    if (!T->isSized())
      return ByteRange::ToEnd;
    TypeSize TS = DL.getTypeStoreSize(T);
    return TS.isScalable() ? ByteRange::ToEnd : TS.getFixedValue();
  }

  void visit(Instruction &I);
  void visitCall(CallBase &CB);
  void storeInto(const BitVector &Targets, const BitVector &Vals,
                 const Instruction &I, const Value *Ptr,
                 uint64_t Size = ByteRange::ToEnd);
  void escapeStored(const BitVector &Targets, const BitVector &Vals,
                    const Instruction &I, const Value *Ptr);
  void visitCallArgs(CallBase &CB, int SkipArg, bool &Pure);
  void escapeBundleOperands(CallBase &CB);
  bool applySummary(CallBase &CB);

  void decideFrees();
  void decideLoops();
  void decideBudget();
  void collectTailCalls();
  void summarize();
  void findWrappers();
};

} // namespace

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
    return It == PT.end() ? Empty : It->second;
  }
  if (const auto *A = dyn_cast<Argument>(V)) {
    auto It = ParamObject.find(A);
    if (It != ParamObject.end())
      return PT.find(A)->second;
    // Any other parameter may hold (bits of) an address we do not know.
    return A->getType()->isSized() ? HeapOnly : Empty;
  }
  if (isa<GlobalValue>(V))
    return HeapOnly;
  if (const auto *C = dyn_cast<Constant>(V)) {
    if (C->isNullValue() || isa<UndefValue>(C) || isa<ConstantInt>(C) ||
        isa<ConstantFP>(C) || isa<ConstantDataSequential>(C))
      return Empty;
    return HeapOnly; // A constant expression over globals.
  }
  return Empty; // Metadata, inline asm, basic blocks.
}

/// The most data ranges a load keeps apart before it treats every byte it
/// reads as data.
static constexpr unsigned MaxDataRanges = 16;

/// Appends to \p Out the bytes of a value of type \p T (placed at \p Base)
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
      Covered = Off + DL.getTypeStoreSize(ST->getElementType(I)).getFixedValue();
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

/// The offset of \p Ptr into object \p O, when \p Ptr is O's own pointer
/// plus a constant; UnknownOffset otherwise (a pointer loaded from memory,
/// a phi of several objects, a variable index).
int64_t FunctionSolver::offsetIn(const Value *Ptr, unsigned O) const {
  const ObjectInfo &OI = Objects[O];
  if (!Ptr || !OI.V || OI.Level != 0 || !Ptr->getType()->isPointerTy())
    return UnknownOffset;
  APInt Off(DL.getIndexTypeSizeInBits(Ptr->getType()), 0);
  const Value *Base = Ptr->stripAndAccumulateConstantOffsets(
      DL, Off, /*AllowNonInbounds=*/true);
  if (Base != OI.V || Off.getSignificantBits() > MaxOffsetBits)
    return UnknownOffset;
  return Off.getSExtValue();
}

/// The most distinct ranges an object keeps apart before it lumps new
/// ones in with "anywhere".
static constexpr unsigned MaxSlotsPerObject = 16;

void FunctionSolver::addContent(unsigned O, ByteRange R,
                                const BitVector &Vals) {
  if (O == HeapObj || Vals.none())
    return;
  addAll(Content[O], Vals);
  auto &List = Slots[O];
  // Past the limit, and for an empty range (which no load would see), the
  // addresses may be anywhere.
  if (R.Size == 0 || List.size() >= MaxSlotsPerObject)
    R = ByteRange::anywhere();
  if (R.isAnywhere())
    R.Size = ByteRange::ToEnd;
  for (Slot &S : List)
    if (S.Range == R) {
      addAll(S.Objs, Vals);
      return;
    }
  List.push_back({R, Vals});
  Changed = true;
}

BitVector FunctionSolver::contentAt(unsigned O, ByteRange R) const {
  if (O == HeapObj)
    return HeapOnly;
  BitVector V(numObjects());
  for (const Slot &S : Slots[O])
    if (S.Range.overlaps(R))
      V |= S.Objs;
  return V;
}

/// What a load of type \p T through \p Ptr may produce. The bytes it
/// reads as data (an integer, a float, the integer fields and padding of a
/// struct) rather than as a pointer expose the address of anything stored
/// there, whatever the type around them: LLVM's implicit ptrtoint. Our own
/// objects escape; for a parameter's object, the summary records the bytes
/// read and the caller decides.
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
    for (const ByteRange &D : Data)
      readAsData(O, Off == UnknownOffset ? ByteRange::anywhere()
                                         : ByteRange::at(Off + D.Offset, D.Size),
                 I);
  }
  // Data read from bytes that held addresses is bits of unknown origin:
  // the addresses themselves have been dealt with above.
  if (AllData && V.any())
    return HeapOnly;
  return V;
}

/// Bytes \p R of object \p O are read as data: the addresses stored there
/// are exposed and escape. What a parameter points to is the caller's to
/// judge: the summary records the bytes read instead.
void FunctionSolver::readAsData(unsigned O, ByteRange R, const Instruction &I) {
  if (O == HeapObj)
    return;
  BitVector C = contentAt(O, R);
  const ObjectInfo &OI = Objects[O];
  if (OI.Param >= 0) {
    unsigned P0 = ParamObject.find(cast<Argument>(OI.V))->second;
    // What it holds by construction (the next level) is not a flow.
    C.reset(P0 + std::min(OI.Level + 1, NumLevels - 1));
    if (OI.Level == 0) {
      auto &Reads = IntReads[O];
      if (!is_contained(Reads, R)) {
        Reads.push_back(R);
        Changed = true;
      }
    } else if (!DeepIntReads.test(O)) {
      DeepIntReads.set(O);
      Changed = true;
    }
  }
  escape(C, KeepReason::PtrToInt, &I);
}

BitVector FunctionSolver::loadContent(const BitVector &Ptrs) {
  BitVector R(numObjects());
  for (unsigned O : Ptrs.set_bits())
    R |= Content[O];
  return R;
}

/// Everything reachable from \p Ptrs by one or more loads.
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
      addContent(O, ByteRange::anywhere(), HeapOnly);
}

void FunctionSolver::escape(const BitVector &Objs, KeepReason R,
                            const Instruction *I, const Value *Container) {
  for (unsigned O : Objs.set_bits()) {
    if (O == HeapObj || Escaped.test(O))
      continue;
    Escaped.set(O);
    Why[O] = {R, I, Container};
    Changed = true;
  }
}

/// Escapes \p Objs except the parameters' objects: returning what a
/// parameter points to, or storing it into what another parameter points
/// to, is a flow the caller resolves, not an escape.
void FunctionSolver::escapeOwn(const BitVector &Objs, KeepReason R,
                               const Instruction *I) {
  if (ParamObjects.none() || !Objs.anyCommon(ParamObjects))
    return escape(Objs, R, I);
  BitVector Own = Objs;
  Own.reset(ParamObjects);
  escape(Own, R, I);
}

void FunctionSolver::markFreed(const BitVector &Objs) {
  for (unsigned O : Objs.set_bits())
    if (O != HeapObj && !Freed.test(O)) {
      Freed.set(O);
      Changed = true;
    }
}

/// An escaped object is part of the heap: unknown code may read what it
/// holds and store anything into it.
void FunctionSolver::closeEscapes() {
  for (unsigned O : Escaped.set_bits()) {
    if (!Content[O].test(HeapObj))
      addContent(O, ByteRange::anywhere(), HeapOnly);
    for (unsigned C : Content[O].set_bits()) {
      if (C == HeapObj || Escaped.test(C))
        continue;
      BitVector One(numObjects());
      One.set(C);
      auto It = StoredBy.find({O, C});
      escape(One, KeepReason::StoredIntoEscaping,
             It != StoredBy.end() ? It->second : Why[O].Culprit, Objects[O].V);
    }
  }
}

/// Stores \p Vals into the content of \p Targets. Into the heap, the values
/// escape; into what a parameter points to, the function's own objects
/// escape (they outlive the frame) and the parameters' are a flow.
void FunctionSolver::storeInto(const BitVector &Targets, const BitVector &Vals,
                               const Instruction &I, const Value *Ptr,
                               uint64_t Size) {
  if (Vals.none())
    return;
  for (unsigned O : Targets.set_bits()) {
    if (O == HeapObj)
      continue;
    for (unsigned V : Vals.set_bits())
      StoredBy.try_emplace({O, V}, &I);
    addContent(O, {offsetIn(Ptr, O), Size}, Vals);
  }
  escapeStored(Targets, Vals, I, Ptr);
}

/// memcpy and memmove copy content to content: pointers hidden in the bytes
/// move too, to the same offsets when both ends and the length are known.
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
        addContent(D, ByteRange::from(offsetIn(Dst, D)), HeapOnly);
      continue;
    }
    int64_t SrcOff = offsetIn(Src, S);
    ByteRange Read = Len ? ByteRange::at(SrcOff, *Len) : ByteRange::from(SrcOff);
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
    escapeOwn(Vals, KeepReason::StoredToUnknown, &I);
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
    escape(getPT(I.getOperand(0)), KeepReason::PtrToInt, &I);
    addPT(&I, getPT(I.getOperand(0)));
    return;
  case Instruction::IntToPtr: {
    addPT(&I, HeapOnly);
    addPT(&I, getPT(I.getOperand(0)));
    return;
  }
  case Instruction::Ret:
    // A value of any type may carry bits of an address out (an i32 half).
    if (I.getNumOperands()) {
      const BitVector &V = getPT(I.getOperand(0));
      escapeOwn(V, KeepReason::Returned, &I);
      addAll(ReturnedPT, V);
    }
    return;
  case Instruction::VAArg:
  case Instruction::LandingPad:
  case Instruction::CatchPad:
  case Instruction::CleanupPad:
    addPT(&I, HeapOnly);
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
      addPT(&I, HeapOnly);
    return;
  }
  // Value-forwarding instructions: the result may point wherever an
  // operand points.
  for (const Use &U : I.operands())
    addPT(&I, getPT(U.get()));
}

/// libc's formatted I/O: its variadic arguments are read or written as
/// bytes (printf's %s, scanf's %s and %p), never kept or freed. printf's
/// %p prints an address, which sscanf can turn back into a pointer, so a
/// printf-family call is trusted only with a constant format without %p.
enum class FormattedIO { None, Print, Scan };

/// True if printf format \p Fmt has a %p conversion.
static bool hasPointerConversion(StringRef Fmt) {
  for (size_t I = 0, E = Fmt.size(); I < E; ++I) {
    if (Fmt[I] != '%')
      continue;
    ++I;
    while (I < E && StringRef("-+ #0'123456789.*$hlLqjztI").contains(Fmt[I]))
      ++I;
    if (I < E && Fmt[I] == 'p')
      return true;
  }
  return false;
}

static FormattedIO getFormattedIO(const CallBase &CB,
                                  const TargetLibraryInfo &TLI) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || CB.isNoBuiltin())
    return FormattedIO::None;
  unsigned FmtArg;
  FormattedIO Kind = FormattedIO::Print;
  LibFunc LF;
  if (!TLI.getLibFunc(*Callee, LF) || !TLI.has(LF)) {
    // glibc's _FORTIFY_SOURCE spellings, which TargetLibraryInfo lacks.
    StringRef N = Callee->getName();
    if (!Callee->isVarArg())
      return FormattedIO::None;
    if (N == "__printf_chk")
      FmtArg = 1;
    else if (N == "__fprintf_chk" || N == "__dprintf_chk")
      FmtArg = 2;
    else
      return FormattedIO::None;
  } else {
    switch (LF) {
    case LibFunc_printf:
    case LibFunc_iprintf:
    case LibFunc_small_printf:
      FmtArg = 0;
      break;
    case LibFunc_fprintf:
    case LibFunc_sprintf:
    case LibFunc_fiprintf:
    case LibFunc_siprintf:
    case LibFunc_small_fprintf:
    case LibFunc_small_sprintf:
      FmtArg = 1;
      break;
    case LibFunc_snprintf:
      FmtArg = 2;
      break;
    case LibFunc_sprintf_chk:
      FmtArg = 3;
      break;
    case LibFunc_snprintf_chk:
      FmtArg = 4;
      break;
    case LibFunc_scanf:
    case LibFunc_sscanf:
    case LibFunc_fscanf:
    case LibFunc_dunder_isoc99_scanf:
    case LibFunc_dunder_isoc99_sscanf:
      return FormattedIO::Scan;
    default:
      return FormattedIO::None;
    }
  }
  StringRef Fmt;
  if (FmtArg >= CB.arg_size() ||
      !getConstantStringInfo(CB.getArgOperand(FmtArg), Fmt) ||
      hasPointerConversion(Fmt))
    return FormattedIO::None;
  return Kind;
}

/// True if the callee of \p CB may free the object passed as argument \p I.
static bool mayFreeArg(const CallBase &CB, unsigned I) {
  return !CB.hasFnAttr(Attribute::NoFree) &&
         !CB.paramHasAttr(I, Attribute::NoFree) && !CB.doesNotAccessMemory() &&
         !CB.onlyReadsMemory();
}

/// The summary to apply at \p CB, if its callee is a definition whose body
/// is the one that runs (not replaceable at link or load time).
static const FunctionSummary *getSummary(const CallBase &CB,
                                         const SummaryMap &Summaries) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || Callee->isDeclaration() || Callee->isInterposable() ||
      !Callee->hasExactDefinition())
    return nullptr;
  auto It = Summaries.find(Callee);
  return It == Summaries.end() ? nullptr : &It->second;
}

/// Applies the callee's summary to the objects the arguments point to.
/// Returns false if there is no summary to apply.
bool FunctionSolver::applySummary(CallBase &CB) {
  const FunctionSummary *S = getSummary(CB, Summaries);
  if (!S)
    return false;
  const Function *Callee = CB.getCalledFunction();
  unsigned NumParams = Callee->getFunctionType()->getNumParams();
  auto Level = [&](unsigned ArgNo, unsigned L) {
    const BitVector &A = getPT(CB.getArgOperand(ArgNo));
    if (L == 0)
      return A;
    BitVector Next = loadContent(A);
    return L == 1 ? Next : reachable(Next);
  };
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
    const ParamSummary &P = S->Params[I];
    for (const Flow &Fl : P.Flows) {
      BitVector Src = Level(I, Fl.SrcLevel);
      switch (Fl.K) {
      case Flow::Heap:
        escape(Src,
               Fl.SrcLevel == 0 ? KeepReason::CapturedByCall
                                : KeepReason::ReachableFromCall,
               &CB);
        break;
      case Flow::Result:
        addPT(&CB, Src);
        break;
      case Flow::ParamContent:
        // The callee may store it anywhere in what the parameter points to.
        if (Fl.Param < CB.arg_size())
          storeInto(Level(Fl.Param, Fl.DstLevel), Src, CB, /*Ptr=*/nullptr);
        break;
      }
    }
    for (unsigned L = 0; L != NumLevels; ++L) {
      if (P.Frees[L] || (L == 0 && P.Reallocs)) {
        BitVector Objs = Level(I, L);
        markFreed(Objs);
        escape(Objs,
               P.Reallocs && L == 0 ? KeepReason::Reallocated
                                    : KeepReason::FreedByCall,
               &CB);
      }
      if (P.GetsUnknown[L])
        addUnknownContent(Level(I, L));
    }
    // Bytes the callee reads as data expose the addresses stored there.
    for (const ByteRange &R : P.IntReads)
      for (unsigned O : A.set_bits()) {
        int64_t ArgOff = offsetIn(Arg, O);
        ByteRange At = R;
        if (ArgOff == UnknownOffset || R.isAnywhere())
          At = ByteRange::anywhere();
        else
          At.Offset += ArgOff;
        readAsData(O, At, CB);
      }
    if (P.IntReadsDeep) {
      // A named vector: a temporary's set_bits() would not outlive the
      // loop's range expression.
      BitVector Deep = reachable(A);
      for (unsigned O : Deep.set_bits())
        readAsData(O, ByteRange::anywhere(), CB);
    }
  }
  if (S->ResultUnknown && !CB.getType()->isVoidTy())
    addPT(&CB, HeapOnly);
  return true;
}

/// Pointers in operand bundles go where we cannot follow.
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

  int SkipArg = -1;        // The argument handled here, not by the rules.
  bool ResultKnown = false; // The result's objects are set here.
  auto SiteIt = ObjectOf.find(&CB);
  if (SiteIt != ObjectOf.end()) {
    // Allocation sites are seeded in run(); posix_memalign stores its
    // object through the out-parameter. Their other arguments (an arena,
    // strdup's string) go through the rules below.
    unsigned O = SiteIt->second;
    ResultKnown = true;
    if (Info.Sites[siteOf(O)].Kind == AllocKind::PosixMemalign) {
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
    markFreed(getPT(FI->Freed));
    for (unsigned I = 0, E = CB.arg_size(); I != E; ++I)
      if (CB.getArgOperand(I) == FI->Freed)
        SkipArg = I;
    ResultKnown = CB.getType()->isVoidTy();
  } else if (Value *Realloced = getReallocatedOperand(&CB)) {
    markFreed(getPT(Realloced));
    addAll(this->Realloced, getPT(Realloced));
    escape(getPT(Realloced), KeepReason::Reallocated, &CB);
    if (!CB.getType()->isVoidTy())
      addPT(&CB, HeapOnly);
    return;
  } else if (applySummary(CB)) {
    escapeBundleOperands(CB);
    return;
  }

  bool Pure = false;
  visitCallArgs(CB, SkipArg, Pure);
  escapeBundleOperands(CB);
  // Calling into one of our own objects (code in a buffer) is beyond us;
  // calling through a parameter does not keep what it points to.
  escapeOwn(getPT(CB.getCalledOperand()), KeepReason::UnknownUse, &CB);

  // What a call returns may point anywhere, even from a function that
  // touches no memory (a const accessor returning a global's address);
  // only an intrinsic's result is made of its arguments alone.
  if (!CB.getType()->isVoidTy() && !ResultKnown &&
      !(Pure && isa<IntrinsicInst>(CB)))
    addPT(&CB, HeapOnly);
}

/// The rules for the arguments of a call whose callee has no summary: its
/// attributes, or what C's libraries are known to do.
void FunctionSolver::visitCallArgs(CallBase &CB, int SkipArg, bool &Pure) {
  // A function that touches no memory can only pass its arguments on
  // through its result: llvm.umax, llvm.ptrmask, pure helpers.
  Pure = CB.doesNotAccessMemory() && !CB.isInlineAsm() &&
         CB.getCalledFunction();
  const Function *Callee = CB.getCalledFunction();
  for (unsigned I = 0, E = CB.arg_size(); I != E; ++I) {
    const Value *Arg = CB.getArgOperand(I);
    // A copy: adding to the call's own set below may move PT's entries.
    BitVector A = getPT(Arg);
    if (A.none() || int(I) == SkipArg)
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
      FormattedIO FIO = getFormattedIO(CB, TLI);
      if (FIO == FormattedIO::None) {
        escape(A, KeepReason::VarArg, &CB);
        continue;
      }
      // printf's %s copies the bytes from the argument on, up to a NUL:
      // any address stored there goes out with them.
      if (FIO == FormattedIO::Print)
        for (unsigned O : A.set_bits()) {
          int64_t Off = offsetIn(Arg, O);
          escape(contentAt(O, ByteRange::from(Off)),
                 KeepReason::ReachableFromCall, &CB);
        }
      // scanf("%p") may store a pointer we do not know into the object.
      if (FIO == FormattedIO::Scan)
        addUnknownContent(A);
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
    if (mayFreeArg(CB, I)) {
      markFreed(A);
      escape(A, KeepReason::FreedByCall, &CB);
    }
    // The callee may read the pointers the object holds and keep them ...
    if (!CB.doesNotAccessMemory(I))
      escape(loadContent(A), KeepReason::ReachableFromCall, &CB);
    // ... and may store pointers to memory we do not know into it.
    if (!CB.onlyReadsMemory(I))
      addUnknownContent(A);
  }
}

/// A free() that receives exactly one site's object (or null) may be
/// removed with it; one that may receive several objects keeps them all on
/// the heap.
void FunctionSolver::decideFrees() {
  for (auto &[FreeCall, FI] : FreeCalls) {
    const BitVector &P = getPT(FI.Freed);
    int Only = P.count() == 1 ? siteOf(P.find_first()) : -1;
    if (Only >= 0) {
      AllocSite &S = Info.Sites[Only];
      if (S.Family.empty() || S.Family != FI.Family) {
        if (S.isPromotable()) {
          S.Reason = KeepReason::FreeMismatch;
          S.Culprit = FreeCall;
        }
        continue;
      }
      S.Frees.push_back(FreeCall);
      S.FreedOperands.push_back(FI.Freed);
      continue;
    }
    for (unsigned O : P.set_bits()) {
      if (siteOf(O) < 0)
        continue;
      AllocSite &S = Info.Sites[siteOf(O)];
      if (S.isPromotable()) {
        S.Reason = KeepReason::AmbiguousFree;
        S.Culprit = FreeCall;
      }
    }
  }
}

/// One stack slot serves every execution of a site, so a site inside a loop
/// is promotable only if no object of an earlier iteration is still live
/// when the site runs again. In SSA form an object survives the back edge
/// only through a loop-header phi (a def dominates its uses, so every other
/// use sees the current iteration's value) or through memory that lives
/// longer than the iteration: an alloca, an object allocated outside the
/// loop, or an object of the loop that is itself carried.
void FunctionSolver::decideLoops() {
  bool Irreducible = false;
  {
    ReversePostOrderTraversal<Function *> RPOT(&F);
    Irreducible = containsIrreducibleCFG<const BasicBlock *>(RPOT, LI);
  }
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
    int SI = siteOf(O);
    if (SI < 0)
      continue;
    AllocSite &S = Info.Sites[SI];
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
    // Carried in memory that outlives the iteration.
    for (unsigned C = 0; C != N && !Carried.test(O); ++C) {
      if (!Content[C].test(O))
        continue;
      int CS = siteOf(C);
      if (CS < 0 || !L->contains(Info.Sites[CS].Call->getParent()))
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
    AllocSite &S = Info.Sites[siteOf(O)];
    if (S.isPromotable())
      S.Reason = KeepReason::LoopCarried;
  }
}

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
    if (I == S.Call)
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
    for (auto [Free, Freed] : zip(S.Frees, S.FreedOperands))
      if (Free == I && Freed->stripPointerCasts() == S.Call)
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
    for (const CallBase *Free : S.Frees)
      if (Free->getParent() == BB && isEnd(S, Free))
        R.push_back(Free);
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
  uint64_t ChainRoom =
      L.ChainBudget > L.ChainBelow ? L.ChainBudget - L.ChainBelow : 0;
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
    S.ProgramStack = L.ProgramStack;
  };
  SmallVector<unsigned, 8> Order;
  for (unsigned I = 0, E = Info.Sites.size(); I != E; ++I)
    if (Info.Sites[I].isPromotable())
      Order.push_back(I);
  llvm::sort(Order, [&](unsigned A, unsigned B) {
    const AllocSite &SA = Info.Sites[A], &SB = Info.Sites[B];
    if (SA.LoopDepth != SB.LoopDepth)
      return SA.LoopDepth > SB.LoopDepth;
    if (*SA.Size != *SB.Size)
      return *SA.Size < *SB.Size;
    return A < B;
  });
  uint64_t Room = std::min(FrameRoom, ChainRoom);
  auto Need = [&](unsigned I) {
    return uint64_t(alignTo(*Info.Sites[I].Size, Info.Sites[I].Alignment));
  };

  // Too many to pair up: charge every promoted byte.
  if (Order.size() > MaxSitesForLiveness) {
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
/// directly or through the content of what they receive.
void FunctionSolver::collectTailCalls() {
  if (none_of(Info.Sites, [](const AllocSite &S) { return S.isPromotable(); }))
    return; // Nothing will be rewritten: no tail call to fix.
  for (CallInst *CI : TailCallList) {
    BitVector Reach(numObjects());
    for (const Value *Arg : CI->args())
      Reach |= getPT(Arg);
    Reach |= reachable(Reach);
    for (unsigned O : Reach.set_bits())
      if (siteOf(O) >= 0)
        Info.Sites[siteOf(O)].TailCalls.push_back(CI);
  }
}

/// Reads the function's summary off the solved graph: where each
/// parameter's objects ended up.
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
      if (ReturnedPT.test(O))
        PS.Flows.push_back({Flow::Result, uint8_t(L)});
      PS.Frees[L] = Freed.test(O);
      PS.GetsUnknown[L] = Content[O].test(HeapObj) ||
                          Content[O].anyCommon(OwnObjects);
    }
    PS.Reallocs = Realloced.test(P0);
    auto It = IntReads.find(P0);
    if (It != IntReads.end()) {
      PS.IntReads = It->second;
      if (PS.IntReads.size() > MaxSlotsPerObject)
        PS.IntReads = {ByteRange::anywhere()};
      llvm::sort(PS.IntReads, [](const ByteRange &X, const ByteRange &Y) {
        return std::tie(X.Offset, X.Size) < std::tie(Y.Offset, Y.Size);
      });
    }
    PS.IntReadsDeep = DeepIntReads.test(P0 + 1) || DeepIntReads.test(P0 + 2);
    // Stored into what another parameter (or this one) reaches. Each level
    // holds the next by construction, and the deepest holds itself.
    for (const auto &[B, Q0] : ParamObject)
      for (unsigned DL = 0; DL != NumLevels; ++DL)
        for (unsigned SL = 0; SL != NumLevels; ++SL) {
          if (A == B && SL == std::min(DL + 1, NumLevels - 1))
            continue;
          if (Content[Q0 + DL].test(P0 + SL))
            PS.Flows.push_back({Flow::ParamContent, uint8_t(SL), uint8_t(DL),
                                B->getArgNo()});
        }
    llvm::sort(PS.Flows, [](const Flow &X, const Flow &Y) {
      return std::tie(X.K, X.SrcLevel, X.Param, X.DstLevel) <
             std::tie(Y.K, Y.SrcLevel, Y.Param, Y.DstLevel);
    });
  }
  Sum.ResultUnknown = ReturnedPT.anyCommon(OwnObjects) ||
                      ReturnedPT.test(HeapObj);
}

/// Recognises the two wrapper shapes real C allocates through.
///
/// An allocation wrapper returns the result of its one allocation on every
/// return, and does nothing else on the paths where the allocation
/// succeeded: every instruction reachable from the entry, once the branches
/// on "allocation == null" go only the non-null way, is the allocation, a
/// branch, a return of the allocation, or free of side effects. What a
/// failed allocation does (print, abort) cannot happen to a stack slot.
///
/// A free wrapper's only effect is to free one of its parameters (maybe
/// after a null check).
void FunctionSolver::findWrappers() {
  FunctionSummary &Sum = Info.Summary;
  if (Info.MayRecurse || F.isInterposable() || !F.hasExactDefinition())
    return;

  auto IsHarmless = [](const Instruction &I) {
    if (isa<DbgInfoIntrinsic>(I))
      return true;
    if (const auto *II = dyn_cast<IntrinsicInst>(&I))
      if (II->isLifetimeStartOrEnd() || II->isAssumeLikeIntrinsic())
        return true;
    return !I.mayHaveSideEffects() && !I.mayReadFromMemory() &&
           !isa<CallBase>(I);
  };
  auto IsNullTestOf = [](const Value *Cond, const Value *P, bool &NullIfTrue) {
    const auto *Cmp = dyn_cast<ICmpInst>(Cond);
    if (!Cmp || !Cmp->isEquality())
      return false;
    const Value *A = Cmp->getOperand(0), *B = Cmp->getOperand(1);
    if (!(A == P && isa<ConstantPointerNull>(B)) &&
        !(B == P && isa<ConstantPointerNull>(A)))
      return false;
    NullIfTrue = Cmp->getPredicate() == ICmpInst::ICMP_EQ;
    return true;
  };
  // Blocks reachable from the entry when \p P is not null (or when nothing
  // is assumed, with P null), not going past \p Stop.
  auto ReachableAssumingNonNull = [&](const Value *P,
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
            IsNullTestOf(Br->getCondition(), P, NullIfTrue))
          Succs = {Br->getSuccessor(NullIfTrue ? 1 : 0)};
      for (const BasicBlock *S : Succs)
        if (Seen.insert(S).second)
          Work.push_back(S);
    }
    return Seen;
  };

  // Allocation wrapper.
  if (Info.Sites.size() == 1 && F.getReturnType()->isPointerTy()) {
    const AllocSite &S = Info.Sites.front();
    bool KindOK = S.Kind == AllocKind::Malloc || S.Kind == AllocKind::Calloc ||
                  S.Kind == AllocKind::Aligned || S.Kind == AllocKind::New;
    bool OK = KindOK && !isa<InvokeInst>(S.Call);
    for (const BasicBlock *BB : ReachableAssumingNonNull(S.Call)) {
      for (const Instruction &I : *BB) {
        if (!OK)
          break;
        if (&I == S.Call || isa<BranchInst>(I) || IsHarmless(I))
          continue;
        if (const auto *RI = dyn_cast<ReturnInst>(&I))
          if (RI->getReturnValue() == S.Call)
            continue;
        OK = false;
      }
    }
    if (OK) {
      Sum.WrappedAlloc = S.Call;
      return;
    }
  }

  // Free wrapper.
  if (!Info.Sites.empty() || !F.getReturnType()->isVoidTy() ||
      FreeCalls.size() != 1)
    return;
  CallBase *FC = FreeCalls.front().first;
  const auto *Param =
      dyn_cast<Argument>(FreeCalls.front().second.Freed->stripPointerCasts());
  if (!Param || Param->getParent() != &F)
    return;
  for (const BasicBlock *BB : ReachableAssumingNonNull(nullptr))
    for (const Instruction &I : *BB) {
      if (&I == FC || isa<BranchInst>(I) || isa<ReturnInst>(I) ||
          IsHarmless(I))
        continue;
      return;
    }
  // It must free on every path that returns with the parameter not null:
  // a wrapper that frees only sometimes (`if (owned) free(p)`) is no free.
  for (const BasicBlock *BB : ReachableAssumingNonNull(Param, FC->getParent()))
    if (BB != FC->getParent() && isa<ReturnInst>(BB->getTerminator()))
      return;
  Sum.FreesParam = Param->getArgNo();
  Sum.WrappedFree = FC;
}

void FunctionSolver::run() {
  // 1. Objects: the heap, each pointer parameter's two levels, sites,
  //    allocas.
  Objects.push_back({});
  for (Argument &A : F.args()) {
    if (!A.getType()->isPointerTy())
      continue;
    ParamObject[&A] = Objects.size();
    for (unsigned L = 0; L != NumLevels; ++L)
      Objects.push_back({&A, -1, int(A.getArgNo()), L});
  }
  // Only reachable code: nothing in an unreachable block runs, and its
  // uses are never visited.
  ReversePostOrderTraversal<Function *> RPOT(&F);
  for (BasicBlock *BB : RPOT)
    for (Instruction &I : *BB) {
      if (auto *CB = dyn_cast<CallBase>(&I)) {
        if (std::optional<AllocSite> S = recognizeSite(*CB, TLI, Summaries)) {
          ObjectOf[CB] = Objects.size();
          Objects.push_back({CB, int(Info.Sites.size()), -1, 0});
          Info.Sites.push_back(std::move(*S));
        }
      } else if (auto *AI = dyn_cast<AllocaInst>(&I)) {
        ObjectOf[AI] = Objects.size();
        Objects.push_back({AI, -1, -1, 0});
        if (!AI->isStaticAlloca())
          Info.HasDynamicAlloca = true;
        else if (std::optional<TypeSize> Size = AI->getAllocationSize(DL))
          Info.ExistingFrameBytes += Size->getKnownMinValue();
      }
    }

  // The object limit may be smaller here than where the site was
  // recognised (a wrapper's): on a small stack the program sets up.
  for (AllocSite &S : Info.Sites)
    if (S.isPromotable() && S.Size && *S.Size > Info.Limits.MaxSize) {
      S.Reason = KeepReason::TooLarge;
      S.Limit = Info.Limits.MaxSize;
      S.ProgramStack = Info.Limits.ProgramStack;
    }

  unsigned N = numObjects();
  PT.reserve(F.getInstructionCount() + F.arg_size());
  uint64_t Work = uint64_t(F.getInstructionCount()) * N;
  if (Work > MaxAnalysisWork) {
    for (AllocSite &S : Info.Sites)
      if (S.isPromotable())
        S.Reason = KeepReason::AnalysisLimit;
    Info.Summary = FunctionSummary::worst(F);
    return;
  }
  Empty.resize(N);
  HeapOnly.resize(N);
  HeapOnly.set(HeapObj);
  Content.assign(N, BitVector(N));
  Content[HeapObj].set(HeapObj);
  Slots.assign(N, {});
  DeepIntReads.resize(N);
  Escaped.resize(N);
  Freed.resize(N);
  Realloced.resize(N);
  ReturnedPT.resize(N);
  ParamObjects.resize(N);
  Why.assign(N, {});
  for (unsigned O = 1; O != N; ++O) {
    BitVector Self(N);
    Self.set(O);
    const ObjectInfo &OI = Objects[O];
    if (OI.Param >= 0) {
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
    if (OI.Site < 0 || Info.Sites[OI.Site].Kind != AllocKind::PosixMemalign)
      PT.try_emplace(OI.V, std::move(Self));
  }

  // 2. Solve to a fixed point.
  do {
    Changed = false;
    FreeCalls.clear();
    TailCallList.clear();
    for (BasicBlock *BB : RPOT)
      for (Instruction &I : *BB)
        visit(I);
    closeEscapes();
  } while (Changed);

  // 3. Escapes.
  for (unsigned O = 1; O != N; ++O) {
    if (siteOf(O) < 0 || !Escaped.test(O))
      continue;
    AllocSite &S = Info.Sites[siteOf(O)];
    // An escape outranks the size and alignment reasons set earlier.
    S.Reason = Why[O].Reason;
    S.Culprit = Why[O].Culprit;
    S.Container = Why[O].Container;
  }

  // 4. What the stack cannot do.
  decideFrees();
  decideLoops();
  if (F.callsFunctionThatReturnsTwice() || HasMustTail)
    for (AllocSite &S : Info.Sites)
      if (S.isPromotable())
        S.Reason = HasMustTail ? KeepReason::MustTail
                               : KeepReason::ReturnsTwice;
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

  // 5. The budget.
  decideBudget();
  collectTailCalls();

  // 6. What callers need to know.
  summarize();
  findWrappers();
}

//===----------------------------------------------------------------------===//
// The module analysis.
//===----------------------------------------------------------------------===//

AnalysisKey GoEscapeAnalysis::Key;

/// The most rounds an SCC's summaries may take to settle before the worst
/// is assumed of them.
static constexpr unsigned MaxSCCRounds = 16;

/// Functions marked __attribute__((annotate("goescape_off"))): clang lists
/// them in @llvm.global.annotations.
static DenseSet<const Function *> findOptedOut(const Module &M) {
  DenseSet<const Function *> Out;
  const GlobalVariable *GA = M.getNamedGlobal("llvm.global.annotations");
  if (!GA || !GA->hasInitializer())
    return Out;
  const auto *CA = dyn_cast<ConstantArray>(GA->getInitializer());
  if (!CA)
    return Out;
  for (const Use &U : CA->operands()) {
    const auto *CS = dyn_cast<ConstantStruct>(U.get());
    if (!CS || CS->getNumOperands() < 2)
      continue;
    const auto *F = dyn_cast<Function>(CS->getOperand(0)->stripPointerCasts());
    StringRef Note;
    if (F && getConstantStringInfo(CS->getOperand(1), Note) &&
        Note == "goescape_off")
      Out.insert(F);
  }
  return Out;
}

/// The functions whose analysis can matter to a promotion: those that may
/// have allocation sites (they call an allocation function, or a function
/// that may be an allocation wrapper), and everything they call, whose
/// summaries they need. In a large module with few allocations this is a
/// small part of it.
static DenseSet<const Function *> findNeeded(Module &M,
                                             FunctionAnalysisManager &FAM) {
  // One walk over the module: who allocates directly, and who calls whom.
  DenseMap<const Function *, SmallVector<const Function *, 4>> Callees,
      Callers;
  DenseSet<const Function *> Direct;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    auto &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
    auto &Out = Callees[&F];
    for (BasicBlock &BB : F)
      for (Instruction &I : BB) {
        auto *CB = dyn_cast<CallBase>(&I);
        if (!CB)
          continue;
        LibFunc LF;
        const Function *Callee = CB->getCalledFunction();
        if (isAllocationFn(CB, &TLI) ||
            (Callee && TLI.getLibFunc(*Callee, LF) &&
             LF == LibFunc_posix_memalign))
          Direct.insert(&F);
        if (Callee && !Callee->isDeclaration() && !is_contained(Out, Callee)) {
          Out.push_back(Callee);
          Callers[Callee].push_back(&F);
        }
      }
  }
  // Functions that may be allocation wrappers: they return a pointer and
  // allocate, or call one that may be a wrapper (xmalloc2 -> xmalloc).
  DenseSet<const Function *> MayWrap;
  SmallVector<const Function *, 16> Work;
  for (const Function *F : Direct)
    if (F->getReturnType()->isPointerTy() && MayWrap.insert(F).second)
      Work.push_back(F);
  while (!Work.empty())
    for (const Function *Caller : Callers.lookup(Work.pop_back_val()))
      if (Caller->getReturnType()->isPointerTy() &&
          MayWrap.insert(Caller).second)
        Work.push_back(Caller);
  // Seeds may have sites; everything they call is needed for its summary.
  DenseSet<const Function *> Needed;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    bool Seed = Direct.count(&F) ||
                any_of(Callees[&F], [&](const Function *C) {
                  return MayWrap.count(C);
                });
    if (Seed && Needed.insert(&F).second)
      Work.push_back(&F);
  }
  while (!Work.empty())
    for (const Function *Callee : Callees.lookup(Work.pop_back_val()))
      if (Needed.insert(Callee).second)
        Work.push_back(Callee);
  return Needed;
}

EscapeInfo GoEscapeAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  return compute(M, MAM, /*All=*/getReportLevel() > 0);
}

EscapeInfo GoEscapeAnalysis::runOnAll(Module &M, ModuleAnalysisManager &MAM) {
  return compute(M, MAM, /*All=*/true);
}

EscapeInfo GoEscapeAnalysis::compute(Module &M, ModuleAnalysisManager &MAM,
                                     bool All) {
  auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  DenseSet<const Function *> OptedOut = findOptedOut(M);
  DenseSet<const Function *> Needed;
  if (!All)
    Needed = findNeeded(M, FAM);

  ModuleCallGraph CG(M, [&](Function &F) -> const TargetLibraryInfo & {
    return FAM.getResult<TargetLibraryAnalysis>(F);
  });
  const std::vector<CallSCC> &SCCs = CG.getSCCs();
  // A stack of constant size the program sets up for code it enters
  // through a pointer (a thread, a signal handler, a context): the
  // functions that may run there get limits scaled to it.
  uint64_t ProgramStack = findSmallestProgramStack(M);

  // Bytes promoted along the deepest call chain from each SCC down, and the
  // first function of that chain below the SCC, for the chain budget.
  std::vector<uint64_t> ChainBytes(SCCs.size(), 0);
  std::vector<const Function *> ChainVia(SCCs.size(), nullptr);

  SummaryMap Summaries;
  DenseMap<const Function *, FunctionEscapeInfo> Results;
  auto Solve = [&](Function &F, bool MayRecurse, uint64_t Below,
                   const Function *Via) {
    FunctionEscapeInfo Info;
    Info.F = &F;
    Info.MayRecurse = MayRecurse;
    Info.OptedOut = OptedOut.count(&F);
    StackLimits &L = Info.Limits;
    L.MaxSize = getMaxSize();
    L.FrameBudget = getFrameBudget();
    L.RecursiveBudget = getRecursiveBudget();
    L.ChainBudget = getChainBudget();
    // A signal handler may run on top of any chain of the thread it
    // interrupts: half the budget for the chains, half for the handlers'.
    if (CG.getHooks().SignalHandlers)
      L.ChainBudget /= 2;
    L.ChainBelow = Below;
    L.ChainVia = Via;
    if (ProgramStack && CG.isReachedThroughPointer(&F)) {
      uint64_t Chain = ProgramStack / ProgramStackChainDivisor;
      L.ProgramStack = ProgramStack;
      L.MaxSize =
          std::min(L.MaxSize, ProgramStack / ProgramStackObjectDivisor);
      L.FrameBudget = std::min(L.FrameBudget, Chain);
      L.RecursiveBudget = std::min(L.RecursiveBudget, Chain);
      L.ChainBudget = std::min(L.ChainBudget, Chain);
    }
    auto &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
    auto &LI = FAM.getResult<LoopAnalysis>(F);
    FunctionSolver(F, TLI, LI, Summaries, Info).run();
    return Info;
  };

  // Bottom-up over the SCCs: callees before callers. The functions of a
  // recursive SCC start from the optimistic summary (no effects) and are
  // solved again until their summaries stop changing: the least fixed
  // point, as Go solves an SCC as one graph.
  for (unsigned Idx = 0, E = SCCs.size(); Idx != E; ++Idx) {
    const CallSCC &C = SCCs[Idx];
    // The deepest chain below: its callees' SCCs are all done.
    uint64_t Below = 0;
    const Function *Via = nullptr;
    for (const CallGraphNode *N : C.Nodes)
      for (const CallGraphNode *Callee : N->Callees) {
        unsigned J = CG.getSCCIndex(Callee);
        if (J != Idx && ChainBytes[J] > Below) {
          Below = ChainBytes[J];
          Via = Callee->F ? Callee->F : ChainVia[J];
        }
      }
    ChainBytes[Idx] = Below;
    ChainVia[Idx] = Via;

    // Only the members that matter: an SCC held together through code
    // outside the module (callbacks) can be most of a large program, while
    // few of its functions are on a path from an allocation. The SCC still
    // says who may recurse.
    SmallVector<Function *, 4> SCC;
    for (Function *F : C.functions())
      if (!F->hasOptNone() && (All || Needed.count(F)))
        SCC.push_back(F);
    if (SCC.empty())
      continue;
    bool Cyclic = C.Recursive;
    for (Function *F : SCC)
      Summaries[F] = FunctionSummary();
    // Every frame of the SCC may be on one chain: their promotions add up.
    auto AddToChain = [&] {
      uint64_t Own = 0;
      for (Function *F : SCC)
        Own += Results[F].PeakPromotedBytes;
      ChainBytes[Idx] = Below + Own;
    };
    if (!Cyclic) {
      // Nothing in it calls back: one solve is final.
      for (Function *F : SCC) {
        Results[F] = Solve(*F, /*MayRecurse=*/false, Below, Via);
        Summaries[F] = Results[F].Summary;
      }
      AddToChain();
      continue;
    }
    // A worklist: a function is solved again only when the summary of a
    // function it calls in the SCC changed.
    DenseMap<const Function *, SmallVector<Function *, 4>> Callers;
    DenseSet<const Function *> InSCC(SCC.begin(), SCC.end());
    for (Function *F : SCC)
      for (BasicBlock &BB : *F)
        for (Instruction &I : BB)
          if (auto *CB = dyn_cast<CallBase>(&I))
            if (const Function *Callee = CB->getCalledFunction())
              if (InSCC.count(Callee) && !is_contained(Callers[Callee], F))
                Callers[Callee].push_back(F);
    SetVector<Function *> Dirty(SCC.begin(), SCC.end());
    unsigned Budget = MaxSCCRounds * SCC.size();
    while (!Dirty.empty() && Budget) {
      --Budget;
      Function *F = Dirty.front();
      Dirty.remove(F);
      FunctionEscapeInfo Info = Solve(*F, /*MayRecurse=*/true, Below, Via);
      if (Info.Summary != Summaries[F]) {
        Summaries[F] = Info.Summary;
        for (Function *Caller : Callers[F])
          Dirty.insert(Caller);
      }
      Results[F] = std::move(Info);
    }
    bool Settled = Dirty.empty();
    if (!Settled) {
      for (Function *F : SCC)
        Summaries[F] = FunctionSummary::worst(*F);
      for (Function *F : SCC) {
        Results[F] = Solve(*F, /*MayRecurse=*/true, Below, Via);
        Results[F].Summary = Summaries[F];
      }
    }
    AddToChain();
  }

  // Module order, so that printed output is deterministic.
  EscapeInfo Result;
  for (Function &F : M) {
    auto It = Results.find(&F);
    if (It != Results.end())
      Result.Functions.insert({&F, std::move(It->second)});
  }

  // -goescape-limit: the first N promotable sites, in module order, keep
  // their verdict; the Nth is named so a bisection can stop on it.
  if (BisectLimit >= 0) {
    int Seen = 0;
    for (auto &[F, Info] : Result.Functions)
      for (AllocSite &S : Info.Sites) {
        if (!S.isPromotable())
          continue;
        if (++Seen <= BisectLimit) {
          if (Seen == BisectLimit)
            errs() << "goescape-limit: site " << Seen << " is "
                   << S.describe() << " in '" << F->getName() << "'"
                   << (S.Call->getDebugLoc()
                           ? (" at " +
                              S.Call->getDebugLoc()->getFilename() + ":" +
                              Twine(S.Call->getDebugLoc().getLine()) + ":" +
                              Twine(S.Call->getDebugLoc().getCol()))
                                 .str()
                           : std::string())
                   << "\n";
          continue;
        }
        S.Reason = KeepReason::BisectLimit;
      }
    errs() << "goescape-limit: " << std::min(Seen, int(BisectLimit)) << " of "
           << Seen << " promotable sites promoted\n";
  }
  return Result;
}

const FunctionEscapeInfo *EscapeInfo::lookup(const Function &F) const {
  auto It = Functions.find(&F);
  return It == Functions.end() ? nullptr : &It->second;
}

bool EscapeInfo::invalidate(Module &M, const PreservedAnalyses &PA,
                            ModuleAnalysisManager::Invalidator &Inv) {
  auto PAC = PA.getChecker<GoEscapeAnalysis>();
  return !PAC.preserved() && !PAC.preservedSet<AllAnalysesOn<Module>>();
}

void EscapeInfo::print(raw_ostream &OS, const Module &M) const {
  ModuleSlotTracker MST(&M);
  for (const auto &[F, Info] : Functions) {
    bool HasPointerParam = any_of(F->args(), [](const Argument &A) {
      return A.getType()->isPointerTy();
    });
    if (Info.Sites.empty() && !HasPointerParam)
      continue;
    MST.incorporateFunction(*F);
    OS << "goescape: function '" << F->getName() << "': "
       << Info.Sites.size() << (Info.Sites.size() == 1 ? " site, " : " sites, ")
       << Info.getNumPromotable() << " promoted";
    if (Info.MayRecurse)
      OS << " (recursive)";
    if (Info.Summary.WrappedAlloc)
      OS << " (allocation wrapper)";
    if (Info.Summary.FreesParam >= 0)
      OS << " (free wrapper)";
    OS << "\n";
    for (const AllocSite &S : Info.Sites) {
      OS << "  ";
      if (!S.Call->getType()->isVoidTy() && S.Kind != AllocKind::PosixMemalign) {
        S.Call->printAsOperand(OS, /*PrintType=*/false, MST);
        OS << " = ";
      }
      OS << S.describe() << ": ";
      if (S.isPromotable()) {
        OS << "promoted (align " << S.Alignment.value();
        if (!S.Frees.empty())
          OS << ", " << S.Frees.size()
             << (S.Frees.size() == 1 ? " free" : " frees") << " removed";
        OS << ")\n";
        continue;
      }
      OS << "kept (" << getReasonName(S.Reason) << "): " << S.describeReason()
         << "\n";
    }
    Info.Summary.print(OS, *F, "  ");
  }
}

PreservedAnalyses GoEscapePrinterPass::run(Module &M,
                                           ModuleAnalysisManager &MAM) {
  // Every function, needed for a promotion or not: the same solver, so the
  // verdicts of the functions the transform looks at are the same.
  GoEscapeAnalysis::runOnAll(M, MAM).print(OS, M);
  return PreservedAnalyses::all();
}
