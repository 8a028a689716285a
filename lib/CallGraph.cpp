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

ModuleCallGraph::ModuleCallGraph(
    Module &M, function_ref<const TargetLibraryInfo &(Function &)> GetTLI)
    : Hooks(LibcHooks::find(M)) {
  Nodes.emplace_back();           // The root.
  External = &Nodes.emplace_back(); // Code outside the module.
  External->Index = 1;
  for (Function &F : M)
    if (!F.isDeclaration()) {
      CallGraphNode &N = Nodes.emplace_back();
      N.F = &F;
      N.Index = Nodes.size() - 1;
      NodeOf[&F] = &N;
    }
  CallGraphNode *Root = getRoot();
  for (CallGraphNode &N : drop_begin(Nodes, 2))
    Root->Callees.push_back(&N);
  Root->Callees.push_back(External);
  for (CallGraphNode &N : drop_begin(Nodes, 2)) {
    const TargetLibraryInfo &TLI = GetTLI(*N.F);
    bool ToExternal = false;
    for (BasicBlock &BB : *N.F)
      for (Instruction &I : BB) {
        auto *CB = dyn_cast<CallBase>(&I);
        if (!CB)
          continue;
        const Function *Callee = CB->getCalledFunction();
        if (Callee)
          if (CallGraphNode *To = NodeOf.lookup(Callee))
            N.Callees.push_back(To);
        ToExternal |= mayCallBack(*CB, TLI, Hooks);
        LibFunc LF;
        if (isAllocationFn(CB, &TLI) ||
            (Callee && TLI.getLibFunc(*Callee, LF) &&
             LF == LibFunc_posix_memalign))
          N.AllocatesDirectly = true;
      }
    if (ToExternal)
      N.Callees.push_back(External);
    if (N.F->hasAddressTaken())
      External->Callees.push_back(&N);
  }

  // scc_iterator completes an SCC only after every SCC it reaches: callees
  // first. The root is on no cycle and is left out.
  for (scc_iterator<ModuleCallGraph *> I = scc_begin(this); !I.isAtEnd(); ++I) {
    if (I->front() == Root)
      continue;
    CallSCC C;
    C.Nodes.assign(I->begin(), I->end());
    C.Recursive = I.hasCycle();
    llvm::sort(C.Nodes, [](const CallGraphNode *A, const CallGraphNode *B) {
      return A->Index < B->Index;
    });
    for (const CallGraphNode *N : C.Nodes)
      SCCOf[N] = SCCs.size();
    SCCs.push_back(std::move(C));
  }

  // What the external node reaches.
  SmallVector<const CallGraphNode *, 16> Work{External};
  ThroughPointer.insert(External);
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
  for (const CallGraphNode &N : drop_begin(Nodes, 2)) {
    SmallPtrSet<const CallGraphNode *, 8> Seen;
    for (const CallGraphNode *C : N.Callees)
      if (C != External && Seen.insert(C).second)
        Callers[C].push_back(&N);
  }
  // Functions that may be allocation wrappers: they return a pointer and
  // allocate, or call one that may be a wrapper (xmalloc2 -> xmalloc).
  DenseSet<const CallGraphNode *> MayWrap;
  SmallVector<const CallGraphNode *, 16> Work;
  auto ReturnsPointer = [](const CallGraphNode *N) {
    return N->F->getReturnType()->isPointerTy();
  };
  for (const CallGraphNode &N : drop_begin(Nodes, 2))
    if (N.AllocatesDirectly && ReturnsPointer(&N) && MayWrap.insert(&N).second)
      Work.push_back(&N);
  while (!Work.empty())
    for (const CallGraphNode *Caller : Callers.lookup(Work.pop_back_val()))
      if (ReturnsPointer(Caller) && MayWrap.insert(Caller).second)
        Work.push_back(Caller);
  // Seeds may have sites; everything they call is needed for its summary.
  DenseSet<const Function *> Needed;
  for (const CallGraphNode &N : drop_begin(Nodes, 2)) {
    bool Seed = N.AllocatesDirectly ||
                any_of(N.Callees, [&](const CallGraphNode *C) {
                  return MayWrap.count(C);
                });
    if (Seed && Needed.insert(N.F).second)
      Work.push_back(&N);
  }
  while (!Work.empty())
    for (const CallGraphNode *C : Work.pop_back_val()->Callees)
      if (C != External && Needed.insert(C->F).second)
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
