; A callee that frees what its parameter reaches may be replaced, for a
; caller whose objects those are, by a copy without the frees
; (f.goescape.nofree). That drops the deallocation calls themselves: right
; only where each is its object's own allocator's. A deallocation function
; of another family may be the program's own operator delete over malloc,
; reached by an object whose operator new was inlined into a malloc
; (test/C/cxx-own-operator-delete.test): dropping it drops its body. Such an
; object keeps the heap, as it does when the caller calls that deallocation
; function itself.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s
; RUN: %opt -passes=goescape -S %s | FileCheck %s --check-prefix=IR

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") "alloc-family"="_Znwm"
declare void @note(i32) nocallback

; Not free wrappers (each does something else too): their callers' objects
; are freed by a copy without the frees, or not at all.
define internal void @drop_delete(ptr %p) noinline {
  call void @note(i32 1)
  call void @_ZdlPv(ptr %p)
  ret void
}

define internal void @drop_free(ptr %p) noinline {
  call void @note(i32 2)
  call void @free(ptr %p)
  ret void
}

; Frees what its parameter points to: the object at level 1.
define internal void @drop_content_delete(ptr %h) noinline {
  call void @note(i32 3)
  %c = load ptr, ptr %h
  call void @_ZdlPv(ptr %c)
  ret void
}

; One family on one path, the other on the other.
define internal void @drop_either(ptr %p, i1 %c) noinline {
  call void @note(i32 4)
  br i1 %c, label %del, label %fr
del:
  call void @_ZdlPv(ptr %p)
  ret void
fr:
  call void @free(ptr %p)
  ret void
}

; The families agree: the call goes to the copy.
; CHECK-LABEL: goescape: function 'malloc_free_in_callee': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted (align 16, freed by a copy of 'drop_free' without its frees)
; IR-LABEL: define void @malloc_free_in_callee(
; IR: call void @drop_free.goescape.nofree(
define void @malloc_free_in_callee() {
  %p = call ptr @malloc(i64 16)
  store i32 1, ptr %p
  call void @drop_free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'new_delete_in_callee': 1 site, 1 promoted
; CHECK-NEXT: %p = new(16): promoted (align 16, freed by a copy of 'drop_delete' without its frees)
define void @new_delete_in_callee() {
  %p = call ptr @_Znwm(i64 16)
  store i32 1, ptr %p
  call void @drop_delete(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'malloc_delete_in_callee': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (FreeMismatch): freed by 'drop_delete', which belongs to another allocation family
; IR-LABEL: define void @malloc_delete_in_callee(
; IR: call ptr @malloc(
; IR: call void @drop_delete(
define void @malloc_delete_in_callee() {
  %p = call ptr @malloc(i64 16)
  store i32 1, ptr %p
  call void @drop_delete(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'new_free_in_callee': 1 site, 0 promoted
; CHECK-NEXT: %p = new(16): kept (FreeMismatch): freed by 'drop_free', which belongs to another allocation family
define void @new_free_in_callee() {
  %p = call ptr @_Znwm(i64 16)
  store i32 1, ptr %p
  call void @drop_free(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'content_mismatch': 2 sites, 1 promoted
; CHECK-NEXT: %h = malloc(8): promoted
; CHECK-NEXT: %c = malloc(16): kept (FreeMismatch): freed by 'drop_content_delete', which belongs to another allocation family
define void @content_mismatch() {
  %h = call ptr @malloc(i64 8)
  %c = call ptr @malloc(i64 16)
  store ptr %c, ptr %h
  call void @drop_content_delete(ptr %h)
  call void @free(ptr %h)
  ret void
}

; CHECK-LABEL: goescape: function 'mixed_families': 2 sites, 0 promoted
; CHECK-NEXT: %a = malloc(16): kept (FreeMismatch): freed by 'drop_either', which belongs to another allocation family
; CHECK-NEXT: %b = new(16): kept (FreeMismatch): freed by 'drop_either', which belongs to another allocation family
define void @mixed_families(i1 %c) {
  %a = call ptr @malloc(i64 16)
  call void @drop_either(ptr %a, i1 %c)
  %b = call ptr @_Znwm(i64 16)
  call void @drop_either(ptr %b, i1 %c)
  ret void
}

; A caller that hands its parameter on says with which family it is freed:
; its own caller's malloc keeps the heap.
define internal void @pass_on(ptr %p) noinline {
  call void @note(i32 5)
  call void @drop_delete(ptr %p)
  ret void
}

; CHECK-LABEL: goescape: function 'two_levels_down': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (FreeMismatch): freed by 'pass_on', which belongs to another allocation family
define void @two_levels_down() {
  %p = call ptr @malloc(i64 16)
  call void @pass_on(ptr %p)
  ret void
}
