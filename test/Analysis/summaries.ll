; Function summaries in Go's words, and callers applying them.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@count = global i64 0

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare ptr @realloc(ptr allocptr, i64) allockind("realloc") allocsize(1) "alloc-family"="malloc"
declare void @abort() noreturn nounwind
declare void @opaque_nocapture(ptr captures(none))

;--- Summaries -------------------------------------------------------------

; CHECK-LABEL: goescape: function 'reads': 0 sites, 0 promoted
; CHECK-NEXT: p does not escape
define i8 @reads(ptr %p) {
  %v = load i8, ptr %p
  ret i8 %v
}

; CHECK-LABEL: goescape: function 'leak_global': 0 sites, 0 promoted
; CHECK-NEXT: leaking param: p
define void @leak_global(ptr %p) {
  store ptr %p, ptr @g
  ret void
}

; CHECK-LABEL: goescape: function 'leak_content': 0 sites, 0 promoted
; CHECK-NEXT: leaking param content: p
define void @leak_content(ptr %p) {
  %q = load ptr, ptr %p
  store ptr %q, ptr @g
  ret void
}

; CHECK-LABEL: goescape: function 'identity': 0 sites, 0 promoted
; CHECK-NEXT: leaking param: p to result ~r0 level=0
define ptr @identity(ptr %p) {
  ret ptr %p
}

; CHECK-LABEL: goescape: function 'get_field': 0 sites, 0 promoted
; CHECK-NEXT: leaking param: b to result ~r0 level=1
define ptr @get_field(ptr %b) {
  %f = getelementptr i8, ptr %b, i64 8
  %v = load ptr, ptr %f
  ret ptr %v
}

; Returned through two levels of calls.
; CHECK-LABEL: goescape: function 'identity2': 0 sites, 0 promoted
; CHECK-NEXT: leaking param: p to result ~r0 level=0
define ptr @identity2(ptr %p) {
  %r = call ptr @identity(ptr %p)
  ret ptr %r
}

; CHECK-LABEL: goescape: function 'attach': 0 sites, 0 promoted
; CHECK-NEXT: box does not escape
; CHECK-NEXT: leaking param: s to content of box level=0
define void @attach(ptr %box, ptr %s) {
  %f = getelementptr i8, ptr %box, i64 8
  store ptr %s, ptr %f
  ret void
}

; Frees its parameter, and does something else too: not a free wrapper.
; CHECK-LABEL: goescape: function 'consume': 0 sites, 0 promoted
; CHECK-NEXT: frees param: p
define i8 @consume(ptr %p) {
  %v = load i8, ptr %p
  call void @free(ptr %p)
  ret i8 %v
}

