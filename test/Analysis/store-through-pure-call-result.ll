; Regression test for a miscompile found by review: a call that touches no
; memory (memory(none)) may still return a pointer to anywhere, and a store
; through that pointer publishes what it stores.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare ptr @get_state() memory(none)

; 2. A call that touches no memory may still return a pointer to anywhere.
; CHECK-LABEL: goescape: function 'store_through_pure_result': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToUnknownMemory)
define void @store_through_pure_result() {
  %x = call ptr @malloc(i64 16)
  %s = call ptr @get_state()
  store ptr %x, ptr %s
  ret void
}
