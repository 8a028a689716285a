//===- Text.cpp - goescape-report's text and HTML pages -------------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The report for people: the text printed by default and the HTML page.
/// Both list the same things in the same order: totals, sites by file, the
/// reasons for keeping by count, the kept sites nearest the stack (or, with
/// a profile, those that ran most) with what would move each, and the
/// promoted sites. The HTML page also shows each site's source line with
/// the lines around it, and links every listed site there.
///
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace llvm;
using namespace goescape_report;

static std::string sizeText(const Site &S) {
  return S.Bytes ? (Twine(S.Bytes) + " bytes").str() : "size unknown";
}

static std::string loopText(const Site &S) {
  return S.LoopDepth ? ("loop depth " + Twine(S.LoopDepth)).str()
                     : "not in a loop";
}

/// "malloc(24) in 'build', 1000 calls, loop depth 1, 24 bytes".
static std::string siteText(const Site &S, bool WithCount) {
  std::string Out = S.Allocation + " in '" + S.Function + "', ";
  if (WithCount)
    Out += plural(S.Count, "call") + ", ";
  return Out + loopText(S) + ", " + sizeText(S);
}

/// Why a kept site stays, in words: the site's own (Describe.cpp's), else
/// the reason's.
static std::string whyText(const Site &S) {
  if (!S.Reason.empty())
    return S.Reason;
  if (const ReasonInfo *I = S.reason())
    return I->Words.str();
  return S.Name;
}

/// "one change away: free it before ...".
static std::string adviceText(const Site &S) {
  const ReasonInfo *I = S.reason();
  if (!I)
    return "reason '" + S.Name + "' is not known to this goescape-report";
  return (fixClassWords(I->Class) + ": " + S.advice()).str();
}

/// What happened to a promoted site: its message after the allocation.
static std::string moveText(const Site &S) {
  StringRef M(S.Message);
  M.consume_front(S.Allocation);
  M = M.trim();
  return M.empty() ? "moved to stack" : M.str();
}

static std::string reasonWords(StringRef Name) {
  if (const ReasonInfo *I = lookupReason(Name))
    return I->Words.str();
  return Name.str();
}

static size_t shown(size_t N, const PrintOptions &Opts) {
  return Opts.Top ? std::min<size_t>(Opts.Top, N) : N;
}

static std::string keptHeading(const Report &R, const PrintOptions &Opts) {
  size_t N = shown(R.Kept.size(), Opts);
  if (R.Profile)
    return "The " + plural(N, "heap allocation") + " that cost most (most " +
           "calls first; " + Twine(R.Kept.size()).str() + " kept)";
  return "The " + plural(N, "kept site") + " nearest the stack (one " +
         "change away first, in loops first, then larger; " +
         Twine(R.Kept.size()).str() + " kept)";
}

static std::string promotedHeading(const Report &R, const PrintOptions &Opts) {
  size_t N = shown(R.Promoted.size(), Opts);
  return "The " + plural(N, "promoted site") + " (" +
         (R.Profile ? "most calls first, then " : "") +
         "in loops first, then larger; " + Twine(R.Promoted.size()).str() +
         " promoted)";
}

static std::string profileText(const ProfileStats &P) {
  return "allocation calls counted: " + Twine(P.Calls).str() + " in " +
         plural(P.Files.size(), "file") + ": " + Twine(P.KeptCalls).str() +
         " at kept sites, " + Twine(P.OtherCalls).str() +
         " at promoted sites (the heap fallback), " +
         Twine(P.Unmatched).str() + " elsewhere";
}

