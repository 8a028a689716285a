; A recursive SCC is solved again and again from the optimistic summary
; until its summaries stop changing, within a budget of
; -goescape-max-scc-rounds solves per member (16, shared by the SCC). An
; SCC that has not settled by then gets the worst summary for every member
; ("leaking param", "reallocs param": nothing in these functions
; reallocates), and its callers keep what they pass it. The prefix ONE
; checks that with -goescape-max-scc-rounds=1: one solve per member, in
; which no SCC here settles.
;
; What took rounds: a function that reads its parameter's bytes as data
; and recurses on the parameter plus 8. Each solve finds one more range
; the callee reads, 8 bytes further on ([0,8), then [8,16), ...). The
; summary lumped them into "anywhere" only past 16 ranges, so such a
; function did not settle within its 16 solves, self-recursive or in a
; ring of three, and a recursive strlen got the worst summary. A recursive
; function's ranges now go "anywhere" past 4 (MaxRecursiveIntReads): they
; settle, and the callers' buffers are promoted, but a pointer stored in
; one is still read as data, and escapes.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:
; RUN: %opt -goescape-max-scc-rounds=1 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=ONE

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@gi = global i64 0

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"

; Settles: the same pointer each time.
; CHECK-LABEL: goescape: function 'walk_same': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
; ONE-LABEL: goescape: function 'walk_same': 0 sites, 0 promoted (recursive)
; ONE-NEXT: leaking param: p
define void @walk_same(ptr %p, i32 %n) {
entry:
  %v = load i64, ptr %p
  store i64 %v, ptr @gi
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  call void @walk_same(ptr %p, i32 %m)
  br label %done
done:
  ret void
}

; One field further each time: settles once its reads go "anywhere".
; CHECK-LABEL: goescape: function 'walk_deeper': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
; ONE-LABEL: goescape: function 'walk_deeper': 0 sites, 0 promoted (recursive)
; ONE-NEXT: leaking param: p
; ONE-NEXT: reallocs param: p
define void @walk_deeper(ptr %p, i32 %n) {
entry:
  %v = load i64, ptr %p
  store i64 %v, ptr @gi
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  %q = getelementptr inbounds i8, ptr %p, i64 8
  call void @walk_deeper(ptr %q, i32 %m)
  br label %done
done:
  ret void
}

; CHECK-LABEL: goescape: function 'calls_walk_same': 1 site, 1 promoted
; CHECK-NEXT: %box = malloc(16): promoted (align 16)
define void @calls_walk_same() {
  %box = call ptr @malloc(i64 16)
  store i64 0, ptr %box
  call void @walk_same(ptr %box, i32 1)
  ret void
}
; CHECK-LABEL: goescape: function 'calls_walk_deeper': 1 site, 1 promoted
; CHECK-NEXT: %box = malloc(16): promoted (align 16)
; ONE-LABEL: goescape: function 'calls_walk_deeper': 1 site, 0 promoted
; ONE-NEXT: %box = malloc(16): kept (EscapesToCall): passed to 'walk_deeper', which may keep it
define void @calls_walk_deeper() {
  %box = call ptr @malloc(i64 16)
  store i64 0, ptr %box
  call void @walk_deeper(ptr %box, i32 1)
  ret void
}

; A pointer in the buffer it walks is read as data ("anywhere"): it escapes,
; wherever it is stored.
; CHECK-LABEL: goescape: function 'calls_walk_deeper_ptr': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(16): promoted (align 16)
; CHECK-NEXT: %obj = malloc(8): kept (EscapesToInteger): its address is read as data by 'walk_deeper'
define void @calls_walk_deeper_ptr() {
  %box = call ptr @malloc(i64 16)
  %obj = call ptr @malloc(i64 8)
  %f = getelementptr inbounds i8, ptr %box, i64 8
  store ptr %obj, ptr %f
  call void @walk_deeper(ptr %box, i32 1)
  ret void
}

; A ring of three, 8 bytes further at each hop: 48 solves are not enough.
; CHECK-LABEL: goescape: function 'ring_a': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
; ONE-LABEL: goescape: function 'ring_a': 0 sites, 0 promoted (recursive)
; ONE-NEXT: leaking param: p
define void @ring_a(ptr %p, i32 %n) {
entry:
  %v = load i64, ptr %p
  store i64 %v, ptr @gi
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  %q = getelementptr inbounds i8, ptr %p, i64 8
  call void @ring_b(ptr %q, i32 %m)
  br label %done
done:
  ret void
}
; CHECK-LABEL: goescape: function 'ring_b': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
; ONE-LABEL: goescape: function 'ring_b': 0 sites, 0 promoted (recursive)
; ONE-NEXT: leaking param: p
define void @ring_b(ptr %p, i32 %n) {
  %q = getelementptr inbounds i8, ptr %p, i64 8
  call void @ring_c(ptr %q, i32 %n)
  ret void
}
; CHECK-LABEL: goescape: function 'ring_c': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
; ONE-LABEL: goescape: function 'ring_c': 0 sites, 0 promoted (recursive)
; ONE-NEXT: leaking param: p
define void @ring_c(ptr %p, i32 %n) {
  %q = getelementptr inbounds i8, ptr %p, i64 8
  call void @ring_a(ptr %q, i32 %n)
  ret void
}

; The same ring on the same pointer settles.
; CHECK-LABEL: goescape: function 'same_a': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
define void @same_a(ptr %p, i32 %n) {
entry:
  %v = load i64, ptr %p
  store i64 %v, ptr @gi
  %c = icmp sgt i32 %n, 0
  br i1 %c, label %rec, label %done
rec:
  %m = sub i32 %n, 1
  call void @same_b(ptr %p, i32 %m)
  br label %done
done:
  ret void
}
; CHECK-LABEL: goescape: function 'same_b': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
define void @same_b(ptr %p, i32 %n) {
  call void @same_c(ptr %p, i32 %n)
  ret void
}
; CHECK-LABEL: goescape: function 'same_c': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: p does not escape
define void @same_c(ptr %p, i32 %n) {
  call void @same_a(ptr %p, i32 %n)
  ret void
}

; A C shape that meets it: a recursive strlen.
; CHECK-LABEL: goescape: function 'rec_strlen': 0 sites, 0 promoted (recursive)
; CHECK-NEXT: s does not escape
; ONE-LABEL: goescape: function 'rec_strlen': 0 sites, 0 promoted (recursive)
; ONE-NEXT: leaking param: s
define i64 @rec_strlen(ptr %s) {
  %c = load i8, ptr %s
  %z = icmp eq i8 %c, 0
  br i1 %z, label %zero, label %more
zero:
  ret i64 0
more:
  %t = getelementptr inbounds i8, ptr %s, i64 1
  %r = call i64 @rec_strlen(ptr %t)
  %r1 = add i64 %r, 1
  ret i64 %r1
}
