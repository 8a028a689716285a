//===- goescape-report.cpp - Summarise goescape's remarks for a build -----===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Reads the optimisation records a build left behind (clang's
/// -fsave-optimization-record, lld's link-time records; YAML or bitstream)
/// and says, for the whole build, what goescape moved to the stack and why
/// the rest stayed:
///
///   goescape-report build/              # every remark file below build/
///   goescape-report a.opt.yaml b.opt.yaml --html report.html
///   goescape-report build/ --format=sarif -o goescape.sarif
///   goescape-report build/ --profile goescape-count.1234
///
/// Only remarks of pass "goescape" count. One allocation site gives one
/// record per function it ends up in (inlining) and per translation unit
/// that includes it (headers), so records with the same file, line, column
/// and verdict are one site. The report has: sites promoted and kept per
/// source file, the bytes moved to the stack, the reasons for keeping by
/// count, the kept sites nearest the stack and the promoted sites.
///
/// Kept sites are ranked by how far they are from the stack (Reasons.cpp):
/// one change away first, then those whose function has to change, then
/// those that cannot move, then those kept on purpose; in each class, in
/// loops first (deeper first), then larger. With --profile, by how often
/// they ran first. Every list is sorted, ties by location, so the same
/// records always give the same report.
///
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Remarks/Remark.h"
#include "llvm/Remarks/RemarkFormat.h"
#include "llvm/Remarks/RemarkParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
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
using namespace goescape_report;

static constexpr StringLiteral ToolName = "goescape-report";
static constexpr StringLiteral PassName = "goescape";

static cl::OptionCategory ReportCategory("goescape-report options");

static cl::list<std::string> Inputs(cl::Positional, cl::OneOrMore,
                                    cl::desc("<remark file or directory>..."),
                                    cl::cat(ReportCategory));

static cl::opt<std::string>
    Format("format", cl::init("text"), cl::value_desc("text|json|sarif|html"),
           cl::desc("What to write: the text report (default), JSON, SARIF "
                    "2.1.0 (one result per kept site), or an HTML page"),
           cl::cat(ReportCategory));

static cl::opt<std::string>
    OutputFile("o", cl::value_desc("file"),
               cl::desc("Write the report there instead of to stdout"),
               cl::cat(ReportCategory));

static cl::opt<std::string>
    HTMLFile("html", cl::value_desc("file"),
             cl::desc("Also write the report as an HTML page"),
             cl::cat(ReportCategory));

static cl::opt<unsigned>
    TopN("top", cl::init(10), cl::value_desc("n"),
         cl::desc("How many sites to list in text and HTML (default 10, "
                  "0 for all)"),
         cl::cat(ReportCategory));

static cl::list<std::string>
    ProfileFiles("profile", cl::value_desc("file"),
                 cl::desc("Rank kept sites by the calls counted in this file "
                          "(written by goescape-count.so; may be repeated)"),
                 cl::cat(ReportCategory));

static cl::list<std::string>
    SourceDirs("source-dir", cl::value_desc("dir"),
               cl::desc("Look for sources named by a relative path here "
                        "first (then beside the remark file, then in the "
                        "current directory)"),
               cl::cat(ReportCategory));

namespace {
/// A site is its location and verdict. Records without a location (code
/// without debug locations) are told apart by function and allocation too.
using SiteKey = std::tuple<std::string, unsigned, unsigned, std::string,
                           std::string, std::string>;
} // namespace

static bool siteLess(const Site &A, const Site &B) {
  return std::tie(A.File, A.Line, A.Column, A.Name, A.Function, A.Allocation) <
         std::tie(B.File, B.Line, B.Column, B.Name, B.Function, B.Allocation);
}

FixClass Site::fixClass() const {
  const ReasonInfo *I = reason();
  return I ? I->Class : FixClass::Never;
}

std::string Site::location() const {
  if (!HasLoc)
    return File;
  return (File + ":" + Twine(Line) + ":" + Twine(Column)).str();
}

