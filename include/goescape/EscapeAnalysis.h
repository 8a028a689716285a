//===- goescape/EscapeAnalysis.h - Go-style escape analysis -----*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The escape analysis: for every heap allocation site in a module, decides
/// whether the object it creates can outlive the frame that created it, the
/// way the Go compiler decides whether a value is "moved to heap".
///
/// Three parts, as in-tree analyses have them:
///  - EscapeInfo, the result: per function, the allocation sites with their
///    verdict (promotable, or kept with a reason and the instruction that
///    caused it). It can be queried and printed.
///  - GoEscapeAnalysis, the module analysis that computes it.
///  - GoEscapePrinterPass, `-passes='print<goescape>'`.
///
/// The transform (HeapToStack.h) only asks this result and rewrites; the text
/// a user sees and the decision the pass made therefore never disagree.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_ESCAPEANALYSIS_H
#define GOESCAPE_ESCAPEANALYSIS_H

#include "goescape/Summary.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Support/Alignment.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class CallBase;
class CallInst;
class Function;
class Instruction;
class Module;
class ModuleSlotTracker;
class Value;
class raw_ostream;
} // namespace llvm

namespace goescape {

/// The function HeapToStack adds for the heap block of an object that
/// outgrows its slot: never an allocation wrapper, so that a second run of
/// the pass leaves the block where the first one put it.
constexpr const char *HeapBlockFnName = "goescape.malloc";

/// What kind of allocation function created an object. It decides how the
/// object is rewritten (zeroed for calloc, stored through the out-parameter
/// for posix_memalign) and which deallocator may free it.
enum class AllocKind : uint8_t {
  Malloc,        ///< malloc, valloc, pvalloc, and allocsize-like functions
  Calloc,        ///< calloc: promoted slots are zero-filled
  Aligned,       ///< aligned_alloc, memalign: explicit alignment
  PosixMemalign, ///< posix_memalign(&p, align, size): result via memory
  New,           ///< C++ operator new / new[] and their variants
  StrDup,        ///< strdup, strndup: a copy of unknown length
};

/// Why a site stays on the heap (None: it may be promoted). Escape reasons
/// come first; the others are reasons not to promote an object that does
/// not escape. The order is the order of precedence when several apply:
/// KeepReasons.def lists them, with their remark names.
enum class KeepReason : uint8_t {
#define GOESCAPE_REASON(Enum, RemarkName, IsEscape) Enum,
#include "goescape/KeepReasons.def"
};

/// True if \p R says the object escapes its frame (as opposed to staying on
/// the heap for another reason).
inline bool isEscape(KeepReason R) {
  static constexpr bool Escapes[] = {
#define GOESCAPE_REASON(Enum, RemarkName, IsEscape) bool(IsEscape),
#include "goescape/KeepReasons.def"
  };
  return Escapes[unsigned(R)];
}

/// A stable CamelCase name for \p R, used as the remark name.
llvm::StringRef getReasonName(KeepReason R);

/// The knobs the analysis decides under, in the style of SROAOptions and
/// InlineParams: filled once where the passes are registered (from the
/// -goescape-* options, Passes.cpp), handed to the analysis, and recorded
/// with each decision (AllocSite::Limit, FunctionEscapeInfo::Limits), so
/// that the words a user reads state the limit that was used.
struct GoEscapeOptions {
  /// The largest object moved to the stack, in bytes (inclusive).
  uint64_t MaxSize = 65536;
  /// The most a frame may hold after promotion, its allocas included.
  uint64_t FrameBudget = 128 * 1024;
  /// The same for a function that may recurse or has a frame of run-time
  /// size: 0 promotes nothing there.
  uint64_t RecursiveBudget = 0;
  /// The most promoted along any call chain, all its frames together.
  uint64_t ChainBudget = 256 * 1024;
  /// Give up on a function whose values times objects exceed this.
  uint64_t MaxWork = 64u << 20;
  /// The most solves per member a recursive SCC's summaries may take to
  /// settle before the worst is assumed of them: each solve only adds
  /// flows, so real code settles in two or three.
  unsigned MaxSCCRounds = 16;
  /// Give a size known only at run time a slot of its proven upper bound
  /// (LazyValueInfo), when the bound is within MaxSize.
  bool BoundSizes = true;
  /// A size known only at run time with no bound: a slot of this many
  /// bytes when the size fits, the heap otherwise (0: keep such sites).
  uint64_t SmallBuffer = 64;
  /// Slots for a site whose objects a loop carries past the site's next
  /// execution, each taken while free (0: keep such sites on the heap).
  unsigned CarriedSlots = 2;
  /// Promote only the first N promotable sites of the module (-1: all).
  int64_t BisectLimit = -1;
  /// Analyse every defined function, not only those a promotion may
  /// depend on (for print<goescape> and the -goescape-m report).
  bool AnalyseAll = false;

