; What the transform writes for each kind of promotable site.
; RUN: %opt -passes=goescape -S %s | FileCheck %s
; RUN: %opt -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @calloc(i64, i64) allockind("alloc,zeroed") allocsize(0,1) "alloc-family"="malloc"
declare noalias ptr @aligned_alloc(i64 allocalign, i64) allockind("alloc,uninitialized,aligned") allocsize(1) "alloc-family"="malloc"
declare i32 @posix_memalign(ptr, i64, i64)
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") "alloc-family"="_Znwm"
declare void @use(ptr captures(none)) nocallback nofree
declare void @other(ptr) nocallback
declare void @abort() noreturn
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define i8 @malloc_free(
; CHECK-NEXT:    %p = alloca [16 x i8], align 16
; CHECK-NEXT:    call void @llvm.lifetime.start.p0(ptr %p)
; CHECK-NEXT:    store i8 7, ptr %p
; CHECK-NEXT:    %v = load i8, ptr %p
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %p)
; CHECK-NEXT:    ret i8 %v
define i8 @malloc_free() {
  %p = call ptr @malloc(i64 16)
  store i8 7, ptr %p
  %v = load i8, ptr %p
  call void @free(ptr %p)
  ret i8 %v
}

; calloc'd memory reads as zero.
; CHECK-LABEL: define i32 @calloc_zeroed(
; CHECK-NEXT:    %p = alloca [40 x i8], align 16
; CHECK-NEXT:    call void @llvm.lifetime.start.p0(ptr %p)
; CHECK-NEXT:    call void @llvm.memset.p0.i64(ptr align 16 %p, i8 0, i64 40, i1 false)
; CHECK-NOT:     @calloc
; CHECK-NOT:     @free
; CHECK:         ret i32
define i32 @calloc_zeroed() {
  %p = call ptr @calloc(i64 10, i64 4)
  %q = getelementptr i32, ptr %p, i64 3
  %v = load i32, ptr %q
  call void @free(ptr %p)
  ret i32 %v
}

; The requested alignment is kept (LLVM's own heap-to-stack once lost it,
; llvm-project issue 54747).
; CHECK-LABEL: define void @aligned_alloc_alignment(
; CHECK-NEXT:    %p = alloca [256 x i8], align 64
define void @aligned_alloc_alignment() {
  %p = call ptr @aligned_alloc(i64 64, i64 256)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; posix_memalign writes the slot through its out-parameter and succeeds.
; CHECK-LABEL: define i32 @posix_memalign_out(
; CHECK:         [[SLOT:%.*]] = alloca [128 x i8], align 32
; CHECK:         call void @llvm.lifetime.start.p0(ptr [[SLOT]])
; CHECK-NEXT:    store ptr [[SLOT]], ptr %out
; CHECK-NOT:     @posix_memalign
; CHECK:         ret i32 0
define i32 @posix_memalign_out() {
  %out = alloca ptr
  %r = call i32 @posix_memalign(ptr %out, i64 32, i64 128)
  %p = load ptr, ptr %out
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret i32 %r
}

; A promoted object is never null: the check folds away.
; CHECK-LABEL: define i8 @null_check(
; CHECK-NOT:     icmp
; CHECK:         br i1 false, label %fail, label %ok
define i8 @null_check() {
  %p = call ptr @malloc(i64 16)
  %isnull = icmp eq ptr %p, null
  br i1 %isnull, label %fail, label %ok
fail:
  call void @abort()
  unreachable
ok:
  store i8 1, ptr %p
  %v = load i8, ptr %p
  call void @free(ptr %p)
  ret i8 %v
}

; A tail call must not see the caller's stack: `tail` goes from calls that
; may receive the object, directly or inside another object, and stays on
; the others.
; CHECK-LABEL: define void @drop_tail(
; CHECK:         call void @use(ptr %p)
; CHECK-NEXT:    call void @use(ptr %box)
; CHECK-NEXT:    tail call void @other(ptr null)
define void @drop_tail() {
  %p = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 8)
  store ptr %p, ptr %box
  tail call void @use(ptr %p)
  tail call void @use(ptr %box)
  tail call void @other(ptr null)
  ret void
}

; One entry-block slot for a site in a loop; lifetime markers bracket each
; iteration.
; CHECK-LABEL: define void @loop_slot(
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %p = alloca [1024 x i8], align 16
; CHECK-NEXT:    br label %loop
; CHECK:       loop:
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p)
; CHECK:         call void @use(ptr %p)
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %p)
; CHECK-NOT:     alloca
; CHECK:         ret void
define void @loop_slot(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %p = call ptr @malloc(i64 1024)
  call void @use(ptr %p)
  call void @free(ptr %p)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A free whose operand may be null (here: a select with null) is removed,
; but does not end the slot's lifetime: the object may still be live.
; CHECK-LABEL: define i8 @free_maybe_null(
; CHECK-NOT:     lifetime.end
; CHECK-NOT:     @free
; CHECK:         ret i8
define i8 @free_maybe_null(i1 %c) {
  %p = call ptr @malloc(i64 16)
  store i8 3, ptr %p
  %q = select i1 %c, ptr %p, ptr null
  call void @free(ptr %q)
  %v = load i8, ptr %p
  ret i8 %v
}

; operator new as an invoke: the stack cannot throw, the unwind edge goes.
; CHECK-LABEL: define void @invoke_new(
; CHECK:         %p = alloca [16 x i8], align 16
; CHECK-NOT:     invoke
; CHECK-NOT:     @_Znwm
; CHECK-NOT:     @_ZdlPv
; CHECK:         ret void
define void @invoke_new() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znwm(i64 16) to label %cont unwind label %lpad
cont:
  call void @use(ptr %p)
  call void @_ZdlPv(ptr %p)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; Kept sites are left alone.
; CHECK-LABEL: define void @kept(
; CHECK-NEXT:    %p = call ptr @malloc(i64 16)
; CHECK-NEXT:    store ptr %p, ptr @g
define void @kept() {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr @g
  ret void
}

; A site in an unreachable block is left alone: none of its uses run, and
; rewriting them would only leave strange IR (a returned alloca, a tail call
; on one) in dead code.
; CHECK-LABEL: define ptr @unreachable_site(
; CHECK:       dead:
; CHECK-NEXT:    %p = call ptr @malloc(i64 16)
; CHECK-NEXT:    tail call void @use(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @unreachable_site() {
entry:
  ret ptr null
dead:
  %p = call ptr @malloc(i64 16)
  tail call void @use(ptr %p)
  ret ptr %p
}

; A call to an allocation wrapper becomes the slot; the free wrapper's call
; goes with it.
define ptr @xmalloc(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  %fail = icmp eq ptr %p, null
  br i1 %fail, label %oom, label %ok
oom:
  call void @abort()
  unreachable
ok:
  ret ptr %p
}
define void @xfree(ptr %p) {
  call void @free(ptr %p)
  ret void
}
; CHECK-LABEL: define i8 @wrappers(
; CHECK-NEXT:    %a = alloca [24 x i8], align 16
; CHECK-NEXT:    call void @llvm.lifetime.start.p0(ptr %a)
; CHECK-NEXT:    store i8 9, ptr %a
; CHECK-NEXT:    %v = load i8, ptr %a
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %a)
; CHECK-NEXT:    ret i8 %v
define i8 @wrappers() {
  %a = call ptr @xmalloc(i64 24)
  store i8 9, ptr %a
  %v = load i8, ptr %a
  call void @xfree(ptr %a)
  ret i8 %v
}

; A wrapper of a wrapper: its constant-size calls are sites too (and the
; function making them is analysed although it calls no allocator itself).
define ptr @xmalloc2(i64 %n) {
  %p = call ptr @xmalloc(i64 %n)
  ret ptr %p
}
; CHECK-LABEL: define i8 @wrapper_of_wrapper(
; CHECK-NEXT:    %a = alloca [8 x i8], align 16
; CHECK-NOT:     @xmalloc
; CHECK:         ret i8
define i8 @wrapper_of_wrapper() {
  %a = call ptr @xmalloc2(i64 8)
  store i8 5, ptr %a
  %v = load i8, ptr %a
  ret i8 %v
}
