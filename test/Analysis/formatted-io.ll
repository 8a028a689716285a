; libc's formatted I/O, one function per branch of the model (FormattedIO).
; printf-family calls read their variadic arguments as bytes (%s) and keep
; none, when the format is a constant without %p: %p prints an address,
; which sscanf can turn back into a pointer. scanf-family calls write into
; their variadic arguments. Each format position is checked with %s (the
; object promoted) beside %p (kept). printf, sprintf, a run-time format and
; __isoc99_sscanf are in sprintf-pointer-conversion.ll and escape-sinks.ll.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@gbuf = global [64 x i8] zeroinitializer
@stream = global ptr null
@fmt_s = private constant [3 x i8] c"%s\00"
@fmt_p = private constant [3 x i8] c"%p\00"
@fmt_flags_p = private constant [5 x i8] c"%-8p\00"
@fmt_percent_p = private constant [4 x i8] c"%%p\00"
@fmt_dn = private constant [5 x i8] c"%d%n\00"
@fmt_15s = private constant [5 x i8] c"%15s\00"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare i32 @__printf_chk(i32, ptr, ...)
declare i32 @__fprintf_chk(ptr, i32, ptr, ...)
declare i32 @__dprintf_chk(i32, i32, ptr, ...)
declare i32 @__sprintf_chk(ptr, i32, i64, ptr, ...)
declare i32 @__snprintf_chk(ptr, i64, i32, i64, ptr, ...)
declare i32 @snprintf(ptr, i64, ptr, ...)
declare i32 @fprintf(ptr, ptr, ...)
declare i32 @printf(ptr, ...)
declare i32 @__isoc99_scanf(ptr, ...)
declare i32 @scanf(ptr, ...)
declare i32 @fscanf(ptr, ptr, ...)
declare i32 @__isoc99_fscanf(ptr, ptr, ...)

