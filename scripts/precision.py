#!/usr/bin/env python3
"""precision: goescape against LLVM's own heap-to-stack (the Attributor's
AAHeapToStack), on a corpus of self-contained C programs.

    python3 scripts/precision.py test/C/runtime examples > docs/precision.md
    python3 scripts/precision.py -o docs/precision.md test/C/runtime examples bench

Every *.c with a main() under the given directories (recursively) is built
three ways,

    plain       clang -O2
    goescape    clang -O2 -fpass-plugin=GoEscape.so
    attributor  clang -O2 -mllvm -attributor-enable=module
                          -mllvm -max-heap-to-stack-size=65536

once to IR (-S -emit-llvm) to count the allocation call sites left, once to a
binary, and once more to a binary with ASan. Each binary runs with the
arguments, compile flags and stack limit of the program's `// RUN: %rtcheck`
line (see scripts/rtcheck.py), and its stdout and exit code are compared with
the plain build's. The Attributor is also built to IR with its heap-to-stack
off (-max-heap-to-stack-size=0), and run that way when its build is wrong, to
tell what heap-to-stack does from what the rest of the Attributor does. The report is Markdown on stdout (or -o FILE); it holds no
timings and its rows are sorted, so two runs on the same tree differ only in
the date line. Python 3 standard library only.
"""

import argparse
import collections
import concurrent.futures
import datetime
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import ASAN, ASAN_OPTIONS, ATTRIBUTOR, ATTRIBUTOR_NO_H2S  # noqa: E402

REPO = harness.REPO
REMARKS = harness.REMARKS + ["-fno-caret-diagnostics", "-fno-color-diagnostics"]
BUILDS = ("plain", "goescape", "attributor")

# Callees counted as allocation sites. Every C++ operator new / new[] variant
# (nothrow, align_val_t, __hot_cold_t) is matched by the _Znw/_Zna prefix.
ALLOC_NAMES = ("malloc", "calloc", "realloc", "reallocarray", "aligned_alloc",
               "memalign", "posix_memalign", "valloc", "pvalloc",
               "strdup", "strndup", "__strdup", "__strndup")
ALLOC_PREFIX = re.compile(r"_Zn[wa][mj]")

CALL_RE = re.compile(r"\b(?:call|invoke)\b.*?\s@(\"[^\"]+\"|[-\w.$]+)\(")
DBG_RE = re.compile(r"!dbg (![0-9]+)")
DILOC_RE = re.compile(r"^(![0-9]+) = (?:distinct )?!DILocation\(line: ([0-9]+), "
                      r"column: ([0-9]+)")
REMARK_RE = re.compile(r"^(.*?):([0-9]+):([0-9]+): remark: (.*) "
                       r"\[-Rpass(-missed)?=goescape\]$")
MAIN_RE = re.compile(r"^[ \t]*(?:static\s+)?(?:int|void)\s+main\s*\(", re.M)
LOCAL_INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def is_alloc(name):
    name = name.strip('"')
    return name in ALLOC_NAMES or bool(ALLOC_PREFIX.match(name))


# ---------------------------------------------------------------- corpus


def rtcheck_options(path):
    """The options of the first `// RUN: %rtcheck %s ...` line, as a dict."""
    opts = {"cflags": "", "ldflags": "", "args": "", "stack_kb": None,
            "stdin": None, "exit": 0}
    with open(path, errors="replace") as f:
        for line in f:
            m = re.search(r"RUN:\s*%rtcheck\s+%s(.*)$", line)
            if not m:
                continue
            words = shlex.split(m.group(1))
            while words:
                w = words.pop(0)
                key, _, val = w.partition("=")
                key = key[2:].replace("-", "_") if key.startswith("--") else None
                if key not in opts:
                    continue
                if not _ and words:
                    val = words.pop(0)
                val = val.replace("%S", os.path.dirname(path)).replace("%s", path)
                opts[key] = int(val) if key in ("stack_kb", "exit") else val
            break
    return opts


