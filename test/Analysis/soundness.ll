; Regression tests for miscompiles found by review: each function is a shape
; that used to be promoted although its object outlives the frame, is freed
; conditionally, or needs what the stack cannot give. Beside them, the
; nearest shapes that must stay promotable.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@gi = global i64 0
@gbuf = global [64 x i8] zeroinitializer
@fmt_p = private constant [3 x i8] c"%p\00"
@fmt_s = private constant [3 x i8] c"%s\00"
@fmt_d = private constant [3 x i8] c"%d\00"
@ann = private constant [4 x i8] c"tag\00"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @calloc(i64, i64) allockind("alloc,zeroed") allocsize(0,1) "alloc-family"="malloc"
declare noalias ptr @valloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare i32 @posix_memalign(ptr, i64, i64)
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias ptr @strdup(ptr captures(none)) nofree
declare i32 @sprintf(ptr, ptr, ...)
declare i32 @printf(ptr, ...)
declare void @qsort(ptr, i64, i64, ptr)
declare ptr @get_state() memory(none)
declare ptr @llvm.ptr.annotation.p0.p0(ptr, ptr, ptr, i32, ptr)
declare noalias ptr @arena_alloc(ptr, i64) allockind("alloc,uninitialized") allocsize(1) "alloc-family"="arena"
declare void @pool_free(ptr, ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @sink32(i32, i32)
declare void @use(ptr captures(none)) nofree

; 1. A free that happens only on some paths is not a free wrapper.
; CHECK-LABEL: goescape: function 'release_if': 0 sites, 0 promoted
; CHECK-NEXT: frees param: p
define void @release_if(ptr %p, i1 %owned) {
  br i1 %owned, label %do, label %done
do:
  call void @free(ptr %p)
  br label %done
done:
  ret void
}
; CHECK-LABEL: goescape: function 'release_unless': 0 sites, 0 promoted
; CHECK-NEXT: frees param: p
define void @release_unless(ptr %p, i1 %keep) {
  br i1 %keep, label %out, label %do
out:
  ret void
do:
  call void @free(ptr %p)
  ret void
}
; CHECK-LABEL: goescape: function 'call_release_if': 1 site, 0 promoted
; CHECK-NEXT: kept (FreedByCall): passed to 'release_if', which may free it
define i8 @call_release_if(i1 %c) {
  %a = call ptr @malloc(i64 64)
  call void @release_if(ptr %a, i1 %c)
  %v = load i8, ptr %a
  ret i8 %v
}

; 2. A call that touches no memory may still return a pointer to anywhere.
; CHECK-LABEL: goescape: function 'store_through_pure_result': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToUnknownMemory)
define void @store_through_pure_result() {
  %x = call ptr @malloc(i64 16)
  %s = call ptr @get_state()
  store ptr %x, ptr %s
  ret void
}

; 3. sprintf's %p writes the address, %s the bytes, into memory.
; CHECK-LABEL: goescape: function 'sprintf_p': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToVarArg)
define void @sprintf_p() {
  %x = call ptr @malloc(i64 16)
  %r = call i32 (ptr, ptr, ...) @sprintf(ptr @gbuf, ptr @fmt_p, ptr %x)
  ret void
}
; CHECK-LABEL: goescape: function 'sprintf_s_of_box': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(16): promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesViaCallArgument)
define void @sprintf_s_of_box() {
  %box = call ptr @malloc(i64 16)
  %x = call ptr @malloc(i64 16)
  store ptr %x, ptr %box
  %r = call i32 (ptr, ptr, ...) @sprintf(ptr @gbuf, ptr @fmt_s, ptr %box)
  ret void
}
; A format only known at run time may hold %p.
; CHECK-LABEL: goescape: function 'printf_unknown_format': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToVarArg)
define void @printf_unknown_format(ptr %fmt) {
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (ptr, ...) @printf(ptr %fmt, ptr %x)
  ret void
}
; Still fine: a constant format with %s of a plain buffer.
; CHECK-LABEL: goescape: function 'printf_s_buffer': 1 site, 1 promoted
define void @printf_s_buffer() {
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (ptr, ...) @printf(ptr @fmt_s, ptr %x)
  call void @free(ptr %x)
  ret void
}

; 4. llvm.ptr.annotation returns its pointer.
; CHECK-LABEL: goescape: function 'annotated_field': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesTo
define void @annotated_field() {
  %x = call ptr @malloc(i64 16)
  %f = call ptr @llvm.ptr.annotation.p0.p0(ptr @g, ptr @ann, ptr @ann, i32 1, ptr null)
  store ptr %x, ptr %f
  ret void
}

; 5. The other arguments of allocation and free calls count too.
; CHECK-LABEL: goescape: function 'arena_arg': 2 sites, 0 promoted
; CHECK-NEXT: %arena = malloc(64): kept (EscapesToCall): passed to 'arena_alloc'
; CHECK-NEXT: %x = arena_alloc(?): kept (EscapesByReturn)
define ptr @arena_arg(i64 %n) {
  %arena = call ptr @malloc(i64 64)
  %x = call ptr @arena_alloc(ptr %arena, i64 %n)
  ret ptr %x
}
; CHECK-LABEL: goescape: function 'pool_arg': 2 sites, 0 promoted
; CHECK-NEXT: %a = malloc(16): kept (EscapesToGlobal)
; CHECK-NEXT: %b = malloc(32): kept (EscapesToCall): passed to 'pool_free'
define void @pool_arg() {
  %a = call ptr @malloc(i64 16)
  store ptr %a, ptr @g
  %b = call ptr @malloc(i64 32)
  call void @pool_free(ptr %b, ptr %a)
  ret void
}
; strdup copies the box's bytes, pointer included, into a new string.
; CHECK-LABEL: goescape: function 'strdup_of_box': 3 sites, 1 promoted
; CHECK-NEXT: %box = calloc(16): promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesViaCallArgument)
; CHECK-NEXT: %s = strdup(?): kept (EscapesToGlobal)
define void @strdup_of_box() {
  %box = call ptr @calloc(i64 2, i64 8)
  %x = call ptr @malloc(i64 16)
  store ptr %x, ptr %box
  %s = call ptr @strdup(ptr %box)
  store ptr %s, ptr @g
  ret void
}

