; A new[] of run-time size that is invoked (a destructor must run if it
; throws) gets the small buffer too: the test on the size, the slot on one
; path, the invoke on the other, whose normal edge joins the slot's and
; whose unwind edge still reaches the landing pad. Phis in both
; successors that named the invoke's block name the new blocks. Before,
; canFallBack refused every invoke and the site stayed on the heap.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=PRINT
; RUN: %opt -passes=goescape -S %s | FileCheck %s
; RUN: %opt -passes=goescape -S %s | opt -passes=verify -disable-output

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noundef nonnull ptr @_Znam(i64 noundef) nobuiltin allocsize(0)
declare void @_ZdaPv(ptr noundef) nobuiltin nounwind
declare i32 @fill(ptr captures(none), i64) nocallback nounwind nofree
declare i32 @__gxx_personality_v0(...)

; PRINT-LABEL: goescape: function 'work': 1 site, 1 promoted
; PRINT-NEXT: %p = new[](?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; CHECK-LABEL: define i32 @work(
; CHECK:         %p.stack = alloca [64 x i8], align 16
; CHECK:         %[[FITS:.*]] = icmp ule i64 %n, 64
; CHECK-NEXT:    br i1 %[[FITS]], label %[[SLOT:.*]], label %[[HEAP:.*]]
; CHECK:       [[SLOT]]:
; CHECK-NEXT:    call void @llvm.lifetime.start.p0(ptr %p.stack)
; CHECK-NEXT:    br label %[[JOIN:.*]]
; CHECK:       [[HEAP]]:
; CHECK-NEXT:    %[[H:.*]] = invoke {{.*}}ptr @_Znam(i64 noundef %n)
; CHECK-NEXT:            to label %[[JOIN]] unwind label %lpad
; CHECK:       [[JOIN]]:
; CHECK-NEXT:    %p = phi ptr [ %p.stack, %[[SLOT]] ], [ %[[H]], %[[HEAP]] ]
; CHECK-NEXT:    br label %cont
; CHECK:       cont:
; CHECK-NEXT:    %from = phi i32 [ 1, %[[JOIN]] ]
; CHECK:         %[[ISSLOT:.*]] = icmp eq ptr %p, %p.stack
; CHECK:         call void @_ZdaPv(ptr noundef nonnull %p)
; CHECK:       lpad:
; CHECK-NEXT:    %why = phi i32 [ 2, %[[HEAP]] ]
; CHECK-NEXT:    landingpad
define i32 @work(i64 %n) personality ptr @__gxx_personality_v0 {
entry:
  %p = invoke noundef nonnull ptr @_Znam(i64 noundef %n) builtin allocsize(0)
          to label %cont unwind label %lpad

cont:
  %from = phi i32 [ 1, %entry ]
  %s = call i32 @fill(ptr %p, i64 %n)
  call void @_ZdaPv(ptr noundef nonnull %p) builtin nounwind
  %r = add i32 %s, %from
  ret i32 %r

lpad:
  %why = phi i32 [ 2, %entry ]
  %lp = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %lp
}
