#!/usr/bin/env python3
"""goescape benchmarks: build each program three ways and its hand-written
twin, check the outputs agree, count instructions (callgrind), malloc-family
calls (LD_PRELOAD counter) and wall time, and write results.md, ratios.dat
and ratios.png, stamped with the commit measured.

Builds (scripts/harness.py's matrix; malloc counts by scripts/malloc-count.c):
  plain       clang -O2                                    NAME.c
  goescape    clang -O2 -fpass-plugin=$PLUGIN              NAME.c
  attributor  clang -O2 -mllvm -attributor-enable=module
                    -mllvm -max-heap-to-stack-size=65536   NAME.c  (LLVM's own heap-to-stack)
  hand        clang -O2                                    NAME_hand.c
  same        clang -O2                                    TWIN.c  (SAME_ALGORITHM_TWINS only)

C++ benchmarks (CXX_BENCHES) are NAME.cpp and NAME_hand.cpp, built the same
four ways by clang++ (--clangxx, by default the clang++ beside --clang), and
shown in the same tables.

Programs of several files (LTO_BENCHES: bench/rec/, a constructor, query and
destructor in one file, the loop using them in another) are built under
ThinLTO and full LTO, linked by lld (LLVM 22's, beside --clang): without
the plugin, with it loaded by lld at link time, and their hand-written twin
(several files too) under the same mode; their outputs must equal the plain
per-file -O2 build's. Their table is results.md's "Across files, under LTO".

NAME_hand.c is the same program with its objects on the stack, written by
hand (its opening comment says what moved): the limit goescape is measured
against, goescape / hand being the figure that matters (issue 12's goal:
within 1.05x on every benchmark).

Some hand-written twins also change the algorithm (vecpush_hand.cpp is a
std::array and a count where vecpush.cpp grows a std::vector). Such a
benchmark may have a second twin, named in SAME_ALGORITHM_TWINS: the same
algorithm with its objects on the stack by hand (vecpush_arena.cpp: the
same std::vector over a stack arena). It is built like the hand twin (plain
-O2, the same compiler), its output must equal plain's, its instructions
are counted with the other builds (it is not timed), and results.md's
"Same algorithm, objects on the stack by hand" compares goescape with it:
it separates what moving the objects to the stack can reach from what a
different algorithm reaches. The limit stays NAME_hand.c.

No build has -g: valgrind 3.19 cannot read the DWARF 5 clang-22 emits.

A goescape build whose output differs from plain is a bug: the script stops
with exit status 1; so does a hand-written twin whose output differs (a bug
in the twin), and a same-algorithm twin whose output differs. An attributor
build that fails, crashes or differs is recorded as a finding in the table.

Run by `make -C bench`; see bench/Makefile for the knobs.
"""
import argparse
import datetime
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
import harness  # noqa: E402

# name -> what the program does (the first part of the table's notes), and
# what its hand-written twin bench/NAME_hand.c puts on the stack.
BENCHES = [
    ("request", "per-request struct: malloc'd, filled, handled, freed (NULL-checked)",
     "the struct is a local"),
    ("sink", "records (one at a time and 16 per batch) passed to a read-only consumer",
     "the record and the 16-record batch are locals"),
    ("tokenize", "parser loop: 256 B line buffer and 64 B token buffer per token (NULL-checked)",
     "both buffers are local arrays; the 800 KB global text stays malloc'd"),
    ("strbuild", "snprintf / append into malloc'd 64 B and 128 B strings",
     "both strings are local arrays"),
    ("tree", "7-node tree built, walked by a recursive noinline eval, freed at scope exit (NULL-checked)",
     "all 7 nodes are locals"),
    ("histogram", "calloc'd 256-entry histogram per 256-byte chunk",
     "the table is a local array, `= {0}`"),
    ("xmalloc", "noinline xmalloc/xcalloc/xfree wrappers that abort on failure",
     "item and scores are locals (scores `= {0}`); no wrappers"),
    ("negative", "negative control: constructor returns objects kept in global ring",
     "nothing: the same code, every object outlives its frame"),
    ("strcopy", "strlen(w) + 1 scratch copy per word, lower-cased and hashed (run-time size)",
     "`char small[64]`, malloc only for longer words"),
    ("listfree", "4-node list and 5-node tree per call, read by noinline walkers, freed by "
     "noinline list_free (a loop) and tree_free (recursive)",
     "the 4 items and 5 nodes are locals; no destructor calls"),
    ("descriptor", "malloc'd descriptor { data, len } owning a malloc'd 48 B buffer, filled by "
     "snprintf + strlen in a noinline fill, freed buffer first (NULL-checked)",
     "the descriptor and its buffer are locals"),
    ("loopbox", "struct box declared in a loop body, holding a malloc'd 48 B buffer freed at "
     "the end of the body, read by address by a noinline digest (NULL-checked)",
     "the buffer is a local array of the loop body"),
    ("ptrdiff", "64 B scratch copy per line; token lengths as end - start, alignment test "
     "(uintptr_t)buf % 16 == 0 (NULL-checked)",
     "`_Alignas(16) char buf[64]`"),
    ("dynarray", "int array started at 4 by malloc, doubled by realloc when full (each "
     "NULL-checked), summed by a noinline reader, freed: mostly 1..15 elements, 1 call in 32 "
     "100..399",
     "`int small[16]`, moved to the heap (malloc + memcpy, then realloc) only when it outgrows it"),
    ("ctor", "noinline constructor conn_new (malloc, NULL check, fill, return) per loop "
     "iteration, scored by a noinline reader, freed by the loop",
     "the record is a local of the loop body, filled by conn_init (conn_new without the "
     "malloc)"),
]

