; Calls into the C library that run hooks the module installed are calls
; back into its address-taken functions: stdio on a fopencookie stream,
; printf with register_printf_specifier conversions, exit with atexit
; handlers. A function reached that way may recurse through them.
; RUN: rm -rf %t && split-file %s %t
; RUN: cat %t/common.ll %t/cookie.ll > %t/cookie-all.ll
; RUN: cat %t/common.ll %t/printf.ll > %t/printf-all.ll
; RUN: cat %t/common.ll %t/atexit.ll > %t/atexit-all.ll
; RUN: cat %t/common.ll %t/none.ll > %t/none-all.ll
; RUN: %opt -passes='print<goescape>' -disable-output %t/cookie-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/printf-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/atexit-all.ll 2>&1 | FileCheck %s --check-prefix=HOOKED
; RUN: %opt -passes='print<goescape>' -disable-output %t/none-all.ll 2>&1 | FileCheck %s --check-prefix=PLAIN

; HOOKED-LABEL: goescape: function 'hook': 1 site, 0 promoted (recursive)
; HOOKED-NEXT: kept (RecursionBudget)
; PLAIN-LABEL: goescape: function 'hook': 1 site, 1 promoted
; PLAIN-NOT: recursive

;--- common.ll
target triple = "x86_64-unknown-linux-gnu"
declare noalias ptr @malloc(i64) allockind("alloc,uninitialized") allocsize(0) "alloc-family"="malloc"
declare void @free(ptr allocptr captures(none)) allockind("free") "alloc-family"="malloc"
declare void @use(ptr captures(none)) nofree nocallback
@stream = global ptr null
@fmt = private constant [3 x i8] c"%d\00"
@hookp = global ptr @hook

define i64 @hook(ptr %c, ptr %buf, i64 %n) {
  %p = call ptr @malloc(i64 1000)
  call void @use(ptr %p)
  %s = load ptr, ptr @stream
  %r = call i32 (ptr, ptr, ...) @fprintf(ptr %s, ptr @fmt, i32 1)
  %q = call i32 (ptr, i64, ptr, ...) @snprintf(ptr %buf, i64 %n, ptr @fmt, i32 2)
  call void @exit(i32 0)
  call void @free(ptr %p)
  ret i64 %n
}
declare i32 @fprintf(ptr, ptr, ...)
declare i32 @snprintf(ptr, i64, ptr, ...)
declare void @exit(i32)

;--- cookie.ll
declare ptr @fopencookie(ptr, ptr, ptr)
define void @install() {
  %f = call ptr @fopencookie(ptr null, ptr null, ptr null)
  store ptr %f, ptr @stream
  ret void
}
;--- printf.ll
declare i32 @register_printf_specifier(i32, ptr, ptr)
define void @install() {
  %r = call i32 @register_printf_specifier(i32 87, ptr null, ptr null)
  ret void
}
;--- atexit.ll
declare i32 @atexit(ptr)
define void @install() {
  %r = call i32 @atexit(ptr null)
  ret void
}
;--- none.ll
; No hooks installed: the same libc calls call nothing of ours.
