#!/usr/bin/env python3
"""Robustness test for goescape: run the pass, with the verifier after it,
over many generated modules (or over existing .ll files) and report any
crash, hang or invalid IR.

Generated modules come in three kinds, chosen per module from --seed:
  stress  an llvm-stress module whose allocas are rewritten, in good part,
          into malloc/calloc/aligned_alloc/posix_memalign/new calls, with
          frees (and some escapes) before its return;
  gen     a random allocation-heavy module from genalloc.py (loops, phis,
          selects, stores into objects and globals, calls, recursion,
          setjmp, musttail, memcpy/memset, ...);
  mix     both in one module.
Each module is first checked with `opt -passes=verify`; one that fails is
dropped (and counted, and replaced by the next one) before the pass sees it.
Every other module must pass, each within --timeout seconds:

  opt -load-pass-plugin=PLUGIN -passes=goescape,verify      (every module)
  opt -load-pass-plugin=PLUGIN -passes='print<goescape>'    (every module)
  -passes=goescape,goescape,verify                          (even modules)
  -passes=inferattrs,goescape,verify                        (odd modules:
      inferattrs marks plain malloc/free/new declarations the way clang's
      pipeline does; LLVM 22 recognises allocation functions by those marks)
  -passes='default<O2>,verify', where the plugin adds goescape (1 in 4)
  goescape with its size/budget/work limits turned down      (1 in 3)

A run fails on a non-zero exit, a signal, "PLEASE submit a bug report" or
"Stack dump:", a timeout, or a verifier error. On top of that, opt's Lint is
run (after unreachableblockelim) on each module before and after goescape:
if the pass adds a `tail` call that references an alloca, or a return of an
alloca, that is a miscompile and fails the module too (--no-lint skips it).
Failing modules are saved to --keep-failures DIR (default: a new temp dir,
printed) as NAME.ll, with NAME-CHECK.txt holding the command to reproduce
and its output.

The last line is `stress: N passed, M failed` (with --inputs:
`inputs: N passed, M failed`); the exit status is 1 if M > 0, if fewer than
--count modules were tested, or if more than --max-dropped-percent of the
generated modules were invalid (a broken generator).

--inputs DIR... runs the same checks on every .ll under DIRs (recursively),
skipping files that are not valid IR on their own; it fails if none is valid.

Without the plugin (to check the generator itself) use e.g.
  stress.py --opt OPT --llvm-stress STRESS --no-plugin \
            --pass 'instcombine<no-verify-fixpoint>' --printer 'print<domtree>'
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genalloc  # noqa: E402

ALLOC_CALL_RE = re.compile(
    r"\b(?:call|invoke)\b[^\n]*@(?:malloc|calloc|aligned_alloc|memalign|valloc|"
    r"posix_memalign|_Znwm|_Znam|_ZnwmSt11align_val_t|my_alloc|strdup)\(")

# goescape options turned down on some modules, to reach the budget paths.
OPTION_VARIANTS = [
    ["-goescape-max-size=16"],
    ["-goescape-frame-budget=64"],
    ["-goescape-recursive-budget=0", "-goescape-frame-budget=300"],
    ["-goescape-max-work=50"],
    ["-goescape-max-size=0"],
]

# Lint findings that moving an object to the stack can introduce and that are
# miscompiles when it does: a promoted object reaching a `tail` call, or
# being returned. (Other Lint findings, such as a store past the end of an
# object that is now an alloca, were undefined behaviour in the input too.)
LINT_MESSAGES = [
    'Call with "tail" keyword references alloca',
    "Returning alloca value",
]

# Lint looks at unreachable blocks too, where the pass need not (and does not)
# care what happens: those are removed first, before and after the pass.
LINT_PIPELINE = "unreachableblockelim,lint"

KIND_WEIGHTS = [("stress", 40), ("gen", 45), ("mix", 15)]


def signame(rc):
    try:
        return signal.Signals(-rc).name
    except (ValueError, AttributeError):
        return "signal %d" % -rc


class Runner:
    def __init__(self, args):
        self.args = args
        base = [args.opt]
        if args.plugin:
            base.append("-load-pass-plugin=" + args.plugin)
        self.base = base
        self.lock = threading.Lock()
        self.keep_dir = args.keep_failures
        self.fail_count = 0

    def run(self, cmd, timeout=None):
        """Returns (problem or None, combined output)."""
        timeout = timeout or self.args.timeout
        # a session of its own, so that a hang is ended with all it started
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, start_new_session=True)
        try:
            raw, _ = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            raw, _ = p.communicate()
            return "timeout after %gs" % timeout, raw.decode("utf-8", "replace")
        out = raw.decode("utf-8", "replace")
        if p.returncode < 0:
            return "killed by %s" % signame(p.returncode), out
        if "PLEASE submit a bug report" in out or "Stack dump:" in out:
            return "crash (exit %d)" % p.returncode, out
        if p.returncode != 0:
            if "Broken module" in out or "Broken function" in out:
                return "verifier failure (exit %d)" % p.returncode, out
            return "exit %d" % p.returncode, out
        return None, out

    def verify_only(self, path):
        """True if the module is valid IR without the pass."""
        problem, out = self.run([self.args.opt, "-passes=verify", "-disable-output", path])
        return problem is None, out

    def commands(self, path, idx, workdir):
        a = self.args
        p = a.pass_name
        cmds = []
        out = os.path.join(workdir, "out%d.ll" % idx)
        cmds.append(("transform", self.base + ["-passes=%s,verify" % p, "-S", "-o", out, path],
                     out))
        cmds.append(("print", self.base + ["-passes=%s" % a.printer, "-disable-output", path],
                     None))
        if idx % 2 == 0:
            cmds.append(("twice", self.base + ["-passes=%s,%s,verify" % (p, p),
                                               "-disable-output", path], None))
        else:
            # as in clang's pipeline: inferattrs marks plain library
            # declarations (malloc, free, new, ...) as allocation functions
            cmds.append(("inferattrs", self.base + ["-passes=inferattrs,%s,verify" % p,
                                                    "-disable-output", path], None))
        if idx % 4 == 3:
            # the pass where the plugin puts it in a real pipeline
            # (goescape registers itself at the optimizer's early EP)
            pipe = "default<O2>" if p == "goescape" else "%s,default<O2>" % p
            cmds.append(("pipeline", self.base + ["-passes=%s,verify" % pipe,
                                                  "-disable-output", path], None))
        if a.option_variants and p == "goescape" and idx % 3 == 1:
            opts = OPTION_VARIANTS[(idx // 3) % len(OPTION_VARIANTS)]
            cmds.append(("options", self.base + opts + ["-passes=%s,verify" % p,
                                                        "-disable-output", path], None))
        return cmds

    def save_failure(self, name, label, text, cmd, problem, output, path):
        """Keeps the module as NAME.ll (once) and the failing command with its
        output as NAME-LABEL.txt; returns the module's path and the command
        to reproduce the failure on it."""
        with self.lock:
            if self.keep_dir is None:
                self.keep_dir = tempfile.mkdtemp(prefix="goescape-stress-failures-")
            os.makedirs(self.keep_dir, exist_ok=True)
            self.fail_count += 1
        dst = os.path.join(self.keep_dir, name + ".ll")
        if not os.path.exists(dst):
            with open(dst, "w") as f:
                f.write(text)
        name = "%s-%s" % (name, label)
        repro = [dst if c == path else c for c in cmd]
        repro = [c for c in repro]
        if "-o" in repro:   # the repro need not write a file
            i = repro.index("-o")
            del repro[i:i + 2]
            repro = [c for c in repro if c != "-S"] + ["-disable-output"]
        line = " ".join(shquote(c) for c in repro)
        with open(os.path.join(self.keep_dir, name + ".txt"), "w") as f:
            f.write("problem: %s\ncommand: %s\n\n%s" % (problem, line, output))
        return dst, line

    def lint_counts(self, path):
        """The number of each kind of LINT_MESSAGES that opt's Lint reports."""
        problem, out = self.run([self.args.opt, "-passes=" + LINT_PIPELINE, "-disable-output",
                                 path])
        if problem:
            return None
        return {m: out.count(m) for m in LINT_MESSAGES}

    def check_lint(self, name, text, path, out, cmd):
        """Differential Lint: does the pass add a call with `tail` that
        references an alloca, or a return of one? Returns a failure or None."""
        before = self.lint_counts(path)
        after = self.lint_counts(out)
        if before is None or after is None:
            return None
        worse = [m for m in LINT_MESSAGES if after[m] > before[m]]
        if not worse:
            return None
        problem = "lint: after the pass, " + "; ".join(
            "'%s' %d times (before: %d)" % (m, after[m], before[m]) for m in worse)
        _, lint_out = self.run([self.args.opt, "-passes=" + LINT_PIPELINE, "-disable-output",
                                out])
        lcmd = [c for c in cmd if c != "-S"]
        i = lcmd.index("-o")
        del lcmd[i:i + 2]
        lcmd = [c.replace(",verify", "," + LINT_PIPELINE) if c.startswith("-passes=") else c
                for c in lcmd] + ["-disable-output"]
        dst, line = self.save_failure(name, "lint", text, lcmd, problem, lint_out, path)
        return ("lint", problem, dst, line, lint_out)

    def check_module(self, name, text, path, idx, workdir):
        """Runs the pass commands on a valid module; returns (failures, stats)."""
        failures = []
        stats = {"before": len(ALLOC_CALL_RE.findall(text)), "after": None}
        for label, cmd, out in self.commands(path, idx, workdir):
            problem, output = self.run(cmd)
            if problem and label == "pipeline":
                # LLVM's own passes have bugs of their own (ipsccp on
                # scalable vectors, say): not goescape's if opt fails the
                # same way without the plugin.
                plain = [self.args.opt, "-passes=default<O2>,verify", "-disable-output", path]
                if self.run(plain)[0]:
                    stats["llvm_failure"] = "%s: %s" % (problem, first_error(output))
                    continue
            if problem:
                dst, line = self.save_failure(name, label, text, cmd, problem, output, path)
                failures.append((label, problem, dst, line, output))
            elif out:
                try:
                    with open(out) as f:
                        stats["after"] = len(ALLOC_CALL_RE.findall(f.read()))
                    if self.args.lint:
                        bad = self.check_lint(name, text, path, out, cmd)
                        if bad:
                            failures.append(bad)
                    os.unlink(out)
                except OSError:
                    pass
        return failures, stats


