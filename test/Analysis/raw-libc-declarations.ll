; IR straight from clang, before any LLVM pass has run
; (`clang -O2 -Xclang -disable-llvm-passes -S -emit-llvm`, trimmed): the C
; library's declarations have only what the headers say (nounwind,
; allocsize from glibc's alloc_size), not the allockind, "alloc-family",
; captures(none) and memory effects that InferFunctionAttrs gives them at
; the start of every clang pipeline. `-passes=goescape` and
; `print<goescape>` run InferFunctionAttrs first on such a module, so they
; see what `-passes='inferattrs,goescape'` sees: the same sites, frees and
; parameter rules. Not the library's: a nobuiltin call, a function marked
; "no-builtins" or "no-builtin-malloc" (__attribute__((no_builtin))), a
; declaration clang marked for -fno-builtin-free, a prototype that is not
; libc's, and a malloc the module defines itself.
;
; RUN: rm -rf %t && split-file %s %t
; RUN: cat %t/common.ll %t/raw.ll > %t/raw-all.ll
; RUN: cat %t/common.ll %t/bare.ll > %t/bare-all.ll
; RUN: cat %t/common.ll %t/defines-malloc.ll > %t/defines-malloc-all.ll
; RUN: cat %t/common.ll %t/wrong-prototype.ll > %t/wrong-prototype-all.ll
; RUN: cat %t/common.ll %t/no-builtin-free.ll > %t/no-builtin-free-all.ll
; RUN: cat %t/common.ll %t/no-builtins.ll > %t/no-builtins-all.ll
; RUN: cat %t/common.ll %t/cxx.ll > %t/cxx-all.ll
; RUN: %opt -passes='print<goescape>' -disable-output %t/raw-all.ll 2>&1 | FileCheck %s --check-prefix=RAW --implicit-check-not=goescape:
; RUN: %opt -passes='print<goescape>' -disable-output %t/bare-all.ll 2>&1 | FileCheck %s --check-prefix=BARE --implicit-check-not=goescape:
; RUN: %opt -passes='print<goescape>' -disable-output %t/defines-malloc-all.ll 2>&1 | FileCheck %s --check-prefix=DEFINES --implicit-check-not=goescape:
; RUN: %opt -passes='print<goescape>' -disable-output %t/wrong-prototype-all.ll 2>&1 | FileCheck %s --check-prefix=PROTO --implicit-check-not=goescape:
; RUN: %opt -passes='print<goescape>' -disable-output %t/no-builtin-free-all.ll 2>&1 | FileCheck %s --check-prefix=NOFREE --implicit-check-not=goescape:
; RUN: %opt -passes='print<goescape>' -disable-output %t/no-builtins-all.ll 2>&1 | FileCheck %s --check-prefix=NOBUILTINS --implicit-check-not=goescape:
; RUN: %opt -passes='print<goescape>' -disable-output %t/cxx-all.ll 2>&1 | FileCheck %s --check-prefix=CXX --implicit-check-not=goescape:
; A TargetLibraryInfo without the function (opt's spelling of -fno-builtin-X).
; RUN: %opt -disable-builtin=malloc -passes='print<goescape>' -disable-output %t/bare-all.ll 2>&1 | FileCheck %s --check-prefix=TLI-NOMALLOC --implicit-check-not=goescape:
; RUN: %opt -disable-builtin=free -passes='print<goescape>' -disable-output %t/bare-all.ll 2>&1 | FileCheck %s --check-prefix=TLI-NOFREE --implicit-check-not=goescape:
;
; Exactly what running InferFunctionAttrs by hand first gives, for the
; analysis and for the transform.
; RUN: %opt -passes='print<goescape>' -disable-output %t/raw-all.ll > %t/raw.print
; RUN: %opt -passes='inferattrs,print<goescape>' -disable-output %t/raw-all.ll > %t/raw-inferattrs.print
; RUN: diff %t/raw.print %t/raw-inferattrs.print
; RUN: %opt -passes=goescape -S %t/raw-all.ll -o %t/raw.out.ll
; RUN: %opt -passes='inferattrs,goescape' -S %t/raw-all.ll -o %t/raw-inferattrs.out.ll
; RUN: diff %t/raw.out.ll %t/raw-inferattrs.out.ll
; RUN: FileCheck %s --check-prefix=IR < %t/raw.out.ll

; RAW-LABEL: goescape: function 'f_malloc': 1 site, 1 promoted
; RAW-NEXT: %3 = malloc(16): promoted (align 16, 1 free removed)
; RAW-LABEL: goescape: function 'rd': 0 sites, 0 promoted
; RAW-NEXT: parameter 1 does not escape
; RAW-LABEL: goescape: function 'f_calloc': 1 site, 1 promoted
; RAW-NEXT: %3 = calloc(16): promoted (align 16, 1 free removed)
; realloc grows the object from its slot (realloc-growth.ll).
; RAW-LABEL: goescape: function 'f_realloc': 1 site, 1 promoted
; RAW-NEXT: %3 = malloc(16): promoted (align 16, 64-byte slot, heap once realloc outgrows it (1 realloc), 1 free only for the heap)
; RAW-LABEL: goescape: function 'f_strdup': 1 site, 1 promoted
; RAW-NEXT: %3 = strdup(?): promoted (align 16, 64-byte slot when it fits, heap otherwise, 1 free only for the heap)
; RAW-LABEL: goescape: function 'f_aligned': 1 site, 1 promoted
; RAW-NEXT: %3 = aligned_alloc(64): promoted (align 64, 1 free removed)
; RAW-LABEL: goescape: function 'f_posix': 1 site, 1 promoted
; RAW-NEXT: posix_memalign(64): promoted (align 64, 1 free removed)
; strcpy, strlen and puts neither keep nor free what they are given.
; RAW-LABEL: goescape: function 'f_libc': 1 site, 1 promoted
; RAW-NEXT: %3 = malloc(16): promoted (align 16, 1 free removed)
; RAW-LABEL: goescape: function '_Z5f_newv': 1 site, 1 promoted
; RAW-NEXT: %3 = new(4): promoted (align 16, 1 free removed)
; RAW-LABEL: goescape: function 'nobuiltin_call': 0 sites, 0 promoted
; RAW-NEXT: unused does not escape
; RAW-LABEL: goescape: function 'no_builtin_malloc': 0 sites, 0 promoted
; RAW-NEXT: unused does not escape
; RAW-LABEL: goescape: function 'no_builtins': 0 sites, 0 promoted
; RAW-NEXT: unused does not escape

; The rewrite, and the declarations as InferFunctionAttrs leaves them.
; IR-LABEL: define dso_local i32 @f_malloc()
; IR-NEXT: alloca [16 x i8], align 16
; IR-NOT: call {{.*}} @malloc
; IR-NOT: call void @free
; IR: ret i32
; IR: declare noalias noundef ptr @malloc(i64 noundef) #[[MALLOC:[0-9]+]]
; IR: declare void @free(ptr allocptr noundef captures(none)) #[[FREE:[0-9]+]]
; IR-LABEL: define dso_local i32 @f_libc()
; IR-NEXT: alloca [16 x i8], align 16
; IR-NOT: call {{.*}} @malloc
; IR-NOT: call void @free
; IR: ret i32
; IR: declare i64 @strlen(ptr noundef captures(none))
; IR-LABEL: define dso_local void @nobuiltin_call(
; IR-NEXT: call noalias ptr @malloc(i64 noundef 16) #[[NOBUILTIN:[0-9]+]]
; IR: call void @free(
; IR: attributes #[[MALLOC]] = { {{.*}}allockind("alloc,uninitialized") allocsize(0){{.*}}"alloc-family"="malloc" }
; IR: attributes #[[FREE]] = { {{.*}}allockind("free"){{.*}}"alloc-family"="malloc" }
; IR: attributes #[[NOBUILTIN]] = { nobuiltin

; No attributes at all (a libc whose headers say nothing, or IR written by
; hand): the names and prototypes are enough.
; BARE-LABEL: goescape: function 'bare': 1 site, 1 promoted
; BARE-NEXT: %p = malloc(16): promoted (align 16, 1 free removed)
; BARE-NEXT: q does not escape

; TLI-NOMALLOC-LABEL: goescape: function 'bare': 0 sites, 0 promoted
; TLI-NOFREE-LABEL: goescape: function 'bare': 1 site, 0 promoted
; TLI-NOFREE-NEXT: %p = malloc(16): kept (EscapesToCall): passed to 'free', which may keep it

; A malloc with a body in the module is that body, not libc's.
; DEFINES-LABEL: goescape: function 'own_malloc': 0 sites, 0 promoted
; DEFINES-NEXT: q does not escape

; TargetLibraryInfo checks the prototype: malloc(i32, i32) is not libc's.
; PROTO-LABEL: goescape: function 'wrong_prototype': 0 sites, 0 promoted
; PROTO-NEXT: q does not escape

; -fno-builtin-free: clang marks the declaration (and the calls), so free
; stays a function that may keep its argument.
; NOFREE-LABEL: goescape: function 'no_builtin_free': 1 site, 0 promoted
; NOFREE-NEXT: %3 = malloc(16): kept (EscapesToCall): passed to 'free', which may keep it

; -fno-builtin: nothing is the library's.
; NOBUILTINS-LABEL: goescape: function 'no_builtins_everywhere': 0 sites, 0 promoted
; NOBUILTINS-NEXT: q does not escape

; C++ allocates through operator new and delete, which clang declares
; nobuiltin: they never get allockind, and TargetLibraryInfo knows them by
; name. strcpy and strlen still need their attributes inferred.
; CXX-LABEL: goescape: function '_Z12f_new_stringv': 1 site, 1 promoted
; CXX-NEXT: %3 = new[](16): promoted (align 16, 1 free removed)

;--- common.ll
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

;--- raw.ll
@.str = private unnamed_addr constant [6 x i8] c"hello\00", align 1
@.str.1 = private unnamed_addr constant [3 x i8] c"hi\00", align 1

; int f_malloc(void) { char *p = malloc(16); p[0] = 1; int r = rd(p); free(p); return r; }
define dso_local i32 @f_malloc() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #9
  %3 = call noalias ptr @malloc(i64 noundef 16) #10
  store ptr %3, ptr %1, align 8
  %4 = load ptr, ptr %1, align 8
  %5 = getelementptr inbounds i8, ptr %4, i64 0
  store i8 1, ptr %5, align 1
  call void @llvm.lifetime.start.p0(ptr %2) #9
  %6 = load ptr, ptr %1, align 8
  %7 = call i32 @rd(ptr noundef %6)
  store i32 %7, ptr %2, align 4
  %8 = load ptr, ptr %1, align 8
  call void @free(ptr noundef %8) #9
  %9 = load i32, ptr %2, align 4
  call void @llvm.lifetime.end.p0(ptr %2) #9
  call void @llvm.lifetime.end.p0(ptr %1) #9
  ret i32 %9
}

declare void @llvm.lifetime.start.p0(ptr captures(none)) #1

declare noalias ptr @malloc(i64 noundef) #2

; static int rd(const char *p) { return p[0]; }
define internal i32 @rd(ptr noundef %0) #3 {
  %2 = alloca ptr, align 8
  store ptr %0, ptr %2, align 8
  %3 = load ptr, ptr %2, align 8
  %4 = getelementptr inbounds i8, ptr %3, i64 0
  %5 = load i8, ptr %4, align 1
  %6 = sext i8 %5 to i32
  ret i32 %6
}

declare void @free(ptr noundef) #4

declare void @llvm.lifetime.end.p0(ptr captures(none)) #1

; int f_calloc(void) { char *p = calloc(4, 4); int r = rd(p); free(p); return r; }
define dso_local i32 @f_calloc() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #9
  %3 = call noalias ptr @calloc(i64 noundef 4, i64 noundef 4) #11
  store ptr %3, ptr %1, align 8
  call void @llvm.lifetime.start.p0(ptr %2) #9
  %4 = load ptr, ptr %1, align 8
  %5 = call i32 @rd(ptr noundef %4)
  store i32 %5, ptr %2, align 4
  %6 = load ptr, ptr %1, align 8
  call void @free(ptr noundef %6) #9
  %7 = load i32, ptr %2, align 4
  call void @llvm.lifetime.end.p0(ptr %2) #9
  call void @llvm.lifetime.end.p0(ptr %1) #9
  ret i32 %7
}

