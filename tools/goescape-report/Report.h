//===- Report.h - goescape-report's sites, ranking and printers -*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// What goescape-report knows once it has read a build's remarks: one Site
/// per allocation site, with its verdict, the reason's words, how far it is
/// from the stack (ReasonInfo::Class), and, with --profile, how often it ran.
/// goescape-report.cpp reads and ranks; Reasons.cpp holds the words and the
/// classes of the keep reasons; Profile.cpp reads count files; Text.cpp
/// prints text and HTML, Machine.cpp JSON and SARIF.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_REPORT_REPORT_H
#define GOESCAPE_REPORT_REPORT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace goescape_report {

/// How far a kept site is from the stack, in ranking order.
enum class FixClass {
  /// One change moves it: the object does not escape, or escapes only into
  /// a call goescape cannot see through, and one change to its code (a
  /// constant size, one free per object) or to the build (LTO, a limit)
  /// lets it move.
  OneChange,
  /// The function around it keeps it (setjmp, musttail, an irreducible
  /// loop, a call through a pointer, a use goescape does not model): the
  /// function has to change, not the allocation.
  Restructure,
  /// It cannot move: it is used after its function returns (returned,
  /// published in a global or in memory the function does not own), or its
  /// address leaves what an analysis can follow (read as an integer, inline
  /// assembly, realloc).
  Never,
  /// Kept on purpose: an opt-out, or a debugging option (-goescape-limit).
  OnPurpose,
};

/// A keep reason as the report explains it.
struct ReasonInfo {
  llvm::StringRef Name; ///< The remark name, "EscapesByReturn".
  bool IsEscape = false;
  FixClass Class = FixClass::Never;
  llvm::StringRef Words;  ///< "returned from its function".
  llvm::StringRef Advice; ///< What to change, or why nothing will do.
};

/// The reason with remark name \p Name; null for a name this report does not
/// know (records from a newer plugin), which ranks with the Never class.
const ReasonInfo *lookupReason(llvm::StringRef Name);
/// Every reason, in KeepReasons.def order (Promoted excluded).
const std::vector<ReasonInfo> &allReasons();
llvm::StringRef fixClassName(FixClass C);  ///< "one-change", for JSON.
llvm::StringRef fixClassWords(FixClass C); ///< "one change away".

/// One allocation site's verdict, merged over all the records that report it.
struct Site {
  std::string File; ///< As the records name it, "./" removed.
  unsigned Line = 0;
  unsigned Column = 0;
  bool HasLoc = false;
  std::string Name; ///< "Promoted", or the remark name of the keep reason.
  bool Promoted = false;
  /// The function of the record kept for the site (the deepest loop).
  std::string Function;
  std::string Allocation; ///< "malloc(16)".
  std::string Message;    ///< The remark's message, as -Rpass prints it.
  std::string Reason;     ///< Why it was kept, in words (kept sites only).
  /// What to change for this site, from the remark's Advice argument (a
  /// callee goescape cannot see, and how to let it); empty: the reason's.
  std::string Advice;
  uint64_t Bytes = 0;     ///< 0 when the size is not a constant.
  unsigned LoopDepth = 0;
  /// The remark file the site was first read from: relative source paths
  /// are looked for from its directory (where the compiler ran).
  std::string RemarkFile;
  /// The source file, found on disk (absolute); empty if not found.
  std::string SourcePath;
  /// Calls counted at the site by --profile (0 without a profile).
  uint64_t Count = 0;

  const ReasonInfo *reason() const { return lookupReason(Name); }
  /// What to change: the site's own advice, else its reason's.
  llvm::StringRef advice() const {
    if (!Advice.empty())
      return Advice;
    const ReasonInfo *I = reason();
    return I ? I->Advice : llvm::StringRef();
  }
  FixClass fixClass() const;
  std::string location() const;
};

struct FileStats {
  unsigned Promoted = 0;
  unsigned Kept = 0;
  uint64_t Bytes = 0;
};

struct ReasonStats {
  std::string Name;
  unsigned Count = 0;
  const Site *Example = nullptr; ///< The first kept site with this reason.
};

/// What --profile read.
struct ProfileStats {
  std::vector<std::string> Files;
  uint64_t Calls = 0;        ///< Allocation calls in the count files.
  uint64_t KeptCalls = 0;    ///< Of those, at kept sites.
  uint64_t OtherCalls = 0;   ///< At promoted sites (a heap fallback).
  uint64_t Unmatched = 0;    ///< At no site of the records.
};

/// Everything the report prints, computed once for every format.
struct Report {
  unsigned RemarkFiles = 0;
  unsigned Records = 0;
  std::vector<Site> Sites; ///< Sorted by location, then verdict.
  std::map<std::string, FileStats> Files;
  std::vector<ReasonStats> Reasons;
  std::vector<const Site *> Kept;     ///< Most important first.
  std::vector<const Site *> Promoted; ///< Most bytes saved first.
  uint64_t Bytes = 0;
  std::optional<ProfileStats> Profile;
};

/// Options the printers read.
struct PrintOptions {
  unsigned Top = 10; ///< Sites per list in text and HTML; 0 for all.
  unsigned Context = 3; ///< Source lines shown around a site in HTML.
};

void printText(llvm::raw_ostream &OS, const Report &R,
               const PrintOptions &Opts);
void printHTML(llvm::raw_ostream &OS, const Report &R,
               const PrintOptions &Opts);
void printJSON(llvm::raw_ostream &OS, const Report &R);
void printSARIF(llvm::raw_ostream &OS, const Report &R);

/// Adds the calls counted in \p Files (goescape-count output) to the sites
/// of \p R, symbolizing each address through the binary's debug info.
llvm::Error applyProfile(llvm::ArrayRef<std::string> Files, Report &R);

/// The words for a count, "1 remark", "3 remarks".
std::string plural(size_t N, llvm::StringRef Noun);

} // namespace goescape_report

#endif // GOESCAPE_REPORT_REPORT_H
