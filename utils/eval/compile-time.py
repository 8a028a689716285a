#!/usr/bin/env python3
"""compile-time: what goescape costs at compile time.

    python3 utils/eval/compile-time.py                  # both parts, writes docs/compile-time.md
    python3 utils/eval/compile-time.py --part sqlite    # only the sqlite3 amalgamation
    python3 utils/eval/compile-time.py --part scaling --sizes 1000 10000
    python3 utils/eval/compile-time.py --runs 7 --doc /tmp/ct.md
    python3 utils/eval/compile-time.py --part none      # rewrite the doc from saved results

Part 1 (sqlite): `clang-22 -O2 -c sqlite3.c` with and without
-fpass-plugin=GoEscape.so. The amalgamation is made from Debian's sqlite3
source package (`apt-get source sqlite3`, `./configure && make sqlite3.c`,
needs tclsh and a deb-src entry: see utils/eval/realworld.py) unless --sqlite
names one. Wall time: median of --runs runs per build, alternating. Pass
time: one -ftime-report run with the plugin; goescape's share is the
`goescape::GoEscapePass` row of the pass report plus the
`goescape::GoEscapeAnalysis` row of the analysis report (user+system time),
divided by the "Clang time report" total. The cleanup passes the plugin runs
on the functions it changed (SROA, EarlyCSE, InstCombine) are timed under
their own names, merged with the pipeline's other runs of them; the doc
shows those rows with and without the plugin.

Part 2 (scaling): utils/eval/gen-big-module.py writes C modules of 1k, 10k and
100k functions; each is compiled without the plugin to optimised bitcode
(`clang-22 -O2 -c -emit-llvm`), which is what the pass sees in clang's
pipeline, less its own earlier changes. Then `opt-22 -load-pass-plugin
-passes=goescape -disable-output -time-passes` and the same with
`print<goescape>` (output to /dev/null), --runs times each; the pass's time
is the median of GoEscapePass (or GoEscapePrinterPass) + GoEscapeAnalysis
user+system time. Time per function and the ratios between sizes tell
whether it grows linearly. With --profile, the largest size is also run
under `perf record` and the top symbols are written to the doc.

Python 3 standard library only. Work directory: --work (/tmp/realworld/ct).
"""

import argparse
import datetime
import glob
import hashlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))  # utils/eval/ -> the repository
LLVM = "/usr/lib/llvm-22/bin"
CLANG = LLVM + "/clang"
OPT = LLVM + "/opt"
ALLOC_RE = re.compile(r"\bcall\b[^@\n]*@(malloc|calloc|realloc|aligned_alloc|"
                      r"posix_memalign|strdup)\(")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, errors="replace", **kw)


