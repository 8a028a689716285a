; memcpy and memmove move the pointers stored in the bytes they copy. The
; extent of the copy decides which stored pointers move: a length that is not
; a constant, or a constant too large to bound offsets with, copies every
; pointer from the source offset on. (Regression: a run-time length used to
; be read as "no bytes", so the pointer was dropped and the object promoted,
; a stack-use-after-return.)
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)

; CHECK-LABEL: goescape: function 'memcpy_runtime_length': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn)
define ptr @memcpy_runtime_length(i64 %n) {
  %box = alloca [2 x ptr]
  %dst = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %box, i64 %n, i1 false)
  %q = load ptr, ptr %dst
  ret ptr %q
}

; CHECK-LABEL: goescape: function 'memmove_runtime_length': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn)
define ptr @memmove_runtime_length(i64 %n) {
  %box = alloca [2 x ptr]
  %dst = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @llvm.memmove.p0.p0.i64(ptr %dst, ptr %box, i64 %n, i1 false)
  %q = load ptr, ptr %dst
  ret ptr %q
}

; A constant of 4 GiB is no small constant either.
; CHECK-LABEL: goescape: function 'memcpy_4gib': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn)
define ptr @memcpy_4gib() {
  %box = alloca [2 x ptr]
  %dst = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %box, i64 4294967296, i1 false)
  %q = load ptr, ptr %dst
  ret ptr %q
}

; CHECK-LABEL: goescape: function 'memcpy_huge': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn)
define ptr @memcpy_huge() {
  %box = alloca [2 x ptr]
  %dst = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %box, i64 -1, i1 false)
  %q = load ptr, ptr %dst
  ret ptr %q
}

; The pointer sits after the source offset: a run-time length reaches it.
; CHECK-LABEL: goescape: function 'memcpy_source_offset': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn)
define ptr @memcpy_source_offset(i64 %n) {
  %box = alloca [4 x ptr]
  %dst = alloca [4 x ptr]
  %p = call ptr @malloc(i64 16)
  %box2 = getelementptr i8, ptr %box, i64 16
  store ptr %p, ptr %box2
  %src = getelementptr i8, ptr %box, i64 8
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %src, i64 %n, i1 false)
  %d1 = getelementptr i8, ptr %dst, i64 8
  %q = load ptr, ptr %d1
  ret ptr %q
}

; The destination has an offset: the pointer may land anywhere after it.
; CHECK-LABEL: goescape: function 'memcpy_dest_offset': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn)
define ptr @memcpy_dest_offset(i64 %n) {
  %box = alloca [4 x ptr]
  %dst = alloca [4 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  %d = getelementptr i8, ptr %dst, i64 8
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %box, i64 %n, i1 false)
  %d3 = getelementptr i8, ptr %dst, i64 24
  %q = load ptr, ptr %d3
  ret ptr %q
}

; memmove inside one object: the pointer moves from slot 0 to slot 1.
; CHECK-LABEL: goescape: function 'memmove_within_object': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn)
define ptr @memmove_within_object(i64 %n) {
  %box = alloca [4 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  %b1 = getelementptr i8, ptr %box, i64 8
  call void @llvm.memmove.p0.p0.i64(ptr %b1, ptr %box, i64 %n, i1 false)
  %q = load ptr, ptr %b1
  ret ptr %q
}

; The same, with a constant length: exact offsets.
; CHECK-LABEL: goescape: function 'memmove_within_object_const': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn)
define ptr @memmove_within_object_const() {
  %box = alloca [4 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  %b1 = getelementptr i8, ptr %box, i64 8
  call void @llvm.memmove.p0.p0.i64(ptr %b1, ptr %box, i64 16, i1 false)
  %q = load ptr, ptr %b1
  ret ptr %q
}

; Into a parameter's object with a run-time length: the object outlives the
; frame.
; CHECK-LABEL: goescape: function 'memcpy_into_param': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesToUnknownMemory)
define void @memcpy_into_param(ptr %out, i64 %n) {
  %box = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  call void @llvm.memcpy.p0.p0.i64(ptr %out, ptr %box, i64 %n, i1 false)
  ret void
}

; Precision beside the negatives: with a constant length the copy is exact,
; and a pointer before the source offset is not copied.
; CHECK-LABEL: goescape: function 'memcpy_before_source': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted
define ptr @memcpy_before_source() {
  %box = alloca [4 x ptr]
  %dst = alloca [4 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  %src = getelementptr i8, ptr %box, i64 8
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %src, i64 8, i1 false)
  %q = load ptr, ptr %dst
  call void @free(ptr %p)
  ret ptr %q
}

; A run-time length that stays in a local copy does not escape either.
; CHECK-LABEL: goescape: function 'memcpy_runtime_local': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted
define i8 @memcpy_runtime_local(i64 %n) {
  %box = alloca [2 x ptr]
  %dst = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store i8 7, ptr %p
  store ptr %p, ptr %box
  call void @llvm.memcpy.p0.p0.i64(ptr %dst, ptr %box, i64 %n, i1 false)
  %q = load ptr, ptr %dst
  %v = load i8, ptr %q
  call void @free(ptr %p)
  ret i8 %v
}
