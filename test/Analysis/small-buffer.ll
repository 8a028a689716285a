; A size known only at run time with no bound: a slot of
; -goescape-small-buffer bytes (64 by default) when the size fits, the real
; allocation otherwise; every free of the object frees only what is not the
; slot. strdup and strndup measure their string first. What is not a plain
; call or invoke of a C library allocator whose size the allocsize attribute
; names (or strdup, strndup) stays on the heap: a wrapper call.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -goescape-small-buffer=32 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=K32
; RUN: %opt -passes=goescape -S %s | FileCheck %s --check-prefix=IR
; RUN: %opt -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @calloc(i64, i64) allockind("alloc,zeroed") allocsize(0,1) "alloc-family"="malloc"
declare noalias ptr @aligned_alloc(i64 allocalign, i64) allockind("alloc,uninitialized,aligned") allocsize(1) "alloc-family"="malloc"
declare noalias ptr @strdup(ptr readonly captures(none)) nofree allockind("alloc,uninitialized") "alloc-family"="malloc"
declare noalias ptr @strndup(ptr readonly captures(none), i64) nofree allockind("alloc,uninitialized") "alloc-family"="malloc"
declare noalias ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") "alloc-family"="_Znwm"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: goescape: function 'scratch': 1 site, 1 promoted
; CHECK-NEXT:  %p = malloc(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; K32-LABEL:   goescape: function 'scratch'
; K32-NEXT:    %p = malloc(?): promoted (align 16, 32-byte slot when it fits, heap otherwise, 1 free only for the heap)
; The null check stays: the heap path may fail.
; IR-LABEL: define void @scratch(
; IR-NEXT:    %p.stack = alloca [64 x i8], align 16
; IR-NEXT:    %1 = icmp ule i64 %n, 64
; IR-NEXT:    br i1 %1, label %[[STACK:.*]], label %[[HEAP:.*]]
; IR:       [[STACK]]:
; IR-NEXT:    call void @llvm.lifetime.start.p0(ptr %p.stack)
; IR-NEXT:    br label %[[JOIN:.*]]
; IR:       [[HEAP]]:
; IR-NEXT:    %[[H:.*]] = call ptr @malloc(i64 %n)
; IR-NEXT:    br label %[[JOIN]]
; IR:       [[JOIN]]:
; IR-NEXT:    %p = phi ptr [ %p.stack, %[[STACK]] ], [ %[[H]], %[[HEAP]] ]
; IR-NEXT:    %z = icmp eq ptr %p, null
; The slot's life ends at the free on both paths (on the heap path it
; never began), so that slots freed one after another may share stack.
; IR:         call void @use(ptr %p)
; IR-NEXT:    call void @llvm.lifetime.end.p0(ptr %p.stack)
; IR-NEXT:    %[[S:.*]] = icmp eq ptr %p, %p.stack
; IR-NEXT:    %[[NS0:.*]] = xor i1 %[[S]], true
; IR-NEXT:    br i1 %[[NS0]], label %[[FREE:.*]], label
; IR:       [[FREE]]:
; IR-NEXT:    call void @free(ptr %p)
define void @scratch(i64 noundef %n) {
  %p = call ptr @malloc(i64 %n)
  %z = icmp eq ptr %p, null
  br i1 %z, label %fail, label %ok
ok:
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
fail:
  ret void
}

; calloc: n * m must fit without overflow; the slot is zeroed.
; CHECK-LABEL: goescape: function 'zeroed': 1 site, 1 promoted
; IR-LABEL: define void @zeroed(
; IR:         %[[M:.*]] = call { i64, i1 } @llvm.umul.with.overflow.i64(i64 %n, i64 %m)
; IR:         call void @llvm.memset.p0.i64(ptr align 16 %p.stack, i8 0, i64 64, i1 false)
; IR:         call ptr @calloc(i64 %n, i64 %m)
define void @zeroed(i64 noundef %n, i64 noundef %m) {
  %p = call ptr @calloc(i64 %n, i64 %m)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; The alignment asked for.
; CHECK-LABEL: goescape: function 'aligned': 1 site, 1 promoted
; CHECK-NEXT:  %p = aligned_alloc(?): promoted (align 64, 64-byte slot
; IR-LABEL: define void @aligned(
; IR-NEXT:    %p.stack = alloca [64 x i8], align 64
define void @aligned(i64 noundef %n) {
  %p = call ptr @aligned_alloc(i64 64, i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; Freed through a pointer loaded back from memory: still only the heap's.
; CHECK-LABEL: goescape: function 'freed_through_memory': 1 site, 1 promoted
; IR-LABEL: define void @freed_through_memory(
; IR:         %q = load ptr, ptr %box
; IR-NEXT:    %[[S2:.*]] = icmp eq ptr %q, %p.stack
; IR-NEXT:    %[[NS:.*]] = xor i1 %[[S2]], true
; IR-NEXT:    br i1 %[[NS]], label %[[F2:.*]], label
; IR:       [[F2]]:
; IR-NEXT:    call void @free(ptr %q)
define void @freed_through_memory(i64 noundef %n) {
  %box = alloca ptr
  %p = call ptr @malloc(i64 %n)
  store ptr %p, ptr %box
  call void @use(ptr %p)
  %q = load ptr, ptr %box
  call void @free(ptr %q)
  ret void
}

; The heap object escapes: kept, and it says why, not its size.
; CHECK-LABEL: goescape: function 'escapes': 1 site, 0 promoted
; CHECK-NEXT:  %p = malloc(?): kept (EscapesByReturn)
define ptr @escapes(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; strdup: the string is measured first; strlen(s) + 1 <= 64 copies it, NUL
; and all, into the slot.
; CHECK-LABEL: goescape: function 'dup': 1 site, 1 promoted
; CHECK-NEXT:  %p = strdup(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; IR-LABEL: define void @dup(
; IR-NEXT:    %p.stack = alloca [64 x i8], align 16
; IR-NEXT:    %strlen = call i64 @strlen(ptr %s)
; IR-NEXT:    %[[F:.*]] = icmp ult i64 %strlen, 64
; IR-NEXT:    br i1 %[[F]], label %[[DS:.*]], label %[[DH:.*]]
; IR:       [[DS]]:
; IR-NEXT:    call void @llvm.lifetime.start.p0(ptr %p.stack)
; IR-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 16 %p.stack, ptr align 1 %s, i64 %strlen, i1 false)
; IR-NEXT:    %[[END:.*]] = getelementptr i8, ptr %p.stack, i64 %strlen
; IR-NEXT:    store i8 0, ptr %[[END]], align 1
; IR:       [[DH]]:
; IR-NEXT:    call ptr @strdup(ptr %s)
define void @dup(ptr %s) {
  %p = call ptr @strdup(ptr %s)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; strndup(s, n) copies at most n bytes: strnlen(s, n) + 1 <= 64 copies
; that much, and a NUL, into the slot; the heap path is strndup itself.
; CHECK-LABEL: goescape: function 'ndup': 1 site, 1 promoted
; CHECK-NEXT:  %p = strndup(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; CHECK-NEXT:  leaking param content: s
; IR-LABEL: define void @ndup(
; IR-NEXT:    %p.stack = alloca [64 x i8], align 16
; IR-NEXT:    %strnlen = call i64 @strnlen(ptr %s, i64 %n)
; IR-NEXT:    %[[NF:.*]] = icmp ult i64 %strnlen, 64
; IR-NEXT:    br i1 %[[NF]], label %[[NS:.*]], label %[[NH:.*]]
; IR:       [[NS]]:
; IR-NEXT:    call void @llvm.lifetime.start.p0(ptr %p.stack)
; IR-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr align 16 %p.stack, ptr align 1 %s, i64 %strnlen, i1 false)
; IR-NEXT:    %[[NEND:.*]] = getelementptr i8, ptr %p.stack, i64 %strnlen
; IR-NEXT:    store i8 0, ptr %[[NEND]], align 1
; IR:       [[NH]]:
; IR-NEXT:    call ptr @strndup(ptr %s, i64 %n)
define void @ndup(ptr %s, i64 %n) {
  %p = call ptr @strndup(ptr %s, i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; An invoked new of run-time size gets one too: the invoke, and so the
; landing pad, stays on the heap path (Transforms/small-buffer-invoke.ll).
; CHECK-LABEL: goescape: function 'invoked': 1 site, 1 promoted
; CHECK-NEXT:  %p = new(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; IR-LABEL: define void @invoked(
; IR:         invoke ptr @_Znwm(i64 %n.fr)
; IR-NEXT:            to label %{{.*}} unwind label %lpad
define void @invoked(i64 %n) personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znwm(i64 %n) to label %cont unwind label %lpad
cont:
  call void @use(ptr %p)
  call void @_ZdlPv(ptr %p)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; A called new of run-time size gets one, and its delete goes the same way.
; CHECK-LABEL: goescape: function 'called_new': 1 site, 1 promoted
; IR-LABEL: define void @called_new(
; IR:         call ptr @_Znwm(i64 %n)
; IR:         call void @_ZdlPv(ptr %p)
define void @called_new(i64 noundef %n) {
  %p = call ptr @_Znwm(i64 %n)
  call void @use(ptr %p)
  call void @_ZdlPv(ptr %p)
  ret void
}

; A size that may be poison is frozen before the test, and the call gets
; the frozen value: the test and the allocation see the same size.
; CHECK-LABEL: goescape: function 'maybe_poison': 1 site, 1 promoted
; IR-LABEL: define void @maybe_poison(
; IR:         %n.fr = freeze i64 %n
; IR-NEXT:    icmp ule i64 %n.fr, 64
; IR:         call ptr @malloc(i64 %n.fr)
define void @maybe_poison(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; In a loop, one slot for every iteration: the object dies each time.
; CHECK-LABEL: goescape: function 'per_iteration': 1 site, 1 promoted
define void @per_iteration(i64 %n, i64 %k) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %sz = add i64 %n, %i
  %p = call ptr @malloc(i64 %sz)
  call void @use(ptr %p)
  call void @free(ptr %p)
  %i1 = add i64 %i, 1
  %c = icmp ult i64 %i1, %k
  br i1 %c, label %loop, label %done
done:
  ret void
}

; posix_memalign(&p, 64, n) with a constant alignment: the slot, 64-aligned,
; goes through the out-parameter and the call's result is 0 on its path;
; the heap path is posix_memalign itself, its result (ENOMEM) kept.
declare i32 @posix_memalign(ptr, i64, i64)
; CHECK-LABEL: goescape: function 'aligned_out': 1 site, 1 promoted
; CHECK-NEXT:  posix_memalign(?): promoted (align 64, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; IR-LABEL: define i32 @aligned_out(
; IR:         %[[PF:.*]] = icmp ule i64 %n, 64
; IR-NEXT:    br i1 %[[PF]], label %[[PS:.*]], label %[[PH:.*]]
; IR:       [[PS]]:
; IR-NEXT:    call void @llvm.lifetime.start.p0(ptr %[[SLOT:.*]])
; IR-NEXT:    store ptr %[[SLOT]], ptr %out
; IR:       [[PH]]:
; IR-NEXT:    %[[R:.*]] = call i32 @posix_memalign(ptr %out, i64 64, i64 %n)
; IR:         %r = phi i32 [ 0, %[[PS]] ], [ %[[R]], %[[PH]] ]
define i32 @aligned_out(i64 noundef %n) {
  %out = alloca ptr
  %r = call i32 @posix_memalign(ptr %out, i64 64, i64 %n)
  %bad = icmp ne i32 %r, 0
  br i1 %bad, label %fail, label %ok
ok:
  %p = load ptr, ptr %out
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret i32 0
fail:
  ret i32 %r
}
