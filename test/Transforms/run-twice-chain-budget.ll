; Running goescape twice (`-passes=goescape,goescape`, or clang -O2 with the
; plugin on IR that a build with the plugin wrote) must not promote more
; along a call chain than one run may: the slots of the first run are
; promoted bytes of the chain budget in the second, not the program's own
; stack allocations. chain-budget.ll's module: the first run promotes 96,000
; of the 100,000 bytes along root -> top -> mid -> leaf and keeps top's %a
; and root's %r; the second keeps them too.
; RUN: %opt -goescape-chain-budget=100000 -passes='goescape,print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=AGAIN
; RUN: %opt -goescape-chain-budget=100000 -passes=goescape,goescape -S %s | FileCheck %s

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

define void @root() {
  %r = call ptr @malloc(i64 8000)
  call void @use(ptr %r)
  call void @leaf()
  call void @top()
  call void @free(ptr %r)
  ret void
}

; The first run's slots: 80,000 bytes below 'top' and 16,000 in it leave
; 4,000 for %a.
; AGAIN-LABEL: goescape: function 'top': 1 site, 0 promoted
; AGAIN-NEXT: %a = malloc(30000): kept (ChainBudget): over the stack budget of the call chains through 'top' (100000 bytes, -goescape-chain-budget): functions it calls already promote 80000 bytes along its deepest chain (through 'mid'), and an earlier run of goescape moved 16000 bytes to its stack
; AGAIN-LABEL: goescape: function 'root': 1 site, 0 promoted
; AGAIN-NEXT: %r = malloc(8000): kept (ChainBudget): {{.*}} functions it calls already promote 96000 bytes along its deepest chain (through 'top')

; CHECK-LABEL: define void @leaf(
; CHECK-NOT: @malloc
; CHECK-LABEL: define void @mid(
; CHECK-NOT: @malloc
; CHECK-LABEL: define void @top(
; CHECK: call ptr @malloc(i64 30000)
; CHECK-NOT: @malloc
; CHECK-LABEL: define void @root(
; CHECK: call ptr @malloc(i64 8000)
