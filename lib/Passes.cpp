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
/// that allocates it, and before the loop and vector passes.
///
//===----------------------------------------------------------------------===//

#include "goescape/Passes.h"
#include "goescape/EscapeAnalysis.h"
#include "goescape/HeapToStack.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

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

/// -goescape-m is -goescape-m=1.
struct LevelParser : public cl::parser<unsigned> {
  explicit LevelParser(cl::Option &O) : cl::parser<unsigned>(O) {}
  bool parse(cl::Option &O, StringRef ArgName, StringRef Arg, unsigned &V) {
    if (Arg.empty()) {
      V = 1;
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
             "-gcflags=-m; =2 adds the chain of steps behind each escape"));

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
  Opts.BisectLimit = BisectLimit;
  Opts.ReportLevel = ReportLevel;
  Opts.Disable = Disable;
  // The report covers every function, so the analysis must too.
  Opts.AnalyseAll = ReportLevel > 0;
  return Opts;
}

void goescape::registerGoEscapePasses(PassBuilder &PB) {
  PB.registerAnalysisRegistrationCallback([](ModuleAnalysisManager &MAM) {
    MAM.registerPass([] { return GoEscapeAnalysis(getOptions()); });
  });

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
          MPM.addPass(GoEscapePass(getOptions(), *Cleanup));
          return true;
        }
        if (Name == "print<goescape>") {
          MPM.addPass(GoEscapePrinterPass(outs(), getOptions()));
          return true;
        }
        return parseAnalysisUtilityPasses<GoEscapeAnalysis, Module>(
            "goescape", Name, MPM);
      });

  PB.registerOptimizerEarlyEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel Level, ThinOrFullLTOPhase) {
        if (Level == OptimizationLevel::O0)
          return;
        MPM.addPass(GoEscapePass(getOptions(), /*Cleanup=*/true));
      });
}
