; A pointer stored to memory as an integer of its own width (ptrtoint, then
; store i64): LLVM writes C++'s unique_ptr moves and other pointer copies
; this way. The bytes in memory are the whole address, as a pointer store
; would leave them, so the store is one: what it stores is the memory's
; content, at its offset, and whoever reads those bytes back as a pointer
; gets the object (as an integer, reads the address as data: an escape).
; What stays an escape: part of the address (trunc), the address moved
; (add), the integer passed or returned, a store into memory that escapes.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@gi = global i64 0

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nocallback nofree
declare void @sink(i64) nocallback
declare void @keep(ptr) nocallback

; A node's child, stored as i64 and read back as a pointer: both move.
; CHECK-LABEL: goescape: function 'child_as_integer': 2 sites, 2 promoted
; CHECK-NEXT:  %child = malloc(16): promoted (align 16, 1 free removed)
; CHECK-NEXT:  %node = malloc(16): promoted (align 16, 1 free removed)
define void @child_as_integer() {
  %child = call ptr @malloc(i64 16)
  %node = call ptr @malloc(i64 16)
  store ptr null, ptr %node
  %bits = ptrtoint ptr %child to i64
  %f = getelementptr inbounds i8, ptr %node, i64 8
  store i64 %bits, ptr %f
  %c = load ptr, ptr %f
  call void @use(ptr %c)
  call void @free(ptr %c)
  call void @free(ptr %node)
  ret void
}

; Stored at offset 8; what offset 0 holds is kept by a callee: not the
; child.
; CHECK-LABEL: goescape: function 'other_field': 2 sites, 2 promoted
define void @other_field(ptr %h) {
  %child = call ptr @malloc(i64 16)
  %node = call ptr @malloc(i64 16)
  store ptr %h, ptr %node
  %bits = ptrtoint ptr %child to i64
  %f = getelementptr inbounds i8, ptr %node, i64 8
  store i64 %bits, ptr %f
  %c = load ptr, ptr %node
  call void @keep(ptr %c)
  %d = load ptr, ptr %f
  call void @free(ptr %d)
  call void @free(ptr %node)
  ret void
}

; The integer read back as an integer and stored to a global: the address
; is out.
; CHECK-LABEL: goescape: function 'read_back_as_integer': 2 sites, 1 promoted
; CHECK-NEXT:  %child = malloc(16): kept (EscapesToInteger)
; CHECK-NEXT:  %node = malloc(16): promoted (align 16, 1 free removed)
define void @read_back_as_integer() {
  %child = call ptr @malloc(i64 16)
  %node = call ptr @malloc(i64 16)
  %bits = ptrtoint ptr %child to i64
  store i64 %bits, ptr %node
  %again = load i64, ptr %node
  store i64 %again, ptr @gi
  call void @free(ptr %child)
  call void @free(ptr %node)
  ret void
}

; Into a global: stored to a global.
; CHECK-LABEL: goescape: function 'into_global': 1 site, 0 promoted
; CHECK-NEXT:  %p = malloc(16): kept (EscapesToGlobal)
define void @into_global() {
  %p = call ptr @malloc(i64 16)
  %bits = ptrtoint ptr %p to i64
  store i64 %bits, ptr @gi
  call void @free(ptr %p)
  ret void
}

; Into memory that escapes: with it.
; CHECK-LABEL: goescape: function 'into_escaping': 2 sites, 0 promoted
; CHECK-NEXT:  %p = malloc(16): kept (EscapesViaContainer)
; CHECK-NEXT:  %box = malloc(8): kept (EscapesToGlobal)
define void @into_escaping() {
  %p = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 8)
  %bits = ptrtoint ptr %p to i64
  store i64 %bits, ptr %box
  store ptr %box, ptr @g
  ret void
}

; Half the address: an escape, wherever it goes.
; CHECK-LABEL: goescape: function 'half': 2 sites, 1 promoted
; CHECK-NEXT:  %p = malloc(16): kept (EscapesToInteger)
define void @half() {
  %p = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 8)
  %bits = ptrtoint ptr %p to i64
  %lo = trunc i64 %bits to i32
  store i32 %lo, ptr %box
  call void @free(ptr %p)
  call void @free(ptr %box)
  ret void
}

; The address moved before the store: an escape.
; CHECK-LABEL: goescape: function 'moved': 2 sites, 1 promoted
; CHECK-NEXT:  %p = malloc(16): kept (EscapesToInteger)
define void @moved() {
  %p = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 8)
  %bits = ptrtoint ptr %p to i64
  %plus = add i64 %bits, 8
  store i64 %plus, ptr %box
  call void @free(ptr %p)
  call void @free(ptr %box)
  ret void
}

; Stored, and also passed: an escape.
; CHECK-LABEL: goescape: function 'stored_and_passed': 2 sites, 1 promoted
; CHECK-NEXT:  %p = malloc(16): kept (EscapesToInteger)
define void @stored_and_passed() {
  %p = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 8)
  %bits = ptrtoint ptr %p to i64
  store i64 %bits, ptr %box
  call void @sink(i64 %bits)
  call void @free(ptr %p)
  call void @free(ptr %box)
  ret void
}

; A pointer into the middle, stored whole: read back, it is not the
; object's start, which a free then cannot be sure of.
; CHECK-LABEL: goescape: function 'interior_stored': 2 sites, 2 promoted
define void @interior_stored() {
  %p = call ptr @malloc(i64 16)
  %box = call ptr @malloc(i64 8)
  %mid = getelementptr inbounds i8, ptr %p, i64 4
  %bits = ptrtoint ptr %mid to i64
  store i64 %bits, ptr %box
  %q = load ptr, ptr %box
  store i8 1, ptr %q
  call void @free(ptr %p)
  call void @free(ptr %box)
  ret void
}
