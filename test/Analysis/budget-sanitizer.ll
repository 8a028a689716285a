; Under AddressSanitizer (and HWASan, MemTag) every alloca keeps a stack
; slot of its own: objects freed one after another do not share stack
; there, so the budget charges their sum. Without the attribute, the same
; function promotes all three (one is live at a time).
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree

; CHECK-LABEL: goescape: function 'shared': 3 sites, 3 promoted
define void @shared() {
  %a = call ptr @malloc(i64 60000)
  call void @use(ptr %a)
  call void @free(ptr %a)
  %b = call ptr @malloc(i64 60000)
  call void @use(ptr %b)
  call void @free(ptr %b)
  %c = call ptr @malloc(i64 60000)
  call void @use(ptr %c)
  call void @free(ptr %c)
  ret void
}

; CHECK-LABEL: goescape: function 'asan': 3 sites, 2 promoted
; CHECK:       kept (FrameBudget)
define void @asan() sanitize_address {
  %a = call ptr @malloc(i64 60000)
  call void @use(ptr %a)
  call void @free(ptr %a)
  %b = call ptr @malloc(i64 60000)
  call void @use(ptr %b)
  call void @free(ptr %b)
  %c = call ptr @malloc(i64 60000)
  call void @use(ptr %c)
  call void @free(ptr %c)
  ret void
}

; CHECK-LABEL: goescape: function 'hwasan': 3 sites, 2 promoted
define void @hwasan() sanitize_hwaddress {
  %a = call ptr @malloc(i64 60000)
  call void @use(ptr %a)
  call void @free(ptr %a)
  %b = call ptr @malloc(i64 60000)
  call void @use(ptr %b)
  call void @free(ptr %b)
  %c = call ptr @malloc(i64 60000)
  call void @use(ptr %c)
  call void @free(ptr %c)
  ret void
}
