; Regression test for a miscompile found by review: reading a stored
; pointer's bytes as integers exposes the address (an implicit ptrtoint),
; however the bits travel afterwards. Beside it, the nearest shape that must
; stay promotable: integers read from bytes that hold no pointer.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@gi = global i64 0
@fmt_d = private constant [3 x i8] c"%d\00"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare i32 @printf(ptr, ...)
declare void @sink32(i32, i32) nocallback
declare void @use(ptr captures(none)) nocallback nofree

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
