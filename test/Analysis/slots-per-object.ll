; MaxSlotsPerObject (16): how many distinct byte ranges an object's contents,
; and a summary's integer reads, keep apart before the rest are lumped in
; with "anywhere", which every load overlaps.
;
; Contents. A box holds one fresh object per 8-byte field, and only field 0
; is loaded and published. With 15 or 16 fields only that field's object
; escapes. With 17, the 17th range is lumped in with "anywhere", which the
; load of field 0 overlaps: that field's object escapes too, and only it.
; (The limit used to be checked before the lookup of a range the object
; already had, so the solver's next pass over the same stores lumped all
; 16 ranges into "anywhere" and all 16 objects escaped.)
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null
@gi = global i64 0

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"

; CHECK-LABEL: goescape: function 'fields_15': 15 sites, 14 promoted
; CHECK-NEXT: %a0 = malloc(8): kept (EscapesToGlobal): stored to global 'g'
; CHECK-COUNT-14: = malloc(8): promoted (align 16)
define void @fields_15() {
  %box = alloca [15 x ptr]
  %a0 = call ptr @malloc(i64 8)
  %a1 = call ptr @malloc(i64 8)
  %a2 = call ptr @malloc(i64 8)
  %a3 = call ptr @malloc(i64 8)
  %a4 = call ptr @malloc(i64 8)
  %a5 = call ptr @malloc(i64 8)
  %a6 = call ptr @malloc(i64 8)
  %a7 = call ptr @malloc(i64 8)
  %a8 = call ptr @malloc(i64 8)
  %a9 = call ptr @malloc(i64 8)
  %a10 = call ptr @malloc(i64 8)
  %a11 = call ptr @malloc(i64 8)
  %a12 = call ptr @malloc(i64 8)
  %a13 = call ptr @malloc(i64 8)
  %a14 = call ptr @malloc(i64 8)
  %f0 = getelementptr inbounds i8, ptr %box, i64 0
  store ptr %a0, ptr %f0
  %f1 = getelementptr inbounds i8, ptr %box, i64 8
  store ptr %a1, ptr %f1
  %f2 = getelementptr inbounds i8, ptr %box, i64 16
  store ptr %a2, ptr %f2
  %f3 = getelementptr inbounds i8, ptr %box, i64 24
  store ptr %a3, ptr %f3
  %f4 = getelementptr inbounds i8, ptr %box, i64 32
  store ptr %a4, ptr %f4
  %f5 = getelementptr inbounds i8, ptr %box, i64 40
  store ptr %a5, ptr %f5
  %f6 = getelementptr inbounds i8, ptr %box, i64 48
  store ptr %a6, ptr %f6
  %f7 = getelementptr inbounds i8, ptr %box, i64 56
  store ptr %a7, ptr %f7
  %f8 = getelementptr inbounds i8, ptr %box, i64 64
  store ptr %a8, ptr %f8
  %f9 = getelementptr inbounds i8, ptr %box, i64 72
  store ptr %a9, ptr %f9
  %f10 = getelementptr inbounds i8, ptr %box, i64 80
  store ptr %a10, ptr %f10
  %f11 = getelementptr inbounds i8, ptr %box, i64 88
  store ptr %a11, ptr %f11
  %f12 = getelementptr inbounds i8, ptr %box, i64 96
  store ptr %a12, ptr %f12
  %f13 = getelementptr inbounds i8, ptr %box, i64 104
  store ptr %a13, ptr %f13
  %f14 = getelementptr inbounds i8, ptr %box, i64 112
  store ptr %a14, ptr %f14
  %v = load ptr, ptr %box
  store ptr %v, ptr @g
  ret void
}

