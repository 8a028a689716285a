; A free that may get a site's object or another (free(c ? a : b); the
; free of a grown array's old storage, which a peeled first iteration
; allocated at another site) stays, for what is in no slot, when every
; free of the object tests for its slot anyway: a site of run-time size
; (the small buffer), one with carried slots, one that grows. Each such
; site tests for its own slot, the tests nested, so the call frees only
; what is in none. A site whose frees would be removed (constant size, one
; slot) keeps the heap for such a free (AmbiguousFree), and so does any
; site when the free is an invoke.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -passes=goescape -S %s | FileCheck %s --check-prefix=IR
; RUN: %opt -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias nonnull ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") "alloc-family"="_Znwm"
declare void @use(ptr captures(none)) nocallback nofree nounwind
declare void @use2(ptr captures(none), ptr captures(none)) nocallback nofree nounwind
declare i1 @more() nocallback nounwind
declare i32 @__gxx_personality_v0(...)

; Two objects of run-time size, one free for either: both move, and the
; free tests for each slot.
; CHECK-LABEL: goescape: function 'either_runtime': 2 sites, 2 promoted
; CHECK-NEXT:  %a = malloc(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; CHECK-NEXT:  %b = malloc(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; IR-LABEL: define void @either_runtime(
; IR:         %p = select i1 %c, ptr %a, ptr %b
; IR-NEXT:    call void @use(ptr %p)
; IR-NEXT:    %[[ISA:.*]] = icmp eq ptr %p, %a.stack
; IR-NEXT:    %[[NOTA:.*]] = xor i1 %[[ISA]], true
; IR-NEXT:    br i1 %[[NOTA]], label %[[T1:.*]], label %[[DONE:.*]]
; IR:       [[T1]]:
; IR-NEXT:    %[[ISB:.*]] = icmp eq ptr %p, %b.stack
; IR-NEXT:    %[[NOTB:.*]] = xor i1 %[[ISB]], true
; IR-NEXT:    br i1 %[[NOTB]], label %[[T2:.*]], label %[[DONE1:.*]]
; IR:       [[T2]]:
; IR-NEXT:    call void @free(ptr %p)
define void @either_runtime(i1 %c, i64 %n, i64 %m) {
  %a = call ptr @malloc(i64 %n)
  %b = call ptr @malloc(i64 %m)
  %p = select i1 %c, ptr %a, ptr %b
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; One of run-time size, one constant: the constant one's frees would go,
; so it keeps the heap; the other moves, and the free tests for its slot.
; CHECK-LABEL: goescape: function 'either_mixed': 2 sites, 1 promoted
; CHECK-NEXT:  %a = malloc(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; CHECK-NEXT:  %b = malloc(16): kept (AmbiguousFree): freed by a 'free' call that may also free another object
define void @either_mixed(i1 %c, i64 %n) {
  %a = call ptr @malloc(i64 %n)
  %b = call ptr @malloc(i64 16)
  %p = select i1 %c, ptr %a, ptr %b
  call void @use(ptr %p)
  call void @free(ptr %p)
  ret void
}

; A grown array whose first storage a peeled first iteration made: the
; free in the loop gets either. The carried site moves; the peeled one
; (constant size, one slot) keeps the heap.
; CHECK-LABEL: goescape: function 'grow_peeled': 2 sites, 1 promoted
; CHECK-NEXT:  %first = malloc(4): kept (AmbiguousFree): freed by a 'free' call that may also free another object
; CHECK-NEXT:  %new = malloc(?): promoted (align 16, 2 64-byte slots each taken while free when it fits, heap otherwise, 2 frees only for the heap)
define void @grow_peeled(i64 %n) {
entry:
  %first = call ptr @malloc(i64 4)
  call void @use(ptr %first)
  br label %loop
loop:
  %old = phi ptr [ %first, %entry ], [ %new, %loop ]
  %cap = phi i64 [ 2, %entry ], [ %cap2, %loop ]
  %bytes = shl i64 %cap, 2
  %new = call ptr @malloc(i64 %bytes)
  call void @use2(ptr %new, ptr %old)
  call void @free(ptr %old)
  %cap2 = shl i64 %cap, 1
  %m = icmp ult i64 %cap2, %n
  br i1 %m, label %loop, label %exit
exit:
  call void @free(ptr %new)
  ret void
}

; A free that may get the object or a parameter's: the slot test tells.
; CHECK-LABEL: goescape: function 'or_param': 1 site, 1 promoted
; CHECK-NEXT:  %a = malloc(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; CHECK-NEXT:  frees param: q
define void @or_param(i1 %c, i64 %n, ptr %q) {
  %a = call ptr @malloc(i64 %n)
  call void @use(ptr %a)
  %p = select i1 %c, ptr %a, ptr %q
  call void @free(ptr %p)
  ret void
}

; An invoked delete is not shared: its rewrite would replace the call
; under the other sites.
; CHECK-LABEL: goescape: function 'invoked_delete': 2 sites, 0 promoted
; CHECK-NEXT:  %a = new(?): kept (AmbiguousFree)
; CHECK-NEXT:  %b = new(?): kept (AmbiguousFree)
define void @invoked_delete(i1 %c, i64 %n, i64 %m) personality ptr @__gxx_personality_v0 {
  %a = call ptr @_Znwm(i64 %n)
  %b = call ptr @_Znwm(i64 %m)
  %p = select i1 %c, ptr %a, ptr %b
  invoke void @_ZdlPv(ptr %p) to label %ok unwind label %lp
ok:
  ret void
lp:
  %l = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %l
}
