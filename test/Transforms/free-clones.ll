; Objects freed by a callee that frees a whole structure (issue 12, shape
; 1): list_free(l), a recursive tree_free(n). When everything such a call
; may free is the caller's own promoted sites, the call goes to a copy of
; the callee without the frees of what its parameters reach (one copy per
; callee, shared, recursion included); the original stays for everyone
; else. Beside it, every reason the copy must not be used: a node that is
; not ours, a node that cannot move, a callee that frees through the C
; library or frees something else with the same call, a site of run-time
; size (its heap path needs the free).
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=PRINT
; RUN: %opt -passes=goescape -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@spare = global ptr null

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @fclose_like(ptr captures(none)) nounwind

; struct item { struct item *next; long v; }. The original is left as it
; was, for everyone else.
; CHECK-LABEL: define void @list_free(ptr %l)
; CHECK: call void @free(ptr %p)
define void @list_free(ptr %l) {
entry:
  br label %loop
loop:
  %p = phi ptr [ %l, %entry ], [ %n, %body ]
  %z = icmp eq ptr %p, null
  br i1 %z, label %done, label %body
body:
  %n = load ptr, ptr %p
  call void @free(ptr %p)
  br label %loop
done:
  ret void
}

; struct node { long v; struct node *l, *r; }
; CHECK-LABEL: define void @tree_free(ptr %t)
; CHECK: call void @tree_free(ptr %l)
; CHECK: call void @free(ptr %t)
define void @tree_free(ptr %t) {
entry:
  %z = icmp eq ptr %t, null
  br i1 %z, label %done, label %body
body:
  %lp = getelementptr inbounds i8, ptr %t, i64 8
  %l = load ptr, ptr %lp
  call void @tree_free(ptr %l)
  %rp = getelementptr inbounds i8, ptr %t, i64 16
  %r = load ptr, ptr %rp
  call void @tree_free(ptr %r)
  call void @free(ptr %t)
  br label %done
done:
  ret void
}