# C++ programs, NAME.cpp and its twin NAME_hand.cpp, built by clang++ with
# the same flags; the same fields as BENCHES.
CXX_BENCHES = [
    ("vecpush", "std::vector<int> filled by push_back to 3..12 elements (grown 1, 2, 4, 8, "
     "16) per call, summed by a noinline reader, deleted by ~vector",
     "`std::array<int, 12>` and a count"),
    ("uptree", "7-, 11- or 15-node expression tree of std::make_unique nodes owning their "
     "children by std::unique_ptr, read by a noinline recursive eval, torn down by the "
     "root's ~unique_ptr",
     "the nodes are elements of a local `Node pool[15]`, linked by raw pointers"),
    ("makeshared", "std::make_shared<Stats> (48 B object and control block in one operator new) "
     "per loop iteration, filled, read through a const shared_ptr& and by a noinline reader, "
     "released at the end of the iteration",
     "the Stats is a local of the loop body"),
]
CXX = {b[0] for b in CXX_BENCHES}

# Benchmarks whose hand-written twin uses a different algorithm, and a second
# twin bench/TWIN.c (.cpp) that keeps the algorithm and only puts its objects
# on the stack by hand: name -> TWIN, what the twin does. Built, checked and
# counted as the build "same"; NAME_hand stays the limit.
SAME_ALGORITHM_TWINS = {
    "vecpush": ("vecpush_arena", "the same std::vector<int> over a stack arena (short_alloc): "
                "each growth's block on the stack"),
}

# Programs of several files, where goescape sees across the files only at
# link time: each is built under ThinLTO and under full LTO, without and
# with goescape (the plugin loaded by lld, harness.lto_flags), and its
# hand-written twin (also several files) under the same LTO mode; their
# output must equal the plain per-file -O2 build's. name -> its files, its
# twin's files (in bench/), what it does, what the twin puts on the stack.
LTO_BENCHES = [
    ("rec", ["rec/main.c", "rec/rec.c"], ["rec/main_hand.c", "rec/rec_hand.c"],
     "constructor (malloc, NULL-checked), query and destructor in rec.c, the "
     "loop in main.c: one record per iteration",
     "the record is a local of the loop; rec_init fills it, no destructor"),
]
LTO_MODES = ["thin", "full"]
LTO_VARIANTS = ["plain", "goescape", "hand"]

VARIANTS = ["plain", "goescape", "attributor", "hand"]
# The builds of NAME.c; hand builds NAME_hand.c plain, same its
# SAME_ALGORITHM_TWINS twin plain.
COMPILED = {"plain": "plain", "goescape": "goescape", "attributor": "attributor",
            "hand": "plain", "same": "plain"}
# Allocation calls in textual IR; C++'s operator new (_Znwm, _Znam and their
# aligned / nothrow forms), called or invoked, counts too.
ALLOC_RE = re.compile(r"(?:call|invoke)[^\n]*@(malloc|calloc|aligned_alloc|posix_memalign|memalign|"
                      r"_Zn[wa]m\w*)\(")


def sh(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)


def log(msg):
    print(msg, flush=True)


def callgrind_ir(path):
    """Total Ir from a callgrind output file ('totals:' or 'summary:' line)."""
    total = None
    with open(path) as f:
        for line in f:
            if line.startswith("totals:") or line.startswith("summary:"):
                total = int(line.split()[1])
    return total


def dynamic_allocas(ir):
    """Allocas outside their function's entry block in textual IR."""
    n = 0
    in_fn = past_entry = False
    for line in ir.splitlines():
        if line.startswith("define "):
            in_fn, past_entry = True, False
        elif line.startswith("}"):
            in_fn = False
        elif in_fn and re.match(r"^[\w.$-]+:", line):
            past_entry = True
        elif in_fn and past_entry and re.search(r"= alloca ", line):
            n += 1
    return n


def malloc_counts(path):
    """The counts of one run under scripts/malloc-count.c, summed over its
    processes: malloc, calloc, realloc, aligned (aligned_alloc,
    posix_memalign, memalign and valloc) and free; None if it wrote none."""
    try:
        procs = harness.read_malloc_counts(path)
    except (OSError, ValueError):
        return None
    if not procs:
        return None
    c = dict.fromkeys(("malloc", "calloc", "realloc", "aligned", "free"), 0)
    for p in procs:
        for k in ("malloc", "calloc", "realloc", "free"):
            c[k] += p[k]
        c["aligned"] += (p["aligned_alloc"] + p["posix_memalign"] + p["memalign"] +
                         p["valloc"])
    return c


def geomean(xs):
    xs = [x for x in xs if x and x > 0]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def fmt_ratio(x):
    return "—" if x is None or x != x else "%.3f" % x


def plugin_provenance(plugin):
    """When the measured plugin was built, against the last commit to its
    sources: the stamp names the checkout, which is not always what the
    plugin was built from (make -C bench does not rebuild it)."""
    built = os.path.getmtime(plugin)
    r = sh(["git", "-C", harness.REPO, "log", "-1", "--format=%h %ct", "--",
            "lib", "include", "CMakeLists.txt"])
    when = lambda t: datetime.datetime.utcfromtimestamp(t).strftime("%Y-%m-%d %H:%M:%S UTC")
    text = "%s, built %s" % (os.path.relpath(plugin, harness.REPO)
                             if plugin.startswith(harness.REPO) else plugin, when(built))
    if r.returncode == 0 and r.stdout.split():
        h, t = r.stdout.split()
        text += "; its sources (lib/, include/) last changed in %s at %s" % (h, when(int(t)))
        if int(t) > built:
            text += (" — **after the build: the plugin measured may predate %s "
                     "(`make build` rebuilds it)**" % h)
    return text


