; Regression test for a miscompile found by review: printf-family calls with
; a %p conversion, or a format only known at run time, write an object's
; address out (sscanf can turn it back into a pointer), and %s copies the
; bytes of the object, pointers stored in it included. Beside them, the
; nearest shape that must stay promotable.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@gbuf = global [64 x i8] zeroinitializer
@fmt_p = private constant [3 x i8] c"%p\00"
@fmt_s = private constant [3 x i8] c"%s\00"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare i32 @sprintf(ptr, ptr, ...)
declare i32 @printf(ptr, ...)

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
