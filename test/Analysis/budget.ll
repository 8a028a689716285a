; Frame budgets: the frame's existing allocas count, loops and small sites
; come first, and recursive functions get a small budget of their own: none
; at all by default (the depth of a recursion is not known), or what
; -goescape-recursive-budget gives them (1 KiB in the first RUN).
; RUN: %opt -goescape-recursive-budget=1024 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=DEFAULT
; RUN: %opt -goescape-frame-budget=4096 -goescape-recursive-budget=0 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=TIGHT

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree

; A recursive function 2000 calls deep must not get a 32 KiB buffer per frame.
; CHECK-LABEL: goescape: function 'recursive': 2 sites, 1 promoted (recursive)
; CHECK-NEXT: %small = malloc(64): promoted
; CHECK-NEXT: %big = malloc(32768): kept (RecursionBudget): over the stack budget of recursive 'recursive' (1024 bytes, -goescape-recursive-budget)
; TIGHT-LABEL: goescape: function 'recursive': 2 sites, 0 promoted (recursive)
; DEFAULT-LABEL: goescape: function 'recursive': 2 sites, 0 promoted (recursive)
; DEFAULT-NEXT: %small = malloc(64): kept (RecursionBudget): 'recursive' may recurse, to a depth not known here: nothing moves to its stack (-goescape-recursive-budget=0)
; DEFAULT-NEXT: %big = malloc(32768): kept (RecursionBudget)
define void @recursive(i32 %n) {
  %small = call ptr @malloc(i64 64)
  %big = call ptr @malloc(i64 32768)
  call void @use(ptr %small)
  call void @use(ptr %big)
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  call void @recursive(i32 %m)
  br label %done
done:
  call void @free(ptr %small)
  call void @free(ptr %big)
  ret void
}

; Mutual recursion is recursion too.
; CHECK-LABEL: goescape: function 'ping': 1 site, 0 promoted (recursive)
; CHECK-NEXT: kept (RecursionBudget)
define void @ping(i32 %n) {
  %p = call ptr @malloc(i64 4096)
  call void @use(ptr %p)
  call void @pong(i32 %n)
  ret void
}
define void @pong(i32 %n) {
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  call void @ping(i32 %n)
  br label %done
done:
  ret void
}

; The budget counts the frame's existing allocas: 120 KiB already there
; leaves room for the 4 KiB site but not for the 16 KiB one.
; CHECK-LABEL: goescape: function 'existing_allocas': 2 sites, 1 promoted
; CHECK-NEXT: %a = malloc(16384): kept (FrameBudget): over the stack budget of 'existing_allocas' (131072 bytes, -goescape-frame-budget)
; CHECK-NEXT: %b = malloc(4096): promoted
define void @existing_allocas() {
  %arr = alloca [122880 x i8]
  call void @use(ptr %arr)
  %a = call ptr @malloc(i64 16384)
  %b = call ptr @malloc(i64 4096)
  call void @use(ptr %a)
  call void @use(ptr %b)
  ret void
}

; With room for one site, the one in the loop wins over the smaller one
; outside it.
; TIGHT-LABEL: goescape: function 'loop_first': 2 sites, 1 promoted
; TIGHT-NEXT: %out = malloc(1024): kept (FrameBudget)
; TIGHT-NEXT: %in = malloc(4000): promoted
; CHECK-LABEL: goescape: function 'loop_first': 2 sites, 2 promoted
define void @loop_first(i32 %n) {
entry:
  %out = call ptr @malloc(i64 1024)
  call void @use(ptr %out)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %in = call ptr @malloc(i64 4000)
  call void @use(ptr %in)
  call void @free(ptr %in)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; With room for some sites, the smallest go first.
; TIGHT-LABEL: goescape: function 'small_first': 3 sites, 2 promoted
; TIGHT-NEXT: %big = malloc(3000): kept (FrameBudget)
; TIGHT-NEXT: %s1 = malloc(1000): promoted
; TIGHT-NEXT: %s2 = malloc(2000): promoted
; CHECK-LABEL: goescape: function 'small_first': 3 sites, 3 promoted
define void @small_first() {
  %big = call ptr @malloc(i64 3000)
  %s1 = call ptr @malloc(i64 1000)
  %s2 = call ptr @malloc(i64 2000)
  call void @use(ptr %big)
  call void @use(ptr %s1)
  call void @use(ptr %s2)
  ret void
}

; The budget charges bytes live at the same time: two 40 KiB buffers one
; after the other fit a 64 KiB budget (codegen lets them share stack); two
; live together do not.
; RUN: %opt -goescape-frame-budget=65536 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=LIVE
; LIVE-LABEL: goescape: function 'sequential_buffers': 2 sites, 2 promoted
; LIVE-LABEL: goescape: function 'overlapping_buffers': 2 sites, 1 promoted
; LIVE-NEXT: %a = malloc(40960): promoted
; LIVE-NEXT: %b = malloc(40960): kept (FrameBudget)
; LIVE-LABEL: goescape: function 'sequential_in_loop': 2 sites, 2 promoted
; A free through a pointer that may be null ends nothing: charged as live.
; LIVE-LABEL: goescape: function 'maybe_null_free': 2 sites, 1 promoted
; CHECK-LABEL: goescape: function 'sequential_buffers': 2 sites, 2 promoted
; CHECK-LABEL: goescape: function 'overlapping_buffers': 2 sites, 2 promoted
; CHECK-LABEL: goescape: function 'sequential_in_loop': 2 sites, 2 promoted
; CHECK-LABEL: goescape: function 'maybe_null_free': 2 sites, 2 promoted
define void @sequential_buffers() {
  %a = call ptr @malloc(i64 40960)
  call void @use(ptr %a)
  call void @free(ptr %a)
  %b = call ptr @malloc(i64 40960)
  call void @use(ptr %b)
  call void @free(ptr %b)
  ret void
}
define void @overlapping_buffers() {
  %a = call ptr @malloc(i64 40960)
  %b = call ptr @malloc(i64 40960)
  call void @use(ptr %a)
  call void @use(ptr %b)
  call void @free(ptr %a)
  call void @free(ptr %b)
  ret void
}
define void @sequential_in_loop(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %a = call ptr @malloc(i64 40960)
  call void @use(ptr %a)
  call void @free(ptr %a)
  %b = call ptr @malloc(i64 40960)
  call void @use(ptr %b)
  call void @free(ptr %b)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}
define void @maybe_null_free(i1 %c) {
  %a = call ptr @malloc(i64 40960)
  call void @use(ptr %a)
  %q = select i1 %c, ptr %a, ptr null
  call void @free(ptr %q)
  %b = call ptr @malloc(i64 40960)
  call void @use(ptr %b)
  call void @free(ptr %b)
  ret void
}

; Scaling every limit for small thread stacks.
; RUN: %opt -goescape-budget-percent=12 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=SCALED
; SCALED-LABEL: goescape: function 'existing_allocas': 2 sites, 0 promoted
; SCALED-NEXT: %a = malloc(16384): kept (TooLarge): size 16384 is over the limit of 7864 bytes (-goescape-max-size)
; SCALED-NEXT: %b = malloc(4096): kept (FrameBudget): over the stack budget of 'existing_allocas' (15728 bytes, -goescape-frame-budget)
; RUN: not %opt -goescape-budget-percent=0 -passes=goescape -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADPCT
; RUN: not %opt -goescape-budget-percent=101 -passes=goescape -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADPCT
; BADPCT: for the --goescape-budget-percent option: '{{0|101}}' is not a percentage from 1 to 100