def find_programs(dirs):
    found, skipped = [], []
    for d in dirs:
        if os.path.isfile(d) and d.endswith(".c"):
            candidates = [d]
        elif os.path.isdir(d):
            candidates = []
            for root, subdirs, files in os.walk(d):
                subdirs.sort()
                candidates += [os.path.join(root, f) for f in sorted(files)
                               if f.endswith(".c")]
        else:
            continue
        for c in candidates:
            with open(c, errors="replace") as f:
                text = f.read()
            # A file that includes a header beside it is one file of a
            # program of several (bench/rec, built by bench/run.py under LTO).
            own = [h for h in LOCAL_INCLUDE_RE.findall(text)
                   if os.path.exists(os.path.join(os.path.dirname(c), h))]
            (found if MAIN_RE.search(text) and not own else skipped).append(
                os.path.abspath(c))
    return sorted(set(found)), sorted(set(skipped))


def rel(path):
    r = os.path.relpath(path, REPO)
    return path if r.startswith("..") else r


# ---------------------------------------------------------------- building


def compile_cmd(opts, prog, build, extra, out, ldflags=()):
    return harness.compile_cmd(opts.clang, harness.flags(build, opts.plugin) + extra,
                               prog["path"], out, shlex.split(prog["run"]["cflags"]),
                               ldflags)