; PRINT-LABEL: goescape: function 'list': 3 sites, 3 promoted
; PRINT-NEXT: %a = malloc(16): promoted (align 16, freed by a copy of 'list_free' without its frees)
; PRINT-NEXT: %b = malloc(16): promoted (align 16, freed by a copy of 'list_free' without its frees)
; PRINT-NEXT: %c = malloc(16): promoted (align 16, freed by a copy of 'list_free' without its frees)
; CHECK-LABEL: define void @list(i64 %v)
; CHECK-NOT: @malloc
; CHECK: call void @list_free.goescape.nofree(ptr
; CHECK-NEXT: ret void
define void @list(i64 %v) {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  %c = call ptr @malloc(i64 16)
  store ptr %b, ptr %a
  store ptr %c, ptr %b
  store ptr null, ptr %c
  ; Data of unknown origin beside the links: never loaded as a pointer.
  %av = getelementptr inbounds i8, ptr %a, i64 8
  store i64 %v, ptr %av
  call void @list_free(ptr %a)
  ret void
}

; PRINT-LABEL: goescape: function 'tree': 3 sites, 3 promoted
; CHECK-LABEL: define void @tree()
; CHECK-NOT: @malloc
; CHECK: call void @tree_free.goescape.nofree(ptr
define void @tree() {
  %root = call ptr @malloc(i64 24)
  %x = call ptr @malloc(i64 24)
  %y = call ptr @malloc(i64 24)
  %rl = getelementptr inbounds i8, ptr %root, i64 8
  store ptr %x, ptr %rl
  %rr = getelementptr inbounds i8, ptr %root, i64 16
  store ptr %y, ptr %rr
  %xl = getelementptr inbounds i8, ptr %x, i64 8
  store ptr null, ptr %xl
  %xr = getelementptr inbounds i8, ptr %x, i64 16
  store ptr null, ptr %xr
  %yl = getelementptr inbounds i8, ptr %y, i64 8
  store ptr null, ptr %yl
  %yr = getelementptr inbounds i8, ptr %y, i64 16
  store ptr null, ptr %yr
  call void @tree_free(ptr %root)
  ret void
}

; Negative: the tail of the list comes from elsewhere; the copy would not
; free it.
; PRINT-LABEL: goescape: function 'list_with_foreign_tail': 2 sites, 0 promoted
; PRINT-NEXT: %a = malloc(16): kept (FreedByCall): passed to 'list_free', which may free it
; PRINT-NEXT: %b = malloc(16): kept (FreedByCall): passed to 'list_free', which may free it
; CHECK-LABEL: define void @list_with_foreign_tail()
; CHECK: call void @list_free(ptr
define void @list_with_foreign_tail() {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  store ptr %b, ptr %a
  %t = load ptr, ptr @spare
  store ptr %t, ptr %b
  call void @list_free(ptr %a)
  ret void
}

; Negative: one node is too large for the stack: the call frees it, so it
; frees all three, and all three stay.
; PRINT-LABEL: goescape: function 'list_with_large_node': 3 sites, 0 promoted
; PRINT-NEXT: %a = malloc(16): kept (FreedByCall): passed to 'list_free', which may free it
; PRINT-NEXT: %b = malloc(100000): kept (TooLarge)
; PRINT-NEXT: %c = malloc(16): kept (FreedByCall): passed to 'list_free', which may free it
; CHECK-LABEL: define void @list_with_large_node()
; CHECK: call void @list_free(ptr
define void @list_with_large_node() {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 100000)
  %c = call ptr @malloc(i64 16)
  store ptr %b, ptr %a
  store ptr %c, ptr %b
  store ptr null, ptr %c
  call void @list_free(ptr %a)
  ret void
}

; Negative: a node of run-time size may be on the heap (the small buffer's
; fallback): the copy would leak it.
; PRINT-LABEL: goescape: function 'list_with_runtime_size': 2 sites, 0 promoted
; CHECK-LABEL: define void @list_with_runtime_size(i64 %n)
; CHECK: call void @list_free(ptr
define void @list_with_runtime_size(i64 %n) {
  %a = call ptr @malloc(i64 16)
  %s = add i64 %n, 16
  %b = call ptr @malloc(i64 %s)
  store ptr %b, ptr %a
  store ptr null, ptr %b
  call void @list_free(ptr %a)
  ret void
}

; A callee that also frees what a global points to: its copy keeps that
; free and drops the one of its parameter.
; CHECK-LABEL: define void @free_node_and_spare(ptr %p)
; CHECK-NEXT: call void @free(ptr %p)
define void @free_node_and_spare(ptr %p) {
  call void @free(ptr %p)
  %s = load ptr, ptr @spare
  call void @free(ptr %s)
  ret void
}
; PRINT-LABEL: goescape: function 'node_and_spare': 1 site, 1 promoted
; CHECK-LABEL: define void @node_and_spare()
; CHECK: call void @free_node_and_spare.goescape.nofree(ptr
define void @node_and_spare() {
  %a = call ptr @malloc(i64 16)
  call void @free_node_and_spare(ptr %a)
  ret void
}

; Negative: one free call that may free the parameter or the spare: the
; copy cannot drop it.
define void @free_either(ptr %p, i1 %c) {
  %s = load ptr, ptr @spare
  %q = select i1 %c, ptr %p, ptr %s
  call void @free(ptr %q)
  ret void
}
; PRINT-LABEL: goescape: function 'either': 1 site, 0 promoted
; PRINT-NEXT: %a = malloc(16): kept (FreedByCall): passed to 'free_either', which may free it
define void @either(i1 %c) {
  %a = call ptr @malloc(i64 16)
  call void @free_either(ptr %a, i1 %c)
  ret void
}

; Negative: the parameter reaches a function we cannot see, which keeps
; nothing but may free it.
define void @close_it(ptr %p) {
  call void @fclose_like(ptr %p)
  ret void
}
; PRINT-LABEL: goescape: function 'close_it': 0 sites, 0 promoted
; PRINT-NEXT: leaking param content: p
; PRINT-NEXT: may free param: p
; PRINT-LABEL: goescape: function 'closed': 1 site, 0 promoted
; PRINT-NEXT: %a = malloc(16): kept (FreedByCall): passed to 'close_it', which may free it
define void @closed() {
  %a = call ptr @malloc(i64 16)
  call void @close_it(ptr %a)
  ret void
}

; A caller that frees its parameter's list through list_free: its own
; copy's call goes to list_free's copy.
; CHECK-LABEL: define void @drop_list(ptr %l)
; CHECK-NEXT: call void @list_free(ptr %l)
define void @drop_list(ptr %l) {
  call void @list_free(ptr %l)
  ret void
}
; PRINT-LABEL: goescape: function 'list_via_drop': 2 sites, 2 promoted
; CHECK-LABEL: define void @list_via_drop()
; CHECK: call void @drop_list.goescape.nofree(ptr
define void @list_via_drop() {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 16)
  store ptr %b, ptr %a
  store ptr null, ptr %b
  call void @drop_list(ptr %a)
  ret void
}

; A callee that frees only sometimes: the object is read after the call,
; so the call to the copy ends no lifetime; the object's own free does.
define void @release_if(ptr %p, i1 %c) {
  br i1 %c, label %do, label %out
do:
  call void @free(ptr %p)
  br label %out
out:
  ret void
}
; CHECK-LABEL: define i8 @released_sometimes(i1 %c)
; CHECK: call void @llvm.lifetime.start.p0(ptr %a)
; CHECK-NEXT: call void @release_if.goescape.nofree(ptr %a, i1 %c)
; CHECK-NEXT: %v = load i8, ptr %a
; CHECK-NEXT: call void @llvm.lifetime.end.p0(ptr %a)
define i8 @released_sometimes(i1 %c) {
  %a = call ptr @malloc(i64 64)
  call void @release_if(ptr %a, i1 %c)
  %v = load i8, ptr %a
  call void @free(ptr %a)
  ret i8 %v
}

; The copies free nothing of theirs.
; CHECK-LABEL: define internal void @list_free.goescape.nofree(ptr %l)
; CHECK-NOT: call void @free
; CHECK: ret void
; CHECK-LABEL: define internal void @tree_free.goescape.nofree(ptr %t)
; CHECK-NOT: call void @free
; CHECK: call void @tree_free.goescape.nofree(ptr %l)
; CHECK: call void @tree_free.goescape.nofree(ptr %r)
; CHECK-NOT: call void @free
; CHECK: ret void
; CHECK-LABEL: define internal void @free_node_and_spare.goescape.nofree(ptr %p)
; CHECK-NEXT: %s = load ptr, ptr @spare
; CHECK-NEXT: call void @free(ptr %s)
; CHECK-LABEL: define internal void @drop_list.goescape.nofree(ptr %l)
; CHECK-NEXT: call void @list_free.goescape.nofree(ptr %l)
