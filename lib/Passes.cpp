//===- Passes.cpp - goescape's options and pass registration --------------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// Every -goescape-* option, and the one function that names goescape's
/// passes for the pipeline parser and hooks the transform into clang's
/// optimisation pipelines. The plugin entry point and any tool call it, so
/// the names cannot drift apart.
///
/// The options are read once per pass or analysis that is built, into a
/// GoEscapeOptions: the analysis never reads a command-line option itself,
/// and records the limits it used with its decisions.
///
/// In clang's -O1/-O2/-O3 pipelines the transform runs at the start of the
/// module optimisation pipeline (OptimizerEarly): after the inliner has run,
/// so a helper that only reads a buffer has been inlined into the function
/// that allocates it, and before the loop and vector passes. Under LTO it
/// runs once per function, at link time, after cross-module inlining: in
/// each ThinLTO backend (OptimizerEarly again, phase ThinLTOPostLink) and at
/// the end of the full LTO pipeline (FullLinkTimeOptimizationLast); never in
/// the pre-link compile, which sees one file alone.
///
/// Named in -passes (`goescape`, `print<goescape>`), on IR nothing has
/// inferred the C library's attributes on (clang -Xclang
/// -disable-llvm-passes), LLVM's InferFunctionAttrs runs first, as it has at
/// the start of every clang pipeline: see docs/design.md, "What the analysis
/// trusts".
///
/// lld parses -mllvm and --plugin-opt before it loads --load-pass-plugin, so
/// the options can also come from the environment: GOESCAPE_OPTIONS holds
/// -goescape-* options, read once, when the plugin registers its passes
/// (after any command line). A bad one makes every pipeline that would run
/// goescape fail with an error that names it.
///
//===----------------------------------------------------------------------===//

#include "goescape/Passes.h"
#include "goescape/EscapeAnalysis.h"
#include "goescape/HeapToStack.h"

#include "LibcModel.h"
#include "SourceRecord.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/IPO/InferFunctionAttrs.h"

#include <mutex>

using namespace llvm;
using namespace goescape;

static cl::OptionCategory GoEscapeCategory("goescape options");

static cl::opt<uint64_t> MaxSize(
    "goescape-max-size", cl::init(65536), cl::cat(GoEscapeCategory),
    cl::desc("Largest allocation, in bytes, that goescape moves to the stack "
             "(inclusive; Go's limit for implicit allocations is 64 KiB)"));

static cl::opt<uint64_t> FrameBudget(
    "goescape-frame-budget", cl::init(128 * 1024), cl::cat(GoEscapeCategory),
    cl::desc("Most bytes of stack a function's frame may hold after "
             "promotion, counting its existing allocas"));

static cl::opt<uint64_t> RecursiveBudget(
    "goescape-recursive-budget", cl::init(0), cl::cat(GoEscapeCategory),
    cl::desc("Frame budget, in bytes, for functions that may recurse or "
             "have a variable-sized frame (VLA, alloca(n)); 0, the default, "
             "promotes nothing there: recursion depth is not known"));

static cl::opt<uint64_t> ChainBudget(
    "goescape-chain-budget", cl::init(256 * 1024), cl::cat(GoEscapeCategory),
    cl::desc("Most bytes promoted along any call chain of the module, all "
             "frames on it together"));

namespace {
/// Accepts a percentage from 1 to 100, so a bad value is an error, not a
/// silent zero.
struct PercentParser : public cl::parser<unsigned> {
  explicit PercentParser(cl::Option &O) : cl::parser<unsigned>(O) {}
  bool parse(cl::Option &O, StringRef ArgName, StringRef Arg, unsigned &V) {
    if (cl::parser<unsigned>::parse(O, ArgName, Arg, V))
      return true;
    if (V < 1 || V > 100)
      return O.error("'" + Arg + "' is not a percentage from 1 to 100");
    return false;
  }
};

/// -goescape-m is -goescape-m=1, and given twice -goescape-m=2, as Go's
/// -m -m.
struct LevelParser : public cl::parser<unsigned> {
  explicit LevelParser(cl::Option &O) : cl::parser<unsigned>(O) {}
  unsigned Bare = 0;
  bool parse(cl::Option &O, StringRef ArgName, StringRef Arg, unsigned &V) {
    if (Arg.empty()) {
      V = std::min(++Bare, 2u);
      return false;
    }
    if (cl::parser<unsigned>::parse(O, ArgName, Arg, V))
      return true;
    if (V > 2)
      return O.error("'" + Arg + "' is not a report level (0, 1 or 2)");
    return false;
  }
};
} // namespace