def count_sites(ll_text):
    """Allocation call sites in IR: a Counter of (line, column) -> count,
    with (0, 0) for a site without a location; a Counter of callees; a dict
    of (line, column) -> set of the functions holding such a site; and the
    set of functions defined."""
    locs = {}
    for line in ll_text.splitlines():
        m = DILOC_RE.match(line)
        if m:
            locs[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    where, callees = collections.Counter(), collections.Counter()
    funcs, defined, fn = collections.defaultdict(set), set(), None
    for line in ll_text.splitlines():
        if line.startswith("define"):
            m = re.search(r"@(\"[^\"]+\"|[-\w.$]+)\(", line)
            fn = m.group(1).strip('"') if m else "?"
            defined.add(fn)
            continue
        if line.startswith(("declare", "!", ";")):
            continue
        m = CALL_RE.search(line)
        if not m or not is_alloc(m.group(1)):
            continue
        callees[m.group(1).strip('"')] += 1
        d = DBG_RE.search(line)
        loc = locs.get(d.group(1), (0, 0)) if d else (0, 0)
        where[loc] += 1
        funcs[loc].add(fn)
    return where, callees, funcs, defined


INLINED_RE = re.compile(r" \(inlined from [^()]* at (.*):([0-9]+):([0-9]+)\)")


def parse_remarks(stderr, path):
    """goescape remarks about `path`: list of (line, col, text, missed). A
    remark is at the user's line; an inlined site's own position, which the
    IR's call names, is in its "(inlined from F at file:line:col)"."""
    out = []
    for l in stderr.splitlines():
        m = REMARK_RE.match(l.strip())
        if not m:
            continue
        file, line, col = m.group(1), int(m.group(2)), int(m.group(3))
        inl = INLINED_RE.search(m.group(4))
        if inl:
            file, line, col = inl.group(1), int(inl.group(2)), int(inl.group(3))
        if os.path.abspath(file) == path:
            out.append((line, col, m.group(4), bool(m.group(5))))
    return out


# ---------------------------------------------------------------- running


def run(opts, prog, exe, asan):
    """Returns (rc or None on timeout, stdout, stderr). Run as ./prog from the
    binary's own directory: argv[0] is the same for every build, and some
    programs print it."""
    r = prog["run"]
    return harness.run(exe, shlex.split(r["args"]), r["stdin"], r["stack_kb"],
                       opts.timeout, asan, in_dir=True)


def mask_varying(a, b):
    """Line `a` with the numbers that differ in line `b` (the same line of a
    second run) shown as '?': garbage read by a miscompiled program changes
    from run to run, and the report must not."""
    ta, tb = re.split(r"(-?[0-9]+)", a), re.split(r"(-?[0-9]+)", b)
    if len(ta) != len(tb) or ta[0::2] != tb[0::2]:
        return "(a line that varies from run to run)"
    return "".join(x if i % 2 == 0 or x == y else "?"
                   for i, (x, y) in enumerate(zip(ta, tb)))


def first_difference(want, got, again=None):
    d = harness.first_difference(want, got)
    if d is None:
        return "stdout differs in trailing newline"
    i, a, b = d
    a, b = ("<end>" if x is None else x for x in (a, b))
    if again is not None:
        g2 = again.splitlines()
        b2 = g2[i - 1] if i - 1 < len(g2) else "<end>"
        if b2 != b:
            b = mask_varying(b, b2)
    return "stdout line %d: %r, expected %r" % (i, b[:60], a[:60])


def verdict(ref, got, asan, source, again=None):
    """'ok' or a short description of how `got` differs from the plain run;
    `again`, a second run of the same binary, hides what varies between runs."""
    rc, out, err = got
    problems = []
    report = harness.asan_report(err, source) if asan else None
    if report:
        problems.append("ASan: " + report)
    if rc is None:
        problems.append("timeout")
    elif ref[0] is not None:
        if rc != ref[0]:
            problems.append("%s, expected %s" % (harness.describe_rc(rc),
                                                 harness.describe_rc(ref[0])))
        if out != ref[1]:
            problems.append(first_difference(ref[1], out, again and again[1]))
        if again is not None and again[0] != rc:
            problems.append("exit varies from run to run")
    return "; ".join(problems) or "ok"


# ---------------------------------------------------------------- one program


def measure(opts, path):
    prog = {"path": path, "name": rel(path), "run": rtcheck_options(path)}
    tmp = tempfile.mkdtemp(prefix="precision.")
    res = {"name": prog["name"], "path": path, "run": prog["run"],
           "errors": [], "sites": {}, "callees": {}, "funcs": {}, "defined": {},
           "results": {}, "remarks": []}

    def first_error(err):
        lines = [l for l in err.splitlines() if "error" in l] or err.splitlines() or ["?"]
        return lines[0].replace(opts.plugin, "$PLUGIN").replace(path, prog["name"])[:120]

    def build_exe(b, asan):
        d = os.path.join(tmp, b + ("-asan" if asan else ""))
        os.mkdir(d)
        exe = os.path.join(d, "prog")
        cmd = compile_cmd(opts, prog, b, ASAN if asan else [], exe,
                          shlex.split(prog["run"]["ldflags"]))
        rc, err = harness.compile(cmd)
        if rc != 0:
            res["errors"].append("%s%s build did not compile: %s" % (
                b, "+ASan" if asan else "", first_error(err)))
            return None
        return exe

    try:
        for b in BUILDS + ("attributor-no-h2s",):
            ll = os.path.join(tmp, b + ".ll")
            rc, err = harness.compile(
                compile_cmd(opts, prog, b, ["-S", "-emit-llvm"] + REMARKS, ll))
            if rc != 0:
                res["errors"].append("%s IR did not compile: %s" % (b, first_error(err)))
                continue
            with open(ll, errors="replace") as f:
                (res["sites"][b], res["callees"][b], res["funcs"][b],
                 res["defined"][b]) = count_sites(f.read())
            if b == "goescape":
                res["remarks"] = parse_remarks(err, path)

        exes = {}
        for b in BUILDS:
            for asan in (False, True):
                exe = build_exe(b, asan)
                if exe:
                    exes[(b, asan)] = exe
        if ("plain", False) not in exes:
            return res
        ref = run(opts, prog, exes[("plain", False)], False)
        res["ref"] = ref
        def judge(exe, asan):
            got = run(opts, prog, exe, asan)
            v = verdict(ref, got, asan, path)
            if v != "ok":  # a second run, to hide what varies between runs
                v = verdict(ref, got, asan, path, run(opts, prog, exe, asan))
            return v

        for key in sorted(exes):
            if key != ("plain", False):
                res["results"][key] = judge(exes[key], key[1])
        # A wrong attributor build: is its heap-to-stack to blame? Build it
        # again with heap-to-stack off and see.
        if res["results"].get(("attributor", False), "ok") != "ok":
            exe = build_exe("attributor-no-h2s", False)
            if exe:
                res["no_h2s"] = judge(exe, False)
        return res
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- report


def md(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def remarks_at(res, loc, missed):
    return sorted({t for (l, c, t, m) in res["remarks"] if (l, c) == loc and m == missed})


def why_kept(res, loc):
    """Why goescape keeps a site: its -Rpass-missed remarks there."""
    reasons = remarks_at(res, loc, True)
    if reasons:
        return "; ".join(reasons)
    if remarks_at(res, loc, False):
        return ("goescape moved another copy of this site (inlined elsewhere) "
                "and says nothing about this one")
    return "goescape makes no remark at this site (it never saw it as an allocation)"


def why_removed(res, loc):
    """How goescape got rid of a site: its `moved to stack` remark, or the
    site's function is gone because every call to it was promoted."""
    moved = remarks_at(res, loc, False)
    if moved:
        return "; ".join(moved)
    gone = sorted(f for f in res["funcs"]["plain"].get(loc, ())
                  if f not in res["defined"]["goescape"])
    if gone:
        wrappers = sorted({t for (l, c, t, m) in res["remarks"]
                           if not m and any(t.startswith(g + "(") for g in gone)})
        return ("its function %s is gone from the goescape IR: every call to it "
                "was promoted (%s)" % (", ".join("'%s'" % g for g in gone),
                                       "; ".join(wrappers) or "no remark names it"))
    return "no goescape remark at this site"


def fmt_loc(res, loc):
    if loc == (0, 0):
        return "%s (site without a location)" % res["name"]
    return "%s:%d:%d" % (res["name"], loc[0], loc[1])


def copies(k):
    return " (%d copies)" % k if k > 1 else ""


def report(opts, results, skipped, out):
    version = subprocess.run([opts.clang, "--version"], stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.splitlines()[0]
    w = out.write
    w("# Precision: goescape against LLVM's heap-to-stack\n\n")
    w("Generated by `python3 scripts/precision.py %s` on %s, with %s and the "
      "plugin built from %s. Do not edit by hand: rerun the script.\n\n" % (
          " ".join(opts.display_dirs), datetime.date.today().isoformat(), version,
          "commit " + opts.stamp))
    w("Each program (every `*.c` with a `main()` under the directories given) "
      "is built three ways, with `CLANG=/usr/lib/llvm-22/bin/clang` and "
      "`PLUGIN=build/lib/GoEscape.so`:\n\n")
    w("| build | command |\n|---|---|\n")
    w("| plain | `$CLANG -O2 FILE.c` |\n")
    w("| goescape | `$CLANG -O2 -fpass-plugin=$PLUGIN FILE.c` |\n")
    w("| attributor | `$CLANG -O2 %s FILE.c` |\n\n" % " ".join(ATTRIBUTOR))
    w("The attributor build is LLVM's own heap-to-stack (`AAHeapToStack`, run "
      "by the module-wide Attributor, which -O2 leaves off); its size limit is "
      "raised from 128 bytes to goescape's 64 KiB so that both may move the "
      "same objects. The Attributor does much more than heap-to-stack, so it "
      "is also built with `%s` (heap-to-stack off) to tell what its "
      "heap-to-stack itself does.\n\n" % " ".join(ATTRIBUTOR_NO_H2S))
    w("**Sites** are the `call`/`invoke` instructions to an allocation function "
      "left in the final IR, from the same command plus `-S -emit-llvm %s` "
      "(for every build: the remark flags turn on source locations, which "
      "name each site, and give goescape's remarks). Counted callees: %s, and "
      "every `operator new`/`new[]` (`_Znw*`, `_Zna*`). A build removes the "
      "sites of the plain IR it does not leave. **Promoted** counts goescape's "
      "`moved to stack` remarks (an inlined copy of a site, and each call of "
      "an allocation wrapper, is a site of its own).\n\n" % (
          " ".join(REMARKS[:2]), ", ".join("`%s`" % n for n in ALLOC_NAMES)))
    w("**Correct?** Each binary runs with the `--args`, `--cflags` and "
      "`--stack-kb` of the program's `// RUN: %%rtcheck` line (none for a "
      "program without one), as `./prog` with stdin from `/dev/null` and a "
      "%g s timeout: `ok` when its stdout and exit code equal the plain "
      "build's. **ASan** builds add `%s` to the goescape and attributor "
      "commands and run with `ASAN_OPTIONS=%s`: `clean` when there is no "
      "sanitizer report and the output equals the plain build's. A plain ASan "
      "build runs too, so that a report from the program itself is not blamed "
      "on a pass.\n\n" % (opts.timeout, " ".join(ASAN), ASAN_OPTIONS))

    w("| program | sites in plain IR | left: goescape | left: attributor | "
      "goescape promoted | correct: goescape / attributor | ASan: goescape / "
      "attributor | notes |\n")
    w("|---|--:|--:|--:|--:|---|---|---|\n")
    tot = collections.Counter()
    wrong, gaps, reverse = [], [], []
    for r in results:
        s, res = r["sites"], r["results"]
        n = {b: sum(s[b].values()) if b in s else None
             for b in BUILDS + ("attributor-no-h2s",)}
        promoted = sum(1 for x in r["remarks"] if not x[3])
        notes = list(r["errors"])

        def cell(b, asan):
            v = res.get((b, asan))
            if v is None:
                return "—"
            return ("clean" if asan else "ok") if v == "ok" else "**WRONG**"

        for b in ("goescape", "attributor"):
            for asan in (False, True):
                v = res.get((b, asan))
                if v not in (None, "ok"):
                    wrong.append((r, b + (" + ASan" if asan else ""), v))
        pv = res.get(("plain", True))
        if pv not in (None, "ok"):
            notes.append("plain ASan build: " + pv)
        if "ref" in r:
            if r["ref"][0] is None:
                notes.append("plain build timed out")
            elif r["ref"][0] != r["run"]["exit"]:
                notes.append("plain build: %s (RUN line expects exit %d)" % (
                    harness.describe_rc(r["ref"][0]), r["run"]["exit"]))
        if n["goescape"] is not None and n["attributor"] is not None:
            mine = theirs = 0
            for loc in sorted(set(s["goescape"]) | set(s["attributor"])):
                g, a = s["goescape"][loc], s["attributor"][loc]
                if g > a:
                    gaps.append((r, loc, g - a))
                    mine += g - a
                elif a > g:
                    reverse.append((r, loc, a - g))
                    theirs += a - g
            if mine:
                notes.append("attributor removes %d site(s) goescape keeps" % mine)
            if theirs:
                notes.append("goescape removes %d site(s) attributor keeps" % theirs)
        if (n["attributor-no-h2s"] is not None and n["plain"] is not None and
                n["attributor"] is not None and n["attributor"] < n["plain"]):
            notes.append("attributor with heap-to-stack off leaves %d" %
                         n["attributor-no-h2s"])
        if "no_h2s" in r:
            notes.append("attributor with heap-to-stack off: %s" % (
                "correct" if r["no_h2s"] == "ok" else "wrong too"))
        for b in ("goescape", "attributor"):
            if n[b] is not None and n["plain"] is not None and n[b] > n["plain"]:
                notes.append("%s IR has more sites than plain" % b)
        if r["run"]["args"]:
            notes.append("args `%s`" % r["run"]["args"])
        if r["run"]["cflags"]:
            notes.append("cflags `%s`" % r["run"]["cflags"])
        if r["run"]["stack_kb"]:
            notes.append("stack %d KiB" % r["run"]["stack_kb"])

        def num(x):
            return "—" if x is None else str(x)

        w("| %s | %s | %s | %s | %d | %s / %s | %s / %s | %s |\n" % (
            md(r["name"]), num(n["plain"]), num(n["goescape"]),
            num(n["attributor"]), promoted, cell("goescape", False),
            cell("attributor", False), cell("goescape", True),
            cell("attributor", True), md("; ".join(notes))))
        tot["programs"] += 1
        for b in n:
            tot[b] += n[b] or 0
        tot["promoted"] += promoted
        for b in ("goescape", "attributor"):
            tot[b + " ok"] += res.get((b, False)) == "ok"
            tot[b + " clean"] += res.get((b, True)) == "ok"

    P = tot["programs"]
    w("| **total (%d programs)** | %d | %d | %d | %d | %d / %d ok | %d / %d clean | |\n\n" % (
        P, tot["plain"], tot["goescape"], tot["attributor"], tot["promoted"],
        tot["goescape ok"], tot["attributor ok"], tot["goescape clean"],
        tot["attributor clean"]))
    w("**Totals:** %d programs, %d allocation sites in plain IR; goescape "
      "removes %d (leaves %d; %d `moved to stack` remarks), the attributor "
      "removes %d (leaves %d; %d with its heap-to-stack off). Correct output: "
      "goescape %d/%d, attributor %d/%d; clean under ASan: goescape %d/%d, "
      "attributor %d/%d.\n\n" % (
          P, tot["plain"], tot["plain"] - tot["goescape"], tot["goescape"],
          tot["promoted"], tot["plain"] - tot["attributor"], tot["attributor"],
          tot["attributor-no-h2s"], tot["goescape ok"], P, tot["attributor ok"], P,
          tot["goescape clean"], P, tot["attributor clean"], P))
    if opts.missing:
        w("Not present when this ran: %s.\n\n" % ", ".join("`%s`" % d for d in opts.missing))
    if skipped:
        w("Skipped (no `main()`, or one file of a program of several): %s.\n\n" % ", ".join("`%s`" % rel(x) for x in skipped))

    w("## Findings\n\n### Wrong results\n\n")
    if wrong:
        for r, b, v in wrong:
            extra = ""
            if b == "attributor" and "no_h2s" in r:
                extra = (" With heap-to-stack off (`-max-heap-to-stack-size=0`) "
                         "the attributor build is %s." % (
                             "correct: the heap-to-stack conversion is the cause"
                             if r["no_h2s"] == "ok" else
                             "wrong too (%s): the fault is elsewhere in the "
                             "Attributor, not in its heap-to-stack" % r["no_h2s"]))
            w("- `%s`, %s build: %s.%s\n" % (r["name"], b, md(v), extra))
    else:
        w("None: every goescape and attributor build, with and without ASan, "
          "printed what the plain build printed and exited the same way.\n")

    w("\n### Sites the attributor removes and goescape keeps\n\n")
    w("Precision gaps for goescape to study. Sites are matched by source line "
      "and column (inlined copies of one site share a location); the reason "
      "is goescape's own `-Rpass-missed=goescape` remark there.\n\n")
    if gaps:
        for r, loc, k in gaps:
            tail = []
            if r["sites"].get("attributor-no-h2s", {}).get(loc, 0) <= r["sites"]["goescape"][loc] - k:
                tail.append("the Attributor removes it with heap-to-stack off "
                            "too, so it is not moved to the stack")
            if r["results"].get(("attributor", False), "ok") != "ok":
                tail.append("and the attributor build of this program is WRONG")
            w("- `%s`%s: %s%s\n" % (fmt_loc(r, loc), copies(k), why_kept(r, loc),
                                   " (" + ", ".join(tail) + ")" if tail else ""))
    else:
        w("None.\n")

    w("\n### Sites goescape removes and the attributor keeps\n\n")
    w("The Attributor makes no remark about heap-to-stack in clang's pipeline, "
      "so these lines give goescape's side only. Background: `AAHeapToStack` "
      "moves an allocation that is freed only if the `free` lies in the "
      "allocation's must-be-executed context (it runs whenever the "
      "allocation did); a branch between the two, such as the usual "
      "`if (!p) abort();` or `return`, already keeps it on the heap.\n\n")
    if reverse:
        for r, loc, k in reverse:
            w("- `%s`%s: %s\n" % (fmt_loc(r, loc), copies(k), why_removed(r, loc)))
    else:
        w("None.\n")


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", help="directories (or .c files) to scan")
    ap.add_argument("-o", "--output", help="write the report here, not stdout")
    ap.add_argument("--clang", default=harness.CLANG)
    ap.add_argument("--plugin", default=os.path.join(REPO, "build/lib/GoEscape.so"))
    ap.add_argument("--timeout", type=float, default=60, help="seconds per run")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    opts = ap.parse_args()
    opts.stamp = harness.stamp()
    plugin = os.path.abspath(opts.plugin)
    if not os.path.isfile(plugin):
        sys.exit("precision: %s not built (make build)" % plugin)
    opts.display_dirs = [rel(os.path.abspath(d)) for d in opts.dirs]
    opts.missing = [d for d in opts.display_dirs if not os.path.exists(os.path.join(REPO, d))
                    and not os.path.exists(d)]
    for d in opts.missing:
        print("precision: %s: not there, skipped" % d, file=sys.stderr)

    programs, skipped = find_programs(opts.dirs)
    if not programs:
        sys.exit("precision: no C program with a main() under %s" % " ".join(opts.dirs))
    # One copy of the plugin for the whole run: a rebuild of build/ meanwhile
    # must not mix two versions of the pass in one table.
    snap = tempfile.mkdtemp(prefix="precision-plugin.")
    try:
        opts.plugin = os.path.join(snap, os.path.basename(plugin))
        shutil.copy2(plugin, opts.plugin)
        # GoEscape.so loads GoEscape-llvm22.so from beside it, and refuses
        # one from another build: the snapshot is both files.
        for impl in glob.glob(os.path.join(os.path.dirname(plugin),
                                           "GoEscape-llvm*.so")):
            shutil.copy2(impl, snap)
        with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as ex:
            results = []
            for r in ex.map(lambda p: measure(opts, p), programs):
                print("precision: %s" % r["name"], file=sys.stderr)
                results.append(r)
    finally:
        shutil.rmtree(snap, ignore_errors=True)
    results.sort(key=lambda r: r["name"])

    if opts.output:
        with open(opts.output, "w") as f:
            report(opts, results, skipped, f)
    else:
        report(opts, results, skipped, sys.stdout)


if __name__ == "__main__":
    main()
