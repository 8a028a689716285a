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
/// graph, this is flow-insensitive (but byte-range-sensitive within an
/// object). The edges, in Go's deref notation:
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
/// Algorithm, per function (FunctionSolver::run):
///  1. Number the objects: the heap, each pointer parameter's three levels,
///     then allocation sites and allocas.
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

#include "goescape/EscapeAnalysis.h"

#include "CallGraph.h"
#include "LibcModel.h"
#include "Solver.h"
#include "SourceRecord.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/Analysis/LazyValueInfo.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/ModuleSlotTracker.h"
#include "llvm/Support/DebugCounter.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <tuple>

using namespace llvm;
using namespace goescape;

#define DEBUG_TYPE "goescape"

DEBUG_COUNTER(PromoteCounter, "goescape-promote",
              "Controls which promotable allocation sites goescape promotes "
              "(-debug-counter=goescape-promote=0-N); -goescape-limit=N is "
              "the same for the first N");

AnalysisKey GoEscapeAnalysis::Key;


/// On a stack of S bytes the program sets up itself, at most S/4 along any
/// chain (and in any frame) and S/8 per object: the rest is the program's.
static constexpr uint64_t ProgramStackChainDivisor = 4;
static constexpr uint64_t ProgramStackObjectDivisor = 8;

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


namespace {
/// The module-wide state of one run of the analysis, bottom-up over the
/// call graph's SCCs.
class ModuleDriver {
public:
  ModuleDriver(Module &M, ModuleAnalysisManager &MAM,
               const GoEscapeOptions &Opts)
      : M(M), Opts(Opts),
        FAM(MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager()),
        CG(M,
           [&](Function &F) -> const TargetLibraryInfo & {
             return FAM.getResult<TargetLibraryAnalysis>(F);
           }),
        OptedOut(findOptedOut(M)), ProgramStack(findSmallestProgramStack(M)) {
    if (!Opts.AnalyseAll)
      Needed = CG.findNeeded();
    ChainBytes.assign(CG.getSCCs().size(), 0);
    ChainVia.assign(CG.getSCCs().size(), nullptr);
  }

  EscapeInfo run();

private:
  Module &M;
  const GoEscapeOptions &Opts;
  FunctionAnalysisManager &FAM;
  ModuleCallGraph CG;
  DenseSet<const Function *> OptedOut;
  DenseSet<const Function *> Needed;
  /// A stack of constant size the program sets up for code it enters
  /// through a pointer (a thread, a signal handler, a context): the
  /// functions that may run there get limits scaled to it.
  uint64_t ProgramStack;
  /// Bytes promoted along the deepest call chain from each SCC down, and
  /// the first function of that chain below the SCC, for the chain budget.
  std::vector<uint64_t> ChainBytes;
  std::vector<const Function *> ChainVia;

  SummaryMap Summaries;
  DenseMap<const Function *, FunctionEscapeInfo> Results;

  StackLimits getLimits(const Function &F, unsigned SCCIdx) const;
  FunctionEscapeInfo solveFunction(Function &F, bool MayRecurse,
                                   unsigned SCCIdx);
  void findChainBelow(unsigned SCCIdx);
  void solveSCC(unsigned SCCIdx);
  void solveRecursiveSCC(ArrayRef<Function *> SCC, unsigned SCCIdx);
};
} // namespace

/// The limits \p F's promotions are decided under.
StackLimits ModuleDriver::getLimits(const Function &F, unsigned SCCIdx) const {
  StackLimits L;
  L.MaxSize = Opts.MaxSize;
  L.FrameBudget = Opts.FrameBudget;
  L.RecursiveBudget = Opts.RecursiveBudget;
  L.ChainBudget = Opts.ChainBudget;
  // A signal handler may run on top of any chain of the thread it
  // interrupts: half the budget for the chains, half for the handlers'.
  if (CG.getHooks().SignalHandlers)
    L.ChainBudget /= 2;
  L.ChainBelow = ChainBytes[SCCIdx];
  L.ChainVia = ChainVia[SCCIdx];
  if (ProgramStack && CG.isReachedThroughPointer(&F)) {
    uint64_t Chain = ProgramStack / ProgramStackChainDivisor;
    L.ProgramStack = ProgramStack;
    L.MaxSize = std::min(L.MaxSize, ProgramStack / ProgramStackObjectDivisor);
    L.FrameBudget = std::min(L.FrameBudget, Chain);
    L.RecursiveBudget = std::min(L.RecursiveBudget, Chain);
    L.ChainBudget = std::min(L.ChainBudget, Chain);
  }
  return L;
}

