//===- Solver.h - The per-function points-to solver -------------*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// FunctionSolver, the analysis of one function: goescape's
/// InstCombineInternal.h. It declares the solver's state and every step;
/// the steps are defined by concern:
///
///   Solver.cpp        the object sets, escapes, non-call instructions, and
///                     run(): the order of decisions
///   SolverMemory.cpp  loads, stores and copies, by byte range
///   SolverCalls.cpp   the rules for calls without a summary
///   SummaryFlow.cpp   reading a summary off the solved graph, and applying
///                     a callee's summary at a call: both ends of one encoding
///   Placement.cpp     what one stack slot per site can do: frees, loops,
///                     the frame and chain budgets, tail calls
///
/// The invariant every transfer function keeps: it only adds bits (to PT,
/// Content, Slots, Escaped, Freed, ...) and sets Changed when it does, so
/// that re-visiting the function until nothing changes reaches the least
/// fixed point. The algorithm and its edges are described at the top of
/// EscapeAnalysis.cpp.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_LIB_SOLVER_H
#define GOESCAPE_LIB_SOLVER_H

#include "AllocSites.h"

#include "goescape/EscapeAnalysis.h"
#include "goescape/Summary.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Analysis/StackLifetime.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"

#include <memory>
#include <optional>
#include <vector>

namespace llvm {
class AllocaInst;
class LazyValueInfo;
class Loop;
class LoopInfo;
class MemTransferInst;
class TargetLibraryInfo;
} // namespace llvm

namespace goescape {

/// Object number of the heap: all memory the function did not create and
/// that is not reached through its parameters.
constexpr unsigned HeapObj = 0;

/// Past this many competing sites in one function, the budget charges
/// their sizes' sum instead of working out which may share stack (the
/// pairwise liveness is quadratic in the sites).
constexpr unsigned MaxSitesForLiveness = 64;

/// The most distinct ranges an object keeps apart before it lumps new
/// ones in with "anywhere": past it, precision costs more than it finds.
constexpr unsigned MaxSlotsPerObject = 16;

/// The most byte ranges of a parameter a recursive function's summary reads
/// as data before it says "anywhere": recursion on p + k adds one range per
/// round of its SCC, and would not settle within MaxSCCRounds otherwise.
constexpr unsigned MaxRecursiveIntReads = 4;

/// The most data ranges a load keeps apart before it treats every byte it
/// reads as data.
constexpr unsigned MaxDataRanges = 16;

/// The most byte ranges a summary gives one flow into a parameter's
/// content before it says "anywhere".
constexpr unsigned MaxFlowRanges = 4;

/// Why an object escaped: the first sink it reached.
struct EscapeRecord {
  KeepReason Reason = KeepReason::None;
  const llvm::Instruction *Culprit = nullptr;
  const llvm::Value *Container = nullptr;
};

/// What an object is: the heap, an allocation site, an alloca, or what a
/// pointer parameter reaches (at level 0, 1 or 2: NumLevels).
struct ObjectInfo {
  const llvm::Value *V = nullptr; ///< the site's call, the alloca, the argument
  std::optional<unsigned> Site;   ///< its index in Info.Sites
  std::optional<unsigned> Param;  ///< its argument number
  unsigned Level = 0;
};

class FunctionSolver {
public:
  /// \p GetLVI, asked only when a size is not a constant, gives the
  /// LazyValueInfo that bounds it (null: no bounds).
  FunctionSolver(llvm::Function &F, const llvm::TargetLibraryInfo &TLI,
                 llvm::LoopInfo &LI,
                 llvm::function_ref<llvm::LazyValueInfo *()> GetLVI,
                 const SummaryMap &Summaries, const GoEscapeOptions &Opts,
                 FunctionEscapeInfo &Info)
      : F(F), TLI(TLI), LI(LI), GetLVI(GetLVI), DL(F.getDataLayout()),
        Summaries(Summaries), Opts(Opts), Info(Info), RPOT(&F) {}

