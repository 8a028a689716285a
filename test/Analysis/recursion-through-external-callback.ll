; Regression test for a miscompile found by review: recursion through a
; callback that external code calls (qsort calls cmp, which calls walk
; again). walk may recurse to a depth not known here, so its 60000-byte
; buffer must not go on its stack.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @qsort(ptr, i64, i64, ptr)
declare void @use(ptr captures(none)) nofree

; 7. Recursion through a callback that external code calls.
; CHECK-LABEL: goescape: function 'cmp': 0 sites, 0 promoted (recursive)
define internal i32 @cmp(ptr %a, ptr %b) {
  %r = call i32 @walk(i32 1)
  ret i32 %r
}
; CHECK-LABEL: goescape: function 'walk': 1 site, 0 promoted (recursive)
; CHECK-NEXT: %buf = malloc(60000): kept (RecursionBudget)
define i32 @walk(i32 %d) {
  %buf = call ptr @malloc(i64 60000)
  %arr = alloca [2 x i32]
  call void @qsort(ptr %arr, i64 2, i64 4, ptr @cmp)
  call void @use(ptr %buf)
  call void @free(ptr %buf)
  ret i32 0
}
