; Regression test for a miscompile: the module defines malloc (a counting
; allocator over __libc_malloc). Growth from the slot called it where the
; program's realloc, libc's, does not: "calls=0" became "calls=1". A
; realloc grows a site only when a new call of malloc reaches the C
; library's; here it keeps the site on the heap, as it did before growth.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s
; RUN: %opt -passes=goescape -S %s | FileCheck %s --check-prefix=IR

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@calls = internal global i32 0

declare ptr @__libc_malloc(i64)
declare noalias ptr @calloc(i64, i64) allockind("alloc,zeroed") allocsize(0,1) "alloc-family"="malloc"
declare noalias ptr @realloc(ptr allocptr captures(none), i64) allockind("realloc") allocsize(1) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nofree nounwind

define ptr @malloc(i64 %n) {
  %c = load i32, ptr @calls
  %c1 = add i32 %c, 1
  store i32 %c1, ptr @calls
  %p = call ptr @__libc_malloc(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: goescape: function 'grow': 1 site, 0 promoted
; CHECK-NEXT:  %p = calloc(8): kept (Reallocated): reallocated by 'realloc'
; IR-LABEL: define void @grow(
; IR-NEXT:    %p = call ptr @calloc(i64 1, i64 8)
; IR-NOT:     alloca
define void @grow(i64 %n) {
  %p = call ptr @calloc(i64 1, i64 8)
  call void @use(ptr %p)
  %q = call ptr @realloc(ptr %p, i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}