; CHECK-LABEL: goescape: function 'fields_16': 16 sites, 15 promoted
; CHECK-NEXT: %a0 = malloc(8): kept (EscapesToGlobal): stored to global 'g'
; CHECK-COUNT-15: = malloc(8): promoted (align 16)
define void @fields_16() {
  %box = alloca [16 x ptr]
  %a0 = call ptr @malloc(i64 8)
  %a1 = call ptr @malloc(i64 8)
  %a2 = call ptr @malloc(i64 8)
  %a3 = call ptr @malloc(i64 8)
  %a4 = call ptr @malloc(i64 8)
  %a5 = call ptr @malloc(i64 8)
  %a6 = call ptr @malloc(i64 8)
  %a7 = call ptr @malloc(i64 8)
  %a8 = call ptr @malloc(i64 8)
  %a9 = call ptr @malloc(i64 8)
  %a10 = call ptr @malloc(i64 8)
  %a11 = call ptr @malloc(i64 8)
  %a12 = call ptr @malloc(i64 8)
  %a13 = call ptr @malloc(i64 8)
  %a14 = call ptr @malloc(i64 8)
  %a15 = call ptr @malloc(i64 8)
  %f0 = getelementptr inbounds i8, ptr %box, i64 0
  store ptr %a0, ptr %f0
  %f1 = getelementptr inbounds i8, ptr %box, i64 8
  store ptr %a1, ptr %f1
  %f2 = getelementptr inbounds i8, ptr %box, i64 16
  store ptr %a2, ptr %f2
  %f3 = getelementptr inbounds i8, ptr %box, i64 24
  store ptr %a3, ptr %f3
  %f4 = getelementptr inbounds i8, ptr %box, i64 32
  store ptr %a4, ptr %f4
  %f5 = getelementptr inbounds i8, ptr %box, i64 40
  store ptr %a5, ptr %f5
  %f6 = getelementptr inbounds i8, ptr %box, i64 48
  store ptr %a6, ptr %f6
  %f7 = getelementptr inbounds i8, ptr %box, i64 56
  store ptr %a7, ptr %f7
  %f8 = getelementptr inbounds i8, ptr %box, i64 64
  store ptr %a8, ptr %f8
  %f9 = getelementptr inbounds i8, ptr %box, i64 72
  store ptr %a9, ptr %f9
  %f10 = getelementptr inbounds i8, ptr %box, i64 80
  store ptr %a10, ptr %f10
  %f11 = getelementptr inbounds i8, ptr %box, i64 88
  store ptr %a11, ptr %f11
  %f12 = getelementptr inbounds i8, ptr %box, i64 96
  store ptr %a12, ptr %f12
  %f13 = getelementptr inbounds i8, ptr %box, i64 104
  store ptr %a13, ptr %f13
  %f14 = getelementptr inbounds i8, ptr %box, i64 112
  store ptr %a14, ptr %f14
  %f15 = getelementptr inbounds i8, ptr %box, i64 120
  store ptr %a15, ptr %f15
  %v = load ptr, ptr %box
  store ptr %v, ptr @g
  ret void
}

; CHECK-LABEL: goescape: function 'fields_17': 17 sites, 15 promoted
; CHECK-NEXT: %a0 = malloc(8): kept (EscapesToGlobal): stored to global 'g'
; CHECK-COUNT-15: = malloc(8): promoted (align 16)
; CHECK-NEXT: %a16 = malloc(8): kept (EscapesToGlobal): stored to global 'g'
define void @fields_17() {
  %box = alloca [17 x ptr]
  %a0 = call ptr @malloc(i64 8)
  %a1 = call ptr @malloc(i64 8)
  %a2 = call ptr @malloc(i64 8)
  %a3 = call ptr @malloc(i64 8)
  %a4 = call ptr @malloc(i64 8)
  %a5 = call ptr @malloc(i64 8)
  %a6 = call ptr @malloc(i64 8)
  %a7 = call ptr @malloc(i64 8)
  %a8 = call ptr @malloc(i64 8)
  %a9 = call ptr @malloc(i64 8)
  %a10 = call ptr @malloc(i64 8)
  %a11 = call ptr @malloc(i64 8)
  %a12 = call ptr @malloc(i64 8)
  %a13 = call ptr @malloc(i64 8)
  %a14 = call ptr @malloc(i64 8)
  %a15 = call ptr @malloc(i64 8)
  %a16 = call ptr @malloc(i64 8)
  %f0 = getelementptr inbounds i8, ptr %box, i64 0
  store ptr %a0, ptr %f0
  %f1 = getelementptr inbounds i8, ptr %box, i64 8
  store ptr %a1, ptr %f1
  %f2 = getelementptr inbounds i8, ptr %box, i64 16
  store ptr %a2, ptr %f2
  %f3 = getelementptr inbounds i8, ptr %box, i64 24
  store ptr %a3, ptr %f3
  %f4 = getelementptr inbounds i8, ptr %box, i64 32
  store ptr %a4, ptr %f4
  %f5 = getelementptr inbounds i8, ptr %box, i64 40
  store ptr %a5, ptr %f5
  %f6 = getelementptr inbounds i8, ptr %box, i64 48
  store ptr %a6, ptr %f6
  %f7 = getelementptr inbounds i8, ptr %box, i64 56
  store ptr %a7, ptr %f7
  %f8 = getelementptr inbounds i8, ptr %box, i64 64
  store ptr %a8, ptr %f8
  %f9 = getelementptr inbounds i8, ptr %box, i64 72
  store ptr %a9, ptr %f9
  %f10 = getelementptr inbounds i8, ptr %box, i64 80
  store ptr %a10, ptr %f10
  %f11 = getelementptr inbounds i8, ptr %box, i64 88
  store ptr %a11, ptr %f11
  %f12 = getelementptr inbounds i8, ptr %box, i64 96
  store ptr %a12, ptr %f12
  %f13 = getelementptr inbounds i8, ptr %box, i64 104
  store ptr %a13, ptr %f13
  %f14 = getelementptr inbounds i8, ptr %box, i64 112
  store ptr %a14, ptr %f14
  %f15 = getelementptr inbounds i8, ptr %box, i64 120
  store ptr %a15, ptr %f15
  %f16 = getelementptr inbounds i8, ptr %box, i64 128
  store ptr %a16, ptr %f16
  %v = load ptr, ptr %box
  store ptr %v, ptr @g
  ret void
}