; Only passed to a function that might free it (captures(none), not
; nofree, and it may keep what p points to): goescape cannot tell, so it
; says "may", and callers that free
; their object through it say the same. A free() anywhere on the way, by
; the function or a callee, is a sure free.
; CHECK-LABEL: goescape: function 'maybe_frees': 0 sites, 0 promoted
; CHECK-NEXT: leaking param content: p
; CHECK-NEXT: may free param: p
define void @maybe_frees(ptr %p) {
  call void @opaque_nocapture(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'maybe_frees_through': 0 sites, 0 promoted
; CHECK-NEXT: leaking param content: p
; CHECK-NEXT: may free param: p
define void @maybe_frees_through(ptr %p) {
  call void @maybe_frees(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'frees_through': 0 sites, 0 promoted
; CHECK-NEXT: leaking param content: p
; CHECK-NEXT: frees param: p
define void @frees_through(ptr %p) {
  %v = call i8 @consume(ptr %p)
  call void @opaque_nocapture(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'maybe_frees_content': 0 sites, 0 promoted
; CHECK-NEXT: leaking param content: p
; CHECK-NEXT: may free param content: p
define void @maybe_frees_content(ptr %p) {
  %q = load ptr, ptr %p
  call void @opaque_nocapture(ptr %q)
  ret void
}

; Realloc frees it and copies its bytes: a free, not a leak (callers keep
; what they pass on the heap, Reallocated).
; CHECK-LABEL: goescape: function 'grow': 0 sites, 0 promoted
; CHECK-NEXT: reallocs param: p
define void @grow(ptr %p) {
  %q = call ptr @realloc(ptr %p, i64 64)
  store ptr %q, ptr @g
  ret void
}

; Recursion that leaks on one path only: it leaks.
; CHECK-LABEL: goescape: function 'rec_leak': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: leaking param: p
define void @rec_leak(ptr %p, i32 %n) {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %leak, label %rec
leak:
  store ptr %p, ptr @g
  ret void
rec:
  %m = sub i32 %n, 1
  call void @rec_leak(ptr %p, i32 %m)
  ret void
}

; Mutual recursion that only reads: the optimistic start settles on
; "does not escape".
; CHECK-LABEL: goescape: function 'even': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
; CHECK-LABEL: goescape: function 'odd': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
define i8 @even(ptr %p, i32 %n) {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %done, label %rec
done:
  %v = load i8, ptr %p
  ret i8 %v
rec:
  %m = sub i32 %n, 1
  %r = call i8 @odd(ptr %p, i32 %m)
  ret i8 %r
}
define i8 @odd(ptr %p, i32 %n) {
  %m = sub i32 %n, 1
  %r = call i8 @even(ptr %p, i32 %m)
  ret i8 %r
}

; Mutual recursion where one member leaks what the other passes it.
; CHECK-LABEL: goescape: function 'ping': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: leaking param: p
; CHECK-LABEL: goescape: function 'pong': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: leaking param: p
define void @ping(ptr %p, i32 %n) {
  %m = sub i32 %n, 1
  call void @pong(ptr %p, i32 %m)
  ret void
}
define void @pong(ptr %p, i32 %n) {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %leak, label %rec
leak:
  store ptr %p, ptr @g
  ret void
rec:
  call void @ping(ptr %p, i32 %n)
  ret void
}

; An allocation wrapper: the failure path may do anything.
; CHECK-LABEL: goescape: function 'xmalloc': 1 site, 0 promoted (allocation wrapper)
; CHECK-NEXT: %p = malloc(?): kept (EscapesByReturn)
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

; Counting allocations is a side effect: not a wrapper.
; CHECK-LABEL: goescape: function 'counting_malloc': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesByReturn)
define ptr @counting_malloc(i64 %n) {
  %c = load i64, ptr @count
  %c1 = add i64 %c, 1
  store i64 %c1, ptr @count
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: goescape: function 'xfree': 0 sites, 0 promoted (free wrapper)
; CHECK-NEXT: frees param: p
define void @xfree(ptr %p) {
  %isnull = icmp eq ptr %p, null
  br i1 %isnull, label %done, label %do
do:
  call void @free(ptr %p)
  br label %done
done:
  ret void
}

; A definition the linker may replace is only as good as its attributes.
; CHECK-LABEL: goescape: function 'weak_reads': 0 sites, 0 promoted
; CHECK-NEXT: p does not escape
define weak i8 @weak_reads(ptr %p) {
  %v = load i8, ptr %p
  ret i8 %v
}

;--- Callers -----------------------------------------------------------------

; CHECK-LABEL: goescape: function 'call_reads': 1 site, 1 promoted
define i8 @call_reads() {
  %a = call ptr @malloc(i64 16)
  store i8 1, ptr %a
  %v = call i8 @reads(ptr %a)
  call void @free(ptr %a)
  ret i8 %v
}

; CHECK-LABEL: goescape: function 'call_leak_global': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToCall): passed to 'leak_global', which may keep it
define void @call_leak_global() {
  %a = call ptr @malloc(i64 16)
  call void @leak_global(ptr %a)
  ret void
}

; What the box holds leaks; the box does not.
; CHECK-LABEL: goescape: function 'call_leak_content': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(16): promoted
; CHECK-NEXT: %buf = malloc(32): kept (EscapesViaCallArgument)
define void @call_leak_content() {
  %box = call ptr @malloc(i64 16)
  %buf = call ptr @malloc(i64 32)
  store ptr %buf, ptr %box
  call void @leak_content(ptr %box)
  ret void
}

; Passed through identity and only read: promoted.
; CHECK-LABEL: goescape: function 'call_identity_local': 1 site, 1 promoted
define i8 @call_identity_local() {
  %a = call ptr @malloc(i64 16)
  store i8 2, ptr %a
  %r = call ptr @identity(ptr %a)
  %v = load i8, ptr %r
  ret i8 %v
}

; Passed through identity and returned: escapes.
; CHECK-LABEL: goescape: function 'call_identity_returned': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesByReturn)
define ptr @call_identity_returned() {
  %a = call ptr @malloc(i64 16)
  %r = call ptr @identity(ptr %a)
  ret ptr %r
}

; Returned through two levels of calls, then stored to a global.
; CHECK-LABEL: goescape: function 'call_identity2_global': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToGlobal)
define void @call_identity2_global() {
  %a = call ptr @malloc(i64 16)
  %r = call ptr @identity2(ptr %a)
  store ptr %r, ptr @g
  ret void
}

; The callee stores s into the box; the box does not escape: both promoted.
; CHECK-LABEL: goescape: function 'call_attach_local': 2 sites, 2 promoted
define i8 @call_attach_local() {
  %box = call ptr @malloc(i64 16)
  %s = call ptr @malloc(i64 8)
  store i8 3, ptr %s
  call void @attach(ptr %box, ptr %s)
  %f = getelementptr i8, ptr %box, i64 8
  %t = load ptr, ptr %f
  %v = load i8, ptr %t
  ret i8 %v
}

; ... and if the box escapes, s goes with it.
; CHECK-LABEL: goescape: function 'call_attach_escaping_box': 2 sites, 0 promoted
; CHECK-NEXT: %box = malloc(16): kept (EscapesToGlobal)
; CHECK-NEXT: %s = malloc(8): kept (EscapesViaContainer)
define void @call_attach_escaping_box() {
  %box = call ptr @malloc(i64 16)
  %s = call ptr @malloc(i64 8)
  call void @attach(ptr %box, ptr %s)
  store ptr %box, ptr @g
  ret void
}

; Only the inner buffer is returned: the box is promoted, the buffer stays.
; CHECK-LABEL: goescape: function 'call_get_field_returned': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(16): promoted
; CHECK-NEXT: %buf = malloc(32): kept (EscapesByReturn)
define ptr @call_get_field_returned() {
  %box = call ptr @malloc(i64 16)
  %buf = call ptr @malloc(i64 32)
  call void @attach(ptr %box, ptr %buf)
  %r = call ptr @get_field(ptr %box)
  ret ptr %r
}

; consume's only free is of its parameter: the call goes to a copy of it
; without the free (test/Transforms/free-clones.ll).
; CHECK-LABEL: goescape: function 'call_consume': 1 site, 1 promoted
; CHECK-NEXT: %a = malloc(16): promoted (align 16, freed by a copy of 'consume' without its frees)
define i8 @call_consume() {
  %a = call ptr @malloc(i64 16)
  store i8 4, ptr %a
  %v = call i8 @consume(ptr %a)
  ret i8 %v
}

; CHECK-LABEL: goescape: function 'call_grow': 1 site, 0 promoted
; CHECK-NEXT: kept (Reallocated): reallocated by 'grow'
define void @call_grow() {
  %a = call ptr @malloc(i64 16)
  call void @grow(ptr %a)
  ret void
}

; CHECK-LABEL: goescape: function 'call_rec_leak': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToCall): passed to 'rec_leak'
define void @call_rec_leak() {
  %a = call ptr @malloc(i64 16)
  call void @rec_leak(ptr %a, i32 3)
  ret void
}

; CHECK-LABEL: goescape: function 'call_even': 1 site, 1 promoted
define i8 @call_even() {
  %a = call ptr @malloc(i64 16)
  store i8 5, ptr %a
  %v = call i8 @even(ptr %a, i32 10)
  ret i8 %v
}

; CHECK-LABEL: goescape: function 'call_ping': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToCall)
define void @call_ping() {
  %a = call ptr @malloc(i64 16)
  call void @ping(ptr %a, i32 10)
  ret void
}

; A wrapper call with a constant size is a site of the caller; a free
; wrapper's call is its free. One of run-time size gets the small buffer,
; tested on the call's own operand, which xmalloc passes to malloc as it is
; (C/runtime/promote_wrapper_small_buffer.c runs it); its free through the
; free wrapper frees only the heap.
; CHECK-LABEL: goescape: function 'call_xmalloc': 2 sites, 2 promoted
; CHECK-NEXT: %a = xmalloc(24): promoted (align 16, 1 free removed)
; CHECK-NEXT: %b = xmalloc(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
define i8 @call_xmalloc(i64 %n) {
  %a = call ptr @xmalloc(i64 24)
  %b = call ptr @xmalloc(i64 %n)
  store i8 6, ptr %a
  %v = load i8, ptr %a
  call void @xfree(ptr %a)
  call void @xfree(ptr %b)
  ret i8 %v
}

; Not a wrapper: its result is memory the caller does not know.
; CHECK-LABEL: goescape: function 'call_counting_malloc': 0 sites, 0 promoted
define void @call_counting_malloc(ptr %out) {
  %a = call ptr @counting_malloc(i64 24)
  store ptr %a, ptr %out
  ret void
}

; CHECK-LABEL: goescape: function 'call_weak_reads': 1 site, 0 promoted
; CHECK-NEXT: kept (EscapesToCall): passed to 'weak_reads', which may keep it
define i8 @call_weak_reads() {
  %a = call ptr @malloc(i64 16)
  store i8 7, ptr %a
  %v = call i8 @weak_reads(ptr %a)
  ret i8 %v
}