def first_error(output):
    for ln in output.splitlines():
        if "ERROR" in ln or "error" in ln or "Assertion" in ln:
            return ln.strip()
    return ""


def shquote(s):
    if re.match(r"^[-\w./=,:+@%]+$", s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


# ---------------------------------------------------------------------------
# generation

def generate(args, idx):
    """The text and a description of module idx. Deterministic in --seed."""
    rng = random.Random("goescape-stress:%d:%d" % (args.seed, idx))
    kind = rng.choices([k for k, _ in KIND_WEIGHTS], [w for _, w in KIND_WEIGHTS])[0]
    desc = kind
    if kind in ("stress", "mix"):
        sseed = rng.randrange(1, 1 << 31)
        size = rng.randint(20, 400)
        cmd = [args.llvm_stress, "--seed=%d" % sseed, "--size=%d" % size, "-o", "-"]
        scalable = rng.random() < 0.1
        if scalable:
            cmd.append("--enable-scalable-vectors")
        desc += " (llvm-stress --seed=%d --size=%d%s)" % (
            sseed, size, " --enable-scalable-vectors" if scalable else "")
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=args.timeout)
        if p.returncode != 0:
            return None, desc + ": llvm-stress failed: " + p.stderr.decode("utf-8", "replace")
        stress_text = p.stdout.decode("utf-8", "replace")
    if kind == "stress":
        text, _ = genalloc.rewrite_stress(stress_text, rng)
    elif kind == "gen":
        text = genalloc.gen_module(rng).text()
    else:
        # llvm-stress allocas are in address space 0: no "A5" layout here
        mod = genalloc.gen_module(rng, nfuncs=rng.randint(1, 3), alloca_as_ok=False)
        genalloc.rewrite_stress(stress_text, rng, mod)
        text = mod.text()
    header = "; goescape stress module %d, --seed %d: %s\n" % (idx, args.seed, desc)
    return header + text, desc


