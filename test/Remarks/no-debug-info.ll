; Without debug info a remark has no location (clang prints <unknown>:0:0),
; so the message names the function; -goescape-m does the same.
; RUN: %opt -passes=goescape -pass-remarks=goescape -pass-remarks-missed=goescape -disable-output %s 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: %opt -passes=goescape -goescape-m -disable-output %s 2>&1 | FileCheck %s --check-prefix=M
; REMARK: remark: <unknown>:0:0: malloc(16) moved to stack in function 'f'
; REMARK: remark: <unknown>:0:0: malloc(32) escapes to heap in function 'f': stored to global 'g'
; M: function 'f': malloc(16) moved to stack
; M: function 'f': malloc(32) escapes to heap: stored to global 'g'
; M: goescape: {{.*}}: 1 site moved to stack (16 bytes), 1 kept on heap

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

define i8 @f() {
  %a = call ptr @malloc(i64 16)
  store i8 1, ptr %a
  %v = load i8, ptr %a
  call void @free(ptr %a)
  %b = call ptr @malloc(i64 32)
  store ptr %b, ptr @g
  ret i8 %v
}