  /// The transform's and the report's own knobs, which the analysis does
  /// not read.
  unsigned ReportLevel = 0; ///< -goescape-m: 0, 1 or 2
  bool Disable = false;     ///< -goescape-disable
};

/// One deallocation call that frees exactly one site's object.
struct SiteFree {
  const llvm::CallBase *Call = nullptr;
  /// The pointer it frees: the allocation itself, or a pointer derived
  /// from it (a phi with null, a GEP back to the start).
  const llvm::Value *Freed = nullptr;
};

/// One allocation call site and the analysis' verdict on it.
struct AllocSite {
  const llvm::CallBase *Call = nullptr;
  AllocKind Kind = AllocKind::Malloc;
  /// The size in bytes, when it is a compile-time constant, or the largest
  /// it may be (SizeIsBound).
  std::optional<uint64_t> Size;
  /// The size is a value known only at run time, and Size is its proven
  /// upper bound: a promoted slot has the bound's size.
  bool SizeIsBound = false;
  /// The size is known only at run time and has no bound: a promoted
  /// object gets a slot of Size bytes (-goescape-small-buffer) when it
  /// fits, and the real allocation otherwise; its frees free only heap.
  bool Fallback = false;
  /// The alignment a promoted slot must have.
  llvm::Align Alignment;
  /// The allocation family ("malloc", "_Znwm", ...): only a deallocator of
  /// the same family may free the object.
  llvm::StringRef Family;
  /// True if the call is to an allocation wrapper (xmalloc) rather than to
  /// the allocation function itself.
  bool ViaWrapper = false;
  /// True if the call is to a constructor (FunctionSummary::Constructs):
  /// the object is the one it allocates and returns, of that allocation's
  /// kind, size and family. Promoted, the call goes to a copy of the
  /// constructor that fills the slot instead.
  bool ViaConstructor = false;
  /// For a Fallback site called through a wrapper (xmalloc(n)): where its
  /// size (and calloc's count) come from, an operand of Call that the
  /// wrapper passes on unchanged or a constant; a direct call's allocsize
  /// names its own.
  struct WrapperOperand {
    std::optional<unsigned> Arg;
    uint64_t Const = 0;
  };
  std::optional<WrapperOperand> WrapperSize, WrapperNum;
  /// None if the site may be promoted.
  KeepReason Reason = KeepReason::None;
  /// The instruction that made the object escape or be kept (a store, a
  /// call, a return, a free), when there is one.
  const llvm::Instruction *Culprit = nullptr;
  /// For StoredIntoEscaping: the object (an allocation call or an alloca)
  /// this one was stored into; following these links gives the chain to the
  /// real escape.
  const llvm::Value *Container = nullptr;
  /// Deallocation calls that free exactly this object, removed on promotion.
  llvm::SmallVector<SiteFree, 2> Frees;
  /// The C library's realloc calls of this object in its own function, in
  /// module order. The pointers they return are the same object: a
  /// promoted object grows in its slot, of GrowTo bytes, and moves to the
  /// heap when a realloc asks for more (Go 1.26's append); its frees then
  /// free only heap.
  llvm::SmallVector<const llvm::CallBase *, 1> Reallocs;
  /// For a site with Reallocs: the slot's size, at least Size (the small
  /// buffer, when it is larger and the size limit allows).
  uint64_t GrowTo = 0;
  /// For a site in a loop whose objects may outlive the next execution
  /// (a vector's old storage, deleted after the new one is made; a buffer
  /// kept for the next iteration): the slots it has, each handed out only
  /// while no live object holds it, the heap when none is free (0: one
  /// slot, reused by every execution).
  unsigned CarriedSlots = 0;
  /// Calls marked `tail` that may receive a pointer into this object; a
  /// promoted object must not reach a tail call.
  llvm::SmallVector<const llvm::CallInst *, 1> TailCalls;
  /// Innermost loop depth of the site (0 outside loops).
  unsigned LoopDepth = 0;
  /// The limit the verdict was decided against (bytes for TooLarge and the
  /// budget reasons, the small buffer that was on for NonConstantSize, the
  /// site count for BisectLimit), so the words say the limit that was used.
  uint64_t Limit = 0;
  /// A size reason the escape outranked (TooLarge, with Limit): the site
  /// would stay on the heap for it too, which advice to stop the escape
  /// must say.
  KeepReason AlsoKept = KeepReason::None;
  /// For ChainBudget: bytes promoted below the function along its deepest
  /// call chain, and the callee that chain goes through.
  uint64_t ChainBelow = 0;
  const llvm::Function *ChainVia = nullptr;
  /// For ChainBudget: bytes an earlier run of goescape moved to the
  /// function's own stack (FunctionEscapeInfo::PriorPromotedBytes).
  uint64_t ChainOwn = 0;
  /// For RecursionBudget: the call through which the function may recurse
  /// by way of code outside the module (FunctionEscapeInfo::RecursesVia).
  const llvm::CallBase *RecursesVia = nullptr;
  /// ... and the cycle may go through other files, which call functions
  /// by name (not only through pointers the module handed out).
  bool RecursesByName = false;
  /// When the limits were scaled to a stack the program sets up itself:
  /// that stack's size in bytes.
  uint64_t ProgramStack = 0;
  /// Sites of one function at one source position, written at the same
  /// place and reached through the same call (a macro that allocates
  /// twice, a loop the optimiser unrolled): this one is copy Copy of
  /// Copies, in module order. 1 of 1 alone or without a debug location.
  unsigned Copy = 1, Copies = 1;
  /// The function the source called, when LLVM rewrote the call into
  /// another (DSE's malloc + memset into calloc; SourceRecord.h); "" when
  /// it is the callee or not known.
  llvm::StringRef WrittenAs;

