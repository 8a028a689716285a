#!/bin/sh
# make demo: runs goescape over examples/*.c the way a user would, shows what
# moved to the stack and why the rest stayed, and checks that each program
# prints the same with and without the pass.
set -eu
BUILD=${1:-build}
LLVM_BIN=${LLVM_BIN:-/usr/lib/llvm-22/bin}
CLANG="$LLVM_BIN/clang"
PLUGIN="$BUILD/lib/GoEscape.so"
[ -f "$PLUGIN" ] || { echo "demo: $PLUGIN not built (run make build)" >&2; exit 1; }
tmp=$(mktemp -d)
mkdir "$tmp/plain" "$tmp/goescape"
trap 'rm -rf "$tmp"' EXIT

promoted=0
kept=0
for src in examples/*.c; do
  name=$(basename "$src" .c)
  echo "== $src"
  # The pass's own report, in go build -gcflags=-m style (-g for positions).
  "$CLANG" -O2 -g -fpass-plugin="$PLUGIN" -mllvm -goescape-m \
    "$src" -o "$tmp/goescape/$name" 2>"$tmp/$name.report"
  sed 's/^/  /' "$tmp/$name.report"
  p=$(sed -n 's/^goescape: \([0-9]*\) sites\{0,1\} moved.*/\1/p' "$tmp/$name.report")
  k=$(sed -n 's/.*, \([0-9]*\) kept on heap$/\1/p' "$tmp/$name.report")
  promoted=$((promoted + ${p:-0}))
  kept=$((kept + ${k:-0}))
  # Same file name for both builds: argv[0] is part of what they print.
  "$CLANG" -O2 "$src" -o "$tmp/plain/$name"
  (cd "$tmp/plain" && "./$name" a b c </dev/null) >"$tmp/$name.out.plain"
  (cd "$tmp/goescape" && "./$name" a b c </dev/null) >"$tmp/$name.out.goescape"
  if cmp -s "$tmp/$name.out.plain" "$tmp/$name.out.goescape"; then
    echo "  output with and without goescape: identical: $(head -n 1 "$tmp/$name.out.plain")"
  else
    echo "  OUTPUT DIFFERS with goescape:" >&2
    diff "$tmp/$name.out.plain" "$tmp/$name.out.goescape" >&2 || true
    exit 1
  fi
done
echo "== $promoted allocation sites moved to the stack, $kept kept on the heap"