static cl::opt<unsigned, false, PercentParser> BudgetPercent(
    "goescape-budget-percent", cl::init(100), cl::cat(GoEscapeCategory),
    cl::desc("Scale -goescape-max-size and the frame, recursive and chain "
             "budgets to this percentage, for programs whose threads have "
             "small stacks (e.g. 12 for 64 KiB thread stacks)"));

static cl::opt<bool> BoundSizes(
    "goescape-bound-sizes", cl::init(true), cl::cat(GoEscapeCategory),
    cl::desc("Move an allocation whose size is known only at run time to a "
             "stack slot of its proven upper bound (n & 63, n % 48, "
             "if (n <= 64) malloc(n)) when the bound is within "
             "-goescape-max-size"));

static cl::opt<uint64_t> SmallBuffer(
    "goescape-small-buffer", cl::init(64), cl::cat(GoEscapeCategory),
    cl::desc("For an allocation whose size is known only at run time and "
             "that does not escape: a stack slot of this many bytes, used "
             "when the size fits, and the real allocation otherwise "
             "(0: keep such allocations on the heap)"));

static cl::opt<unsigned> CarriedSlots(
    "goescape-carried-slots", cl::init(2), cl::cat(GoEscapeCategory),
    cl::desc("For an allocation in a loop whose objects may outlive the "
             "next execution (a growing std::vector's old storage): this "
             "many stack slots, each used only while free, and the real "
             "allocation when none is (0: keep such allocations on the "
             "heap)"));

static cl::opt<int> BisectLimit(
    "goescape-limit", cl::init(-1), cl::cat(GoEscapeCategory),
    cl::desc("Promote only the first N allocation sites of the module, in a "
             "stable order, and name the Nth: bisects a misbehaving build "
             "like -opt-bisect-limit (-1: no limit; "
             "-debug-counter=goescape-promote=... selects any range)"));

static cl::opt<unsigned> MaxAnalysisWork(
    "goescape-max-work", cl::init(64u << 20), cl::Hidden,
    cl::cat(GoEscapeCategory),
    cl::desc("Give up on a function whose values times objects exceed this"));

static cl::opt<unsigned> MaxSCCRounds(
    "goescape-max-scc-rounds", cl::init(16), cl::Hidden,
    cl::cat(GoEscapeCategory),
    cl::desc("Solves per member a recursive SCC may take to settle before "
             "the worst summary is assumed"));

static cl::opt<unsigned, false, LevelParser> ReportLevel(
    "goescape-m", cl::init(0), cl::ValueOptional, cl::cat(GoEscapeCategory),
    cl::desc("Print Go-style escape analysis decisions, like go build "
             "-gcflags=-m: every allocation, and the parameter tags that "
             "explain a kept one; =2 (or the option twice) adds every "
             "parameter tag and the chain of steps behind each escape"));

static cl::opt<bool>
    Disable("goescape-disable", cl::init(false), cl::cat(GoEscapeCategory),
            cl::desc("Turn goescape off: promote nothing, report nothing"));

/// The options as the command line set them, with the size limits scaled
/// by -goescape-budget-percent.
static GoEscapeOptions getOptions() {
  auto Scaled = [](uint64_t V) { return V * BudgetPercent / 100; };
  GoEscapeOptions Opts;
  Opts.MaxSize = Scaled(MaxSize);
  Opts.FrameBudget = Scaled(FrameBudget);
  Opts.RecursiveBudget = Scaled(RecursiveBudget);
  Opts.ChainBudget = Scaled(ChainBudget);
  Opts.MaxWork = MaxAnalysisWork;
  Opts.MaxSCCRounds = MaxSCCRounds;
  Opts.BoundSizes = BoundSizes;
  Opts.SmallBuffer = Scaled(SmallBuffer);
  Opts.CarriedSlots = CarriedSlots;
  Opts.BisectLimit = BisectLimit;
  Opts.ReportLevel = ReportLevel;
  Opts.Disable = Disable;
  // The report covers every function, so the analysis must too.
  Opts.AnalyseAll = ReportLevel > 0;
  return Opts;
}

/// The environment variable that sets goescape's options where no command
/// line reaches them (lld's LTO link step).
static constexpr const char *OptionsVariable = "GOESCAPE_OPTIONS";

