; Regression test: the frame budget charged an over-aligned slot only its
; size rounded to its alignment, but a frame that holds one is realigned
; (`andq $-A, %rsp` drops up to A - 16 bytes) and LLVM's frame layout pads
; before it: on x86-64, aligned_alloc(4096, 4096) on the stack makes the
; frame `andq $-4096, %rsp; subq $8192, %rsp`, up to 12 KiB for a 4 KiB
; object. With a budget of 8 KiB that object must stay on the heap; an object
; of the default alignment and the same size still fits, and so does the
; over-aligned one when the budget covers its worst case (size + 2 * align).
; RUN: %opt -goescape-frame-budget=8192 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=TIGHT
; RUN: %opt -goescape-frame-budget=12288 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=ROOM

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @aligned_alloc(i64 allocalign, i64) allockind("alloc,uninitialized,aligned") allocsize(1) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree

; TIGHT-LABEL: goescape: function 'page_aligned': 1 site, 0 promoted
; TIGHT-NEXT: %p = aligned_alloc(4096): kept (FrameBudget)
; ROOM-LABEL: goescape: function 'page_aligned': 1 site, 1 promoted
; ROOM-NEXT: %p = aligned_alloc(4096): promoted (align 4096, 1 free removed)
define void @page_aligned() {
  %p = call ptr @aligned_alloc(i64 4096, i64 4096)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; TIGHT-LABEL: goescape: function 'default_aligned': 1 site, 1 promoted
; TIGHT-NEXT: %p = malloc(4096): promoted (align 16, 1 free removed)
define void @default_aligned() {
  %p = call ptr @malloc(i64 4096)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Two 64-byte objects aligned to 32: each may cost 64 + 2 * 32 bytes.
; TIGHT-LABEL: goescape: function 'two_small'
; TIGHT: %a = aligned_alloc(64): promoted (align 32
; TIGHT: %b = aligned_alloc(64): promoted (align 32
define void @two_small() {
  %a = call ptr @aligned_alloc(i64 32, i64 64)
  %b = call ptr @aligned_alloc(i64 32, i64 64)
  call void @use(ptr %a)
  call void @use(ptr %b)
  call void @free(ptr %a)
  call void @free(ptr %b)
  ret void
}
