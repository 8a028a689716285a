//===- Report.cpp - Go-style -m output and remarks ------------------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// What goescape tells the programmer, made from the analysis result:
///
///   $ clang-22 -O2 -fpass-plugin=GoEscape.so -mllvm -goescape-m -c demo.c
///   demo.c:3:22: leaking param: p to result ~r0 level=0
///   demo.c:4:13: malloc(16) moved to stack
///   demo.c:9:15: malloc(32) escapes to heap: stored to global 'last'
///   goescape: demo.c: 1 site moved to stack (16 bytes), 1 kept on heap
///
/// Level 1 says what happened to every allocation, and the parameter tags
/// of the functions kept sites were passed to; level 2 (-goescape-m=2, or
/// -goescape-m -goescape-m as Go's -m -m) every parameter tag too, and:
/// each kept site's chain of steps from the allocation to the place it
/// escapes, each with its own position:
///
///   demo.c:9:15: malloc(32) escapes to heap:
///   demo.c:9:15:   flow: stored into malloc() result 'box', which escapes, at demo.c:10:8
///   demo.c:8:15:   flow: returned from 'make' at demo.c:12:3
///
/// Lines are sorted by file, line and column. Without debug info a line
/// names the function instead of a position.
///
//===----------------------------------------------------------------------===//

#include "goescape/Report.h"
#include "goescape/EscapeAnalysis.h"


#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>
#include <memory>
#include <mutex>
#include "llvm/Support/raw_ostream.h"

#include <set>
#include <tuple>

using namespace llvm;
using namespace goescape;

#define DEBUG_TYPE "goescape"

namespace {
/// A position: file, line, column; or, without debug info, the function.
struct Pos {
  std::string File;
  unsigned Line = 0, Col = 0;
  std::string Function;

  std::string str() const {
    if (File.empty())
      return "function '" + Function + "'";
    return (File + ":" + Twine(Line) + ":" + Twine(Col)).str();
  }
  auto key() const { return std::tie(File, Line, Col, Function); }
};

struct Line {
  Pos At;
  std::string Text;
  unsigned Seq; // Keeps a -m=2 chain in order under its heading.
};
} // namespace

static Pos getPos(const Instruction *I) {
  Pos P;
  P.Function = I->getFunction()->getName().str();
  if (const DebugLoc &DL = I->getDebugLoc()) {
    P.File = DL->getFilename().str();
    P.Line = DL.getLine();
    P.Col = DL.getCol();
  }
  return P;
}

/// Where \p I is in the function being compiled: for code inlined into it,
/// the outermost call's position (the user's line, not the helper's).
static const DILocation *getUserLoc(const Instruction *I) {
  const DILocation *L = I->getDebugLoc().get();
  if (!L)
    return nullptr;
  while (const DILocation *IA = L->getInlinedAt())
    L = IA;
  return L;
}

/// A site's position: the user's line (getUserLoc).
static Pos getSitePos(const Instruction *I) {
  Pos P = getPos(I);
  if (const DILocation *L = getUserLoc(I)) {
    P.File = L->getFilename().str();
    P.Line = L->getLine();
    P.Col = L->getColumn();
  }
  return P;
}

/// For a site inlined into its function, where it was written:
/// " (inlined from yaml_malloc at src/api.c:33:12)"; "" otherwise.
static std::string getInlinedFrom(const Instruction *I) {
  const DILocation *L = I->getDebugLoc().get();
  if (!L || !L->getInlinedAt())
    return "";
  const DISubprogram *SP = L->getScope()->getSubprogram();
  std::string Name = SP ? demangle(SP->getName()) : "?";
  return (" (inlined from " + Name + " at " + L->getFilename() + ":" +
          Twine(L->getLine()) + ":" + Twine(L->getColumn()) + ")")
      .str();
}

