; Each escape rule of the intraprocedural analysis, one function per rule,
; with the verdict print<goescape> gives for the function's only site.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@tls = thread_local global ptr null

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare ptr @realloc(ptr allocptr, i64) allockind("realloc") allocsize(1) "alloc-family"="malloc"
declare void @keep(ptr) nocallback
declare void @reads(ptr captures(none)) nocallback nofree memory(argmem: read)
declare void @may_free(ptr captures(none)) nocallback
declare void @varargs(ptr, ...) nocallback
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

; CHECK-LABEL: goescape: function 'returned': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesByReturn): returned from 'returned'
define ptr @returned() {
  %p = call ptr @malloc(i64 16)
  ret ptr %p
}

; CHECK-LABEL: goescape: function 'returned_interior': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesByReturn)
define ptr @returned_interior() {
  %p = call ptr @malloc(i64 16)
  %q = getelementptr i8, ptr %p, i64 8
  ret ptr %q
}

; CHECK-LABEL: goescape: function 'stored_to_global': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesToGlobal): stored to global 'g'
define void @stored_to_global() {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr @g
  ret void
}

; CHECK-LABEL: goescape: function 'stored_to_tls': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToGlobal): stored to global 'tls'
define void @stored_to_tls() {
  %p = call ptr @malloc(i64 16)
  %t = call ptr @llvm.threadlocal.address.p0(ptr @tls)
  store ptr %p, ptr %t
  ret void
}

; CHECK-LABEL: goescape: function 'stored_through_param': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToUnknownMemory)
define void @stored_through_param(ptr %out) {
  %p = call ptr @malloc(i64 16)
  store ptr %p, ptr %out
  ret void
}

; The box escapes (stored to a global), so the buffer inside it does too.
; CHECK-LABEL: goescape: function 'stored_into_escaping': 2 sites, 0 promoted
; CHECK-NEXT: %box = malloc(16): kept (EscapesToGlobal)
; CHECK-NEXT: %buf = malloc(32): kept (EscapesViaContainer): stored into the object from malloc() 'box', which escapes
define void @stored_into_escaping() {
  %box = call ptr @malloc(i64 16)
  %buf = call ptr @malloc(i64 32)
  store ptr %buf, ptr %box
  store ptr %box, ptr @g
  ret void
}

; The same shape with a box that stays: both promoted.
; CHECK-LABEL: goescape: function 'stored_into_local': 2 sites, 2 promoted
; CHECK-NEXT: %box = malloc(16): promoted
; CHECK-NEXT: %buf = malloc(32): promoted
define i8 @stored_into_local() {
  %box = call ptr @malloc(i64 16)
  %buf = call ptr @malloc(i64 32)
  store ptr %buf, ptr %box
  %b = load ptr, ptr %box
  %c = load i8, ptr %b
  ret i8 %c
}

; A pointer loaded from the heap is not ours: storing through it escapes.
; CHECK-LABEL: goescape: function 'stored_through_loaded': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToUnknownMemory)
define void @stored_through_loaded() {
  %p = call ptr @malloc(i64 16)
  %q = load ptr, ptr @g
  store ptr %p, ptr %q
  ret void
}

; The whole address, returned as an integer (its low bits alone would not
; do: test/Analysis/ptrtoint-no-way-back.ll).
; CHECK-LABEL: goescape: function 'ptrtoint': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToInteger): converted to an integer
define i64 @ptrtoint() {
  %p = call ptr @malloc(i64 16)
  %i = ptrtoint ptr %p to i64
  %m = or i64 %i, 15
  ret i64 %m
}

; CHECK-LABEL: goescape: function 'inline_asm': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToInlineAsm)
define void @inline_asm() {
  %p = call ptr @malloc(i64 16)
  call void asm sideeffect "", "r"(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'volatile_store': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesByVolatileOrAtomic)
define void @volatile_store() {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  store volatile ptr %p, ptr %slot
  ret void
}

; CHECK-LABEL: goescape: function 'atomic_store': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesByVolatileOrAtomic)
define void @atomic_store() {
  %slot = alloca ptr
  %p = call ptr @malloc(i64 16)
  store atomic ptr %p, ptr %slot seq_cst, align 8
  ret void
}