; Summaries. A callee that reads 16 separate 8-byte fields of its parameter
; as integers says so in its summary, and a pointer its caller stored at
; offset 200, which it does not read, stays private. A callee that reads 17
; says "anywhere" instead, and exposes that pointer's address.
; CHECK-LABEL: goescape: function 'reads_16': 0 sites, 0 promoted
; CHECK-NEXT: p does not escape
define void @reads_16(ptr %p) {
  %r0p = getelementptr inbounds i8, ptr %p, i64 0
  %r0 = load i64, ptr %r0p
  store volatile i64 %r0, ptr @gi
  %r1p = getelementptr inbounds i8, ptr %p, i64 8
  %r1 = load i64, ptr %r1p
  store volatile i64 %r1, ptr @gi
  %r2p = getelementptr inbounds i8, ptr %p, i64 16
  %r2 = load i64, ptr %r2p
  store volatile i64 %r2, ptr @gi
  %r3p = getelementptr inbounds i8, ptr %p, i64 24
  %r3 = load i64, ptr %r3p
  store volatile i64 %r3, ptr @gi
  %r4p = getelementptr inbounds i8, ptr %p, i64 32
  %r4 = load i64, ptr %r4p
  store volatile i64 %r4, ptr @gi
  %r5p = getelementptr inbounds i8, ptr %p, i64 40
  %r5 = load i64, ptr %r5p
  store volatile i64 %r5, ptr @gi
  %r6p = getelementptr inbounds i8, ptr %p, i64 48
  %r6 = load i64, ptr %r6p
  store volatile i64 %r6, ptr @gi
  %r7p = getelementptr inbounds i8, ptr %p, i64 56
  %r7 = load i64, ptr %r7p
  store volatile i64 %r7, ptr @gi
  %r8p = getelementptr inbounds i8, ptr %p, i64 64
  %r8 = load i64, ptr %r8p
  store volatile i64 %r8, ptr @gi
  %r9p = getelementptr inbounds i8, ptr %p, i64 72
  %r9 = load i64, ptr %r9p
  store volatile i64 %r9, ptr @gi
  %r10p = getelementptr inbounds i8, ptr %p, i64 80
  %r10 = load i64, ptr %r10p
  store volatile i64 %r10, ptr @gi
  %r11p = getelementptr inbounds i8, ptr %p, i64 88
  %r11 = load i64, ptr %r11p
  store volatile i64 %r11, ptr @gi
  %r12p = getelementptr inbounds i8, ptr %p, i64 96
  %r12 = load i64, ptr %r12p
  store volatile i64 %r12, ptr @gi
  %r13p = getelementptr inbounds i8, ptr %p, i64 104
  %r13 = load i64, ptr %r13p
  store volatile i64 %r13, ptr @gi
  %r14p = getelementptr inbounds i8, ptr %p, i64 112
  %r14 = load i64, ptr %r14p
  store volatile i64 %r14, ptr @gi
  %r15p = getelementptr inbounds i8, ptr %p, i64 120
  %r15 = load i64, ptr %r15p
  store volatile i64 %r15, ptr @gi
  ret void
}
; CHECK-LABEL: goescape: function 'call_reads_16': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(8): promoted (align 16)
define void @call_reads_16() {
  %box = alloca [32 x i64]
  %x = call ptr @malloc(i64 8)
  %f = getelementptr inbounds i8, ptr %box, i64 200
  store ptr %x, ptr %f
  call void @reads_16(ptr %box)
  ret void
}

