// goescape-report's --format=json and --format=sarif on the records of this
// file. SARIF has one result per kept site (none for the promoted one), its
// rule the reason, its message the remark and the advice, its location the
// file found through --source-dir (an absolute file:// URI), line and
// column. JSON has every site, in the ranked order of the text report.
//
// RUN: rm -rf %t && mkdir -p %t/records
// RUN: %python -c "import os,sys; os.symlink(os.path.dirname(os.path.dirname(os.path.abspath(sys.argv[1]))), sys.argv[2])" %plugin %t/build
// RUN: cd %S && %clang -O2 -g -fpass-plugin=%plugin -mllvm -goescape-small-buffer=0 -fsave-optimization-record -foptimization-record-file=%t/records/sites.opt.yaml -c report-formats.c -o %t/sites.o
// RUN: cd %t && %t/build/bin/goescape-report records --source-dir %S --format=sarif -o %t/r.sarif
// RUN: %python -m json.tool %t/r.sarif > /dev/null
// RUN: %python %S/Inputs/check_sarif.py %t/r.sarif | FileCheck %s --check-prefix=SARIF
// RUN: cd %t && %t/build/bin/goescape-report records --source-dir %S --format=json > %t/r.json
// RUN: %python -m json.tool %t/r.json > /dev/null
// RUN: FileCheck %s --check-prefix=JSON < %t/r.json
//
// Without --source-dir the file is not found (it is neither beside the
// records nor in the current directory): a relative URI against SRCROOT.
// RUN: cd %t && %t/build/bin/goescape-report records --format=sarif | FileCheck %s --check-prefix=REL

#include <stdlib.h>

char *last;
void sink(char *) __attribute__((leaf)); /* calls nothing of this file */
__attribute__((noinline)) int peek(const char *p, int i) { return p[i]; }

int f(int n) {
  int r = 0;
  for (int i = 0; i < n; i++) {
    char *t = malloc(32);
    t[0] = (char)i;
    r += peek(t, 0);
    free(t);
  }
  char *g = malloc(48);
  g[0] = 1;
  last = g;
  char *k = malloc(16);
  k[0] = 2;
  sink(k);
  char *v = malloc((size_t)n);
  v[0] = 3;
  r += peek(v, 0);
  free(v);
  return r;
}

// The rules are the reasons used, by name; the results are in rank order:
// one change away (warnings) before the site that cannot move (a note).
// SARIF:      RULES EscapesToCall EscapesToGlobal NonConstantSize
// SARIF-NEXT: RESULT EscapesToCall warning file://{{.*}}/Tools/report-formats.c:38:13 malloc(16) escapes to heap: passed to 'sink', which may keep it. One change away: 'sink' is not defined in this file: define it here, or build with -flto, so that goescape sees what it does with it.
// SARIF-NEXT: RESULT NonConstantSize warning file://{{.*}}/Tools/report-formats.c:41:13 malloc(?) kept on heap: size is not a compile-time constant. One change away: give it a constant size or a bound (n & 255); -goescape-small-buffer gives such sites a small slot with the heap as fallback.
// SARIF-NEXT: RESULT EscapesToGlobal note file://{{.*}}/Tools/report-formats.c:35:13 malloc(48) escapes to heap: stored to global 'last'. Cannot move: a global outlives every frame; keep the pointer in a local variable.
// SARIF-NEXT: OK

// REL:      "artifactLocation": {
// REL-NEXT:   "uri": "report-formats.c",
// REL-NEXT:   "uriBaseId": "SRCROOT"
// REL-NEXT: },
// REL-NEXT: "region": {
// REL-NEXT:   "startLine": 38,
// REL-NEXT:   "startColumn": 13

// JSON:      "tool": "goescape-report",
// JSON:      "sites": 4,
// JSON-NEXT: "promoted": 1,
// JSON-NEXT: "kept": 3,
// JSON-NEXT: "stackBytes": 32,
// JSON:      "keptSites": [
// JSON-NEXT:   {
// JSON-NEXT:     "rank": 1,
// JSON-NEXT:     "file": "report-formats.c",
// JSON-NEXT:     "line": 38,
// JSON-NEXT:     "column": 13,
// JSON-NEXT:     "function": "f",
// JSON-NEXT:     "allocation": "malloc(16)",
// JSON-NEXT:     "message": "malloc(16) escapes to heap: passed to 'sink', which may keep it",
// JSON-NEXT:     "bytes": 16,
// JSON-NEXT:     "loopDepth": 0,
// JSON-NEXT:     "source": "{{.*}}/Tools/report-formats.c",
// JSON-NEXT:     "reason": "EscapesToCall",
// JSON-NEXT:     "why": "passed to 'sink', which may keep it",
// JSON-NEXT:     "class": "one-change",
// JSON-NEXT:     "advice": "'sink' is not defined in this file: define it here, or build with -flto, so that goescape sees what it does with it"
// JSON:          "rank": 2,
// JSON:          "reason": "NonConstantSize",
// JSON:          "rank": 3,
// JSON:          "reason": "EscapesToGlobal",
// JSON:          "class": "never",
// JSON:      "promotedSites": [
// JSON-NEXT:   {
// JSON-NEXT:     "rank": 1,
// JSON-NEXT:     "file": "report-formats.c",
// JSON-NEXT:     "line": 30,
// JSON-NEXT:     "column": 15,
// JSON-NEXT:     "function": "f",
// JSON-NEXT:     "allocation": "malloc(32)",
// JSON-NEXT:     "message": "malloc(32) moved to stack",
// JSON-NEXT:     "bytes": 32,
// JSON-NEXT:     "loopDepth": 1,
