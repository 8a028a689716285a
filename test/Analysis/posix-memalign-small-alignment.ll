; Regression test for a miscompile found by review: posix_memalign fails
; (EINVAL) for an alignment below sizeof(void *), which a stack slot cannot
; do, so such a call stays a call.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @posix_memalign(ptr, i64, i64)

; 9. posix_memalign fails (EINVAL) for an alignment below sizeof(void *).
; CHECK-LABEL: goescape: function 'posix_memalign_too_small': 1 site, 0 promoted
; CHECK-NEXT: posix_memalign(16): kept (BadAlignment)
define i32 @posix_memalign_too_small() {
  %out = alloca ptr
  %r = call i32 @posix_memalign(ptr %out, i64 4, i64 16)
  ret i32 %r
}
