; Parameter names come from the debug info when the IR has none (clang's
; optimised IR): the first record for argument number N names parameter N.
; After inlining, a record of the inlined callee's parameter N (its
; location has an inlinedAt) can come first: here publish's "what" names
; keeps's first parameter, "self". Only the function's own variables count.
; RUN: %opt -passes='print<goescape>' -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=goescape:

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global ptr null

; void keeps(long *self, long *item) { publish(item); }, publish inlined.
; CHECK-LABEL: goescape: function 'keeps': 0 sites, 0 promoted
; CHECK-NEXT: self does not escape
; CHECK-NEXT: leaking param: item
define void @keeps(ptr %0, ptr %1) !dbg !10 {
    #dbg_value(ptr %1, !21, !DIExpression(), !22)
  store ptr %1, ptr @g, !dbg !22
    #dbg_value(ptr %0, !14, !DIExpression(), !16)
    #dbg_value(ptr %1, !15, !DIExpression(), !16)
  ret void, !dbg !16
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}
!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, producer: "hand", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "t.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !4)
!4 = !{null}
!10 = distinct !DISubprogram(name: "keeps", scope: !1, file: !1, line: 10, type: !3, scopeLine: 10, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0, retainedNodes: !13)
!13 = !{!14, !15}
!14 = !DILocalVariable(name: "self", arg: 1, scope: !10, file: !1, line: 10, type: !17)
!15 = !DILocalVariable(name: "item", arg: 2, scope: !10, file: !1, line: 10, type: !17)
!16 = !DILocation(line: 11, column: 1, scope: !10)
!17 = !DIBasicType(name: "long", size: 64, encoding: DW_ATE_signed)
!20 = distinct !DISubprogram(name: "publish", scope: !1, file: !1, line: 2, type: !3, scopeLine: 2, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!21 = !DILocalVariable(name: "what", arg: 1, scope: !20, file: !1, line: 2, type: !17)
!22 = !DILocation(line: 3, column: 1, scope: !20, inlinedAt: !16)
