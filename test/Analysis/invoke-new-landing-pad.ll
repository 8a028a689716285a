; operator new called by invoke, with a real landing pad, and the shape
; clang gives `new T(...)`: a constructor invoked on the new object, whose
; landing pad deletes it. The stack cannot throw, so a promoted invoke loses
; its unwind edge (test/Transforms/promote.ll checks the rewrite), and a
; delete on the unwind path is one more free of the same object. What the
; landing pad does with the object counts like any other use.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null

declare noalias ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") "alloc-family"="_Znwm"
declare void @_ZdlPvm(ptr allocptr captures(none), i64) allockind("free") "alloc-family"="_Znwm"
declare i32 @__gxx_personality_v0(...)
declare void @use(ptr captures(none)) nocallback nofree
declare void @ctor(ptr captures(none)) nocallback nofree

; CHECK-LABEL: goescape: function 'invoke_new': 1 site, 1 promoted
; CHECK-NEXT: %p = new(16): promoted (align 16, 1 free removed)
define void @invoke_new() personality ptr @__gxx_personality_v0 {
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

; CHECK-LABEL: goescape: function 'invoke_new_published': 1 site, 0 promoted
; CHECK-NEXT: %p = new(16): kept (EscapesToGlobal): stored to global 'g'
define void @invoke_new_published() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znwm(i64 16) to label %cont unwind label %lpad
cont:
  store ptr %p, ptr @g
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}

; new T(): the constructor may throw, and its landing pad deletes the object.
; CHECK-LABEL: goescape: function 'ctor_throws': 1 site, 1 promoted
; CHECK-NEXT: %p = new(16): promoted (align 16, 2 frees removed)
define void @ctor_throws() personality ptr @__gxx_personality_v0 {
entry:
  %p = call ptr @_Znwm(i64 16)
  invoke void @ctor(ptr %p) to label %cont unwind label %lpad
cont:
  call void @use(ptr %p)
  call void @_ZdlPvm(ptr %p, i64 16)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @_ZdlPvm(ptr %p, i64 16)
  resume { ptr, i32 } %lp
}

; Both invoked, each with its own landing pad.
; CHECK-LABEL: goescape: function 'invoke_new_and_ctor': 1 site, 1 promoted
; CHECK-NEXT: %p = new(16): promoted (align 16, 2 frees removed)
define void @invoke_new_and_ctor() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znwm(i64 16) to label %made unwind label %lpad.new
made:
  invoke void @ctor(ptr %p) to label %cont unwind label %lpad
cont:
  call void @_ZdlPv(ptr %p)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  call void @_ZdlPv(ptr %p)
  resume { ptr, i32 } %lp
lpad.new:
  %lp.new = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp.new
}

; One landing pad for both: it deletes null when new threw, the object when
; the constructor did.
; CHECK-LABEL: goescape: function 'shared_landing_pad': 1 site, 1 promoted
; CHECK-NEXT: %p = new(16): promoted (align 16, 2 frees removed)
define void @shared_landing_pad() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znwm(i64 16) to label %made unwind label %lpad
made:
  invoke void @ctor(ptr %p) to label %cont unwind label %lpad
cont:
  call void @_ZdlPv(ptr %p)
  ret void
lpad:
  %q = phi ptr [ null, %entry ], [ %p, %made ]
  %lp = landingpad { ptr, i32 } cleanup
  call void @_ZdlPv(ptr %q)
  resume { ptr, i32 } %lp
}

; The landing pad publishes the object instead of deleting it.
; CHECK-LABEL: goescape: function 'landing_pad_publishes': 1 site, 0 promoted
; CHECK-NEXT: %p = new(16): kept (EscapesToGlobal): stored to global 'g'
define void @landing_pad_publishes() personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke ptr @_Znwm(i64 16) to label %made unwind label %lpad.new
made:
  invoke void @ctor(ptr %p) to label %cont unwind label %lpad
cont:
  call void @_ZdlPv(ptr %p)
  ret void
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  store ptr %p, ptr @g
  resume { ptr, i32 } %lp
lpad.new:
  %lp.new = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp.new
}