def builds(name):
    """A benchmark's builds: VARIANTS, and same if it has a same-algorithm
    twin (built, checked and counted, not timed)."""
    return VARIANTS + (["same"] if name in SAME_ALGORITHM_TWINS else [])


def source(name, v):
    ext = ".cpp" if name in CXX else ".c"
    if v == "same":
        return os.path.join(HERE, SAME_ALGORITHM_TWINS[name][0] + ext)
    return os.path.join(HERE, name + ("_hand" if v == "hand" else "") + ext)


def compiler(name, args):
    """clang for a C benchmark, clang++ for a C++ one."""
    return args.clangxx if name in CXX else args.clang


def lto_flags(mode, plugin, with_plugin):
    """An LTO build's flags, linked by lld; the plugin only in the link."""
    if with_plugin:
        return harness.lto_flags(mode, plugin)
    return ["-flto=thin" if mode == "thin" else "-flto", "-fuse-ld=lld"]


def run_lto(benches, args, plugin, counter, out):
    """Builds, checks and measures the LTO benchmarks: the markdown lines of
    their section of results.md (empty if none is selected)."""
    if not benches:
        return []
    rows = []
    for name, files, hand_files, what, hand_what in benches:
        srcs = [os.path.join(HERE, f) for f in files]
        hand_srcs = [os.path.join(HERE, f) for f in hand_files]
        for f in srcs + hand_srcs:
            if not os.path.exists(f):
                sys.exit("bench: %s: no %s" % (name, os.path.relpath(f, HERE)))
        ref_exe = os.path.join(out, "%s.perfile" % name)
        r = sh(harness.compile_cmd(args.clang, [], srcs, ref_exe))
        if r.returncode:
            sys.exit("bench: %s: plain -O2 build failed:\n%s" % (name, r.stderr))
        ref = harness.run(ref_exe)[:2]
        if ref[0] != 0:
            sys.exit("bench: %s: plain -O2 build exited %d" % (name, ref[0]))
        for mode in LTO_MODES:
            row = {"name": name, "mode": mode, "what": what, "hand_what": hand_what,
                   "ir": {}, "mallocs": {}, "moved": 0}
            for v in LTO_VARIANTS:
                exe = os.path.join(out, "%s.%s-%s" % (name, v, mode))
                fl = lto_flags(mode, plugin, v == "goescape")
                remarks = ["-Rpass=goescape"] if v == "goescape" else []
                code, text = harness.compile(harness.compile_cmd(
                    args.clang, fl + remarks, hand_srcs if v == "hand" else srcs, exe))
                if code:
                    sys.exit("bench: %s: %s-%s build failed:\n%s" % (name, v, mode, text))
                if v == "goescape":
                    # lld prints the link's remarks bare, one per line.
                    row["moved"] = sum(1 for l in text.splitlines()
                                       if harness.MOVED_BARE.search(l))
                cnt = os.path.join(out, "%s.%s-%s.mallocs" % (name, v, mode))
                if os.path.exists(cnt):  # the counter appends
                    os.unlink(cnt)
                rc, stdout, _ = harness.run(exe, env=harness.malloc_count_env(counter, cnt))
                if (rc, stdout) != ref:
                    sys.exit("bench: %s%s: %s-%s output differs from plain -O2\n"
                             "plain: %r\ngot  : %r\n(binaries in %s)"
                             % ("BUG: " if v == "goescape" else "", name, v, mode,
                                ref, (rc, stdout), out))
                row["mallocs"][v] = malloc_counts(cnt)
                cg = os.path.join(out, "%s.%s-%s.callgrind" % (name, v, mode))
                r = sh(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + cg,
                        exe, str(args.cg_div)])
                if r.returncode:
                    sys.exit("bench: callgrind on %s failed:\n%s" % (exe, r.stderr[-2000:]))
                row["ir"][v] = callgrind_ir(cg)
            log("bench: lto    %-10s %-4s Ir %s, %d moved" % (name, mode, row["ir"],
                                                             row["moved"]))
            rows.append(row)

    def allocs(c):
        return "—" if not c else "{:,}".format(
            c["malloc"] + c["calloc"] + c["realloc"] + c["aligned"])

    lines = ["## Across files, under LTO", "",
             "Programs of several files: goescape sees one file's constructor, "
             "destructor or wrapper from another file only at link time. Each is "
             "built under ThinLTO (`-flto=thin`) and full LTO (`-flto`), linked by "
             "lld: plain (no plugin), goescape (the plugin loaded by lld, "
             "`-Wl,--load-pass-plugin`), and the hand-written twin (its objects on "
             "the stack, the same LTO mode). Every output equals the plain per-file "
             "`-O2` build's. Ir at 1/%d of the default work, as above; allocs at the "
             "default work." % args.cg_div, "",
             "| benchmark | LTO | plain Ir | goescape Ir | hand Ir | **goescape / hand** | "
             "goescape / plain | within 1.05x of hand | allocs plain / goescape / hand | "
             "sites moved | what it does; the twin |",
             "|---|---|---:|---:|---:|---:|---:|---|---|---:|---|"]
    for row in rows:
        ir = row["ir"]
        ge_hand = ir["goescape"] / ir["hand"]
        lines.append("| %s | %s | {:,} | {:,} | {:,} | **%s** | %s | %s | %s / %s / %s | %d | "
                     "%s; %s |".format(ir["plain"], ir["goescape"], ir["hand"]) % (
                         row["name"], row["mode"], fmt_ratio(ge_hand),
                         fmt_ratio(ir["goescape"] / ir["plain"]),
                         "yes" if ge_hand <= 1.05 else "no",
                         allocs(row["mallocs"]["plain"]), allocs(row["mallocs"]["goescape"]),
                         allocs(row["mallocs"]["hand"]), row["moved"], row["what"],
                         row["hand_what"]))
    lines += ["", "```sh",
              "# bench/out/NAME.{plain,goescape,hand}-{thin,full}; MODE is -flto=thin or -flto",
              "%s -O2 MODE -fuse-ld=lld -o NAME.plain-MODE FILES" % args.clang,
              "%s -O2 MODE -fuse-ld=lld -fpass-plugin=%s -Wl,--load-pass-plugin=%s "
              "-Rpass=goescape -o NAME.goescape-MODE FILES" % (args.clang, plugin, plugin),
              "%s -O2 MODE -fuse-ld=lld -o NAME.hand-MODE HAND_FILES" % args.clang,
              "```", ""]
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", default=os.path.join(HERE, "..", "build", "lib", "GoEscape.so"))
    ap.add_argument("--clang", default=harness.CLANG)
    ap.add_argument("--clangxx", help="the C++ compiler (default: clang++ beside --clang)")
    ap.add_argument("--reps", type=int, default=7, help="timed runs per build")
    ap.add_argument("--cg-div", type=int, default=10,
                    help="callgrind runs do 1/N of the work (argv[1] = N)")
    ap.add_argument("--det-runs", type=int, default=8,
                    help="identical goescape compiles compared for determinism")
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--only", help="comma-separated benchmarks to run")
    ap.add_argument("--results", default=HERE,
                    help="where results.md and ratios.png go (default: bench/)")
    args = ap.parse_args()

    if not args.clangxx:
        args.clangxx = os.path.join(os.path.dirname(args.clang) or ".", "clang++")
    plugin = os.path.abspath(args.plugin)
    if not os.path.exists(plugin):
        sys.exit("bench: plugin %s not found (make build first, or PLUGIN=...)" % plugin)
    for tool in (args.clang, "valgrind", "gnuplot"):
        if not shutil.which(tool):
            sys.exit("bench: %s not found (make -C bench deps)" % tool)
    benches, lto_benches = BENCHES + CXX_BENCHES, LTO_BENCHES
    if args.only:
        keep = args.only.split(",")
        benches = [b for b in BENCHES + CXX_BENCHES if b[0] in keep]
        lto_benches = [b for b in LTO_BENCHES if b[0] in keep]
        unknown = set(keep) - {b[0] for b in BENCHES + CXX_BENCHES + LTO_BENCHES}
        if unknown:
            sys.exit("bench: unknown benchmark(s) %s" % ", ".join(sorted(unknown)))
    if any(b[0] in CXX for b in benches) and not shutil.which(args.clangxx):
        sys.exit("bench: %s not found, which the C++ benchmarks build with (--clangxx)"
                 % args.clangxx)
    if lto_benches and not os.path.exists(os.path.join(os.path.dirname(args.clang), "ld.lld")):
        sys.exit("bench: %s has no ld.lld beside it, which the LTO benchmarks (%s) link "
                 "with (make deps installs lld-22)"
                 % (args.clang, ", ".join(b[0] for b in lto_benches)))
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(args.results, exist_ok=True)
    out = args.out
    t_start = time.time()
    load_start = os.getloadavg()[0]
    stamp = harness.stamp()

    try:
        counter = harness.build_malloc_counter(args.clang, out)
    except RuntimeError as e:
        sys.exit("bench: %s" % e)

    res = {}  # name -> dict
    # ---- build, static checks, remarks -------------------------------------
    for name, _, _ in benches:
        d = res[name] = {"bin": {}, "notes": [], "findings": [], "ir_allocs": {},
                         "ok": {}, "out": {}, "mallocs": {}, "ir": {}, "times": {},
                         "cpu": {}}
        for v in builds(name):
            src = source(name, v)
            if not os.path.exists(src):
                sys.exit("bench: %s: no %s (%s)"
                         % (name, os.path.relpath(src, os.path.dirname(HERE)),
                            "SAME_ALGORITHM_TWINS names it" if v == "same"
                            else "every benchmark has a hand-written twin"))
            exe = os.path.join(out, "%s.%s" % (name, v))
            fl = harness.flags(COMPILED[v], plugin)
            # valgrind 3.19 cannot read clang-22's DWARF 5: no debug info.
            assert not any(f.startswith("-g") for f in fl), fl
            remarks = harness.REMARKS if v == "goescape" else []
            cc = compiler(name, args)
            r = sh(harness.compile_cmd(cc, fl + remarks, src, exe))
            if r.returncode:
                msg = "%s build failed (exit %d): %s" % (v, r.returncode,
                                                         r.stderr.strip().splitlines()[-1:] or "")
                if v == "attributor":
                    d["findings"].append(msg)
                    log("bench: FINDING %s: %s" % (name, msg))
                    continue
                sys.exit("bench: %s: %s\n%s" % (name, msg, r.stderr))
            d["bin"][v] = exe
            ir = sh([cc, "-O2", "-S", "-emit-llvm", "-o", "-"] + fl + [src])
            d["ir_allocs"][v] = len(ALLOC_RE.findall(ir.stdout)) if ir.returncode == 0 else None
            if v == "goescape":
                d["ge_stderr"] = r.stderr
                # The same compile again: is goescape's output deterministic?
                hashes = {hash(ir.stdout)}
                for _ in range(args.det_runs - 1):
                    again = sh([cc, "-O2", "-S", "-emit-llvm", "-o", "-"] + fl + [src])
                    hashes.add(hash(again.stdout))
                if len(hashes) > 1:
                    msg = ("goescape is not deterministic: %d identical compiles gave %d "
                           "different IR outputs" % (args.det_runs, len(hashes)))
                    d["findings"].append(msg)
                    log("bench: FINDING %s: %s" % (name, msg))
            if v == "attributor" and ir.returncode == 0:
                n = dynamic_allocas(ir.stdout)
                if n:
                    d["notes"].append("attributor put %d alloca%s outside the entry block "
                                      "(a new stack slot each time it runs)"
                                      % (n, "" if n == 1 else "s"))
        if not d["ir_allocs"].get("plain"):
            sys.exit("bench: %s: plain -O2 has no malloc/calloc/operator new call left; "
                     "the benchmark does not measure anything" % name)
        # goescape's own account, one remark per allocation site, from the
        # compile that made the measured binary.
        with open(os.path.join(out, name + ".remarks"), "w") as f:
            f.write(d["ge_stderr"])
        moved = kept = 0
        reasons = []
        for line in d["ge_stderr"].splitlines():
            m = re.search(r"remark: (.*) \[-Rpass(-missed)?=goescape\]", line)
            if not m:
                continue
            if m.group(2):
                kept += 1
                reason = re.sub(r"^\S+\(\d+\) ", "", m.group(1))
                if reason not in reasons:
                    reasons.append(reason)
            else:
                moved += 1
        d["ge_moved"], d["ge_kept"], d["ge_reasons"] = moved, kept, reasons
        if "attributor" in d["bin"] and d["ir_allocs"].get("attributor") is not None:
            d["at_moved"] = d["ir_allocs"]["plain"] - d["ir_allocs"]["attributor"]
        else:
            d["at_moved"] = None
        log("bench: built %-10s goescape: %d moved, %d kept; IR alloc calls %s"
            % (name, moved, kept, d["ir_allocs"]))

    # ---- outputs and malloc counts (full-size run) -------------------------
    for name, _, _ in benches:
        d = res[name]
        for v in builds(name):
            if v not in d["bin"]:
                continue
            cnt = os.path.join(out, "%s.%s.mallocs" % (name, v))
            if os.path.exists(cnt):  # the counter appends
                os.unlink(cnt)
            rc, stdout, _ = harness.run(d["bin"][v],
                                        env=harness.malloc_count_env(counter, cnt))
            d["out"][v] = (rc, stdout)
            d["mallocs"][v] = malloc_counts(cnt)
        plain = d["out"]["plain"]
        if plain[0] != 0:
            sys.exit("bench: %s: plain build exited %d" % (name, plain[0]))
        for v in builds(name)[1:]:
            if v not in d["out"]:
                d["ok"][v] = None
                continue
            same = d["out"][v] == plain
            d["ok"][v] = same
            if not same and v == "goescape":
                sys.exit("bench: BUG: %s: goescape output differs from plain -O2\n"
                         "plain   : %r\ngoescape: %r\n(program: bench/%s, binaries in %s)"
                         % (name, plain, d["out"][v], os.path.basename(source(name, v)), out))
            if not same and v == "hand":
                sys.exit("bench: %s: the hand-written twin's output differs from plain -O2\n"
                         "plain: %r\nhand : %r\n(fix bench/%s, binaries in %s)"
                         % (name, plain, d["out"][v], os.path.basename(source(name, v)), out))
            if not same and v == "same":
                sys.exit("bench: %s: the same-algorithm twin's output differs from plain -O2\n"
                         "plain: %r\nsame : %r\n(fix bench/%s, binaries in %s)"
                         % (name, plain, d["out"][v], os.path.basename(source(name, v)), out))
            if not same:
                msg = "attributor build's run differs from plain: %s, output %r" % (
                    harness.describe_rc(d["out"][v][0]), d["out"][v][1][:120])
                d["findings"].append(msg)
                log("bench: FINDING %s: %s" % (name, msg))
                del d["bin"][v]  # a miscompiled build is not measured
        log("bench: ran    %-10s outputs identical: %s" % (name, d["ok"]))

    # ---- instructions (callgrind, reduced size) ----------------------------
    for name, _, _ in benches:
        d = res[name]
        for v in builds(name):
            if v not in d["bin"]:
                continue
            cg = os.path.join(out, "%s.%s.callgrind" % (name, v))
            r = sh(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + cg,
                    d["bin"][v], str(args.cg_div)])
            if r.returncode:
                sys.exit("bench: callgrind on %s.%s failed:\n%s" % (name, v, r.stderr[-2000:]))
            d["ir"][v] = callgrind_ir(cg)
        log("bench: Ir     %-10s %s" % (name, d["ir"]))

    # ---- wall time: builds interleaved, order rotated per repetition -------
    for rep in range(args.reps):
        for name, _, _ in benches:
            d = res[name]
            vs = [v for v in VARIANTS if v in d["bin"]]
            k = rep % len(vs)
            for v in vs[k:] + vs[:k]:
                t0 = time.perf_counter()
                proc = subprocess.Popen([d["bin"][v]], stdout=subprocess.DEVNULL)
                _, status, ru = os.wait4(proc.pid, 0)
                t = time.perf_counter() - t0
                proc.returncode = os.waitstatus_to_exitcode(status)
                if proc.returncode:
                    sys.exit("bench: %s.%s exited %d" % (name, v, proc.returncode))
                d["times"].setdefault(v, []).append(t)
                d["cpu"].setdefault(v, []).append(ru.ru_utime + ru.ru_stime)
        log("bench: timed repetition %d/%d" % (rep + 1, args.reps))

    # ---- several files, under LTO -------------------------------------------
    lto_lines = run_lto(lto_benches, args, plugin, counter, out)

    # ---- results -----------------------------------------------------------
    rows = []
    for name, what, hand in benches:
        d = res[name]
        ir_p = d["ir"].get("plain")
        t_p = statistics.median(d["times"]["plain"])
        row = {"name": name, "ir_plain": ir_p, "t_plain": t_p, "hand_what": hand}
        # The figure that matters: goescape against the hand-written twin.
        row["ge_hand"] = d["ir"]["goescape"] / d["ir"]["hand"]
        for v in ("goescape", "attributor", "hand"):
            row["ir_" + v] = d["ir"][v] / ir_p if v in d["ir"] else None
            row["t_" + v] = statistics.median(d["times"][v]) / t_p if v in d["times"] else None
            row["c_" + v] = (statistics.median(d["cpu"][v]) / statistics.median(d["cpu"]["plain"])
                             if v in d["cpu"] else None)
        row["d"] = d
        row["what"] = what
        rows.append(row)

    def allocs(c):
        if not c:
            return "—"
        return "{:,}".format(c["malloc"] + c["calloc"] + c["realloc"] + c["aligned"])

    def fmt_count(n):
        return "{:,}".format(n)

    total_sites = lambda d: d["ge_moved"] + d["ge_kept"]
    lines = []
    lines.append("# goescape benchmarks")
    lines.append("")
    lines.append("Generated by `make -C bench` (bench/run.py) on %s UTC from commit %s. "
                 "Do not edit: rerun."
                 % (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), stamp))
    lines.append("")
    lines.append("## goescape against the hand-written limit")
    lines.append("")
    lines.append("Each benchmark NAME.c (C++: NAME.cpp, built by clang++) has a twin "
                 "bench/NAME_hand.c (NAME_hand.cpp): the same program with its "
                 "objects on the stack, as a good programmer writes it (built plain `-O2`; "
                 "its output must equal plain's, or the run stops). **goescape / hand** is the "
                 "figure that matters: 1.000 means goescape reached the limit (issue 12's goal: "
                 "within 1.05x on every benchmark). Ir: instructions executed, from "
                 "callgrind, at 1/%d of the default work, as in the table of all builds below."
                 % args.cg_div)
    lines.append("")
    lines.append("| benchmark | plain Ir | goescape Ir | hand Ir | **goescape / hand** | "
                 "goescape / plain | hand / plain | within 1.05x of hand | "
                 "outputs plain = goescape = hand | the twin puts on the stack |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|")
    for row in rows:
        d = row["d"]
        same = d["ok"].get("goescape") and d["ok"].get("hand")
        lines.append("| %s | %s | %s | %s | **%s** | %s | %s | %s | %s | %s |" % (
            row["name"], fmt_count(row["ir_plain"]), fmt_count(d["ir"]["goescape"]),
            fmt_count(d["ir"]["hand"]), fmt_ratio(row["ge_hand"]),
            fmt_ratio(row["ir_goescape"]), fmt_ratio(row["ir_hand"]),
            "yes" if row["ge_hand"] <= 1.05 else "no",
            "yes" if same else "NO", row["hand_what"]))
    gmh = {k: geomean([r[k] for r in rows if r[k] is not None])
           for k in ("ge_hand", "ir_goescape", "ir_hand")}
    lines.append("| **geomean** | | | | **%s** | %s | %s | %d of %d | | |" % (
        fmt_ratio(gmh["ge_hand"]), fmt_ratio(gmh["ir_goescape"]), fmt_ratio(gmh["ir_hand"]),
        sum(1 for r in rows if r["ge_hand"] <= 1.05), len(rows)))
    lines.append("")
    same_rows = [r for r in rows if "same" in r["d"]["ir"]]
    if same_rows:
        lines.append("## Same algorithm, objects on the stack by hand")
        lines.append("")
        lines.append("The table above's twin is the limit issue 12's goal is measured against, "
                     "and it stays so. The benchmarks here have a twin there that also uses a "
                     "different algorithm (its column says what), and a second twin "
                     "(bench/run.py's SAME_ALGORITHM_TWINS) that keeps "
                     "the program's algorithm and only puts its objects on the stack by hand. "
                     "It separates what moving the objects to the stack can reach from what a "
                     "different algorithm reaches. Built plain `-O2` like the hand twin, its "
                     "output must equal plain's (or the run stops); Ir at 1/%d of the default "
                     "work, in the same run as the builds above (not timed)." % args.cg_div)
        lines.append("")
        lines.append("| benchmark | goescape Ir | same-algorithm twin Ir | **goescape / twin** | "
                     "within 1.05x | what the twin does |")
        lines.append("|---|---:|---:|---:|---|---|")
        for row in same_rows:
            ir = row["d"]["ir"]
            ge_same = ir["goescape"] / ir["same"]
            what = SAME_ALGORITHM_TWINS[row["name"]][1]
            lines.append("| %s | %s | %s | **%s** | %s | %s (%s) |" % (
                row["name"], fmt_count(ir["goescape"]), fmt_count(ir["same"]),
                fmt_ratio(ge_same), "yes" if ge_same <= 1.05 else "no", what,
                os.path.basename(source(row["name"], "same"))))
        lines.append("")
    lines.append("## All builds")
    lines.append("")
    lines.append("Ratios are against plain `clang -O2` (lower is better). Ir: instructions "
                 "executed, from callgrind, at 1/%d of the default work (`prog %d`). Time: "
                 "median wall time of %d runs at the default work, the four builds "
                 "interleaved in each repetition; CPU: median user+sys time of the same runs, "
                 "steadier than wall time when the machine is shared. The negative control's "
                 "time ratios (identical code in all four builds, its twin being negative.c "
                 "itself) show the noise. Allocs: malloc+calloc calls at run time "
                 "(LD_PRELOAD counter scripts/malloc-count.c, default work). Sites: allocation sites moved to the "
                 "stack / sites in the program (goescape: its remarks; attributor: "
                 "malloc/calloc calls gone from the IR)."
                 % (args.cg_div, args.cg_div, args.reps))
    lines.append("")
    lines.append("| benchmark | plain Ir | goescape Ir | attributor Ir | hand Ir | plain time | "
                 "goescape time | attributor time | hand time | goescape CPU | attributor CPU | "
                 "hand CPU | allocs plain / goescape / attributor / hand | "
                 "sites goescape / attributor | outputs identical | notes |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|")
    for row in rows:
        d = row["d"]
        notes = [row["what"]] + d["notes"]
        if d["ge_kept"]:
            notes.append("goescape kept %d: %s" % (d["ge_kept"], "; ".join(d["ge_reasons"])))
        notes.extend("**finding**: " + f for f in d["findings"])
        ident = []
        for v in ("goescape", "attributor", "hand"):
            ok = d["ok"].get(v)
            ident.append("%s %s" % (v, "yes" if ok else ("NO" if ok is False else "not built")))
        m = d["mallocs"]
        at_sites = "%d" % d["at_moved"] if d["at_moved"] is not None else "—"
        lines.append("| %s | %s | %s | %s | %s | %.0f ms | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s | %d / %s of %d | %s | %s |" % (
            row["name"], fmt_count(row["ir_plain"]),
            fmt_ratio(row["ir_goescape"]), fmt_ratio(row["ir_attributor"]),
            fmt_ratio(row["ir_hand"]),
            row["t_plain"] * 1000, fmt_ratio(row["t_goescape"]), fmt_ratio(row["t_attributor"]),
            fmt_ratio(row["t_hand"]),
            fmt_ratio(row["c_goescape"]), fmt_ratio(row["c_attributor"]),
            fmt_ratio(row["c_hand"]),
            allocs(m.get("plain")), allocs(m.get("goescape")), allocs(m.get("attributor")),
            allocs(m.get("hand")),
            d["ge_moved"], at_sites, total_sites(d),
            ", ".join(ident), ". ".join(notes)))
    gm = {k: geomean([r[k] for r in rows if r[k] is not None])
          for k in ("ir_goescape", "ir_attributor", "ir_hand", "t_goescape", "t_attributor",
                    "t_hand", "c_goescape", "c_attributor", "c_hand")}
    no_at = [r["name"] for r in rows if r["ir_attributor"] is None]
    lines.append("| **geomean** | | %s | %s | %s | | %s | %s | %s | %s | %s | %s | | | | over the "
                 "benchmarks with a value%s |" % (
        fmt_ratio(gm["ir_goescape"]), fmt_ratio(gm["ir_attributor"]), fmt_ratio(gm["ir_hand"]),
        fmt_ratio(gm["t_goescape"]), fmt_ratio(gm["t_attributor"]), fmt_ratio(gm["t_hand"]),
        fmt_ratio(gm["c_goescape"]), fmt_ratio(gm["c_attributor"]), fmt_ratio(gm["c_hand"]),
        " (attributor: without %s)" % ", ".join(no_at) if no_at else ""))
    lines.append("")
    lines.append("![ratios](ratios.png)")
    lines.append("")
    lines.extend(lto_lines)
    lines.append("## malloc-family calls at run time (default work)")
    lines.append("")
    lines.append("| benchmark | build | malloc | calloc | realloc | aligned | free |")
    lines.append("|---|---|---:|---:|---:|---:|---:|")
    for row in rows:
        for v in builds(row["name"]):
            c = row["d"]["mallocs"].get(v)
            if c:
                lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                    row["name"], "same-algorithm twin" if v == "same" else v,
                    fmt_count(c["malloc"]), fmt_count(c["calloc"]), fmt_count(c["realloc"]),
                    fmt_count(c["aligned"]), fmt_count(c["free"])))
    lines.append("")
    lines.append("Each count includes one malloc made by stdio for stdout's buffer.")
    lines.append("")
    lines.append("## Commands")
    lines.append("")
    lines.append("```sh")
    lines.append("# builds (bench/out/NAME.{plain,goescape,attributor,hand}); no -g: valgrind 3.19 "
                 "cannot read clang-22's DWARF 5")
    lines.append("%s -O2 -o NAME.plain NAME.c" % args.clang)
    lines.append("%s -O2 -fpass-plugin=%s -o NAME.goescape NAME.c" % (args.clang, plugin))
    lines.append("%s -O2 -mllvm -attributor-enable=module -mllvm -max-heap-to-stack-size=65536 "
                 "-o NAME.attributor NAME.c" % args.clang)
    lines.append("%s -O2 -o NAME.hand NAME_hand.c" % args.clang)
    lines.append("# goescape's verdicts (bench/out/NAME.remarks)")
    lines.append("%s -O2 -fpass-plugin=%s -Rpass=goescape -Rpass-missed=goescape -c NAME.c"
                 % (args.clang, plugin))
    lines.append("# C++ benchmarks: the same four builds and remarks of NAME.cpp / NAME_hand.cpp "
                 "by %s" % args.clangxx)
    if same_rows:
        lines.append("# same-algorithm twins (SAME_ALGORITHM_TWINS), built as hand")
        for r in same_rows:
            lines.append("%s -O2 -o %s.same %s" % (compiler(r["name"], args), r["name"],
                                                  os.path.basename(source(r["name"], "same"))))
    lines.append("# outputs and malloc counts: default work, compared byte for byte with plain")
    lines.append("%s -O2 -shared -fPIC -o bench/out/malloc-count.so scripts/malloc-count.c -ldl"
                 % args.clang)
    lines.append("LD_PRELOAD=bench/out/malloc-count.so MALLOC_COUNT_FILE=NAME.BUILD.mallocs "
                 "./NAME.BUILD")
    lines.append("# instructions: total Ir (the 'totals:' line of the output file)")
    lines.append("valgrind --tool=callgrind --callgrind-out-file=NAME.BUILD.callgrind ./NAME.BUILD %d"
                 % args.cg_div)
    lines.append("# time: median of %d runs of ./NAME.BUILD, builds interleaved, order rotated"
                 % args.reps)
    lines.append("make -C bench            # all of it; PLUGIN=..., REPS=..., CG_DIV=..., ONLY=...")
    lines.append("```")
    lines.append("")
    lines.append("## Machine")
    lines.append("")
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    clang_v = sh([args.clang, "--version"]).stdout.splitlines()[0]
    clangxx_v = (sh([args.clangxx, "--version"]).stdout.splitlines()[:1]
                 if shutil.which(args.clangxx) else [])
    vg_v = sh(["valgrind", "--version"]).stdout.strip()
    lines.append("- nproc: %s" % sh(["nproc"]).stdout.strip())
    lines.append("- uname -a: `%s`" % sh(["uname", "-a"]).stdout.strip())
    lines.append("- CPU: %s" % (cpu or platform.processor()))
    lines.append("- compiler: %s" % clang_v)
    if clangxx_v:
        lines.append("- C++ compiler: %s (%s)" % (clangxx_v[0], args.clangxx))
    lines.append("- %s" % vg_v)
    lines.append("- plugin: %s" % plugin_provenance(plugin))
    lines.append("- load average (1 min) at start / end: %.2f / %.2f (other work on the machine shows in the times)" % (load_start, os.getloadavg()[0]))
    lines.append("- wall time of the whole run: %.0f s" % (time.time() - t_start))
    lines.append("")
    with open(os.path.join(args.results, "results.md"), "w") as f:
        f.write("\n".join(lines))
    if not rows:
        log("bench: wrote %s (no single-file benchmark selected: no chart)"
            % os.path.join(args.results, "results.md"))
        return

    # ---- chart -------------------------------------------------------------
    dat = os.path.join(out, "ratios.dat")
    with open(dat, "w") as f:
        f.write("# bench ge_ir at_ir ge_time at_time hand_ir\n")
        for row in rows:
            f.write("%s %s %s %s %s %s\n" % (row["name"], *[
                "%.4f" % row[k] if row[k] is not None else "NaN"
                for k in ("ir_goescape", "ir_attributor", "t_goescape", "t_attributor",
                          "ir_hand")]))
    # Say why a bar is missing: a build that failed or whose run differed.
    labels = ""
    for i, row in enumerate(rows):
        if row["ir_attributor"] is None:
            why = "attributor: crashed" if row["d"]["findings"] else "attributor: no build"
            labels += ("set label '%s' at %f, 0.03 rotate by 90 left font ',9' front\n"
                       % (why, i - 0.02))
    gp = os.path.join(out, "ratios.gp")
    with open(gp, "w") as f:
        f.write("""set terminal pngcairo size 1100,520 font ",11" noenhanced
set output '%s'
set title 'goescape benchmarks, commit %s: ratio to plain clang -O2 (lower is better)'
set style data histograms
set style histogram clustered gap 1.5
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:1.25]
set ytics 0.1
set grid ytics
set ylabel 'ratio to plain -O2'
set key top center horizontal outside
set xtics nomirror
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lw 1.5 lc rgb '#444444' front
%s
plot '%s' using 2:xtic(1) title 'goescape Ir' lc rgb '#1f77b4', \\
     '' using 3 title 'attributor Ir' lc rgb '#ff7f0e', \\
     '' using 6 title 'hand-written Ir (the limit)' lc rgb '#2ca02c', \\
     '' using 4 title 'goescape time' lc rgb '#aec7e8', \\
     '' using 5 title 'attributor time' lc rgb '#ffbb78'
""" % (os.path.join(args.results, "ratios.png"), stamp, labels, dat))
    r = sh(["gnuplot", gp])
    if r.returncode:
        sys.exit("bench: gnuplot failed:\n" + r.stderr)
    log("bench: wrote %s and %s in %.0f s" % (os.path.join(args.results, "results.md"),
                                              os.path.join(args.results, "ratios.png"),
                                              time.time() - t_start))


if __name__ == "__main__":
    main()