FunctionEscapeInfo ModuleDriver::solveFunction(Function &F, bool MayRecurse,
                                               unsigned SCCIdx) {
  FunctionEscapeInfo Info;
  Info.F = &F;
  Info.MayRecurse = MayRecurse;
  const CallSCC &C = CG.getSCCs()[SCCIdx];
  if (MayRecurse && C.Outside) {
    Info.RecursesByName = C.ByName;
    // Its own way out, or the SCC's (found once per SCC: one may hold
    // most of a module's functions).
    Info.RecursesVia = CG.lookup(&F)->OutsideCall;
    if (!Info.RecursesVia)
      Info.RecursesVia = C.OutsideCall;
  }
  Info.OptedOut = OptedOut.count(&F);
  Info.Limits = getLimits(F, SCCIdx);
  auto &TLI = FAM.getResult<TargetLibraryAnalysis>(F);
  auto &LI = FAM.getResult<LoopAnalysis>(F);
  // Fetched only when a size that is not a constant asks for a bound.
  auto GetLVI = [&]() -> LazyValueInfo * {
    return Opts.BoundSizes ? &FAM.getResult<LazyValueAnalysis>(F) : nullptr;
  };
  FunctionSolver(F, TLI, LI, GetLVI, Summaries, Opts, Info).run();
  return Info;
}

/// The deepest chain below SCC \p SCCIdx: its callees' SCCs are all done.
void ModuleDriver::findChainBelow(unsigned SCCIdx) {
  uint64_t Below = 0;
  const Function *Via = nullptr;
  for (const CallGraphNode *N : CG.getSCCs()[SCCIdx].Nodes)
    for (const CallGraphNode *Callee : N->Callees) {
      unsigned J = CG.getSCCIndex(Callee);
      assert(J <= SCCIdx && "callees' SCCs come first");
      if (J != SCCIdx && ChainBytes[J] > Below) {
        Below = ChainBytes[J];
        Via = Callee->F ? Callee->F : ChainVia[J];
      }
    }
  ChainBytes[SCCIdx] = Below;
  ChainVia[SCCIdx] = Via;
}

void ModuleDriver::solveSCC(unsigned SCCIdx) {
  const CallSCC &C = CG.getSCCs()[SCCIdx];
  findChainBelow(SCCIdx);
  // Only the members that matter: an SCC held together through code
  // outside the module (callbacks) can be most of a large program, while
  // few of its functions are on a path from an allocation. The SCC still
  // says who may recurse.
  SmallVector<Function *, 4> SCC;
  for (Function *F : C.functions())
    if (!F->hasOptNone() && (Opts.AnalyseAll || Needed.count(F)))
      SCC.push_back(F);
  if (SCC.empty())
    return;
  for (Function *F : SCC)
    Summaries[F] = FunctionSummary();
  if (C.Recursive) {
    solveRecursiveSCC(SCC, SCCIdx);
  } else {
    // Nothing in it calls back: one solve is final.
    for (Function *F : SCC) {
      Results[F] = solveFunction(*F, /*MayRecurse=*/false, SCCIdx);
      Summaries[F] = Results[F].Summary;
    }
  }
  // Every frame of the SCC may be on one chain: their promotions add up.
  uint64_t Own = 0;
  for (Function *F : SCC)
    Own += Results[F].PeakPromotedBytes + Results[F].PriorPromotedBytes;
  ChainBytes[SCCIdx] += Own;
}

