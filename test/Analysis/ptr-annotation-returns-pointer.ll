; Regression test for a miscompile found by review: llvm.ptr.annotation
; returns its pointer argument, so a store through its result is a store
; through that pointer (here, into a global).
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@ann = private constant [4 x i8] c"tag\00"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare ptr @llvm.ptr.annotation.p0.p0(ptr, ptr, ptr, i32, ptr)

; 4. llvm.ptr.annotation returns its pointer.
; CHECK-LABEL: goescape: function 'annotated_field': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesTo
define void @annotated_field() {
  %x = call ptr @malloc(i64 16)
  %f = call ptr @llvm.ptr.annotation.p0.p0(ptr @g, ptr @ann, ptr @ann, i32 1, ptr null)
  store ptr %x, ptr %f
  ret void
}