  bool isPromotable() const { return Reason == KeepReason::None; }
  /// May a promoted object be on the heap at run time, so that its frees
  /// must test for the slot: its size is known only then, or it grows.
  bool mayBeOnHeap() const {
    return Fallback || !Reallocs.empty() || CarriedSlots;
  }
  /// The bytes of a promoted site's slot.
  uint64_t getSlotSize() const { return std::max(Size.value_or(0), GrowTo); }
  /// The stack bytes its slots take, all of them.
  uint64_t getStackBytes() const {
    return getSlotSize() * std::max(CarriedSlots, 1u);
  }
  /// The allocation function's name ("malloc", "_Znwm", ...).
  llvm::StringRef getCalleeName() const;
  /// A short C-like spelling of the call: "malloc(16)", "calloc(?)".
  std::string describe() const;
  /// The same as the source wrote it ("malloc(32)" for a calloc LLVM made
  /// of a malloc and a memset), for the words a programmer reads.
  std::string describeAsWritten() const;
  /// " (LLVM rewrote it as calloc)" for such a call, "" otherwise.
  std::string describeRewrite() const;
  /// What promotion does with it: "moved to stack", or for a Fallback
  /// site "moved to stack when its size is at most 64 bytes, heap
  /// otherwise", and for one that grows, until when.
  std::string describeMove() const;
  /// Why the site stays on the heap, in words, naming the culprit.
  std::string describeReason() const;
  /// What to change in the source so that it moves, for a reason where one
  /// change does it (a free in the loop, one object per free, a constant
  /// size); "" for the others, where the reason says all there is.
  std::string describeAdvice() const;

private:
  std::string describeAs(llvm::StringRef Name) const;
};

/// The metadata kind the transform puts on every slot it makes, so that a
/// later run (`-passes=goescape,goescape`; clang with the plugin on IR a
/// build with the plugin wrote) counts those bytes as promoted ones.
inline constexpr char SlotMetadataKind[] = "goescape.slot";

/// The stack limits one function's promotions are decided under.
struct StackLimits {
  uint64_t MaxSize = 0;         ///< the largest object
  uint64_t FrameBudget = 0;     ///< the most a frame may hold, allocas included
  uint64_t RecursiveBudget = 0; ///< the same, if it may recurse or has a VLA
  uint64_t ChainBudget = 0;     ///< the most promoted along any call chain
  /// Already promoted below the function along its deepest chain, and the
  /// callee that chain goes through.
  uint64_t ChainBelow = 0;
  const llvm::Function *ChainVia = nullptr;
  /// The smallest stack the program sets up that the function may run on,
  /// when the limits above were scaled to it; 0 otherwise.
  uint64_t ProgramStack = 0;
};

/// A call of a function whose frees of what its arguments reach can all be
/// dropped in a copy of it (FunctionSummary::FreesDroppable), where what
/// the call may free is only allocation sites of the caller. If they are
/// all promoted, the call goes to the copy; if one is kept, all are, and
/// the call frees them as written.
struct FreeCloneCall {
  const llvm::CallBase *Call = nullptr;
  llvm::SmallVector<unsigned, 4> Sites; ///< indices into Sites
};

/// Does goescape read \p F's body to judge its callers: a definition that
/// is the one that runs (hasExactDefinition), or one the linker may swap
/// for another translation unit's copy of the same source (linkonce_odr,
/// weak_odr: C++'s inline and template functions; needsExactCopy). Not a
/// weak or linkonce definition, which another of any body may replace.
bool isBodyUsed(const llvm::Function &F);
/// \p F's body is used, but may not be the one that runs: the calls that
/// rely on it go to an internal copy of it, `F.goescape.exact`
/// (HeapToStack.cpp), so that the code that runs is the code analysed.
bool needsExactCopy(const llvm::Function &F);
/// Does a copy of \p F run as F does? Not if a block of F has its address
/// taken (GNU C's `&&label` for a computed goto): the copy's blockaddress
/// constants still name F's blocks, and its indirect branches would jump
/// into F's body, in another frame.
bool canCopyBody(const llvm::Function &F);

/// The words for why a parameter of \p F leaks (ParamSummary::Leaks), as
/// describeReason() says them for a site: "stored to global 'last'".
std::string describeLeak(const ParamSummary::Leak &L, const llvm::Function &F);

/// The verdicts for one function.
struct FunctionEscapeInfo {
  const llvm::Function *F = nullptr;
  std::vector<AllocSite> Sites;
  /// What the function does with its pointer parameters.
  FunctionSummary Summary;
  /// True if the function is part of a recursive cycle in the call graph.
  bool MayRecurse = false;
  /// When that cycle goes through code outside the module: a call of the
  /// cycle that leaves the module (of this function if it has one).
  const llvm::CallBase *RecursesVia = nullptr;
  /// ... and the cycle may go through other files, which call functions
  /// by name (not only through pointers the module handed out).
  bool RecursesByName = false;
  /// The function opts out of promotion (annotate("goescape_off")).
  bool OptedOut = false;
  /// The function has an alloca of run-time size, or one outside the
  /// entry block: its frame has no size known here.
  bool HasDynamicAlloca = false;
  /// The limits its promotions were decided under.
  StackLimits Limits;
  /// Bytes of static allocas the function had before promotion.
  uint64_t ExistingFrameBytes = 0;
  /// Of those, the slots an earlier run of goescape made (metadata
  /// !goescape.slot): promoted bytes, which the chain budget counts as it
  /// counts this run's, where the program's own allocas are not counted.
  uint64_t PriorPromotedBytes = 0;
  /// The most bytes of promoted objects live at once: what promotion adds
  /// to the frame once codegen lets objects with disjoint lifetimes share.
  uint64_t PeakPromotedBytes = 0;
  /// The calls that free only this function's sites, to send to copies.
  llvm::SmallVector<FreeCloneCall, 2> CloneCalls;
  /// For the copy of this function without frees of what its parameters
  /// reach, when it may be made (Summary.FreesDroppable): the frees it
  /// drops, and the calls that free only what its parameters reach, which
  /// go to their callees' copies.
  llvm::SmallVector<const llvm::CallBase *, 4> ParamFrees;
  llvm::SmallVector<const llvm::CallBase *, 4> ParamFreeingCalls;

