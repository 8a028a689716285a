//===- LibcModel.cpp - What the C library does with the module's code -----===//
//
// Part of goescape, an out-of-tree LLVM pass plugin.
//
//===----------------------------------------------------------------------===//

#include "LibcModel.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/MemoryBuiltins.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PatternMatch.h"

#include <algorithm>

using namespace llvm;
using namespace goescape;
using namespace llvm::PatternMatch;

/// True if the module refers to a function named \p Name at all.
static bool refersTo(const Module &M, StringRef Name) {
  const Function *F = M.getFunction(Name);
  return F && !F->use_empty();
}

LibcHooks LibcHooks::find(const Module &M) {
  LibcHooks H;
  for (StringRef N : {"fopencookie", "funopen", "fropen", "fwopen"})
    H.CookieStreams |= refersTo(M, N);
  for (StringRef N : {"register_printf_specifier", "register_printf_function",
                      "register_printf_modifier", "register_printf_type"})
    H.PrintfHooks |= refersTo(M, N);
  for (StringRef N : {"atexit", "on_exit", "__cxa_atexit", "at_quick_exit",
                      "__cxa_thread_atexit", "__cxa_thread_atexit_impl"})
    H.ExitHooks |= refersTo(M, N);
  if (const GlobalVariable *D = M.getNamedGlobal("llvm.global_dtors"))
    H.ExitHooks |= D->hasInitializer() && !D->getInitializer()->isNullValue();
  H.ForkHooks =
      refersTo(M, "pthread_atfork") || refersTo(M, "__register_atfork");
  H.NewHandler = refersTo(M, "_ZSt15set_new_handlerPFvvE");
  H.TerminateHandler = refersTo(M, "_ZSt13set_terminatePFvvE");
  for (StringRef N : {"signal", "sigaction", "sigset", "bsd_signal",
                      "sysv_signal", "__sysv_signal", "sigvec"})
    H.SignalHandlers |= refersTo(M, N);
  // A module that looks functions up by name may have installed any hook.
  if (refersTo(M, "dlsym") || refersTo(M, "dlvsym")) {
    H.CookieStreams = H.PrintfHooks = H.ExitHooks = H.ForkHooks = true;
    H.NewHandler = H.TerminateHandler = H.SignalHandlers = true;
  }
  return H;
}

/// Library functions that run a function they are handed, on the
/// caller's stack.
static bool callsArgument(LibFunc LF) {
  return LF == LibFunc_qsort;
}

/// printf's family: it runs register_printf_specifier's conversion hooks.
static bool isFormattedPrint(LibFunc LF) {
  switch (LF) {
  case LibFunc_printf:
  case LibFunc_fprintf:
  case LibFunc_sprintf:
  case LibFunc_snprintf:
  case LibFunc_vprintf:
  case LibFunc_vfprintf:
  case LibFunc_vsprintf:
  case LibFunc_vsnprintf:
  case LibFunc_iprintf:
  case LibFunc_fiprintf:
  case LibFunc_siprintf:
  case LibFunc_small_printf:
  case LibFunc_small_fprintf:
  case LibFunc_small_sprintf:
  case LibFunc_sprintf_chk:
  case LibFunc_snprintf_chk:
  case LibFunc_vsprintf_chk:
  case LibFunc_vsnprintf_chk:
    return true;
  default:
    return false;
  }
}