  /// Fills in Info: a verdict for every site, the summary, the wrappers.
  void run();

private:
  llvm::Function &F;
  const llvm::TargetLibraryInfo &TLI;
  llvm::LoopInfo &LI;
  llvm::function_ref<llvm::LazyValueInfo *()> GetLVI;
  const llvm::DataLayout &DL;
  const SummaryMap &Summaries;
  const GoEscapeOptions &Opts;
  FunctionEscapeInfo &Info;
  /// Only reachable code: nothing in an unreachable block runs, and its
  /// uses are never visited.
  llvm::ReversePostOrderTraversal<llvm::Function *> RPOT;

  llvm::SmallVector<ObjectInfo, 16> Objects;
  llvm::DenseMap<const llvm::Value *, unsigned> ObjectOf;
  /// For each pointer parameter, the number of its level-0 object; its
  /// deeper levels follow it.
  llvm::DenseMap<const llvm::Argument *, unsigned> ParamObject;

  llvm::DenseMap<const llvm::Value *, llvm::BitVector> PT;
  /// Content[O]: every object whose address O may hold, anywhere in it.
  std::vector<llvm::BitVector> Content;
  /// The same, by where in O: addresses stored at known offsets, and
  /// addresses (or the heap, for bits of unknown origin) stored anywhere.
  struct Slot {
    ByteRange Range;
    llvm::BitVector Objs;
  };
  std::vector<llvm::SmallVector<Slot, 2>> Slots;
  /// Byte ranges of each parameter's objects (at every level) read as
  /// data, for the summary.
  llvm::DenseMap<unsigned, llvm::SmallVector<ByteRange, 2>> IntReads;
  /// The same for the ranges pointers are loaded from (PtrReads).
  llvm::DenseMap<unsigned, llvm::SmallVector<ByteRange, 2>> PtrReads;
  /// Objects a pointer into whose middle (or of unknown offset) may be in
  /// memory: a pointer loaded from memory points to the start of any other
  /// object it may point to (for a parameter's deeper levels: where the
  /// pointer stored there points), so offsets from it are offsets into
  /// the object.
  llvm::BitVector Interior;
  llvm::BitVector Escaped, Freed, ParamObjects, ReturnedPT;
  /// The first instruction that stored each object into each container,
  /// to say where a chain of escapes passed (-goescape-m=2).
  llvm::DenseMap<std::pair<unsigned, unsigned>, const llvm::Instruction *>
      StoredBy;
  std::vector<EscapeRecord> EscapeCause;
  /// The empty set, and the set holding only the heap.
  llvm::BitVector NoObjects, HeapSet;
  llvm::BitVector Realloced;
  /// Of Freed, what a callee frees in a copy that can drop it (applySummary):
  /// no free call of this function's own.
  llvm::BitVector FreedByCallee;
  /// Of Freed, what a free() reaches for sure (ParamSummary::FreesSurely).
  llvm::BitVector SurelyFreed;
  /// For each object of Freed, the allocation family of what frees it
  /// (ParamSummary::FreesFamily): MixedFamilies where two differ.
  std::vector<llvm::StringRef> FreedFamily;
  bool Changed = false;

  /// Deallocation calls seen, with what they free.
  llvm::SmallVector<FreeCall, 8> FreeCalls;
  /// Frees that may get a site's object or another (decideFrees), for
  /// decideSharedFrees once it is known which sites test their frees.
  struct SharedFree {
    unsigned Site;
    const llvm::CallBase *Call;
    const llvm::Value *Freed;
  };
  llvm::SmallVector<SharedFree, 4> SharedFrees;
  /// The C library's realloc calls (isGrowingRealloc), in the order first
  /// seen: of the function's own sites, they return the same object.
  llvm::SmallSetVector<const llvm::CallBase *, 4> GrowingReallocs;
  /// Calls whose callee's summary frees what an argument reaches.
  llvm::SmallSetVector<const llvm::CallBase *, 4> FreeingCalls;
  /// What a parameter reaches may be freed where no copy can drop it (by
  /// the C library, realloc, or a callee that is not FreesDroppable).
  bool OpaqueParamFree = false;
  llvm::SmallVector<const llvm::CallInst *, 8> TailCallList;
  bool HasMustTail = false;
  /// For detectConstructor's second solve: the object whose return is not
  /// an escape, so that what else the function does with it shows.
  std::optional<unsigned> ProbeObject;

