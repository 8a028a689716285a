; Stacks the program sets up itself, with a constant size S: a thread's
; (pthread_attr_setstacksize), a signal handler's (sigaltstack) and a
; context's (makecontext). Their code is entered through a pointer, so
; every address-taken function and what it calls gets limits scaled to the
; smallest such stack: S/8 per object, S/4 per frame and along any chain.
; RUN: rm -rf %t && split-file %s %t
; RUN: cat %t/common.ll %t/thread.ll > %t/thread-all.ll
; RUN: cat %t/common.ll %t/sigalt.ll > %t/sigalt-all.ll
; RUN: cat %t/common.ll %t/context.ll > %t/context-all.ll
; RUN: cat %t/common.ll %t/unknown.ll > %t/unknown-all.ll
; RUN: cat %t/common.ll %t/clone.ll > %t/clone-all.ll
; RUN: cat %t/common.ll %t/sigalt-helper.ll > %t/sigalt-helper-all.ll
; RUN: cat %t/common.ll %t/thread-indirect.ll > %t/thread-indirect-all.ll
; RUN: %opt -passes='print<goescape>' -disable-output %t/thread-all.ll 2>&1 | FileCheck %s --check-prefix=THREAD
; RUN: %opt -passes='print<goescape>' -disable-output %t/sigalt-all.ll 2>&1 | FileCheck %s --check-prefix=SIGALT
; RUN: %opt -passes='print<goescape>' -disable-output %t/context-all.ll 2>&1 | FileCheck %s --check-prefix=CONTEXT
; RUN: %opt -passes='print<goescape>' -disable-output %t/unknown-all.ll 2>&1 | FileCheck %s --check-prefix=SIGALT
; RUN: %opt -passes='print<goescape>' -disable-output %t/clone-all.ll 2>&1 | FileCheck %s --check-prefix=SIGALT
; A constant stored into the stack_t is not the whole story when another
; call is handed the stack_t (it may store a smaller size): 16 KiB then.
; RUN: %opt -passes='print<goescape>' -disable-output %t/sigalt-helper-all.ll 2>&1 | FileCheck %s --check-prefix=SIGALT
; pthread_attr_setstacksize called through a pointer: a size not seen. Its
; address is taken, and it is a function TargetLibraryInfo does not know, so
; code outside the module (the thread's, on that stack) may call it and it
; may call any function by name: not_entered too.
; RUN: %opt -passes='print<goescape>' -disable-output %t/thread-indirect-all.ll 2>&1 | FileCheck %s --check-prefix=INDIRECT

; 64 KiB thread stack: 8 KiB per object, 16 KiB per chain.
; THREAD-LABEL: goescape: function 'helper2': 1 site, 1 promoted
; THREAD-LABEL: goescape: function 'helper': 1 site, 1 promoted
; THREAD-LABEL: goescape: function 'entry': 3 sites, 2 promoted
; THREAD-NEXT: %big = malloc(10000): kept (TooLarge): size 10000 is over the limit of 8192 bytes (1/8 of the stack); 'entry' may run on the 65536-byte stack the program sets up for a thread, signal handler or context
; THREAD-NEXT: %small = malloc(4000): promoted
; THREAD-NEXT: %tiny = malloc(1500): promoted
; THREAD-LABEL: goescape: function 'not_entered': 1 site, 1 promoted

; 16 KiB signal stack (its size stored into the stack_t), a clone()d
; child's 16 KiB stack buffer, or a thread stack whose size is not known
; here (it counts as 16 KiB): 2 KiB per object.
; SIGALT-LABEL: goescape: function 'helper2': 1 site, 0 promoted
; SIGALT-NEXT: %h2 = malloc(3000): kept (TooLarge): size 3000 is over the limit of 2048 bytes
; SIGALT-LABEL: goescape: function 'helper': 1 site, 1 promoted
; SIGALT-LABEL: goescape: function 'entry': 3 sites, 1 promoted
; SIGALT-NEXT: %big = malloc(10000): kept (TooLarge)
; SIGALT-NEXT: %small = malloc(4000): kept (TooLarge)
; SIGALT-NEXT: %tiny = malloc(1500): promoted
; SIGALT-LABEL: goescape: function 'not_entered': 1 site, 1 promoted

; INDIRECT-LABEL: goescape: function 'helper2': 1 site, 0 promoted
; INDIRECT-LABEL: goescape: function 'entry': 3 sites, 1 promoted
; INDIRECT-NEXT: %big = malloc(10000): kept (TooLarge)
; INDIRECT-NEXT: %small = malloc(4000): kept (TooLarge)
; INDIRECT-NEXT: %tiny = malloc(1500): promoted
; INDIRECT-LABEL: goescape: function 'not_entered': 1 site, 0 promoted
; INDIRECT-NEXT: %n = malloc(10000): kept (TooLarge): size 10000 is over the limit of 2048 bytes (1/8 of the stack); 'not_entered' may run on the 16384-byte stack the program sets up for a thread, signal handler or context

; 24 KiB context stack, its size copied into the ucontext from a constant:
; 3 KiB per object, 6 KiB per chain.
; CONTEXT-LABEL: goescape: function 'helper2': 1 site, 1 promoted
; CONTEXT-LABEL: goescape: function 'helper': 1 site, 1 promoted
; CONTEXT-LABEL: goescape: function 'entry': 3 sites, 0 promoted
; CONTEXT-NEXT: %big = malloc(10000): kept (TooLarge): size 10000 is over the limit of 3072 bytes
; CONTEXT-NEXT: %small = malloc(4000): kept (TooLarge)
; CONTEXT-NEXT: %tiny = malloc(1500): kept (ChainBudget): over the stack budget of the call chains through 'entry' (6144 bytes, 1/4 of the stack): functions it calls already promote 5008 bytes along its deepest chain (through 'helper'); 'entry' may run on the 24576-byte stack
; CONTEXT-LABEL: goescape: function 'not_entered': 1 site, 1 promoted

;--- common.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"
declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nofree nocallback

define void @helper2() {
  %h2 = call ptr @malloc(i64 3000)
  call void @use(ptr %h2)
  call void @free(ptr %h2)
  ret void
}
define void @helper() {
  %h = call ptr @malloc(i64 2000)
  call void @use(ptr %h)
  call void @helper2()
  call void @free(ptr %h)
  ret void
}
define ptr @entry(ptr %arg) {
  %big = call ptr @malloc(i64 10000)
  %small = call ptr @malloc(i64 4000)
  %tiny = call ptr @malloc(i64 1500)
  call void @use(ptr %big)
  call void @use(ptr %small)
  call void @use(ptr %tiny)
  call void @helper()
  call void @free(ptr %big)
  call void @free(ptr %small)
  call void @free(ptr %tiny)
  ret ptr null
}
; Not reached through a pointer: the defaults.
define void @not_entered() {
  %n = call ptr @malloc(i64 10000)
  call void @use(ptr %n)
  call void @free(ptr %n)
  ret void
}

;--- thread.ll
declare i32 @pthread_attr_setstacksize(ptr, i64)
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
define void @start() {
  %attr = alloca [64 x i8]
  %t = alloca i64
  %r = call i32 @pthread_attr_setstacksize(ptr %attr, i64 65536)
  %c = call i32 @pthread_create(ptr %t, ptr %attr, ptr @entry, ptr null)
  ret void
}
;--- sigalt.ll
@altstack = internal global [16384 x i8] zeroinitializer
declare i32 @sigaltstack(ptr, ptr)
declare i32 @sigaction(i32, ptr, ptr)
define void @start() {
  %ss = alloca { ptr, i32, i64 }
  store ptr @altstack, ptr %ss
  %f = getelementptr i8, ptr %ss, i64 8
  store i32 0, ptr %f
  %sz = getelementptr i8, ptr %ss, i64 16
  store i64 16384, ptr %sz
  %r = call i32 @sigaltstack(ptr %ss, ptr null)
  %sa = alloca [152 x i8]
  store ptr @entry, ptr %sa
  %r2 = call i32 @sigaction(i32 10, ptr %sa, ptr null)
  ret void
}
;--- context.ll
@__const.start.init = private constant { i64, ptr, ptr, i32, i64 } { i64 0, ptr null, ptr null, i32 0, i64 24576 }
declare void @makecontext(ptr, ptr, i32, ...)
declare i32 @getcontext(ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
define void @start() {
  %uc = alloca [968 x i8]
  %r = call i32 @getcontext(ptr %uc)
  call void @llvm.memcpy.p0.p0.i64(ptr %uc, ptr @__const.start.init, i64 40, i1 false)
  call void (ptr, ptr, i32, ...) @makecontext(ptr %uc, ptr @entry, i32 0)
  ret void
}
;--- unknown.ll
declare i32 @pthread_attr_setstacksize(ptr, i64)
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
define void @start(i64 %n) {
  %attr = alloca [64 x i8]
  %t = alloca i64
  %r = call i32 @pthread_attr_setstacksize(ptr %attr, i64 %n)
  %c = call i32 @pthread_create(ptr %t, ptr %attr, ptr @entry, ptr null)
  ret void
}
;--- clone.ll
@childstack = internal global [16384 x i8] zeroinitializer
declare i32 @clone(ptr, ptr, i32, ptr, ...)
define void @start() {
  %top = getelementptr i8, ptr @childstack, i64 16384
  %r = call i32 (ptr, ptr, i32, ptr, ...) @clone(ptr @entry, ptr %top, i32 256, ptr null)
  ret void
}
;--- sigalt-helper.ll
@bigstack = internal global [1048576 x i8] zeroinitializer
declare i32 @sigaltstack(ptr, ptr)
declare void @shrink(ptr) nocallback
declare i32 @sigaction(i32, ptr, ptr)
define void @start() {
  %ss = alloca { ptr, i32, i64 }
  store ptr @bigstack, ptr %ss
  %sz = getelementptr i8, ptr %ss, i64 16
  store i64 1048576, ptr %sz
  call void @shrink(ptr %ss)
  %r = call i32 @sigaltstack(ptr %ss, ptr null)
  %sa = alloca [152 x i8]
  store ptr @entry, ptr %sa
  %r2 = call i32 @sigaction(i32 10, ptr %sa, ptr null)
  ret void
}
;--- thread-indirect.ll
declare i32 @pthread_attr_setstacksize(ptr, i64)
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
@setter = global ptr @pthread_attr_setstacksize
define void @start() {
  %attr = alloca [64 x i8]
  %t = alloca i64
  %f = load ptr, ptr @setter
  %r = call i32 %f(ptr %attr, i64 4096)
  %c = call i32 @pthread_create(ptr %t, ptr %attr, ptr @entry, ptr null)
  ret void
}