/// Calls that read, write, seek or close a stdio stream, which may be a
/// cookie stream with hooks of the module's (stdout included: a program
/// may assign it).
static bool usesStream(LibFunc LF) {
  switch (LF) {
  case LibFunc_printf:
  case LibFunc_fprintf:
  case LibFunc_vprintf:
  case LibFunc_vfprintf:
  case LibFunc_iprintf:
  case LibFunc_fiprintf:
  case LibFunc_small_printf:
  case LibFunc_small_fprintf:
  case LibFunc_puts:
  case LibFunc_putchar:
  case LibFunc_putchar_unlocked:
  case LibFunc_fputs:
  case LibFunc_fputs_unlocked:
  case LibFunc_fputc:
  case LibFunc_fputc_unlocked:
  case LibFunc_putc:
  case LibFunc_putc_unlocked:
  case LibFunc_fwrite:
  case LibFunc_fwrite_unlocked:
  case LibFunc_fread:
  case LibFunc_fread_unlocked:
  case LibFunc_fgets:
  case LibFunc_fgets_unlocked:
  case LibFunc_fgetc:
  case LibFunc_fgetc_unlocked:
  case LibFunc_getc:
  case LibFunc_getc_unlocked:
  case LibFunc_getchar:
  case LibFunc_getchar_unlocked:
  case LibFunc_gets:
  case LibFunc_ungetc:
  case LibFunc_scanf:
  case LibFunc_fscanf:
  case LibFunc_vscanf:
  case LibFunc_vfscanf:
  case LibFunc_dunder_isoc99_scanf:
  case LibFunc_fflush:
  case LibFunc_fclose:
  case LibFunc_fseek:
  case LibFunc_fseeko:
  case LibFunc_fseeko64:
  case LibFunc_ftell:
  case LibFunc_ftello:
  case LibFunc_ftello64:
  case LibFunc_rewind:
  case LibFunc_fsetpos:
  case LibFunc_fgetpos:
  case LibFunc_setvbuf:
  case LibFunc_setbuf:
  case LibFunc_perror:
    return true;
  default:
    return false;
  }
}

/// Any form of operator new: the nothrow ones (which MemoryBuiltins calls
/// malloc-like, not new-like) call the new handler too.
static bool isOperatorNew(const CallBase &CB, const TargetLibraryInfo &TLI) {
  if (!isAllocationFn(&CB, &TLI))
    return false;
  std::optional<StringRef> Family = getAllocationFamily(&CB, &TLI);
  return Family && (Family->starts_with("_Zn") || Family->starts_with("??2") ||
                    Family->starts_with("??_U"));
}

bool goescape::mayCallBack(const CallBase &CB, const TargetLibraryInfo &TLI,
                           const LibcHooks &Hooks) {
  if (CB.isInlineAsm())
    return false;
  const Function *Callee = CB.getCalledFunction();
  if (!Callee)
    return true;
  if (!Callee->isDeclaration() || Callee->isIntrinsic() ||
      CB.hasFnAttr(Attribute::NoCallback))
    return false;
  LibFunc LF;
  if (!TLI.getLibFunc(*Callee, LF) || !TLI.has(LF))
    return true; // Unknown code: it may call anything whose address it has.
  if (callsArgument(LF))
    return true;
  if (Hooks.PrintfHooks && isFormattedPrint(LF))
    return true;
  if (Hooks.CookieStreams && (usesStream(LF) || LF == LibFunc_exit))
    return true;
  if (Hooks.ExitHooks && LF == LibFunc_exit)
    return true;
  if (Hooks.ForkHooks && LF == LibFunc_fork)
    return true;
  if (Hooks.NewHandler && isOperatorNew(CB, TLI))
    return true;
  if (Hooks.TerminateHandler && LF == LibFunc_terminate)
    return true;
  if (Hooks.SignalHandlers && LF == LibFunc_abort)
    return true;
  return false;
}

