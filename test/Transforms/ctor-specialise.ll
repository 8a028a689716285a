; A constructor that is not inlined (issue 14, item 4): a function that
; returns its one allocation, of constant size, on every return that is not
; null, and does nothing else with it. A caller whose use of the result
; does not escape gives it a slot: the call goes to a copy of the
; constructor with the slot as one more parameter, in which the allocation
; is the slot (zeroed for calloc) and its null checks fold; the caller's
; frees go. The copy is made from the body as written, drops the
; attributes that described the allocating function (memory(argmem: none)
; would now be false), and is called without `tail` (it gets the caller's
; stack). Where the copy returns the slot on every path, the caller uses
; the slot; where it may return null (rec_maybe), what it returns. An
; invoke stays an invoke.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=PRINT
; RUN: %opt -passes=goescape -S %s | FileCheck %s
; RUN: %opt -passes=goescape -S %s | %opt -passes=verify -disable-output

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare void @free(ptr)
declare void @exit(i32) noreturn
declare ptr @_Znwm(i64)
declare void @_ZdlPvm(ptr, i64)
declare void @may_throw(ptr)
declare i32 @__gxx_personality_v0(...)

; PRINT-LABEL: goescape: function 'rec_new': 1 site, 0 promoted (constructor)
; PRINT-NEXT: %r = malloc(40): kept (EscapesByReturn): returned from 'rec_new'
; The original stays for every other caller.
; CHECK-LABEL: define ptr @rec_new(
; CHECK: call ptr @malloc(i64 40)
define ptr @rec_new(i32 %id) #0 {
entry:
  %r = call ptr @malloc(i64 40)
  %null = icmp eq ptr %r, null
  br i1 %null, label %fail, label %ok
fail:
  call void @exit(i32 1)
  unreachable
ok:
  store i32 %id, ptr %r
  ret ptr %r
}

; PRINT-LABEL: goescape: function 'rec_maybe': 1 site, 0 promoted (constructor)
define ptr @rec_maybe(i32 %id) {
entry:
  %bad = icmp slt i32 %id, 0
  br i1 %bad, label %none, label %make
make:
  %r = call ptr @calloc(i64 1, i64 24)
  %null = icmp eq ptr %r, null
  br i1 %null, label %none, label %fill
fill:
  store i32 %id, ptr %r
  br label %none
none:
  %p = phi ptr [ null, %entry ], [ null, %make ], [ %r, %fill ]
  ret ptr %p
}

; PRINT-LABEL: goescape: function 'widget_make': 1 site, 0 promoted (constructor)
define ptr @widget_make(i32 %v) personality ptr @__gxx_personality_v0 {
entry:
  %w = call ptr @_Znwm(i64 16)
  store i32 %v, ptr %w
  ret ptr %w
}

