//===- goescape/Summary.h - What a function does with pointers --*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Function summaries: for each pointer parameter, what the function does
/// with it, in Go's terms ("leaking param: p", "leaking param content: p",
/// "leaking param: p to result ~r0 level=0", "p does not escape"), plus what
/// C adds (the function frees or reallocs it, stores it into what another
/// parameter points to, writes pointers of unknown origin into it).
///
/// Levels follow Go's deref counts, collapsed to three: level 0 is the
/// object the argument points to, level 1 what that object points to, and
/// level 2 anything deeper. A caller applies a summary to the
/// objects its arguments may point to, so aliasing between arguments is the
/// caller's to see, as in Go.
///
/// Two shapes get special treatment, because real C allocates through them:
/// an allocation wrapper returns a fresh allocation sized by its arguments
/// and does nothing else on the path where the allocation succeeded
/// (`xmalloc(n)`), so its calls with constant arguments are allocation sites
/// of the caller; and a free wrapper's only effect is to free a parameter
/// (`xfree(p)`), so its calls are frees.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_SUMMARY_H
#define GOESCAPE_SUMMARY_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace llvm {
class DbgVariableRecord;
class CallBase;
class Instruction;
class Value;
class Function;
class raw_ostream;
} // namespace llvm

namespace goescape {

enum class KeepReason : uint8_t;

/// How many deref levels a summary tells apart: the argument's object (0),
/// what it points to (1), and everything deeper (2).
constexpr unsigned NumLevels = 3;

/// Offset of a byte range that may be anywhere in its object.
constexpr int64_t UnknownOffset = INT64_MIN;

/// Offsets with more significant bits than this are treated as unknown, so
/// that an offset plus any known size never overflows.
constexpr unsigned MaxOffsetBits = 48;

/// Bytes of an object: Size bytes from Offset. Two extents have names of
/// their own, so that no size means two things: a range that runs from
/// Offset to the end of the object (ToEnd), and a range that may be
/// anywhere in it (Offset is UnknownOffset; Size is then ToEnd too). A
/// range of known offset and Size 0 is empty and overlaps nothing.
struct ByteRange {
  static constexpr uint64_t ToEnd = UINT64_MAX;

  int64_t Offset = UnknownOffset;
  uint64_t Size = ToEnd;

  /// Any bytes of the object.
  static ByteRange anywhere() { return {}; }
  /// From \p Off to the end of the object (anywhere, if Off is unknown).
  static ByteRange from(int64_t Off) { return {Off, ToEnd}; }
  /// \p Size bytes from \p Off (anywhere, if Off is unknown).
  static ByteRange at(int64_t Off, uint64_t Size) {
    if (Off == UnknownOffset)
      return anywhere();
    return {Off, Size};
  }

  bool isAnywhere() const { return Offset == UnknownOffset; }
  /// One past the last byte, saturated at INT64_MAX.
  int64_t end() const {
    if (Size >= uint64_t(INT64_MAX) - uint64_t(std::max<int64_t>(Offset, 0)))
      return INT64_MAX;
    return Offset + int64_t(Size);
  }
  bool operator==(const ByteRange &O) const {
    return Offset == O.Offset && Size == O.Size;
  }
  bool overlaps(const ByteRange &O) const {
    if ((!isAnywhere() && Size == 0) || (!O.isAnywhere() && O.Size == 0))
      return false;
    if (isAnywhere() || O.isAnywhere())
      return true;
    return Offset < O.end() && O.Offset < end();
  }
};

/// Where a parameter's value (at a level) may flow.
struct Flow {
  enum Kind : uint8_t {
    Heap,         ///< anywhere: it outlives the call
    Result,       ///< the return value
    ParamContent, ///< stored into what parameter Param points to (at DstLevel)
  };
  Kind K;
  uint8_t SrcLevel; ///< 0: the argument's object; 1: what it points to;
                    ///< 2: anything deeper
  uint8_t DstLevel = 0;
  unsigned Param = 0;
  /// For ParamContent: where in the destination it is stored, from
  /// parameter Param at level 0 and from the pointer loaded deeper.
  ByteRange At = ByteRange::anywhere();

