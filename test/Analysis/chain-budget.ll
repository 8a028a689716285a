; The chain budget: the bytes promoted along any call chain, all frames on
; it together, stay within -goescape-chain-budget. Callees are decided
; first; a caller gets what its deepest callee chain left.
; RUN: %opt -goescape-chain-budget=100000 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=DEFAULT
; RUN: %opt -goescape-chain-budget=200000 -goescape-max-size=131072 -goescape-budget-percent=50 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree

define void @leaf() {
  %p = call ptr @malloc(i64 40000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

define void @mid() {
  %p = call ptr @malloc(i64 40000)
  call void @use(ptr %p)
  call void @leaf()
  call void @free(ptr %p)
  ret void
}

; 80,000 bytes are taken below: 20,000 are left, for the smaller site.
define void @top() {
  %a = call ptr @malloc(i64 30000)
  %b = call ptr @malloc(i64 16000)
  call void @use(ptr %a)
  call void @use(ptr %b)
  call void @mid()
  call void @free(ptr %a)
  call void @free(ptr %b)
  ret void
}

; A caller of 'top' and of 'leaf': its deepest chain is through 'top'.
define void @root() {
  %r = call ptr @malloc(i64 8000)
  call void @use(ptr %r)
  call void @leaf()
  call void @top()
  call void @free(ptr %r)
  ret void
}

; A separate chain has its own budget.
define void @other() {
  %p = call ptr @malloc(i64 60000)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'leaf': 1 site, 1 promoted
; CHECK-LABEL: goescape: function 'mid': 1 site, 1 promoted
; CHECK-LABEL: goescape: function 'top': 2 sites, 1 promoted
; CHECK-NEXT: %a = malloc(30000): kept (ChainBudget): over the stack budget of the call chains through 'top' (100000 bytes, -goescape-chain-budget): functions it calls already promote 80000 bytes along its deepest chain (through 'mid')
; CHECK-NEXT: %b = malloc(16000): promoted
; CHECK-LABEL: goescape: function 'root': 1 site, 0 promoted
; CHECK-NEXT: %r = malloc(8000): kept (ChainBudget): {{.*}} functions it calls already promote 96000 bytes along its deepest chain (through 'top')
; CHECK-LABEL: goescape: function 'other': 1 site, 1 promoted

; 256 KiB by default: everything fits.
; DEFAULT-LABEL: goescape: function 'top': 2 sites, 2 promoted
; DEFAULT-LABEL: goescape: function 'root': 1 site, 1 promoted
