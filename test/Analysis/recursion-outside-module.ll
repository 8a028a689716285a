; Recursion through code outside the module. Another file (or a library)
; may call any function of this one that is not static, by name: a
; function that calls a function defined elsewhere may be called back by
; it, to a depth not known here (even() in one file calling odd() in
; another, which calls even()). Each frame would hold its slots, so such a
; function promotes nothing (-goescape-recursive-budget, 0), and says why.
; Not so for static functions, main, calls that say they never call back
; (nocallback: __attribute__((leaf))), the C library functions
; TargetLibraryInfo knows, and the runtime's (glibc's __x, the C++ ABI,
; namespace std), which call back only the pointers they were handed.
; Found by the adversarial hunt: a pointer from dlsym (a function of the
; module found by name), a std::set_terminate handler, and the nothrow
; operator new's new handler.
; RUN: rm -rf %t && split-file %s %t
; RUN: cat %t/common.ll %t/byname.ll > %t/byname-all.ll
; RUN: cat %t/common.ll %t/dlsym.ll > %t/dlsym-all.ll
; RUN: cat %t/common.ll %t/terminate.ll > %t/terminate-all.ll
; RUN: cat %t/common.ll %t/nothrow.ll > %t/nothrow-all.ll
; RUN: cat %t/common.ll %t/foreignptr.ll > %t/foreignptr-all.ll
; RUN: %opt -passes='print<goescape>' -disable-output %t/byname-all.ll 2>&1 | FileCheck %s --check-prefix=BYNAME
; RUN: %opt -passes='print<goescape>' -disable-output %t/dlsym-all.ll 2>&1 | FileCheck %s --check-prefix=DLSYM
; RUN: %opt -goescape-chain-budget=100000 -passes='print<goescape>' -disable-output %t/terminate-all.ll 2>&1 | FileCheck %s --check-prefix=HANDLER
; RUN: %opt -goescape-chain-budget=100000 -passes='print<goescape>' -disable-output %t/nothrow-all.ll 2>&1 | FileCheck %s --check-prefix=HANDLER
; RUN: %opt -passes='print<goescape>' -disable-output %t/foreignptr-all.ll 2>&1 | FileCheck %s --check-prefix=FOREIGNPTR

; BYNAME-LABEL: goescape: function 'even': 1 site, 0 promoted (recursive)
; BYNAME-NEXT: %p = malloc(2000): kept (RecursionBudget): 'even' may recurse through code outside the module, to a depth not known here: 'even' calls 'odd', not defined here, which may call it back (other files can call 'even': it is not static); nothing moves to its stack (-goescape-recursive-budget=0); static functions, or -flto, show goescape the whole cycle, and if 'odd' never calls back into this file, declaring it __attribute__((leaf)) says so
; A static function called by even is on the cycle too.
; BYNAME-LABEL: goescape: function 'step': 1 site, 0 promoted (recursive)
; BYNAME-NEXT: %p = malloc(100): kept (RecursionBudget): 'step' may recurse through code outside the module, to a depth not known here: 'step' calls 'odd'
; BYNAME-LABEL: goescape: function 'leafcall': 1 site, 1 promoted
; BYNAME-LABEL: goescape: function 'local': 1 site, 1 promoted
; BYNAME-LABEL: goescape: function 'runtime': 1 site, 1 promoted
; BYNAME-LABEL: goescape: function 'main': 1 site, 1 promoted
; BYNAME-NOT: recursive

; DLSYM-LABEL: goescape: function 'f': 1 site, 0 promoted (recursive)
; DLSYM-NEXT: %p = malloc(8000): kept (RecursionBudget): 'f' may recurse through code outside the module, to a depth not known here: an indirect call in 'f' may call it back (other files can call 'f': it is not static)

; The handler's chain runs on top of the one that calls std::terminate()
; or the nothrow operator new: the chain budget covers both together.
; HANDLER-LABEL: goescape: function 'g1': 1 site, 1 promoted
; HANDLER-LABEL: goescape: function 'f1': 1 site, 0 promoted
; HANDLER-NEXT: %p = malloc(60000): kept (ChainBudget): over the stack budget of the call chains through 'f1' (100000 bytes, -goescape-chain-budget): functions it calls already promote 60000 bytes along its deepest chain (through 'f0')

; FOREIGNPTR-LABEL: goescape: function 'walk': 1 site, 0 promoted (recursive)
; FOREIGNPTR-NEXT: %buf = malloc(1000): kept (RecursionBudget): 'walk' may recurse through code outside the module, to a depth not known here: 'walk' calls 'exit', not defined here, which may call it back (other files can call 'walk': it is not static)

;--- common.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nofree nocallback

