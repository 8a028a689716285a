; The bytes of a load decide what it reads, not its type: the integer fields
; (and padding) of an aggregate loaded over bytes where a pointer was stored
; read that address as data, exactly like an i64 load of those bytes. And a
; value of any width that carries bits of an address (an i32 half) escapes
; when it leaves through a call or a return. (Regression: a load of
; {ptr, i32, i32} over a stored pointer, whose halves went to a callee that
; rebuilt the pointer in a global, promoted the object: a use after return.)
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @rebuild_extern(i32, i32)

; CHECK-LABEL: goescape: function 'mixed_struct_halves': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesToInteger)
define void @mixed_struct_halves() {
  %box = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr null, ptr %box
  %b1 = getelementptr i8, ptr %box, i64 8
  store ptr %p, ptr %b1
  %agg = load { ptr, i32, i32 }, ptr %box
  %lo = extractvalue { ptr, i32, i32 } %agg, 1
  %hi = extractvalue { ptr, i32, i32 } %agg, 2
  call void @rebuild_extern(i32 %lo, i32 %hi)
  ret void
}

; The callee is defined here and rebuilds the pointer in a global.
define void @rebuild(i32 %lo, i32 %hi) {
  %l = zext i32 %lo to i64
  %h = zext i32 %hi to i64
  %hs = shl i64 %h, 32
  %a = or i64 %hs, %l
  %q = inttoptr i64 %a to ptr
  store ptr %q, ptr @g
  ret void
}

; CHECK-LABEL: goescape: function 'mixed_struct_to_defined': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesToInteger)
define void @mixed_struct_to_defined() {
  %box = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store ptr null, ptr %box
  %b1 = getelementptr i8, ptr %box, i64 8
  store ptr %p, ptr %b1
  %agg = load { ptr, i32, i32 }, ptr %box
  %lo = extractvalue { ptr, i32, i32 } %agg, 1
  %hi = extractvalue { ptr, i32, i32 } %agg, 2
  call void @rebuild(i32 %lo, i32 %hi)
  ret void
}

; Padding is data too: {i8, ptr} has 7 bytes of it over the stored pointer's
; first bytes... here the pointer is stored at offset 1, under the padding.
; CHECK-LABEL: goescape: function 'padding_over_pointer': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesToInteger)
define void @padding_over_pointer() {
  %box = alloca [3 x ptr]
  %p = call ptr @malloc(i64 16)
  %b1 = getelementptr i8, ptr %box, i64 1
  store ptr %p, ptr %b1, align 1
  %agg = load { i8, ptr }, ptr %box
  %c = extractvalue { i8, ptr } %agg, 0
  %w = zext i8 %c to i32
  call void @rebuild_extern(i32 %w, i32 0)
  ret void
}

; An array of mixed structs: the second element's integer reads the pointer.
; CHECK-LABEL: goescape: function 'array_of_mixed': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesToInteger)
define void @array_of_mixed() {
  %box = alloca [4 x ptr]
  %p = call ptr @malloc(i64 16)
  %b3 = getelementptr i8, ptr %box, i64 24
  store ptr %p, ptr %b3
  %agg = load [2 x { ptr, i64 }], ptr %box
  %e = extractvalue [2 x { ptr, i64 }] %agg, 1, 1
  %t = trunc i64 %e to i32
  call void @rebuild_extern(i32 %t, i32 0)
  ret void
}

; A half returned: bits of the address leave the frame.
; CHECK-LABEL: goescape: function 'half_returned': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept
define i32 @half_returned() {
  %box = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  %b1 = getelementptr i8, ptr %box, i64 8
  store ptr %p, ptr %b1
  %agg = load { ptr, i32, i32 }, ptr %box
  %lo = extractvalue { ptr, i32, i32 } %agg, 1
  ret i32 %lo
}

; Precision beside the negatives: the pointer sits under the pointer field,
; the integer fields hold no address, and the object stays local.
; CHECK-LABEL: goescape: function 'pointer_field_is_pointer': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted
define i8 @pointer_field_is_pointer() {
  %box = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store i8 3, ptr %p
  store ptr %p, ptr %box
  %agg = load { ptr, i32, i32 }, ptr %box
  %q = extractvalue { ptr, i32, i32 } %agg, 0
  %v = load i8, ptr %q
  call void @free(ptr %p)
  ret i8 %v
}

; A vector of pointers reads pointers.
; CHECK-LABEL: goescape: function 'pointer_vector': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted
define i8 @pointer_vector() {
  %box = alloca [2 x ptr]
  %p = call ptr @malloc(i64 16)
  store i8 3, ptr %p
  %b1 = getelementptr i8, ptr %box, i64 8
  store ptr %p, ptr %b1
  store ptr %p, ptr %box
  %vec = load <2 x ptr>, ptr %box
  %q = extractelement <2 x ptr> %vec, i32 1
  %v = load i8, ptr %q
  call void @free(ptr %p)
  ret i8 %v
}