  // Solver.cpp: objects and their sets.
  unsigned numObjects() const { return Objects.size(); }
  std::optional<unsigned> siteOf(unsigned O) const { return Objects[O].Site; }
  AllocSite &siteOfObject(unsigned O);
  const llvm::BitVector &getPT(const llvm::Value *V);
  bool addAll(llvm::BitVector &Dst, const llvm::BitVector &Src);
  void addPT(const llvm::Value *V, const llvm::BitVector &Src);
  void addUnknownContent(const llvm::BitVector &Objs);
  llvm::BitVector loadContent(const llvm::BitVector &Ptrs);
  /// Everything reachable from \p Ptrs by one or more loads.
  llvm::BitVector reachable(const llvm::BitVector &Ptrs);
  void escape(const llvm::BitVector &Objs, KeepReason R,
              const llvm::Instruction *I,
              const llvm::Value *Container = nullptr);
  /// Escapes \p Objs except the parameters' objects: returning what a
  /// parameter points to, or storing it into what another parameter points
  /// to, is a flow the caller resolves, not an escape.
  void escapeLocalObjects(const llvm::BitVector &Objs, KeepReason R,
                          const llvm::Instruction *I);
  /// \p Objs are freed, by a deallocation function of \p Family.
  void markFreed(const llvm::BitVector &Objs, llvm::StringRef Family);
  /// Frees \p Objs at \p CB: they escape as FreedByCall or Reallocated.
  void freeObjects(const llvm::BitVector &Objs, KeepReason R,
                   const llvm::CallBase &CB);
  /// Are \p Objs (some) all allocation sites of this function?
  bool onlyOwnSites(const llvm::BitVector &Objs) const;
  /// An escaped object is part of the heap: unknown code may read what it
  /// holds and store anything into it.
  void closeEscapes();
  void visit(llvm::Instruction &I);
  bool isAddressOfOnly(const llvm::Value *V, unsigned O);
  /// Does the integer of ptrtoint \p Conv reveal nothing that could rebuild
  /// the address (t - s, p % 16, p != NULL)?
  bool addressNeverComesBack(const llvm::Instruction &Conv);
  /// Is ptrtoint \p Conv, as wide as the pointer, only stored, whole, to
  /// memory (LLVM's spelling of a pointer copy: a unique_ptr moved)? Its
  /// bytes there are the address a pointer store leaves, and are tracked
  /// as one: the store puts the objects in the memory's content.
  bool isStoredWhole(const llvm::Instruction &Conv) const;