def timed(cmd, cpu=None, **kw):
    """Run cmd; return its wall time (and append its user+sys CPU time to
    the list cpu, when given: less disturbed by other load than wall)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = run(cmd, **kw)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    if p.returncode != 0:
        raise RuntimeError(f"failed: {' '.join(cmd)}\n{p.stderr[-3000:]}")
    return dt, p


def time_report(text):
    """Parse LLVM timer reports: {report title: {row name: user+sys}}."""
    out = {}
    title = None
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("===---") and i + 1 < len(lines) and \
                not lines[i + 1].startswith("===") and \
                lines[i + 1].strip() and not lines[i + 1].startswith(" " * 0 + "  Total"):
            cand = lines[i + 1].strip()
            if i + 2 < len(lines) and lines[i + 2].startswith("===---"):
                title = cand
                out.setdefault(title, {})
            continue
        # rows are "T (P%)" columns then the name; the columns are user,
        # [system,] user+system, wall (system is left out when all zero)
        cols = re.findall(r"([\d.]+) \(\s*[\d.]+%\)", line)
        m = re.match(r"^\s+(?:[\d.]+ \(\s*[\d.]+%\)\s+){3,4}(.*)$", line)
        if m and title and len(cols) >= 3:
            name = m.group(1).strip()
            d = out[title]
            d[name] = d.get(name, 0.0) + float(cols[-2])
            d[name + " [wall]"] = d.get(name + " [wall]", 0.0) + \
                float(cols[-1])
    return out


def goescape_rows(rep):
    passes = rep.get("Pass execution timing report", {})
    anal = rep.get("Analysis execution timing report", {})
    p = sum(v for k, v in passes.items()
            if k.startswith("goescape::") and not k.endswith("[wall]"))
    a = sum(v for k, v in anal.items()
            if k.startswith("goescape::") and not k.endswith("[wall]"))
    return p, a


# --------------------------------------------------------------------------
# Part 1: sqlite3 amalgamation

def find_sqlite(args):
    if args.sqlite:
        return args.sqlite
    for cand in (os.path.join(args.work, "sqlite-amal", "sqlite3.c"),
                 "/tmp/realworld/sqlite-amal/sqlite3.c"):
        if os.path.exists(cand):
            return cand
    src = os.path.join(args.work, "src")
    os.makedirs(src, exist_ok=True)
    if not glob.glob(os.path.join(src, "sqlite3-*", "")):
        subprocess.run("apt-get source sqlite3", shell=True, cwd=src,
                       check=True)
    top = sorted(glob.glob(os.path.join(src, "sqlite3-*", "")))[0]
    amal = os.path.join(args.work, "sqlite-amal")
    os.makedirs(amal, exist_ok=True)
    subprocess.run(f"{top}configure >/dev/null && make sqlite3.c >/dev/null",
                   shell=True, cwd=amal, check=True)
    return os.path.join(amal, "sqlite3.c")


def part_sqlite(args, plugin):
    src = find_sqlite(args)
    base = [CLANG, "-O2", "-c", src, "-o", "/dev/null", "-w"]
    withp = base + [f"-fpass-plugin={plugin}"]
    res = dict(src=src, lines=sum(1 for _ in open(src, errors="replace")),
               plain=[], goescape=[], plain_cpu=[], goescape_cpu=[],
               load=os.getloadavg()[0])
    print(f"sqlite: {src}", flush=True)
    for i in range(args.runs):
        for mode, cmd in (("plain", base), ("goescape", withp)):
            dt, _ = timed(cmd, cpu=res[mode + "_cpu"])
            res[mode].append(dt)
            print(f"  run {i} {mode}: {dt:.2f}s wall, "
                  f"{res[mode + '_cpu'][-1]:.2f}s cpu", flush=True)
    # -ftime-report: --runs runs per mode; each row's median
    reps = {}
    for mode, cmd in (("plain", base), ("goescape", withp)):
        runs = []
        for _ in range(args.runs):
            _, p = timed(cmd + ["-ftime-report"])
            runs.append(time_report(p.stderr))
        med = {}
        for title in runs[0]:
            med[title] = {row: statistics.median(r.get(title, {}).get(row, 0)
                                                 for r in runs)
                          for row in runs[0][title]}
        reps[mode] = med
    res["reports"] = reps
    _, p = timed(withp + ["-Rpass=goescape", "-Rpass-missed=goescape"])
    res["promoted"] = len(re.findall(r"\[-Rpass=goescape\]", p.stderr))
    res["kept"] = len(re.findall(r"\[-Rpass-missed=goescape\]", p.stderr))
    reasons = {}
    for m in re.finditer(r"(?:escapes to heap|kept on heap): ([^\[]*?)"
                         r"(?: '[^']*')?\s*\[-Rpass-missed", p.stderr):
        r = re.sub(r"'[^']*'", "'…'", m.group(1)).strip()
        reasons[r] = reasons.get(r, 0) + 1
    res["reasons"] = reasons
    # Where goescape's time goes on this module: the pass alone under opt on
    # the -O2 bitcode, on the whole module and on its largest function
    # extracted (callees become declarations), plus perf's top symbols.
    bc = os.path.join(args.work, "sqlite3.bc")
    timed([CLANG, "-O2", "-c", "-emit-llvm", "-w", src, "-o", bc])
    ll = run([LLVM + "/llvm-dis", bc, "-o", "-"]).stdout
    sizes, cur, n = [], None, 0
    for line in ll.splitlines():
        if line.startswith("define "):
            m = re.search(r"@([\w.$]+)\(", line)
            cur, n = (m.group(1) if m else None), 0
        elif line.startswith("}") and cur:
            sizes.append((n, cur))
            cur = None
        elif cur and line.startswith("  "):
            n += 1
    sizes.sort(reverse=True)
    res["opt_functions"], res["opt_insts"] = len(sizes), sum(
        x for x, _ in sizes)
    big = sizes[0][1] if sizes else None
    parts = [("whole module", bc, len(sizes), res["opt_insts"])]
    if big:
        one = os.path.join(args.work, "sqlite3-largest.bc")
        run([LLVM + "/llvm-extract", f"--func={big}", bc, "-o", one])
        parts.append((f"only {big} (callees declared)", one, 1, sizes[0][0]))
    res["opt"] = []
    for label, f, nf, ni in parts:
        ts = []
        for _ in range(args.runs):
            _, p = timed([OPT, f"-load-pass-plugin={plugin}",
                          "-passes=goescape", "-disable-output",
                          "-time-passes", f])
            ts.append(sum(goescape_rows(time_report(p.stderr))))
        res["opt"].append(dict(label=label, functions=nf, insts=ni,
                               t=statistics.median(ts)))
    data = os.path.join(args.work, "sqlite-perf.data")
    p = run(["perf", "record", "-o", data, "--", OPT,
             f"-load-pass-plugin={plugin}", "-passes=goescape",
             "-disable-output", bc])
    if p.returncode == 0:
        rep = run(["perf", "report", "-i", data, "--no-children", "--stdio",
                   "--percent-limit", "1", "--sort", "dso,symbol"])
        res["perf"] = "\n".join(
            re.sub(r"\s+$", "", l) for l in rep.stdout.splitlines()
            if l.strip() and not l.startswith("#"))[:4000]
    return res


# --------------------------------------------------------------------------
# Part 2: scaling on generated modules

def part_scaling(args, plugin):
    gen = os.path.join(HERE, "gen-big-module.py")
    rows = []
    for n in args.sizes:
        c = os.path.join(args.work, f"big{n}.c")
        bc = os.path.join(args.work, f"big{n}.bc")
        if not os.path.exists(bc) or args.regen:
            subprocess.run([sys.executable, gen, str(n), "-o", c], check=True)
            t0 = time.perf_counter()
            subprocess.run([CLANG, "-O2", "-c", "-emit-llvm", "-w", c, "-o",
                            bc], check=True)
            print(f"  compiled {n} in {time.perf_counter() - t0:.0f}s",
                  flush=True)
        ll = run([LLVM + "/llvm-dis", bc, "-o", "-"]).stdout
        nfun = len(re.findall(r"^define ", ll, re.M))
        nsites = len(ALLOC_RE.findall(ll))
        ninst = sum(1 for line in ll.splitlines()
                    if line.startswith("  ") and not line.startswith("  ;"))
        del ll
        row = dict(n=n, functions=nfun, sites=nsites, insts=ninst,
                   bc_kb=os.path.getsize(bc) // 1024)
        for label, pipeline, name in (
                ("goescape", "goescape", "goescape::GoEscapePass"),
                ("print", "print<goescape>",
                 "goescape::GoEscapePrinterPass")):
            pass_t, anal_t, wall, total = [], [], [], []
            for _ in range(args.runs):
                cmd = [OPT, f"-load-pass-plugin={plugin}",
                       f"-passes={pipeline}", "-time-passes", bc]
                cmd += ["-disable-output"] if label == "goescape" else \
                    ["-disable-output", "-o", "/dev/null"]
                dt, p = timed(cmd, stdin=subprocess.DEVNULL)
                rep = time_report(p.stderr)
                pp, aa = goescape_rows(rep)
                pass_t.append(pp)
                anal_t.append(aa)
                wall.append(dt)
                total.append(pp + aa)
            row[label] = dict(pass_=statistics.median(pass_t),
                              anal=statistics.median(anal_t),
                              total=statistics.median(total),
                              wall=statistics.median(wall))
        # baseline: opt reading the module and doing nothing
        base = [timed([OPT, "-passes=verify", "-disable-output", bc])[0]
                for _ in range(args.runs)]
        row["base_wall"] = statistics.median(base)
        rows.append(row)
        g = row["goescape"]
        print(f"  {n}: {nfun} functions, {nsites} sites: pass "
              f"{g['pass_']:.3f}s + analysis {g['anal']:.3f}s; opt wall "
              f"{g['wall']:.2f}s (verify-only {row['base_wall']:.2f}s)",
              flush=True)
    prof = None
    if args.profile and rows:
        bc = os.path.join(args.work, f"big{rows[-1]['n']}.bc")
        data = os.path.join(args.work, "perf.data")
        p = run(["perf", "record", "-g", "-o", data, "--", OPT,
                 f"-load-pass-plugin={plugin}", "-passes=goescape",
                 "-disable-output", bc])
        if p.returncode == 0:
            rep = run(["perf", "report", "-i", data, "--no-children",
                       "--stdio", "--percent-limit", "1.5", "-g", "none",
                       "--sort", "dso,symbol"])
            prof = "\n".join(l for l in rep.stdout.splitlines()
                             if l.strip() and not l.startswith("#"))[:6000]
        else:
            prof = "perf record failed: " + p.stderr[-500:]
    return rows, prof


# --------------------------------------------------------------------------

def write_doc(path, args, sq, rows, prof, plugin_sha, started):
    L = ["# goescape: compile time\n"]
    L.append(f"Generated by `python3 utils/eval/compile-time.py` on "
             f"{started:%Y-%m-%d %H:%M} UTC ({os.cpu_count()} CPUs), LLVM 22, "
             f"plugin sha256 `{plugin_sha[:16]}`. Timings are user+system "
             "CPU seconds from LLVM's timers unless marked wall.\n")
    if sq:
        mp, mg = statistics.median(sq["plain"]), statistics.median(sq["goescape"])
        rp, rg = sq["reports"]["plain"], sq["reports"]["goescape"]
        tot_p = rp.get("Clang time report", {}).get("Total", 0)
        tot_g = rg.get("Clang time report", {}).get("Total", 0)
        opt_g = rg.get("Clang time report", {}).get("Optimizer", 0)
        ps, an = goescape_rows(rg)
        L.append("## 1. A large translation unit: the sqlite3 amalgamation\n")
        L.append(f"`{os.path.basename(sq['src'])}` from Debian's sqlite3 "
                 f"source package (`make sqlite3.c`): {sq['lines']:,} lines. "
                 f"goescape promotes {sq['promoted']} sites and keeps "
                 f"{sq['kept']} in it.\n")
        L.append("| | plain | goescape | ratio |")
        L.append("|---|---|---|---|")
        L.append(f"| wall time, median of {args.runs} | {mp:.2f}s | "
                 f"{mg:.2f}s | {mg / mp:.3f} |")
        L.append(f"| wall time, min | {min(sq['plain']):.2f}s | "
                 f"{min(sq['goescape']):.2f}s | "
                 f"{min(sq['goescape']) / min(sq['plain']):.3f} |")
        cp, cg = (statistics.median(sq["plain_cpu"]),
                  statistics.median(sq["goescape_cpu"]))
        L.append(f"| CPU time (user+sys), median of {args.runs} | {cp:.2f}s | "
                 f"{cg:.2f}s | {cg / cp:.3f} |")
        L.append(f"| -ftime-report rows below: median of {args.runs} runs "
                 "| | | |")
        L.append(f"| -ftime-report total (user+sys) | {tot_p:.2f}s | "
                 f"{tot_g:.2f}s | {tot_g / tot_p:.3f} |")
        for row in ("Front end", "LLVM IR generation", "Optimizer",
                    "Machine code generation"):
            a = rp.get("Clang time report", {}).get(row, 0)
            b = rg.get("Clang time report", {}).get(row, 0)
            L.append(f"| {row} | {a:.2f}s | {b:.2f}s | "
                     f"{(b / a if a else 0):.3f} |")
        L.append(f"| goescape::GoEscapePass | — | {ps:.4f}s | |")
        L.append(f"| goescape::GoEscapeAnalysis | — | {an:.4f}s | |")
        for row in ("SROAPass", "EarlyCSEPass", "InstCombinePass"):
            a = rp.get("Pass execution timing report", {}).get(row, 0)
            b = rg.get("Pass execution timing report", {}).get(row, 0)
            L.append(f"| {row} (all runs) | {a:.3f}s | {b:.3f}s | "
                     f"{(b / a if a else 0):.3f} |")
        L.append("")
        share = (ps + an) / tot_g * 100 if tot_g else 0
        L.append(f"**goescape's own time (pass + analysis) is "
                 f"{ps + an:.3f}s, {share:.2f}% of the whole -O2 compile "
                 f"({(ps + an) / opt_g * 100 if opt_g else 0:.2f}% of the "
                 f"optimizer)**; target: within 1%. The wall-time ratio "
                 f"with/without the plugin is {mg / mp:.3f} (median of "
                 f"{args.runs}), the CPU-time ratio {cg / cp:.3f}; load average "
                 f"when it started: {sq['load']:.1f} on {os.cpu_count()} "
                 "CPUs (other work on the machine makes wall times noisy).\n")
        if sq.get("opt"):
            L.append("The pass alone (`opt-22 -passes=goescape -time-passes`"
                     " on sqlite3.c's -O2 bitcode, median of "
                     f"{args.runs}), against the generated modules of part "
                     "2:\n")
            L.append("| input | functions | IR instructions | pass + "
                     "analysis | per function | per 1k instructions |")
            L.append("|---|---|---|---|---|---|")
            for o in sq["opt"]:
                L.append(f"| {o['label']} | {o['functions']:,} | "
                         f"{o['insts']:,} | {o['t']:.3f}s | "
                         f"{o['t'] / max(o['functions'], 1) * 1e3:.2f} ms | "
                         f"{o['t'] / max(o['insts'], 1) * 1e6:.2f} ms |")
            L.append("")
        if sq.get("perf"):
            L.append("perf (self time, rows over 1%) of the pass alone on "
                     "the whole module:\n")
            L.append("```\n" + sq["perf"] + "\n```\n")
        if sq["reasons"]:
            top = sorted(sq["reasons"].items(), key=lambda kv: -kv[1])[:8]
            L.append("Top keep reasons in sqlite3.c: " + "; ".join(
                f"{r} ({n})" for r, n in top) + ".\n")
        L.append("Commands:\n\n```sh\n"
                 f"clang-22 -O2 -c sqlite3.c -o /dev/null -w\n"
                 f"clang-22 -O2 -c sqlite3.c -o /dev/null -w "
                 f"-fpass-plugin=build/lib/GoEscape.so\n"
                 "# the same with -ftime-report for the pass rows, and with "
                 "-Rpass=goescape -Rpass-missed=goescape for the counts\n"
                 "```\n")
    if rows:
        L.append("## 2. Scaling: generated modules\n")
        L.append("`utils/eval/gen-big-module.py N` writes N functions in a "
                 "realistic mix (scratch buffers, per-iteration structs, "
                 "nested objects, returned nodes, lists built in loops, "
                 "globals, variable sizes, unknown callees, strdup, "
                 "conditional frees; 1–3 calls to earlier functions each, "
                 "some mutual recursion, some address-taken functions). Each "
                 "is compiled once to optimised bitcode without the plugin; "
                 "then `opt-22` runs the pass alone on it "
                 f"(median of {args.runs}).\n")
        L.append("| functions (C) | defined in IR | alloc sites | IR "
                 "instructions | goescape pass + analysis | per function | "
                 "print<goescape> | opt wall, goescape | opt wall, verify "
                 "only |")
        L.append("|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            g, p = r["goescape"], r["print"]
            L.append(f"| {r['n']:,} | {r['functions']:,} | {r['sites']:,} | "
                     f"{r['insts']:,} | {g['pass_']:.3f}s + {g['anal']:.3f}s "
                     f"= {g['total']:.3f}s | "
                     f"{g['total'] / max(r['functions'], 1) * 1e6:.1f} µs "
                     f"({g['total'] / max(r['insts'], 1) * 1e6:.2f} ms per 1k "
                     "instructions) | "
                     f"{p['total']:.3f}s | {g['wall']:.2f}s | "
                     f"{r['base_wall']:.2f}s |")
        L.append("")
        L.append("Growth between consecutive sizes (ratio of pass + analysis "
                 "time, against the ratio of functions and of instructions; "
                 "linear means the first is close to the others):\n")
        L.append("| from → to | functions ×| instructions × | goescape time × "
                 "| print<goescape> time × | per-function time × |")
        L.append("|---|---|---|---|---|---|")
        for a, b in zip(rows, rows[1:]):
            fr = b["functions"] / a["functions"]
            L.append(f"| {a['n']:,} → {b['n']:,} | {fr:.2f} | "
                     f"{b['insts'] / a['insts']:.2f} | "
                     f"{b['goescape']['total'] / a['goescape']['total']:.2f} | "
                     f"{b['print']['total'] / a['print']['total']:.2f} | "
                     f"{(b['goescape']['total'] / b['functions']) / (a['goescape']['total'] / a['functions']):.2f} |")
        L.append("")
        L.append("Commands:\n\n```sh\n"
                 "python3 utils/eval/gen-big-module.py 10000 -o big10000.c\n"
                 "clang-22 -O2 -c -emit-llvm -w big10000.c -o big10000.bc\n"
                 "opt-22 -load-pass-plugin=build/lib/GoEscape.so "
                 "-passes=goescape -disable-output -time-passes big10000.bc\n"
                 "opt-22 -load-pass-plugin=build/lib/GoEscape.so "
                 "-passes='print<goescape>' -disable-output -time-passes "
                 "big10000.bc > /dev/null\n```\n")
    if prof:
        L.append("### Profile of the largest module\n")
        L.append("`perf record -g opt-22 ... -passes=goescape`, "
                 "`perf report --no-children --sort dso,symbol`, rows over "
                 "1.5%:\n")
        L.append("```\n" + prof + "\n```\n")
    L.append("Reproduce: `python3 utils/eval/compile-time.py` (add `--profile` "
             "for the perf table; `--part sqlite|scaling` for one part).\n")
    with open(path, "w") as f:
        f.write("\n".join(l.rstrip() for l in "\n".join(L).split("\n")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["all", "sqlite", "scaling", "none"],
                    default="all")
    ap.add_argument("--work", default="/tmp/realworld/ct")
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "lib",
                                                     "GoEscape.so"))
    ap.add_argument("--sqlite", help="path of sqlite3.c (default: build it)")
    ap.add_argument("--sizes", type=int, nargs="+",
                    default=[1000, 10000, 100000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--regen", action="store_true")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs",
                                                  "compile-time.md"))
    args = ap.parse_args()
    started = datetime.datetime.utcnow()
    os.makedirs(args.work, exist_ok=True)
    snap = os.path.join(args.work, "GoEscape.so")
    shutil.copy(args.plugin, snap)
    # GoEscape.so loads GoEscape-llvm22.so from beside it, and refuses one
    # from another build: the snapshot is both files. The sha below is
    # GoEscape.so's, which holds the implementation's build ID.
    for impl in glob.glob(os.path.join(os.path.dirname(args.plugin),
                                       "GoEscape-llvm*.so")):
        shutil.copy(impl, args.work)
    sha = hashlib.sha256(open(snap, "rb").read()).hexdigest()
    # Results are kept in WORK/results.json, so that one part can be redone
    # and the doc still shows both.
    saved_path = os.path.join(args.work, "results.json")
    saved = json.load(open(saved_path)) if os.path.exists(saved_path) else {}
    if args.part in ("all", "sqlite"):
        saved["sqlite"] = dict(res=part_sqlite(args, snap), sha=sha,
                               runs=args.runs, started=started.isoformat())
    if args.part in ("all", "scaling"):
        rows, prof = part_scaling(args, snap)
        saved["scaling"] = dict(rows=rows, prof=prof, sha=sha, runs=args.runs,
                                started=started.isoformat())
    with open(saved_path, "w") as f:
        json.dump(saved, f, indent=1)
    sq = saved.get("sqlite", {}).get("res")
    sc = saved.get("scaling", {})
    shas = sorted({x["sha"] for x in saved.values()})
    if len(shas) > 1:
        print(f"warning: the parts were measured with different plugins: "
              f"{shas}")
    args.runs = saved.get("sqlite", sc).get("runs", args.runs)
    write_doc(args.doc, args, sq, sc.get("rows", []), sc.get("prof"),
              " / ".join(x[:16] for x in shas), started)
    print(f"wrote {args.doc}")


if __name__ == "__main__":
    main()