def process(runner, args, idx, workdir):
    """Generate, verify and check module idx. Returns a result dict."""
    name = "stress-s%d-m%d" % (args.seed, idx)
    res = {"idx": idx, "name": name, "status": None, "failures": [], "stats": None}
    try:
        text, desc = generate(args, idx)
    except subprocess.TimeoutExpired:
        text, desc = None, "llvm-stress timed out"
    except Exception as e:  # a bug in the generator: counted as dropped
        text, desc = None, "generator error: %r" % e
    res["desc"] = desc
    if text is None:
        res["status"] = "dropped"
        res["why"] = desc
        return res
    path = os.path.join(workdir, name + ".ll")
    with open(path, "w") as f:
        f.write(text)
    if args.dump:
        with open(os.path.join(args.dump, name + ".ll"), "w") as f:
            f.write(text)
    ok, out = runner.verify_only(path)
    if not ok:
        res["status"] = "dropped"
        res["why"] = out.strip().splitlines()[0] if out.strip() else "invalid"
        if args.keep_dropped:
            os.makedirs(args.keep_dropped, exist_ok=True)
            shutil.copy(path, os.path.join(args.keep_dropped, name + ".ll"))
        os.unlink(path)
        return res
    failures, stats = runner.check_module(name, text, path, idx, workdir)
    os.unlink(path)
    res["failures"] = failures
    res["stats"] = stats
    res["status"] = "failed" if failures else "passed"
    return res


