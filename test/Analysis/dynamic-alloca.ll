; A frame with an alloca of run-time size (a VLA, alloca(n)) has no size
; known here: it promotes only within -goescape-recursive-budget (nothing by
; default). An alloca of constant size outside the entry block counts too:
; it may run more than once.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s
; RUN: %opt -goescape-recursive-budget=4096 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=RAISED

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree

; CHECK-LABEL: goescape: function 'vla': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(1000): kept (DynamicFrameBudget): 'vla' has a stack allocation of run-time size (a VLA or alloca), so its frame size is not known: nothing moves to its stack (-goescape-recursive-budget=0)
; RAISED-LABEL: goescape: function 'vla': 1 site, 1 promoted
define void @vla(i64 %n) {
  %buf = alloca i8, i64 %n
  call void @use(ptr %buf)
  %p = call ptr @malloc(i64 1000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'alloca_in_loop': 1 site, 0 promoted
; CHECK-NEXT: kept (DynamicFrameBudget)
define void @alloca_in_loop(i32 %n) {
entry:
  %p = call ptr @malloc(i64 1000)
  call void @use(ptr %p)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %t = alloca [64 x i8]
  call void @use(ptr %t)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call void @free(ptr %p)
  ret void
}

; A caller of the VLA function keeps its own frame budget.
; CHECK-LABEL: goescape: function 'calls_vla': 1 site, 1 promoted
define void @calls_vla(i64 %n) {
  %p = call ptr @malloc(i64 1000)
  call void @use(ptr %p)
  call void @vla(i64 %n)
  call void @free(ptr %p)
  ret void
}