  unsigned getNumPromotable() const;
  /// Are all the sites of \p C promoted: does the call go to a copy?
  bool isCloneCallActive(const FreeCloneCall &C) const;
};

/// The module-wide result: one FunctionEscapeInfo per analysed function
/// (defined, not optnone), in module order.
class EscapeInfo {
public:
  llvm::MapVector<const llvm::Function *, FunctionEscapeInfo> Functions;
  /// What -goescape-limit has to say (the Nth site, and how many of how
  /// many were promoted), for the pass to print; empty without it.
  std::string BisectReport;

  /// The verdicts for \p F, or null if it was not analysed (no allocation
  /// reaches it, or it is optnone).
  const FunctionEscapeInfo *lookup(const llvm::Function &F) const;

  void print(llvm::raw_ostream &OS, const llvm::Module &M) const;

  /// The result describes instructions; any change to the IR invalidates it.
  bool invalidate(llvm::Module &M, const llvm::PreservedAnalyses &PA,
                  llvm::ModuleAnalysisManager::Invalidator &Inv);
};

/// Computes EscapeInfo: `-passes='require<goescape>'`.
class GoEscapeAnalysis : public llvm::AnalysisInfoMixin<GoEscapeAnalysis> {
  friend llvm::AnalysisInfoMixin<GoEscapeAnalysis>;
  static llvm::AnalysisKey Key;

