; An allocation wrapper returns its allocation on every path where the
; allocation succeeded. A function that returns it on one path and another
; object (a global, its parameter, null) on another is none: replacing its
; call by a slot would lose what it returns there. A return is no
; instruction "without effect" that the wrapper's shape may hold.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@spare = global [16 x i8] zeroinitializer

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @abort() noreturn nounwind

; CHECK-LABEL: goescape: function 'xmalloc': 1 site, 0 promoted (allocation wrapper)
define ptr @xmalloc(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  %fail = icmp eq ptr %p, null
  br i1 %fail, label %oom, label %ok
oom:
  call void @abort()
  unreachable
ok:
  ret ptr %p
}

; CHECK-LABEL: goescape: function 'malloc_or_global': 1 site, 0 promoted{{$}}
define ptr @malloc_or_global(i1 %c) {
  br i1 %c, label %heap, label %global
heap:
  %p = call ptr @malloc(i64 16)
  ret ptr %p
global:
  ret ptr @spare
}

; CHECK-LABEL: goescape: function 'malloc_or_param': 1 site, 0 promoted{{$}}
define ptr @malloc_or_param(i1 %c, ptr %q) {
  br i1 %c, label %heap, label %param
heap:
  %p = call ptr @malloc(i64 16)
  ret ptr %p
param:
  ret ptr %q
}

; Null although the allocation succeeded: no wrapper, but a constructor
; (it returns its allocation or null, and does nothing else with it), whose
; copy for a caller returns null on that path too.
; CHECK-LABEL: goescape: function 'malloc_or_null': 1 site, 0 promoted (constructor){{$}}
define ptr @malloc_or_null(i1 %c) {
  %p = call ptr @malloc(i64 16)
  br i1 %c, label %leak, label %ok
leak:
  ret ptr null
ok:
  ret ptr %p
}

; CHECK-LABEL: goescape: function 'caller': 2 sites, 2 promoted
; CHECK-NEXT: %a = xmalloc(16): promoted
; CHECK-NEXT: %e = malloc_or_null(...): promoted (align 16, constructor specialised, 1 free removed)
define i8 @caller(i1 %c, ptr %q) {
  %a = call ptr @xmalloc(i64 16)
  %b = call ptr @malloc_or_global(i1 %c)
  %d = call ptr @malloc_or_param(i1 %c, ptr %q)
  %e = call ptr @malloc_or_null(i1 %c)
  store i8 1, ptr %a
  %va = load i8, ptr %a
  %vb = load i8, ptr %b
  %vd = load i8, ptr %d
  %ve = load i8, ptr %e
  call void @free(ptr %a)
  call void @free(ptr %b)
  call void @free(ptr %d)
  call void @free(ptr %e)
  %s1 = add i8 %va, %vb
  %s2 = add i8 %vd, %ve
  %s = add i8 %s1, %s2
  ret i8 %s
}
