; Bad option values are clear errors, not crashes; good ones take effect.
; RUN: not %opt -goescape-max-size=abc -passes=goescape -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADSIZE
; RUN: not %opt -goescape-frame-budget=-1 -passes=goescape -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADBUDGET
; RUN: not %opt -passes='goescape<bogus>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=BADPARAM
; RUN: %opt -goescape-max-size=0 -passes=goescape -S %s | FileCheck %s --check-prefix=NONE
; RUN: %opt -passes='goescape<cleanup>' -S %s | FileCheck %s --check-prefix=CLEANUP
; RUN: %opt -passes='require<goescape>,invalidate<goescape>,print<goescape>' -disable-output %s | FileCheck %s --check-prefix=UTIL

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; BADSIZE: for the --goescape-max-size option: 'abc' value invalid
; BADBUDGET: for the --goescape-frame-budget option: '-1' value invalid
; BADPARAM: goescape: invalid goescape pass parameter 'bogus'
; BADPARAM-NEXT: unknown pass name 'goescape<bogus>'

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

; NONE-LABEL: define i32 @f(
; NONE: call ptr @malloc(i64 4)
; CLEANUP-LABEL: define i32 @f(
; CLEANUP-NEXT: ret i32 %x
; UTIL: goescape: function 'f': 1 site, 1 promoted
define i32 @f(i32 %x) {
  %p = call ptr @malloc(i64 4)
  store i32 %x, ptr %p
  %v = load i32, ptr %p
  call void @free(ptr %p)
  ret i32 %v
}