; CHECK-LABEL: goescape: function 'vararg': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToVarArg): passed as a variadic argument to 'varargs'
define void @vararg() {
  %p = call ptr @malloc(i64 16)
  call void (ptr, ...) @varargs(ptr null, ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'indirect_call': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToIndirectCall)
define void @indirect_call(ptr %fn) {
  %p = call ptr @malloc(i64 16)
  call void %fn(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'external_keeps': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToCall): passed to 'keep', which may keep it
define void @external_keeps() {
  %p = call ptr @malloc(i64 16)
  call void @keep(ptr %p)
  ret void
}

; captures(none) alone is not enough: without nofree the callee may free it.
; CHECK-LABEL: goescape: function 'external_may_free': 1 site, 0 promoted
; CHECK-NEXT: kept (FreedByCall): passed to 'may_free', which may free it
define void @external_may_free() {
  %p = call ptr @malloc(i64 16)
  call void @may_free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'external_reads': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted (align 16, 1 free removed)
define void @external_reads() {
  %p = call ptr @malloc(i64 16)
  call void @reads(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A reader may still load the pointers the object holds and keep them.
; CHECK-LABEL: goescape: function 'content_reachable_from_call': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(16): promoted
; CHECK-NEXT: %buf = malloc(32): kept (EscapesViaCallArgument): reachable from an argument of 'reads'
define void @content_reachable_from_call() {
  %box = call ptr @malloc(i64 16)
  %buf = call ptr @malloc(i64 32)
  store ptr %buf, ptr %box
  call void @reads(ptr %box)
  ret void
}

; CHECK-LABEL: goescape: function 'pthread_create_arg': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToCall): passed to 'pthread_create'
define void @pthread_create_arg(ptr %tid, ptr %fn) {
  %p = call ptr @malloc(i64 16)
  %r = call i32 @pthread_create(ptr %tid, ptr null, ptr %fn, ptr %p)
  ret void
}

; Bytes copied into global memory carry the pointers in them.
; CHECK-LABEL: goescape: function 'memcpy_to_global': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(8): promoted
; CHECK-NEXT: %buf = malloc(32): kept (EscapesToGlobal): stored to global 'g'
define void @memcpy_to_global() {
  %box = call ptr @malloc(i64 8)
  %buf = call ptr @malloc(i64 32)
  store ptr %buf, ptr %box
  call void @llvm.memcpy.p0.p0.i64(ptr @g, ptr %box, i64 8, i1 false)
  ret void
}

; Reading a pointer's bytes as an integer exposes its address (LLVM's
; implicit ptrtoint), wherever the integer goes next.
; CHECK-LABEL: goescape: function 'pointer_copied_as_i64': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(8): promoted
; CHECK-NEXT: %buf = malloc(32): kept (EscapesToInteger)
define void @pointer_copied_as_i64() {
  %box = call ptr @malloc(i64 8)
  %buf = call ptr @malloc(i64 32)
  store ptr %buf, ptr %box
  %bits = load i64, ptr %box
  store i64 %bits, ptr @g
  ret void
}

; What realloc returns is the same object, grown (realloc-growth.ll): stored
; to a global, it escapes there.
; CHECK-LABEL: goescape: function 'reallocated': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToGlobal): stored to global 'g'
define ptr @reallocated() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @realloc(ptr %p, i64 32)
  store ptr %q, ptr @g
  ret ptr null
}

; CHECK-LABEL: goescape: function 'inttoptr_roundtrip': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToInteger)
define i8 @inttoptr_roundtrip() {
  %p = call ptr @malloc(i64 16)
  %i = ptrtoint ptr %p to i64
  %q = inttoptr i64 %i to ptr
  %v = load i8, ptr %q
  ret i8 %v
}

declare ptr @llvm.threadlocal.address.p0(ptr)

