; Stack objects scoped inside a loop (issue 12, shape 4): after inlining, a
; struct on the stack that holds a malloc'd pointer lives in an alloca whose
; llvm.lifetime.start and .end lie inside the loop body. It dies every
; iteration, so what it holds is not carried to the next one, and the site
; in the loop is promotable. Beside it, the allocas that do live across the
; back edge: no markers, the end after the loop, an end on one path only.
; Those are carried: with carried slots off they stay on the heap, and by
; default they get two slots each taken while free, where the scoped one
; gets one slot.
; RUN: %opt -goescape-carried-slots=0 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=SLOTS

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

; Reads the buffer the box holds.
define i8 @peek(ptr %box) {
  %p = load ptr, ptr %box
  %v = load i8, ptr %p
  ret i8 %v
}

; CHECK-LABEL: goescape: function 'scoped_box': 1 site, 1 promoted
; SLOTS-LABEL: goescape: function 'scoped_box': 1 site, 1 promoted
; SLOTS-NOT:   taken while free
; SLOTS-LABEL: goescape: function 'unscoped_box': 1 site, 1 promoted
; SLOTS-NEXT:  2 {{[0-9]+}}-byte slots each taken while free
define i8 @scoped_box(i32 %n) {
entry:
  %box = alloca ptr
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %acc = phi i8 [ 0, %entry ], [ %acc1, %loop ]
  call void @llvm.lifetime.start.p0(ptr %box)
  %p = call ptr @malloc(i64 16)
  store i8 7, ptr %p
  store ptr %p, ptr %box
  %v = call i8 @peek(ptr %box)
  %acc1 = add i8 %acc, %v
  call void @free(ptr %p)
  call void @llvm.lifetime.end.p0(ptr %box)
  %i1 = add i32 %i, 1
  %done = icmp eq i32 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i8 %acc1
}

; Negative: no markers: the box outlives every iteration, and the next one
; reads the previous object through it.
; CHECK-LABEL: goescape: function 'unscoped_box': 1 site, 0 promoted
; CHECK-NEXT: kept (LoopCarried)
define i8 @unscoped_box(i32 %n) {
entry:
  %box = alloca ptr
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %fresh ]
  %acc = phi i8 [ 0, %entry ], [ %acc1, %fresh ]
  ; The previous iteration's object, read through the box.
  %first = icmp eq i32 %i, 0
  br i1 %first, label %fresh, label %old
old:
  %w = call i8 @peek(ptr %box)
  br label %fresh
fresh:
  %wv = phi i8 [ 0, %loop ], [ %w, %old ]
  %p = call ptr @malloc(i64 16)
  store i8 7, ptr %p
  store ptr %p, ptr %box
  %v = call i8 @peek(ptr %box)
  %acc0 = add i8 %acc, %v
  %acc1 = add i8 %acc0, %wv
  %i1 = add i32 %i, 1
  %done = icmp eq i32 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i8 %acc1
}

; Negative: the box's life ends after the loop; the next iteration reads the
; previous object through it.
; CHECK-LABEL: goescape: function 'box_ends_after_loop': 1 site, 0 promoted
; CHECK-NEXT: kept (LoopCarried)
define i8 @box_ends_after_loop(i32 %n) {
entry:
  %box = alloca ptr
  call void @llvm.lifetime.start.p0(ptr %box)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %fresh ]
  %acc = phi i8 [ 0, %entry ], [ %acc1, %fresh ]
  ; The previous iteration's object, read through the box.
  %first = icmp eq i32 %i, 0
  br i1 %first, label %fresh, label %old
old:
  %w = call i8 @peek(ptr %box)
  br label %fresh
fresh:
  %wv = phi i8 [ 0, %loop ], [ %w, %old ]
  %p = call ptr @malloc(i64 16)
  store i8 7, ptr %p
  store ptr %p, ptr %box
  %v = call i8 @peek(ptr %box)
  %acc0 = add i8 %acc, %v
  %acc1 = add i8 %acc0, %wv
  %i1 = add i32 %i, 1
  %done = icmp eq i32 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  call void @llvm.lifetime.end.p0(ptr %box)
  ret i8 %acc1
}

; Conservatively kept: the box's life ends on one path of the body only, so
; StackLifetime has it alive across the back edge on the other (where the
; next lifetime.start would make it new again).
; CHECK-LABEL: goescape: function 'box_ends_sometimes': 1 site, 0 promoted
; CHECK-NEXT: kept (LoopCarried)
define i8 @box_ends_sometimes(i32 %n, i1 %c) {
entry:
  %box = alloca ptr
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %latch ]
  %acc = phi i8 [ 0, %entry ], [ %acc1, %latch ]
  call void @llvm.lifetime.start.p0(ptr %box)
  %p = call ptr @malloc(i64 16)
  store i8 7, ptr %p
  store ptr %p, ptr %box
  %v = call i8 @peek(ptr %box)
  %acc1 = add i8 %acc, %v
  br i1 %c, label %end, label %latch
end:
  call void @llvm.lifetime.end.p0(ptr %box)
  br label %latch
latch:
  %i1 = add i32 %i, 1
  %done = icmp eq i32 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i8 %acc1
}

declare void @llvm.lifetime.start.p0(ptr)
declare void @llvm.lifetime.end.p0(ptr)
