; Regression test for a miscompile found by review: a free that happens only
; on some paths is not a free wrapper. Calls to such a function used to be
; taken for frees, so the object passed was promoted although the callee may
; free it.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

; 1. A free that happens only on some paths is not a free wrapper.
; CHECK-LABEL: goescape: function 'release_if': 0 sites, 0 promoted
; CHECK-NEXT: frees param: p
define void @release_if(ptr %p, i1 %owned) {
  br i1 %owned, label %do, label %done
do:
  call void @free(ptr %p)
  br label %done
done:
  ret void
}
; CHECK-LABEL: goescape: function 'release_unless': 0 sites, 0 promoted
; CHECK-NEXT: frees param: p
define void @release_unless(ptr %p, i1 %keep) {
  br i1 %keep, label %out, label %do
out:
  ret void
do:
  call void @free(ptr %p)
  ret void
}
; Not a free wrapper, but its only free is of its parameter: the call goes
; to a copy without it, and the object, read after the call, lives on
; (test/Transforms/free-clones.ll checks the call ends no lifetime).
; CHECK-LABEL: goescape: function 'call_release_if': 1 site, 1 promoted
; CHECK-NEXT: %a = malloc(64): promoted (align 16, freed by a copy of 'release_if' without its frees)
define i8 @call_release_if(i1 %c) {
  %a = call ptr @malloc(i64 64)
  call void @release_if(ptr %a, i1 %c)
  %v = load i8, ptr %a
  ret i8 %v
}
