; Objects that do not escape but must stay on the heap, beside the nearest
; shape that is promoted.
; Sizes known only at run time are kept here (the small buffer off), and
; so are objects a loop carries (carried slots off): the small buffer has
; its own test, Analysis/small-buffer.ll, and carried slots theirs,
; Transforms/carried-slots.ll.
; RUN: %opt -goescape-small-buffer=0 -goescape-carried-slots=0 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -goescape-max-size=16 -goescape-carried-slots=0 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=SMALL

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @calloc(i64, i64) allockind("alloc,zeroed") allocsize(0,1) "alloc-family"="malloc"
declare noalias ptr @aligned_alloc(i64 allocalign, i64) allockind("alloc,uninitialized,aligned") allocsize(1) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") "alloc-family"="_Znwm"
declare i32 @setjmp(ptr) returns_twice
declare void @sink(i8) nocallback

; 64 KiB is promoted, 64 KiB + 1 is not (the limit is inclusive).
; CHECK-LABEL: goescape: function 'size_limit': 2 sites, 1 promoted
; CHECK-NEXT: %at = malloc(65536): promoted
; CHECK-NEXT: %over = malloc(65537): kept (TooLarge): size 65537 is over the limit of 65536 bytes (-goescape-max-size)
; SMALL-LABEL: goescape: function 'size_limit': 2 sites, 0 promoted
define void @size_limit() {
  %at = call ptr @malloc(i64 65536)
  %over = call ptr @malloc(i64 65537)
  call void @free(ptr %at)
  call void @free(ptr %over)
  ret void
}

; SMALL-LABEL: goescape: function 'small_limit': 2 sites, 1 promoted
; SMALL-NEXT: %a = malloc(16): promoted
; SMALL-NEXT: %b = malloc(17): kept (TooLarge): size 17 is over the limit of 16 bytes
; CHECK-LABEL: goescape: function 'small_limit': 2 sites, 2 promoted
define void @small_limit() {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 17)
  ret void
}

