; An allocation wrapper whose failure path calls another file's function
; (git's xmalloc calling die(), defined in usage.c): that function may call
; the wrapper back by name, so the wrapper is on a cycle through code
; outside the module and promotes nothing of its own. It is still a
; wrapper: on the path that returns, it only allocates and returns, so a
; caller's call of it is that allocation wherever the caller is, and the
; caller decides it. A caller that is itself on the cycle (it calls another
; file's function too, or is reached from one other files can call) keeps
; its objects for the recursion budget; one that is not moves them: when
; the call is its slot, the wrapper's cycle is gone from that call.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s
; RUN: %opt -passes=goescape -S %s | FileCheck %s --check-prefix=IR

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nofree nocallback
declare void @die(ptr) noreturn
declare void @report(ptr)

@oom = private constant [14 x i8] c"out of memory\00"

; CHECK-LABEL: goescape: function 'xmalloc': 1 site, 0 promoted (recursive) (allocation wrapper)
; CHECK-NEXT: %p = malloc(?): kept (EscapesByReturn): returned from 'xmalloc'
define ptr @xmalloc(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  %null = icmp eq ptr %p, null
  br i1 %null, label %fail, label %ok
fail:
  call void @die(ptr @oom)
  unreachable
ok:
  ret ptr %p
}

; CHECK-LABEL: goescape: function 'scratch': 1 site, 1 promoted
; CHECK-NEXT: %b = xmalloc(32): promoted (align 16, 1 free removed)
; IR-LABEL: define internal void @scratch(
; IR-NOT: call ptr @xmalloc
; IR: ret void
define internal void @scratch() {
  %b = call ptr @xmalloc(i64 32)
  call void @use(ptr %b)
  call void @free(ptr %b)
  ret void
}

; CHECK-LABEL: goescape: function 'logged': 1 site, 0 promoted (recursive)
; CHECK-NEXT: %b = xmalloc(32): kept (RecursionBudget): 'logged' may recurse through code outside the module
define void @logged() {
  %b = call ptr @xmalloc(i64 32)
  call void @report(ptr @oom)
  call void @use(ptr %b)
  call void @free(ptr %b)
  ret void
}

; main is not called back (the model's one assumption about it): scratch,
; called from it only, is on no cycle.
define i32 @main() {
  call void @scratch()
  ret i32 0
}