  // SolverMemory.cpp: contents by byte range.
  /// The bytes a load or store of \p T touches; ToEnd when that is not a
  /// fixed number (a scalable vector, an unsized type).
  uint64_t storeSize(llvm::Type *T) const;
  /// The offset of \p Ptr into object \p O, when \p Ptr is a constant
  /// offset from O's own pointer, from a pointer loaded from memory (the
  /// start of O, unless O is Interior), from what realloc returned (the
  /// start of the block), or from phis and selects whose
  /// incoming pointers into O all have one offset (a cycle of them adding
  /// none); UnknownOffset otherwise (a variable index, a call's result, an
  /// offset that grows in a loop).
  int64_t offsetIn(const llvm::Value *Ptr, unsigned O) const;
  /// offsetIn, looking through at most \p Budget more phis and selects,
  /// inside those of \p Open.
  int64_t offsetIn(const llvm::Value *Ptr, unsigned O, unsigned &Budget,
                   llvm::SmallVectorImpl<const llvm::Value *> &Open) const;
  /// \p Stored, a value that goes into memory, may point into the middle
  /// of the objects it points to: they become Interior.
  void noteStoredPointer(const llvm::Value *Stored);
  void markInterior(const llvm::BitVector &Objs);
  void addContent(unsigned O, ByteRange R, const llvm::BitVector &Vals);
  llvm::BitVector contentAt(unsigned O, ByteRange R) const;
  /// What a load of type \p T through \p Ptr may produce. The bytes it
  /// reads as data (an integer, a float, the integer fields and padding of
  /// a struct) rather than as a pointer expose the address of anything
  /// stored there, whatever the type around them: LLVM's implicit
  /// ptrtoint.
  llvm::BitVector loadAt(const llvm::Value *Ptr, llvm::Type *T,
                         const llvm::Instruction &I);
  /// Bytes \p R of object \p O are read as data: the addresses stored there
  /// are exposed and escape. What a parameter points to is the caller's to
  /// judge: the summary records the bytes read instead.
  void readAsData(unsigned O, ByteRange R, const llvm::Instruction &I);
  /// Bytes \p R of object \p O may be loaded as pointers: for a
  /// parameter's object, the summary's PtrReads (what it can reach).
  void readPointers(unsigned O, ByteRange R);
  /// Code we do not see may load pointers from anywhere in \p Objs and
  /// in what they reach.
  void readAllPointers(const llvm::BitVector &Objs);
  /// Adds \p R to the ranges of \p Reads, past a limit "anywhere".
  void addRange(llvm::SmallVectorImpl<ByteRange> &Reads, ByteRange R);
  /// Stores \p Vals into the content of \p Targets. Into the heap, the
  /// values escape; into what a parameter points to, the function's own
  /// objects escape (they outlive the frame) and the parameters' are a flow.
  /// Stores \p Vals at \p R of object \p O (not the heap).
  void storeAt(unsigned O, ByteRange R, const llvm::BitVector &Vals,
               const llvm::Instruction &I);
  void storeInto(const llvm::BitVector &Targets, const llvm::BitVector &Vals,
                 const llvm::Instruction &I, const llvm::Value *Ptr,
                 uint64_t Size = ByteRange::ToEnd);
  void escapeStored(const llvm::BitVector &Targets,
                    const llvm::BitVector &Vals, const llvm::Instruction &I,
                    const llvm::Value *Ptr);
  /// memcpy and memmove copy content to content: pointers hidden in the
  /// bytes move too, to the same offsets when both ends and the length are
  /// known.
  void copyContent(const llvm::MemTransferInst &MT);

  // SolverCalls.cpp: calls.
  void visitCall(llvm::CallBase &CB);
  /// The rules for the arguments of a call whose callee has no summary:
  /// its attributes, or what C's libraries are known to do. \p SkipArg is
  /// handled by the caller.
  void visitCallArgs(llvm::CallBase &CB, std::optional<unsigned> SkipArg);
  void visitFormattedIOArg(const llvm::CallBase &CB, const llvm::Value *Arg,
                           const llvm::BitVector &A);
  /// Pointers in operand bundles go where we cannot follow.
  void escapeBundleOperands(llvm::CallBase &CB);