void goescape_report::printText(raw_ostream &OS, const Report &R,
                                const PrintOptions &Opts) {
  OS << "goescape report: " << plural(R.Sites.size(), "allocation site") << " ("
     << plural(R.Records, "remark") << " in " << plural(R.RemarkFiles, "file")
     << ")\n";
  OS << "  promoted: " << R.Promoted.size() << "\n";
  OS << "  kept:     " << R.Kept.size() << "\n";
  OS << "  bytes moved to the stack: " << R.Bytes << "\n";
  if (R.Profile) {
    OS << "  " << profileText(*R.Profile) << "\n";
    // Most calls at no site: the usual cause is wrappers that return
    // malloc's result by a tail call, counted at their caller's line.
    const ProfileStats &P = *R.Profile;
    if (P.Unmatched > P.KeptCalls + P.OtherCalls)
      OS << "  most calls were counted at no site: an allocation wrapper "
            "compiled as a tail call (return malloc(n)) is counted at its "
            "caller's line; build the profiled run with "
            "-fno-optimize-sibling-calls\n";
  }
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
    size_t Width = StringRef("reason").size();
    for (const ReasonStats &RS : R.Reasons)
      Width = std::max(Width, reasonWords(RS.Name).size());
    OS << "\nTop reasons for keeping on the heap:\n";
    OS << "  count  " << left_justify("reason", Width) << "  example\n";
    for (const ReasonStats &RS : R.Reasons) {
      const Site &E = *RS.Example;
      OS << "  " << format_decimal(RS.Count, 5) << "  "
         << left_justify(reasonWords(RS.Name), Width) << "  " << E.location()
         << ": " << E.Allocation;
      if (!E.Reason.empty())
        OS << ": " << E.Reason;
      OS << "\n";
    }
  }

  if (!R.Kept.empty()) {
    OS << "\n" << keptHeading(R, Opts) << ":\n";
    for (size_t I = 0, E = shown(R.Kept.size(), Opts); I != E; ++I) {
      const Site &S = *R.Kept[I];
      OS << "  " << format_decimal(I + 1, 2) << ". " << S.location() << "  "
         << siteText(S, R.Profile.has_value()) << "\n"
         << "      " << whyText(S) << "\n"
         << "      " << adviceText(S) << "\n";
    }
  }

  if (!R.Promoted.empty()) {
    OS << "\n" << promotedHeading(R, Opts) << ":\n";
    for (size_t I = 0, E = shown(R.Promoted.size(), Opts); I != E; ++I) {
      const Site &S = *R.Promoted[I];
      OS << "  " << format_decimal(I + 1, 2) << ". " << S.location() << "  "
         << siteText(S, R.Profile.has_value()) << "\n"
         << "      " << moveText(S) << "\n";
    }
  }
}

//===----------------------------------------------------------------------===//
// HTML
//===----------------------------------------------------------------------===//

static std::string esc(StringRef S) {
  std::string Out;
  raw_string_ostream OS(Out);
  printHTMLEscaped(S, OS);
  return Out;
}

namespace {
/// The source listings of the page: one per source file found, with the
/// lines around each site. Anchors are "src-<file>-<line>".
struct Listings {
  std::map<std::string, unsigned> FileIndex; ///< By SourcePath.
  /// Per file, its sites by line.
  std::vector<std::map<unsigned, std::vector<const Site *>>> Lines;
  std::vector<std::string> Paths;
  std::vector<std::string> Names; ///< As the records name them.

  explicit Listings(const Report &R) {
    for (const Site &S : R.Sites) {
      if (S.SourcePath.empty() || !S.Line)
        continue;
      auto [It, Inserted] = FileIndex.try_emplace(S.SourcePath, Paths.size());
      if (Inserted) {
        Paths.push_back(S.SourcePath);
        Names.push_back(S.File);
        Lines.emplace_back();
      }
      Lines[It->second][S.Line].push_back(&S);
    }
  }

  std::string anchor(const Site &S) const {
    auto It = FileIndex.find(S.SourcePath);
    if (S.SourcePath.empty() || !S.Line || It == FileIndex.end())
      return "";
    return ("src-" + Twine(It->second) + "-" + Twine(S.Line)).str();
  }
};
} // namespace

