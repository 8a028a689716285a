//===- goescape-report.cpp - Summarise goescape's remarks for a build -----===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Reads the optimisation records a build left behind (clang's
/// -fsave-optimization-record, YAML or bitstream) and says, for the whole
/// build, what goescape moved to the stack and why the rest stayed:
///
///   goescape-report build/              # every *.opt.yaml below build/
///   goescape-report a.opt.yaml b.opt.yaml --html report.html
///
/// Only remarks of pass "goescape" count. One allocation site gives one
/// record per function it ends up in (inlining) and per translation unit
/// that includes it (headers), so records with the same file, line, column
/// and verdict are one site. The report has: sites promoted and kept per
/// source file, the bytes moved to the stack, the reasons for keeping by
/// count, and the kept sites that matter most: those in loops first (deeper
/// first), then the larger ones. Every list is sorted, ties by location, so
/// the same records always give the same report.
///
//===----------------------------------------------------------------------===//

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Remarks/Remark.h"
#include "llvm/Remarks/RemarkFormat.h"
#include "llvm/Remarks/RemarkParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

using namespace llvm;

static constexpr StringLiteral ToolName = "goescape-report";
static constexpr StringLiteral PassName = "goescape";

static cl::OptionCategory ReportCategory("goescape-report options");

static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<remark file or directory>..."),
                                    cl::cat(ReportCategory));

static cl::opt<std::string>
    HTMLFile("html", cl::value_desc("file"),
             cl::desc("Also write the report as an HTML page"),
             cl::cat(ReportCategory));

static cl::opt<unsigned>
    TopN("top", cl::init(10), cl::value_desc("n"),
         cl::desc("How many kept sites to list (default 10)"),
         cl::cat(ReportCategory));

namespace {

/// One allocation site's verdict, merged over all the records that report it.
struct Site {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  bool HasLoc = false;
  std::string Name; ///< "Promoted", or why it was kept.
  bool Promoted = false;
  /// The function of the record kept for the site (the deepest loop).
  std::string Function;
  std::string Allocation; ///< "malloc(16)".
  std::string Reason;     ///< Why it was kept, in words (kept sites only).
  uint64_t Bytes = 0;     ///< 0 when the size is not a constant.
  unsigned LoopDepth = 0;

  std::string location() const {
    if (!HasLoc)
      return File;
    return (File + ":" + Twine(Line) + ":" + Twine(Column)).str();
  }
};

/// A site is its location and verdict. Records without a location (code
/// without debug locations) are told apart by function and allocation too.
using SiteKey = std::tuple<std::string, unsigned, unsigned, std::string,
                           std::string, std::string>;

struct FileStats {
  unsigned Promoted = 0;
  unsigned Kept = 0;
  uint64_t Bytes = 0;
};

struct ReasonStats {
  StringRef Name;
  unsigned Count = 0;
  const Site *Example = nullptr; ///< The first kept site with this reason.
};

/// Everything the report prints, computed once for the text and HTML forms.
struct Report {
  unsigned RemarkFiles = 0;
  unsigned Records = 0;
  std::vector<Site> Sites; ///< Sorted by location, then verdict.
  std::map<std::string, FileStats> Files;
  std::vector<ReasonStats> Reasons;
  std::vector<const Site *> Kept; ///< Most important first.
  unsigned Promoted = 0;
  uint64_t Bytes = 0;
};

} // end anonymous namespace

static bool siteLess(const Site &A, const Site &B) {
  return std::tie(A.File, A.Line, A.Column, A.Name, A.Function, A.Allocation) <
         std::tie(B.File, B.Line, B.Column, B.Name, B.Function, B.Allocation);
}

static std::string normalisePath(StringRef Path) {
  SmallString<128> P(Path);
  sys::path::remove_dots(P, /*remove_dot_dot=*/false);
  return std::string(P.str());
}

