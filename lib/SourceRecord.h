//===- SourceRecord.h - What the source said, before LLVM rewrote it -*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The report speaks of the program as written, but goescape runs after the
/// optimiser has rewritten it: DSE folds `malloc` + `memset(p, 0, n)` into
/// `calloc`. GoEscapeSourceRecordPass runs at the start of the pipeline
/// (clang's -O1 and above, `opt -passes='default<O2>'`, the pre-link
/// compile of -flto) and writes down, as named metadata that travels with
/// the module into LTO, the function each C library allocation call
/// names. SourceRecord reads it back. Without debug info there is nothing
/// to key it on, and nothing is written.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_LIB_SOURCERECORD_H
#define GOESCAPE_LIB_SOURCERECORD_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/PassManager.h"

#include <tuple>

namespace llvm {
class DILocation;
class DISubprogram;
} // namespace llvm

namespace goescape {

/// Records the module's allocation calls as written (once: a module that
/// has the record keeps it).
struct GoEscapeSourceRecordPass
    : llvm::PassInfoMixin<GoEscapeSourceRecordPass> {
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// The record of one module, read once.
class SourceRecord {
public:
  explicit SourceRecord(const llvm::Module &M);
  /// The function the source called at \p Loc (an allocation call's own
  /// location, before or after inlining), or "" if it is not recorded or
  /// two different ones were called there.
  llvm::StringRef getWrittenCallee(const llvm::DILocation *Loc) const;

private:
  using Key = std::tuple<const llvm::DISubprogram *, unsigned, unsigned>;
  llvm::DenseMap<Key, llvm::StringRef> Callees;
};

} // namespace goescape

#endif // GOESCAPE_LIB_SOURCERECORD_H