declare noalias ptr @calloc(i64 noundef, i64 noundef) #5

; int f_realloc(void) { char *p = malloc(16); p = realloc(p, 32); int r = rd(p); free(p); return r; }
define dso_local i32 @f_realloc() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #9
  %3 = call noalias ptr @malloc(i64 noundef 16) #10
  store ptr %3, ptr %1, align 8
  %4 = load ptr, ptr %1, align 8
  %5 = call ptr @realloc(ptr noundef %4, i64 noundef 32) #12
  store ptr %5, ptr %1, align 8
  call void @llvm.lifetime.start.p0(ptr %2) #9
  %6 = load ptr, ptr %1, align 8
  %7 = call i32 @rd(ptr noundef %6)
  store i32 %7, ptr %2, align 4
  %8 = load ptr, ptr %1, align 8
  call void @free(ptr noundef %8) #9
  %9 = load i32, ptr %2, align 4
  call void @llvm.lifetime.end.p0(ptr %2) #9
  call void @llvm.lifetime.end.p0(ptr %1) #9
  ret i32 %9
}

declare ptr @realloc(ptr noundef, i64 noundef) #6

; int f_strdup(void) { char *p = strdup("hello"); int r = rd(p); free(p); return r; }
define dso_local i32 @f_strdup() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #9
  %3 = call noalias ptr @strdup(ptr noundef @.str) #9
  store ptr %3, ptr %1, align 8
  call void @llvm.lifetime.start.p0(ptr %2) #9
  %4 = load ptr, ptr %1, align 8
  %5 = call i32 @rd(ptr noundef %4)
  store i32 %5, ptr %2, align 4
  %6 = load ptr, ptr %1, align 8
  call void @free(ptr noundef %6) #9
  %7 = load i32, ptr %2, align 4
  call void @llvm.lifetime.end.p0(ptr %2) #9
  call void @llvm.lifetime.end.p0(ptr %1) #9
  ret i32 %7
}

