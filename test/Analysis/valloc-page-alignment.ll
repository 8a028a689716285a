; Regression test for a miscompile found by review: valloc memory is
; page-aligned, and the page size is not known here (it may be 64 KiB), so
; no stack slot can promise valloc's alignment.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @valloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nofree

; 8. valloc memory is page-aligned.
; CHECK-LABEL: goescape: function 'page_aligned': 1 site, 0 promoted
; CHECK-NEXT: %p = valloc(4096): kept (BadAlignment)
define void @page_aligned() {
  %p = call ptr @valloc(i64 4096)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}
