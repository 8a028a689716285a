//===- LibcModel.h - What the C library does with our code ------*- C++ -*-===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//
/// \file
/// C library knowledge the call graph and the stack budgets need: which
/// library calls may run code of this module (callbacks and hooks), and
/// which stacks the program sets up itself (thread, signal and context
/// stacks of a constant size); and whether the module's declarations of the
/// library have the attributes InferFunctionAttrs adds, which the rest of
/// goescape reads (allockind, captures(none), nofree, memory effects).
///
/// Library functions are named through TargetLibraryInfo's LibFunc where
/// LLVM knows them. The functions that *install* hooks (fopencookie,
/// register_printf_specifier, ...) and that set up stacks
/// (pthread_attr_setstacksize, sigaltstack, makecontext) are not LibFuncs:
/// a call to one is already a call into unknown code that may call back, so
/// they need naming only to learn that a hook or a small stack exists.
///
//===----------------------------------------------------------------------===//

#ifndef GOESCAPE_LIB_LIBCMODEL_H
#define GOESCAPE_LIB_LIBCMODEL_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>

namespace llvm {
class CallBase;
class Function;
class Module;
class TargetLibraryInfo;
} // namespace llvm

namespace goescape {

/// The hooks a module hands to the C library, which later library calls
/// run on the caller's stack.
struct LibcHooks {
  /// fopencookie/funopen streams: any stdio call (and exit, which flushes
  /// every stream) may run the stream's read, write, seek or close hook.
  bool CookieStreams = false;
  /// register_printf_specifier and friends: printf-family calls may run
  /// the conversion hooks.
  bool PrintfHooks = false;
  /// atexit, on_exit, __cxa_atexit (C++ static destructors), destructor
  /// functions (llvm.global_dtors), ...: exit() runs them on top of the
  /// frames that called it.
  bool ExitHooks = false;
  /// pthread_atfork: fork() runs the handlers.
  bool ForkHooks = false;
  /// std::set_new_handler: operator new, its nothrow forms too, runs the
  /// handler when it is short of memory.
  bool NewHandler = false;
  /// std::set_terminate: std::terminate() runs the handler on top of the
  /// frames that called it.
  bool TerminateHandler = false;
  /// signal, sigaction, ...: a handler may run on top of any frame of the
  /// thread it interrupts (abort() and raise() run one synchronously).
  bool SignalHandlers = false;

  static LibcHooks find(const llvm::Module &M);
};

/// True if \p CB may run code that calls back into this module: an indirect
/// call, a function without a body here that is neither an intrinsic nor
/// marked nocallback nor a C library function known to call only what the
/// module installed in \p Hooks.
bool mayCallBack(const llvm::CallBase &CB, const llvm::TargetLibraryInfo &TLI,
                 const LibcHooks &Hooks);

/// The smallest stack, in bytes, that the module sets up with a constant
/// size for code it reaches through a pointer: a thread's
/// (pthread_attr_setstacksize/pthread_attr_setstack), a signal handler's
/// (sigaltstack), a context's (makecontext with uc_stack.ss_size) or a
/// clone()d child's (the buffer its stack pointer points into). A stack set
/// up with a size not known here counts as 16 KiB. 0 if it sets up none.
uint64_t findSmallestProgramStack(const llvm::Module &M);

/// libc's formatted I/O: its variadic arguments are read or written as
/// bytes (printf's %s, scanf's %s and %p), never kept or freed. printf's
/// %p prints an address, which sscanf can turn back into a pointer, so a
/// printf-family call is trusted only with a constant format without %p.
enum class FormattedIO { None, Print, Scan };

/// Which kind of formatted I/O \p CB is, counting glibc's _FORTIFY_SOURCE
/// spellings (__printf_chk, ...), which TargetLibraryInfo lacks.
FormattedIO getFormattedIO(const llvm::CallBase &CB,
                           const llvm::TargetLibraryInfo &TLI);

/// True if nothing has inferred the C library's attributes on \p M (IR from
/// `clang -Xclang -disable-llvm-passes`, or written by hand): one of its
/// declarations of malloc, calloc, realloc, free, aligned_alloc and their
/// kin lacks the allockind InferFunctionAttrs would give it, or, with no
/// allocator declared and no allockind anywhere, it declares another
/// library function. Only declarations InferFunctionAttrs would look at
/// count: the library's name and prototype, available in the declaration's
/// TargetLibraryInfo, not nobuiltin, not optnone.
bool lacksInferredLibcAttributes(
    const llvm::Module &M,
    llvm::function_ref<const llvm::TargetLibraryInfo &(llvm::Function &)>
        GetTLI);

} // namespace goescape

#endif // GOESCAPE_LIB_LIBCMODEL_H