declare noalias ptr @strdup(ptr noundef) #4

; int f_aligned(void) { char *p = aligned_alloc(64, 64); p[0] = 1; int r = rd(p); free(p); return r; }
define dso_local i32 @f_aligned() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #9
  %3 = call noalias align 64 ptr @aligned_alloc(i64 noundef 64, i64 noundef 64) #12
  store ptr %3, ptr %1, align 8
  %4 = load ptr, ptr %1, align 8
  %5 = getelementptr inbounds i8, ptr %4, i64 0
  store i8 1, ptr %5, align 1
  call void @llvm.lifetime.start.p0(ptr %2) #9
  %6 = load ptr, ptr %1, align 8
  %7 = call i32 @rd(ptr noundef %6)
  store i32 %7, ptr %2, align 4
  %8 = load ptr, ptr %1, align 8
  call void @free(ptr noundef %8) #9
  %9 = load i32, ptr %2, align 4
  call void @llvm.lifetime.end.p0(ptr %2) #9
  call void @llvm.lifetime.end.p0(ptr %1) #9
  ret i32 %9
}

declare noalias ptr @aligned_alloc(i64 noundef, i64 noundef) #6

; int f_posix(void) {
;   void *v; if (posix_memalign(&v, 64, 64)) return 0;
;   char *p = v; p[0] = 1; int r = rd(p); free(p); return r;
; }
define dso_local i32 @f_posix() #0 {
  %1 = alloca i32, align 4
  %2 = alloca ptr, align 8
  %3 = alloca i32, align 4
  %4 = alloca ptr, align 8
  %5 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %2) #9
  %6 = call i32 @posix_memalign(ptr noundef %2, i64 noundef 64, i64 noundef 64) #9
  %7 = icmp ne i32 %6, 0
  br i1 %7, label %8, label %9

