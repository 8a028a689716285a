"""harness: build a C program several ways, run each build, compare the runs.

Shared by rtcheck.py (the runtime tests, and cfuzz.py through it),
precision.py (the table in docs/precision.md) and bench/run.py (the
benchmarks), so that they build, run and judge programs the same way.
Python 3 standard library only.

The build matrix, one flags table for all three:

    plain               clang -O2
    goescape            clang -O2 -fpass-plugin=GoEscape.so
    attributor          clang -O2 -mllvm -attributor-enable=module
                              -mllvm -max-heap-to-stack-size=65536
    attributor-no-h2s   the same with -max-heap-to-stack-size=0

and any of them with "+asan": -g -fsanitize=address -fno-omit-frame-pointer,
run with ASAN_OPTIONS=detect_stack_use_after_return=1:detect_leaks=0.

The LD_PRELOAD malloc counter is scripts/malloc-count.c (build_malloc_counter,
read_malloc_counts); stamp() names the commit a generated result measured.
"""

import os
import re
import resource
import shlex
import signal
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLANG = "/usr/lib/llvm-22/bin/clang"

# ---------------------------------------------------------------- builds

ASAN = ["-g", "-fsanitize=address", "-fno-omit-frame-pointer"]
ASAN_OPTIONS = "detect_stack_use_after_return=1:detect_leaks=0"

# A promotion remark as lld prints it at link time, bare: "... moved to
# stack", with what a slot of run-time size or growth does ("when its size
# is at most 64 bytes, heap otherwise") or a constructor's call ("of 'main'
# (constructor specialised)"), then perhaps "(inlined from F at
# file:line:col)" and "(copy 2 of 3)" for copies at one position.
MOVED_BARE = re.compile(
    r" moved to stack(?: of '[^']*' \(constructor specialised\)|[ ,][^()]*)?"
    r"( \(inlined from [^()]*\))?( \(copy \d+ of \d+\))?$")
# LLVM's own heap-to-stack (AAHeapToStack), run by the module-wide Attributor,
# which -O2 leaves off; its size limit raised from 128 bytes to goescape's
# 64 KiB so that both may move the same objects.
ATTRIBUTOR = ["-mllvm", "-attributor-enable=module",
              "-mllvm", "-max-heap-to-stack-size=65536"]
# The same with its heap-to-stack off: what the rest of the Attributor does.
ATTRIBUTOR_NO_H2S = ["-mllvm", "-attributor-enable=module",
                     "-mllvm", "-max-heap-to-stack-size=0"]
REMARKS = ["-Rpass=goescape", "-Rpass-missed=goescape"]


def flags(build, plugin=None, plugin_flags=()):
    """The compile flags of a build of the matrix (after clang -O2), e.g.
    flags("goescape+asan", "build/lib/GoEscape.so"). plugin_flags go to the
    goescape builds only."""
    base, plus, rest = build.partition("+")
    if plus and rest != "asan":
        raise ValueError("unknown build %r" % build)
    if base == "plain":
        f = []
    elif base == "goescape":
        if not plugin:
            raise ValueError("build %r needs the plugin" % build)
        f = ["-fpass-plugin=" + plugin] + list(plugin_flags)
    elif base == "attributor":
        f = list(ATTRIBUTOR)
    elif base == "attributor-no-h2s":
        f = list(ATTRIBUTOR_NO_H2S)
    else:
        raise ValueError("unknown build %r" % build)
    return f + (ASAN if plus else [])


def is_asan(build_flags):
    return "-fsanitize=address" in build_flags


def lto_flags(mode, plugin):
    """The flags that build a program under LTO ("thin" or "full") with
    goescape at link time, linked by LLVM 22's lld: the pass runs in the
    link step, which loads the plugin itself (docs/design.md, "LTO")."""
    if mode not in ("thin", "full"):
        raise ValueError("unknown LTO mode %r" % mode)
    return (["-flto=thin" if mode == "thin" else "-flto", "-fuse-ld=lld",
             "-fpass-plugin=" + plugin, "-Wl,--load-pass-plugin=" + plugin])


def compile_cmd(clang, build_flags, src, out, cflags=(), ldflags=()):
    """src: one source file, or a list of them linked together."""
    srcs = [src] if isinstance(src, str) else list(src)
    return ([clang, "-O2"] + list(build_flags) + list(cflags) + srcs + ["-o", out] +
            list(ldflags))


def compile(cmd):
    """Runs a compile command: (exit code, its output). The output is stderr
    and stdout together: lld prints the remarks of an LTO link on stdout."""
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, errors="replace")
    return p.returncode, p.stdout


# ---------------------------------------------------------------- running


