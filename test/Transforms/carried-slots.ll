; Sites whose objects a loop carries past the site's next execution (a
; std::vector's old storage, deleted after the new one is filled; the last
; iteration's buffer): one slot cannot serve every execution, so such a
; site gets -goescape-carried-slots slots (2 by default), each with a flag
; that is set when the site hands the slot out and cleared by the free that
; gets it back; when every slot is taken (or a run-time size does not fit),
; the allocation as written. Frees free only what is in no slot. No
; lifetime markers: which slot an object has is known only at run time, so
; the budget counts every slot as live throughout.
;
; What stays on the heap: a carried site that realloc grows, one that
; escapes, one whose slots the frame budget cannot hold, and every carried
; site with -goescape-carried-slots=0.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -goescape-carried-slots=0 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=OFF
; RUN: %opt -goescape-carried-slots=3 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=THREE
; RUN: %opt -passes=goescape -S %s | FileCheck %s --check-prefix=IR
; RUN: %opt -passes=goescape,verify -disable-output %s
; RUN: %opt -goescape-carried-slots=3 -passes=goescape,verify -disable-output %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare noalias ptr @realloc(ptr allocptr captures(none), i64) allockind("realloc") allocsize(1) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias nonnull ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPvm(ptr allocptr captures(none), i64) allockind("free") "alloc-family"="_Znwm"
declare void @use2(ptr captures(none), ptr captures(none)) nocallback nofree nounwind
declare i1 @more() nocallback nounwind
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

@g = global ptr null