  // SummaryFlow.cpp: summaries, written and read.
  /// Applies the callee's summary to the objects the arguments point to.
  /// Returns false if there is no summary to apply. With \p ResultIsSite
  /// (a constructor's call), the result is the call's own object, not what
  /// the summary says it may be.
  bool applySummary(llvm::CallBase &CB, bool ResultIsSite = false);
  /// What the call frees or reallocs of what its arguments reach; returns
  /// whether a copy of the callee can drop those frees (then they are
  /// freed but need not escape).
  bool applyCalleeFrees(llvm::CallBase &CB, const FunctionSummary &S);
  /// Where the callee's parameter \p ArgNo sends what it reaches: the heap,
  /// its result, another parameter's objects.
  void applyParamFlows(llvm::CallBase &CB, unsigned ArgNo,
                       const ParamSummary &P, bool ResultIsSite);
  /// What the callee does at each level of the objects \p A the argument
  /// points to: frees (unless \p Droppable), unknown bits written, bytes
  /// read as data, pointers loaded.
  void applyParamEffects(llvm::CallBase &CB, unsigned ArgNo,
                         const llvm::BitVector &A, const ParamSummary &P,
                         bool Droppable);
  using FreedLevelFn =
      llvm::function_ref<void(const llvm::BitVector &, llvm::StringRef)>;
  /// What a call with summary \p S may free (or realloc, \p Reallocs)
  /// of what its arguments reach. \p EachLevel gets the objects of each
  /// level the callee frees, with the family of its frees
  /// (ParamSummary::FreesFamily).
  llvm::BitVector freedByCall(const llvm::CallBase &CB,
                              const FunctionSummary &S, bool &Reallocs,
                              llvm::BitVector *Surely = nullptr,
                              FreedLevelFn EachLevel = nullptr);
  /// The objects argument \p ArgNo of \p CB reaches in \p L loads: the
  /// callee's level-L objects.
  llvm::BitVector objectsAtLevel(const llvm::CallBase &CB, unsigned ArgNo,
                                 unsigned L);
  /// The same, through the ranges the callee loads pointers from only
  /// (\p P's PtrReads): what it can reach to free.
  llvm::BitVector reachedAtLevel(const llvm::CallBase &CB, unsigned ArgNo,
                                 unsigned L, const ParamSummary &P);
  /// Where the callee's offsets into its level-\p L object start in \p O,
  /// one of the caller's objects the argument \p Arg reaches in L loads:
  /// the argument's offset at level 0, the start of a loaded pointer's
  /// object deeper (unless O is Interior).
  int64_t levelBase(const llvm::Value *Arg, unsigned O, unsigned L) const;
  /// The ranges of object \p O whose addresses \p Holds accepts, in order;
  /// past MaxFlowRanges, anywhere.
  void slotRanges(unsigned O, llvm::SmallVectorImpl<ByteRange> &Out,
                  llvm::function_ref<bool(const llvm::BitVector &)> Holds);
  /// Reads the function's summary off the solved graph: where each
  /// parameter's objects ended up.
  void summarize();
  /// Records in the summary whether the function is a constructor
  /// (FunctionSummary::Constructs): its one returned site is returned and
  /// does nothing else that escapes, by a second solve in which returning
  /// it is not an escape.
  void detectConstructor();

  // Placement.cpp: what one stack slot per site can do.
  /// Which sites may grow from their slot: each realloc of the object gets
  /// it alone, through its start.
  void decideReallocs();
  void decideFrees();
  /// The calls that may go to a copy of their callee without its frees,
  /// and whether this function may have such a copy.
  void decideFreeClones();
  void decideLoops();
  void decideSharedFrees();
  bool diesEachIteration(unsigned C, const llvm::Loop &L);
  bool canTakeCarriedSlots(const AllocSite &S) const;
  /// Stack objects' lifetimes from their markers, when a loop asks.
  std::unique_ptr<llvm::StackLifetime> Lifetimes;
  void decideFunctionShape();
  void decideBudget();
  void collectTailCalls();

  // Solver.cpp: the steps of run().
  void seedObjects();
  void checkObjectLimit();
  bool overWorkLimit();
  void initSets();
  void solve();
  void recordEscapes();
};

/// A copy of a call's callee without its frees frees nothing its caller
/// owns only if every site the call may free is promoted: where one of a
/// FreeCloneCall's sites is kept, the others are kept too.
void keepCloneGroupsWhole(FunctionEscapeInfo &Info);

} // namespace goescape

#endif // GOESCAPE_LIB_SOLVER_H
