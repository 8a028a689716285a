; REQUIRES: asan, x86_64-linux
; Runtime form of Analysis/address-bits-aggregate.ll: an IR program whose
; make() stores its malloc'd pointer under the i32 fields of a {ptr, i32,
; i32} load, passes the two halves to rebuild(), which puts the pointer back
; together in a global, and main reads through it after make() returned.
; Promoting the object is a use after return, which ASan reports. (clang's
; -O2 pipeline splits such loads into scalar ones before goescape runs, so
; only IR reaches this shape. ASan instruments only sanitize_address
; functions.)
; RUN: %opt -passes=goescape -S %s -o %t.ll
; RUN: FileCheck %s --check-prefix=IR < %t.ll
; RUN: %clang -O0 -fsanitize=address %t.ll -o %t.exe
; RUN: env ASAN_OPTIONS=detect_stack_use_after_return=1 %t.exe | FileCheck %s
; IR-LABEL: define void @make()
; IR: call ptr @malloc(i64 16)
; CHECK: byte 65

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@fmt = private constant [9 x i8] c"byte %d\0A\00"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare i32 @printf(ptr, ...)

define void @rebuild(i32 %lo, i32 %hi) noinline sanitize_address {
  %l = zext i32 %lo to i64
  %h = zext i32 %hi to i64
  %hs = shl i64 %h, 32
  %a = or i64 %hs, %l
  %q = inttoptr i64 %a to ptr
  store ptr %q, ptr @g
  ret void
}

define void @make() noinline sanitize_address {
  %box = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store i8 65, ptr %p
  store ptr null, ptr %box
  %b1 = getelementptr i8, ptr %box, i64 8
  store ptr %p, ptr %b1
  %agg = load { ptr, i32, i32 }, ptr %box
  %lo = extractvalue { ptr, i32, i32 } %agg, 1
  %hi = extractvalue { ptr, i32, i32 } %agg, 2
  call void @rebuild(i32 %lo, i32 %hi)
  ret void
}

define i32 @main() sanitize_address {
  call void @make()
  %q = load ptr, ptr @g
  %c = load i8, ptr %q
  %w = zext i8 %c to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt, i32 %w)
  ret i32 0
}