; This iteration's buffer and the last one's.
; CHECK-LABEL: goescape: function 'double_buffer': 1 site, 1 promoted
; CHECK-NEXT:  %cur = malloc(48): promoted (align 16, 2 48-byte slots each taken while free, heap otherwise, 2 frees only for the heap)
; OFF-LABEL:   goescape: function 'double_buffer': 1 site, 0 promoted
; OFF-NEXT:    %cur = malloc(48): kept (LoopCarried): may still be live when its loop allocates again
; THREE-LABEL: goescape: function 'double_buffer': 1 site, 1 promoted
; THREE-NEXT:  %cur = malloc(48): promoted (align 16, 3 48-byte slots each taken while free, heap otherwise, 2 frees only for the heap)
; IR-LABEL: define void @double_buffer(
; IR-NEXT:  entry:
; IR-NEXT:    %[[T1:cur.stack1.taken]] = alloca i1, align 1
; IR-NEXT:    store i1 false, ptr %[[T1]], align 1
; IR-NEXT:    %[[T0:cur.stack.taken]] = alloca i1, align 1
; IR-NEXT:    store i1 false, ptr %[[T0]], align 1
; IR-NEXT:    %[[S1:cur.stack1]] = alloca [48 x i8], align 16
; IR-NEXT:    %[[S0:cur.stack]] = alloca [48 x i8], align 16
; IR-NEXT:    br label %loop
; IR:       loop:
; IR-NEXT:    %prev = phi ptr [ null, %entry ], [ %cur, %[[NEXT:.*]] ]
; IR-NEXT:    %[[W0:.*]] = load i1, ptr %[[T0]], align 1
; IR-NEXT:    %[[F0:.*]] = xor i1 %[[W0]], true
; IR-NEXT:    %[[W1:.*]] = load i1, ptr %[[T1]], align 1
; IR-NEXT:    %[[F1:.*]] = xor i1 %[[W1]], true
; IR-NEXT:    %[[ANY:.*]] = or i1 %[[F0]], %[[F1]]
; IR-NEXT:    %[[PICK:.*]] = select i1 %[[F0]], ptr %[[S0]], ptr %[[S1]]
; IR-NEXT:    br i1 %[[ANY]], label %[[TAKE:.*]], label %[[HEAP:.*]]
; IR:       [[TAKE]]:
; IR-NEXT:    store i1 true, ptr %[[T0]], align 1
; IR-NEXT:    %[[N1:.*]] = xor i1 %[[F1]], true
; IR-NEXT:    %[[N0:.*]] = xor i1 %[[F0]], true
; IR-NEXT:    %[[NOW1:.*]] = or i1 %[[N1]], %[[N0]]
; IR-NEXT:    store i1 %[[NOW1]], ptr %[[T1]], align 1
; IR-NEXT:    br label %[[JOIN:.*]]
; IR:       [[HEAP]]:
; IR-NEXT:    %[[H:.*]] = call ptr @malloc(i64 48)
; IR-NEXT:    br label %[[JOIN]]
; IR:       [[JOIN]]:
; IR-NEXT:    %cur = phi ptr [ %[[PICK]], %[[TAKE]] ], [ %[[H]], %[[HEAP]] ]
; IR-NEXT:    call void @use2(ptr %cur, ptr %prev)
; IR-NEXT:    %[[IS0:.*]] = icmp eq ptr %prev, %[[S0]]
; IR-NEXT:    %[[X0:.*]] = load i1, ptr %[[T0]], align 1
; IR-NEXT:    %[[NIS0:.*]] = xor i1 %[[IS0]], true
; IR-NEXT:    %[[Y0:.*]] = and i1 %[[X0]], %[[NIS0]]
; IR-NEXT:    store i1 %[[Y0]], ptr %[[T0]], align 1
; IR-NEXT:    %[[IS1:.*]] = icmp eq ptr %prev, %[[S1]]
; IR-NEXT:    %[[X1:.*]] = load i1, ptr %[[T1]], align 1
; IR-NEXT:    %[[NIS1:.*]] = xor i1 %[[IS1]], true
; IR-NEXT:    %[[Y1:.*]] = and i1 %[[X1]], %[[NIS1]]
; IR-NEXT:    store i1 %[[Y1]], ptr %[[T1]], align 1
; IR-NEXT:    %[[ISS:.*]] = or i1 %[[IS0]], %[[IS1]]
; IR-NEXT:    %[[ONHEAP:.*]] = xor i1 %[[ISS]], true
; IR-NEXT:    br i1 %[[ONHEAP]], label %[[FREE:.*]], label %[[NEXT]]
; IR:       [[FREE]]:
; IR-NEXT:    call void @free(ptr %prev)
; IR-NEXT:    br label %[[NEXT]]
; IR-NOT:   lifetime
; IR-LABEL: define void @grow_new(
define void @double_buffer() {
entry:
  br label %loop
loop:
  %prev = phi ptr [ null, %entry ], [ %cur, %loop ]
  %cur = call ptr @malloc(i64 48)
  call void @use2(ptr %cur, ptr %prev)
  call void @free(ptr %prev)
  %m = call i1 @more()
  br i1 %m, label %loop, label %exit
exit:
  call void @free(ptr %cur)
  ret void
}

; A vector's push_back: new storage of run-time size, the old contents
; copied, the old storage deleted (sized) after. The size test and the
; slots' flags together decide.
; CHECK-LABEL: goescape: function 'grow_new': 1 site, 1 promoted
; CHECK-NEXT:  %new = new(?): promoted (align 16, 2 64-byte slots each taken while free when it fits, heap otherwise, 2 frees only for the heap)
; OFF-LABEL:   goescape: function 'grow_new': 1 site, 0 promoted
; OFF-NEXT:    %new = new(?): kept (LoopCarried): may still be live when its loop allocates again
; IR:         %[[FITS:.*]] = icmp ule i64 %bytes, 64
; IR:         %[[ANYN:.*]] = or i1 %{{.*}}, %{{.*}}
; IR-NEXT:    %[[PICKN:.*]] = select i1 %{{.*}}, ptr %new.stack, ptr %new.stack1
; IR-NEXT:    %[[BOTH:.*]] = and i1 %[[FITS]], %[[ANYN]]
; IR-NEXT:    br i1 %[[BOTH]],
; IR:         call ptr @_Znwm(i64 %bytes)
; IR:         call void @_ZdlPvm(ptr %old, i64 %oldbytes)
; IR-LABEL: define void @list(
define void @grow_new(i64 %n) {
entry:
  br label %loop
loop:
  %old = phi ptr [ null, %entry ], [ %new, %loop ]
  %oldbytes = phi i64 [ 0, %entry ], [ %bytes, %loop ]
  %cap = phi i64 [ 1, %entry ], [ %cap2, %loop ]
  %bytes = shl i64 %cap, 2
  %new = call ptr @_Znwm(i64 %bytes)
  call void @llvm.memcpy.p0.p0.i64(ptr %new, ptr %old, i64 %oldbytes, i1 false)
  call void @use2(ptr %new, ptr %old)
  call void @_ZdlPvm(ptr %old, i64 %oldbytes)
  %cap2 = shl i64 %cap, 1
  %m = icmp ult i64 %cap2, %n
  br i1 %m, label %loop, label %exit
exit:
  call void @_ZdlPvm(ptr %new, i64 %bytes)
  ret void
}

; A list built in a loop, freed by a walk after it: the first two nodes in
; the slots, the rest on the heap.
; CHECK-LABEL: goescape: function 'list': 1 site, 1 promoted
; CHECK-NEXT:  %x = malloc(16): promoted (align 16, 2 16-byte slots each taken while free, heap otherwise, 1 free only for the heap)
define void @list() {
entry:
  br label %build
build:
  %head = phi ptr [ null, %entry ], [ %x, %build ]
  %x = call ptr @malloc(i64 16)
  store ptr %head, ptr %x
  %m = call i1 @more()
  br i1 %m, label %build, label %walk
walk:
  %p = phi ptr [ %x, %build ], [ %next, %walk ]
  %next = load ptr, ptr %p
  call void @free(ptr %p)
  %end = icmp eq ptr %next, null
  br i1 %end, label %exit, label %walk
exit:
  ret void
}

; Carried and grown by realloc: growth has one slot.
; CHECK-LABEL: goescape: function 'carried_grown': 1 site, 0 promoted
; CHECK-NEXT:  %cur = malloc(16): kept (LoopCarried): may still be live when its loop allocates again
define void @carried_grown(i64 %n) {
entry:
  br label %loop
loop:
  %prev = phi ptr [ null, %entry ], [ %big, %loop ]
  %cur = call ptr @malloc(i64 16)
  %big = call ptr @realloc(ptr %cur, i64 %n)
  call void @use2(ptr %big, ptr %prev)
  call void @free(ptr %prev)
  %m = call i1 @more()
  br i1 %m, label %loop, label %exit
exit:
  call void @free(ptr %big)
  ret void
}

; Carried and published: the escape decides.
; CHECK-LABEL: goescape: function 'carried_escapes': 1 site, 0 promoted
; CHECK-NEXT:  %cur = malloc(48): kept (EscapesToGlobal): stored to global 'g'
define void @carried_escapes() {
entry:
  br label %loop
loop:
  %prev = phi ptr [ null, %entry ], [ %cur, %loop ]
  %cur = call ptr @malloc(i64 48)
  store ptr %cur, ptr @g
  call void @free(ptr %prev)
  %m = call i1 @more()
  br i1 %m, label %loop, label %exit
exit:
  ret void
}

; Two 40 KiB slots do not fit the 128 KiB frame budget beside a 64 KiB
; array: the budget counts every slot.
; CHECK-LABEL: goescape: function 'carried_budget': 1 site, 0 promoted
; CHECK-NEXT:  %cur = malloc(40960): kept (FrameBudget): over the stack budget of 'carried_budget' (131072 bytes, -goescape-frame-budget)
define void @carried_budget() {
entry:
  %big = alloca [65536 x i8]
  call void @use2(ptr %big, ptr null)
  br label %loop
loop:
  %prev = phi ptr [ null, %entry ], [ %cur, %loop ]
  %cur = call ptr @malloc(i64 40960)
  call void @use2(ptr %cur, ptr %prev)
  call void @free(ptr %prev)
  %m = call i1 @more()
  br i1 %m, label %loop, label %exit
exit:
  call void @free(ptr %cur)
  ret void
}