/// The text of a string the YAML remark parser returned. It drops the quotes
/// around a single-quoted scalar but leaves its escapes (a quote is written
/// twice) and its line folding as they were in the file.
static std::string yamlText(StringRef Raw, bool IsYAML) {
  if (!IsYAML || (!Raw.contains("''") && !Raw.contains('\n')))
    return Raw.str();
  std::string Out;
  SmallVector<StringRef, 4> Lines;
  Raw.split(Lines, '\n');
  for (size_t I = 0, E = Lines.size(); I != E; ++I) {
    StringRef L = Lines[I];
    if (I != 0)
      L = L.ltrim(" \t");
    if (I + 1 != E)
      L = L.rtrim(" \t");
    if (I != 0)
      Out += (L.empty() || Out.empty() || Out.back() == '\n') ? "\n" : " ";
    Out += L.str();
  }
  std::string Unescaped;
  for (size_t I = 0; I < Out.size(); ++I) {
    Unescaped += Out[I];
    if (Out[I] == '\'' && I + 1 < Out.size() && Out[I + 1] == '\'')
      ++I;
  }
  return Unescaped;
}

/// Folds the goescape remarks of one file into \p Sites.
static Error readRemarkFile(StringRef Path, std::map<SiteKey, Site> &Sites,
                            Report &R) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> BufOrErr =
      MemoryBuffer::getFile(Path, /*IsText=*/false,
                            /*RequiresNullTerminator=*/false);
  if (std::error_code EC = BufOrErr.getError())
    return createFileError(Path, EC);
  StringRef Buf = (*BufOrErr)->getBuffer();
  ++R.RemarkFiles;
  // clang leaves an empty record file behind when nothing made a remark
  // (-O0, or a file without functions); that is no remarks, not an error.
  if (Buf.trim().empty())
    return Error::success();

  // Bitstream files start with their magic; everything else is read as YAML,
  // with or without the "REMARKS" metadata header.
  bool IsYAML = !Buf.starts_with("RMRK");
  remarks::Format Fmt =
      IsYAML ? remarks::Format::YAML : remarks::Format::Bitstream;
  Expected<std::unique_ptr<remarks::RemarkParser>> ParserOrErr =
      remarks::createRemarkParserFromMeta(Fmt, Buf,
                                          sys::path::parent_path(Path));
  if (!ParserOrErr)
    return createFileError(Path, ParserOrErr.takeError());
  remarks::RemarkParser &Parser = **ParserOrErr;

  while (true) {
    Expected<std::unique_ptr<remarks::Remark>> RemarkOrErr = Parser.next();
    if (!RemarkOrErr) {
      Error E = RemarkOrErr.takeError();
      if (E.isA<remarks::EndOfFileError>()) {
        consumeError(std::move(E));
        return Error::success();
      }
      return createFileError(Path, std::move(E));
    }
    remarks::Remark &Rem = **RemarkOrErr;
    if (Rem.PassName != PassName)
      continue;
    bool Promoted = Rem.RemarkType == remarks::Type::Passed;
    if (!Promoted && Rem.RemarkType != remarks::Type::Missed)
      continue;
    ++R.Records;

    Site S;
    if (Rem.Loc) {
      S.HasLoc = true;
      S.File = normalisePath(yamlText(Rem.Loc->SourceFilePath, IsYAML));
      S.Line = Rem.Loc->SourceLine;
      S.Column = Rem.Loc->SourceColumn;
    } else {
      S.File = "<unknown>";
    }
    S.Name = Rem.RemarkName.str();
    S.Promoted = Promoted;
    S.Function = yamlText(Rem.FunctionName, IsYAML);
    if (const remarks::Argument *A = Rem.getArgByKey("Allocation"))
      S.Allocation = yamlText(A->Val, IsYAML);
    if (const remarks::Argument *A = Rem.getArgByKey("Reason"))
      S.Reason = yamlText(A->Val, IsYAML);
    if (const remarks::Argument *A = Rem.getArgByKey("Bytes"))
      S.Bytes = A->getValAsInt<uint64_t>().value_or(0);
    if (const remarks::Argument *A = Rem.getArgByKey("LoopDepth"))
      S.LoopDepth = A->getValAsInt<unsigned>().value_or(0);

    SiteKey Key(S.File, S.Line, S.Column, S.Name,
                Rem.Loc ? std::string() : S.Function,
                Rem.Loc ? std::string() : S.Allocation);
    auto [It, Inserted] = Sites.try_emplace(Key, S);
    if (Inserted)
      continue;
    // The same site seen again, in another function or translation unit:
    // keep the copy that matters most (deepest loop, then largest), so a
    // site inlined into a loop is reported as in that loop.
    Site &Old = It->second;
    if (std::tie(S.LoopDepth, S.Bytes) > std::tie(Old.LoopDepth, Old.Bytes))
      Old = std::move(S);
  }
}