def report_failures(res):
    for label, problem, dst, line, output in res["failures"]:
        print("FAIL %s [%s] %s: %s" % (res["name"], res.get("desc", ""), label, problem))
        print("  module: %s" % dst)
        print("  repro:  %s" % line)
        lines = [ln for ln in output.splitlines() if ln.strip()]
        for ln in lines[:12]:
            print("    | " + ln)
        if len(lines) > 12:
            print("    | ... (%d more lines, see %s-%s.txt)" % (len(lines) - 12, dst[:-3],
                                                          label))


def run_stress(args, runner):
    t0 = time.time()
    workdir = tempfile.mkdtemp(prefix="goescape-stress-")
    results = []
    next_idx = 0
    limit = args.count * 2 + 10
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            while True:
                tested = sum(1 for r in results if r["status"] != "dropped")
                need = args.count - tested
                if need <= 0 or next_idx >= limit:
                    break
                batch = range(next_idx, min(next_idx + need, limit))
                next_idx = batch[-1] + 1
                futs = [pool.submit(process, runner, args, i, workdir) for i in batch]
                for fut in futs:
                    results.append(fut.result())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results.sort(key=lambda r: r["idx"])
    dropped = [r for r in results if r["status"] == "dropped"]
    tested = [r for r in results if r["status"] != "dropped"]
    passed = [r for r in tested if r["status"] == "passed"]
    failed = [r for r in tested if r["status"] == "failed"]
    for r in failed:
        report_failures(r)
    kinds = {}
    for r in tested:
        k = r["desc"].split()[0]
        kinds[k] = kinds.get(k, 0) + 1
    after = sum(r["stats"]["after"] for r in tested
                if r["stats"] and r["stats"]["after"] is not None)
    before_ok = sum(r["stats"]["before"] for r in tested
                    if r["stats"] and r["stats"]["after"] is not None)
    elapsed = time.time() - t0
    print("stress: seed %d, %d modules generated, %d dropped as invalid before the pass"
          " (%.1f%%), %d tested (%s)" % (
              args.seed, len(results), len(dropped),
              100.0 * len(dropped) / max(1, len(results)), len(tested),
              ", ".join("%d %s" % (v, k) for k, v in sorted(kinds.items()))))
    for r in dropped[:5]:
        print("  dropped %s [%s]: %s" % (r["name"], r["desc"], r.get("why", "")))
    print("stress: allocation calls: %d before the pass, %d after (%d removed), "
          "in the modules it transformed; %.1fs with %d jobs" % (
              before_ok, after, before_ok - after, elapsed, args.jobs))
    llvm = [r for r in tested if r["stats"] and r["stats"].get("llvm_failure")]
    if llvm:
        print("stress: %d default<O2> runs failed without the plugin too (LLVM's own "
              "bugs, not counted):" % len(llvm))
        for r in llvm[:5]:
            print("  %s [%s]: %s" % (r["name"], r["desc"], r["stats"]["llvm_failure"]))
    status = 0
    if failed:
        print("stress: failing modules and their output are in %s" % runner.keep_dir)
        status = 1
    if len(tested) < args.count:
        print("stress: error: only %d modules tested, fewer than --count %d"
              % (len(tested), args.count))
        status = 1
    if len(dropped) > args.max_dropped_percent / 100.0 * max(1, len(results)):
        print("stress: error: more than %g%% of the generated modules were invalid: "
              "the generator is broken (--keep-dropped DIR keeps them)"
              % args.max_dropped_percent)
        status = 1
    print("stress: %d passed, %d failed" % (len(passed), len(failed)))
    return status


