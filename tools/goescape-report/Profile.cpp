//===- Profile.cpp - How often each site ran, from goescape-count ---------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Reads the count files goescape-count.so writes (tools/goescape-count.c)
/// and adds each call to the site it was made at. A count file has one line
/// per allocation call site that ran:
///
///   # goescape-count 1
///   /path/to/prog<TAB>0x1a2b<TAB>1000
///
/// the binary, the call's return address in the binary's own addresses
/// (the run-time address less the binary's load bias), and the number of
/// calls. The address is symbolized with LLVM's symbolizer through the
/// binary's debug info (-g or -gline-tables-only): one before the return
/// address is inside the call, whose outermost inlined frame (the call in
/// the function goescape compiled, where an inlined helper's allocation
/// was reported) has the same file, line and column as the site's remark. Calls at a line and column with no site, in code built
/// without goescape or in a library, are counted as elsewhere.
///
//===----------------------------------------------------------------------===//

#include "Report.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/DebugInfo/Symbolize/Symbolize.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>

using namespace llvm;
using namespace goescape_report;

static constexpr StringLiteral Magic = "# goescape-count 1";

/// Whether the symbolizer's \p FramePath names the site's file: the same
/// file found on disk, or a path that ends with the site's relative name.
static bool sameFile(const Site &S, StringRef FramePath) {
  SmallString<256> P(FramePath);
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  StringRef Path = P.str();
  if (!S.SourcePath.empty() && Path == S.SourcePath)
    return true;
  if (Path == S.File)
    return true;
  return !sys::path::is_absolute(S.File) && Path.ends_with("/" + S.File);
}

Error goescape_report::applyProfile(ArrayRef<std::string> Files, Report &R) {
  // Sites by line and column; a promoted site's calls are its heap
  // fallback, so a kept copy of the same site comes first.
  std::map<std::pair<unsigned, unsigned>, std::vector<Site *>> ByLoc;
  std::map<unsigned, std::vector<Site *>> ByLine;
  for (bool Promoted : {false, true})
    for (Site &S : R.Sites) {
      if (!S.HasLoc || S.Promoted != Promoted)
        continue;
      ByLoc[{S.Line, S.Column}].push_back(&S);
      ByLine[S.Line].push_back(&S);
    }

  symbolize::LLVMSymbolizer::Options Opts;
  Opts.Demangle = false;
  symbolize::LLVMSymbolizer Symbolizer(Opts);

  ProfileStats P;
  for (const std::string &File : Files) {
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
        MemoryBuffer::getFile(File, /*IsText=*/true);
    if (!Buf)
      return createFileError(File, Buf.getError());
    P.Files.push_back(File);
    SmallVector<StringRef, 0> Lines;
    (*Buf)->getBuffer().split(Lines, '\n', -1, /*KeepEmpty=*/false);
    if (Lines.empty() || Lines.front().rtrim() != Magic)
      return createFileError(
          File, createStringError("not a goescape-count file (no '" + Magic +
                                  "' line)"));
    for (size_t I = 1; I < Lines.size(); ++I) {
      // "# dropped N": calls at sites past the counter's table.
      StringRef Comment = Lines[I].rtrim();
      uint64_t Dropped = 0;
      if (Comment.consume_front("#")) {
        if (Comment.consume_front(" dropped ") &&
            !Comment.getAsInteger(10, Dropped)) {
          P.Calls += Dropped;
          P.Unmatched += Dropped;
        }
        continue;
      }
      SmallVector<StringRef, 3> Fields;
      Lines[I].rtrim("\r").split(Fields, '\t');
      uint64_t Addr = 0, Count = 0;
      if (Fields.size() != 3 || !Fields[1].consume_front("0x") ||
          Fields[1].getAsInteger(16, Addr) || Fields[2].getAsInteger(10, Count))
        return createFileError(
            File, createStringError("line " + Twine(I + 1) +
                                    ": expected binary<TAB>0xaddress<TAB>"
                                    "count"));
      P.Calls += Count;
      Site *Hit = nullptr;
      Expected<DIInliningInfo> Info = Symbolizer.symbolizeInlinedCode(
          Fields[0].str(), {Addr ? Addr - 1 : 0,
                            object::SectionedAddress::UndefSection});
      if (!Info) {
        // A binary that is gone or unreadable: its calls are elsewhere.
        consumeError(Info.takeError());
      } else if (Info->getNumberOfFrames()) {
        const DILineInfo &L = Info->getFrame(Info->getNumberOfFrames() - 1);
        auto It = ByLoc.find({L.Line, L.Column});
        if (It != ByLoc.end())
          for (Site *S : It->second)
            if (sameFile(*S, L.FileName)) {
              Hit = S;
              break;
            }
        // No column in the line table (-gcolumn-info off): the line's only
        // site.
        if (!Hit && L.Column == 0) {
          auto LI = ByLine.find(L.Line);
          if (LI != ByLine.end() && LI->second.size() == 1 &&
              sameFile(*LI->second.front(), L.FileName))
            Hit = LI->second.front();
        }
      }
      if (!Hit) {
        P.Unmatched += Count;
        continue;
      }
      Hit->Count += Count;
      (Hit->Promoted ? P.OtherCalls : P.KeptCalls) += Count;
    }
  }
  R.Profile = std::move(P);
  return Error::success();
}