namespace {
/// Source lines, read for the columns of parameters: the optimiser keeps
/// none (clang's assignment tracking puts their debug records at line 0,
/// and the variable has a line only).
class SourceLines {
public:
  /// The column where parameter \p Var's name stands on its line as a
  /// whole word: the first such place after "f(" (the function's name and
  /// its parenthesis: parameters come before the body), else its only one
  /// in the line; 0 when the file cannot be read or the name is ambiguous.
  unsigned findColumn(const DILocalVariable &Var) {
    const std::vector<StringRef> *Lines = getLines(Var.getFile());
    unsigned LineNo = Var.getLine();
    if (!Lines || LineNo == 0 || LineNo > Lines->size() ||
        Var.getName().empty())
      return 0;
    StringRef Text = (*Lines)[LineNo - 1];
    if (const DISubprogram *SP = Var.getScope()->getSubprogram()) {
      for (size_t I = Text.find(SP->getName()); I != StringRef::npos;
           I = Text.find(SP->getName(), I + 1)) {
        size_t After = I + SP->getName().size();
        if ((I != 0 && isIdent(Text[I - 1])) ||
            Text.substr(After).ltrim().empty() ||
            Text.substr(After).ltrim().front() != '(')
          continue;
        if (unsigned Col = findWord(Text, Var.getName(), After, true))
          return Col;
      }
    }
    return findWord(Text, Var.getName(), 0, false);
  }

private:
  StringMap<std::unique_ptr<MemoryBuffer>> Buffers;
  StringMap<std::vector<StringRef>> Split;

  static bool isIdent(char C) { return isAlnum(C) || C == '_'; }
  /// 1-based column of the whole word \p Name in \p Text at or after
  /// \p From: the first, or (\p First false) the only one; 0 if none.
  static unsigned findWord(StringRef Text, StringRef Name, size_t From,
                           bool First) {
    unsigned Found = 0;
    for (size_t I = Text.find(Name, From); I != StringRef::npos;
         I = Text.find(Name, I + 1)) {
      size_t End = I + Name.size();
      if ((I != 0 && isIdent(Text[I - 1])) ||
          (End < Text.size() && isIdent(Text[End])))
        continue;
      if (First)
        return I + 1;
      if (Found)
        return 0;
      Found = I + 1;
    }
    return Found;
  }
  const std::vector<StringRef> *getLines(const DIFile *File) {
    if (!File)
      return nullptr;
    SmallString<256> Path(File->getFilename());
    if (!sys::path::is_absolute(Path))
      Path = (File->getDirectory() + "/" + File->getFilename()).str();
    auto It = Split.find(Path);
    if (It != Split.end())
      return &It->second;
    std::vector<StringRef> &Lines = Split[Path];
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf =
        MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buf)
      return &Lines;
    StringRef Rest = (*Buf)->getBuffer();
    while (!Rest.empty()) {
      auto [Line, Next] = Rest.split('\n');
      Lines.push_back(Line);
      Rest = Next;
    }
    Buffers[Path] = std::move(*Buf);
    return &Lines;
  }
};
} // namespace

/// Where a parameter is declared: its variable's line, with the column
/// where its name stands in the source; else its debug record's position;
/// else the function's.
static Pos getParamPos(const Function &F, unsigned ArgNo,
                       SourceLines &Source) {
  Pos P;
  P.Function = F.getName().str();
  if (const DbgVariableRecord *DVR = findParamRecord(F, ArgNo)) {
    const DILocalVariable *Var = DVR->getVariable();
    if (unsigned Col = Source.findColumn(*Var)) {
      P.File = Var->getFilename().str();
      P.Line = Var->getLine();
      P.Col = Col;
      return P;
    }
  }
  if (const DbgVariableRecord *DVR =
          findParamRecord(F, ArgNo, /*NeedLocation=*/true)) {
    P.File = DVR->getDebugLoc()->getFilename().str();
    P.Line = DVR->getDebugLoc().getLine();
    P.Col = DVR->getDebugLoc().getCol();
    return P;
  }
  if (const DISubprogram *SP = F.getSubprogram()) {
    P.File = SP->getFilename().str();
    P.Line = SP->getLine();
  }
  return P;
}

/// The sites of one function, by their allocation call, to follow a chain
/// from an object to the object it was stored into.
static const AllocSite *findSite(const FunctionEscapeInfo &Info,
                                 const Value *V) {
  for (const AllocSite &S : Info.Sites)
    if (S.Call == V)
      return &S;
  return nullptr;
}

/// The most calls -goescape-m=2 follows from one site.
static constexpr unsigned MaxFollowedCalls = 8;