8:
  store i32 0, ptr %1, align 4
  store i32 1, ptr %3, align 4
  br label %17

9:
  call void @llvm.lifetime.start.p0(ptr %4) #9
  %10 = load ptr, ptr %2, align 8
  store ptr %10, ptr %4, align 8
  %11 = load ptr, ptr %4, align 8
  %12 = getelementptr inbounds i8, ptr %11, i64 0
  store i8 1, ptr %12, align 1
  call void @llvm.lifetime.start.p0(ptr %5) #9
  %13 = load ptr, ptr %4, align 8
  %14 = call i32 @rd(ptr noundef %13)
  store i32 %14, ptr %5, align 4
  %15 = load ptr, ptr %4, align 8
  call void @free(ptr noundef %15) #9
  %16 = load i32, ptr %5, align 4
  store i32 %16, ptr %1, align 4
  store i32 1, ptr %3, align 4
  call void @llvm.lifetime.end.p0(ptr %5) #9
  call void @llvm.lifetime.end.p0(ptr %4) #9
  br label %17

17:
  call void @llvm.lifetime.end.p0(ptr %2) #9
  %18 = load i32, ptr %1, align 4
  ret i32 %18
}

declare i32 @posix_memalign(ptr noundef, i64 noundef, i64 noundef) #4