static bool isRemarkFileName(StringRef Name) {
  return Name.ends_with(".opt.yaml") || Name.ends_with(".opt.yml") ||
         Name.ends_with(".opt.bitstream");
}

/// Whether a *.yaml file that is not named like an optimisation record holds
/// remarks anyway (-foptimization-record-file=X.yaml): its first document
/// has a remark tag.
static bool looksLikeRemarks(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> BufOrErr =
      MemoryBuffer::getFileSlice(Path, /*MapSize=*/256, /*Offset=*/0);
  if (!BufOrErr)
    return false;
  StringRef Head = (*BufOrErr)->getBuffer().ltrim();
  return Head.starts_with("--- !") || Head.starts_with("REMARKS");
}

/// Expands directories into the remark files below them, in sorted order.
static Error collectInputs(std::vector<std::string> &Files) {
  for (const std::string &Input : Inputs) {
    sys::fs::file_status Status;
    if (std::error_code EC = sys::fs::status(Input, Status))
      return createFileError(Input, EC);
    if (!sys::fs::is_directory(Status)) {
      Files.push_back(Input);
      continue;
    }
    std::vector<std::string> Found;
    std::error_code EC;
    for (sys::fs::recursive_directory_iterator I(Input, EC, false), E;
         I != E && !EC; I.increment(EC)) {
      StringRef Path = I->path();
      StringRef Name = sys::path::filename(Path);
      if (I->type() == sys::fs::file_type::directory_file) {
        if (Name.starts_with(".")) // .git and friends
          I.no_push();
        continue;
      }
      if (isRemarkFileName(Name) ||
          ((Name.ends_with(".yaml") || Name.ends_with(".yml")) &&
           looksLikeRemarks(Path)))
        Found.push_back(Path.str());
    }
    if (EC)
      return createFileError(Input, EC);
    llvm::sort(Found);
    llvm::append_range(Files, Found);
  }
  return Error::success();
}

/// Sorts, counts and ranks what the records said.
static void summarise(std::map<SiteKey, Site> &SiteMap, Report &R) {
  for (auto &KV : SiteMap)
    R.Sites.push_back(std::move(KV.second));
  llvm::sort(R.Sites, siteLess);

  StringMap<unsigned> ReasonIndex;
  for (const Site &S : R.Sites) {
    FileStats &F = R.Files[S.File];
    if (S.Promoted) {
      ++F.Promoted;
      F.Bytes += S.Bytes;
      ++R.Promoted;
      R.Bytes += S.Bytes;
      continue;
    }
    ++F.Kept;
    R.Kept.push_back(&S);
    auto [It, Inserted] = ReasonIndex.try_emplace(S.Name, R.Reasons.size());
    if (Inserted)
      R.Reasons.push_back({S.Name, 0, &S});
    ++R.Reasons[It->second].Count;
  }

  // Every name is distinct, so these orders are total.
  llvm::sort(R.Reasons, [](const ReasonStats &A, const ReasonStats &B) {
    if (A.Count != B.Count)
      return A.Count > B.Count;
    return A.Name < B.Name;
  });
  // In loops first, deeper first: a heap allocation per iteration costs the
  // most. Then the larger objects. Ties in location order (sites are
  // distinct, so the order is total).
  llvm::sort(R.Kept, [](const Site *A, const Site *B) {
    if (A->LoopDepth != B->LoopDepth)
      return A->LoopDepth > B->LoopDepth;
    if (A->Bytes != B->Bytes)
      return A->Bytes > B->Bytes;
    return siteLess(*A, *B);
  });
}