/// The smallest stack size the memory \p Ptr points to (a stack_t or a
/// ucontext_t, filled in before the call) may describe: any nonzero integer
/// constant of pointer width stored into its underlying object, at any
/// offset, directly, by a copy from a constant, or in its initializer (the
/// ss_size field); and the size of any object whose address is stored
/// there (the ss_sp buffer). The smallest is the safe choice: another field
/// that happens to be small only makes the budget smaller. 0 if there is
/// none. \p Complete is cleared when the sizes seen may not be all there
/// are: a call other than \p Setter (and getcontext, which saves the
/// current context and leaves the stack to be set) is handed the memory,
/// and may store a smaller size.
static uint64_t smallestSizeStoredInto(const CallBase &Setter, const Value *Ptr,
                                       const DataLayout &DL, bool &Complete) {
  const Value *Obj = getUnderlyingObject(Ptr);
  unsigned Bits = DL.getPointerSizeInBits();
  uint64_t Best = 0;
  Complete = true;
  auto Consider = [&](const Constant *C) {
    SmallVector<const Constant *, 8> Work{C};
    while (!Work.empty()) {
      const Constant *K = Work.pop_back_val();
      if (const auto *CI = dyn_cast<ConstantInt>(K)) {
        if (CI->getBitWidth() == Bits && !CI->isZero() &&
            CI->getValue().getActiveBits() <= 63)
          Best = Best ? std::min(Best, CI->getZExtValue()) : CI->getZExtValue();
        continue;
      }
      if (isa<ConstantAggregate>(K))
        for (const Use &U : K->operands())
          Work.push_back(cast<Constant>(U.get()));
    }
  };
  if (const auto *GV = dyn_cast<GlobalVariable>(Obj))
    if (GV->hasInitializer())
      Consider(GV->getInitializer());
  SmallVector<const Value *, 8> Work{Obj};
  SmallPtrSet<const Value *, 16> Seen{Obj};
  while (!Work.empty()) {
    const Value *V = Work.pop_back_val();
    for (const User *U : V->users()) {
      if (const auto *SI = dyn_cast<StoreInst>(U)) {
        if (SI->getPointerOperand() != V)
          continue;
        const Value *Val = SI->getValueOperand();
        uint64_t Size;
        if (Val->getType()->isPointerTy() &&
            getObjectSize(getUnderlyingObject(Val), Size, DL, nullptr) && Size)
          Best = Best ? std::min(Best, Size) : Size;
        else if (const auto *C = dyn_cast<Constant>(Val))
          Consider(C);
        continue;
      }
      if (const auto *MT = dyn_cast<MemTransferInst>(U)) {
        if (MT->getRawDest() == V) {
          const auto *Src =
              dyn_cast<GlobalVariable>(getUnderlyingObject(MT->getRawSource()));
          if (Src && Src->isConstant() && Src->hasInitializer())
            Consider(Src->getInitializer());
          else
            Complete = false; // Bytes from anywhere.
        }
        continue;
      }
      if (const auto *MS = dyn_cast<MemSetInst>(U)) {
        // Zeroing sets no size; any other byte sets one we do not read.
        if (!match(MS->getValue(), m_Zero()))
          Complete = false;
        continue;
      }
      if (const auto *CB = dyn_cast<CallBase>(U)) {
        const Function *Callee = CB->getCalledFunction();
        if (CB != &Setter && !CB->isLifetimeStartOrEnd() &&
            !(Callee && Callee->getName() == "getcontext"))
          Complete = false;
        continue;
      }
      if (isa<GetElementPtrInst>(U) || isa<BitCastInst>(U) ||
          (isa<ConstantExpr>(U) && U->getType()->isPointerTy()))
        if (Seen.insert(U).second)
          Work.push_back(U);
    }
  }
  return Best;
}

/// The size assumed for a stack the program sets up when no constant says
/// how large it is (a size from sysconf, like glibc's SIGSTKSZ and
/// PTHREAD_STACK_MIN under _GNU_SOURCE, a parameter, an mmap'd buffer):
/// small, since SIGSTKSZ and PTHREAD_STACK_MIN are about this size.
static constexpr uint64_t UnknownProgramStack = 16 * 1024;

