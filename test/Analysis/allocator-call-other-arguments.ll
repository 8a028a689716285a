; Regression test for a miscompile found by review: the arguments of an
; allocation or free call other than its size and freed pointer (an arena,
; a pool, the string strdup copies) were not looked at, so an object passed
; there was promoted although the callee keeps it or copies its bytes.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @calloc(i64, i64) allockind("alloc,zeroed") allocsize(0,1) "alloc-family"="malloc"
declare noalias ptr @strdup(ptr captures(none)) nofree
declare noalias ptr @arena_alloc(ptr, i64) allockind("alloc,uninitialized") allocsize(1) "alloc-family"="arena"
declare void @pool_free(ptr, ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

; 5. The other arguments of allocation and free calls count too.
; CHECK-LABEL: goescape: function 'arena_arg': 2 sites, 0 promoted
; CHECK-NEXT: %arena = malloc(64): kept (EscapesToCall): passed to 'arena_alloc'
; CHECK-NEXT: %x = arena_alloc(?): kept (EscapesByReturn)
define ptr @arena_arg(i64 %n) {
  %arena = call ptr @malloc(i64 64)
  %x = call ptr @arena_alloc(ptr %arena, i64 %n)
  ret ptr %x
}
; CHECK-LABEL: goescape: function 'pool_arg': 2 sites, 0 promoted
; CHECK-NEXT: %a = malloc(16): kept (EscapesToGlobal)
; CHECK-NEXT: %b = malloc(32): kept (EscapesToCall): passed to 'pool_free'
define void @pool_arg() {
  %a = call ptr @malloc(i64 16)
  store ptr %a, ptr @g
  %b = call ptr @malloc(i64 32)
  call void @pool_free(ptr %b, ptr %a)
  ret void
}
; strdup copies the box's bytes, pointer included, into a new string.
; CHECK-LABEL: goescape: function 'strdup_of_box': 3 sites, 1 promoted
; CHECK-NEXT: %box = calloc(16): promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesViaCallArgument)
; CHECK-NEXT: %s = strdup(?): kept (EscapesToGlobal)
define void @strdup_of_box() {
  %box = call ptr @calloc(i64 2, i64 8)
  %x = call ptr @malloc(i64 16)
  store ptr %x, ptr %box
  %s = call ptr @strdup(ptr %box)
  store ptr %s, ptr @g
  ret void
}
