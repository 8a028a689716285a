//===- CallGraph.cpp - The call graph goescape's summaries follow ---------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//

#include "CallGraph.h"

#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"

using namespace llvm;
using namespace goescape;

SmallVector<Function *, 4> CallSCC::functions() const {
  SmallVector<Function *, 4> Fs;
  for (const CallGraphNode *N : Nodes)
    if (N->F)
      Fs.push_back(N->F);
  return Fs;
}

/// A function of the C or C++ runtime, declared here: it calls the
/// program only through what it is handed or what the program installed
/// (pointers, hooks, vtables), never one of its functions by name. Names
/// reserved to the implementation: `__x` (glibc's internals, the C++ ABI's
/// `__cxa_*`), `_Unwind_*`, and C++ names in namespace std and libstdc++'s
/// own (`std::__throw_length_error`, `std::string::_M_create`).
static bool isRuntimeFunction(const Function &F) {
  StringRef N = F.getName();
  if (N.starts_with("__") || N.starts_with("_Unwind_"))
    return true;
  for (StringRef P :
       {"_ZSt", "_ZNSt", "_ZNKSt", "_ZNSo", "_ZNKSo", "_ZNSi", "_ZNKSi",
        "_ZNSd", "_ZNSs", "_ZNKSs", "_ZN9__gnu_cxx", "_ZNK9__gnu_cxx",
        "_ZN10__cxxabiv1"})
    if (N.starts_with(P))
      return true;
  return false;
}

/// A function of another file (or a library) declared here, which may call
/// the module's functions by name: neither an intrinsic, nor the runtime's,
/// nor a C library function TargetLibraryInfo knows.
static bool isForeign(const Function &F, const TargetLibraryInfo &TLI) {
  LibFunc LF;
  return F.isDeclaration() && !F.isIntrinsic() && !isRuntimeFunction(F) &&
         !(TLI.getLibFunc(F, LF) && TLI.has(LF));
}

/// A function of the module that the runtime may call by name: a
/// replacement of operator new or delete (`_Znwm`, `_ZdlPv`, ...) or a
/// hook with a reserved name (`__asan_default_options`).
static bool isCalledByRuntime(const Function &F) {
  StringRef N = F.getName();
  return N.starts_with("__") || N.starts_with("_Znw") ||
         N.starts_with("_Zna") || N.starts_with("_Zdl") ||
         N.starts_with("_Zda");
}

/// A function that code in another translation unit, or a library, may
/// call by name: any that is not local, except main, which the C library
/// enters once (C++ forbids calling it; a C program calling main from
/// another file is not seen).
static bool isCalledByName(const Function &F) {
  return !F.hasLocalLinkage() && F.getName() != "main";
}

ModuleCallGraph::ModuleCallGraph(
    Module &M, function_ref<const TargetLibraryInfo &(Function &)> GetTLI)
    : Hooks(LibcHooks::find(M)) {
  Nodes.emplace_back();           // The root.
  External = &Nodes.emplace_back(); // Code outside the module.
  External->Index = 1;
  Runtime = &Nodes.emplace_back(); // The runtime's code.
  Runtime->Index = 2;
  External->Callees.push_back(Runtime);
  for (Function &F : M)
    if (!F.isDeclaration()) {
      CallGraphNode &N = Nodes.emplace_back();
      N.F = &F;
      N.Index = Nodes.size() - 1;
      NodeOf[&F] = &N;
    }
  CallGraphNode *Root = getRoot();
  for (CallGraphNode &N : drop_begin(Nodes, FirstFunction))
    Root->Callees.push_back(&N);
  Root->Callees.push_back(External);
  for (CallGraphNode &N : drop_begin(Nodes, FirstFunction)) {
    const TargetLibraryInfo &TLI = GetTLI(*N.F);
    bool ToExternal = false, ToRuntime = false;
    for (BasicBlock &BB : *N.F)
      for (Instruction &I : BB) {
        auto *CB = dyn_cast<CallBase>(&I);
        if (!CB)
          continue;
        const Function *Callee = CB->getCalledFunction();
        if (Callee)
          if (CallGraphNode *To = NodeOf.lookup(Callee))
            N.Callees.push_back(To);
        if (mayCallBack(*CB, TLI, Hooks)) {
          // The runtime's own functions and the C library's call back only
          // what they were handed or the hooks installed, unless a function
          // of another file is among that.
          bool RuntimeOnly =
              Callee && !isForeign(*Callee, TLI) &&
              none_of(CB->args(), [&](const Use &A) {
                const auto *G = dyn_cast<Function>(A->stripPointerCasts());
                return G && isForeign(*G, TLI);
              });
          (RuntimeOnly ? ToRuntime : ToExternal) = true;
          if (!N.OutsideCall)
            N.OutsideCall = CB;
        }
        LibFunc LF;
        if (isAllocationFn(CB, &TLI) ||
            (Callee && TLI.getLibFunc(*Callee, LF) &&
             LF == LibFunc_posix_memalign))
          N.AllocatesDirectly = true;
      }
    if (ToExternal)
      N.Callees.push_back(External);
    else if (ToRuntime)
      N.Callees.push_back(Runtime);
    // Code outside the module may call what it has a pointer to, and code
    // of other files (or libraries) what it has a name for.
    if (N.F->hasAddressTaken() || isCalledByRuntime(*N.F))
      Runtime->Callees.push_back(&N);
    else if (isCalledByName(*N.F))
      External->Callees.push_back(&N);
  }

  // A pointer to a function of another file may reach the runtime (a hook,
  // an exception's destructor) and be called back from there: then the
  // runtime may call whatever that file can.
  for (Function &F : M)
    if (F.hasAddressTaken() && isForeign(F, GetTLI(F))) {
      Runtime->Callees.push_back(External);
      break;
    }

  // scc_iterator completes an SCC only after every SCC it reaches: callees
  // first. The root is on no cycle and is left out.
  for (scc_iterator<ModuleCallGraph *> I = scc_begin(this); !I.isAtEnd(); ++I) {
    if (I->front() == Root)
      continue;
    CallSCC C;
    C.Nodes.assign(I->begin(), I->end());
    C.Recursive = I.hasCycle();
    C.ByName = is_contained(C.Nodes, External);
    C.Outside = C.ByName || is_contained(C.Nodes, Runtime);
    llvm::sort(C.Nodes, [](const CallGraphNode *A, const CallGraphNode *B) {
      return A->Index < B->Index;
    });
    for (const CallGraphNode *N : C.Nodes)
      if (!C.OutsideCall)
        C.OutsideCall = N->OutsideCall;
    for (const CallGraphNode *N : C.Nodes)
      SCCOf[N] = SCCs.size();
    SCCs.push_back(std::move(C));
  }

  // What code entered through a pointer reaches: the runtime node's
  // callees, and what they call, by name through other files too.
  SmallVector<const CallGraphNode *, 16> Work{Runtime};
  ThroughPointer.insert(Runtime);
  while (!Work.empty())
    for (const CallGraphNode *C : Work.pop_back_val()->Callees)
      if (ThroughPointer.insert(C).second)
        Work.push_back(C);
}