/// For an object passed to a callee's parameter \p Param (the escape's
/// Container), where the callee leaks it, and on through the callees that
/// pass it on: "in 'keep', p: stored to global 'last' (at keep.c:3:8)".
/// \p Direct: the argument itself, else what it points to.
static void followIntoCallee(const EscapeInfo &EI, const Value *Param,
                             bool Direct,
                             function_ref<void(const std::string &)> Say) {
  SmallPtrSet<const Argument *, 4> Seen;
  for (unsigned Hops = 0; Hops != MaxFollowedCalls; ++Hops) {
    const auto *A = dyn_cast_or_null<Argument>(Param);
    if (!A || !Seen.insert(A).second)
      return;
    const Function &F = *A->getParent();
    const FunctionEscapeInfo *Info = EI.lookup(F);
    if (!Info || A->getArgNo() >= Info->Summary.Params.size())
      return;
    const ParamSummary &P = Info->Summary.Params[A->getArgNo()];
    const ParamSummary::Leak *L = nullptr;
    for (unsigned Level = Direct ? 0 : 1; Level != NumLevels && !L; ++Level)
      if (P.Leaks[Level].Reason != KeepReason::None)
        L = &P.Leaks[Level];
    if (!L)
      return;
    std::string Who = getParamName(F, A->getArgNo());
    if (L != &P.Leaks[0])
      Who = "what " + Who + " points to";
    std::string Hop = "in '" + demangle(F.getName()) + "', " + Who + ": " +
                      describeLeak(*L, F);
    if (L->At)
      Hop += " (at " + getPos(L->At).str() + ")";
    Say(Hop);
    if (L->Reason != KeepReason::CapturedByCall &&
        L->Reason != KeepReason::ReachableFromCall)
      return;
    Param = L->Container;
    Direct = L->Reason == KeepReason::CapturedByCall;
  }
}

/// The C library's names for \p M's target, built once per target triple
/// rather than for every kept call site (ThinLTO backends may ask from
/// several threads).
static const TargetLibraryInfoImpl &getLibraryInfo(const Module &M) {
  static std::mutex Lock;
  static std::map<std::string, std::unique_ptr<TargetLibraryInfoImpl>> ByTriple;
  std::lock_guard<std::mutex> Guard(Lock);
  std::unique_ptr<TargetLibraryInfoImpl> &TLII =
      ByTriple[M.getTargetTriple().str()];
  if (!TLII)
    TLII = std::make_unique<TargetLibraryInfoImpl>(M.getTargetTriple());
  return *TLII;
}

namespace {
/// More words on a kept site: for a call, what to change or what the callee
/// does; else what to change, when one change moves it.
struct CallNote {
  std::string Text;
  /// What to change (Text is advice), or what the callee does with the
  /// object (Text explains).
  bool IsAdvice = false;
};
} // namespace

/// What a programmer can do about a site kept because of a call, or learn
/// from it: why goescape cannot see what the callee does and what would let
/// it (advice), or what a callee goescape trusts does with the object (its
/// summary's leak, the first step of followIntoCallee). Empty when there is
/// nothing to add: an indirect call (the reason says so), an intrinsic, a
/// C library function.
static CallNote getCallNoteFor(const EscapeInfo &EI, const AllocSite &S) {
  if (S.Reason != KeepReason::CapturedByCall &&
      S.Reason != KeepReason::ReachableFromCall &&
      S.Reason != KeepReason::FreedByCall)
    return {S.describeAdvice(), true};
  const auto *CB = dyn_cast_or_null<CallBase>(S.Culprit);
  const Function *Callee = CB ? CB->getCalledFunction() : nullptr;
  if (!Callee || Callee->isIntrinsic())
    return {};
  std::string Name = "'" + demangle(Callee->getName()) + "'";
  if (Callee->isDeclaration()) {
    LibFunc LF;
    if (getLibraryInfo(*Callee->getParent()).getLibFunc(*Callee, LF))
      return {};
    return {Name + " is not defined in this file: define it here, or build "
                   "with -flto, so that goescape sees what it does with it",
            true};
  }
  if (!isBodyUsed(*Callee))
    return {Name + " may be replaced by another function when the "
                   "program is linked (it is weak), so goescape does not use "
                   "its body",
            true};
  std::string First;
  if (S.Reason != KeepReason::FreedByCall)
    followIntoCallee(EI, S.Container, S.Reason == KeepReason::CapturedByCall,
                     [&](const std::string &Hop) {
                       if (First.empty())
                         First = Hop;
                     });
  return {First, false};
}