uint64_t goescape::findSmallestProgramStack(const Module &M) {
  const DataLayout &DL = M.getDataLayout();
  uint64_t Best = 0;
  auto Take = [&](uint64_t S) {
    if (!S)
      S = UnknownProgramStack;
    Best = Best ? std::min(Best, S) : S;
  };
  // Each direct call of the function named; a use that is not a direct
  // call (its address taken: a call through a pointer, not seen here) sets
  // up a stack of a size not known.
  auto ForEachCall = [&](StringRef Name, auto Fn) {
    if (const Function *F = M.getFunction(Name))
      for (const Use &U : F->uses()) {
        const auto *CB = dyn_cast<CallBase>(U.getUser());
        if (CB && CB->isCallee(&U))
          Fn(*CB);
        else
          Take(0);
      }
  };
  auto ConstArg = [](const CallBase &CB, unsigned I) -> uint64_t {
    if (I < CB.arg_size())
      if (const auto *C = dyn_cast<ConstantInt>(CB.getArgOperand(I)))
        if (C->getValue().getActiveBits() <= 63)
          return C->getZExtValue();
    return 0;
  };
  // int pthread_attr_setstacksize(pthread_attr_t *, size_t)
  ForEachCall("pthread_attr_setstacksize",
              [&](const CallBase &CB) { Take(ConstArg(CB, 1)); });
  // int pthread_attr_setstack(pthread_attr_t *, void *, size_t)
  ForEachCall("pthread_attr_setstack",
              [&](const CallBase &CB) { Take(ConstArg(CB, 2)); });
  // int sigaltstack(const stack_t *, stack_t *)
  // The size stored into the stack_t or ucontext_t the call reads; unknown
  // as well when other code may have stored another.
  auto TakeStoredInto = [&](const CallBase &CB, const Value *Ptr) {
    bool Complete;
    uint64_t S = smallestSizeStoredInto(CB, Ptr, DL, Complete);
    Take(S);
    if (!Complete)
      Take(0);
  };
  ForEachCall("sigaltstack", [&](const CallBase &CB) {
    // sigaltstack(NULL, &old) only asks.
    if (CB.arg_size() >= 1 && !isa<ConstantPointerNull>(CB.getArgOperand(0)))
      TakeStoredInto(CB, CB.getArgOperand(0));
  });
  // int clone(int (*)(void *), void *stack, int flags, void *arg, ...):
  // the child runs on the buffer the stack pointer points into.
  ForEachCall("clone", [&](const CallBase &CB) {
    uint64_t Size = 0;
    if (CB.arg_size() >= 2 &&
        !getObjectSize(getUnderlyingObject(CB.getArgOperand(1)), Size, DL,
                       nullptr))
      Size = 0;
    Take(Size);
  });
  // void makecontext(ucontext_t *, void (*)(), int, ...)
  ForEachCall("makecontext", [&](const CallBase &CB) {
    if (CB.arg_size() >= 1)
      TakeStoredInto(CB, CB.getArgOperand(0));
  });
  return Best;
}

//===----------------------------------------------------------------------===//
// Inferred attributes.
//===----------------------------------------------------------------------===//

/// The library functions InferFunctionAttrs marks allockind (BuildLibCalls'
/// inferNonMandatoryLibFuncAttrs): MemoryBuiltins knows them by that
/// attribute alone, so without it they allocate and free nothing.
static bool getsAllocKind(LibFunc LF) {
  switch (LF) {
  case LibFunc_malloc:
  case LibFunc_calloc:
  case LibFunc_realloc:
  case LibFunc_reallocf:
  case LibFunc_reallocarray:
  case LibFunc_aligned_alloc:
  case LibFunc_memalign:
  case LibFunc_valloc:
  case LibFunc_pvalloc:
  case LibFunc_free:
  case LibFunc_vec_malloc:
  case LibFunc_vec_calloc:
  case LibFunc_vec_realloc:
  case LibFunc_vec_free:
    return true;
  default:
    return false;
  }
}

