#!/usr/bin/env python3
"""rtcheck: differential runtime check of one C program with and without goescape.

The C runtime tests (test/C/runtime/*.c) run it from lit through `%rtcheck`:

    // RUN: %rtcheck %s --promoted 3
    // RUN: %rtcheck %s --promoted 0 --stack-kb 256
    // RUN: %rtcheck %s --promoted 0 --cflags -pthread

which expands to

    python3 scripts/rtcheck.py --clang CLANG --plugin GoEscape.so FILE.c ...

The program is built four ways in a temporary directory:

    plain        clang -O2
    plain+asan   clang -O2 -g -fsanitize=address      (the test itself is clean)
    plugin       clang -O2 -fpass-plugin=PLUGIN -Rpass=goescape
    plugin+asan  clang -O2 -g -fpass-plugin=PLUGIN -fsanitize=address

Every binary is run with the same --args and --stdin, under --stack-kb if
given, the ASan ones with detect_stack_use_after_return=1. The plain build
must exit with --exit (default 0); every other build must print the same
stdout and exit the same way, with no sanitizer report and no timeout. With
--promoted N the plugin build's compiler stderr must hold exactly N remarks
"... moved to stack [-Rpass=goescape]": this ties a test to the promotions it
exercises. --no-plugin makes only the first two builds (to check a new test
program before the pass exists, or against a broken one).

Exit status 0 and one OK line on success; 1 and a loud diagnosis of every
problem found otherwise.
"""

import argparse
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile

ASAN_OPTIONS = "detect_stack_use_after_return=1:detect_leaks=0"
REPORT_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                  "SUMMARY: AddressSanitizer", "runtime error:")
ASAN = ["-g", "-fsanitize=address", "-fno-omit-frame-pointer"]
HEAD = 25  # lines of stderr shown in a diagnosis


def head(text, n=HEAD):
    lines = text.splitlines()
    if not lines:
        return "    (empty)"
    more = ["    ... (%d more lines)" % (len(lines) - n)] if len(lines) > n else []
    return "\n".join(["    " + l for l in lines[:n]] + more)


def describe_rc(rc):
    return "killed by signal %d" % -rc if rc < 0 else "exit %d" % rc


def first_difference(want, got):
    w, g = want.splitlines(), got.splitlines()
    for i in range(max(len(w), len(g))):
        a = w[i] if i < len(w) else "<end of output>"
        b = g[i] if i < len(g) else "<end of output>"
        if a != b:
            return ("stdout differs at line %d:\n    expected: %r\n    got:      %r"
                    % (i + 1, a, b))
    return "stdout differs (trailing newline only)"


def compile_one(opts, name, flags, tmp):
    """Returns (exe or None, compiler stderr, problem or None)."""
    exe = os.path.join(tmp, name)
    cmd = ([opts.clang, "-O2"] + flags + shlex.split(opts.cflags) +
           [opts.file, "-o", exe] + shlex.split(opts.ldflags))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, errors="replace")
    if p.returncode != 0:
        return None, p.stderr, ("did not compile (exit %d)\n  command: %s\n"
                                "  compiler stderr:\n%s" % (
                                    p.returncode, " ".join(map(shlex.quote, cmd)),
                                    head(p.stderr)))
    return exe, p.stderr, None


def run_one(opts, exe, asan):
    """Returns (exit code, stdout, stderr), exit code None on a timeout."""
    env = dict(os.environ)
    if asan:
        env["ASAN_OPTIONS"] = ASAN_OPTIONS

    def limit_stack():
        if opts.stack_kb:
            _, hard = resource.getrlimit(resource.RLIMIT_STACK)
            want = opts.stack_kb * 1024
            if hard != resource.RLIM_INFINITY:
                want = min(want, hard)
            resource.setrlimit(resource.RLIMIT_STACK, (want, hard))

    stdin = open(opts.stdin, "rb") if opts.stdin else subprocess.DEVNULL
    try:
        p = subprocess.run([exe] + shlex.split(opts.args), stdin=stdin,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env, preexec_fn=limit_stack, timeout=opts.timeout)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err = None, e.stdout or b"", e.stderr or b""
    finally:
        if opts.stdin:
            stdin.close()
    return rc, out.decode(errors="replace"), err.decode(errors="replace")