/// The functions of a recursive SCC start from the optimistic summary (no
/// effects) and are solved again until their summaries stop changing: the
/// least fixed point, as Go solves an SCC as one graph. A worklist: a
/// function is solved again only when the summary of a function it calls
/// in the SCC changed.
void ModuleDriver::solveRecursiveSCC(ArrayRef<Function *> SCC,
                                     unsigned SCCIdx) {
  auto Callers = CG.callersWithin(SCC);
  SetVector<Function *> Dirty(SCC.begin(), SCC.end());
  uint64_t Budget = Opts.MaxSCCRounds * SCC.size();
  while (!Dirty.empty() && Budget) {
    --Budget;
    Function *F = Dirty.front();
    Dirty.remove(F);
    FunctionEscapeInfo Info = solveFunction(*F, /*MayRecurse=*/true, SCCIdx);
    if (Info.Summary != Summaries[F]) {
      Summaries[F] = Info.Summary;
      for (Function *Caller : Callers[F])
        Dirty.insert(Caller);
    }
    Results[F] = std::move(Info);
  }
  if (Dirty.empty())
    return;
  // It did not settle: assume the worst of every member, and decide its
  // sites under that.
  for (Function *F : SCC)
    Summaries[F] = FunctionSummary::worst(*F);
  for (Function *F : SCC) {
    Results[F] = solveFunction(*F, /*MayRecurse=*/true, SCCIdx);
    Results[F].Summary = Summaries[F];
  }
}

/// Where a site is, for the bisection's message.
static std::string getSiteLocation(const AllocSite &S) {
  const DebugLoc &DL = S.Call->getDebugLoc();
  if (!DL)
    return "";
  return (" at " + DL->getFilename() + ":" + Twine(DL.getLine()) + ":" +
          Twine(DL.getCol()))
      .str();
}

/// -goescape-limit and -debug-counter=goescape-promote: the promotable
/// sites, in module order, that the limit and the counter leave out are
/// kept (BisectLimit); with -goescape-limit=N, the Nth is named so a
/// bisection can stop on it.
static void applyBisection(EscapeInfo &Result, int64_t Limit) {
  raw_string_ostream OS(Result.BisectReport);
  int64_t Seen = 0;
  for (auto &[F, Info] : Result.Functions)
    for (AllocSite &S : Info.Sites) {
      if (!S.isPromotable())
        continue;
      ++Seen;
      if (Limit >= 0 && Seen > Limit) {
        S.Reason = KeepReason::BisectLimit;
        S.Limit = Limit;
        continue;
      }
      if (Seen == Limit)
        OS << "goescape-limit: site " << Seen << " is " << S.describe()
           << " in '" << F->getName() << "'" << getSiteLocation(S) << "\n";
      if (!DebugCounter::shouldExecute(PromoteCounter))
        S.Reason = KeepReason::DebugCounter;
    }
  if (Limit >= 0)
    OS << "goescape-limit: " << std::min(Seen, Limit) << " of " << Seen
       << " promotable sites promoted\n";
}

/// AllocSite::Copy and Copies: the sites of \p Info at one user position
/// and one written position (the innermost location), in module order.
static void numberCopies(FunctionEscapeInfo &Info) {
  using Key = std::tuple<const DIFile *, unsigned, unsigned, const DIFile *,
                         unsigned, unsigned>;
  std::map<Key, SmallVector<AllocSite *, 2>> Groups;
  for (AllocSite &S : Info.Sites) {
    const DILocation *Inner = S.Call->getDebugLoc().get();
    if (!Inner)
      continue;
    const DILocation *Outer = Inner;
    while (const DILocation *IA = Outer->getInlinedAt())
      Outer = IA;
    Groups[{Outer->getFile(), Outer->getLine(), Outer->getColumn(),
            Inner->getFile(), Inner->getLine(), Inner->getColumn()}]
        .push_back(&S);
  }
  for (auto &[K, Sites] : Groups)
    for (unsigned I = 0, E = Sites.size(); I != E; ++I) {
      Sites[I]->Copy = I + 1;
      Sites[I]->Copies = E;
    }
}