;--- byname.ll
declare i32 @odd(i32)
declare i32 @quiet(i32) nocallback
declare void @_ZSt20__throw_length_errorPKc(ptr) noreturn
declare i32 @printf(ptr, ...)
@msg = private constant [4 x i8] c"%d\0A\00"
define i32 @even(i32 %n) {
  %p = call ptr @malloc(i64 2000)
  call void @use(ptr %p)
  %r = call i32 @odd(i32 %n)
  %s = call i32 @step(i32 %r)
  call void @free(ptr %p)
  ret i32 %s
}
define internal i32 @step(i32 %n) {
  %p = call ptr @malloc(i64 100)
  call void @use(ptr %p)
  %r = call i32 @odd(i32 %n)
  call void @free(ptr %p)
  ret i32 %r
}
; Its callee says it never calls back.
define i32 @leafcall(i32 %n) {
  %p = call ptr @malloc(i64 2000)
  call void @use(ptr %p)
  %r = call i32 @quiet(i32 %n)
  call void @free(ptr %p)
  ret i32 %r
}
; Static: no other file has its name.
define internal i32 @local(i32 %n) {
  %p = call ptr @malloc(i64 2000)
  call void @use(ptr %p)
  %r = call i32 @odd(i32 %n)
  call void @free(ptr %p)
  ret i32 %r
}
; The runtime and the C library call nothing by name.
define void @runtime(i64 %n) {
  %p = call ptr @malloc(i64 2000)
  call void @use(ptr %p)
  %r = call i32 (ptr, ...) @printf(ptr @msg, i32 1)
  %big = icmp ugt i64 %n, 100
  br i1 %big, label %throw, label %ok
throw:
  call void @_ZSt20__throw_length_errorPKc(ptr @msg)
  unreachable
ok:
  call void @free(ptr %p)
  ret void
}
; main is entered once.
define i32 @main() {
  %p = call ptr @malloc(i64 2000)
  call void @use(ptr %p)
  %r = call i32 @odd(i32 3)
  %l = call i32 @local(i32 %r)
  call void @free(ptr %p)
  ret i32 %l
}

;--- dlsym.ll
declare ptr @dlsym(ptr, ptr)
@name = private constant [2 x i8] c"f\00"
@fp = global ptr null
define i64 @f(i32 %d) {
  %p = call ptr @malloc(i64 8000)
  call void @use(ptr %p)
  %g = load ptr, ptr @fp
  %r = call i64 %g(i32 %d)
  call void @free(ptr %p)
  ret i64 %r
}
define i32 @main() {
  %g = call ptr @dlsym(ptr null, ptr @name)
  store ptr %g, ptr @fp
  ret i32 0
}

;--- terminate.ll
declare ptr @_ZSt13set_terminatePFvvE(ptr)
declare void @_ZSt9terminatev() noreturn nounwind
define void @g1() {
  %p = call ptr @malloc(i64 60000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}
define internal void @handler() {
  call void @g1()
  call void @abort()
  unreachable
}
declare void @abort() noreturn
define void @f0(i32 %x) {
  %c = icmp sgt i32 %x, 0
  br i1 %c, label %die, label %ok
die:
  call void @_ZSt9terminatev()
  unreachable
ok:
  ret void
}
define void @f1(i32 %x) {
  %p = call ptr @malloc(i64 60000)
  call void @use(ptr %p)
  call void @f0(i32 %x)
  call void @free(ptr %p)
  ret void
}
define i32 @main() {
  %o = call ptr @_ZSt13set_terminatePFvvE(ptr @handler)
  call void @g1()
  call void @f1(i32 1)
  ret i32 0
}

;--- nothrow.ll
%"struct.std::nothrow_t" = type { i8 }
@_ZSt7nothrow = external global %"struct.std::nothrow_t"
declare ptr @_ZSt15set_new_handlerPFvvE(ptr)
declare noalias ptr @_ZnamRKSt9nothrow_t(i64, ptr) nounwind allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znam"
declare void @_ZdaPv(ptr) nounwind allockind("free") "alloc-family"="_Znam"
define void @g1() {
  %p = call ptr @malloc(i64 60000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}
define internal void @handler() {
  call void @g1()
  call void @abort()
  unreachable
}
declare void @abort() noreturn
@sink = global ptr null
define void @f0(i64 %n) {
  %q = call ptr @_ZnamRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow)
  store volatile ptr %q, ptr @sink
  ret void
}
define void @f1(i64 %n) {
  %p = call ptr @malloc(i64 60000)
  call void @use(ptr %p)
  call void @f0(i64 %n)
  call void @free(ptr %p)
  ret void
}
define i32 @main() {
  %o = call ptr @_ZSt15set_new_handlerPFvvE(ptr @handler)
  call void @g1()
  call void @f1(i64 -1)
  ret i32 0
}

;--- foreignptr.ll
; A function of another file handed to the C library (run by exit(), as
; an exception's destructor would be by the C++ runtime): the library may
; call it, and it anything by name.
declare i32 @atexit(ptr)
declare void @exit(i32) noreturn
declare void @other_cleanup()
define void @install() {
  %r = call i32 @atexit(ptr @other_cleanup)
  ret void
}
define void @walk(i1 %done) {
  %buf = call ptr @malloc(i64 1000)
  call void @use(ptr %buf)
  br i1 %done, label %quit, label %ok
quit:
  call void @exit(i32 0)
  unreachable
ok:
  call void @free(ptr %buf)
  ret void
}
