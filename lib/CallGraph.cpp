//===- CallGraph.cpp - The call graph goescape's summaries follow ---------===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//

#include "CallGraph.h"

#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/STLExtras.h"
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
        if (const Function *Callee = CB->getCalledFunction())
          if (CallGraphNode *To = NodeOf.lookup(Callee))
            N.Callees.push_back(To);
        ToExternal |= mayCallBack(*CB, TLI, Hooks);
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
