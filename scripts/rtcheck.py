#!/usr/bin/env python3
"""rtcheck: differential runtime check of one C program with and without goescape.

The C runtime tests (test/C/runtime/*.c) run it from lit through `%rtcheck`:

    // RUN: %rtcheck %s --promoted 3
    // RUN: %rtcheck %s --promoted 0 --stack-kb 256
    // RUN: %rtcheck %s --promoted 0 --cflags -pthread

which expands to

    python3 scripts/rtcheck.py --clang CLANG --plugin GoEscape.so FILE.c ...

The program is built four ways (harness.py's matrix) in a temporary directory:

    plain        clang -O2
    plain+asan   clang -O2 -g -fsanitize=address      (the test itself is clean)
    plugin       clang -O2 -fpass-plugin=PLUGIN -Rpass=goescape
    plugin+asan  clang -O2 -g -fpass-plugin=PLUGIN -fsanitize=address

A program of several files (test/LTO) is linked from all of them. With
--lto thin or --lto full the two plugin builds are LTO builds linked by lld
with the plugin loaded at link time (harness.lto_flags), where goescape then
runs and prints its remarks; the plain builds stay per-file -O2, the
reference. Under ASan with LTO the sanitizer instruments each file before
the link, so goescape keeps every object there (docs/design.md, "LTO").

Every binary is run with the same --args and --stdin, under --stack-kb if
given, the ASan ones with detect_stack_use_after_return=1. The plain build
must exit with --exit (default 0); every other build must print the same
stdout and exit the same way, with no sanitizer report and no timeout. With
--promoted N the plugin build's compiler stderr must hold exactly N remarks
"... moved to stack [-Rpass=goescape]": this ties a test to the promotions it
exercises. --no-plugin makes only the first two builds (to check a new test
program before the pass exists, or against a broken one). --no-asan leaves
out the two ASan builds, for a program that replaces the C library's
malloc, which ASan's own allocator cannot run beside.

Exit status 0 and one OK line on success; 1 and a loud diagnosis of every
problem found otherwise.
"""

import argparse
import os
import shlex
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

HEAD = 25  # lines of stderr shown in a diagnosis


def head(text, n=HEAD):
    lines = text.splitlines()
    if not lines:
        return "    (empty)"
    more = ["    ... (%d more lines)" % (len(lines) - n)] if len(lines) > n else []
    return "\n".join(["    " + l for l in lines[:n]] + more)


def first_difference(want, got):
    d = harness.first_difference(want, got)
    if d is None:
        return "stdout differs (trailing newline only)"
    i, a, b = d
    end = "<end of output>"
    return ("stdout differs at line %d:\n    expected: %r\n    got:      %r"
            % (i, end if a is None else a, end if b is None else b))


def compile_one(clang, src, name, flags, tmp, cflags=(), ldflags=()):
    """Builds src one way into tmp/name: (exe or None, compiler stderr,
    problem or None)."""
    exe = os.path.join(tmp, name)
    cmd = harness.compile_cmd(clang, flags, src, exe, cflags, ldflags)
    rc, err = harness.compile(cmd)
    if rc != 0:
        return None, err, ("did not compile (exit %d)\n  command: %s\n"
                           "  compiler stderr:\n%s" % (rc, harness.quote(cmd), head(err)))
    return exe, err, None


def judge(got, ref, expect_exit, timeout):
    """What is wrong with one run `got` = (rc, stdout, stderr): a list of
    phrases, empty when nothing is. ref is the plain build's (rc, stdout), or
    None when `got` is that run, which must then exit with expect_exit."""
    rc, out, err = got
    what = []
    if rc is None:
        what.append("timed out after %g s" % timeout)
    if harness.has_report(err):
        what.append("has a sanitizer report (%s)" % harness.describe_rc(rc))
    if ref is None:
        if rc is not None and rc != expect_exit:
            what.append("(the reference) exited with %s, expected exit %d"
                        % (harness.describe_rc(rc), expect_exit))
    elif rc is not None:
        if rc != ref[0] and ref[0] is not None:
            what.append("exit code differs from the plain build: expected "
                        "%s, got %s" % (harness.describe_rc(ref[0]), harness.describe_rc(rc)))
        if out != ref[1]:
            what.append(first_difference(ref[1], out))
    return what