; int f_libc(void) {
;   char *p = malloc(16); strcpy(p, "hi"); int r = strlen(p); puts(p);
;   free(p); return r;
; }
define dso_local i32 @f_libc() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #9
  %3 = call noalias ptr @malloc(i64 noundef 16) #10
  store ptr %3, ptr %1, align 8
  %4 = load ptr, ptr %1, align 8
  %5 = call ptr @strcpy(ptr noundef %4, ptr noundef @.str.1) #9
  call void @llvm.lifetime.start.p0(ptr %2) #9
  %6 = load ptr, ptr %1, align 8
  %7 = call i64 @strlen(ptr noundef %6) #13
  %8 = trunc i64 %7 to i32
  store i32 %8, ptr %2, align 4
  %9 = load ptr, ptr %1, align 8
  %10 = call i32 @puts(ptr noundef %9)
  %11 = load ptr, ptr %1, align 8
  call void @free(ptr noundef %11) #9
  %12 = load i32, ptr %2, align 4
  call void @llvm.lifetime.end.p0(ptr %2) #9
  call void @llvm.lifetime.end.p0(ptr %1) #9
  ret i32 %12
}

declare ptr @strcpy(ptr noundef, ptr noundef) #4

declare i64 @strlen(ptr noundef) #7

declare i32 @puts(ptr noundef) #8

; C++: int f_new() { int *p = new int(3); int r = rd(p); delete p; return r; }
; clang declares operator new and delete nobuiltin and marks the calls of
; new-expressions builtin; TargetLibraryInfo knows them already.
define dso_local noundef i32 @_Z5f_newv() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #9
  %3 = call noalias noundef nonnull ptr @_Znwm(i64 noundef 4) #14
  store i32 3, ptr %3, align 4
  store ptr %3, ptr %1, align 8
  call void @llvm.lifetime.start.p0(ptr %2) #9
  %4 = load ptr, ptr %1, align 8
  %5 = call i32 @rd(ptr noundef %4)
  store i32 %5, ptr %2, align 4
  %6 = load ptr, ptr %1, align 8
  %7 = icmp eq ptr %6, null
  br i1 %7, label %9, label %8

