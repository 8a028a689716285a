; Two small-buffer sites freed one after the other share stack, as the
; budget assumes (it charges their peak, one slot): each slot's lifetime
; must end at its free on the heap path too, or codegen's stack colouring
; keeps it live to the end of the function and the frame holds both. The
; lifetime.end used to sit only on the slot path: with 60000-byte slots, a
; 120000-byte frame where the budget counted 60000.
; RUN: %opt -goescape-small-buffer=60000 -passes=goescape -S %s | FileCheck %s
; RUN: %opt -goescape-small-buffer=60000 -passes=goescape %s -o - \
; RUN:   | %llc -O2 -o - | FileCheck %s --check-prefix=ASM
; REQUIRES: x86_64-linux

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias noundef ptr @malloc(i64 noundef) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr noundef captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none) readonly) nocallback nofree nounwind

; CHECK-LABEL: define void @f(
; CHECK:         call void @use(ptr %p)
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %p.stack)
; CHECK-NEXT:    %[[S:.*]] = icmp eq ptr %p, %p.stack
; CHECK:         call void @free(ptr %p)
; CHECK:         call void @use(ptr %q)
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %q.stack)
; ASM-LABEL: f:
; ASM:         subq $60{{[0-9][0-9][0-9]}}, %rsp
define void @f(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  %q = call ptr @malloc(i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}
