//===- AllocSites.h - Allocation sites, frees and wrappers ------*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Which calls create heap objects and which destroy them: the C library's
/// allocators and deallocators as MemoryBuiltins and TargetLibraryInfo know
/// them (malloc, calloc, aligned_alloc, posix_memalign, strdup, C++ new and
/// delete), and calls to the module's own allocation and free wrappers,
/// which the summaries name. A call to a wrapper is an allocation of its
/// caller, its size folded from the caller's arguments:
///
///   void *xmalloc(size_t n) {
///     void *p = malloc(n); if (!p) abort(); return p;
///   }
///   char *buf = xmalloc(32);   // a site of 32 bytes in the caller
///
/// The size and alignment checks a site needs before anything else is known
/// (constant, non-zero, small enough, an alignment a slot can give) are
/// made here; whether the object escapes is the solver's question.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_LIB_ALLOCSITES_H
#define GOESCAPE_LIB_ALLOCSITES_H

#include "goescape/EscapeAnalysis.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <utility>

namespace llvm {
class TargetLibraryInfo;
} // namespace llvm

namespace goescape {

using SummaryMap = llvm::DenseMap<const llvm::Function *, FunctionSummary>;

/// The alignment malloc, calloc and operator new guarantee on the targets we
/// build for: alignof(max_align_t) and __STDCPP_DEFAULT_NEW_ALIGNMENT__.
constexpr uint64_t DefaultAllocAlign = 16;
/// The largest alignment a promoted slot may request.
constexpr uint64_t MaxSlotAlign = 4096;
/// The longest chain of wrappers (xmalloc2 -> xmalloc -> malloc) followed.
constexpr unsigned MaxWrapperDepth = 8;
/// The deepest expression folded for a wrapper's size.
constexpr unsigned MaxFoldDepth = 16;

/// The largest value an integer operand of the call being recognised may
/// have there, when one is proven (LazyValueInfo at the call).
using UpperBoundFn =
    llvm::function_ref<std::optional<uint64_t>(llvm::Value *)>;

/// How a site's size is judged.
struct SizeRules {
  /// The largest object a slot may hold.
  uint64_t MaxSize = 0;
  /// Bounds a size operand known only at run time (null: none).
  UpperBoundFn UpperBound = nullptr;
  /// For a run-time size with no bound: the small slot used when the size
  /// fits, the heap otherwise (0: none).
  uint64_t SmallBuffer = 0;
};

/// Returns the site for \p CB if it calls an allocation function or an
/// allocation wrapper, with its kind, size and alignment filled in, and its
/// size checked against the rules. A call of the C library's allocators
/// whose size is not a constant gets its proven bound (`malloc(n & 63)` is
/// a site of at most 63 bytes), or else, if it is a plain call, a small
/// buffer with the heap as fallback.
std::optional<AllocSite> recognizeSite(const llvm::CallBase &CB,
                                       const llvm::TargetLibraryInfo &TLI,
                                       const SummaryMap &Summaries,
                                       const SizeRules &Rules);

/// True if \p CB is the C library's realloc(p, n), which a promoted object
/// may go through: the transform sends the slot's calls to malloc and
/// memcpy, so both must be there to call. Other reallocating functions
/// (reallocarray, reallocf, a wrapper) free what they are given.
bool isGrowingRealloc(const llvm::CallBase &CB,
                      const llvm::TargetLibraryInfo &TLI);

/// May an object of \p Site's kind start in a slot and grow by realloc: the
/// C library's malloc, calloc and strdup (directly or through a wrapper).
/// aligned_alloc's alignment would not survive the move, and operator
/// new's objects are not realloc's to take.
bool mayGrow(const AllocSite &Site);

/// A deallocation: the pointer it frees and the family it belongs to. A
/// call to a free wrapper (xfree) is a deallocation too.
struct FreeInfo {
  const llvm::Value *Freed = nullptr;
  llvm::StringRef Family;
};

std::optional<FreeInfo> recognizeFree(const llvm::CallBase &CB,
                                      const llvm::TargetLibraryInfo &TLI,
                                      const SummaryMap &Summaries);

/// A deallocation call seen in a function, with what it frees.
using FreeCall = std::pair<const llvm::CallBase *, FreeInfo>;

/// Is \p V, looked through phis and selects, made only of values \p Leaf
/// accepts (a constructor's return: its allocation or null)?
bool isOnlyThroughPhis(const llvm::Value *V,
                       llvm::function_ref<bool(const llvm::Value *)> Leaf);

/// Records in \p Info's summary whether its function is an allocation
/// wrapper (it returns its one site's object and does nothing else where
/// the allocation succeeded) or a free wrapper (its only effect is to free
/// one of its parameters), given its sites and the frees \p Frees it makes.
void detectWrappers(const llvm::Function &F, FunctionEscapeInfo &Info,
                    llvm::ArrayRef<FreeCall> Frees);

} // namespace goescape

#endif // GOESCAPE_LIB_ALLOCSITES_H
