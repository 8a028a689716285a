; Inline and template functions (linkonce_odr, weak_odr: C++'s destructors,
; accessors, std:: helpers). The linker may keep another translation unit's
; copy of such a function, compiled and optimised apart; the ODR makes it
; the same source, not the same code, so what goescape reads off this body
; may not hold for that one. goescape uses the body anyway, and makes sure
; it is the one that runs: every call in a function with a promoted site,
; and in everything such a function calls, to an ODR function goes to an
; internal copy of the body analysed, `F.goescape.exact` (one per function,
; recursion included, its own calls sent on the same way). The original
; stays for everyone else. A body that may be replaced by a different
; function (weak, linkonce: not ODR) is not used.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=PRINT
; RUN: %opt -passes=goescape -S %s | FileCheck %s
; RUN: %opt -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

; An accessor: reads, keeps nothing.
define linkonce_odr i32 @get(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}

; PRINT-LABEL: goescape: function 'reads': 1 site, 1 promoted
; PRINT-NEXT:  %p = malloc(16): promoted (align 16, 1 free removed)
; CHECK-LABEL: define i32 @reads(
; CHECK:         %v = call i32 @get.goescape.exact(ptr %p)
define i32 @reads() {
  %p = call ptr @malloc(i64 16)
  store i32 7, ptr %p
  %v = call i32 @get(ptr %p)
  call void @free(ptr %p)
  ret i32 %v
}

; A function with nothing promoted keeps calling the original.
; CHECK-LABEL: define i32 @no_promotion(
; CHECK:         call i32 @get(ptr %q)
define i32 @no_promotion(ptr %q) {
  %v = call i32 @get(ptr %q)
  ret i32 %v
}

; A chain of them: the copy of 'outer' calls the copy of 'inner'. weak_odr
; is ODR too.
define linkonce_odr i32 @inner(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}
define weak_odr i32 @outer(ptr %p) {
  %v = call i32 @inner(ptr %p)
  %w = add i32 %v, 1
  ret i32 %w
}

; PRINT-LABEL: goescape: function 'chain': 1 site, 1 promoted
; CHECK-LABEL: define i32 @chain(
; CHECK:         call i32 @outer.goescape.exact(ptr %p)
define i32 @chain() {
  %p = call ptr @malloc(i64 16)
  store i32 1, ptr %p
  %v = call i32 @outer(ptr %p)
  call void @free(ptr %p)
  ret i32 %v
}

; Through a function of exact definition: its call goes to the copy, for
; every caller (the copy is the same function).
define i32 @middle(ptr %p) {
  %v = call i32 @inner(ptr %p)
  ret i32 %v
}
; CHECK-LABEL: define i32 @middle(
; CHECK:         call i32 @inner.goescape.exact(ptr %p)

; PRINT-LABEL: goescape: function 'through_middle': 1 site, 1 promoted
define i32 @through_middle() {
  %p = call ptr @malloc(i64 16)
  store i32 2, ptr %p
  %v = call i32 @middle(ptr %p)
  call void @free(ptr %p)
  ret i32 %v
}

; A destructor that frees a list: the call goes to a copy without its
; frees, which is itself a copy of the body analysed.
define linkonce_odr void @drop(ptr %l) {
entry:
  br label %loop
loop:
  %p = phi ptr [ %l, %entry ], [ %n, %body ]
  %z = icmp eq ptr %p, null
  br i1 %z, label %done, label %body
body:
  %n = load ptr, ptr %p
  call void @free(ptr %p)
  br label %loop
done:
  ret void
}

; PRINT-LABEL: goescape: function 'dropped': 2 sites, 2 promoted
; PRINT-NEXT:  %a = malloc(16): promoted (align 16, freed by a copy of 'drop' without its frees)
; PRINT-NEXT:  %b = malloc(16): promoted (align 16, freed by a copy of 'drop' without its frees)
; CHECK-LABEL: define void @dropped(
; CHECK:         call void @drop.goescape.nofree(ptr
define void @dropped() {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  store ptr %b, ptr %a
  store ptr null, ptr %b
  call void @drop(ptr %a)
  ret void
}

; A recursive one: its copy calls itself.
define linkonce_odr i32 @depth(ptr %p, i32 %n) {
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %more
more:
  %m = sub i32 %n, 1
  %r = call i32 @depth(ptr %p, i32 %m)
  %v = load i32, ptr %p
  %s = add i32 %r, %v
  ret i32 %s
done:
  ret i32 0
}
; PRINT-LABEL: goescape: function 'recursive': 1 site, 1 promoted
; CHECK-LABEL: define i32 @recursive(
; CHECK:         call i32 @depth.goescape.exact(ptr %p, i32 3)
define i32 @recursive() {
  %p = call ptr @malloc(i64 16)
  store i32 5, ptr %p
  %v = call i32 @depth(ptr %p, i32 3)
  call void @free(ptr %p)
  ret i32 %v
}

; An ODR function that keeps its argument: it escapes, said with the
; callee's own reason.
define linkonce_odr void @keep(ptr %p) {
  store ptr %p, ptr @g
  ret void
}
; PRINT-LABEL: goescape: function 'kept': 1 site, 0 promoted
; PRINT-NEXT:  %p = malloc(16): kept (EscapesToCall): passed to 'keep'
define void @kept() {
  %p = call ptr @malloc(i64 16)
  call void @keep(ptr %p)
  ret void
}

; Not ODR: another translation unit's 'weakget' may be any function.
define weak i32 @weakget(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}
define linkonce i32 @lonceget(ptr %p) {
  %v = load i32, ptr %p
  ret i32 %v
}
; PRINT-LABEL: goescape: function 'not_odr': 2 sites, 0 promoted
; PRINT-NEXT:  %p = malloc(16): kept (EscapesToCall): passed to 'weakget'
; PRINT-NEXT:  %q = malloc(16): kept (EscapesToCall): passed to 'lonceget'
define i32 @not_odr() {
  %p = call ptr @malloc(i64 16)
  %v = call i32 @weakget(ptr %p)
  call void @free(ptr %p)
  %q = call ptr @malloc(i64 16)
  %w = call i32 @lonceget(ptr %q)
  call void @free(ptr %q)
  %s = add i32 %v, %w
  ret i32 %s
}

; The copies: internal, one each.
; CHECK-DAG: define internal i32 @get.goescape.exact(ptr %p)
; CHECK-DAG: define internal i32 @inner.goescape.exact(ptr %p)
; CHECK-DAG: define internal i32 @outer.goescape.exact(ptr %p)
; CHECK-DAG: define internal i32 @depth.goescape.exact(ptr %p, i32 %n)
; CHECK-DAG: call i32 @depth.goescape.exact(ptr %p, i32 %m)
; CHECK-DAG: define internal void @drop.goescape.nofree(ptr %l)
; CHECK-NOT: define {{.*}}goescape.exact.goescape

; RUN: %opt -passes=goescape -S %s | FileCheck %s --check-prefix=EXACT
; EXACT-LABEL: define internal i32 @outer.goescape.exact(
; EXACT-NEXT:    %v = call i32 @inner.goescape.exact(ptr %p)