std::string goescape_report::plural(size_t N, StringRef Noun) {
  return (Twine(N) + " " + Noun + (N == 1 ? "" : "s")).str();
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
    S.RemarkFile = Path.str();
    // The message, as -Rpass prints it: the arguments before the extra ones
    // (Bytes and LoopDepth, and the words that open them, " (").
    size_t End = 0;
    while (End != Rem.Args.size() && Rem.Args[End].Key != "Bytes" &&
           Rem.Args[End].Key != "LoopDepth")
      ++End;
    if (End != 0 && End != Rem.Args.size() &&
        Rem.Args[End - 1].Key == "String" &&
        Rem.Args[End - 1].Val.starts_with(" ("))
      --End;
    // The site's own advice goes where the report puts advice, not into
    // the message (with the "; " before it).
    for (size_t I = 0; I != End; ++I) {
      if (Rem.Args[I].Key == "Advice") {
        S.Advice = yamlText(Rem.Args[I].Val, IsYAML);
        StringRef Msg(S.Message);
        if (Msg.ends_with("; "))
          S.Message.resize(S.Message.size() - 2);
        continue;
      }
      S.Message += yamlText(Rem.Args[I].Val, IsYAML);
    }
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
    // site inlined into a loop is reported as in that loop; ties go to the
    // first function by name, so the order of the inputs does not show.
    Site &Old = It->second;
    std::string RemarkFile = std::min(Old.RemarkFile, S.RemarkFile);
    if (std::make_tuple(S.LoopDepth, S.Bytes, StringRef(Old.Function)) >
        std::make_tuple(Old.LoopDepth, Old.Bytes, StringRef(S.Function)))
      Old = std::move(S);
    Old.RemarkFile = std::move(RemarkFile);
  }
}

static bool isRemarkFileName(StringRef Name) {
  return Name.ends_with(".opt.yaml") || Name.ends_with(".opt.yml") ||
         Name.ends_with(".opt.bitstream");
}

/// Whether a file that is not named like a compiler's optimisation record
/// holds remarks anyway: a *.yaml whose first document has a remark tag
/// (-foptimization-record-file=X.yaml; lld's X.opt.ld.yaml and, for ThinLTO,
/// X.opt.ld.yaml.thin.N.yaml), or a *.bitstream with the remark magic
/// (X.opt.ld.bitstream.thin.N.bitstream).
static bool looksLikeRemarks(StringRef Path) {
  StringRef Name = sys::path::filename(Path);
  bool YAML = Name.ends_with(".yaml") || Name.ends_with(".yml");
  if (!YAML && !Name.ends_with(".bitstream"))
    return false;
  ErrorOr<std::unique_ptr<MemoryBuffer>> BufOrErr =
      MemoryBuffer::getFileSlice(Path, /*MapSize=*/256, /*Offset=*/0);
  if (!BufOrErr)
    return false;
  StringRef Head = (*BufOrErr)->getBuffer();
  if (!YAML)
    return Head.starts_with("RMRK");
  Head = Head.ltrim();
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
      if (isRemarkFileName(Name) || looksLikeRemarks(Path))
        Found.push_back(Path.str());
    }
    if (EC)
      return createFileError(Input, EC);
    llvm::sort(Found);
    llvm::append_range(Files, Found);
  }
  return Error::success();
}

/// Finds each site's source file on disk, for HTML's listings and SARIF's
/// locations: an absolute name as it is; a relative one under --source-dir,
/// then beside the remark file (the compiler ran there when the record is
/// next to its object file), then in the current directory.
static void findSources(Report &R) {
  std::map<std::pair<std::string, std::string>, std::string> Cache;
  for (Site &S : R.Sites) {
    if (!S.HasLoc)
      continue;
    std::string Dir = sys::path::parent_path(S.RemarkFile).str();
    auto [It, Inserted] = Cache.try_emplace({S.File, Dir});
    if (Inserted) {
      std::vector<std::string> Tries;
      if (sys::path::is_absolute(S.File)) {
        Tries.push_back(S.File);
      } else {
        for (const std::string &D : SourceDirs)
          Tries.push_back((D + "/" + S.File));
        Tries.push_back(Dir.empty() ? S.File : Dir + "/" + S.File);
        Tries.push_back(S.File);
      }
      for (const std::string &T : Tries) {
        if (!sys::fs::is_regular_file(T))
          continue;
        SmallString<256> Abs(T);
        sys::fs::make_absolute(Abs);
        sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
        It->second = std::string(Abs.str());
        break;
      }
    }
    S.SourcePath = It->second;
  }
}

/// Sorts, counts and ranks what the records said.
static void summarise(std::map<SiteKey, Site> &SiteMap, Report &R) {
  for (auto &KV : SiteMap)
    R.Sites.push_back(std::move(KV.second));
  llvm::sort(R.Sites, siteLess);
}