; glibc's _FORTIFY_SOURCE printf, known by name (TargetLibraryInfo lacks
; it): the format is its second argument.
; CHECK-LABEL: goescape: function 'printf_chk_s': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted (align 16, 1 free removed)
define void @printf_chk_s() {
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (i32, ptr, ...) @__printf_chk(i32 1, ptr @fmt_s, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'printf_chk_p': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to '__printf_chk'
define void @printf_chk_p() {
  %x = call ptr @malloc(i64 16)
  %r = call i32 (i32, ptr, ...) @__printf_chk(i32 1, ptr @fmt_p, ptr %x)
  call void @free(ptr %x)
  ret void
}

; %s copies the box's bytes, the pointer stored in it included.
; CHECK-LABEL: goescape: function 'printf_chk_s_of_box': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(16): promoted (align 16, 1 free removed)
; CHECK-NEXT: %x = malloc(16): kept (EscapesViaCallArgument): reachable from an argument of '__printf_chk'
define void @printf_chk_s_of_box() {
  %box = call ptr @malloc(i64 16)
  %x = call ptr @malloc(i64 16)
  store ptr %x, ptr %box
  %r = call i32 (i32, ptr, ...) @__printf_chk(i32 1, ptr @fmt_s, ptr %box)
  call void @free(ptr %box)
  ret void
}

; __fprintf_chk and __dprintf_chk: the format is the third argument.
; CHECK-LABEL: goescape: function 'fprintf_chk_s': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted (align 16, 1 free removed)
define void @fprintf_chk_s() {
  %f = load ptr, ptr @stream
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (ptr, i32, ptr, ...) @__fprintf_chk(ptr %f, i32 1, ptr @fmt_s, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'fprintf_chk_p': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to '__fprintf_chk'
define void @fprintf_chk_p() {
  %f = load ptr, ptr @stream
  %x = call ptr @malloc(i64 16)
  %r = call i32 (ptr, i32, ptr, ...) @__fprintf_chk(ptr %f, i32 1, ptr @fmt_p, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'dprintf_chk_s': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted (align 16, 1 free removed)
define void @dprintf_chk_s() {
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (i32, i32, ptr, ...) @__dprintf_chk(i32 2, i32 1, ptr @fmt_s, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'dprintf_chk_p': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to '__dprintf_chk'
define void @dprintf_chk_p() {
  %x = call ptr @malloc(i64 16)
  %r = call i32 (i32, i32, ptr, ...) @__dprintf_chk(i32 2, i32 1, ptr @fmt_p, ptr %x)
  call void @free(ptr %x)
  ret void
}

; __sprintf_chk (format fourth) and __snprintf_chk (format fifth), which
; TargetLibraryInfo knows.
; CHECK-LABEL: goescape: function 'sprintf_chk_s': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted (align 16, 1 free removed)
define void @sprintf_chk_s() {
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (ptr, i32, i64, ptr, ...) @__sprintf_chk(ptr @gbuf, i32 1, i64 64, ptr @fmt_s, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'sprintf_chk_p': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to '__sprintf_chk'
define void @sprintf_chk_p() {
  %x = call ptr @malloc(i64 16)
  %r = call i32 (ptr, i32, i64, ptr, ...) @__sprintf_chk(ptr @gbuf, i32 1, i64 64, ptr @fmt_p, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'snprintf_chk_s': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted (align 16, 1 free removed)
define void @snprintf_chk_s() {
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (ptr, i64, i32, i64, ptr, ...) @__snprintf_chk(ptr @gbuf, i64 64, i32 1, i64 64, ptr @fmt_s, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'snprintf_chk_p': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to '__snprintf_chk'
define void @snprintf_chk_p() {
  %x = call ptr @malloc(i64 16)
  %r = call i32 (ptr, i64, i32, i64, ptr, ...) @__snprintf_chk(ptr @gbuf, i64 64, i32 1, i64 64, ptr @fmt_p, ptr %x)
  call void @free(ptr %x)
  ret void
}

; snprintf (format third) and fprintf (format second).
; CHECK-LABEL: goescape: function 'snprintf_s': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted (align 16, 1 free removed)
define void @snprintf_s() {
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (ptr, i64, ptr, ...) @snprintf(ptr @gbuf, i64 64, ptr @fmt_s, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'snprintf_p': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to 'snprintf'
define void @snprintf_p() {
  %x = call ptr @malloc(i64 16)
  %r = call i32 (ptr, i64, ptr, ...) @snprintf(ptr @gbuf, i64 64, ptr @fmt_p, ptr %x)
  call void @free(ptr %x)
  ret void
}

; CHECK-LABEL: goescape: function 'fprintf_s': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted (align 16, 1 free removed)
define void @fprintf_s() {
  %f = load ptr, ptr @stream
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (ptr, ptr, ...) @fprintf(ptr %f, ptr @fmt_s, ptr %x)
  call void @free(ptr %x)
  ret void
}

; The format scan: flags and a width before p are still %p ...
; CHECK-LABEL: goescape: function 'printf_flags_p': 1 site, 0 promoted
; CHECK-NEXT: %x = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to 'printf'
define void @printf_flags_p() {
  %x = call ptr @malloc(i64 16)
  %r = call i32 (ptr, ...) @printf(ptr @fmt_flags_p, ptr %x)
  call void @free(ptr %x)
  ret void
}

; ... and %%p is a percent sign and a p.
; CHECK-LABEL: goescape: function 'printf_percent_p': 1 site, 1 promoted
; CHECK-NEXT: %x = malloc(16): promoted (align 16, 1 free removed)
define void @printf_percent_p() {
  %x = call ptr @malloc(i64 16)
  store i8 0, ptr %x
  %r = call i32 (ptr, ...) @printf(ptr @fmt_percent_p, ptr %x)
  call void @free(ptr %x)
  ret void
}

; scanf writes its variadic arguments and reads no pointer from them, so
; they stay private whatever the format; but %p (or any conversion, over a
; stored pointer's bytes) may leave a pointer of unknown origin in the
; object, and storing through it escapes.
; CHECK-LABEL: goescape: function 'scanf_p_box': 2 sites, 1 promoted
; CHECK-NEXT: %box = malloc(8): promoted (align 16, 1 free removed)
; CHECK-NEXT: %buf = malloc(16): kept (EscapesToUnknownMemory)
define void @scanf_p_box() {
  %box = call ptr @malloc(i64 8)
  %buf = call ptr @malloc(i64 16)
  %r = call i32 (ptr, ...) @__isoc99_scanf(ptr @fmt_p, ptr %box)
  %q = load ptr, ptr %box
  store ptr %buf, ptr %q
  call void @free(ptr %box)
  ret void
}

; %d and %n write integers.
; CHECK-LABEL: goescape: function 'scanf_d_n': 2 sites, 2 promoted
; CHECK-NEXT: %v = malloc(4): promoted (align 16, 1 free removed)
; CHECK-NEXT: %n = malloc(4): promoted (align 16, 1 free removed)
define i32 @scanf_d_n() {
  %v = call ptr @malloc(i64 4)
  %n = call ptr @malloc(i64 4)
  %r = call i32 (ptr, ...) @__isoc99_scanf(ptr @fmt_dn, ptr %v, ptr %n)
  %a = load i32, ptr %v
  %b = load i32, ptr %n
  %s = add i32 %a, %b
  call void @free(ptr %v)
  call void @free(ptr %n)
  ret i32 %s
}

; %s writes bytes (scanf, and fscanf).
; CHECK-LABEL: goescape: function 'scanf_s': 1 site, 1 promoted
; CHECK-NEXT: %buf = malloc(16): promoted (align 16, 1 free removed)
define i8 @scanf_s() {
  %buf = call ptr @malloc(i64 16)
  %r = call i32 (ptr, ...) @scanf(ptr @fmt_15s, ptr %buf)
  %c = load i8, ptr %buf
  call void @free(ptr %buf)
  ret i8 %c
}

; CHECK-LABEL: goescape: function 'fscanf_s': 1 site, 1 promoted
; CHECK-NEXT: %buf = malloc(16): promoted (align 16, 1 free removed)
define i8 @fscanf_s() {
  %f = load ptr, ptr @stream
  %buf = call ptr @malloc(i64 16)
  %r = call i32 (ptr, ptr, ...) @fscanf(ptr %f, ptr @fmt_15s, ptr %buf)
  %c = load i8, ptr %buf
  call void @free(ptr %buf)
  ret i8 %c
}

; glibc's __isoc99_fscanf, what fscanf becomes in C99 mode, is not in the
; model: its variadic arguments escape.
; CHECK-LABEL: goescape: function 'isoc99_fscanf_s': 1 site, 0 promoted
; CHECK-NEXT: %buf = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to '__isoc99_fscanf'
define i8 @isoc99_fscanf_s() {
  %f = load ptr, ptr @stream
  %buf = call ptr @malloc(i64 16)
  %r = call i32 (ptr, ptr, ...) @__isoc99_fscanf(ptr %f, ptr @fmt_15s, ptr %buf)
  %c = load i8, ptr %buf
  call void @free(ptr %buf)
  ret i8 %c
}

; scanf's format is not looked at: one known only at run time is the same.
; CHECK-LABEL: goescape: function 'scanf_runtime_format': 1 site, 1 promoted
; CHECK-NEXT: %buf = malloc(16): promoted (align 16, 1 free removed)
define i8 @scanf_runtime_format(ptr %fmt) {
  %buf = call ptr @malloc(i64 16)
  %r = call i32 (ptr, ...) @scanf(ptr %fmt, ptr %buf)
  %c = load i8, ptr %buf
  call void @free(ptr %buf)
  ret i8 %c
}
