; Regression test for a miscompile: growth from the slot (growFromSlot)
; called malloc directly. LLVM may drop a malloc whose block is never read
; and take it as having succeeded; it can drop the program's realloc only
; when the whole object goes unread. Here the object is read on the
; failure path only, so realloc(p, SIZE_MAX - 1) must fail as libc's does
; and the function return 0; with the bare malloc, the rest of -O2 folded
; it to 1 for every n but 0 ("grew" where the plain build said "null"). The
; heap block of a grown slot comes from goescape.malloc, a function no pass
; takes for an allocator, so its answer is libc's.
;
; And a program that defines its own malloc keeps its reallocs on the heap:
; growth would call the program's malloc where libc's realloc did not.
; RUN: %opt -passes='goescape,default<O2>' -S %s | FileCheck %s
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=PRINT
; RUN: %opt -passes=goescape,goescape,verify -S %s | FileCheck %s --check-prefix=TWICE

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @realloc(ptr allocptr captures(none), i64) allockind("realloc") allocsize(1) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree nounwind

; CHECK-LABEL: define {{.*}}i32 @grow_unread(
; CHECK:         [[H:%.*]] = {{.*}}call {{.*}}ptr @goescape.malloc(i64 %n.fr)
; CHECK-NEXT:    [[NULL:%.*]] = icmp eq ptr [[H]], null
; CHECK-NEXT:    br i1 [[NULL]], label %fail, label
; CHECK:       fail:
; CHECK-LABEL: define internal {{.*}}ptr @goescape.malloc(i64 {{.*}}%0)
; CHECK-NEXT:    call {{.*}}ptr @malloc(i64 %0)
; PRINT-LABEL: goescape: function 'grow_unread': 1 site, 1 promoted
; PRINT-NEXT:  %p = malloc(16): promoted (align 16, 64-byte slot, heap once realloc outgrows it (1 realloc), 2 frees only for the heap)
; TWICE-LABEL: define i32 @grow_unread(
; TWICE:         call ptr @goescape.malloc(i64 %n.fr)
; TWICE-NOT:     goescape.malloc.
; TWICE-LABEL: define internal ptr @goescape.malloc(i64 %0)
; TWICE-NOT:   define
define i32 @grow_unread(i64 %n) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  %q = call ptr @realloc(ptr %p, i64 %n)
  %ok = icmp ne ptr %q, null
  br i1 %ok, label %grew, label %fail
grew:
  call void @free(ptr %q)
  ret i32 1
fail:
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret i32 0
}