/// The same, and for advice that would stop an escape, the size limit the
/// site is also over: then one change does not move it.
static CallNote getCallNote(const EscapeInfo &EI, const AllocSite &S) {
  CallNote Note = getCallNoteFor(EI, S);
  if (Note.IsAdvice && !Note.Text.empty() &&
      S.AlsoKept == KeepReason::TooLarge && S.Size)
    Note.Text += " (but at " + std::to_string(*S.Size) +
                 " bytes it is also over the size limit of " +
                 std::to_string(S.Limit) + " bytes: it would stay on the heap)";
  return Note;
}

void goescape::printGoStyleReport(const EscapeInfo &EI, const Module &M,
                                  unsigned Level, raw_ostream &OS) {
  SourceLines Source;
  std::vector<Line> Lines;
  unsigned Seq = 0;
  unsigned Promoted = 0, Kept = 0;
  uint64_t Bytes = 0;
  // At level 1, parameter tags only where they explain a kept site: of the
  // functions kept sites were passed to.
  SmallPtrSet<const Function *, 8> Explains;
  if (Level < 2)
    for (const auto &[F, Info] : EI.Functions)
      for (const AllocSite &S : Info.Sites)
        if (!S.isPromotable() && !S.ViaConstructor)
          if (const auto *CB = dyn_cast_or_null<CallBase>(S.Culprit))
            if (const Function *Callee = CB->getCalledFunction())
              // A body goescape does not use explains nothing.
              if (isBodyUsed(*Callee))
                Explains.insert(Callee);
  for (const auto &Entry : EI.Functions) {
    const Function *F = Entry.first;
    const FunctionEscapeInfo &Info = Entry.second;
    if (Level >= 2 || Explains.count(F))
      Info.Summary.forEachLine(*F, [&](unsigned ArgNo, StringRef Text) {
        Lines.push_back({getParamPos(*F, ArgNo, Source), Text.str(), Seq++});
      });
    // Each site's lines: a heading (its verdict, and at level 1 why) and at
    // level 2 the steps of its way out. Every site counts, with or without
    // debug info: the unit of -goescape-limit.
    struct SiteText {
      const AllocSite *S;
      Pos At;
      std::string Head, Tail; // the suffix goes between them
      std::vector<std::string> Steps;
    };
    std::vector<SiteText> Texts;
    for (const AllocSite &S : Info.Sites) {
      // A constructor's call that stays as written is not an allocation of
      // its own: the constructor's line says why that one is on the heap.
      // At level 2 it says why the call was not specialised, uncounted.
      bool KeptCall = S.ViaConstructor && !S.isPromotable();
      if (KeptCall && Level < 2)
        continue;
      SiteText T{&S, getSitePos(S.Call), "", "", {}};
      std::string From = S.describeRewrite() + getInlinedFrom(S.Call);
      if (S.isPromotable()) {
        ++Promoted;
        Bytes += S.getStackBytes();
        T.Head = S.describeAsWritten() + " " + S.describeMove() + From;
        Texts.push_back(std::move(T));
        continue;
      }
      if (!KeptCall)
        ++Kept;
      T.Head = S.describeAsWritten() + (KeptCall ? " result" : "") +
               (isEscape(S.Reason) ? " escapes to heap" : " kept on heap") +
               From;
      if (Level < 2) {
        T.Tail = ": " + S.describeReason();
        CallNote Note = getCallNote(EI, S);
        if (!Note.Text.empty())
          T.Tail += "; " + Note.Text;
        Texts.push_back(std::move(T));
        continue;
      }
      // -m=2: the heading, then one step per object on the way out, each
      // at the position of the object it is about.
      T.Tail = ":";
      SmallPtrSet<const AllocSite *, 4> Seen;
      for (const AllocSite *Cur = &S; Cur && Seen.insert(Cur).second;) {
        std::string Step = "  flow: ";
        if (Cur != &S)
          Step += Cur->describeAsWritten() + " at " + getPos(Cur->Call).str() +
                  ": ";
        Step += Cur->describeReason();
        if (Cur->Culprit)
          Step += " (at " + getPos(Cur->Culprit).str() + ")";
        T.Steps.push_back(Step);
        if (Cur->Reason == KeepReason::CapturedByCall ||
            Cur->Reason == KeepReason::ReachableFromCall)
          followIntoCallee(EI, Cur->Container,
                           Cur->Reason == KeepReason::CapturedByCall,
                           [&](const std::string &Hop) {
                             T.Steps.push_back("  flow: " + Hop);
                           });
        if (Cur->Reason != KeepReason::StoredIntoEscaping)
          break;
        Cur = findSite(Info, Cur->Container);
      }
      // What to change, as at level 1 (what a callee does is in the flow).
      CallNote Note = getCallNote(EI, S);
      if (Note.IsAdvice && !Note.Text.empty())
        T.Steps.push_back("  advice: " + Note.Text);
      Texts.push_back(std::move(T));
    }
    // Sites that share a line (copies at one position, or without debug
    // info the sites of one function) and agree are said once, with how
    // many; copies that disagree each say which copy they are.
    auto Same = [](const SiteText &A, const SiteText &B) {
      return A.Head == B.Head && A.Tail == B.Tail && A.Steps == B.Steps;
    };
    // One group per line a site of this function would print: its position
    // and where it was written, or without a position its whole text; in
    // module order. A map, not a pairwise search: a generated function may
    // have thousands of sites.
    std::map<std::string, unsigned> GroupOf;
    std::vector<SmallVector<unsigned, 1>> Groups;
    for (unsigned I = 0, E = Texts.size(); I != E; ++I) {
      const SiteText &T = Texts[I];
      std::string Key;
      if (!T.At.File.empty()) {
        Key = "P" + T.At.str() + "\n" + getInlinedFrom(T.S->Call);
      } else {
        Key = "T" + T.Head + "\n" + T.Tail;
        for (const std::string &Step : T.Steps)
          Key += "\n" + Step;
      }
      auto [It, New] = GroupOf.try_emplace(Key, Groups.size());
      if (New)
        Groups.emplace_back();
      Groups[It->second].push_back(I);
    }
    for (const auto &Group : Groups) {
      const SiteText &First = Texts[Group.front()];
      bool HasPos = !First.At.File.empty();
      bool Agree = all_of(Group, [&](unsigned J) {
        return Same(First, Texts[J]);
      });
      auto Emit = [&](const SiteText &T, const std::string &Suffix) {
        Lines.push_back({T.At, T.Head + Suffix + T.Tail, Seq++});
        for (const std::string &Step : T.Steps)
          Lines.push_back({T.At, Step, Seq++});
      };
      if (Agree) {
        std::string Suffix;
        if (Group.size() > 1)
          Suffix = " (" + std::to_string(Group.size()) +
                   (HasPos ? " copies)" : " sites)");
        Emit(First, Suffix);
        continue;
      }
      for (unsigned J : Group)
        Emit(Texts[J], " (copy " + std::to_string(Texts[J].S->Copy) + " of " +
                           std::to_string(Texts[J].S->Copies) + ")");
    }
  }
  // Sort by position; a chain keeps its order under its heading because
  // every line of it has the heading's position.
  llvm::sort(Lines, [](const Line &A, const Line &B) {
    return std::make_tuple(A.At.key(), A.Seq) <
           std::make_tuple(B.At.key(), B.Seq);
  });
  std::string Last;
  for (const Line &L : Lines) {
    std::string Out = L.At.str() + ": " + L.Text;
    // Summaries of functions inlined twice say the same thing twice.
    if (Out == Last)
      continue;
    OS << Out << "\n";
    Last = std::move(Out);
  }
  // A file with no site says nothing more: a whole build's output is its
  // verdicts.
  if (Promoted + Kept == 0)
    return;
  // The file as the verdicts above name it: relative to the compilation
  // directory, as clang writes the other files' names, not as the command
  // line had it (an absolute path in a CMake build).
  StringRef File = M.getSourceFileName();
  if (!M.debug_compile_units().empty()) {
    const DICompileUnit *CU = *M.debug_compile_units_begin();
    StringRef Dir = CU->getDirectory();
    File = CU->getFilename();
    if (!Dir.empty() && File.starts_with(Dir) &&
        File.drop_front(Dir.size()).starts_with("/"))
      File = File.drop_front(Dir.size() + 1);
  }
  OS << "goescape: " << File << ": " << Promoted
     << (Promoted == 1 ? " site" : " sites") << " moved to stack (" << Bytes
     << " bytes), " << Kept << " kept on heap\n";
}