bool ModuleCallGraph::isReachedThroughPointer(const Function *F) const {
  const CallGraphNode *N = lookup(F);
  return N && ThroughPointer.count(N);
}

DenseSet<const Function *> ModuleCallGraph::findNeeded() const {
  // Who calls whom, among the module's functions.
  DenseMap<const CallGraphNode *, SmallVector<const CallGraphNode *, 4>>
      Callers;
  // Each caller once per callee, in O(edges): a function called from
  // thousands of others must not cost a scan of its callers per call.
  for (const CallGraphNode &N : drop_begin(Nodes, FirstFunction)) {
    SmallPtrSet<const CallGraphNode *, 8> Seen;
    for (const CallGraphNode *C : N.Callees)
      if (C->F && Seen.insert(C).second)
        Callers[C].push_back(&N);
  }
  // Functions that may be allocation wrappers: they return a pointer and
  // allocate, or call one that may be a wrapper (xmalloc2 -> xmalloc).
  DenseSet<const CallGraphNode *> MayWrap;
  SmallVector<const CallGraphNode *, 16> Work;
  auto ReturnsPointer = [](const CallGraphNode *N) {
    return N->F->getReturnType()->isPointerTy();
  };
  for (const CallGraphNode &N : drop_begin(Nodes, FirstFunction))
    if (N.AllocatesDirectly && ReturnsPointer(&N) && MayWrap.insert(&N).second)
      Work.push_back(&N);
  while (!Work.empty())
    for (const CallGraphNode *Caller : Callers.lookup(Work.pop_back_val()))
      if (ReturnsPointer(Caller) && MayWrap.insert(Caller).second)
        Work.push_back(Caller);
  // Seeds may have sites; everything they call is needed for its summary.
  DenseSet<const Function *> Needed;
  for (const CallGraphNode &N : drop_begin(Nodes, FirstFunction)) {
    bool Seed = N.AllocatesDirectly ||
                any_of(N.Callees, [&](const CallGraphNode *C) {
                  return MayWrap.count(C);
                });
    if (Seed && Needed.insert(N.F).second)
      Work.push_back(&N);
  }
  while (!Work.empty())
    for (const CallGraphNode *C : Work.pop_back_val()->Callees)
      if (C->F && Needed.insert(C->F).second)
        Work.push_back(C);
  return Needed;
}

DenseMap<const Function *, SmallVector<Function *, 4>>
ModuleCallGraph::callersWithin(ArrayRef<Function *> Members) const {
  DenseMap<const Function *, SmallVector<Function *, 4>> Callers;
  DenseSet<const Function *> In(Members.begin(), Members.end());
  for (Function *F : Members) {
    SmallPtrSet<const Function *, 8> Seen;
    for (const CallGraphNode *C : lookup(F)->Callees)
      if (C->F && In.count(C->F) && Seen.insert(C->F).second)
        Callers[C->F].push_back(F);
  }
  return Callers;
}