def run_inputs(args, runner):
    t0 = time.time()
    files = []
    for d in args.inputs:
        if not os.path.isdir(d):
            print("inputs: error: no such directory: %s" % d)
            print("inputs: 0 passed, 1 failed")
            return 1
        for root, dirs, names in os.walk(d):
            dirs.sort()
            for n in sorted(names):
                if n.endswith(".ll"):
                    files.append(os.path.join(root, n))
    workdir = tempfile.mkdtemp(prefix="goescape-inputs-")

    def one(item):
        idx, path = item
        ok, out = runner.verify_only(path)
        if not ok:
            return {"path": path, "status": "skipped"}
        with open(path, errors="replace") as f:
            text = f.read()
        name = "input-" + os.path.basename(path)[:-3]
        failures, stats = runner.check_module(name, text, path, idx, workdir)
        return {"path": path, "name": name, "desc": path, "stats": stats,
                "status": "failed" if failures else "passed", "failures": failures}

    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(one, enumerate(files)))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    skipped = [r for r in results if r["status"] == "skipped"]
    passed = [r for r in results if r["status"] == "passed"]
    failed = [r for r in results if r["status"] == "failed"]
    for r in failed:
        report_failures(r)
    print("inputs: %d .ll files under %s; %d skipped (not valid IR on their own); %.1fs"
          % (len(files), " ".join(args.inputs), len(skipped), time.time() - t0))
    for r in skipped:
        print("  skipped %s" % r["path"])
    for r in results:
        if r.get("stats") and r["stats"].get("llvm_failure"):
            print("  %s: default<O2> fails without the plugin too (not counted): %s"
                  % (r["path"], r["stats"]["llvm_failure"]))
    status = 0
    if failed:
        print("inputs: failing modules and their output are in %s" % runner.keep_dir)
        status = 1
    if not passed and not failed:
        print("inputs: error: no valid .ll input found")
        status = 1
    print("inputs: %d passed, %d failed" % (len(passed), len(failed)))
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--opt", required=True, help="LLVM 22 opt")
    ap.add_argument("--llvm-stress", required=True, help="LLVM 22 llvm-stress")
    ap.add_argument("--plugin", help="GoEscape.so")
    ap.add_argument("--no-plugin", action="store_true",
                    help="load no plugin (with --pass/--printer of opt's own)")
    ap.add_argument("--pass", dest="pass_name", default="goescape",
                    help="the pass under test (default goescape)")
    ap.add_argument("--printer", default="print<goescape>",
                    help="its printer pass (default print<goescape>)")
    ap.add_argument("--no-option-variants", dest="option_variants", action="store_false",
                    help="do not also run goescape with its budgets turned down")
    ap.add_argument("--no-lint", dest="lint", action="store_false",
                    help="skip the differential Lint check (tail calls and returns "
                         "that reference a promoted object)")
    ap.add_argument("--count", type=int, default=240, help="modules to test")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per opt run")
    ap.add_argument("--keep-failures", metavar="DIR",
                    help="save failing modules here (default: a new temp dir)")
    ap.add_argument("--keep-dropped", metavar="DIR",
                    help="save the generated modules that were invalid here")
    ap.add_argument("--dump", metavar="DIR", help="save every generated module here")
    ap.add_argument("--max-dropped-percent", type=float, default=5.0)
    ap.add_argument("--inputs", nargs="+", metavar="DIR",
                    help="check every .ll under these directories instead")
    args = ap.parse_args()
    if args.no_plugin:
        args.plugin = None
    elif not args.plugin:
        ap.error("--plugin is required (or --no-plugin)")
    elif not os.path.exists(args.plugin):
        print("stress: error: plugin %s does not exist (build it: make build)" % args.plugin)
        print("%s: 0 passed, 1 failed" % ("inputs" if args.inputs else "stress"))
        return 1
    if args.jobs < 1:
        args.jobs = 1
    if args.dump:
        os.makedirs(args.dump, exist_ok=True)
    if args.keep_failures:
        args.keep_failures = os.path.abspath(args.keep_failures)
    runner = Runner(args)
    if args.inputs:
        return run_inputs(args, runner)
    return run_stress(args, runner)


if __name__ == "__main__":
    sys.exit(main())