def run(exe, args=(), stdin=None, stack_kb=None, timeout=None, asan=False,
        env=None, in_dir=False):
    """Runs one binary: (exit code, or None on a timeout; stdout; stderr),
    with RLIMIT_STACK = stack_kb KiB if given (capped at the hard limit), the
    ASan options if asan, stdin from the file `stdin` or /dev/null. in_dir
    runs it as ./NAME from its own directory, so that argv[0] is the same for
    every build."""
    env = dict(os.environ if env is None else env)
    if asan:
        env["ASAN_OPTIONS"] = ASAN_OPTIONS

    def limit_stack():
        if stack_kb:
            _, hard = resource.getrlimit(resource.RLIMIT_STACK)
            want = stack_kb * 1024
            if hard != resource.RLIM_INFINITY:
                want = min(want, hard)
            resource.setrlimit(resource.RLIMIT_STACK, (want, hard))

    argv0, cwd = exe, None
    if in_dir:
        argv0, cwd = "./" + os.path.basename(exe), os.path.dirname(exe)
    f = open(stdin, "rb") if stdin else subprocess.DEVNULL
    try:
        p = subprocess.run([argv0] + list(args), cwd=cwd, stdin=f,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=env, preexec_fn=limit_stack, timeout=timeout)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err = None, e.stdout or b"", e.stderr or b""
    finally:
        if stdin:
            f.close()
    return rc, out.decode(errors="replace"), err.decode(errors="replace")


# ---------------------------------------------------------------- judging


def describe_rc(rc):
    """'exit 1', 'killed by SIGSEGV', or 'timeout' for None."""
    if rc is None:
        return "timeout"
    if rc < 0:
        try:
            return "killed by %s" % signal.Signals(-rc).name
        except ValueError:
            return "killed by signal %d" % -rc
    return "exit %d" % rc


def first_difference(want, got):
    """Where stdout `got` first differs from `want`: (line number from 1, the
    expected line, the line got), None standing for the end of the output; or
    None when the two differ only in a trailing newline (or not at all)."""
    w, g = want.splitlines(), got.splitlines()
    for i in range(max(len(w), len(g))):
        a = w[i] if i < len(w) else None
        b = g[i] if i < len(g) else None
        if a != b:
            return i + 1, a, b
    return None


# What a sanitizer report prints; any of them on stderr fails a run.
REPORT_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                  "SUMMARY: AddressSanitizer", "runtime error:")


def has_report(stderr):
    return any(m in stderr for m in REPORT_MARKERS)


def asan_report(stderr, source):
    """One line for a sanitizer report, or None: the kind from ASan's SUMMARY
    (or ERROR) line and the first stack frame in the program's own source
    file; no addresses, so that reruns print the same."""
    m = re.search(r"SUMMARY: (?:AddressSanitizer|LeakSanitizer): ([\w-]+)", stderr)
    if not m:
        m = re.search(r"ERROR: (?:AddressSanitizer|LeakSanitizer): ([\w-]+)", stderr)
    if not m:
        return "runtime error" if "runtime error:" in stderr else None
    what = m.group(1)
    base = os.path.basename(source)
    for f in re.finditer(r"#[0-9]+ 0x[0-9a-f]+ in (\S+) (\S+)", stderr):
        if os.path.basename(f.group(2)).split(":")[0] == base:
            what += " in %s (%s)" % (f.group(1), os.path.basename(f.group(2)))
            break
    return what


# ---------------------------------------------------------------- malloc counter

MALLOC_COUNT_C = os.path.join(REPO, "scripts", "malloc-count.c")


def build_malloc_counter(clang, out_dir):
    """Builds scripts/malloc-count.c into out_dir/malloc-count.so: its path,
    or raises RuntimeError with the compiler's stderr."""
    so = os.path.join(out_dir, "malloc-count.so")
    rc, err = compile([clang, "-O2", "-shared", "-fPIC", "-o", so, MALLOC_COUNT_C, "-ldl"])
    if rc:
        raise RuntimeError("building %s failed:\n%s" % (so, err))
    return so


def malloc_count_env(so, path, env=None):
    """The environment that runs a program under the counter, its counts
    appended to `path` (one line per process)."""
    return dict(os.environ if env is None else env, LD_PRELOAD=so,
                MALLOC_COUNT_FILE=path)


def read_malloc_counts(path):
    """The lines of a MALLOC_COUNT_FILE, one dict per process: 'pid' and
    'exe' as strings, every count (malloc, calloc, realloc, free,
    aligned_alloc, posix_memalign, memalign, valloc, bytes) as an int."""
    procs = []
    with open(path) as f:
        for line in f:
            d = {}
            for word in line.split():
                k, _, v = word.partition("=")
                d[k] = v if k in ("pid", "exe") else int(v)
            if d:
                procs.append(d)
    return procs


# ---------------------------------------------------------------- provenance


# What the Makefile regenerates: outputs, not inputs, so a fresh one does not
# make the next measurement dirty (make precision, then make bench).
GENERATED = ("bench/results.md", "bench/ratios.png", "docs/precision.md")


def stamp():
    """The commit a generated result measured: `git rev-parse --short HEAD`,
    with '-dirty' when the work tree has changes (untracked files included,
    the GENERATED results not); 'unknown' outside git."""
    def git(*a):
        return subprocess.run(["git", "-C", REPO] + list(a), stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, universal_newlines=True)
    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", ".",
                    *[":(exclude)" + g for g in GENERATED]).stdout.strip()
    except OSError:
        return "unknown"
    if head.returncode or not head.stdout.strip():
        return "unknown"
    return head.stdout.strip() + ("-dirty" if dirty else "")


def quote(cmd):
    return " ".join(map(shlex.quote, cmd))
