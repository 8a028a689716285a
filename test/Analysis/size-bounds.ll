; Sizes known only at run time with a proven upper bound get a slot of the
; bound (LazyValueInfo at the call): n & 63, n % 48, umin(n, 64), a size
; guarded by a branch, calloc of two bounded operands, posix_memalign.
; Beside each, the nearest shape without a bound (or over the limit),
; which stays on the heap.
; The small buffer (Analysis/small-buffer.ll) is off here, so that a size
; without a bound stays on the heap.
; RUN: %opt -goescape-small-buffer=0 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -goescape-small-buffer=0 -goescape-bound-sizes=false -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=OFF
; RUN: %opt -goescape-small-buffer=0 -passes=goescape -S %s | FileCheck %s --check-prefix=IR
; RUN: %opt -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @calloc(i64, i64) allockind("alloc,zeroed") allocsize(0,1) "alloc-family"="malloc"
declare i32 @posix_memalign(ptr, i64, i64)
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree
declare i64 @llvm.umin.i64(i64, i64)

; CHECK-LABEL: goescape: function 'masked'
; CHECK-NEXT:  %p = malloc(<=63): promoted (align 16, 1 free removed)
; OFF-LABEL: goescape: function 'masked'
; OFF-NEXT:  %p = malloc(?): kept (NonConstantSize)
; IR-LABEL: define void @masked(
; IR-NEXT:    %p = alloca [63 x i8], align 16
; IR-NEXT:    %m = and i64 %n, 63
; IR-NEXT:    call void @llvm.lifetime.start.p0(ptr %p)
; IR-NEXT:    call void @use(ptr %p)
; IR-NEXT:    call void @llvm.lifetime.end.p0(ptr %p)
; IR-NEXT:    ret void
define void @masked(i64 %n) {
  %m = and i64 %n, 63
  %p = call ptr @malloc(i64 %m)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'remainder'
; CHECK-NEXT:  %p = malloc(<=47): promoted
define void @remainder(i64 %n) {
  %m = urem i64 %n, 48
  %p = call ptr @malloc(i64 %m)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'clamped'
; CHECK-NEXT:  %p = malloc(<=64): promoted
define void @clamped(i64 %n) {
  %m = call i64 @llvm.umin.i64(i64 %n, i64 64)
  %p = call ptr @malloc(i64 %m)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; if (n <= 100) { p = malloc(n); ... }: the branch bounds n at the call.
; CHECK-LABEL: goescape: function 'guarded'
; CHECK-NEXT:  %p = malloc(<=100): promoted
define void @guarded(i64 %n) {
entry:
  %small = icmp ule i64 %n, 100
  br i1 %small, label %then, label %done
then:
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  br label %done
done:
  ret void
}

; The same call where the branch does not dominate it.
; CHECK-LABEL: goescape: function 'unguarded'
; CHECK-NEXT:  %p = malloc(?): kept (NonConstantSize)
define void @unguarded(i64 %n, i1 %c) {
entry:
  %small = icmp ule i64 %n, 100
  br i1 %c, label %call, label %check
check:
  br i1 %small, label %call, label %done
call:
  %p = call ptr @malloc(i64 %n)
  call void @use(ptr %p)
  call void @free(ptr %p)
  br label %done
done:
  ret void
}

; A bound over -goescape-max-size (64 KiB) is no bound.
; CHECK-LABEL: goescape: function 'bound_too_large'
; CHECK-NEXT:  %p = malloc(?): kept (NonConstantSize)
define void @bound_too_large(i64 %n) {
  %m = and i64 %n, 131071
  %p = call ptr @malloc(i64 %m)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; calloc(n & 7, m & 15): at most 7 * 15 bytes, zeroed.
; CHECK-LABEL: goescape: function 'calloc_both'
; CHECK-NEXT:  %p = calloc(<=105): promoted
; IR-LABEL: define void @calloc_both(
; IR:         %p = alloca [105 x i8], align 16
; IR:         call void @llvm.memset.p0.i64(ptr align 16 %p, i8 0, i64 105, i1 false)
define void @calloc_both(i64 %n, i64 %m) {
  %a = and i64 %n, 7
  %b = and i64 %m, 15
  %p = call ptr @calloc(i64 %a, i64 %b)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; One operand unbounded: no bound.
; CHECK-LABEL: goescape: function 'calloc_one'
; CHECK-NEXT:  %p = calloc(?): kept (NonConstantSize)
define void @calloc_one(i64 %n, i64 %m) {
  %a = and i64 %n, 7
  %p = call ptr @calloc(i64 %a, i64 %m)
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'memalign_bounded'
; CHECK-NEXT:  posix_memalign(<=31): promoted (align 32, 1 free removed)
define void @memalign_bounded(i64 %n) {
  %out = alloca ptr
  %m = and i64 %n, 31
  %r = call i32 @posix_memalign(ptr %out, i64 32, i64 %m)
  %p = load ptr, ptr %out
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A bounded object that escapes is kept, and says its bound.
; CHECK-LABEL: goescape: function 'bounded_escapes'
; CHECK-NEXT:  %p = malloc(<=63): kept (EscapesByReturn)
define ptr @bounded_escapes(i64 %n) {
  %m = and i64 %n, 63
  %p = call ptr @malloc(i64 %m)
  ret ptr %p
}