8:
  call void @_ZdlPvm(ptr noundef %6, i64 noundef 4) #15
  br label %9

9:
  %10 = load i32, ptr %2, align 4
  call void @llvm.lifetime.end.p0(ptr %2) #9
  call void @llvm.lifetime.end.p0(ptr %1) #9
  ret i32 %10
}

declare noundef nonnull ptr @_Znwm(i64 noundef) #16

declare void @_ZdlPvm(ptr noundef, i64 noundef) #17

; A call marked nobuiltin (what -fno-builtin-malloc puts on a call) is not
; an allocation.
define dso_local void @nobuiltin_call(ptr noundef %unused) #0 {
  %1 = call noalias ptr @malloc(i64 noundef 16) #18
  store i8 1, ptr %1, align 1
  call void @free(ptr noundef %1) #9
  ret void
}

; __attribute__((no_builtin("malloc"))): only the function is marked.
define dso_local void @no_builtin_malloc(ptr noundef %unused) #19 {
  %1 = call noalias ptr @malloc(i64 noundef 16) #10
  store i8 1, ptr %1, align 1
  call void @free(ptr noundef %1) #9
  ret void
}

; __attribute__((no_builtin)): every library name is off in the function.
define dso_local void @no_builtins(ptr noundef %unused) #20 {
  %1 = call noalias ptr @malloc(i64 noundef 16) #10
  store i8 1, ptr %1, align 1
  call void @free(ptr noundef %1) #9
  ret void
}

attributes #0 = { nounwind uwtable }
attributes #1 = { nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { nounwind allocsize(0) }
attributes #3 = { noinline nounwind uwtable }
attributes #4 = { nounwind }
attributes #5 = { nounwind allocsize(0,1) }
attributes #6 = { nounwind allocsize(1) }
attributes #7 = { nounwind willreturn memory(read) }
attributes #8 = { "no-trapping-math"="true" }
attributes #9 = { nounwind }
attributes #10 = { nounwind allocsize(0) }
attributes #11 = { nounwind allocsize(0,1) }
attributes #12 = { nounwind allocsize(1) }
attributes #13 = { nounwind willreturn memory(read) }
attributes #14 = { builtin allocsize(0) }
attributes #15 = { builtin nounwind }
attributes #16 = { nobuiltin allocsize(0) }
attributes #17 = { nobuiltin nounwind }
attributes #18 = { nobuiltin nounwind allocsize(0) }
attributes #19 = { nounwind uwtable "no-builtin-malloc" }
attributes #20 = { nounwind uwtable "no-builtins" }

;--- bare.ll
declare ptr @malloc(i64)
declare void @free(ptr)

define void @bare(ptr %q) {
  %p = call ptr @malloc(i64 16)
  store i8 1, ptr %p
  call void @free(ptr %p)
  ret void
}

;--- defines-malloc.ll
; The module's own allocator, over a static arena: its calls are calls.
@arena = internal global [4096 x i8] zeroinitializer
@used = internal global i64 0

define ptr @malloc(i64 %n) {
  %u = load i64, ptr @used
  %p = getelementptr i8, ptr @arena, i64 %u
  %u2 = add i64 %u, %n
  store i64 %u2, ptr @used
  ret ptr %p
}

declare void @free(ptr)

define void @own_malloc(ptr %q) {
  %p = call ptr @malloc(i64 16)
  store i8 1, ptr %p
  call void @free(ptr %p)
  ret void
}

;--- wrong-prototype.ll
declare ptr @malloc(i32, i32)
declare void @free(ptr)

define void @wrong_prototype(ptr %q) {
  %p = call ptr @malloc(i32 16, i32 1)
  store i8 1, ptr %p
  call void @free(ptr %p)
  ret void
}

