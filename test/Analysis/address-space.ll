; A promoted object lives in an alloca, in the DataLayout's alloca address
; space (A5 here, as on AMDGPU). An allocation whose result is in another
; address space is kept (AddressSpace), and so is posix_memalign, whose
; out-parameter takes a generic (address space 0) pointer, when the stack is
; not in address space 0. An allocation that returns the alloca address
; space is promoted, to an alloca the verifier accepts.
; RUN: rm -rf %t && split-file %s %t
; RUN: %opt -passes='print<goescape>' -disable-output %t/stack-a5.ll 2>&1 | FileCheck %s --check-prefix=A5 --implicit-check-not=goescape:
; RUN: %opt -passes=goescape -S %t/stack-a5.ll | FileCheck %s --check-prefix=A5-IR
; RUN: %opt -passes='print<goescape>' -disable-output %t/heap-as1.ll 2>&1 | FileCheck %s --check-prefix=AS1 --implicit-check-not=goescape:

;--- stack-a5.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-A5"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias ptr addrspace(5) @malloc5(i64) nocallback allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc5"
declare void @free5(ptr addrspace(5) allocptr captures(none)) nocallback allockind("free") "alloc-family"="malloc5"
declare i32 @posix_memalign(ptr, i64, i64)

; A5-LABEL: goescape: function 'generic_malloc': 1 site, 0 promoted
; A5-NEXT: %a = malloc(16): kept (AddressSpace): the stack is in another address space
define void @generic_malloc() {
  %a = call ptr @malloc(i64 16)
  store i8 1, ptr %a
  call void @free(ptr %a)
  ret void
}

; A5-LABEL: goescape: function 'stack_space_malloc': 1 site, 1 promoted
; A5-NEXT: %a = malloc5(16): promoted (align 16, 1 free removed)
; A5-IR-LABEL: define void @stack_space_malloc(
; A5-IR-NEXT: %a = alloca [16 x i8], align 16, addrspace(5)
; A5-IR-NEXT: call void @llvm.lifetime.start.p5(ptr addrspace(5) %a)
; A5-IR-NEXT: store i8 1, ptr addrspace(5) %a
; A5-IR-NEXT: call void @llvm.lifetime.end.p5(ptr addrspace(5) %a)
; A5-IR-NEXT: ret void
define void @stack_space_malloc() {
  %a = call ptr addrspace(5) @malloc5(i64 16)
  store i8 1, ptr addrspace(5) %a
  call void @free5(ptr addrspace(5) %a)
  ret void
}

; A5-LABEL: goescape: function 'posix_memalign_generic_out': 1 site, 0 promoted
; A5-NEXT: posix_memalign(16): kept (AddressSpace): the stack is in another address space
define i32 @posix_memalign_generic_out() {
  %out = alloca ptr, addrspace(5)
  %g = addrspacecast ptr addrspace(5) %out to ptr
  %r = call i32 @posix_memalign(ptr %g, i64 16, i64 16)
  ret i32 %r
}

;--- heap-as1.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias ptr addrspace(1) @malloc1(i64) nocallback allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc1"
declare void @free1(ptr addrspace(1) allocptr captures(none)) nocallback allockind("free") "alloc-family"="malloc1"
declare i32 @posix_memalign(ptr, i64, i64)

; AS1-LABEL: goescape: function 'other_space_malloc': 1 site, 0 promoted
; AS1-NEXT: %a = malloc1(16): kept (AddressSpace): the stack is in another address space
define void @other_space_malloc() {
  %a = call ptr addrspace(1) @malloc1(i64 16)
  store i8 1, ptr addrspace(1) %a
  call void @free1(ptr addrspace(1) %a)
  ret void
}

; AS1-LABEL: goescape: function 'generic_malloc': 1 site, 1 promoted
; AS1-NEXT: %a = malloc(16): promoted (align 16, 1 free removed)
define void @generic_malloc() {
  %a = call ptr @malloc(i64 16)
  store i8 1, ptr %a
  call void @free(ptr %a)
  ret void
}

; AS1-LABEL: goescape: function 'posix_memalign_generic_out': 1 site, 1 promoted
; AS1-NEXT: posix_memalign(16): promoted (align 16)
define i32 @posix_memalign_generic_out() {
  %out = alloca ptr
  %r = call i32 @posix_memalign(ptr %out, i64 16, i64 16)
  ret i32 %r
}