static std::string plural(size_t N, StringRef Noun) {
  return (Twine(N) + " " + Noun + (N == 1 ? "" : "s")).str();
}

static std::string sizeText(const Site &S) {
  return S.Bytes ? (Twine(S.Bytes) + " bytes").str() : "size unknown";
}

static std::string loopText(const Site &S) {
  return S.LoopDepth ? ("loop depth " + Twine(S.LoopDepth)).str()
                     : "not in a loop";
}

static std::string reasonText(const Site &S) {
  return S.Reason.empty() ? S.Name : S.Name + ": " + S.Reason;
}

static unsigned shownKept(const Report &R) {
  return std::min<size_t>(TopN, R.Kept.size());
}

static void printText(raw_ostream &OS, const Report &R) {
  unsigned Kept = R.Sites.size() - R.Promoted;
  OS << "goescape report: " << plural(R.Sites.size(), "allocation site") << " ("
     << plural(R.Records, "remark") << " in " << plural(R.RemarkFiles, "file")
     << ")\n";
  OS << "  promoted: " << R.Promoted << "\n";
  OS << "  kept:     " << Kept << "\n";
  OS << "  bytes moved to the stack: " << R.Bytes << "\n";
  if (R.Sites.empty()) {
    OS << "\nno goescape remarks: was the plugin loaded, at -O1 or above, "
          "with -fsave-optimization-record?\n";
    return;
  }

  size_t FileWidth = StringRef("file").size();
  for (const auto &KV : R.Files)
    FileWidth = std::max(FileWidth, KV.first.size());
  OS << "\nSites by file:\n";
  OS << "  " << left_justify("file", FileWidth)
     << "  promoted  kept  stack bytes\n";
  for (const auto &[File, F] : R.Files)
    OS << "  " << left_justify(File, FileWidth) << "  "
       << format_decimal(F.Promoted, 8) << "  " << format_decimal(F.Kept, 4)
       << "  " << format_decimal(F.Bytes, 11) << "\n";

  if (!R.Reasons.empty()) {
    size_t NameWidth = StringRef("reason").size();
    for (const ReasonStats &RS : R.Reasons)
      NameWidth = std::max(NameWidth, RS.Name.size());
    OS << "\nTop reasons for keeping on the heap:\n";
    OS << "  count  " << left_justify("reason", NameWidth) << "  example\n";
    for (const ReasonStats &RS : R.Reasons) {
      const Site &E = *RS.Example;
      OS << "  " << format_decimal(RS.Count, 5) << "  "
         << left_justify(RS.Name, NameWidth) << "  " << E.location() << ": "
         << E.Allocation;
      if (!E.Reason.empty())
        OS << ": " << E.Reason;
      OS << "\n";
    }
  }

  if (!R.Kept.empty()) {
    OS << "\nThe " << shownKept(R) << " kept sites that matter most "
       << "(in loops first, then larger; " << R.Kept.size() << " kept):\n";
    for (unsigned I = 0, E = shownKept(R); I != E; ++I) {
      const Site &S = *R.Kept[I];
      OS << "  " << format_decimal(I + 1, 2) << ". " << S.location() << "  "
         << S.Allocation << " in '" << S.Function << "', " << loopText(S)
         << ", " << sizeText(S) << "\n"
         << "      " << reasonText(S) << "\n";
    }
  }
}

