; Reads through loaded pointers at known offsets (issue 12, shape 2): a
; pointer loaded from memory points where the pointer stored there pointed,
; the start of its object unless a pointer into its middle was ever stored.
; Then reading an integer field of what it points to exposes no pointer
; field at another offset, at any depth, and summaries keep the byte ranges
; per level. Beside each positive case, the negatives that must stay on the
; heap: pointer fields read as data, interior pointers stored by the
; function, by a callee or passed to one, and offsets that grow in a loop.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

; struct node { int op; long val; struct node *left, *right; }: op at 0,
; val at 8, left at 16, right at 24.

; The recursive walker of the tree benchmark: reads op and val, follows
; left and right.
define i64 @eval(ptr %n) {
entry:
  %op = load i32, ptr %n
  %leaf = icmp eq i32 %op, 0
  br i1 %leaf, label %val, label %inner
val:
  %vp = getelementptr inbounds i8, ptr %n, i64 8
  %v = load i64, ptr %vp
  ret i64 %v
inner:
  %lp = getelementptr inbounds i8, ptr %n, i64 16
  %l = load ptr, ptr %lp
  %rp = getelementptr inbounds i8, ptr %n, i64 24
  %r = load ptr, ptr %rp
  %a = call i64 @eval(ptr %l)
  %b = call i64 @eval(ptr %r)
  %s = add i64 %a, %b
  ret i64 %s
}

; Seven nodes, three levels below the root: every one promoted.
; CHECK-LABEL: goescape: function 'tree': 7 sites, 7 promoted
; CHECK-COUNT-7: = malloc(32): promoted
define i64 @tree() {
  %a = call ptr @malloc(i64 32)
  %b = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %d = call ptr @malloc(i64 32)
  %e = call ptr @malloc(i64 32)
  %f = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  call void @leaf(ptr %a)
  call void @leaf(ptr %b)
  call void @leaf(ptr %c)
  call void @leaf(ptr %d)
  call void @inner(ptr %e, ptr %a, ptr %b)
  call void @inner(ptr %f, ptr %c, ptr %d)
  call void @inner(ptr %root, ptr %e, ptr %f)
  %v = call i64 @eval(ptr %root)
  call void @free(ptr %root)
  call void @free(ptr %f)
  call void @free(ptr %e)
  call void @free(ptr %d)
  call void @free(ptr %c)
  call void @free(ptr %b)
  call void @free(ptr %a)
  ret i64 %v
}

define void @leaf(ptr %n) {
  store i32 0, ptr %n
  %vp = getelementptr inbounds i8, ptr %n, i64 8
  store i64 7, ptr %vp
  ret void
}

define void @inner(ptr %n, ptr %l, ptr %r) {
  store i32 1, ptr %n
  %lp = getelementptr inbounds i8, ptr %n, i64 16
  store ptr %l, ptr %lp
  %rp = getelementptr inbounds i8, ptr %n, i64 24
  store ptr %r, ptr %rp
  ret void
}

; Negative: a walker that reads the child's left field as an integer
; exposes the grandchild; the root and the child stay promotable.
define i64 @read_child_link(ptr %n) {
  %lp = getelementptr inbounds i8, ptr %n, i64 16
  %l = load ptr, ptr %lp
  %llp = getelementptr inbounds i8, ptr %l, i64 16
  %v = load i64, ptr %llp
  ret i64 %v
}
; CHECK-LABEL: goescape: function 'child_link_read': 3 sites, 2 promoted
; CHECK-NEXT: %g = malloc(32): kept (EscapesToInteger)
; CHECK-NEXT: %c = malloc(32): promoted
; CHECK-NEXT: %root = malloc(32): promoted
define i64 @child_link_read() {
  %g = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  call void @inner(ptr %c, ptr %g, ptr null)
  call void @inner(ptr %root, ptr %c, ptr null)
  %v = call i64 @read_child_link(ptr %root)
  call void @free(ptr %root)
  call void @free(ptr %c)
  call void @free(ptr %g)
  ret i64 %v
}

; Reads the first 8 bytes of what n->left points to.
define i64 @read_child_first(ptr %n) {
  %lp = getelementptr inbounds i8, ptr %n, i64 16
  %l = load ptr, ptr %lp
  %v = load i64, ptr %l
  ret i64 %v
}
; Beside it, a child stored by its start: its bytes [0,8) hold no pointer.
; CHECK-LABEL: goescape: function 'child_first_read': 3 sites, 3 promoted
define i64 @child_first_read() {
  %g = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  call void @inner(ptr %c, ptr %g, ptr null)
  call void @inner(ptr %root, ptr %c, ptr null)
  %v = call i64 @read_child_first(ptr %root)
  call void @free(ptr %root)
  call void @free(ptr %c)
  call void @free(ptr %g)
  ret i64 %v
}

