; Growth that starts on the stack (issue 13 item 3, Go 1.26's append in C):
; an object that does not escape and is grown by the C library's realloc in
; its own function starts in a slot of at least -goescape-small-buffer bytes
; (64 by default; its own size if larger). A realloc of the slot that still
; fits stays in place; one that asks for more allocates on the heap and
; copies the slot there; realloc(slot, 0) frees it and returns NULL, as
; glibc's does; a realloc of what is not the slot is the real realloc. The
; realloc'ed pointers are the same object for the analysis, and every free
; of it frees only what is not the slot.
;
; What stays on the heap: a realloc that may get another object too, or a
; pointer into the middle, or an object of another kind (aligned_alloc,
; operator new); realloc's result escaping; a realloc in another function
; (summaries.ll's call_grow).
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -goescape-small-buffer=0 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=K0
; RUN: %opt -passes=goescape -S %s | FileCheck %s --check-prefix=IR
; RUN: %opt -passes=goescape,verify -disable-output %s
; RUN: %opt -goescape-small-buffer=0 -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @calloc(i64, i64) allockind("alloc,zeroed") allocsize(0,1) "alloc-family"="malloc"
declare noalias ptr @aligned_alloc(i64 allocalign, i64) allockind("alloc,uninitialized,aligned") allocsize(1) "alloc-family"="malloc"
declare noalias ptr @realloc(ptr allocptr captures(none), i64) allockind("realloc") allocsize(1) "alloc-family"="malloc"
declare noalias ptr @reallocarray(ptr allocptr captures(none), i64, i64) allockind("realloc") allocsize(1,2) "alloc-family"="malloc"
declare noalias ptr @strdup(ptr readonly captures(none)) nofree allockind("alloc,uninitialized") "alloc-family"="malloc"
declare noalias ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree
declare i1 @more() nocallback

@g = global ptr null

; A constant start: the slot is the small buffer, since it is larger.
; CHECK-LABEL: goescape: function 'grow_once': 1 site, 1 promoted
; CHECK-NEXT:  %p = malloc(16): promoted (align 16, 64-byte slot, heap once realloc outgrows it (1 realloc), 1 free only for the heap)
; K0-LABEL:    goescape: function 'grow_once': 1 site, 1 promoted
; K0-NEXT:     %p = malloc(16): promoted (align 16, 16-byte slot, heap once realloc outgrows it (1 realloc), 1 free only for the heap)
; IR-LABEL: define void @grow_once(
; IR-NEXT:    %p = alloca [64 x i8], align 16
; IR-NEXT:    call void @llvm.lifetime.start.p0(ptr %p)
; IR-NEXT:    call void @use(ptr %p)
; IR-NEXT:    %[[SLOT:.*]] = icmp eq ptr %p, %p
; IR-NEXT:    br i1 %[[SLOT]], label %[[FROM:.*]], label %[[HEAP:.*]]
; IR:       [[FROM]]:
; IR-NEXT:    %[[FITS:.*]] = icmp ule i64 %n, 64
; IR-NEXT:    %[[NZ:.*]] = icmp ne i64 %n, 0
; IR-NEXT:    %[[STAY:.*]] = and i1 %[[FITS]], %[[NZ]]
; IR-NEXT:    br i1 %[[STAY]], label %[[JOIN:.*]], label %[[MOVE:.*]]
; IR:       [[MOVE]]:
; IR-NEXT:    %[[Z:.*]] = icmp eq i64 %n, 0
; IR-NEXT:    br i1 %[[Z]], label %[[JOIN]], label %[[ALLOC:.*]]
; IR:       [[ALLOC]]:
; IR-NEXT:    %[[H:.*]] = call ptr @goescape.malloc(i64 %n)
; IR-NEXT:    %[[OK:.*]] = icmp ne ptr %[[H]], null
; IR-NEXT:    br i1 %[[OK]], label %[[COPY:.*]], label %[[JOIN]]
; IR:       [[COPY]]:
; IR-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 1 %[[H]], ptr align 16 %p, i64 64, i1 false)
; IR-NEXT:    br label %[[JOIN]]
; IR:       [[HEAP]]:
; IR-NEXT:    %[[R:.*]] = call ptr @realloc(ptr %p, i64 %n)
; IR-NEXT:    br label %[[JOIN]]
; IR:       [[JOIN]]:
; IR-NEXT:    %q = phi ptr [ %p, %[[FROM]] ], [ null, %[[MOVE]] ], [ null, %[[ALLOC]] ], [ %[[H]], %[[COPY]] ], [ %[[R]], %[[HEAP]] ]
; IR-NEXT:    call void @use(ptr %q)
; IR-NEXT:    %[[S:.*]] = icmp eq ptr %q, %p
; IR-NEXT:    %[[NS:.*]] = xor i1 %[[S]], true
; IR-NEXT:    br i1 %[[NS]], label %[[FREE:.*]], label
; IR:       [[FREE]]:
; IR-NEXT:    call void @free(ptr %q)
define void @grow_once(i64 noundef %n) {
  %p = call ptr @malloc(i64 16)
  call void @use(ptr %p)
  %q = call ptr @realloc(ptr %p, i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}

; A dynamic array: cap doubles in a loop; the array is carried around the
; loop by its phi, which is the site's own object, allocated before it.
; CHECK-LABEL: goescape: function 'dynarray': 1 site, 1 promoted
; CHECK-NEXT:  %a = malloc(16): promoted (align 16, 64-byte slot, heap once realloc outgrows it (1 realloc), 2 frees only for the heap)
; IR-LABEL: define i32 @dynarray(
; IR:         call ptr @realloc(ptr %arr,
; IR:         call void @free(ptr %arr)
define i32 @dynarray(i64 noundef %n) {
entry:
  %a = call ptr @malloc(i64 16)
  %null = icmp eq ptr %a, null
  br i1 %null, label %fail, label %loop
loop:
  %arr = phi ptr [ %a, %entry ], [ %arr.next, %latch ]
  %cap = phi i64 [ 4, %entry ], [ %cap.next, %latch ]
  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]
  %full = icmp eq i64 %i, %cap
  br i1 %full, label %grow, label %push
grow:
  %cap2 = shl i64 %cap, 1
  %bytes = shl i64 %cap2, 2
  %b = call ptr @realloc(ptr %arr, i64 %bytes)
  %bnull = icmp eq ptr %b, null
  br i1 %bnull, label %oom, label %push
push:
  %arr.cur = phi ptr [ %arr, %loop ], [ %b, %grow ]
  %cap.next = phi i64 [ %cap, %loop ], [ %cap2, %grow ]
  %slot = getelementptr i32, ptr %arr.cur, i64 %i
  %iv = trunc i64 %i to i32
  store i32 %iv, ptr %slot
  br label %latch
latch:
  %arr.next = phi ptr [ %arr.cur, %push ]
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  %first = load i32, ptr %arr.next
  call void @free(ptr %arr.next)
  ret i32 %first
oom:
  call void @free(ptr %arr)
  ret i32 -1
fail:
  ret i32 -2
}

; A run-time start: the small buffer when the first size fits, and growth
; from there.
; CHECK-LABEL: goescape: function 'grow_runtime': 1 site, 1 promoted
; CHECK-NEXT:  %p = malloc(?): promoted (align 16, 64-byte slot when it fits, heap otherwise or once realloc outgrows it (2 reallocs), 2 frees only for the heap)
; K0-LABEL:    goescape: function 'grow_runtime': 1 site, 0 promoted
; K0-NEXT:     %p = malloc(?): kept (NonConstantSize)
define void @grow_runtime(i64 noundef %n, i64 noundef %m) {
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  %q = call ptr @realloc(ptr %p, i64 %m)
  %fail = icmp eq ptr %q, null
  br i1 %fail, label %oom, label %ok
ok:
  %r = call ptr @realloc(ptr %q, i64 %n)
  call void @use(ptr %r)
  call void @free(ptr %r)
  ret void
oom:
  call void @free(ptr %p)
  ret void
}

; A string builder: strdup, then longer.
; CHECK-LABEL: goescape: function 'builder': 1 site, 1 promoted
; CHECK-NEXT:  %s = strdup(?): promoted (align 16, 64-byte slot when it fits, heap otherwise or once realloc outgrows it (1 realloc), 1 free only for the heap)
; CHECK-NEXT:  leaking param content: init
define void @builder(ptr %init, i64 noundef %len) {
  %s = call ptr @strdup(ptr %init)
  %t = call ptr @realloc(ptr %s, i64 %len)
  call void @use(ptr %t)
  call void @free(ptr %t)
  ret void
}

; calloc: the whole slot is zeroed (more than asked: realloc's new bytes
; are indeterminate anyway).
; CHECK-LABEL: goescape: function 'zeroed': 1 site, 1 promoted
; CHECK-NEXT:  %p = calloc(32): promoted (align 16, 64-byte slot, heap once realloc outgrows it (1 realloc), 1 free only for the heap)
; IR-LABEL: define void @zeroed(
; IR:         call void @llvm.memset.p0.i64(ptr align 16 %p, i8 0, i64 64, i1 false)
define void @zeroed(i64 noundef %n) {
  %p = call ptr @calloc(i64 4, i64 8)
  %q = call ptr @realloc(ptr %p, i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}

; Inside a loop, allocated, grown and freed in each iteration: the slot is
; reused, as for any site whose object dies before its site runs again.
; CHECK-LABEL: goescape: function 'per_iteration': 1 site, 1 promoted
; CHECK-NEXT:  %p = malloc(8): promoted (align 16, 64-byte slot, heap once realloc outgrows it (1 realloc), 1 free only for the heap)
define void @per_iteration(i64 noundef %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %p = call ptr @malloc(i64 8)
  %q = call ptr @realloc(ptr %p, i64 %i)
  call void @use(ptr %q)
  call void @free(ptr %q)
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

; Carried into the next iteration through the realloc'ed pointer: kept.
; CHECK-LABEL: goescape: function 'carried': 1 site, 0 promoted
; CHECK-NEXT:  %p = malloc(8): kept (LoopCarried)
define void @carried(i64 noundef %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %prev = phi ptr [ null, %entry ], [ %q, %loop ]
  call void @use(ptr %prev)
  %p = call ptr @malloc(i64 8)
  %q = call ptr @realloc(ptr %p, i64 %i)
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, %n
  br i1 %done, label %exit, label %loop
exit:
  call void @free(ptr %q)
  ret void
}

; A realloc that may get either of two objects: both stay on the heap.
; CHECK-LABEL: goescape: function 'ambiguous': 2 sites, 0 promoted
; CHECK-NEXT:  %a = malloc(16): kept (AmbiguousRealloc): passed to 'realloc' through a pointer that may be another object or not its start
; CHECK-NEXT:  %b = malloc(16): kept (AmbiguousRealloc): passed to 'realloc' through a pointer that may be another object or not its start
define void @ambiguous(i1 %c, i64 noundef %n) {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  %p = select i1 %c, ptr %a, ptr %b
  %q = call ptr @realloc(ptr %p, i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}

; A realloc of a pointer that may be the object or the heap's: kept.
; CHECK-LABEL: goescape: function 'or_heap': 1 site, 0 promoted
; CHECK-NEXT:  %a = malloc(16): kept (AmbiguousRealloc): passed to 'realloc' through a pointer that may be another object or not its start
define void @or_heap(i1 %c, ptr %h, i64 noundef %n) {
  %a = call ptr @malloc(i64 16)
  %p = select i1 %c, ptr %a, ptr %h
  %q = call ptr @realloc(ptr %p, i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}

; A pointer into the middle is not the slot: kept.
; CHECK-LABEL: goescape: function 'interior': 1 site, 0 promoted
; CHECK-NEXT:  %a = malloc(16): kept (AmbiguousRealloc): passed to 'realloc' through a pointer that may be another object or not its start
define void @interior(i64 noundef %n) {
  %a = call ptr @malloc(i64 16)
  %mid = getelementptr i8, ptr %a, i64 8
  %q = call ptr @realloc(ptr %mid, i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}

; The grown object escapes: it says where.
; CHECK-LABEL: goescape: function 'escapes': 1 site, 0 promoted
; CHECK-NEXT:  %a = malloc(16): kept (EscapesToGlobal)
define void @escapes(i64 noundef %n) {
  %a = call ptr @malloc(i64 16)
  %q = call ptr @realloc(ptr %a, i64 %n)
  store ptr %q, ptr @g
  ret void
}

; Returned on one path only: still returned.
; CHECK-LABEL: goescape: function 'returned_sometimes': 1 site, 0 promoted
; CHECK-NEXT:  %a = malloc(16): kept (EscapesByReturn)
define ptr @returned_sometimes(i1 %c, i64 noundef %n) {
  %a = call ptr @malloc(i64 16)
  %q = call ptr @realloc(ptr %a, i64 %n)
  br i1 %c, label %keep, label %drop
keep:
  ret ptr %q
drop:
  call void @free(ptr %q)
  ret ptr null
}

; Other kinds of object: aligned_alloc's alignment, operator new's family.
; CHECK-LABEL: goescape: function 'other_kinds': 2 sites, 0 promoted
; CHECK-NEXT:  %a = aligned_alloc(64): kept (Reallocated): reallocated by 'realloc'
; CHECK-NEXT:  %b = new(16): kept (Reallocated): reallocated by 'realloc'
define void @other_kinds(i64 noundef %n) {
  %a = call ptr @aligned_alloc(i64 64, i64 64)
  %q = call ptr @realloc(ptr %a, i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  %b = call ptr @_Znwm(i64 16)
  %r = call ptr @realloc(ptr %b, i64 %n)
  call void @use(ptr %r)
  call void @free(ptr %r)
  ret void
}

; reallocarray is not realloc: kept.
; CHECK-LABEL: goescape: function 'array': 1 site, 0 promoted
; CHECK-NEXT:  %a = malloc(16): kept (Reallocated): reallocated by 'reallocarray'
define void @array(i64 noundef %n) {
  %a = call ptr @malloc(i64 16)
  %q = call ptr @reallocarray(ptr %a, i64 %n, i64 4)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}

; realloc of null is malloc: a heap object, nothing to do with a site.
; CHECK-LABEL: goescape: function 'from_null': 1 site, 1 promoted
; CHECK-NEXT:  %a = malloc(16): promoted (align 16, 64-byte slot, heap once realloc outgrows it (1 realloc), 1 free only for the heap)
define void @from_null(i1 %c, i64 noundef %n) {
entry:
  br i1 %c, label %have, label %join
have:
  %a = call ptr @malloc(i64 16)
  br label %join
join:
  %p = phi ptr [ %a, %have ], [ null, %entry ]
  %q = call ptr @realloc(ptr %p, i64 %n)
  call void @use(ptr %q)
  call void @free(ptr %q)
  ret void
}

; The heap block comes from one module-private function, never inlined,
; that no pass takes for an allocator (realloc-growth-real-malloc.ll).
; IR-LABEL: define internal ptr @goescape.malloc(
; IR-SAME:    i64 %0) #[[HB:[0-9]+]] {
; IR-NEXT:    %malloc = call ptr @malloc(i64 %0)
; IR-NEXT:    ret ptr %malloc
; IR:       attributes #[[HB]] = { noinline nounwind }
