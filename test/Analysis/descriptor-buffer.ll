; A descriptor and its buffer (issue 12, shape 3): b = malloc(16); b->data =
; malloc(48); fill(b); checksum(b); free(b->data); free(b). A summary says
; at which offsets a function may store pointers (or data) of unknown
; origin, so a free of a pointer loaded from a field no callee overwrote
; frees only the buffer. Beside it, the callees that do overwrite the
; field: with a pointer from elsewhere, with an integer, at an unknown
; offset; the buffer stays on the heap for each.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@fmt = private constant [3 x i8] c"%u\00"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare i32 @snprintf(ptr noalias writeonly captures(none), i64, ptr readonly captures(none), ...) nofree nounwind
declare i64 @strlen(ptr captures(none)) nofree nounwind willreturn memory(argmem: read)
declare ptr @getbuf() nocallback
declare i64 @getword() nocallback

; struct buf { unsigned char *data; size_t len; }: formats into the buffer
; and stores its length, a value of unknown origin, at offset 8.
define void @fill(ptr %b, i32 %v) {
  %d = load ptr, ptr %b
  %r = call i32 (ptr, i64, ptr, ...) @snprintf(ptr %d, i64 48, ptr @fmt, i32 %v)
  %d2 = load ptr, ptr %b
  %n = call i64 @strlen(ptr %d2)
  %lenp = getelementptr inbounds i8, ptr %b, i64 8
  store i64 %n, ptr %lenp
  ret void
}

define i32 @checksum(ptr %b) {
entry:
  %lenp = getelementptr inbounds i8, ptr %b, i64 8
  %n = load i64, ptr %lenp
  %d = load ptr, ptr %b
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %body ]
  %h = phi i32 [ 0, %entry ], [ %h1, %body ]
  %done = icmp eq i64 %i, %n
  br i1 %done, label %exit, label %body
body:
  %cp = getelementptr inbounds i8, ptr %d, i64 %i
  %c = load i8, ptr %cp
  %cz = zext i8 %c to i32
  %h31 = mul i32 %h, 31
  %h1 = add i32 %h31, %cz
  %i1 = add i64 %i, 1
  br label %loop
exit:
  ret i32 %h
}

; CHECK-LABEL: goescape: function 'descriptor': 2 sites, 2 promoted
; CHECK-NEXT: %b = malloc(16): promoted
; CHECK-NEXT: %d = malloc(48): promoted
define i32 @descriptor(i32 %v) {
  %b = call ptr @malloc(i64 16)
  %d = call ptr @malloc(i64 48)
  store ptr %d, ptr %b
  call void @fill(ptr %b, i32 %v)
  %h = call i32 @checksum(ptr %b)
  %l = load ptr, ptr %b
  call void @free(ptr %l)
  call void @free(ptr %b)
  ret i32 %h
}

; The same descriptor passed at offset 16 inside a larger one: the
; callee's offset 8 is the caller's 24, the buffer's field at 16 untouched.
; CHECK-LABEL: goescape: function 'descriptor_inside': 2 sites, 2 promoted
define i32 @descriptor_inside(i32 %v) {
  %o = call ptr @malloc(i64 32)
  %d = call ptr @malloc(i64 48)
  %b = getelementptr inbounds i8, ptr %o, i64 16
  store ptr %d, ptr %b
  call void @fill(ptr %b, i32 %v)
  %h = call i32 @checksum(ptr %b)
  %l = load ptr, ptr %b
  call void @free(ptr %l)
  call void @free(ptr %o)
  ret i32 %h
}

; Negative: the callee replaces the buffer with one from elsewhere.
define void @swap_buffer(ptr %b) {
  %n = call ptr @getbuf()
  store ptr %n, ptr %b
  ret void
}
; CHECK-LABEL: goescape: function 'buffer_replaced': 2 sites, 1 promoted
; CHECK-NEXT: %b = malloc(16): promoted
; CHECK-NEXT: %d = malloc(48): kept (AmbiguousFree)
define void @buffer_replaced() {
  %b = call ptr @malloc(i64 16)
  %d = call ptr @malloc(i64 48)
  store ptr %d, ptr %b
  call void @swap_buffer(ptr %b)
  %l = load ptr, ptr %b
  call void @free(ptr %l)
  call void @free(ptr %b)
  ret void
}

; Negative: an integer of unknown origin written over the field.
define void @word_over_buffer(ptr %b) {
  %w = call i64 @getword()
  store i64 %w, ptr %b
  ret void
}
; CHECK-LABEL: goescape: function 'buffer_overwritten_by_word': 2 sites, 1 promoted
; CHECK-NEXT: %b = malloc(16): promoted
; CHECK-NEXT: %d = malloc(48): kept (AmbiguousFree)
define void @buffer_overwritten_by_word() {
  %b = call ptr @malloc(i64 16)
  %d = call ptr @malloc(i64 48)
  store ptr %d, ptr %b
  call void @word_over_buffer(ptr %b)
  %l = load ptr, ptr %b
  call void @free(ptr %l)
  call void @free(ptr %b)
  ret void
}

; Negative: the same word at an offset the callee does not know.
define void @word_somewhere(ptr %b, i64 %k) {
  %w = call i64 @getword()
  %p = getelementptr inbounds i64, ptr %b, i64 %k
  store i64 %w, ptr %p
  ret void
}
; CHECK-LABEL: goescape: function 'buffer_overwritten_somewhere': 2 sites, 1 promoted
; CHECK-NEXT: %b = malloc(16): promoted
; CHECK-NEXT: %d = malloc(48): kept (AmbiguousFree)
define void @buffer_overwritten_somewhere(i64 %k) {
  %b = call ptr @malloc(i64 16)
  %d = call ptr @malloc(i64 48)
  store ptr %d, ptr %b
  call void @word_somewhere(ptr %b, i64 %k)
  %l = load ptr, ptr %b
  call void @free(ptr %l)
  call void @free(ptr %b)
  ret void
}

; Negative: the word lands on the field when the descriptor is passed at
; an offset (the callee's 8 is the caller's 0 here).
; CHECK-LABEL: goescape: function 'descriptor_shifted_onto_field': 2 sites, 1 promoted
; CHECK-NEXT: %o = malloc(32): promoted
; CHECK-NEXT: %d = malloc(48): kept (AmbiguousFree)
define void @descriptor_shifted_onto_field(i32 %v) {
  %o = call ptr @malloc(i64 32)
  %d = call ptr @malloc(i64 48)
  store ptr %d, ptr %o
  %b = getelementptr i8, ptr %o, i64 -8
  call void @fill_len_only(ptr %b)
  %l = load ptr, ptr %o
  call void @free(ptr %l)
  call void @free(ptr %o)
  ret void
}
define void @fill_len_only(ptr %b) {
  %n = call i64 @getword()
  %lenp = getelementptr inbounds i8, ptr %b, i64 8
  store i64 %n, ptr %lenp
  ret void
}
