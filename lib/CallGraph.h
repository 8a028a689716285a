//===- CallGraph.h - The call graph goescape's summaries follow -*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// The module's call graph, built in one walk from the module as it is now
/// (after inlining: a call graph cached earlier in the pipeline may describe
/// functions inlining has since changed or deleted), with two nodes for code
/// outside the module:
///
/// - the runtime (the C library functions TargetLibraryInfo knows, glibc's
///   `__x`, the C++ ABI, namespace std): it calls back only what it was
///   handed or the hooks the module installed, so it may call any function
///   whose address is taken (and the module's operator new and delete, and
///   its `__x` hooks). A libc call that runs a hook (LibcModel.h) is an edge
///   to it: qsort with a comparator that recurses is a cycle through it.
/// - everything else outside (another file's functions, a library's,
///   indirect calls): it may call what the runtime may, and also, by name,
///   every function that is not static, except main. even() calling odd()
///   of another file, which calls even(), is a cycle through it. A call
///   marked nocallback (__attribute__((leaf))) is neither.
///
/// When the module takes the address of a function of another file, the
/// runtime may be handed it (an atexit handler, an exception's destructor)
/// and call it: then the runtime may call all the other node does.
///
/// LLVM's CallGraph links every declaration to its external node and that
/// node to every externally visible function, libc's too, so every caller
/// of printf would look recursive; LazyCallGraph does not see callbacks
/// through libc. Hence a graph of our own, walked with scc_iterator as
/// FunctionAttrs walks its ArgumentGraph.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_LIB_CALLGRAPH_H
#define GOESCAPE_LIB_CALLGRAPH_H

#include "LibcModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/GraphTraits.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <cassert>
#include <deque>
#include <vector>

namespace llvm {
class Function;
class Module;
class TargetLibraryInfo;
} // namespace llvm

namespace goescape {

struct CallGraphNode {
  /// The function, or null for code outside the module (and for the root).
  llvm::Function *F = nullptr;
  /// Position in the module, for a deterministic order.
  unsigned Index = 0;
  /// One edge per direct call of a function of the module, in instruction
  /// order (repeated calls repeat), then one to the external node if the
  /// function may call back into the module through code outside it.
  llvm::SmallVector<CallGraphNode *, 4> Callees;
  /// The function calls an allocation function itself.
  bool AllocatesDirectly = false;
  /// Its first call that may run code outside the module, if any.
  const llvm::CallBase *OutsideCall = nullptr;
};

/// A strongly connected component of the call graph.
struct CallSCC {
  llvm::SmallVector<CallGraphNode *, 4> Nodes; ///< In module order.
  /// Its functions may be active more than once on one stack.
  bool Recursive = false;
  /// The cycle goes through code outside the module: the runtime (which
  /// calls back what it has pointers to), and with ByName other files.
  bool Outside = false, ByName = false;
  /// The first call of its functions, in module order, that may run code
  /// outside the module: a way out of the cycle, for the report.
  const llvm::CallBase *OutsideCall = nullptr;
  /// Nodes of the SCC that are functions of the module.
  llvm::SmallVector<llvm::Function *, 4> functions() const;
};

class ModuleCallGraph {
public:
  ModuleCallGraph(
      llvm::Module &M,
      llvm::function_ref<const llvm::TargetLibraryInfo &(llvm::Function &)>
          GetTLI);

  /// The SCCs, callees before callers.
  const std::vector<CallSCC> &getSCCs() const { return SCCs; }
  CallGraphNode *getRoot() { return &Nodes.front(); }
  CallGraphNode *getExternal() const { return External; }
  CallGraphNode *lookup(const llvm::Function *F) const {
    return NodeOf.lookup(F);
  }
  /// The SCC \p N belongs to, as an index into getSCCs().
  unsigned getSCCIndex(const CallGraphNode *N) const {
    auto It = SCCOf.find(N);
    assert(It != SCCOf.end() && "the root is in no SCC");
    return It->second;
  }
  /// True if \p F may run on a stack the program entered through a pointer:
  /// its address is taken (a thread's start routine, a signal handler, a
  /// context's function), or such a function may call it.
  bool isReachedThroughPointer(const llvm::Function *F) const;
  const LibcHooks &getHooks() const { return Hooks; }

  /// The functions whose analysis can matter to a promotion: those that
  /// may have allocation sites (they call an allocation function, or a
  /// function that may be an allocation wrapper), and everything they call,
  /// whose summaries they need. In a large module with few allocations this
  /// is a small part of it.
  llvm::DenseSet<const llvm::Function *> findNeeded() const;

  /// For each function of \p Members (one SCC's, or part of it), the
  /// functions of Members that call it directly, in Members' order.
  llvm::DenseMap<const llvm::Function *, llvm::SmallVector<llvm::Function *, 4>>
  callersWithin(llvm::ArrayRef<llvm::Function *> Members) const;

private:
  /// Node 0 is the root, with an edge to every other node so that one walk
  /// from it sees the whole graph; node 1 is the external node, node 2 the
  /// runtime's; the module's functions follow.
  static constexpr unsigned FirstFunction = 3;
  std::deque<CallGraphNode> Nodes;
  /// Code outside the module: it may call every function it has a name
  /// for (not local, not main) and what the runtime may call.
  CallGraphNode *External = nullptr;
  /// The C and C++ runtime (glibc's `__x`, `__cxa_*`, namespace std): it
  /// calls functions whose address is taken, and the module's replacements
  /// of operator new and delete and its `__x` hooks.
  CallGraphNode *Runtime = nullptr;
  llvm::DenseMap<const llvm::Function *, CallGraphNode *> NodeOf;
  llvm::DenseMap<const CallGraphNode *, unsigned> SCCOf;
  llvm::DenseSet<const CallGraphNode *> ThroughPointer;
  std::vector<CallSCC> SCCs;
  LibcHooks Hooks;
};

} // namespace goescape

namespace llvm {
template <> struct GraphTraits<goescape::CallGraphNode *> {
  using NodeRef = goescape::CallGraphNode *;
  using ChildIteratorType = SmallVectorImpl<NodeRef>::iterator;
  static NodeRef getEntryNode(NodeRef N) { return N; }
  static ChildIteratorType child_begin(NodeRef N) { return N->Callees.begin(); }
  static ChildIteratorType child_end(NodeRef N) { return N->Callees.end(); }
};
template <>
struct GraphTraits<goescape::ModuleCallGraph *>
    : GraphTraits<goescape::CallGraphNode *> {
  static NodeRef getEntryNode(goescape::ModuleCallGraph *G) {
    return G->getRoot();
  }
};
} // namespace llvm

#endif // GOESCAPE_LIB_CALLGRAPH_H
