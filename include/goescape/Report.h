//===- goescape/Report.h - Go-style -m output and remarks -------*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Tells the programmer what the analysis decided, in Go's words: the
/// `-goescape-m` report (like `go build -gcflags=-m`, and `-m=2` for the
/// chain of steps that made an object escape), and LLVM optimisation
/// remarks under the pass name "goescape" (-Rpass, -Rpass-missed,
/// -Rpass-analysis, -fsave-optimization-record). Both read the same
/// EscapeInfo the transform acts on.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_REPORT_H
#define GOESCAPE_REPORT_H

namespace llvm {
class Module;
class OptimizationRemarkEmitter;
class raw_ostream;
} // namespace llvm

namespace goescape {

class EscapeInfo;
struct AllocSite;
struct FunctionEscapeInfo;

/// Prints the -goescape-m report for \p M: one line per allocation site and
/// per parameter summary, sorted by file and line, then a one-line total.
void printGoStyleReport(const EscapeInfo &EI, const llvm::Module &M,
                        unsigned Level, llvm::raw_ostream &OS);

/// Emits the remark for one site (Promoted, or Missed named by its reason).
void emitSiteRemark(const EscapeInfo &EI, const AllocSite &S,
                    llvm::OptimizationRemarkEmitter &ORE);

/// Emits one analysis remark per parameter summary line (ParamSummary).
void emitSummaryRemarks(const FunctionEscapeInfo &Info,
                        llvm::OptimizationRemarkEmitter &ORE);

} // namespace goescape

#endif // GOESCAPE_REPORT_H
