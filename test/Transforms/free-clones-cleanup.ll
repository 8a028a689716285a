; With cleanup (as in clang's pipeline), a copy without frees that is left
; with nothing to do, a list walk whose only effect was its frees (its loop
; may be assumed to finish: llvm.loop.mustprogress, as clang marks C11
; loops), goes away with its calls. A recursive walk stays: nothing says it
; ends, and its call with it.
; RUN: %opt -passes='goescape<cleanup>' -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

define void @list_free(ptr %l) {
entry:
  br label %loop
loop:
  %p = phi ptr [ %l, %entry ], [ %n, %body ]
  %z = icmp eq ptr %p, null
  br i1 %z, label %done, label %body
body:
  %n = load ptr, ptr %p
  call void @free(ptr %p)
  br label %loop, !llvm.loop !0
done:
  ret void
}

define void @tree_free(ptr %t) {
entry:
  %z = icmp eq ptr %t, null
  br i1 %z, label %done, label %body
body:
  %l = load ptr, ptr %t
  call void @tree_free(ptr %l)
  call void @free(ptr %t)
  br label %done
done:
  ret void
}

; CHECK-LABEL: define void @both()
; CHECK-NOT: @malloc
; CHECK-NOT: call void @list_free
; CHECK: call void @tree_free.goescape.nofree(ptr
; CHECK-NEXT: ret void
define void @both() {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  store ptr %b, ptr %a
  store ptr null, ptr %b
  call void @list_free(ptr %a)
  %x = call ptr @malloc(i64 16)
  store ptr null, ptr %x
  call void @tree_free(ptr %x)
  ret void
}

; CHECK-NOT: define internal void @list_free.goescape.nofree
; CHECK: define internal void @tree_free.goescape.nofree(ptr %t)
; CHECK-NOT: call void @free

!0 = distinct !{!0, !1}
!1 = !{!"llvm.loop.mustprogress"}