/// Sets the -goescape-* options in Text, as on a command line (blanks
/// separate them; quotes and backslashes as in a shell). Returns what is
/// wrong with the first bad one, or an empty string. Only goescape's own
/// options are accepted: the others are the host tool's business.
static std::string applyOptions(StringRef Text) {
  BumpPtrAllocator Alloc;
  StringSaver Saver(Alloc);
  SmallVector<const char *, 8> Args;
  cl::TokenizeGNUCommandLine(Text, Saver, Args);
  auto &Registered = cl::getRegisteredOptions();
  for (StringRef Arg : Args) {
    auto Bad = [&](const Twine &Why) {
      return (Twine(OptionsVariable) + ": '" + Arg + "' " + Why).str();
    };
    StringRef Name = Arg;
    if (!Name.consume_front("-"))
      return Bad("is not an option");
    Name.consume_front("-");
    auto [Key, Value] = Name.split('=');
    bool HasValue = Name.contains('=');
    auto It = Registered.find(Key);
    if (!Key.starts_with("goescape-") || It == Registered.end() ||
        !is_contained(It->second->Categories, &GoEscapeCategory))
      return Bad("is not a goescape option (see README.md, \"Using it\"; "
                 "other LLVM options go to -mllvm)");
    cl::Option *O = It->second;
    if (!HasValue && O->getValueExpectedFlag() == cl::ValueRequired)
      return Bad("needs a value: -" + Key + "=...");
    if (HasValue && O->getValueExpectedFlag() == cl::ValueDisallowed)
      return Bad("takes no value");
    // The option's parser says what is wrong with the value on stderr.
    if (O->addOccurrence(0, Key, Value))
      return Bad("has a bad value");
  }
  return "";
}

/// GOESCAPE_OPTIONS, applied once per process however many times the plugin
/// is loaded (lld loads it in every ThinLTO backend thread): what is wrong
/// with it, or an empty string.
static const std::string &applyEnvironmentOptions() {
  static std::once_flag Once;
  static std::string Error;
  std::call_once(Once, [] {
    if (std::optional<std::string> Text =
            sys::Process::GetEnv(OptionsVariable))
      Error = applyOptions(*Text);
  });
  return Error;
}

namespace {
/// Stands in for goescape when GOESCAPE_OPTIONS is bad: fails the compile
/// or the link with the reason, where goescape would have run.
struct BadOptionsPass : PassInfoMixin<BadOptionsPass> {
  std::string Message;
  explicit BadOptionsPass(std::string Message) : Message(std::move(Message)) {}
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    M.getContext().emitError("goescape: " + Message);
    return PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};
} // namespace

namespace {
/// At -O0 goescape does not run: when the user asked it to say something
/// (-goescape-m, its remarks, an optimisation record), one line says so.
struct NotRunAtO0Pass : PassInfoMixin<NotRunAtO0Pass> {
  bool Report = false;
  explicit NotRunAtO0Pass(bool Report) : Report(Report) {}
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    LLVMContext &Ctx = M.getContext();
    const DiagnosticHandler *DH = Ctx.getDiagHandlerPtr();
    if (Report || (DH && DH->isAnyRemarkEnabled("goescape")) ||
        Ctx.getLLVMRemarkStreamer())
      errs() << "goescape: " << M.getSourceFileName()
             << ": not run: goescape runs at -O1 and above, and this is -O0 "
                "(or no -O given)\n";
    return PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};
} // namespace

namespace {
/// `-passes=goescape` and `print<goescape>` on a module nothing has
/// inferred the C library's attributes on (IR from clang
/// -Xclang -disable-llvm-passes): LLVM's InferFunctionAttrs first, as at
/// the start of every clang pipeline, so that malloc is an allocation, free
/// a free and strlen a function that keeps nothing. It adds attributes to
/// declarations only, from their names and prototypes, where
/// TargetLibraryInfo says the function is the library's (-fno-builtin and
/// clang's no-builtin attributes on the declaration, nobuiltin
/// declarations and optnone are left alone), and changes no instruction
/// and no definition. A module that has the attributes is left as it is.
struct InferLibcAttributesPass : PassInfoMixin<InferLibcAttributesPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &MAM) {
    FunctionAnalysisManager &FAM =
        MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
    if (!lacksInferredLibcAttributes(
            M, [&](Function &F) -> const TargetLibraryInfo & {
              return FAM.getResult<TargetLibraryAnalysis>(F);
            }))
      return PreservedAnalyses::all();
    return InferFunctionAttrsPass().run(M, MAM);
  }
  // The verdicts must not depend on whether opt-bisect skipped it.
  static bool isRequired() { return true; }
};
} // namespace