; Negative: the function itself stores a pointer to the child's left field
; into root->left: "the first 8 bytes of what root->left points to" are the
; child's left field, which holds the grandchild.
; CHECK-LABEL: goescape: function 'interior_stored_here': 3 sites, 2 promoted
; CHECK-NEXT: %g = malloc(32): kept (EscapesToInteger)
define i64 @interior_stored_here() {
  %g = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  %clp = getelementptr inbounds i8, ptr %c, i64 16
  store ptr %g, ptr %clp
  %rlp = getelementptr inbounds i8, ptr %root, i64 16
  store ptr %clp, ptr %rlp
  %v = call i64 @read_child_first(ptr %root)
  call void @free(ptr %root)
  call void @free(ptr %c)
  call void @free(ptr %g)
  ret i64 %v
}

; Negative: a callee stores the interior pointer (src + 16 into dst->left).
define void @link_interior(ptr %dst, ptr %src) {
  %sp = getelementptr inbounds i8, ptr %src, i64 16
  %dp = getelementptr inbounds i8, ptr %dst, i64 16
  store ptr %sp, ptr %dp
  ret void
}
; CHECK-LABEL: goescape: function 'interior_stored_by_callee': 3 sites, 2 promoted
; CHECK-NEXT: %g = malloc(32): kept (EscapesToInteger)
define i64 @interior_stored_by_callee() {
  %g = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  call void @inner(ptr %c, ptr %g, ptr null)
  call void @link_interior(ptr %root, ptr %c)
  %v = call i64 @read_child_first(ptr %root)
  call void @free(ptr %root)
  call void @free(ptr %c)
  call void @free(ptr %g)
  ret i64 %v
}

; Negative: the caller passes the interior pointer to a callee that stores
; its parameter as it is.
define void @link(ptr %dst, ptr %src) {
  %dp = getelementptr inbounds i8, ptr %dst, i64 16
  store ptr %src, ptr %dp
  ret void
}
; CHECK-LABEL: goescape: function 'interior_passed_to_callee': 3 sites, 2 promoted
; CHECK-NEXT: %g = malloc(32): kept (EscapesToInteger)
define i64 @interior_passed_to_callee() {
  %g = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  call void @inner(ptr %c, ptr %g, ptr null)
  %clp = getelementptr inbounds i8, ptr %c, i64 16
  call void @link(ptr %root, ptr %clp)
  %v = call i64 @read_child_first(ptr %root)
  call void @free(ptr %root)
  call void @free(ptr %c)
  call void @free(ptr %g)
  ret i64 %v
}
; Beside it, the same callee given the child's start.
; CHECK-LABEL: goescape: function 'start_passed_to_callee': 3 sites, 3 promoted
define i64 @start_passed_to_callee() {
  %g = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  call void @inner(ptr %c, ptr %g, ptr null)
  call void @link(ptr %root, ptr %c)
  %v = call i64 @read_child_first(ptr %root)
  call void @free(ptr %root)
  call void @free(ptr %c)
  call void @free(ptr %g)
  ret i64 %v
}

; A list walk: struct item { struct item *next; long v; }. The cursor is a
; phi of the head and of loaded next pointers, all at offset 0.
define i64 @sum(ptr %head) {
entry:
  br label %loop
loop:
  %l = phi ptr [ %head, %entry ], [ %next, %body ]
  %acc = phi i64 [ 0, %entry ], [ %acc1, %body ]
  %z = icmp eq ptr %l, null
  br i1 %z, label %done, label %body
body:
  %vp = getelementptr inbounds i8, ptr %l, i64 8
  %v = load i64, ptr %vp
  %acc1 = add i64 %acc, %v
  %next = load ptr, ptr %l
  br label %loop
done:
  ret i64 %acc
}
; CHECK-LABEL: goescape: function 'list': 3 sites, 3 promoted
define i64 @list() {
  %x = call ptr @malloc(i64 16)
  %y = call ptr @malloc(i64 16)
  %z = call ptr @malloc(i64 16)
  store ptr %y, ptr %x
  store ptr %z, ptr %y
  store ptr null, ptr %z
  %xv = getelementptr inbounds i8, ptr %x, i64 8
  store i64 1, ptr %xv
  %yv = getelementptr inbounds i8, ptr %y, i64 8
  store i64 2, ptr %yv
  %zv = getelementptr inbounds i8, ptr %z, i64 8
  store i64 3, ptr %zv
  %s = call i64 @sum(ptr %x)
  call void @free(ptr %x)
  call void @free(ptr %y)
  call void @free(ptr %z)
  ret i64 %s
}

