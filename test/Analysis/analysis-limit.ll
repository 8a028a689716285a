; -goescape-max-work: a function whose instructions times objects (the heap,
; three per pointer parameter, one per site and per alloca) exceed the limit
; is not analysed. Its sites are kept (AnalysisLimit) and its summary is the
; worst (every pointer parameter leaks, may be freed or reallocated), so its
; callers lose the objects they pass it. The limit is inclusive:
; over_limit's work is 8 instructions x 6 objects = 48.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=ANALYSED --implicit-check-not=goescape:
; RUN: %opt -goescape-max-work=48 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=ANALYSED --implicit-check-not=goescape:
; RUN: %opt -goescape-max-work=47 -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --check-prefix=LIMIT --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"

; 3 instructions x 2 objects: under every limit used here.
; ANALYSED-LABEL: goescape: function 'under_limit': 1 site, 1 promoted
; ANALYSED-NEXT: %a = malloc(16): promoted (align 16, 1 free removed)
; LIMIT-LABEL: goescape: function 'under_limit': 1 site, 1 promoted
; LIMIT-NEXT: %a = malloc(16): promoted (align 16, 1 free removed)
define void @under_limit() {
  %a = call ptr @malloc(i64 16)
  call void @free(ptr %a)
  ret void
}

; ANALYSED-LABEL: goescape: function 'over_limit': 2 sites, 2 promoted
; ANALYSED-NEXT: %a = malloc(16): promoted (align 16, 1 free removed)
; ANALYSED-NEXT: %b = malloc(32): promoted (align 16, 1 free removed)
; ANALYSED-NEXT: p does not escape
; LIMIT-LABEL: goescape: function 'over_limit': 2 sites, 0 promoted
; LIMIT-NEXT: %a = malloc(16): kept (AnalysisLimit): 'over_limit' is too large to analyse
; LIMIT-NEXT: %b = malloc(32): kept (AnalysisLimit): 'over_limit' is too large to analyse
; LIMIT-NEXT: leaking param: p
; LIMIT-NEXT: reallocs param: p
define i8 @over_limit(ptr %p) {
  %a = call ptr @malloc(i64 16)
  %b = call ptr @malloc(i64 32)
  store i8 1, ptr %a
  store i8 2, ptr %b
  %v = load i8, ptr %p
  call void @free(ptr %a)
  call void @free(ptr %b)
  ret i8 %v
}

; The caller is small enough, but over_limit's worst summary keeps its object.
; ANALYSED-LABEL: goescape: function 'calls_over_limit': 1 site, 1 promoted
; ANALYSED-NEXT: %c = malloc(8): promoted (align 16)
; LIMIT-LABEL: goescape: function 'calls_over_limit': 1 site, 0 promoted
; LIMIT-NEXT: %c = malloc(8): kept (EscapesToCall): passed to 'over_limit', which may keep it
define i8 @calls_over_limit() {
  %c = call ptr @malloc(i64 8)
  store i8 0, ptr %c
  %v = call i8 @over_limit(ptr %c)
  ret i8 %v
}