; CHECK-LABEL: goescape: function 'reads_17': 0 sites, 0 promoted
; CHECK-NEXT: p does not escape
define void @reads_17(ptr %p) {
  %r0p = getelementptr inbounds i8, ptr %p, i64 0
  %r0 = load i64, ptr %r0p
  store volatile i64 %r0, ptr @gi
  %r1p = getelementptr inbounds i8, ptr %p, i64 8
  %r1 = load i64, ptr %r1p
  store volatile i64 %r1, ptr @gi
  %r2p = getelementptr inbounds i8, ptr %p, i64 16
  %r2 = load i64, ptr %r2p
  store volatile i64 %r2, ptr @gi
  %r3p = getelementptr inbounds i8, ptr %p, i64 24
  %r3 = load i64, ptr %r3p
  store volatile i64 %r3, ptr @gi
  %r4p = getelementptr inbounds i8, ptr %p, i64 32
  %r4 = load i64, ptr %r4p
  store volatile i64 %r4, ptr @gi
  %r5p = getelementptr inbounds i8, ptr %p, i64 40
  %r5 = load i64, ptr %r5p
  store volatile i64 %r5, ptr @gi
  %r6p = getelementptr inbounds i8, ptr %p, i64 48
  %r6 = load i64, ptr %r6p
  store volatile i64 %r6, ptr @gi
  %r7p = getelementptr inbounds i8, ptr %p, i64 56
  %r7 = load i64, ptr %r7p
  store volatile i64 %r7, ptr @gi
  %r8p = getelementptr inbounds i8, ptr %p, i64 64
  %r8 = load i64, ptr %r8p
  store volatile i64 %r8, ptr @gi
  %r9p = getelementptr inbounds i8, ptr %p, i64 72
  %r9 = load i64, ptr %r9p
  store volatile i64 %r9, ptr @gi
  %r10p = getelementptr inbounds i8, ptr %p, i64 80
  %r10 = load i64, ptr %r10p
  store volatile i64 %r10, ptr @gi
  %r11p = getelementptr inbounds i8, ptr %p, i64 88
  %r11 = load i64, ptr %r11p
  store volatile i64 %r11, ptr @gi
  %r12p = getelementptr inbounds i8, ptr %p, i64 96
  %r12 = load i64, ptr %r12p
  store volatile i64 %r12, ptr @gi
  %r13p = getelementptr inbounds i8, ptr %p, i64 104
  %r13 = load i64, ptr %r13p
  store volatile i64 %r13, ptr @gi
  %r14p = getelementptr inbounds i8, ptr %p, i64 112
  %r14 = load i64, ptr %r14p
  store volatile i64 %r14, ptr @gi
  %r15p = getelementptr inbounds i8, ptr %p, i64 120
  %r15 = load i64, ptr %r15p
  store volatile i64 %r15, ptr @gi
  %r16p = getelementptr inbounds i8, ptr %p, i64 128
  %r16 = load i64, ptr %r16p
  store volatile i64 %r16, ptr @gi
  ret void
}
; CHECK-LABEL: goescape: function 'call_reads_17': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(8): kept (EscapesToInteger): its address is read as data by 'reads_17'
define void @call_reads_17() {
  %box = alloca [32 x i64]
  %x = call ptr @malloc(i64 8)
  %f = getelementptr inbounds i8, ptr %box, i64 200
  store ptr %x, ptr %f
  call void @reads_17(ptr %box)
  ret void
}
