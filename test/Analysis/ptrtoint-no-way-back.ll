; Pointer-to-integer conversions that never come back (issue 12, shape 5):
; the difference of two pointers into one object (t - s), a test of the
; low bits for alignment, a comparison with null or with another pointer
; into the same object. None of them reveals enough of the address to
; rebuild it. Beside them, the conversions that do: stored, passed,
; returned, turned back into a pointer, the difference with another
; object's address, the high bits, comparisons with arbitrary constants
; (a binary search finds the address bit by bit).
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@gi = global i64 0
@base = global [16 x i8] zeroinitializer

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @sink(i64) nocallback

; The length of a string from its end pointer: end - start.
; CHECK-LABEL: goescape: function 'length_by_difference': 1 site, 1 promoted
define i64 @length_by_difference() {
entry:
  %s = call ptr @malloc(i64 32)
  call void @llvm.memset.p0.i64(ptr %s, i8 97, i64 31, i1 false)
  %last = getelementptr inbounds i8, ptr %s, i64 31
  store i8 0, ptr %last
  br label %loop
loop:
  %t = phi ptr [ %s, %entry ], [ %t1, %loop ]
  %c = load i8, ptr %t
  %t1 = getelementptr inbounds i8, ptr %t, i64 1
  %z = icmp eq i8 %c, 0
  br i1 %z, label %done, label %loop
done:
  %ti = ptrtoint ptr %t to i64
  %si = ptrtoint ptr %s to i64
  %n = sub i64 %ti, %si
  call void @sink(i64 %n)
  call void @free(ptr %s)
  ret i64 %n
}

; An alignment test, a null test and an order test within the object.
; CHECK-LABEL: goescape: function 'alignment_and_order': 1 site, 1 promoted
define i1 @alignment_and_order(i64 %k) {
  %p = call ptr @malloc(i64 64)
  %q = getelementptr inbounds i8, ptr %p, i64 %k
  %pi = ptrtoint ptr %p to i64
  %low = and i64 %pi, 15
  %aligned = icmp eq i64 %low, 0
  %qi = ptrtoint ptr %q to i64
  %nonnull = icmp ne i64 %qi, 0
  %before = icmp ult i64 %pi, %qi
  %r1 = and i1 %aligned, %nonnull
  %r = and i1 %r1, %before
  call void @free(ptr %p)
  ret i1 %r
}

; Negative: the integer is stored, to a global (stored whole, the store is
; a pointer store: ptrtoint-stored-whole.ll).
; CHECK-LABEL: goescape: function 'stored': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToGlobal)
define void @stored() {
  %p = call ptr @malloc(i64 16)
  %pi = ptrtoint ptr %p to i64
  store i64 %pi, ptr @gi
  call void @free(ptr %p)
  ret void
}

; Negative: passed to a call.
; CHECK-LABEL: goescape: function 'passed': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToInteger)
define void @passed() {
  %p = call ptr @malloc(i64 16)
  %pi = ptrtoint ptr %p to i64
  call void @sink(i64 %pi)
  call void @free(ptr %p)
  ret void
}

; Negative: the difference with another object's address, which the
; program knows: base + d rebuilds the pointer.
; CHECK-LABEL: goescape: function 'difference_with_global': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToInteger)
define void @difference_with_global() {
  %p = call ptr @malloc(i64 16)
  %pi = ptrtoint ptr %p to i64
  %d = sub i64 %pi, ptrtoint (ptr @base to i64)
  call void @sink(i64 %d)
  call void @free(ptr %p)
  ret void
}

; Negative: the high bits.
; CHECK-LABEL: goescape: function 'high_bits': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToInteger)
define i1 @high_bits() {
  %p = call ptr @malloc(i64 16)
  %pi = ptrtoint ptr %p to i64
  %h = and i64 %pi, -4096
  %c = icmp eq i64 %h, 140737488355328
  call void @free(ptr %p)
  ret i1 %c
}

; Negative: comparisons with arbitrary constants, one bit at a time.
; CHECK-LABEL: goescape: function 'compared_with_constant': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToInteger)
define i1 @compared_with_constant() {
  %p = call ptr @malloc(i64 16)
  %pi = ptrtoint ptr %p to i64
  %c = icmp ult i64 %pi, 140737488355328
  call void @free(ptr %p)
  ret i1 %c
}

; Negative: turned back into a pointer, and kept.
; CHECK-LABEL: goescape: function 'round_trip': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToInteger)
define void @round_trip() {
  %p = call ptr @malloc(i64 16)
  %pi = ptrtoint ptr %p to i64
  %x = xor i64 %pi, 12345
  %y = xor i64 %x, 12345
  %q = inttoptr i64 %y to ptr
  store ptr %q, ptr @g
  ret void
}

; Negative: the difference of two different objects' addresses, one of
; which is then stored: its address and the difference give the other.
; CHECK-LABEL: goescape: function 'difference_of_two': 2 sites, 0 promoted
define void @difference_of_two() {
  %p = call ptr @malloc(i64 16)
  %q = call ptr @malloc(i64 16)
  %pi = ptrtoint ptr %p to i64
  %qi = ptrtoint ptr %q to i64
  %d = sub i64 %pi, %qi
  call void @sink(i64 %d)
  store ptr %q, ptr @g
  call void @free(ptr %p)
  ret void
}

declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