/// Adds the transform, or the error that stands in for it.
static void addGoEscapePass(ModulePassManager &MPM, bool Cleanup) {
  const std::string &Error = applyEnvironmentOptions();
  if (!Error.empty())
    MPM.addPass(BadOptionsPass(Error));
  else
    MPM.addPass(GoEscapePass(getOptions(), Cleanup));
}

void goescape::registerGoEscapePasses(PassBuilder &PB) {
  // Before anything reads an option.
  applyEnvironmentOptions();

  PB.registerAnalysisRegistrationCallback([](ModuleAnalysisManager &MAM) {
    MAM.registerPass([] { return GoEscapeAnalysis(getOptions()); });
  });
  // The passes' pipeline names, for -print-pipeline-passes (whose output
  // opt can then parse), -print-before=goescape, -print-changed.
  if (PassInstrumentationCallbacks *PIC = PB.getPassInstrumentationCallbacks()) {
    PIC->addClassToPassName(GoEscapePass::name(), "goescape");
    PIC->addClassToPassName(GoEscapeSourceRecordPass::name(),
                            "goescape-record-source");
  }

  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM,
         ArrayRef<PassBuilder::PipelineElement>) {
        if (Name == "goescape" ||
            (Name.starts_with("goescape<") && Name.ends_with(">"))) {
          Expected<bool> Cleanup = PassBuilder::parsePassParameters(
              [](StringRef Params) {
                return PassBuilder::parseSinglePassOption(Params, "cleanup",
                                                          "goescape");
              },
              Name, "goescape");
          if (!Cleanup) {
            // The callback can only say no; say why first.
            errs() << "goescape: " << toString(Cleanup.takeError()) << "\n";
            return false;
          }
          MPM.addPass(InferLibcAttributesPass());
          addGoEscapePass(MPM, *Cleanup);
          return true;
        }
        if (Name == "goescape-record-source") {
          MPM.addPass(GoEscapeSourceRecordPass());
          return true;
        }
        if (Name == "print<goescape>") {
          const std::string &Error = applyEnvironmentOptions();
          if (!Error.empty()) {
            MPM.addPass(BadOptionsPass(Error));
            return true;
          }
          MPM.addPass(InferLibcAttributesPass());
          MPM.addPass(GoEscapePrinterPass(outs(), getOptions()));
          return true;
        }
        return parseAnalysisUtilityPasses<GoEscapeAnalysis, Module>(
            "goescape", Name, MPM);
      });

  // Once per function, after the inliner has seen everything it will see:
  // without LTO, at the start of the module optimisation pipeline; with
  // LTO, at link time, where other files' functions have been inlined.
  // The pre-link compile (-flto, -flto=thin) runs OptimizerEarly on one
  // file alone; the ThinLTO backends run it again (ThinLTOPostLink); the
  // full LTO pipeline runs no OptimizerEarly and ends with
  // FullLinkTimeOptimizationLast, after its inliner.
  // What the source said, before the optimiser rewrites it: the report
  // names calls and parameters as written (SourceRecord.h).
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level) {
        if (Level != OptimizationLevel::O0)
          MPM.addPass(GoEscapeSourceRecordPass());
      });

  PB.registerOptimizerEarlyEPCallback([](ModulePassManager &MPM,
                                         OptimizationLevel Level,
                                         ThinOrFullLTOPhase Phase) {
    if (Level == OptimizationLevel::O0) {
      if (Phase == ThinOrFullLTOPhase::None)
        MPM.addPass(NotRunAtO0Pass(getOptions().ReportLevel > 0));
      return;
    }
    switch (Phase) {
    case ThinOrFullLTOPhase::None:
    case ThinOrFullLTOPhase::ThinLTOPostLink:
      addGoEscapePass(MPM, /*Cleanup=*/true);
      return;
    case ThinOrFullLTOPhase::ThinLTOPreLink:
    case ThinOrFullLTOPhase::FullLTOPreLink:
    case ThinOrFullLTOPhase::FullLTOPostLink:
      return;
    }
  });

  PB.registerFullLinkTimeOptimizationLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level) {
        if (Level == OptimizationLevel::O0)
          return;
        addGoEscapePass(MPM, /*Cleanup=*/true);
      });
}