/// One remark per site. The message is what -Rpass prints; the arguments
/// after setExtraArgs() go only into -fsave-optimization-record's records,
/// where goescape-report reads them: Bytes (absent if not a constant) and
/// LoopDepth. Tools that render a record (opt-viewer) join every argument's
/// value, so the extra ones come with words between them:
///
///   malloc(256) moved to stack (256 bytes, loop depth 1)
void goescape::emitSiteRemark(const EscapeInfo &EI, const AllocSite &S,
                              OptimizationRemarkEmitter &ORE) {
  // As in the report: a constructor's call kept as written says nothing.
  if (S.ViaConstructor && !S.isPromotable())
    return;
  const Function &F = *S.Call->getFunction();
  // Without debug info a remark has no location: name the function instead.
  // With it, the user's line, and the helper's for an inlined site.
  std::string Where = S.describeRewrite() + getInlinedFrom(S.Call);
  if (!S.Call->getDebugLoc())
    Where = (" in function '" + F.getName() + "'").str();
  // One remark per site: copies at one position say which each is.
  if (S.Copies > 1)
    Where += " (copy " + std::to_string(S.Copy) + " of " +
             std::to_string(S.Copies) + ")";
  DiagnosticLocation Loc(getUserLoc(S.Call));
  const BasicBlock *Block = S.Call->getParent();
  auto Extra = [&](auto &R) -> decltype(R) {
    // A promoted site takes its slot's bytes (an object that grows, more
    // than it asked for first); a kept site of run-time size has no size,
    // whatever slot it would have had.
    std::optional<uint64_t> Bytes = S.Size;
    if (S.isPromotable())
      Bytes = S.getStackBytes();
    else if (S.Fallback)
      Bytes.reset();
    R << ore::setExtraArgs();
    if (Bytes)
      R << " (" << ore::NV("Bytes", *Bytes) << " bytes, loop depth ";
    else
      R << " (size not a constant, loop depth ";
    return R << ore::NV("LoopDepth", S.LoopDepth) << ")";
  };
  if (S.isPromotable()) {
    ORE.emit([&] {
      OptimizationRemark R(DEBUG_TYPE, "Promoted", Loc, Block);
      R << ore::NV("Allocation", S.describeAsWritten())
        << StringRef(" " + S.describeMove());
      if (!Where.empty())
        R << Where;
      return Extra(R);
    });
    return;
  }
  ORE.emit([&] {
    OptimizationRemarkMissed R(DEBUG_TYPE, getReasonName(S.Reason), Loc,
                               Block);
    R << ore::NV("Allocation", S.describeAsWritten())
      << (isEscape(S.Reason) ? " escapes to heap" : " kept on heap");
    if (!Where.empty())
      R << Where;
    R << ": " << ore::NV("Reason", S.describeReason());
    // goescape-report reads Advice as what to change for this site.
    CallNote Note = getCallNote(EI, S);
    if (!Note.Text.empty())
      R << "; " << ore::NV(Note.IsAdvice ? "Advice" : "InCallee", Note.Text);
    return Extra(R);
  });
}

void goescape::emitSummaryRemarks(const FunctionEscapeInfo &Info,
                                  OptimizationRemarkEmitter &ORE) {
  const Function &F = *Info.F;
  // The lines cost a walk over the function per parameter: only when
  // someone listens.
  if (F.empty() || !ORE.allowExtraAnalysis(DEBUG_TYPE))
    return;
  Info.Summary.forEachLine(F, [&](unsigned ArgNo, StringRef Text) {
    ORE.emit([&] {
      OptimizationRemarkAnalysis R(DEBUG_TYPE, "ParamSummary",
                                   DiagnosticLocation(F.getSubprogram()),
                                   &F.getEntryBlock());
      R << ore::NV("Summary", Text);
      if (!F.getSubprogram())
        R << " in function '" << F.getName() << "'";
      return R;
    });
  });
}