  bool operator==(const Flow &O) const {
    return K == O.K && SrcLevel == O.SrcLevel && DstLevel == O.DstLevel &&
           Param == O.Param && At == O.At;
  }
};

/// The allocation family (`"alloc-family"`, as MemoryBuiltins names it)
/// of an object freed by deallocation functions of more than one: it
/// matches no allocation's.
inline constexpr llvm::StringLiteral MixedFamilies = "<mixed>";

/// What one function does with one pointer parameter.
struct ParamSummary {
  llvm::SmallVector<Flow, 2> Flows;
  /// The function may free (or realloc) the object at this level.
  bool Frees[NumLevels] = {};
  /// Of the levels Frees marks, the allocation family of the deallocation
  /// functions that free it (MixedFamilies for several, empty if unknown):
  /// a caller's object of another family is not freed by its allocator's
  /// function, and a copy of the function without the frees would drop a
  /// call of another's (the program's own operator delete over malloc).
  llvm::StringRef FreesFamily[NumLevels];
  bool Reallocs = false;
  /// Where the function may store pointers the caller does not know (or
  /// data of unknown origin, which may be read back as one) into the
  /// object at this level: offsets as for IntReads. Empty: nowhere.
  llvm::SmallVector<ByteRange, 1> UnknownAt[NumLevels];
  /// Bytes of the object at this level the function reads as data, not
  /// as a pointer: a pointer stored there has its address exposed (an
  /// implicit ptrtoint), so the caller lets whatever it stored there
  /// escape. At level 0 the offsets are from the argument; deeper, from
  /// the pointer loaded, which points where the pointer stored there did.
  llvm::SmallVector<ByteRange, 2> IntReads[NumLevels];
  /// Where the function may load pointers from the object at this level
  /// (to follow them, copy them or hand them on): what it can reach
  /// through it, and so free. Offsets as for IntReads.
  llvm::SmallVector<ByteRange, 1> PtrReads[NumLevels];
  /// The function may store a pointer into the object at this level that
  /// is not the pointer it was given or loaded (one into its middle, or of
  /// unknown offset), where the caller can load it back: then a pointer
  /// the caller loads need not point where one was stored.
  bool StoresInterior[NumLevels] = {};

  /// Why the object at each level leaks to the heap: the first sink it
  /// reached in this function, for -goescape-m=2 to follow a caller's
  /// object into the callee. Words, not part of the summary's value.
  struct Leak {
    KeepReason Reason{};
    const llvm::Instruction *At = nullptr;
    const llvm::Value *Container = nullptr;
  };
  Leak Leaks[NumLevels];
  /// Of the levels Frees marks, those a free() reaches for sure on some
  /// path (the function's own, or a callee's sure free), not only a call
  /// that might free: "frees param" rather than "may free param". Words,
  /// not part of the summary's value.
  bool FreesSurely[NumLevels] = {};

  bool leaksToHeap(unsigned Level) const;
  bool operator==(const ParamSummary &O) const;
};

/// The summary of one defined function.
struct FunctionSummary {
  /// Indexed by argument number; non-pointer parameters have empty entries.
  llvm::SmallVector<ParamSummary, 4> Params;
  /// The result may point to memory the caller does not know.
  bool ResultUnknown = false;

  /// For an allocation wrapper: the argument numbers of its size (and
  /// count, for calloc) and alignment, or -1 for a constant, plus the kind
  /// of the allocation it wraps. Sizes are evaluated at each call site.
  const llvm::CallBase *WrappedAlloc = nullptr;
  /// For a constructor: the one allocation it returns, on every return
  /// that is not null, having stored its address nowhere and freed it on
  /// no path (`rec_new(id)`: malloc, fill, return). A caller whose use of
  /// the result would not escape may give it a slot of its own instead:
  /// the call goes to a copy of the function that fills the caller's
  /// memory (HeapToStack.cpp). Its parameters' summary is the function's,
  /// with the object escaping: what it stores into the object leaks.
  const llvm::CallBase *Constructs = nullptr;
  /// The constructor's frees of that allocation, each of it alone, after
  /// which the function uses it no more (`if (!init(r)) { free(r); return
  /// NULL; }`, a C++ constructor that throws): the copy drops them.
  llvm::SmallVector<const llvm::CallBase *, 1> ConstructsFrees;
  /// For a free wrapper: the parameter it frees, and the free it calls.
  int FreesParam = -1;
  const llvm::CallBase *WrappedFree = nullptr;
  /// Every free of what the parameters reach is a free call (or a call of
  /// a function for which this holds) that frees nothing else: a copy of
  /// the function without them frees nothing its caller owns. True from
  /// the optimistic start of a recursive SCC; false for the worst case.
  bool FreesDroppable = true;

  bool operator==(const FunctionSummary &O) const;
  bool operator!=(const FunctionSummary &O) const { return !(*this == O); }

  /// A summary that assumes the worst of every pointer parameter.
  static FunctionSummary worst(const llvm::Function &F);

  /// Go-style lines, one per pointer parameter:
  ///   leaking param: p
  ///   leaking param content: p
  ///   leaking param: p to result ~r0 level=0
  ///   leaking param: p to content of q level=0
  ///   frees param: p
  ///   p does not escape
  void print(llvm::raw_ostream &OS, const llvm::Function &F,
             llvm::StringRef Indent) const;
  /// The same lines, with the argument each one is about.
  void forEachLine(const llvm::Function &F,
                   llvm::function_ref<void(unsigned ArgNo,
                                           llvm::StringRef Line)>
                       Fn) const;
};

/// A parameter's name for messages: its IR name, its name in the debug
/// info, or its position.
std::string getParamName(const llvm::Function &F, unsigned ArgNo);

/// The first debug record of \p F's own parameter \p ArgNo (not of a
/// parameter of a function inlined into it), with a source location if
/// \p NeedLocation; null if there is none.
const llvm::DbgVariableRecord *findParamRecord(const llvm::Function &F,
                                               unsigned ArgNo,
                                               bool NeedLocation = false);

} // namespace goescape

#endif // GOESCAPE_SUMMARY_H
