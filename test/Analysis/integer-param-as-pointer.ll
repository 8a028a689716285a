; Regression test for a miscompile found by review: an integer parameter may
; hold an address. Stored into an object and reloaded as a pointer, it
; points to memory the function does not know, and a store through it
; publishes what it stores.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"

; 6a. An integer parameter may hold an address: stored, then reloaded as a
; pointer, it points to memory we do not know.
; CHECK-LABEL: goescape: function 'int_param_as_pointer': 2 sites, 1 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToUnknownMemory)
; CHECK-NEXT: %box = malloc(32): promoted
define void @int_param_as_pointer(i64 %h) {
  %x = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 32)
  store i64 %h, ptr %box
  %slot = load ptr, ptr %box
  store ptr %x, ptr %slot
  ret void
}