/// The site's location, linked to its line in the listings when there is
/// one.
static std::string siteLink(const Site &S, const Listings &L) {
  std::string A = L.anchor(S);
  std::string Code = "<code>" + esc(S.location()) + "</code>";
  return A.empty() ? Code : "<a href=\"#" + A + "\">" + Code + "</a>";
}

static std::string verdictText(const Site &S) {
  if (S.Promoted)
    return S.Message.empty() ? S.Allocation + " moved to stack" : S.Message;
  return S.Message.empty() ? S.Allocation + ": " + whyText(S) : S.Message;
}

static void printListings(raw_ostream &OS, const Listings &L,
                          const PrintOptions &Opts) {
  if (L.Paths.empty())
    return;
  OS << "<h2>Sources</h2>\n";
  for (size_t F = 0, E = L.Paths.size(); F != E; ++F) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
        MemoryBuffer::getFile(L.Paths[F], /*IsText=*/true);
    OS << "<h3><code>" << esc(L.Names[F]) << "</code></h3>\n";
    if (!Buf) {
      OS << "<p>cannot read <code>" << esc(L.Paths[F]) << "</code></p>\n";
      continue;
    }
    SmallVector<StringRef, 0> Text;
    (*Buf)->getBuffer().split(Text, '\n');
    // The lines to show: each site's line with Context lines either side;
    // windows that touch are merged.
    std::set<unsigned> Show;
    for (const auto &KV : L.Lines[F])
      for (unsigned N = KV.first > Opts.Context ? KV.first - Opts.Context : 1;
           N <= KV.first + Opts.Context && N <= Text.size(); ++N)
        Show.insert(N);
    OS << "<pre class=\"src\">";
    unsigned Last = 0;
    for (unsigned N : Show) {
      if (Last && N != Last + 1)
        OS << "<span class=\"gap\">...</span>\n";
      Last = N;
      auto Sites = L.Lines[F].find(N);
      bool Here = Sites != L.Lines[F].end();
      bool AnyKept = Here && any_of(Sites->second,
                                    [](const Site *S) { return !S->Promoted; });
      OS << "<span";
      if (Here)
        OS << " id=\"src-" << F << "-" << N << "\" class=\""
           << (AnyKept ? "kept" : "promoted") << "\"";
      OS << "><span class=\"ln\">" << format_decimal(N, 5) << "</span> "
         << esc(Text[N - 1].rtrim("\r")) << "</span>\n";
      if (!Here)
        continue;
      for (const Site *S : Sites->second)
        OS << "<span class=\"note " << (S->Promoted ? "promoted" : "kept")
           << "\">      " << std::string(S->Column ? S->Column - 1 : 0, ' ')
           << "^ " << esc(verdictText(*S)) << "</span>\n";
    }
    OS << "</pre>\n";
  }
}