; Negative: a walk that hashes the next links as integers exposes every node
; after the head.
define i64 @hash_links(ptr %head) {
entry:
  br label %loop
loop:
  %l = phi ptr [ %head, %entry ], [ %next, %body ]
  %acc = phi i64 [ 0, %entry ], [ %acc1, %body ]
  %z = icmp eq ptr %l, null
  br i1 %z, label %done, label %body
body:
  %bits = load i64, ptr %l
  %acc1 = xor i64 %acc, %bits
  %next = load ptr, ptr %l
  br label %loop
done:
  ret i64 %acc
}
; CHECK-LABEL: goescape: function 'list_links_hashed': 3 sites, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted
; CHECK-NEXT: %y = malloc(16): kept (EscapesToInteger)
; CHECK-NEXT: %z = malloc(16): kept (EscapesToInteger)
define i64 @list_links_hashed() {
  %x = call ptr @malloc(i64 16)
  %y = call ptr @malloc(i64 16)
  %z = call ptr @malloc(i64 16)
  store ptr %y, ptr %x
  store ptr %z, ptr %y
  store ptr null, ptr %z
  %s = call i64 @hash_links(ptr %x)
  call void @free(ptr %x)
  call void @free(ptr %y)
  call void @free(ptr %z)
  ret i64 %s
}

; Negative: a cursor that moves through the child 8 bytes at a time has no
; fixed offset (the phi feeds itself through a gep): every word it reads
; may be the child's left field.
define i64 @scan_child(ptr %n) {
entry:
  %lp = getelementptr inbounds i8, ptr %n, i64 16
  %l = load ptr, ptr %lp
  br label %loop
loop:
  %p = phi ptr [ %l, %entry ], [ %p1, %loop ]
  %k = phi i64 [ 0, %entry ], [ %k1, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc1, %loop ]
  %w = load i64, ptr %p
  %acc1 = add i64 %acc, %w
  %p1 = getelementptr inbounds i8, ptr %p, i64 8
  %k1 = add i64 %k, 1
  %end = icmp eq i64 %k1, 2
  br i1 %end, label %done, label %loop
done:
  ret i64 %acc1
}
; CHECK-LABEL: goescape: function 'child_scanned': 3 sites, 2 promoted
; CHECK-NEXT: %g = malloc(32): kept (EscapesToInteger)
define i64 @child_scanned() {
  %g = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  call void @inner(ptr %c, ptr %g, ptr null)
  call void @inner(ptr %root, ptr %c, ptr null)
  %v = call i64 @scan_child(ptr %root)
  call void @free(ptr %root)
  call void @free(ptr %c)
  call void @free(ptr %g)
  ret i64 %v
}

; In the function itself: reading the child's val through root->left
; exposes nothing; reading its left field exposes the grandchild.
; CHECK-LABEL: goescape: function 'local_reads': 4 sites, 3 promoted
; CHECK-NEXT: %g = malloc(32): promoted
; CHECK-NEXT: %h = malloc(32): kept (EscapesToInteger)
define i64 @local_reads() {
  %g = call ptr @malloc(i64 32)
  %h = call ptr @malloc(i64 32)
  %c = call ptr @malloc(i64 32)
  %root = call ptr @malloc(i64 32)
  call void @inner(ptr %c, ptr %h, ptr %g)
  call void @inner(ptr %root, ptr %c, ptr null)
  %rlp = getelementptr inbounds i8, ptr %root, i64 16
  %l = load ptr, ptr %rlp
  %vp = getelementptr inbounds i8, ptr %l, i64 8
  %v = load i64, ptr %vp
  %llp = getelementptr inbounds i8, ptr %l, i64 16
  %w = load i64, ptr %llp
  %s = add i64 %v, %w
  call void @free(ptr %root)
  call void @free(ptr %c)
  call void @free(ptr %h)
  call void @free(ptr %g)
  ret i64 %s
}