bool goescape::lacksInferredLibcAttributes(
    const Module &M,
    function_ref<const TargetLibraryInfo &(Function &)> GetTLI) {
  bool AnyLibFunc = false, AnyAllocKind = false;
  for (const Function &F : M) {
    if (F.hasFnAttribute(Attribute::AllocKind)) {
      AnyAllocKind = true;
      continue;
    }
    // InferFunctionAttrs looks at these declarations only.
    if (!F.isDeclaration() || F.hasOptNone() ||
        F.hasFnAttribute(Attribute::NoBuiltin))
      continue;
    const TargetLibraryInfo &TLI = GetTLI(const_cast<Function &>(F));
    LibFunc LF;
    if (!TLI.getLibFunc(F, LF) || !TLI.has(LF))
      continue;
    // malloc without allockind: nothing has run.
    if (getsAllocKind(LF))
      return true;
    AnyLibFunc = true;
  }
  // No allocator to tell (C++ allocates with operator new, which clang
  // declares nobuiltin, so it never gets allockind): the library's other
  // functions have their attributes only if something has marked them.
  return AnyLibFunc && !AnyAllocKind;
}

//===----------------------------------------------------------------------===//
// Formatted I/O.
//===----------------------------------------------------------------------===//

/// What may stand between a printf '%' and its conversion letter: flags,
/// field width and precision (digits, '*', '$' for positional arguments)
/// and length modifiers, glibc's included ('q', 'I').
static constexpr StringRef PrintfFlagsAndModifiers =
    "-+ #0'123456789.*$hlLqjztI";

/// True if printf format \p Fmt has a %p conversion.
static bool hasPointerConversion(StringRef Fmt) {
  for (size_t I = 0, E = Fmt.size(); I < E; ++I) {
    if (Fmt[I] != '%')
      continue;
    ++I;
    while (I < E && PrintfFlagsAndModifiers.contains(Fmt[I]))
      ++I;
    if (I < E && Fmt[I] == 'p')
      return true;
  }
  return false;
}

FormattedIO goescape::getFormattedIO(const CallBase &CB,
                                    const TargetLibraryInfo &TLI) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || CB.isNoBuiltin())
    return FormattedIO::None;
  unsigned FmtArg;
  FormattedIO Kind = FormattedIO::Print;
  LibFunc LF;
  if (!TLI.getLibFunc(*Callee, LF) || !TLI.has(LF)) {
    // glibc's _FORTIFY_SOURCE spellings, which TargetLibraryInfo lacks.
    StringRef N = Callee->getName();
    if (!Callee->isVarArg())
      return FormattedIO::None;
    if (N == "__printf_chk")
      FmtArg = 1;
    else if (N == "__fprintf_chk" || N == "__dprintf_chk")
      FmtArg = 2;
    else
      return FormattedIO::None;
  } else {
    switch (LF) {
    case LibFunc_printf:
    case LibFunc_iprintf:
    case LibFunc_small_printf:
      FmtArg = 0;
      break;
    case LibFunc_fprintf:
    case LibFunc_sprintf:
    case LibFunc_fiprintf:
    case LibFunc_siprintf:
    case LibFunc_small_fprintf:
    case LibFunc_small_sprintf:
      FmtArg = 1;
      break;
    case LibFunc_snprintf:
      FmtArg = 2;
      break;
    case LibFunc_sprintf_chk:
      FmtArg = 3;
      break;
    case LibFunc_snprintf_chk:
      FmtArg = 4;
      break;
    case LibFunc_scanf:
    case LibFunc_sscanf:
    case LibFunc_fscanf:
    case LibFunc_dunder_isoc99_scanf:
    case LibFunc_dunder_isoc99_sscanf:
      return FormattedIO::Scan;
    default:
      return FormattedIO::None;
    }
  }
  StringRef Fmt;
  if (FmtArg >= CB.arg_size() ||
      !getConstantStringInfo(CB.getArgOperand(FmtArg), Fmt) ||
      hasPointerConversion(Fmt))
    return FormattedIO::None;
  return Kind;
}

