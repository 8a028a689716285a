; An object made by an invoked operator new and deleted through its own
; pointer ends its life at the delete, as a called one does: the budget
; counts it dead there (two such objects share stack), so the slot must get
; its llvm.lifetime.end, or codegen keeps both slots and the frame is larger
; than the budget allowed. The transform used to compare the freed pointer
; with the call that replaced the invoke, which never matched (and read the
; erased invoke).
; RUN: %opt -passes=goescape -S %s | FileCheck %s
; RUN: %opt -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") "alloc-family"="_Znwm"
declare void @use(ptr captures(none)) nocallback nofree nounwind
declare i32 @__gxx_personality_v0(...)

; CHECK-LABEL: define void @invoke_new_delete(
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p)
; CHECK-NOT:     invoke
; CHECK:         call void @use(ptr %p)
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %p)
; CHECK-NEXT:    ret void
define void @invoke_new_delete() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znwm(i64 16) to label %cont unwind label %lpad
cont:
  call void @use(ptr %p)
  call void @_ZdlPv(ptr %p)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; The same with a call: the reference shape.
; CHECK-LABEL: define void @call_new_delete(
; CHECK:         call void @llvm.lifetime.start.p0(ptr %p)
; CHECK-NEXT:    call void @use(ptr %p)
; CHECK-NEXT:    call void @llvm.lifetime.end.p0(ptr %p)
; CHECK-NEXT:    ret void
define void @call_new_delete() {
  %p = call ptr @_Znwm(i64 16)
  call void @use(ptr %p)
  call void @_ZdlPv(ptr %p)
  ret void
}