; 6a. An integer parameter may hold an address: stored, then reloaded as a
; pointer, it points to memory we do not know.
; CHECK-LABEL: goescape: function 'int_param_as_pointer': 2 sites, 1 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToUnknownMemory)
; CHECK-NEXT: %box = malloc(32): promoted
define void @int_param_as_pointer(i64 %h) {
  %x = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 32)
  store i64 %h, ptr %box
  %slot = load ptr, ptr %box
  store ptr %x, ptr %slot
  ret void
}
; 6b. Reading a pointer's bytes as integers exposes the address.
; CHECK-LABEL: goescape: function 'pointer_read_as_halves': 2 sites, 1 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToInteger)
; CHECK-NEXT: %box = malloc(32): promoted
define void @pointer_read_as_halves() {
  %x = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 32)
  store ptr %x, ptr %box
  %lo = load i32, ptr %box
  %hip = getelementptr i8, ptr %box, i64 4
  %hi = load i32, ptr %hip
  call void @sink32(i32 %lo, i32 %hi)
  ret void
}
; 6c. ... however the bits travel afterwards.
; CHECK-LABEL: goescape: function 'pointer_bits_rebuilt': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToInteger)
define void @pointer_bits_rebuilt() {
entry:
  %x = call ptr @malloc(i64 16)
  %box = alloca ptr
  store ptr %x, ptr %box
  %i = load i64, ptr %box
  br label %loop
loop:
  %k = phi i64 [0, %entry], [%k1, %loop]
  %acc = phi i64 [0, %entry], [%acc1, %loop]
  %bit = shl i64 1, %k
  %m = and i64 %i, %bit
  %c = icmp ne i64 %m, 0
  %s = select i1 %c, i64 %bit, i64 0
  %acc1 = or i64 %acc, %s
  %k1 = add i64 %k, 1
  %done = icmp eq i64 %k1, 64
  br i1 %done, label %exit, label %loop
exit:
  %p = inttoptr i64 %acc1 to ptr
  store ptr %p, ptr @g
  ret void
}
; Precision kept: a box with a buffer at offset 0 and a length of unknown
; origin at offset 8. Reading the length reads no pointer, and the buffer
; loaded from offset 0 is only the buffer: both promoted, the free removed.
; CHECK-LABEL: goescape: function 'buffer_and_length': 2 sites, 2 promoted
; CHECK-NEXT: %box = malloc(16): promoted (align 16, 1 free removed)
; CHECK-NEXT: %buf = malloc(32): promoted (align 16, 1 free removed)
define i64 @buffer_and_length(i64 %n) {
  %box = call ptr @malloc(i64 16)
  %buf = call ptr @malloc(i64 32)
  store ptr %buf, ptr %box
  %lenp = getelementptr inbounds i8, ptr %box, i64 8
  store i64 %n, ptr %lenp
  %len = load i64, ptr %lenp
  store i64 %len, ptr @gi
  %r = call i32 (ptr, ...) @printf(ptr @fmt_d, i64 %len)
  %b = load ptr, ptr %box
  call void @use(ptr %b)
  call void @free(ptr %b)
  call void @free(ptr %box)
  ret i64 %len
}

; 7. Recursion through a callback that external code calls.
; CHECK-LABEL: goescape: function 'cmp': 0 sites, 0 promoted (recursive)
define internal i32 @cmp(ptr %a, ptr %b) {
  %r = call i32 @walk(i32 1)
  ret i32 %r
}
; CHECK-LABEL: goescape: function 'walk': 1 site, 0 promoted (recursive)
; CHECK-NEXT: %buf = malloc(60000): kept (RecursionBudget)
define i32 @walk(i32 %d) {
  %buf = call ptr @malloc(i64 60000)
  %arr = alloca [2 x i32]
  call void @qsort(ptr %arr, i64 2, i64 4, ptr @cmp)
  call void @use(ptr %buf)
  call void @free(ptr %buf)
  ret i32 0
}

; 8. valloc memory is page-aligned.
; CHECK-LABEL: goescape: function 'page_aligned': 1 site, 0 promoted
; CHECK-NEXT: %p = valloc(4096): kept (BadAlignment)
define void @page_aligned() {
  %p = call ptr @valloc(i64 4096)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; 9. posix_memalign fails (EINVAL) for an alignment below sizeof(void *).
; CHECK-LABEL: goescape: function 'posix_memalign_too_small': 1 site, 0 promoted
; CHECK-NEXT: posix_memalign(16): kept (BadAlignment)
define i32 @posix_memalign_too_small() {
  %out = alloca ptr
  %r = call i32 @posix_memalign(ptr %out, i64 4, i64 16)
  ret i32 %r
}