; PRINT-LABEL: goescape: function 'use_rec': 1 site, 1 promoted
; PRINT-NEXT: %r = rec_new(...): promoted (align 16, constructor specialised, 1 free removed)
; CHECK-LABEL: define i32 @use_rec(
; CHECK-NEXT: %r = alloca [40 x i8], align 16
; CHECK-NEXT: call void @llvm.lifetime.start.p0(ptr %r)
; CHECK-NEXT: {{%[0-9]+}} = call ptr @rec_new.goescape.ctor(i32 %id, ptr %r)
; CHECK-NEXT: %v = load i32, ptr %r
; CHECK-NEXT: call void @llvm.lifetime.end.p0(ptr %r)
; CHECK-NEXT: ret i32 %v
define i32 @use_rec(i32 %id) {
  %r = tail call ptr @rec_new(i32 %id)
  %v = load i32, ptr %r
  call void @free(ptr %r)
  ret i32 %v
}

; The call's own attributes that describe an allocating function
; (allocsize, an alloc family, noalias on the result) do not go to the
; copy's call: the only attributes left are those of the arguments.
; PRINT-LABEL: goescape: function 'use_rec_attrs': 1 site, 1 promoted
; CHECK-LABEL: define i32 @use_rec_attrs(
; CHECK: {{%[0-9]+}} = call ptr @rec_new.goescape.ctor(i32 noundef %id, ptr %r){{$}}
define i32 @use_rec_attrs(i32 %id) {
  %r = call noalias ptr @rec_new(i32 noundef %id) #1
  %v = load i32, ptr %r
  call void @free(ptr %r)
  ret i32 %v
}

; PRINT-LABEL: goescape: function 'use_maybe': 1 site, 1 promoted
; PRINT-NEXT: %m = rec_maybe(...): promoted (align 16, constructor specialised, 1 free removed)
; CHECK-LABEL: define i32 @use_maybe(
; CHECK: %m.stack = alloca [24 x i8], align 16
; CHECK: %m = call ptr @rec_maybe.goescape.ctor(i32 %id, ptr %m.stack)
; CHECK-NEXT: %none = icmp eq ptr %m, null
; CHECK: %v = load i32, ptr %m
; CHECK-NOT: @free
; CHECK: ret i32 %res
define i32 @use_maybe(i32 %id) {
entry:
  %m = call ptr @rec_maybe(i32 %id)
  %none = icmp eq ptr %m, null
  br i1 %none, label %out, label %read
read:
  %v = load i32, ptr %m
  call void @free(ptr %m)
  br label %out
out:
  %res = phi i32 [ -1, %entry ], [ %v, %read ]
  ret i32 %res
}

; PRINT-LABEL: goescape: function 'use_widget': 1 site, 1 promoted
; PRINT-NEXT: %w = widget_make(...): promoted (align 16, constructor specialised, 1 free removed)
; CHECK-LABEL: define i32 @use_widget(
; CHECK: %w = alloca [16 x i8], align 16
; CHECK: invoke ptr @widget_make.goescape.ctor(i32 %v, ptr %w)
; CHECK-NEXT: to label %made unwind label %lp
; CHECK-NOT: @_ZdlPvm
; CHECK: resume
define i32 @use_widget(i32 %v) personality ptr @__gxx_personality_v0 {
entry:
  %w = invoke ptr @widget_make(i32 %v) to label %made unwind label %lp
made:
  %x = load i32, ptr %w
  call void @_ZdlPvm(ptr %w, i64 16)
  ret i32 %x
lp:
  %e = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %e
}

; CHECK-LABEL: define internal ptr @rec_new.goescape.ctor(i32 %id, ptr noalias noundef nonnull returned align 16 dereferenceable(40) %goescape.slot) unnamed_addr {
; CHECK-NOT: @malloc
; CHECK-NOT: @exit
; CHECK: store i32 %id, ptr %goescape.slot
; CHECK-NEXT: ret ptr %goescape.slot

; CHECK-LABEL: define internal ptr @rec_maybe.goescape.ctor(i32 %id, ptr noalias noundef nonnull align 16 dereferenceable(24) %goescape.slot) unnamed_addr {
; CHECK-NOT: @calloc
; CHECK: call void @llvm.memset.p0.i64(ptr align 16 %goescape.slot, i8 0, i64 24, i1 false)
; CHECK: %p = phi ptr [ null, %entry ], [ %goescape.slot, %fill ]
; CHECK-NEXT: ret ptr %p

; CHECK-LABEL: define internal ptr @widget_make.goescape.ctor(i32 %v, ptr noalias noundef nonnull returned align 16 dereferenceable(16) %goescape.slot) unnamed_addr personality ptr @__gxx_personality_v0 {
; CHECK-NEXT: entry:
; CHECK-NEXT: store i32 %v, ptr %goescape.slot
; CHECK-NEXT: ret ptr %goescape.slot

attributes #0 = { memory(readwrite, argmem: none) }
attributes #1 = { allocsize(0) "alloc-family"="malloc" }