EscapeInfo ModuleDriver::run() {
  // scc_iterator's order: callees before callers.
  for (unsigned Idx = 0, E = CG.getSCCs().size(); Idx != E; ++Idx)
    solveSCC(Idx);
  // Module order, so that printed output is deterministic.
  EscapeInfo Result;
  for (Function &F : M) {
    auto It = Results.find(&F);
    if (It != Results.end())
      Result.Functions.insert({&F, std::move(It->second)});
  }
  applyBisection(Result, Opts.BisectLimit);
  SourceRecord Written(M);
  for (auto &[F, Info] : Result.Functions) {
    keepCloneGroupsWhole(Info);
    numberCopies(Info);
    for (AllocSite &S : Info.Sites) {
      StringRef Name = Written.getWrittenCallee(S.Call->getDebugLoc().get());
      if (!Name.empty() && Name != S.getCalleeName())
        S.WrittenAs = Name;
    }
  }
  return Result;
}

EscapeInfo GoEscapeAnalysis::run(Module &M, ModuleAnalysisManager &MAM) {
  return ModuleDriver(M, MAM, Opts).run();
}

bool goescape::needsExactCopy(const Function &F) {
  return !F.isDeclaration() &&
         (F.hasLinkOnceODRLinkage() || F.hasWeakODRLinkage()) &&
         !F.hasFnAttribute(Attribute::Naked) && canCopyBody(F);
}

bool goescape::canCopyBody(const Function &F) {
  return none_of(F, [](const BasicBlock &BB) { return BB.hasAddressTaken(); });
}

bool goescape::isBodyUsed(const Function &F) {
  if (F.isDeclaration() || F.isInterposable())
    return false;
  return F.hasExactDefinition() || needsExactCopy(F);
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
    if (Info.Summary.Constructs)
      OS << " (constructor)";
    if (Info.Summary.FreesParam >= 0)
      OS << " (free wrapper)";
    OS << "\n";
    for (const AllocSite &S : Info.Sites) {
      OS << "  ";
      if (!S.Call->getType()->isVoidTy() &&
          S.Kind != AllocKind::PosixMemalign) {
        S.Call->printAsOperand(OS, /*PrintType=*/false, MST);
        OS << " = ";
      }
      OS << S.describe() << ": ";
      if (S.isPromotable()) {
        OS << "promoted (align " << S.Alignment.value();
        if (S.ViaConstructor)
          OS << ", constructor specialised";
        if (S.CarriedSlots)
          OS << ", " << S.CarriedSlots << " " << *S.Size
             << "-byte slots each taken while free"
             << (S.Fallback ? " when it fits" : "") << ", heap otherwise";
        else if (S.Fallback)
          OS << ", " << *S.Size << "-byte slot when it fits, heap otherwise";
        if (!S.Reallocs.empty()) {
          if (!S.Fallback)
            OS << ", " << S.getSlotSize() << "-byte slot, heap";
          else
            OS << " or";
          OS << " once realloc outgrows it (" << S.Reallocs.size()
             << (S.Reallocs.size() == 1 ? " realloc)" : " reallocs)");
        }
        if (!S.Frees.empty())
          OS << ", " << S.Frees.size()
             << (S.Frees.size() == 1 ? " free" : " frees")
             << (S.mayBeOnHeap() ? " only for the heap" : " removed");
        unsigned Idx = &S - Info.Sites.data();
        for (const FreeCloneCall &C : Info.CloneCalls)
          if (is_contained(C.Sites, Idx))
            OS << ", freed by a copy of '"
               << C.Call->getCalledFunction()->getName()
               << "' without its frees";
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
  EscapeInfo EI = GoEscapeAnalysis(Opts).run(M, MAM);
  errs() << EI.BisectReport;
  EI.print(OS, M);
  return PreservedAnalyses::all();
}