;--- no-builtin-free.ll
; clang -O2 -fno-builtin-free -Xclang -disable-llvm-passes: every function
; and declaration says "no-builtin-free", and the calls of free are nobuiltin.
define dso_local i32 @no_builtin_free() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #3
  %3 = call noalias ptr @malloc(i64 noundef 16) #4
  store ptr %3, ptr %1, align 8
  %4 = load ptr, ptr %1, align 8
  store i8 1, ptr %4, align 1
  %5 = load i8, ptr %4, align 1
  %6 = sext i8 %5 to i32
  call void @free(ptr noundef %4) #5
  call void @llvm.lifetime.end.p0(ptr %1) #3
  ret i32 %6
}

declare void @llvm.lifetime.start.p0(ptr captures(none)) #1
declare void @llvm.lifetime.end.p0(ptr captures(none)) #1
declare noalias ptr @malloc(i64 noundef) #2
declare void @free(ptr noundef) #2

attributes #0 = { nounwind uwtable "no-builtin-free" }
attributes #1 = { nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { nounwind "no-builtin-free" }
attributes #3 = { nounwind }
attributes #4 = { nounwind allocsize(0) "no-builtin-free" }
attributes #5 = { nobuiltin nounwind "no-builtin-free" }

;--- no-builtins.ll
; clang -O2 -fno-builtin -Xclang -disable-llvm-passes.
define dso_local void @no_builtins_everywhere(ptr noundef %q) #0 {
  %1 = call noalias ptr @malloc(i64 noundef 16) #1
  store i8 1, ptr %1, align 1
  call void @free(ptr noundef %1) #1
  ret void
}

declare noalias ptr @malloc(i64 noundef) #0
declare void @free(ptr noundef) #0

attributes #0 = { nounwind "no-builtins" }
attributes #1 = { nobuiltin nounwind "no-builtins" }

;--- cxx.ll
@.str = private unnamed_addr constant [3 x i8] c"hi\00", align 1

; int f_new_string() {
;   char *p = new char[16]; strcpy(p, "hi"); int r = strlen(p);
;   delete[] p; return r;
; }
define dso_local noundef i32 @_Z12f_new_stringv() #0 {
  %1 = alloca ptr, align 8
  %2 = alloca i32, align 4
  call void @llvm.lifetime.start.p0(ptr %1) #6
  %3 = call noalias noundef nonnull ptr @_Znam(i64 noundef 16) #7
  store ptr %3, ptr %1, align 8
  %4 = load ptr, ptr %1, align 8
  %5 = call ptr @strcpy(ptr noundef %4, ptr noundef @.str) #6
  call void @llvm.lifetime.start.p0(ptr %2) #6
  %6 = load ptr, ptr %1, align 8
  %7 = call i64 @strlen(ptr noundef %6) #8
  %8 = trunc i64 %7 to i32
  store i32 %8, ptr %2, align 4
  %9 = load ptr, ptr %1, align 8
  %10 = icmp eq ptr %9, null
  br i1 %10, label %12, label %11

11:
  call void @_ZdaPv(ptr noundef %9) #9
  br label %12

12:
  %13 = load i32, ptr %2, align 4
  call void @llvm.lifetime.end.p0(ptr %2) #6
  call void @llvm.lifetime.end.p0(ptr %1) #6
  ret i32 %13
}

declare void @llvm.lifetime.start.p0(ptr captures(none)) #1
declare noundef nonnull ptr @_Znam(i64 noundef) #2
declare ptr @strcpy(ptr noundef, ptr noundef) #3
declare i64 @strlen(ptr noundef) #4
declare void @_ZdaPv(ptr noundef) #5
declare void @llvm.lifetime.end.p0(ptr captures(none)) #1

attributes #0 = { mustprogress uwtable }
attributes #1 = { nocallback nofree nosync nounwind willreturn memory(argmem: readwrite) }
attributes #2 = { nobuiltin allocsize(0) }
attributes #3 = { nounwind }
attributes #4 = { nounwind willreturn memory(read) }
attributes #5 = { nobuiltin nounwind }
attributes #6 = { nounwind }
attributes #7 = { builtin allocsize(0) }
attributes #8 = { nounwind willreturn memory(read) }
attributes #9 = { builtin nounwind }
