; -debug-counter=goescape-promote bisects promotions the LLVM way, on top of
; -goescape-limit: the promotable sites are counted in module order from 0,
; and those the counter leaves out are kept (DebugCounter). It works in
; Debian's release build of LLVM.
; RUN: %opt -passes='print<goescape>' -disable-output %s \
; RUN:   | FileCheck %s --check-prefix=ALL
; RUN: %opt -passes='print<goescape>' -disable-output %s \
; RUN:   -debug-counter=goescape-promote=1 | FileCheck %s --check-prefix=ONE
; RUN: %opt -passes='print<goescape>' -disable-output %s \
; RUN:   -debug-counter=goescape-promote=0:2 | FileCheck %s --check-prefix=TWO
; RUN: %opt -passes='print<goescape>' -disable-output %s -goescape-limit=2 \
; RUN:   -debug-counter=goescape-promote=1-2 2>&1 | FileCheck %s --check-prefix=BOTH

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree

define void @first() {
  %p = call ptr @malloc(i64 8)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

define void @second() {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

define void @third() {
  %p = call ptr @malloc(i64 32)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; ALL: %p = malloc(8): promoted
; ALL: %p = malloc(16): promoted
; ALL: %p = malloc(32): promoted

; ONE: %p = malloc(8): kept (DebugCounter): left out by -debug-counter=goescape-promote
; ONE: %p = malloc(16): promoted
; ONE: %p = malloc(32): kept (DebugCounter)

; TWO: %p = malloc(8): promoted
; TWO: %p = malloc(16): kept (DebugCounter)
; TWO: %p = malloc(32): promoted

; The limit counts first: the third site is past it, and the counter sees
; only the first two (counts 0 and 1), keeping the first.
; BOTH: goescape-limit: site 2 is malloc(16) in 'second'
; BOTH: goescape-limit: 2 of 3 promotable sites promoted
; BOTH: %p = malloc(8): kept (DebugCounter)
; BOTH: %p = malloc(16): promoted
; BOTH: %p = malloc(32): kept (BisectLimit): past -goescape-limit=2