void goescape_report::printHTML(raw_ostream &OS, const Report &R,
                                const PrintOptions &Opts) {
  Listings L(R);
  OS << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
     << "<title>goescape report</title>\n<style>\n"
     << "body { font-family: sans-serif; margin: 2em; }\n"
     << "table { border-collapse: collapse; margin-bottom: 1.5em; }\n"
     << "th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; "
        "text-align: left; }\n"
     << "td.n { text-align: right; }\n"
     << "code { font-family: monospace; }\n"
     << "pre.src { background: #f7f7f7; padding: 0.5em; }\n"
     << ".ln { color: #888; }\n"
     << ".kept { background: #fde2e2; }\n"
     << ".promoted { background: #e2f5e2; }\n"
     << ".note { font-style: italic; }\n"
     << ".gap { color: #888; }\n"
     << ":target { outline: 2px solid #36c; }\n"
     << "</style></head><body>\n";
  OS << "<h1>goescape report</h1>\n";
  OS << "<p>" << plural(R.Sites.size(), "allocation site") << " ("
     << plural(R.Records, "remark") << " in " << plural(R.RemarkFiles, "file")
     << "): <b>" << R.Promoted.size() << "</b> promoted, <b>"
     << R.Kept.size() << "</b> kept; <b>" << R.Bytes
     << "</b> bytes moved to the stack.</p>\n";
  if (R.Profile)
    OS << "<p>" << esc(profileText(*R.Profile)) << ".</p>\n";

  OS << "<h2>Sites by file</h2>\n<table>\n"
     << "<tr><th>file</th><th>promoted</th><th>kept</th><th>stack bytes</th>"
     << "</tr>\n";
  for (const auto &[File, F] : R.Files)
    OS << "<tr><td><code>" << esc(File) << "</code></td><td class=\"n\">"
       << F.Promoted << "</td><td class=\"n\">" << F.Kept
       << "</td><td class=\"n\">" << F.Bytes << "</td></tr>\n";
  OS << "</table>\n";

  if (!R.Reasons.empty()) {
    OS << "<h2>Top reasons for keeping on the heap</h2>\n<table>\n"
       << "<tr><th>count</th><th>reason</th><th>example</th></tr>\n";
    for (const ReasonStats &RS : R.Reasons) {
      const Site &E = *RS.Example;
      OS << "<tr><td class=\"n\">" << RS.Count << "</td><td title=\""
         << esc(RS.Name) << "\">" << esc(reasonWords(RS.Name)) << "</td><td>"
         << siteLink(E, L) << " " << esc(E.Allocation);
      if (!E.Reason.empty())
        OS << ": " << esc(E.Reason);
      OS << "</td></tr>\n";
    }
    OS << "</table>\n";
  }

  bool WithCount = R.Profile.has_value();
  if (!R.Kept.empty()) {
    OS << "<h2>" << esc(keptHeading(R, Opts)) << "</h2>\n<table>\n"
       << "<tr><th>#</th><th>site</th><th>allocation</th><th>function</th>"
       << (WithCount ? "<th>calls</th>" : "")
       << "<th>loop depth</th><th>bytes</th><th>why it stays</th>"
       << "<th>what would move it</th></tr>\n";
    for (size_t I = 0, E = shown(R.Kept.size(), Opts); I != E; ++I) {
      const Site &S = *R.Kept[I];
      OS << "<tr><td class=\"n\">" << I + 1 << "</td><td>" << siteLink(S, L)
         << "</td><td><code>" << esc(S.Allocation) << "</code></td><td><code>"
         << esc(S.Function) << "</code></td>";
      if (WithCount)
        OS << "<td class=\"n\">" << S.Count << "</td>";
      OS << "<td class=\"n\">" << S.LoopDepth << "</td><td class=\"n\">"
         << (S.Bytes ? utostr(S.Bytes) : "?") << "</td><td>"
         << esc(whyText(S)) << "</td><td>" << esc(adviceText(S))
         << "</td></tr>\n";
    }
    OS << "</table>\n";
  }

  if (!R.Promoted.empty()) {
    OS << "<h2>" << esc(promotedHeading(R, Opts)) << "</h2>\n<table>\n"
       << "<tr><th>#</th><th>site</th><th>allocation</th><th>function</th>"
       << (WithCount ? "<th>calls</th>" : "")
       << "<th>loop depth</th><th>bytes</th><th>what goescape did</th></tr>\n";
    for (size_t I = 0, E = shown(R.Promoted.size(), Opts); I != E; ++I) {
      const Site &S = *R.Promoted[I];
      OS << "<tr><td class=\"n\">" << I + 1 << "</td><td>" << siteLink(S, L)
         << "</td><td><code>" << esc(S.Allocation) << "</code></td><td><code>"
         << esc(S.Function) << "</code></td>";
      if (WithCount)
        OS << "<td class=\"n\">" << S.Count << "</td>";
      OS << "<td class=\"n\">" << S.LoopDepth << "</td><td class=\"n\">"
         << (S.Bytes ? utostr(S.Bytes) : "?") << "</td><td>"
         << esc(moveText(S)) << "</td></tr>\n";
    }
    OS << "</table>\n";
  }
  printListings(OS, L, Opts);
  OS << "</body></html>\n";
}