static void printHTML(raw_ostream &OS, const Report &R) {
  auto Esc = [](StringRef S) {
    std::string Out;
    raw_string_ostream SOS(Out);
    printHTMLEscaped(S, SOS);
    return Out;
  };
  unsigned Kept = R.Sites.size() - R.Promoted;
  OS << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
     << "<title>goescape report</title>\n<style>\n"
     << "body { font-family: sans-serif; margin: 2em; }\n"
     << "table { border-collapse: collapse; margin-bottom: 1.5em; }\n"
     << "th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; "
        "text-align: left; }\n"
     << "td.n { text-align: right; }\n"
     << "code { font-family: monospace; }\n"
     << "</style></head><body>\n";
  OS << "<h1>goescape report</h1>\n";
  OS << "<p>" << plural(R.Sites.size(), "allocation site") << " ("
     << plural(R.Records, "remark") << " in " << plural(R.RemarkFiles, "file")
     << "): <b>" << R.Promoted << "</b> promoted, <b>" << Kept
     << "</b> kept; <b>" << R.Bytes << "</b> bytes moved to the stack.</p>\n";

  OS << "<h2>Sites by file</h2>\n<table>\n"
     << "<tr><th>file</th><th>promoted</th><th>kept</th><th>stack bytes</th>"
     << "</tr>\n";
  for (const auto &[File, F] : R.Files)
    OS << "<tr><td><code>" << Esc(File) << "</code></td><td class=\"n\">"
       << F.Promoted << "</td><td class=\"n\">" << F.Kept
       << "</td><td class=\"n\">" << F.Bytes << "</td></tr>\n";
  OS << "</table>\n";

  if (!R.Reasons.empty()) {
    OS << "<h2>Top reasons for keeping on the heap</h2>\n<table>\n"
       << "<tr><th>count</th><th>reason</th><th>example</th></tr>\n";
    for (const ReasonStats &RS : R.Reasons) {
      const Site &E = *RS.Example;
      OS << "<tr><td class=\"n\">" << RS.Count << "</td><td>" << Esc(RS.Name)
         << "</td><td><code>" << Esc(E.location()) << "</code> "
         << Esc(E.Allocation);
      if (!E.Reason.empty())
        OS << ": " << Esc(E.Reason);
      OS << "</td></tr>\n";
    }
    OS << "</table>\n";
  }

  if (!R.Kept.empty()) {
    OS << "<h2>The " << shownKept(R) << " kept sites that matter most</h2>\n"
       << "<p>In loops first (deeper first), then larger; " << R.Kept.size()
       << " sites kept in all.</p>\n<table>\n"
       << "<tr><th>#</th><th>site</th><th>allocation</th><th>function</th>"
       << "<th>loop depth</th><th>bytes</th><th>reason</th></tr>\n";
    for (unsigned I = 0, E = shownKept(R); I != E; ++I) {
      const Site &S = *R.Kept[I];
      OS << "<tr><td class=\"n\">" << I + 1 << "</td><td><code>"
         << Esc(S.location()) << "</code></td><td><code>" << Esc(S.Allocation)
         << "</code></td><td><code>" << Esc(S.Function)
         << "</code></td><td class=\"n\">" << S.LoopDepth
         << "</td><td class=\"n\">" << (S.Bytes ? utostr(S.Bytes) : "?")
         << "</td><td>" << Esc(reasonText(S)) << "</td></tr>\n";
    }
    OS << "</table>\n";
  }
  OS << "</body></html>\n";
}

static int fail(Error E) {
  handleAllErrors(std::move(E), [](const ErrorInfoBase &EI) {
    WithColor::error(errs(), ToolName)
        << StringRef(EI.message()).rtrim() << "\n";
  });
  return 1;
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(ReportCategory);
  cl::ParseCommandLineOptions(
      argc, argv,
      "goescape-report: what goescape moved to the stack in a build, and why "
      "the rest stayed\n\n"
      "Reads optimisation records (clang -fsave-optimization-record) from "
      "the files given and from every *.opt.yaml (or *.yaml holding remarks) "
      "below the directories given, and summarises the remarks of pass "
      "'goescape'.\n");

  std::vector<std::string> Files;
  if (Error E = collectInputs(Files))
    return fail(std::move(E));

  Report R;
  std::map<SiteKey, Site> SiteMap;
  for (const std::string &File : Files)
    if (Error E = readRemarkFile(File, SiteMap, R))
      return fail(std::move(E));
  summarise(SiteMap, R);

  printText(outs(), R);

  if (!HTMLFile.empty()) {
    std::error_code EC;
    raw_fd_ostream HTML(HTMLFile, EC, sys::fs::OF_TextWithCRLF);
    if (EC)
      return fail(createFileError(HTMLFile, EC));
    printHTML(HTML, R);
    HTML.close();
    if (HTML.has_error())
      return fail(createFileError(HTMLFile, HTML.error()));
  }
  return 0;
}
