; Calls into the C library that run hooks the module installed are calls
; back into its address-taken functions: stdio on a fopencookie stream,
; printf with register_printf_specifier conversions, exit with atexit
; handlers. A function reached that way may recurse through them.
; RUN: rm -rf %t && split-file %s %t
; RUN: cat %t/common.ll %t/cookie.ll > %t/cookie-all.ll
; RUN: cat %t/common.ll %t/printf.ll > %t/printf-all.ll
; RUN: cat %t/common.ll %t/atexit.ll > %t/atexit-all.ll
; RUN: cat %t/common.ll %t/none.ll > %t/none-all.ll
; RUN: cat %t/common.ll %t/dtors.ll > %t/dtors-all.ll
; RUN: cat %t/common.ll %t/dlsym.ll > %t/dlsym-all.ll
; RUN: cat %t/common.ll %t/atfork.ll > %t/atfork-all.ll
; RUN: cat %t/common.ll %t/newhandler.ll > %t/newhandler-all.ll
; RUN: cat %t/common.ll %t/signal.ll > %t/signal-all.ll
; RUN: %opt -passes='print<goescape>' -disable-output %t/cookie-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/printf-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/atexit-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/none-all.ll 2>&1 | FileCheck %s --check-prefix=PLAIN
; Destructor functions run by exit(), and a module that looks functions up
; with dlsym (it may have any hook: fopencookie by name from dlsym).
; RUN: %opt -passes='print<goescape>' -disable-output %t/dtors-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/dlsym-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; fork() runs pthread_atfork handlers; operator new runs the new handler;
; abort() runs the SIGABRT handler.
; RUN: %opt -passes='print<goescape>' -disable-output %t/atfork-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/newhandler-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/signal-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; A signal handler may run on top of any chain: each side gets half the
; chain budget.
; RUN: %opt -goescape-recursive-budget=4096 -goescape-chain-budget=1500 -passes='print<goescape>' -disable-output %t/signal-all.ll 2>&1 | FileCheck %s --check-prefix=HALF
; RUN: %opt -goescape-recursive-budget=4096 -goescape-chain-budget=1500 -passes='print<goescape>' -disable-output %t/none-all.ll 2>&1 | FileCheck %s --check-prefix=WHOLE
; HALF: %p = malloc(1000): kept (ChainBudget): over the stack budget of the call chains through 'hook' (750 bytes
; WHOLE: %p = malloc(1000): promoted

; HOOKED-LABEL: goescape: function 'hook': 2 sites, 0 promoted (recursive)
; HOOKED-NEXT: %p = malloc(1000): kept (RecursionBudget)
; PLAIN-LABEL: goescape: function 'hook': 2 sites, 1 promoted
; PLAIN-NEXT: %p = malloc(1000): promoted
; PLAIN-NOT: recursive

;--- common.ll
target triple = "x86_64-unknown-linux-gnu"
declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nofree nocallback
@stream = global ptr null
@fmt = private constant [3 x i8] c"%d\00"
@hookp = global ptr @hook

define i64 @hook(ptr %c, ptr %buf, i64 %n) {
  %p = call ptr @malloc(i64 1000)
  call void @use(ptr %p)
  %s = load ptr, ptr @stream
  %r = call i32 (ptr, ptr, ...) @fprintf(ptr %s, ptr @fmt, i32 1)
  %q = call i32 (ptr, i64, ptr, ...) @snprintf(ptr %buf, i64 %n, ptr @fmt, i32 2)
  call void @exit(i32 0)
  %f = call i32 @fork()
  %o = call ptr @_Znwm(i64 8)
  store ptr %o, ptr @stream
  call void @abort()
  call void @free(ptr %p)
  ret i64 %n
}
declare i32 @fprintf(ptr, ptr, ...)
declare i32 @snprintf(ptr, i64, ptr, ...)
declare void @exit(i32)
declare i32 @fork()
declare noalias nonnull ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @abort()

;--- cookie.ll
declare ptr @fopencookie(ptr, ptr, ptr)
define void @install() {
  %f = call ptr @fopencookie(ptr null, ptr null, ptr null)
  store ptr %f, ptr @stream
  ret void
}
;--- printf.ll
declare i32 @register_printf_specifier(i32, ptr, ptr)
define void @install() {
  %r = call i32 @register_printf_specifier(i32 87, ptr null, ptr null)
  ret void
}
;--- atexit.ll
declare i32 @atexit(ptr)
define void @install() {
  %r = call i32 @atexit(ptr null)
  ret void
}
;--- none.ll
; No hooks installed: the same libc calls call nothing of ours.
;--- dtors.ll
@llvm.global_dtors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @fini, ptr null }]
define void @fini() {
  ret void
}
;--- dlsym.ll
declare ptr @dlsym(ptr, ptr)
@name = private constant [12 x i8] c"fopencookie\00"
define ptr @install() {
  %f = call ptr @dlsym(ptr null, ptr @name)
  ret ptr %f
}
;--- atfork.ll
declare i32 @pthread_atfork(ptr, ptr, ptr)
define void @install() {
  %r = call i32 @pthread_atfork(ptr null, ptr null, ptr null)
  ret void
}
;--- newhandler.ll
declare ptr @_ZSt15set_new_handlerPFvvE(ptr)
define void @install() {
  %r = call ptr @_ZSt15set_new_handlerPFvvE(ptr null)
  ret void
}
;--- signal.ll
declare ptr @signal(i32, ptr)
define void @install() {
  %r = call ptr @signal(i32 6, ptr null)
  ret void
}
