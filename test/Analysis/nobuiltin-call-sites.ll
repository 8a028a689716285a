; A call site marked nobuiltin (what clang's -fno-builtin and
; -fno-builtin-malloc put on calls) is not the library function it names: a
; nobuiltin call to malloc or operator new is not an allocation site, and a
; nobuiltin printf is not trusted with its variadic arguments. Each function
; takes an unused pointer so that it is printed even without sites.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@fmt_s = private constant [3 x i8] c"%s\00"

declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare noalias ptr @_Znwm(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="_Znwm"
declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") "alloc-family"="_Znwm"
declare i32 @printf(ptr, ...)

; CHECK-LABEL: goescape: function 'builtin_malloc': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted (align 16, 1 free removed)
; CHECK-NEXT: unused does not escape
define void @builtin_malloc(ptr %unused) {
  %p = call ptr @malloc(i64 16)
  store i8 1, ptr %p
  call void @free(ptr %p)
  ret void
}
; CHECK-LABEL: goescape: function 'nobuiltin_malloc': 0 sites, 0 promoted
; CHECK-NEXT: unused does not escape
define void @nobuiltin_malloc(ptr %unused) {
  %p = call ptr @malloc(i64 16) #0
  store i8 1, ptr %p
  call void @free(ptr %p)
  ret void
}
; CHECK-LABEL: goescape: function 'nobuiltin_new': 0 sites, 0 promoted
; CHECK-NEXT: unused does not escape
define void @nobuiltin_new(ptr %unused) {
  %p = call ptr @_Znwm(i64 16) #0
  store i8 1, ptr %p
  call void @_ZdlPv(ptr %p) #0
  ret void
}
; What -fno-builtin gives: "no-builtins" on the function and the calls, and
; nobuiltin on the calls.
; CHECK-LABEL: goescape: function 'no_builtins': 0 sites, 0 promoted
; CHECK-NEXT: unused does not escape
define void @no_builtins(ptr %unused) #1 {
  %p = call ptr @malloc(i64 16) #2
  store i8 1, ptr %p
  call void @free(ptr %p) #2
  ret void
}
; "no-builtins" on the function alone (clang's __attribute__((no_builtin)),
; whose calls are not marked) turns off the library's names there: the
; declaration's allockind, which InferFunctionAttrs gave malloc for the
; rest of the module, does not make this call libc's malloc. Not a site,
; and free here is not libc's free either (LLVM's own MemoryBuiltins would
; take both from the attributes).
; CHECK-LABEL: goescape: function 'no_builtins_function_only': 0 sites, 0 promoted
; CHECK-NEXT: unused does not escape
define void @no_builtins_function_only(ptr %unused) #1 {
  %p = call ptr @malloc(i64 16)
  store i8 1, ptr %p
  call void @free(ptr %p)
  ret void
}
; "no-builtin-malloc" alone (__attribute__((no_builtin("malloc")))): the
; same for malloc, and free stays libc's.
; CHECK-LABEL: goescape: function 'no_builtin_malloc_function_only': 0 sites, 0 promoted
; CHECK-NEXT: unused does not escape
define void @no_builtin_malloc_function_only(ptr %unused) #3 {
  %p = call ptr @malloc(i64 16)
  store i8 1, ptr %p
  call void @free(ptr %p)
  ret void
}
; "no-builtin-free" alone: malloc is a site, and the object stays on the
; heap, passed to a free that is not libc's.
; CHECK-LABEL: goescape: function 'no_builtin_free_function_only': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (FreedByCall): passed to 'free', which may free it
define void @no_builtin_free_function_only(ptr %unused) #4 {
  %p = call ptr @malloc(i64 16)
  store i8 1, ptr %p
  call void @free(ptr %p)
  ret void
}
; A nobuiltin free of a declaration that says allockind("free") is still
; taken for a free, as LLVM's InstCombine takes it (it deletes this malloc
; and free pair too). With -fno-builtin-free, clang's free has no allockind,
; and the object is kept (test/C/no-builtin.c).
; CHECK-LABEL: goescape: function 'nobuiltin_free': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted (align 16, 1 free removed)
define void @nobuiltin_free(ptr %unused) {
  %p = call ptr @malloc(i64 16)
  store i8 1, ptr %p
  call void @free(ptr %p) #0
  ret void
}
; CHECK-LABEL: goescape: function 'builtin_printf': 1 site, 1 promoted
; CHECK-NEXT: %p = malloc(16): promoted (align 16, 1 free removed)
define void @builtin_printf(ptr %unused) {
  %p = call ptr @malloc(i64 16)
  store i8 0, ptr %p
  %r = call i32 (ptr, ...) @printf(ptr @fmt_s, ptr %p)
  call void @free(ptr %p)
  ret void
}
; CHECK-LABEL: goescape: function 'nobuiltin_printf': 1 site, 0 promoted
; CHECK-NEXT: %p = malloc(16): kept (EscapesToVarArg): passed as a variadic argument to 'printf'
define void @nobuiltin_printf(ptr %unused) {
  %p = call ptr @malloc(i64 16)
  store i8 0, ptr %p
  %r = call i32 (ptr, ...) @printf(ptr @fmt_s, ptr %p) #0
  call void @free(ptr %p)
  ret void
}

attributes #0 = { nobuiltin }
attributes #1 = { "no-builtins" }
attributes #2 = { nobuiltin "no-builtins" }
attributes #3 = { "no-builtin-malloc" }
attributes #4 = { "no-builtin-free" }