def problem(name, what, err):
    """The diagnosis of a build whose run went wrong."""
    return "build '%s' %s\n  stderr:\n%s" % (
        name, "\n  ".join(what), head(err, 40 if "sanitizer" in what[0] else HEAD))


def builds(plugin, plugin_flags=(), remarks=("-Rpass=goescape",), lto=None):
    """rtcheck's four builds, [(name, flags)], the plain one first; only the
    two plain ones without a plugin. lto ("thin", "full"): the plugin builds
    run goescape at link time."""
    matrix = [("plain", harness.flags("plain")),
              ("plain+asan", harness.flags("plain+asan"))]
    if plugin:
        extra = harness.lto_flags(lto, plugin) if lto else []
        matrix += [("plugin", harness.flags("goescape", plugin, plugin_flags) +
                    extra + list(remarks)),
                   ("plugin+asan", harness.flags("goescape+asan", plugin, plugin_flags) +
                    extra)]
    return matrix


def promotion_remarks(stderr, lto):
    """The -Rpass=goescape remarks of a build's compiler stderr. clang ends
    each with [-Rpass=goescape]; lld prints the bare message at link time."""
    if not lto:
        return [l for l in stderr.splitlines()
                if "moved to stack" in l and "[-Rpass=goescape]" in l]
    # An inlined site ends with where it was written: (inlined from F at X).
    return [l for l in stderr.splitlines()
            if harness.MOVED_BARE.search(l) and not l.startswith("goescape:")]


def check(opts):
    """Returns (list of problems, summary of what was checked)."""
    if opts.no_plugin:
        matrix = builds(None)
    elif not opts.plugin:
        return ["--plugin is required unless --no-plugin is given"], ""
    else:
        matrix = builds(opts.plugin, shlex.split(opts.plugin_flags), lto=opts.lto)
    if opts.no_asan:
        matrix = [(name, flags) for name, flags in matrix if "asan" not in name]

    problems, summary = [], []
    tmp = tempfile.mkdtemp(prefix="rtcheck.")
    try:
        exes = {}
        for name, flags in matrix:
            exe, stderr, problem_ = compile_one(
                opts.clang, opts.files, name, flags, tmp,
                shlex.split(opts.cflags), shlex.split(opts.ldflags))
            if problem_:
                problems.append("build '%s' %s" % (name, problem_))
            exes[name] = (exe, stderr)
        if problems:
            return problems, ""

        if not opts.no_plugin and opts.promoted is not None:
            remarks = promotion_remarks(exes["plugin"][1], opts.lto)
            if len(remarks) != opts.promoted:
                listed = "\n".join("    " + r for r in remarks) or "    (none)"
                problems.append("expected %d allocation(s) moved to stack, the "
                                "pass reported %d:\n%s"
                                % (opts.promoted, len(remarks), listed))
            summary.append("%d promoted" % len(remarks))

        ref = None
        for name, flags in matrix:
            got = harness.run(exes[name][0], shlex.split(opts.args), opts.stdin,
                              opts.stack_kb, opts.timeout, harness.is_asan(flags))
            what = judge(got, ref, opts.exit, opts.timeout)
            if ref is None:  # the plain build is the reference
                ref = got[:2]
            if what:
                problems.append(problem(name, what, got[2]))
        summary.insert(0, "%d build(s) agree (exit %s, %d stdout lines)" % (
            len(matrix), ref[0], len(ref[1].splitlines())))
        if opts.stack_kb:
            summary.append("stack %d KiB" % opts.stack_kb)
        return problems, ", ".join(summary)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", metavar="file",
                    help="the C program (several files are linked together)")
    ap.add_argument("--lto", choices=("thin", "full"),
                    help="the plugin builds are LTO builds, goescape at link time")
    ap.add_argument("--clang", default=harness.CLANG)
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
    ap.add_argument("--no-asan", action="store_true",
                    help="no ASan builds (the program replaces malloc)")
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
            bar, " ".join(opts.files), len(problems), "\n\n".join(problems), bar),
            file=sys.stderr)
        sys.exit(1)
    print("rtcheck OK: %s: %s" % (" ".join(map(os.path.basename, opts.files)), summary))


if __name__ == "__main__":
    main()