  GoEscapeOptions Opts;

public:
  using Result = EscapeInfo;
  explicit GoEscapeAnalysis(GoEscapeOptions Opts = {}) : Opts(Opts) {}
  /// Analyses the functions that may allocate and everything they call
  /// (whose summaries they need); with Opts.AnalyseAll, every function.
  Result run(llvm::Module &M, llvm::ModuleAnalysisManager &MAM);
};

/// Prints EscapeInfo: `-passes='print<goescape>'`. It analyses every
/// defined function, so it runs an analysis of its own (same options, with
/// AnalyseAll) rather than the pipeline's, which covers only the functions
/// a promotion may depend on; their verdicts are the same in both.
class GoEscapePrinterPass
    : public llvm::PassInfoMixin<GoEscapePrinterPass> {
  llvm::raw_ostream &OS;
  GoEscapeOptions Opts;

public:
  GoEscapePrinterPass(llvm::raw_ostream &OS, GoEscapeOptions Opts)
      : OS(OS), Opts(Opts) {
    this->Opts.AnalyseAll = true;
  }
  llvm::PreservedAnalyses run(llvm::Module &M,
                              llvm::ModuleAnalysisManager &MAM);
  static bool isRequired() { return true; }
};

} // namespace goescape

#endif // GOESCAPE_ESCAPEANALYSIS_H