declare i32 @printf(ptr, ...)
declare i32 @__isoc99_sscanf(ptr, ptr, ...)
@vidx = global i32 0
@fmt = constant [3 x i8] c"%s\00"

; libc's printf reads its variadic arguments as bytes and keeps none.
; CHECK-LABEL: goescape: function 'printf_vararg': 1 site, 1 promoted
define void @printf_vararg() {
  %p = call ptr @malloc(i64 16)
  store i8 0, ptr %p
  %r = call i32 (ptr, ...) @printf(ptr @fmt, ptr %p)
  call void @free(ptr %p)
  ret void
}

; scanf("%p", box) may write a pointer we do not know into the box:
; storing through that pointer escapes.
; CHECK-LABEL: goescape: function 'scanf_writes_pointer': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(8): promoted
; CHECK-NEXT: %buf = malloc(16): kept (EscapesToUnknownMemory)
define void @scanf_writes_pointer(ptr %in) {
  %box = call ptr @malloc(i64 8)
  %buf = call ptr @malloc(i64 16)
  %r = call i32 (ptr, ptr, ...) @__isoc99_sscanf(ptr %in, ptr @fmt, ptr %box)
  %q = load ptr, ptr %box
  store ptr %buf, ptr %q
  ret void
}

; A GEP has its base's provenance only: an index loaded from a global does
; not make the address point into the heap.
; CHECK-LABEL: goescape: function 'gep_index_from_global': 2 sites, 2 promoted
define ptr @gep_index_from_global() {
  %box = call ptr @malloc(i64 32)
  %buf = call ptr @malloc(i64 16)
  %i = load volatile i32, ptr @vidx
  %slot = getelementptr ptr, ptr %box, i32 %i
  store ptr %buf, ptr %slot
  ret ptr null
}

declare ptr @strncpy(ptr returned, ptr captures(none) readonly, i64) nofree nounwind
@fmt_s2 = private constant [4 x i8] c"%s\0A\00"

; A node with an inline label and a pointer to another node: printing the
; label reads bytes from the label on, not the pointer before it.
; CHECK-LABEL: goescape: function 'printf_inline_label': 2 sites, 2 promoted
define void @printf_inline_label() {
  %node = call ptr @malloc(i64 32)
  %next = call ptr @malloc(i64 32)
  store ptr %next, ptr %node
  %label = getelementptr inbounds i8, ptr %node, i64 8
  store i8 0, ptr %label
  %r = call i32 (ptr, ...) @printf(ptr @fmt_s2, ptr %label)
  call void @free(ptr %next)
  call void @free(ptr %node)
  ret void
}
; ... but printing from the start of the node reads the pointer's bytes.
; CHECK-LABEL: goescape: function 'printf_whole_node': 2 sites, 1 promoted
; CHECK-NEXT: %node = malloc(32): promoted
; CHECK-NEXT: %next = malloc(32): kept (EscapesViaCallArgument)
define void @printf_whole_node() {
  %node = call ptr @malloc(i64 32)
  %next = call ptr @malloc(i64 32)
  store ptr %next, ptr %node
  %r = call i32 (ptr, ...) @printf(ptr @fmt_s2, ptr %node)
  ret void
}

; The C library's 'returned' destination is captured only through the
; result: strncpy into a local buffer keeps it local.
; CHECK-LABEL: goescape: function 'strncpy_into_local': 1 site, 1 promoted
define i8 @strncpy_into_local(ptr %src) {
  %buf = call ptr @malloc(i64 32)
  %r = call ptr @strncpy(ptr %buf, ptr %src, i64 31)
  %v = load i8, ptr %r
  call void @free(ptr %buf)
  ret i8 %v
}
; ... and returning strncpy's result returns the buffer.
; CHECK-LABEL: goescape: function 'strncpy_returned': 1 site, 0 promoted
; CHECK-NEXT: %buf = malloc(32): kept (EscapesByReturn)
define ptr @strncpy_returned(ptr %src) {
  %buf = call ptr @malloc(i64 32)
  %r = call ptr @strncpy(ptr %buf, ptr %src, i64 31)
  ret ptr %r
}