def check(opts):
    """Returns (list of problems, summary of what was checked)."""
    builds = [("plain", []), ("plain+asan", ASAN)]
    if not opts.no_plugin:
        if not opts.plugin:
            return ["--plugin is required unless --no-plugin is given"], ""
        plugin = ["-fpass-plugin=" + opts.plugin] + shlex.split(opts.plugin_flags)
        builds += [("plugin", plugin + ["-Rpass=goescape"]),
                   ("plugin+asan", ["-g"] + plugin + ASAN[1:])]

    problems, summary = [], []
    tmp = tempfile.mkdtemp(prefix="rtcheck.")
    try:
        exes = {}
        for name, flags in builds:
            exe, stderr, problem = compile_one(opts, name, flags, tmp)
            if problem:
                problems.append("build '%s' %s" % (name, problem))
            exes[name] = (exe, stderr)
        if problems:
            return problems, ""

        if not opts.no_plugin and opts.promoted is not None:
            remarks = [l for l in exes["plugin"][1].splitlines()
                       if "moved to stack" in l and "[-Rpass=goescape]" in l]
            if len(remarks) != opts.promoted:
                listed = "\n".join("    " + r for r in remarks) or "    (none)"
                problems.append("expected %d allocation(s) moved to stack, the "
                                "pass reported %d:\n%s"
                                % (opts.promoted, len(remarks), listed))
            summary.append("%d promoted" % len(remarks))

        ref = None
        for name, flags in builds:
            rc, out, err = run_one(opts, exes[name][0], "-fsanitize=address" in flags)
            what = []
            if rc is None:
                what.append("timed out after %g s" % opts.timeout)
            if any(m in err for m in REPORT_MARKERS):
                what.append("has a sanitizer report (%s)" % describe_rc(rc))
            if ref is None:  # the plain build is the reference
                ref = (rc, out)
                if rc is not None and rc != opts.exit:
                    what.append("(the reference) exited with %s, expected exit %d"
                                % (describe_rc(rc), opts.exit))
            elif rc is not None:
                if rc != ref[0] and ref[0] is not None:
                    what.append("exit code differs from the plain build: expected "
                                "%s, got %s" % (describe_rc(ref[0]), describe_rc(rc)))
                if out != ref[1]:
                    what.append(first_difference(ref[1], out))
            if what:
                problems.append("build '%s' %s\n  stderr:\n%s" % (
                    name, "\n  ".join(what),
                    head(err, 40 if "sanitizer" in what[0] else HEAD)))
        summary.insert(0, "%d build(s) agree (exit %s, %d stdout lines)" % (
            len(builds), ref[0], len(ref[1].splitlines())))
        if opts.stack_kb:
            summary.append("stack %d KiB" % opts.stack_kb)
        return problems, ", ".join(summary)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", help="the C program")
    ap.add_argument("--clang", default="/usr/lib/llvm-22/bin/clang")
    ap.add_argument("--plugin", help="path to GoEscape.so")
    ap.add_argument("--promoted", type=int, metavar="N",
                    help="exact number of 'moved to stack' remarks expected")
    ap.add_argument("--cflags", default="", help="extra compile flags, e.g. -pthread")
    ap.add_argument("--ldflags", default="", help="extra link flags")
    ap.add_argument("--plugin-flags", default="",
                    help="flags for the plugin builds only, e.g. "
                         "'-mllvm -goescape-budget-percent=12'")
    ap.add_argument("--args", default="", help="arguments for the program")
    ap.add_argument("--stdin", metavar="FILE", help="file fed to the program's stdin")
    ap.add_argument("--exit", type=int, default=0, metavar="N",
                    help="exit code expected of the plain build (default 0)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per run")
    ap.add_argument("--stack-kb", type=int, metavar="N",
                    help="run every binary with RLIMIT_STACK = N KiB")
    ap.add_argument("--no-plugin", action="store_true",
                    help="only the plain and plain+asan builds (no --promoted check)")
    # "--cflags -pthread": argparse would take "-pthread" for an option, so
    # glue the value of the string-valued options to their name.
    argv, glued = sys.argv[1:], []
    while argv:
        a = argv.pop(0)
        if a in ("--cflags", "--ldflags", "--args", "--plugin-flags") and argv:
            a += "=" + argv.pop(0)
        glued.append(a)
    opts = ap.parse_args(glued)

    problems, summary = check(opts)
    if problems:
        bar = "!" * 72
        print("%s\nrtcheck FAILED: %s (%d problem(s))\n%s\n%s" % (
            bar, opts.file, len(problems), "\n\n".join(problems), bar),
            file=sys.stderr)
        sys.exit(1)
    print("rtcheck OK: %s: %s" % (os.path.basename(opts.file), summary))


if __name__ == "__main__":
    main()