; CHECK-LABEL: goescape: function 'non_constant_size': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(?): kept (NonConstantSize): size is not a compile-time constant
define void @non_constant_size(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'zero_size': 1 site, 0 promoted
; CHECK-NEXT: kept (ZeroSize)
define void @zero_size() {
  %p = call ptr @malloc(i64 0)
  ret void
}

; CHECK-LABEL: goescape: function 'calloc_size': 2 sites, 1 promoted
; CHECK-NEXT: %p = calloc(40): promoted
; CHECK-NEXT: %q = calloc(?): kept (NonConstantSize)
define void @calloc_size(i64 %n) {
  %p = call ptr @calloc(i64 10, i64 4)
  %q = call ptr @calloc(i64 %n, i64 4)
  ret void
}

; CHECK-LABEL: goescape: function 'aligned': 3 sites, 1 promoted
; CHECK-NEXT: %a = aligned_alloc(256): promoted (align 64)
; CHECK-NEXT: %b = aligned_alloc(256): kept (BadAlignment)
; CHECK-NEXT: %c = aligned_alloc(256): kept (BadAlignment)
define void @aligned(i64 %al) {
  %a = call ptr @aligned_alloc(i64 64, i64 256)
  %b = call ptr @aligned_alloc(i64 %al, i64 256)
  %c = call ptr @aligned_alloc(i64 48, i64 256)
  ret void
}

; A free that may get either object keeps both on the heap.
; CHECK-LABEL: goescape: function 'ambiguous_free': 2 sites, 0 promoted
; CHECK-NEXT: %a = malloc(16): kept (AmbiguousFree): freed by a 'free' call that may also free another object
; CHECK-NEXT: %b = malloc(16): kept (AmbiguousFree)
define void @ambiguous_free(i1 %c) {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  %p = select i1 %c, ptr %a, ptr %b
  call void @free(ptr %p)
  ret void
}

; Each object freed on its own path: both promoted.
; CHECK-LABEL: goescape: function 'separate_frees': 2 sites, 2 promoted
; CHECK-NEXT: %a = malloc(16): promoted (align 16, 1 free removed)
; CHECK-NEXT: %b = malloc(16): promoted (align 16, 1 free removed)
define void @separate_frees(i1 %c) {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  br i1 %c, label %l, label %r
l:
  call void @free(ptr %a)
  br label %done
r:
  call void @free(ptr %b)
  br label %done
done:
  ret void
}

; A free that may get one of our objects or a parameter's.
; CHECK-LABEL: goescape: function 'free_mixed_with_param': 1 site, 0 promoted
; CHECK-NEXT: kept (AmbiguousFree)
define void @free_mixed_with_param(i1 %c, ptr %other) {
  %a = call ptr @malloc(i64 16)
  %p = select i1 %c, ptr %a, ptr %other
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'free_mismatch': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (FreeMismatch): freed by 'operator delete(void*)', which belongs to another allocation family
define void @free_mismatch() {
  %p = call ptr @malloc(i64 16)
  call void @_ZdlPv(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'new_delete': 1 site, 1 promoted
; CHECK-NEXT: %p = new(16): promoted (align 16, 1 free removed)
define void @new_delete() {
  %p = call ptr @_Znwm(i64 16)
  call void @_ZdlPv(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'calls_setjmp': 1 site, 0 promoted
; CHECK-NEXT: kept (ReturnsTwice): 'calls_setjmp' calls a function that returns twice
define void @calls_setjmp(ptr %env) {
  %p = call ptr @malloc(i64 16)
  %r = call i32 @setjmp(ptr %env)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'has_musttail': 1 site, 0 promoted
; CHECK-NEXT: kept (MustTail)
define i8 @has_musttail(i8 %x) {
  %p = call ptr @malloc(i64 16)
  store i8 %x, ptr %p
  %r = musttail call i8 @has_musttail(i8 %x)
  ret i8 %r
}

; A scratch buffer per iteration: one slot serves every iteration.
; CHECK-LABEL: goescape: function 'loop_scratch': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(1024): promoted (align 16, 1 free removed)
define void @loop_scratch(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %p = call ptr @malloc(i64 1024)
  store i8 1, ptr %p
  %v = load i8, ptr %p
  call void @sink(i8 %v)
  call void @free(ptr %p)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; Never freed is fine too: the next iteration may reuse the slot.
; CHECK-LABEL: goescape: function 'loop_leak': 1 site, 1 promoted
define void @loop_leak(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %p = call ptr @malloc(i64 1024)
  store i8 1, ptr %p
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A linked list built in a loop: each node is live in the next iteration.
; CHECK-LABEL: goescape: function 'loop_list': 1 site, 0 promoted
; CHECK-NEXT: %node = malloc(16): kept (LoopCarried): may still be live when its loop allocates again
define i8 @loop_list(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %head = phi ptr [ null, %entry ], [ %node, %loop ]
  %node = call ptr @malloc(i64 16)
  store ptr %head, ptr %node
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  %payload = getelementptr i8, ptr %node, i64 8
  %v = load i8, ptr %payload
  ret i8 %v
}

; Carried in memory: stored into a variable that outlives the iteration.
; CHECK-LABEL: goescape: function 'loop_carried_in_memory': 1 site, 0 promoted
; CHECK-NEXT: kept (LoopCarried)
define i8 @loop_carried_in_memory(i32 %n) {
entry:
  %keep = alloca ptr
  store ptr null, ptr %keep
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %old = load ptr, ptr %keep
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %keep
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  %v = load ptr, ptr %keep
  %b = load i8, ptr %v
  ret i8 %b
}

; Carried in memory of an object allocated before the loop.
; CHECK-LABEL: goescape: function 'loop_carried_in_outer_object': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(8): promoted
; CHECK-NEXT: %p = malloc(16): kept (LoopCarried)
define void @loop_carried_in_outer_object(i32 %n) {
entry:
  %box = call ptr @malloc(i64 8)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; A box and its buffer, both made in each iteration: both promoted.
; CHECK-LABEL: goescape: function 'loop_box_per_iteration': 2 sites, 2 promoted
define void @loop_box_per_iteration(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %box = call ptr @malloc(i64 8)
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %box
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret void
}

; Carried around the outer loop only.
; CHECK-LABEL: goescape: function 'outer_loop_carried': 1 site, 0 promoted
; CHECK-NEXT: kept (LoopCarried)
define void @outer_loop_carried(i32 %n) {
entry:
  br label %outer
outer:
  %prev = phi ptr [ null, %entry ], [ %p, %inner.exit ]
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %j1, %inner ]
  %j1 = add i32 %j, 1
  %cj = icmp slt i32 %j1, %n
  br i1 %cj, label %inner, label %inner.exit
inner.exit:
  %p = call ptr @malloc(i64 16)
  store ptr %prev, ptr %p
  %c = icmp slt i32 %j1, 100
  br i1 %c, label %outer, label %exit
exit:
  ret void
}

; An irreducible cycle: no natural loop to reason about.
; CHECK-LABEL: goescape: function 'irreducible': 1 site, 0 promoted
; CHECK-NEXT: kept (IrreducibleLoop)
define void @irreducible(i1 %c, i32 %n) {
entry:
  br i1 %c, label %a, label %b
a:
  %p = call ptr @malloc(i64 16)
  store i8 0, ptr %p
  br label %b
b:
  %k = icmp slt i32 %n, 5
  br i1 %k, label %a, label %exit
exit:
  ret void
}
