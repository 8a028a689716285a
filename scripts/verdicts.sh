#!/bin/sh
# Everything goescape says about the corpus, one file per input, so that two
# builds of the plugin can be compared with `diff -r`: a refactoring must
# leave it unchanged.
#
#   scripts/verdicts.sh PLUGIN OUTDIR
#   diff -r OUTDIR-before OUTDIR-after
#
# For each .ll under test/: print<goescape>, the -goescape-m=2 text and the
# transformed IR. For each C or C++ file under test/, examples/ and bench/:
# the -goescape-m=2 text and the remarks of a clang -O2 -g build, the
# assembly of a clang -O2 build with the plugin, and print<goescape> over
# its -O2 IR (built without the plugin).
set -u
PLUGIN=$1
OUT=$2
BIN=${LLVM_BIN:-/usr/lib/llvm-22/bin}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$OUT"
cd "$ROOT"
find test examples bench -name Inputs -prune -o \
  \( -name '*.ll' -o -name '*.c' -o -name '*.cpp' \) -print | sort |
while read -r F; do
  O="$OUT/$(echo "$F" | tr / _)"
  case "$F" in
  *.ll)
    if grep -q '^;--- common.ll' "$F"; then
      # split-file inputs: common.ll prepended to each part, as the RUN lines do.
      rm -rf "$O.d" && "$BIN/split-file" "$F" "$O.d"
      for P in "$O.d"/*.ll; do
        [ "$P" = "$O.d/common.ll" ] && continue
        cat "$O.d/common.ll" "$P" >"$P.all"
        "$BIN/opt" -load-pass-plugin="$PLUGIN" -passes='print<goescape>' \
          -disable-output "$P.all" >"$O.$(basename "$P").print" 2>&1
      done
      rm -rf "$O.d"
      continue
    fi
    "$BIN/opt" -load-pass-plugin="$PLUGIN" -passes='print<goescape>' \
      -disable-output "$F" >"$O.print" 2>&1
    "$BIN/opt" -load-pass-plugin="$PLUGIN" -passes=goescape -goescape-m=2 \
      -S "$F" -o "$O.out.ll" >"$O.m" 2>&1
    ;;
  *)
    case "$F" in *.cpp) CC=$BIN/clang++ ;; *) CC=$BIN/clang ;; esac
    "$CC" -O2 -g -c -w -fpass-plugin="$PLUGIN" -mllvm -goescape-m=2 \
      -Rpass=goescape -Rpass-missed=goescape -Rpass-analysis=goescape \
      -I test/C/runtime -I bench -o /dev/null "$F" >"$O.m" 2>&1
    "$CC" -O2 -w -S -fpass-plugin="$PLUGIN" -I test/C/runtime -I bench \
      -o "$O.s" "$F" 2>/dev/null
    "$CC" -O2 -w -S -emit-llvm -I test/C/runtime -I bench -o "$O.plain.ll" \
      "$F" 2>/dev/null &&
      "$BIN/opt" -load-pass-plugin="$PLUGIN" -passes='print<goescape>' \
        -disable-output "$O.plain.ll" >"$O.print" 2>&1
    rm -f "$O.plain.ll"
    ;;
  esac
done