/// Counts per file and per reason, and ranks the sites; after the profile,
/// which the ranking reads.
static void rankSites(Report &R) {
  StringMap<unsigned> ReasonIndex;
  for (const Site &S : R.Sites) {
    FileStats &F = R.Files[S.File];
    if (S.Promoted) {
      ++F.Promoted;
      F.Bytes += S.Bytes;
      R.Promoted.push_back(&S);
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

  // Most frequent first, ties in the order of the words printed. Every name
  // is distinct, so these orders are total.
  auto Words = [](const ReasonStats &RS) {
    const ReasonInfo *I = lookupReason(RS.Name);
    return I ? I->Words : StringRef(RS.Name);
  };
  llvm::sort(R.Reasons, [&](const ReasonStats &A, const ReasonStats &B) {
    if (A.Count != B.Count)
      return A.Count > B.Count;
    return std::make_pair(Words(A), StringRef(A.Name)) <
           std::make_pair(Words(B), StringRef(B.Name));
  });
  // With a profile, the sites that ran most first. Then the nearest the
  // stack (FixClass order); in loops first, deeper first, since a heap
  // allocation per iteration costs the most; then the larger objects. Ties
  // in location order (sites are distinct, so the order is total).
  bool ByCount = R.Profile.has_value();
  llvm::sort(R.Kept, [ByCount](const Site *A, const Site *B) {
    if (ByCount && A->Count != B->Count)
      return A->Count > B->Count;
    if (A->fixClass() != B->fixClass())
      return A->fixClass() < B->fixClass();
    if (A->LoopDepth != B->LoopDepth)
      return A->LoopDepth > B->LoopDepth;
    if (A->Bytes != B->Bytes)
      return A->Bytes > B->Bytes;
    return siteLess(*A, *B);
  });
  // Promoted sites: the most saved first, in loops (an allocation saved per
  // iteration), then larger.
  llvm::sort(R.Promoted, [ByCount](const Site *A, const Site *B) {
    if (ByCount && A->Count != B->Count)
      return A->Count > B->Count;
    if (A->LoopDepth != B->LoopDepth)
      return A->LoopDepth > B->LoopDepth;
    if (A->Bytes != B->Bytes)
      return A->Bytes > B->Bytes;
    return siteLess(*A, *B);
  });
}

static int fail(Error E) {
  handleAllErrors(std::move(E), [](const ErrorInfoBase &EI) {
    WithColor::error(errs(), ToolName)
        << StringRef(EI.message()).rtrim() << "\n";
  });
  return 1;
}

/// Writes the report in format \p Fmt to \p Path ("" or "-": stdout).
static Error writeReport(StringRef Path, StringRef Fmt, const Report &R,
                         const PrintOptions &Opts) {
  auto Print = [&](raw_ostream &OS) {
    if (Fmt == "json")
      printJSON(OS, R);
    else if (Fmt == "sarif")
      printSARIF(OS, R);
    else if (Fmt == "html")
      printHTML(OS, R, Opts);
    else
      printText(OS, R, Opts);
  };
  if (Path.empty() || Path == "-") {
    Print(outs());
    outs().flush();
    return Error::success();
  }
  std::error_code EC;
  raw_fd_ostream OS(Path, EC, sys::fs::OF_TextWithCRLF);
  if (EC)
    return createFileError(Path, EC);
  Print(OS);
  OS.close();
  if (OS.has_error())
    return createFileError(Path, OS.error());
  return Error::success();
}

int main(int argc, char **argv) {
  InitLLVM X(argc, argv);
  cl::HideUnrelatedOptions(ReportCategory);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "goescape-report (goescape " GOESCAPE_VERSION ")\n";
  });
  cl::ParseCommandLineOptions(
      argc, argv,
      "goescape-report: what goescape moved to the stack in a build, and why "
      "the rest stayed\n\n"
      "Reads optimisation records (clang -fsave-optimization-record, lld's "
      "link-time records) from the files given and from every *.opt.yaml, "
      "*.opt.bitstream, and *.yaml or *.bitstream holding remarks below the "
      "directories given, and summarises the remarks of pass 'goescape'.\n");

  if (!is_contained({"text", "json", "sarif", "html"}, StringRef(Format))) {
    WithColor::error(errs(), ToolName)
        << "unknown --format '" << Format
        << "': expected text, json, sarif or html\n";
    return 1;
  }

  std::vector<std::string> Files;
  if (Error E = collectInputs(Files))
    return fail(std::move(E));

  Report R;
  std::map<SiteKey, Site> SiteMap;
  for (const std::string &File : Files)
    if (Error E = readRemarkFile(File, SiteMap, R))
      return fail(std::move(E));
  summarise(SiteMap, R);
  findSources(R);
  if (!ProfileFiles.empty())
    if (Error E = applyProfile(ProfileFiles, R))
      return fail(std::move(E));
  rankSites(R);

  PrintOptions Opts;
  Opts.Top = TopN;
  if (Error E = writeReport(OutputFile, Format, R, Opts))
    return fail(std::move(E));
  if (!HTMLFile.empty())
    if (Error E = writeReport(HTMLFile, "html", R, Opts))
      return fail(std::move(E));
  return 0;
}
