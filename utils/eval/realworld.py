#!/usr/bin/env python3
"""realworld: goescape on real C projects from Debian's source packages.

    python3 utils/eval/realworld.py                 # every project, writes docs/realworld.md
    python3 utils/eval/realworld.py zlib jansson    # some projects (doc lists only them)
    python3 utils/eval/realworld.py --runs 7 --doc /tmp/out.md
    python3 utils/eval/realworld.py --lto           # also ThinLTO, both ways

Not part of `make check`: it downloads sources and takes minutes per project.
Needs root (or sudo) for apt: it adds a deb-src entry for bookworm main
(/etc/apt/sources.list.d/goescape-src.sources), runs apt-get update once,
installs cmake/tcl if missing and fetches each project with `apt-get source`.

Everything happens under --work (default /tmp/realworld): src/ holds the
unpacked sources, build/PROJECT-MODE/ a fresh copy built one way:

    plain     CC=clang-22 (LLVM 22), CFLAGS=-O2
    goescape  the same plus -fpass-plugin=GoEscape.so

For each project and mode it

  1. builds from clean through a compiler wrapper (work/bin/cc-MODE) that,
     besides the real compile, writes each C/C++ file's optimised IR
     (-O2 -S -emit-llvm, same flags) and, in goescape mode, the pass's
     remarks (-fsave-optimization-record) to build/PROJECT-MODE/{ir,remarks};
  2. runs the project's own test suite and parses passed/failed;
  3. counts direct malloc-family call sites in the IR (all files, and the
     library's own files) and the calls of the project's own allocation
     wrappers;
  4. counts malloc-family calls at run time with scripts/malloc-count.c
     (LD_PRELOAD) during the test suite (processes built by the project only)
     and during a representative workload;
  5. times the workload, --runs times per build, alternating, median.

With --lto each project is also built two more ways, with ThinLTO:

    plain-lto     the same as plain with -flto=thin on every compile and
                  link, -fuse-ld=lld on links, AR/RANLIB/NM (and CMake's
                  CMAKE_AR/CMAKE_RANLIB/CMAKE_NM) LLVM 22's llvm-ar,
                  llvm-ranlib, llvm-nm
    goescape-lto  the same through goescape-cc/goescape-c++ (from the
                  plugin's tree), so goescape runs in lld's ThinLTO backends

and for those it counts, instead of IR sites, the direct calls and jumps to
the malloc family in the machine code of every executable and shared
library the build made (llvm-objdump -d), and goescape's link-time remarks
(lld's --opt-remarks-filename, one file per link and ThinLTO backend); the
tests, run-time counts and timing are as for the other modes. --lto-only
runs just the LTO modes. A project that cannot be built, tested or counted
with ThinLTO keeps its other results, and the doc says why.

A test failure in goescape mode that the plain build does not have is a
soundness bug: the run goes on with the other projects and the doc says so
loudly. The plugin (GoEscape.so and GoEscape-llvm22.so beside it) is snapshotted
into work/plugin/ first, so a rebuild of
build/lib/GoEscape.so during the run does not mix two versions.
"""

import argparse
import datetime
import glob
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))  # utils/eval/ -> the repository
LLVM = "/usr/lib/llvm-22/bin"
CLANG = LLVM + "/clang"
CLANGXX = LLVM + "/clang++"

ALLOC_RE = re.compile(
    r"\b(?:call|invoke)\b[^@]*@(malloc|calloc|realloc|aligned_alloc|"
    r"posix_memalign|memalign|valloc|strdup|strndup|_Znwm|_Znam)\(")
FREE_RE = re.compile(r"\b(?:call|invoke)\b[^@]*@(free|_ZdlPv|_ZdaPv)\(")

# --lto: ThinLTO builds through LLVM 22's archiver and lld.
AR, RANLIB, NM = LLVM + "/llvm-ar", LLVM + "/llvm-ranlib", LLVM + "/llvm-nm"
OBJDUMP, LLVM_DIS = LLVM + "/llvm-objdump", LLVM + "/llvm-dis"
BASE_MODES = ("plain", "goescape")
LTO_MODES = ("plain-lto", "goescape-lto")
# The callees of ALLOC_RE and FREE_RE, as calls in linked machine code.
ALLOC_FNS = ("malloc", "calloc", "realloc", "aligned_alloc", "posix_memalign",
             "memalign", "valloc", "strdup", "strndup", "_Znwm", "_Znam")
FREE_FNS = ("free", "_ZdlPv", "_ZdaPv")
# llvm-objdump -d: "  1865:  callq  0x1a30 <malloc@plt>", a tail call
# "jmp 0x1a50 <free@plt>" or a conditional one "jne ...": a direct call or
# jump to the start of a function (no "+0x..."), through the PLT or not.
ASM_CALL_RE = re.compile(r"^\s*[0-9a-f]+:\s+(?:call|j[a-z]+)q?\s+0x[0-9a-f]+ "
                         r"<([^<>+@]+)(?:@plt)?>\s*$", re.M)


def sh(cmd, cwd=None, env=None, log=None, check=True, timeout=3600):
    """Run a shell command; append its output to log; return (rc, output)."""
    t0 = time.time()
    p = subprocess.run(cmd, shell=True, cwd=cwd, env=env, timeout=timeout,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    if log:
        with open(log, "a") as f:
            f.write(f"$ (cd {cwd}) {cmd}\n{p.stdout}\n[rc={p.returncode}, "
                    f"{time.time() - t0:.1f}s]\n")
    if check and p.returncode != 0:
        tail = "\n".join(p.stdout.splitlines()[-30:])
        raise RuntimeError(f"command failed ({p.returncode}): {cmd}\n{tail}")
    return p.returncode, p.stdout


# --------------------------------------------------------------------------
# Workload inputs: deterministic, generated.

WORDS = None


def words(rng, n):
    global WORDS
    if WORDS is None:
        r = random.Random(7)
        WORDS = ["".join(r.choice("etaoinshrdlucmfwypvbgkqjxz")
                         for _ in range(r.randint(2, 11))) for _ in range(4000)]
    return [WORDS[min(int(rng.expovariate(1 / 300)), 3999)] for _ in range(n)]


def gen_text(path, mb):
    rng = random.Random(1)
    with open(path, "w") as f:
        size = 0
        while size < mb << 20:
            line = " ".join(words(rng, rng.randint(4, 16))) + "\n"
            f.write(line)
            size += len(line)


def gen_json(path, n):
    rng = random.Random(2)
    with open(path, "w") as f:
        f.write("[\n")
        for i in range(n):
            w = words(rng, 6)
            f.write('{"id": %d, "name": "%s %s", "score": %.3f, "ok": %s, '
                    '"tags": ["%s", "%s", "%s"], "pos": {"x": %d, "y": %d, '
                    '"z": [%d, %d, %d]}, "note": null}%s\n'
                    % (i, w[0], w[1], rng.random() * 100,
                       "true" if i % 3 else "false", w[2], w[3], w[4],
                       rng.randint(-999, 999), rng.randint(-999, 999),
                       i % 7, i % 11, i % 13, "," if i + 1 < n else ""))
        f.write("]\n")


def gen_xml(path, n):
    rng = random.Random(3)
    with open(path, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<catalog>\n')
        for i in range(n):
            w = words(rng, 12)
            f.write('  <item id="%d" kind="%s" lang="en">\n'
                    '    <name>%s &amp; %s</name>\n'
                    '    <tags><tag>%s</tag><tag>%s</tag><tag>%s</tag></tags>\n'
                    '    <price currency="EUR">%.2f</price>\n'
                    '    <!-- %s -->\n'
                    '    <desc><![CDATA[%s <b>%s</b>]]> %s</desc>\n'
                    '  </item>\n'
                    % (i, w[0], w[1], w[2], w[3], w[4], w[5],
                       rng.random() * 500, w[6], w[7], w[8],
                       " ".join(w[9:])))
        f.write("</catalog>\n")


def gen_yaml(path, n):
    rng = random.Random(4)
    with open(path, "w") as f:
        f.write("%YAML 1.1\n---\n")
        for i in range(n):
            w = words(rng, 8)
            f.write("- id: %d\n  name: \"%s %s\"\n  anchor: &a%d {x: %d, y: %d}\n"
                    "  ref: *a%d\n  tags: [%s, %s, '%s']\n"
                    "  text: |\n    %s\n    %s\n"
                    % (i, w[0], w[1], i, rng.randint(0, 99),
                       rng.randint(0, 99), i, w[2], w[3], w[4],
                       " ".join(w[5:7]), w[7]))


# --------------------------------------------------------------------------
# Projects. Commands run with $CC/$CXX set to the mode's wrapper; {src} is
# the fresh copy of the source, {data} the workload input directory.

PROJECTS = {
    "zlib": dict(
        package="zlib", version_dir="zlib-*",
        lib_files=r"^[^/]+\.c$",           # the library: top-level *.c
        wrappers=[],
        build="CFLAGS=-O2 ./configure >/dev/null && make -j{jobs} all all64 "
              "infcover",
        # make test: minigzip round trip + example, static, shared and
        # 64-bit; infcover: zlib's inflate coverage test (exits 0, prints
        # "inflate coverage testing" stages); then a round trip of the
        # workload file through minigzip, compared byte for byte.
        tests=[
            ("make test", "make test", r"\*\*\* zlib .*test OK \*\*\*",
             r"\*\*\* zlib .*test FAILED \*\*\*"),
            ("infcover", "./infcover", None, None),
            ("roundtrip", "./minigzip -c {data}/text.txt > rt.gz && "
             "./minigzip -d -c rt.gz | cmp - {data}/text.txt", None, None),
        ],
        workload="./minigzip -c {data}/text.txt > wl.gz && "
                 "./minigzip -d -c wl.gz > /dev/null",
        workload_desc="minigzip: compress and decompress 32 MiB of text",
        # lld (16 and later) defaults to --no-undefined-version, so the link
        # configure uses to probe for shared-library support (a one-function
        # test against zlib.map) fails and zlib builds static only; GNU ld,
        # which the other modes link with, accepts it.
        lto_env=dict(LDSHARED="{cc} -shared -Wl,-soname,libz.so.1,"
                     "--version-script,zlib.map,--undefined-version"),
        lto_env_why="lld rejects the version script in configure's "
                    "shared-library probe without `--undefined-version` "
                    "(GNU ld, which the other modes use, accepts it), and "
                    "zlib would build static only",
        lto_known={"infcover": "infcover calls `inflateInit_(&strm, "
                   "ZLIB_VERSION - 1, ...)` and asserts `Z_VERSION_ERROR`: "
                   "a pointer before a string literal, undefined behaviour. "
                   "Built with ThinLTO (without goescape too: a five-line "
                   "program doing the same against the plain-lto `libz.a` "
                   "gets `Z_OK`) the version check passes and the assert "
                   "fails; an aborted process writes no malloc counts, so "
                   "the test-suite counts of both LTO builds lack "
                   "infcover's"},
    ),
    "jansson": dict(
        package="jansson", version_dir="jansson-*",
        lib_files=r"^src/",
        wrappers=["jsonp_malloc", "jsonp_strdup", "jsonp_strndup"],
        build="cmake -S . -B b -DCMAKE_BUILD_TYPE= -DCMAKE_C_FLAGS=-O2 "
              "-DJANSSON_BUILD_DOCS=OFF >/dev/null && make -C b -j{jobs}",
        tests=[("ctest", "cd b && ctest -j{jobs}", "ctest", None)],
        workload="JSON_INDENT=2 JSON_SORT_KEYS=1 b/bin/json_process --env "
                 "< {data}/data.json > /dev/null",
        workload_desc="json_process --env: parse and re-dump (indent 2, "
                      "sorted keys) 120k records (20 MiB) of JSON",
    ),
    "expat": dict(
        package="expat", version_dir="expat-*", subdir="expat",
        lib_files=r"^lib/",
        wrappers=[],
        # Debian's CVE patches test `#if XML_DTD == 1`, which assumes the
        # autotools config.h; CMake's template defines XML_DTD empty.
        prep="sed -i 's/^#cmakedefine XML_DTD$/#cmakedefine XML_DTD 1/' "
             "expat_config.h.cmake",
        build="cmake -S . -B b -DCMAKE_BUILD_TYPE= -DCMAKE_C_FLAGS=-O2 "
              "-DCMAKE_CXX_FLAGS=-O2 -DEXPAT_BUILD_DOCS=OFF "
              "-DEXPAT_BUILD_TESTS=ON >/dev/null && make -C b -j{jobs}",
        tests=[("ctest", "cd b && ctest -V -j{jobs}", "ctest", None),
               ("xmlwf", "b/xmlwf/xmlwf {data}/data.xml && "
                "test -z \"$(b/xmlwf/xmlwf {data}/data.xml)\"", None, None)],
        check_lines=r"\d+%: Checks: \d+, Failed: \d+",
        workload="b/xmlwf/xmlwf {data}/data.xml",
        workload_desc="xmlwf: check 100k records (26 MiB) of XML",
    ),
    "libyaml": dict(
        package="libyaml", version_dir="libyaml-*",
        lib_files=r"^src/",
        wrappers=["yaml_malloc", "yaml_realloc", "yaml_strdup"],
        build="cmake -S . -B b -DCMAKE_BUILD_TYPE= -DCMAKE_C_FLAGS=-O2 "
              "-DBUILD_TESTING=ON >/dev/null && make -C b -j{jobs}",
        # ctest runs test-version and test-reader; the run-* programs of
        # tests/ check the examples and a generated input: scanner, parser,
        # loader (SUCCESS/FAILURE lines), emitter and dumper round trips
        # (parse, emit, re-parse, compare: PASSED/FAILED lines); the fuzz
        # regression inputs are invalid YAML that each program must reject
        # without crashing (exit status below 128).
        tests=[("ctest", "cd b && ctest", "ctest", None)] + [
            (prog, f"for f in examples/*.yaml {{data}}/small.yaml; "
             f"do b/{prog} \"$f\"; done",
             r"(?:SUCCESS|PASSED)", r"(?:FAILURE|FAILED)")
            for prog in ("run-scanner", "run-parser", "run-loader",
                         "run-emitter", "run-dumper")] + [
            ("regression-inputs", "for p in run-scanner run-parser run-loader "
             "run-emitter run-dumper; do for f in regression-inputs/*; do "
             "b/$p \"$f\" >/dev/null; if [ $? -lt 128 ]; then echo SURVIVED; "
             "else echo CRASHED; fi; done; done", "SURVIVED", "CRASHED")],
        workload="b/run-loader {data}/big.yaml && b/run-parser {data}/big.yaml",
        workload_desc="run-loader and run-parser: compose and parse 30k "
                      "records (4.6 MiB) of YAML",
    ),
    "pcre2": dict(
        package="pcre2", version_dir="pcre2-*",
        lib_files=r"^src/pcre2_(?!test|grep|demo|jit_test|fuzz|printint|"
                  r"dftables)",
        wrappers=[],
        build="cmake -S . -B b -DCMAKE_BUILD_TYPE= -DCMAKE_C_FLAGS=-O2 "
              "-DPCRE2_BUILD_PCRE2_16=ON -DPCRE2_BUILD_PCRE2_32=ON "
              "-DPCRE2_SUPPORT_JIT=ON >/dev/null && make -C b -j{jobs}",
        tests=[("ctest", "cd b && ctest -V", "ctest", None)],
        check_lines=r"^(?:Test|Testing).*\d+.*|.*OK$",
        workload="b/pcre2grep -c -e '\\b(tion|qu[a-z]+)\\b' -e '[aeiou]{{3}}' "
                 "-e '^[a-z]+ [a-z]+$' {data}/text.txt; "
                 "b/pcre2grep -c -i 'e.+a.+z' {data}/text.txt; true",
        workload_desc="pcre2grep (JIT built in): count matching lines of "
                      "four patterns over 32 MiB of text",
    ),
}
ORDER = ["zlib", "jansson", "expat", "libyaml", "pcre2"]

WRAPPER = r"""#!/bin/bash
# Generated by utils/eval/realworld.py: a compiler for MODE builds.
# Runs the real compile, then (if $RW_IRDIR is set and this is a -c of one
# C/C++ source) the same compile to optimised IR, and in goescape mode with
# the pass's remarks saved to $RW_REMARKDIR.
COMPILER=@COMPILER@
PLUGIN=(@PLUGIN@)
"$COMPILER" "${PLUGIN[@]}" "$@" || exit $?
[ -n "$RW_IRDIR" ] || exit 0
c=0; src=; out=; keep=(); skip=
for a in "$@"; do
  if [ -n "$skip" ]; then [ "$skip" = -o ] && out=$a; skip=; continue; fi
  case "$a" in
    -c) c=1; continue;;
    -o|-MF|-MT|-MQ) skip=$a; continue;;
    -MD|-MMD|-MP|-M|-MM|-Wp,-M*) continue;;
    *.c|*.cc|*.cpp|*.cxx) src=$a;;
  esac
  keep+=("$a")
done
[ $c = 1 ] && [ -n "$src" ] || exit 0
key=$(printf '%s' "$PWD/${out:-$src}" | tr -c 'A-Za-z0-9._-' '_')
extra=()
if [ ${#PLUGIN[@]} -gt 0 ] && [ -n "$RW_REMARKDIR" ]; then
  extra=(-fsave-optimization-record "-foptimization-record-file=$RW_REMARKDIR/$key.yaml")
fi
"$COMPILER" "${PLUGIN[@]}" "${keep[@]}" -S -emit-llvm -o "$RW_IRDIR/$key.ll" "${extra[@]}" 2>/dev/null
realpath "$src" > "$RW_IRDIR/$key.src"
exit 0
"""


def write_wrappers(work, plugin):
    bindir = os.path.join(work, "bin")
    os.makedirs(bindir, exist_ok=True)
    for mode in ("plain", "goescape"):
        for name, comp in (("cc", CLANG), ("c++", CLANGXX)):
            p = os.path.join(bindir, f"{name}-{mode}")
            text = WRAPPER.replace("MODE", mode).replace("@COMPILER@", comp)
            text = text.replace("@PLUGIN@", f"-fpass-plugin={plugin}"
                                if mode == "goescape" else "")
            with open(p, "w") as f:
                f.write(text)
            os.chmod(p, 0o755)
    so = os.path.join(bindir, "malloc-count.so")
    sh(f"{CLANG} -O2 -shared -fPIC -o {so} "
       f"{ROOT}/scripts/malloc-count.c -ldl")
    return bindir, so


LTO_WRAPPER = r"""#!/bin/bash
# Generated by utils/eval/realworld.py: a compiler for MODE builds (ThinLTO).
# Adds -flto=thin to every command, so each compile writes bitcode and each
# link runs the ThinLTO backends in lld. A command that links (none of -c,
# -S, -E, -M, -MM, -fsyntax-only) also gets -fuse-ld=lld (plain-lto; in
# goescape-lto the wrapper goescape-cc adds it, with the plugin) and, in
# goescape-lto with $RW_REMARKDIR set, lld's goescape remarks saved as YAML:
# $RW_REMARKDIR/KEY.yaml (empty under ThinLTO) and KEY.yaml.thin.N.yaml, one
# per backend, with the link's output path in KEY.out.
COMPILER=@COMPILER@
GOESCAPE_LTO=@GOESCAPE_LTO@
if [ "$GOESCAPE_LTO" = 1 ]; then
  # the snapshotted plugin, its default options, LLVM 22's clang
  export GOESCAPE_PLUGIN=@PLUGIN@
  unset GOESCAPE GOESCAPE_DISABLE GOESCAPE_FLAGS GOESCAPE_OPTIONS \
    GOESCAPE_CLANG GOESCAPE_CLANGXX
fi
links=1; out=a.out; skip=
for a in "$@"; do
  if [ -n "$skip" ]; then out=$a; skip=; continue; fi
  case "$a" in
    -c|-S|-E|-M|-MM|-fsyntax-only) links=0;;
    -o) skip=1;;
    -o?*) out=${a#-o};;
  esac
done
extra=()
if [ $links = 1 ] && [ "$GOESCAPE_LTO" = 0 ]; then
  extra=(-fuse-ld=lld)
elif [ $links = 1 ] && [ -n "$RW_REMARKDIR" ]; then
  case "$out" in /*) full=$out;; *) full=$PWD/$out;; esac
  key=$(printf '%s' "${out##*/}" | tr -c 'A-Za-z0-9._-' '_')-$(printf '%s' "$full" | md5sum | cut -c1-12)
  rm -f "$RW_REMARKDIR/$key".yaml*
  printf '%s\n' "$full" > "$RW_REMARKDIR/$key.out"
  extra=(-Wl,--opt-remarks-filename,"$RW_REMARKDIR/$key.yaml"
         -Wl,--opt-remarks-format,yaml -Wl,--opt-remarks-passes,goescape)
fi
exec "$COMPILER" -flto=thin "$@" "${extra[@]}"
"""


def find_goescape_cc(plugin):
    """The wrappers goescape-cc and goescape-c++ of the plugin's build (or
    install) tree: bin/ next to its lib/."""
    d = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(
        plugin))), "bin")
    if all(os.path.exists(os.path.join(d, w))
           for w in ("goescape-cc", "goescape-c++")):
        return d
    sys.exit(f"no goescape-cc and goescape-c++ in {d} (next to the plugin "
             f"{plugin}): --lto builds through them; run make first")


def write_lto_wrappers(work, plugin, gedir):
    """cc-plain-lto, c++-plain-lto (clang-22) and cc-goescape-lto,
    c++-goescape-lto (snapshots of the plugin tree's goescape-cc and
    goescape-c++, in work/plugin/bin/, run with GOESCAPE_PLUGIN set to the
    snapshotted plugin)."""
    bindir = os.path.join(work, "bin")
    snapbin = os.path.join(os.path.dirname(plugin), "bin")
    os.makedirs(snapbin, exist_ok=True)
    for w in ("goescape-cc", "goescape-c++"):
        shutil.copy(os.path.join(gedir, w), os.path.join(snapbin, w))
    for mode in LTO_MODES:
        ge = mode == "goescape-lto"
        for name, comp, gecomp in (("cc", CLANG, "goescape-cc"),
                                   ("c++", CLANGXX, "goescape-c++")):
            p = os.path.join(bindir, f"{name}-{mode}")
            text = LTO_WRAPPER.replace("MODE", mode).replace(
                "@COMPILER@", os.path.join(snapbin, gecomp) if ge else comp)
            text = text.replace("@GOESCAPE_LTO@", "1" if ge else "0")
            text = text.replace("@PLUGIN@", plugin)
            with open(p, "w") as f:
                f.write(text)
            os.chmod(p, 0o755)


def plugin_commit(plugin):
    """git rev-parse HEAD of the repository the plugin was built in, with
    "-dirty" when its tracked files differ from HEAD (at this run's start)."""
    d = os.path.dirname(os.path.realpath(plugin))
    rc, head = sh("git rev-parse HEAD", cwd=d, check=False)
    if rc != 0:
        return "unknown (the plugin is not in a git repository)"
    rc, st = sh("git status --porcelain --untracked-files=no", cwd=d,
                check=False)
    return head.strip() + ("-dirty" if rc != 0 or st.strip() else "")


# --------------------------------------------------------------------------

def apt_setup(names, srcdir, log):
    def showsrc_ok():
        rc, _ = sh("apt-cache showsrc zlib | grep -q '^Package:'",
                   check=False)
        return rc == 0
    sudo = "" if os.geteuid() == 0 else "sudo "
    if not showsrc_ok():
        entry = "/etc/apt/sources.list.d/goescape-src.sources"
        text = ("Types: deb-src\nURIs: http://deb.debian.org/debian\n"
                "Suites: bookworm bookworm-updates\nComponents: main\n"
                "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n")
        sh(f"printf '%s' '{text}' | {sudo}tee {entry} >/dev/null")
        sh(f"{sudo}apt-get update", log=log)
    need = [p for p, b in (("cmake", "cmake"), ("tclsh", "tcl"),
                           ("dpkg-source", "dpkg-dev"))
            if not shutil.which(p)]
    if need:
        sh(f"{sudo}apt-get install -y cmake tcl dpkg-dev", log=log)
    os.makedirs(srcdir, exist_ok=True)
    for n in names:
        pkg = PROJECTS[n]["package"]
        if not glob.glob(os.path.join(srcdir, PROJECTS[n]["version_dir"], "")):
            sh(f"apt-get source {pkg}", cwd=srcdir, log=log)


def source_version(srcdir, name):
    cfg = PROJECTS[name]
    d = sorted(glob.glob(os.path.join(srcdir, cfg["version_dir"], "")))[0]
    rc, out = sh("dpkg-parsechangelog -S Version", cwd=d, check=False)
    return d.rstrip("/"), out.strip() if rc == 0 else os.path.basename(d)


def parse_counts(path, prefix):
    """Sum malloc-count lines of processes whose exe is under prefix."""
    tot = {}
    procs = 0
    if not os.path.exists(path):
        return tot, 0
    for line in open(path):
        fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
        if prefix and not fields.get("exe", "").startswith(prefix):
            continue
        procs += 1
        for k, v in fields.items():
            if k not in ("pid", "exe"):
                tot[k] = tot.get(k, 0) + int(v)
    return tot, procs


def ir_counts(irdir, srcroot, lib_re, wrappers):
    files = {}
    for src in sorted(glob.glob(os.path.join(irdir, "*.src"))):
        path = open(src).read().strip()
        rel = os.path.relpath(path, srcroot)
        if rel in files:
            continue            # compiled twice (PIC and not): count once
        ll = src[:-4] + ".ll"
        if os.path.exists(ll):
            files[rel] = ll
    wrap_re = (re.compile(r"\b(?:call|invoke)\b[^@]*@(%s)\("
                          % "|".join(map(re.escape, wrappers)))
               if wrappers else None)
    res = dict(files=len(files), lib_files=0, all=0, lib=0, wrap=0,
               lib_wrap=0, free=0, by_fn={})
    lib = re.compile(lib_re)
    for rel, ll in files.items():
        text = open(ll, errors="replace").read()
        n = 0
        for m in ALLOC_RE.finditer(text):
            n += 1
            res["by_fn"][m.group(1)] = res["by_fn"].get(m.group(1), 0) + 1
        w = len(wrap_re.findall(text)) if wrap_re else 0
        res["all"] += n
        res["wrap"] += w
        res["free"] += len(FREE_RE.findall(text))
        if lib.search(rel):
            res["lib_files"] += 1
            res["lib"] += n
            res["lib_wrap"] += w
    return res


def remark_counts(remdir):
    promoted, kept, reasons = 0, 0, {}
    seen = set()
    for y in glob.glob(os.path.join(remdir, "*.yaml")):
        for rec in open(y, errors="replace").read().split("\n--- !")[0:]:
            rec = rec.lstrip("-! ")
            kind = rec.split("\n", 1)[0].strip()
            if "Pass:            goescape" not in rec and \
                    not re.search(r"^Pass:\s+goescape\s*$", rec, re.M):
                continue
            name = re.search(r"^Name:\s+(\S+)", rec, re.M)
            loc = re.search(r"^DebugLoc:\s+(.*)$", rec, re.M)
            fn = re.search(r"^Function:\s+(\S+)", rec, re.M)
            key = (kind, name and name.group(1), loc and loc.group(1),
                   fn and fn.group(1))
            if key in seen:
                continue        # same TU compiled twice
            seen.add(key)
            if kind == "Passed":
                promoted += 1
            elif kind == "Missed":
                kept += 1
                r = name.group(1) if name else "?"
                reasons[r] = reasons.get(r, 0) + 1
    return promoted, kept, reasons


def parse_tests(name, outputs):
    """outputs: list of (label, rc, text, pass_re, fail_re)."""
    passed = failed = 0
    detail = []
    for label, rc, text, pre, fre in outputs:
        if pre == "ctest":
            first, _, rerun = text.partition("\n#RERUN#\n")
            m = re.search(r"(\d+)% tests passed, (\d+) tests failed out of "
                          r"(\d+)", first)
            if m:
                f, t = int(m.group(2)), int(m.group(3))
                passed += t - f
                failed += f
                detail.append(f"{label}: {t - f}/{t}")
                if rerun:
                    m2 = re.search(r"(\d+) tests failed out of (\d+)",
                                   rerun)
                    names = re.findall(r"\d+ - (\S+) \(Failed\)", first)
                    if m2 and m2.group(1) == "0":
                        detail.append(f"failed first, passed on rerun "
                                      f"(flaky): {', '.join(names)}")
                    else:
                        detail.append(f"failed again on rerun: "
                                      f"{', '.join(names)}")
            else:
                failed += 1
                detail.append(f"{label}: no summary (rc {rc})")
        elif pre:
            p = len(re.findall(pre, text))
            f = len(re.findall(fre, text)) if fre else 0
            if rc != 0 and f == 0:
                f = 1
            passed += p
            failed += f
            detail.append(f"{label}: {p} passed, {f} failed")
        else:
            passed += rc == 0
            failed += rc != 0
            detail.append(f"{label}: {'ok' if rc == 0 else f'FAILED rc {rc}'}")
    cl = PROJECTS[name].get("check_lines")
    if cl:
        for label, rc, text, _, _ in outputs:
            for m in re.finditer(cl, text, re.M):
                if "Checks:" in m.group(0):
                    detail.append(m.group(0).strip())
    return passed, failed, detail


def normalise_ir(lines, name, mode):
    """IR lines without what differs between two builds for other reasons
    than the pass: see ir_changed."""
    out = []
    for l in lines:
        if l.startswith(("; ModuleID", "source_filename", "!")) or \
                "#dbg_" in l or "@llvm.dbg." in l:
            continue
        l = l.replace(f"{name}-{mode}", "BUILD")
        l = re.sub(r", !dbg !\d+| !dbg !\d+", "", l)
        l = re.sub(r"\[\d+ x i8\] c\"/", "[N x i8] c\"/", l)
        l = re.sub(r", !llvm.loop !\d+", "", l)
        l = re.sub(r"!\d+", "!N", l)    # metadata numbering
        out.append(l)
    return out


def ir_changed(work, name):
    """Files whose optimised IR differs between the two builds, compared
    without what differs for other reasons: the build directory's name in
    paths and strings, and the debug locations -fsave-optimization-record
    adds in goescape mode."""
    def norm(ll, mode):
        return normalise_ir(open(ll, errors="replace"), name, mode)
    irs = {}
    for mode in ("plain", "goescape"):
        d = os.path.join(work, "build", f"{name}-{mode}", "ir")
        irs[mode] = {os.path.basename(f).replace(f"{name}-{mode}", ""): f
                     for f in glob.glob(os.path.join(d, "*.ll"))
                     if "CMakeScratch" not in f and "TryCompile" not in f}
    common = sorted(set(irs["plain"]) & set(irs["goescape"]))
    changed = [k for k in common if norm(irs["plain"][k], "plain") !=
               norm(irs["goescape"][k], "goescape")]
    return changed, len(common)


def linked_elfs(root, pristine):
    """The executables and shared objects (ELF type EXEC or DYN) below root
    that the build made: relative path -> path. Symlinks, CMake's own files
    (CMakeFiles/: compiler identification, try-compiles) and files already in
    the unpacked source (pristine) are left out."""
    out = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "CMakeFiles")
        for f in sorted(files):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)
            if os.path.islink(p) or not os.path.isfile(p) or \
                    os.path.lexists(os.path.join(pristine, rel)):
                continue
            with open(p, "rb") as fh:
                h = fh.read(18)
            if len(h) == 18 and h[:4] == b"\x7fELF" and \
                    int.from_bytes(h[16:18], "little") in (2, 3):
                out[rel] = p
    return out


def binary_sites(path, wrappers):
    """Direct calls and jumps (tail calls) to the ALLOC_FNS, FREE_FNS and the
    project's wrappers in the machine code of one linked binary (PLT stubs
    themselves not counted)."""
    p = subprocess.run([OBJDUMP, "-d", "--no-show-raw-insn", path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, errors="replace")
    if p.returncode != 0:
        raise RuntimeError(f"llvm-objdump -d {path} failed: {p.stderr}")
    res = dict(alloc=0, free=0, wrap=0, by_fn={})
    for sec in re.split(r"^Disassembly of section ", p.stdout, flags=re.M)[1:]:
        if sec.startswith(".plt"):
            continue
        for m in ASM_CALL_RE.finditer(sec):
            fn = m.group(1)
            if fn in ALLOC_FNS:
                res["alloc"] += 1
                res["by_fn"][fn] = res["by_fn"].get(fn, 0) + 1
            elif fn in FREE_FNS:
                res["free"] += 1
            elif fn in wrappers:
                res["wrap"] += 1
    return res


def bin_counts(elfs, wrappers):
    """binary_sites of every linked binary, and their sums: over the shared
    libraries (lib*.so*) and over all binaries."""
    per = {rel: binary_sites(p, wrappers) for rel, p in elfs.items()}
    libs = [rel for rel in per
            if re.match(r"lib[^/]*\.so(\.|$)", os.path.basename(rel))]
    res = dict(per=per, libs=libs, elfs=len(per), by_fn={})
    for key in ("alloc", "free", "wrap"):
        res[key] = sum(x[key] for x in per.values())
        res["lib_" + key] = sum(per[rel][key] for rel in libs)
    for x in per.values():
        for k, v in x["by_fn"].items():
            res["by_fn"][k] = res["by_fn"].get(k, 0) + v
    return res


REMARK_DOC_RE = re.compile(r"^--- !(\w+)\n(.*?)^\.\.\.$", re.M | re.S)


def link_remarks(remdir, elfs):
    """goescape's link-time remarks (lld's YAML records, written by the
    goescape-lto wrapper per link) of the links whose output is one of elfs.
    A site is its (verdict, remark name, debug location, function); the same
    site in several links or ThinLTO backends is one site. Also per link:
    records of each verdict, not deduplicated."""
    real = {os.path.realpath(p): rel for rel, p in elfs.items()}
    sites, links = {}, {}       # site -> [copies, binaries]
    for outf in sorted(glob.glob(os.path.join(remdir, "*.out"))):
        rel = real.get(os.path.realpath(open(outf).read().strip()))
        if rel is None:
            continue                    # a try-compile, a configure test
        key = outf[:-len(".out")]
        files = [key + ".yaml"] + sorted(glob.glob(key + ".yaml.thin.*.yaml"))
        n = links.setdefault(rel, dict(Passed=0, Missed=0, files=0))
        for y in files:
            if not os.path.exists(y):
                continue
            n["files"] += 1
            here = {}
            for m in REMARK_DOC_RE.finditer(open(y, errors="replace").read()):
                kind, body = m.group(1), m.group(2)
                if kind not in ("Passed", "Missed") or not re.search(
                        r"^Pass:\s+'?goescape'?\s*$", body, re.M):
                    continue
                name = re.search(r"^Name:\s+'?([^'\s]+)", body, re.M)
                loc = re.search(r"^DebugLoc:\s+\{(.*?)\}", body, re.M | re.S)
                fn = re.search(r"^Function:\s+'?([^'\s]+)", body, re.M)
                alloc = re.search(r"^\s*- Allocation:\s+'?(.*?)'?\s*$", body,
                                  re.M)
                alloc = alloc.group(1) if alloc else "?"
                bound = re.search(r"moved to stack when its size is at most "
                                  r"(\d+) bytes, heap otherwise", body)
                if bound:               # its heap call stays, as fallback
                    alloc += f" (stack up to {bound.group(1)} bytes)"
                k = (kind, name.group(1) if name else "?",
                     " ".join(loc.group(1).split()) if loc else "",
                     fn.group(1) if fn else "?", alloc)
                n[kind] += 1
                here[k] = here.get(k, 0) + 1
            # a function is compiled in one backend of a link: two records
            # of one key there are two sites (no debug info to tell them
            # apart), the same key in another link or backend the same one
            for k, c in here.items():
                x = sites.setdefault(k, [0, set()])
                x[0] = max(x[0], c)
                x[1].add(rel)
    reasons = {}
    for (kind, name, _, _, _), (c, _) in sites.items():
        if kind == "Missed":
            reasons[name] = reasons.get(name, 0) + c
    promoted = sorted([alloc, loc, fn, c, sorted(b)] for (kind, _, loc, fn,
                                                          alloc), (c, b)
                      in sites.items() if kind == "Passed")
    return dict(promoted=sum(x[3] for x in promoted),
                kept=sum(reasons.values()), reasons=reasons,
                promoted_sites=promoted, links=links)


def object_kinds(root):
    """The object files (*.o) below root, CMake's own (CMakeFiles/CMakeScratch,
    CMakeFiles/VERSION/CompilerId*) left out: relative path -> "bitcode",
    "elf" or "other"."""
    out = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "CMakeScratch" and
                         not x.startswith("CompilerId"))
        for f in sorted(files):
            if not f.endswith(".o"):
                continue
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                h = fh.read(4)
            out[os.path.relpath(p, root)] = (
                "bitcode" if h in (b"BC\xc0\xde", b"\xde\xc0\x17\x0b") else
                "elf" if h == b"\x7fELF" else "other")
    return out


def bitcode_changed(work, name, objs):
    """The bitcode object files whose IR differs between plain-lto and
    goescape-lto (compared as ir_changed compares), and how many were
    compared: under -flto=thin the compile step must leave them alone."""
    common = sorted(k for k, v in objs["plain-lto"].items()
                    if v == "bitcode" and objs["goescape-lto"].get(k) ==
                    "bitcode")
    changed = []
    for k in common:
        texts = []
        for mode in LTO_MODES:
            p = subprocess.run(
                [LLVM_DIS, "-o", "-", os.path.join(
                    work, "build", f"{name}-{mode}", "src", k)],
                stdout=subprocess.PIPE, text=True, errors="replace")
            # without the ThinLTO summary (^N = ...: module paths, hashes)
            texts.append(normalise_ir(
                [l for l in p.stdout.splitlines(True) if l[:1] != "^"],
                name, mode) if p.returncode == 0 else None)
        if texts[0] is None or texts[0] != texts[1]:
            changed.append(k)
    return changed, len(common)


def test_and_count(cfg, name, fmt, src, bdir, env, mcso, log):
    """Runs the project's tests under the malloc counter, then the workload
    once under it: (passed, failed, detail, test counts, test processes,
    workload command, workload counts)."""
    # tests, under the malloc counter
    env_t = dict(env, RW_IRDIR="", LD_PRELOAD=mcso,
                 MALLOC_COUNT_FILE=os.path.join(bdir, "counts-tests.txt"))
    outs = []
    for label, cmd, pre, fre in cfg["tests"]:
        rc, out = sh(cmd.format(**fmt), cwd=src, env=env_t, log=log,
                     check=False)
        if pre == "ctest" and rc != 0:
            # one rerun of the failed tests tells a flaky test (same
            # failure in either build, e.g. output interleaving) from a
            # deterministic one; both runs are reported
            rc2, out2 = sh("cd b && ctest --rerun-failed "
                           "--output-on-failure", cwd=src, env=env_t,
                           log=log, check=False)
            out += "\n#RERUN#\n" + out2
        outs.append((label, rc, out, pre, fre))
    passed, failed, detail = parse_tests(name, outs)
    tcounts, tprocs = parse_counts(env_t["MALLOC_COUNT_FILE"],
                                   os.path.join(bdir, "src"))
    # workload: counts once, then timing
    wl = cfg["workload"].format(**fmt)
    cf = os.path.join(bdir, "counts-workload.txt")
    sh(wl, cwd=src, log=log, env=dict(env, RW_IRDIR="", LD_PRELOAD=mcso,
                                       MALLOC_COUNT_FILE=cf))
    wcounts, wprocs = parse_counts(cf, os.path.join(bdir, "src"))
    return passed, failed, detail, tcounts, tprocs, wl, wcounts


def run_project(name, args, srcdir, bindir, mcso, datadir, log):
    cfg = PROJECTS[name]
    top, version = source_version(srcdir, name)
    res = dict(name=name, version=version, modes={})
    if args.lto_only:
        return run_project_lto(res, name, cfg, args, top, bindir, mcso,
                               datadir, log)
    for mode in ("plain", "goescape"):
        bdir = os.path.join(args.work, "build", f"{name}-{mode}")
        shutil.rmtree(bdir, ignore_errors=True)
        os.makedirs(bdir)
        shutil.copytree(top, os.path.join(bdir, "src"), symlinks=True)
        src = os.path.join(bdir, "src", cfg.get("subdir", ""))
        irdir, remdir = os.path.join(bdir, "ir"), os.path.join(bdir, "remarks")
        os.makedirs(irdir)
        os.makedirs(remdir)
        env = dict(os.environ, CC=f"{bindir}/cc-{mode}",
                   CXX=f"{bindir}/c++-{mode}", RW_IRDIR=irdir,
                   RW_REMARKDIR=remdir)
        fmt = dict(jobs=args.jobs, data=datadir, src=src)
        if cfg.get("prep"):
            sh(cfg["prep"], cwd=src, log=log)
        t0 = time.time()
        sh(cfg["build"].format(**fmt), cwd=src, env=env, log=log)
        build_s = time.time() - t0
        passed, failed, detail, tcounts, tprocs, wl, wcounts = \
            test_and_count(cfg, name, fmt, src, bdir, env, mcso, log)
        res["modes"][mode] = dict(
            build_s=build_s, passed=passed, failed=failed, detail=detail,
            tests_counts=tcounts, tests_procs=tprocs, wl_counts=wcounts,
            ir=ir_counts(irdir, os.path.join(bdir, "src",
                                             cfg.get("subdir", "")),
                         cfg["lib_files"], cfg["wrappers"]),
            remarks=remark_counts(remdir), src=src, wl=wl, times=[])
    res["changed"], res["compared"] = ir_changed(args.work, name)
    time_workload(res, ("plain", "goescape"), args.runs)
    if args.lto:
        return run_project_lto(res, name, cfg, args, top, bindir, mcso,
                               datadir, log)
    return res


def run_project_lto(res, name, cfg, args, top, bindir, mcso, datadir, log):
    """Adds the LTO modes to res; a project that cannot be built, tested or
    counted that way gets lto_error (the doc says why) and keeps its other
    modes."""
    try:
        modes = run_lto_modes(name, cfg, args, top, bindir, mcso, datadir,
                              log)
        res["modes"].update(modes)
        res["bc_changed"], res["bc_compared"] = bitcode_changed(
            args.work, name, {m: modes[m]["objs"] for m in LTO_MODES})
        if "plain" in res["modes"]:
            # what a ThinLTO build leaves out (a configure probe that fails
            # with lld): the plain build's binaries, now (after its tests)
            made = linked_elfs(os.path.join(args.work, "build",
                                            f"{name}-plain", "src"), top)
            res["lto_missing_bins"] = sorted(
                set(made) - set(modes["plain-lto"]["bins"]["per"]))
        time_workload(res, LTO_MODES, args.runs)
    except Exception as e:
        for m in LTO_MODES:
            res["modes"].pop(m, None)
        res["lto_error"] = str(e)
        res["lto_error_mode"] = getattr(e, "mode", None)
    return res


def lto_build_cmd(cfg, fmt):
    """The project's build command for an LTO mode: a CMake project is
    told LLVM 22's archiver, ranlib and nm (a configure script takes them
    from AR, RANLIB and NM in the environment), so static archives of bitcode
    get a symbol table lld can read."""
    cmd = cfg["build"].format(**fmt)
    if cmd.startswith("cmake "):
        new = cmd.replace("cmake -S . -B b ", "cmake -S . -B b "
                          f"-DCMAKE_AR={AR} -DCMAKE_RANLIB={RANLIB} "
                          f"-DCMAKE_NM={NM} ", 1)
        if new == cmd:
            raise RuntimeError(f"lto_build_cmd: no 'cmake -S . -B b ' in "
                               f"{cmd}")
        cmd = new
    return cmd


def run_lto_modes(name, cfg, args, top, bindir, mcso, datadir, log):
    """plain-lto and goescape-lto: build (ThinLTO), test, count."""
    modes = {}
    for mode in LTO_MODES:
        try:
            modes[mode] = run_lto_mode(mode, name, cfg, args, top, bindir,
                                       mcso, datadir, log)
        except Exception as e:
            raise LtoError(mode, str(e))
    return modes


class LtoError(Exception):
    def __init__(self, mode, text):
        super().__init__(text)
        self.mode = mode


def run_lto_mode(mode, name, cfg, args, top, bindir, mcso, datadir, log):
    """One LTO mode: a fresh copy built with ThinLTO; the alloc call sites
    of its binaries, its link-time remarks (goescape-lto), its tests and
    workload under the malloc counter."""
    bdir = os.path.join(args.work, "build", f"{name}-{mode}")
    shutil.rmtree(bdir, ignore_errors=True)
    os.makedirs(bdir)
    shutil.copytree(top, os.path.join(bdir, "src"), symlinks=True)
    src = os.path.join(bdir, "src", cfg.get("subdir", ""))
    remdir = os.path.join(bdir, "remarks")
    os.makedirs(remdir)
    env = dict(os.environ, CC=f"{bindir}/cc-{mode}",
               CXX=f"{bindir}/c++-{mode}", AR=AR, RANLIB=RANLIB, NM=NM,
               RW_REMARKDIR=remdir)
    env.pop("RW_IRDIR", None)
    for k, v in cfg.get("lto_env", {}).items():
        env[k] = v.format(cc=env["CC"], cxx=env["CXX"])
    fmt = dict(jobs=args.jobs, data=datadir, src=src)
    if cfg.get("prep"):
        sh(cfg["prep"], cwd=src, log=log)
    build = lto_build_cmd(cfg, fmt)
    t0 = time.time()
    rc, out = sh(build, cwd=src, env=env, log=log, check=False)
    build_s = time.time() - t0
    if rc != 0:
        tail = "\n".join(out.splitlines()[-30:])
        raise RuntimeError(f"{mode} build failed (rc {rc}): {build}\n"
                           f"{tail}")
    # what the build made, before the tests add files
    elfs = linked_elfs(os.path.join(bdir, "src"), top)
    objs = object_kinds(os.path.join(bdir, "src"))
    if not elfs:
        raise RuntimeError(f"{mode}: the build made no executable or "
                           "shared library")
    bins = bin_counts(elfs, cfg["wrappers"])
    remarks = link_remarks(remdir, elfs) if mode == "goescape-lto" \
        else None
    passed, failed, detail, tcounts, tprocs, wl, wcounts = \
        test_and_count(cfg, name, fmt, src, bdir, env, mcso, log)
    return dict(
        build_s=build_s, build=build, passed=passed, failed=failed,
        detail=detail, tests_counts=tcounts, tests_procs=tprocs,
        wl_counts=wcounts, bins=bins, objs=objs, remarks=remarks,
        src=src, wl=wl, times=[])


def time_workload(res, modes, runs):
    """Times the workload, alternating modes, after one warm-up run each."""
    for mode in modes:
        sh(res["modes"][mode]["wl"], cwd=res["modes"][mode]["src"])
    for _ in range(runs):
        for mode in modes:
            m = res["modes"][mode]
            t0 = time.perf_counter()
            sh(m["wl"], cwd=m["src"])
            m["times"].append(time.perf_counter() - t0)


def allocs(c):
    return sum(c.get(k, 0) for k in ("malloc", "calloc", "aligned_alloc",
                                     "posix_memalign", "memalign", "valloc"))


def pct(a, b):
    return f"{(b - a) / a * 100:+.1f}%" if a else "n/a"


def soundness_bugs(results):
    """Projects (and how) whose goescape build fails where the plain one of
    the same kind does not: more failed tests, or an LTO build, test run or
    count that failed in goescape-lto only."""
    bad = []
    for r in results:
        if "error" in r:
            continue
        for p, g in (BASE_MODES, LTO_MODES):
            if p in r["modes"] and g in r["modes"] and \
                    r["modes"][g]["failed"] > r["modes"][p]["failed"]:
                bad.append(f"{r['name']} ({g})")
        if r.get("lto_error_mode") == "goescape-lto":
            first = r["lto_error"].splitlines()[0]
            bad.append(f"{r['name']} (goescape-lto: {first})")
    return bad


def sites_pair(b):
    """ "lib / all" alloc call sites of a bin_counts result."""
    return f"{b['lib_alloc'] if b['libs'] else '—'} / {b['alloc']}"


def test_failed(detail, label):
    """Whether parse_tests' detail says test label failed."""
    return any(d.startswith(label + ": ") and (
        "FAILED" in d or "no summary" in d or re.search(r", [1-9]\d* failed",
                                                        d))
        for d in detail)


def lto_summary(L, results, args):
    L.append("## ThinLTO: summary\n")
    L.append(
        "With `--lto` each project is also built from clean two more ways, "
        "with ThinLTO (`-flto=thin` added to every compile and link, "
        "`CFLAGS=-O2` as above, linked by lld-22; static archives made by "
        "`llvm-ar`/`llvm-ranlib`): *plain-lto* with clang-22, "
        "*goescape-lto* through `goescape-cc`/`goescape-c++`, which load "
        "the plugin into lld (`-Wl,--load-pass-plugin`), so goescape runs "
        "at link time in every ThinLTO backend, after cross-module "
        "importing and inlining, with default options. Both run the "
        "project's own test suite; a failure under goescape-lto that "
        "plain-lto does not have is a soundness bug.\n")
    L.append("| project | version | tests plain-lto | tests goescape-lto | "
             "alloc call sites in linked binaries (shared lib / all) "
             "plain-lto → goescape-lto | promoted / kept (link-time "
             "remarks) | runtime allocs, workload plain-lto → goescape-lto "
             "| runtime allocs, tests | workload time "
             "goescape-lto/plain-lto |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if "error" in r:
            L.append(f"| {r['name']} | {r.get('version', '?')} | — | — | — | "
                     f"— | — | — | error: {r['error'].splitlines()[0]} |")
            continue
        if "lto_error" in r:
            L.append(f"| {r['name']} | {r['version']} | — | — | — | — | — "
                     f"| — | not measured under ThinLTO: "
                     f"{r['lto_error'].splitlines()[0]} (below) |")
            continue
        p, g = r["modes"]["plain-lto"], r["modes"]["goescape-lto"]
        mp, mg = statistics.median(p["times"]), statistics.median(g["times"])
        L.append(
            f"| {r['name']} | {r['version']} | {p['passed']} passed, "
            f"{p['failed']} failed | {g['passed']} passed, {g['failed']} "
            f"failed | {sites_pair(p['bins'])} → {sites_pair(g['bins'])} | "
            f"{g['remarks']['promoted']} / {g['remarks']['kept']} | "
            f"{allocs(p['wl_counts']):,} → {allocs(g['wl_counts']):,} "
            f"({pct(allocs(p['wl_counts']), allocs(g['wl_counts']))}) | "
            f"{allocs(p['tests_counts']):,} → {allocs(g['tests_counts']):,} "
            f"({pct(allocs(p['tests_counts']), allocs(g['tests_counts']))}) "
            f"| {mg / mp:.3f} ({mp:.3f}s → {mg:.3f}s) |")
    L.append("")
    bugs = [b for b in soundness_bugs(results) if "-lto" in b]
    if bugs:
        L.append("**SOUNDNESS: goescape-lto builds fail where the plain-lto "
                 f"builds do not: {', '.join(bugs)}.**\n")
    else:
        L.append("No test failed under goescape-lto that passed "
                 "plain-lto.\n")
    L.append(
        "Columns: *alloc call sites in linked binaries* counts the direct "
        "call and jump (tail call) instructions to malloc, calloc, realloc, "
        "aligned_alloc, posix_memalign, memalign, valloc, strdup, strndup "
        "and `operator new` (`_Znwm`, `_Znam`), through the PLT or not, in "
        "`llvm-objdump -d` of every ELF executable and shared library the "
        "build made (symlinks, CMake's own `CMakeFiles/` and files that "
        "came with the source left out; PLT stubs not counted), summed over "
        "those binaries: code from a static archive counts once in every "
        "binary it is linked into. *shared lib* is the sum over the "
        "`lib*.so*` among them (— when the build makes only static "
        "archives). A site promoted with a run-time size keeps its call "
        "as the fallback for larger sizes and is still counted here. "
        "Calls through a function pointer or the GOT "
        "(`-fno-plt`, which these builds do not use) are not counted. "
        "*promoted / kept* are goescape's `!Passed` / `!Missed` records in "
        "lld's remark files (`-Wl,--opt-remarks-filename,F` per link, "
        "`F.thin.N.yaml` per ThinLTO backend) of the links that made those "
        "binaries, a site being its (verdict, reason, debug location, "
        "function, allocation call): one linked into several binaries or "
        "seen by several ThinLTO backends counts once, one inlined into "
        "several functions once per function (the builds have no `-g`, so "
        "the location is empty: two records of one key in one backend count "
        "as two sites). *Runtime "
        "allocs* and *workload time* are as above (alternating plain-lto "
        "and goescape-lto, median of "
        f"{args.runs}). The LTO builds have no IR side compile.\n")


def lto_section(L, r, cfg, args):
    """One project's ThinLTO subsection."""
    L.append("### ThinLTO: plain-lto and goescape-lto\n")
    if "lto_error" in r:
        mode = r.get("lto_error_mode") or "?"
        L.append(f"Not measured under ThinLTO: {mode} failed"
                 + (" (plain-lto built, tested and counted: a goescape "
                    "failure)" if mode == "goescape-lto" else "")
                 + f":\n\n```\n{r['lto_error']}\n```\n")
        return
    p, g = r["modes"]["plain-lto"], r["modes"]["goescape-lto"]
    fmt = dict(jobs=args.jobs, data="DATA", src=".")
    lenv = "".join(f" {k}=\"{v.format(cc='cc-MODE', cxx='c++-MODE')}\""
                   for k, v in cfg.get("lto_env", {}).items())
    L.append(f"Build: `{lto_build_cmd(cfg, fmt)}`"
             + (f" (in `{cfg['subdir']}/`)" if cfg.get("subdir") else "")
             + f" with `CC=cc-MODE CXX=c++-MODE AR={AR} RANLIB={RANLIB} "
             f"NM={NM}{lenv}`"
             + (f": {cfg['lto_env_why']}" if cfg.get("lto_env_why") else "")
             + ".\n")
    L.append("| | plain-lto | goescape-lto |")
    L.append("|---|---|---|")
    L.append(f"| tests | {p['passed']} passed, {p['failed']} failed | "
             f"{g['passed']} passed, {g['failed']} failed |")
    L.append(f"| test detail | {'; '.join(p['detail'])} | "
             f"{'; '.join(g['detail'])} |")
    pb, gb = p["bins"], g["bins"]
    libs = ", ".join(sorted(os.path.basename(x) for x in gb["libs"]))
    L.append(f"| alloc call sites, shared libraries ({libs or 'none'}) | "
             f"{pb['lib_alloc'] if pb['libs'] else '—'} | "
             f"{gb['lib_alloc'] if gb['libs'] else '—'} |")
    L.append(f"| alloc call sites, all binaries | {pb['alloc']} | "
             f"{gb['alloc']} |")
    L.append(f"| free call sites, all binaries | {pb['free']} | "
             f"{gb['free']} |")
    L.append("| alloc call sites by callee, all binaries | " + " | ".join(
        ", ".join(f"{k} {v}" for k, v in sorted(b["by_fn"].items()))
        for b in (pb, gb)) + " |")
    if cfg["wrappers"]:
        L.append(f"| calls of {', '.join(cfg['wrappers'])} (shared lib / "
                 f"all) | {pb['lib_wrap']} / {pb['wrap']} | "
                 f"{gb['lib_wrap']} / {gb['wrap']} |")
    L.append(f"| binaries counted (executables, shared libraries) | "
             f"{pb['elfs']} | {gb['elfs']} |")
    diff = [f"{k} {pb['per'][k]['alloc']} → {gb['per'][k]['alloc']}"
            for k in sorted(set(pb["per"]) & set(gb["per"]))
            if pb["per"][k]["alloc"] != gb["per"][k]["alloc"]]
    only = sorted(set(pb["per"]) ^ set(gb["per"]))
    L.append(f"| binaries whose alloc call sites differ | — | "
             f"{'; '.join(diff) or 'none'}"
             + (f"; in one build only: {', '.join(only)}" if only else "")
             + " |")
    def objs(m):
        kinds = list(m["objs"].values())
        return (f"{kinds.count('bitcode')} bitcode, {kinds.count('elf')} "
                "native" + (f", {kinds.count('other')} other"
                            if kinds.count("other") else ""))
    L.append(f"| object files (`*.o`) | {objs(p)} | {objs(g)} |")
    L.append(f"| bitcode object files the compile step changed | — | "
             f"{len(r['bc_changed'])} of {r['bc_compared']}"
             + (f" ({', '.join(r['bc_changed'][:5])})" if r["bc_changed"]
                else "") + " |")
    rem = g["remarks"]
    nolinks = [k for k in gb["per"] if k not in rem["links"]]
    L.append(f"| binaries with link-time remark files | — | "
             f"{len(rem['links'])} of {gb['elfs']}"
             + (f" (none for {', '.join(sorted(nolinks))})" if nolinks
                else "") + " |")
    L.append("| goescape remark records, all links and backends (promoted / "
             "kept) | — | "
             f"{sum(x['Passed'] for x in rem['links'].values())} / "
             f"{sum(x['Missed'] for x in rem['links'].values())} |")
    for key, label in (("wl_counts", "workload"),
                       ("tests_counts", "test suite")):
        for k in ("malloc", "calloc", "realloc", "free"):
            L.append(f"| {label}: {k} calls | {p[key].get(k, 0):,} | "
                     f"{g[key].get(k, 0):,} |")
    L.append(f"| test-suite processes counted | {p['tests_procs']} | "
             f"{g['tests_procs']} |")
    mp, mg = statistics.median(p["times"]), statistics.median(g["times"])
    L.append(f"| workload time, median (min–max) | {mp:.3f}s "
             f"({min(p['times']):.3f}–{max(p['times']):.3f}) | {mg:.3f}s "
             f"({min(g['times']):.3f}–{max(g['times']):.3f}) |")
    L.append(f"| build time | {p['build_s']:.0f}s | {g['build_s']:.0f}s |")
    if r.get("lto_missing_bins") is not None:
        L.append(f"| binaries the plain build made and plain-lto did not | "
                 f"{', '.join(r['lto_missing_bins']) or 'none'} | — |")
    L.append("")
    for label, why in sorted(cfg.get("lto_known", {}).items()):
        if any(test_failed(m["detail"], label) for m in (p, g)):
            L.append(f"{label} fails under ThinLTO: {why}.\n")
    L.append(f"Link-time remarks: {rem['promoted']} promoted, {rem['kept']} "
             "kept. Top keep reasons: " + (", ".join(
                 f"{k} {v}" for k, v in sorted(
                     rem["reasons"].items(), key=lambda kv: (-kv[1], kv[0]))
                 [:6]) or "none") + ".\n")
    if rem["promoted_sites"]:
        L.append("Promoted at link time (allocation, function, binaries):\n")
        for alloc, loc, fn, c, bins in rem["promoted_sites"][:20]:
            L.append(f"- `{alloc}`" + (f" at `{loc}`" if loc else "")
                     + f" in `{fn}`" + (f" ({c} sites)" if c > 1 else "")
                     + f": {', '.join(bins)}")
        if len(rem["promoted_sites"]) > 20:
            L.append(f"- and {len(rem['promoted_sites']) - 20} more")
        L.append("")


def write_doc(path, results, args, plugin_sha, started, commit="?"):
    L = []
    L.append("# goescape on real projects\n")
    L.append(f"Generated by `python3 utils/eval/realworld.py` on "
             f"{started:%Y-%m-%d %H:%M} UTC ({os.uname().machine}, "
             f"{os.cpu_count()} CPUs), LLVM 22 "
             f"(`{CLANG}`), plugin sha256 `{plugin_sha[:16]}` from the "
             f"tree at commit `{commit}` (its HEAD when the run started; "
             "-dirty: tracked files changed). Not part of `make check`.\n")
    has_base = any("plain" in r.get("modes", {}) for r in results) or \
        not any("plain-lto" in r.get("modes", {}) or "lto_error" in r
                for r in results)
    has_lto = any("plain-lto" in r.get("modes", {}) or "lto_error" in r
                  for r in results)
    if has_base:
        L.append("Each project is the Debian 12 (bookworm) source package, "
                 "built twice from clean with `CFLAGS=-O2`: *plain* with "
                 "clang-22, *goescape* with clang-22 "
                 "`-fpass-plugin=GoEscape.so` (default options). Both builds run "
                 "the project's own test suite; a failure under goescape that "
                 "the plain build does not have is a soundness bug.\n")
        L.append("## Summary\n")
        L.append("| project | version | tests plain | tests goescape | alloc "
                 "sites in IR (lib / all) plain → goescape | promoted / kept "
                 "(remarks) | runtime allocs, workload plain → goescape | "
                 "runtime allocs, tests | workload time goescape/plain |")
        L.append("|---|---|---|---|---|---|---|---|---|")
        bugs = []
        for r in results:
            if "error" in r:
                L.append(f"| {r['name']} | {r.get('version', '?')} | — | — | — | "
                         f"— | — | — | error: {r['error'].splitlines()[0]} |")
                continue
            p, g = r["modes"]["plain"], r["modes"]["goescape"]
            if g["failed"] > p["failed"]:
                bugs.append(r["name"])
            mp, mg = statistics.median(p["times"]), statistics.median(g["times"])
            pr, kp, _ = g["remarks"]
            L.append(
                f"| {r['name']} | {r['version']} | {p['passed']} passed, "
                f"{p['failed']} failed | {g['passed']} passed, {g['failed']} "
                f"failed | {p['ir']['lib']} / {p['ir']['all']} → "
                f"{g['ir']['lib']} / {g['ir']['all']} | {pr} / {kp} | "
                f"{allocs(p['wl_counts']):,} → {allocs(g['wl_counts']):,} "
                f"({pct(allocs(p['wl_counts']), allocs(g['wl_counts']))}) | "
                f"{allocs(p['tests_counts']):,} → {allocs(g['tests_counts']):,} "
                f"({pct(allocs(p['tests_counts']), allocs(g['tests_counts']))}) "
                f"| {mg / mp:.3f} ({mp:.3f}s → {mg:.3f}s) |")
        L.append("")
        if bugs:
            L.append("**SOUNDNESS: goescape builds fail tests that the plain "
                     f"builds pass: {', '.join(bugs)}.**\n")
        else:
            L.append("No test failed under goescape that passed plain.\n")
        L.append(
            "Reading the results. These libraries rarely call malloc where the "
            "pass can see the object's whole life. Most route allocation through "
            "a hook or a wrapper: zlib's `strm->zalloc`, expat's "
            "`parser->m_mem.malloc_fcn`, jansson's `do_malloc` and pcre2's "
            "`memctl.malloc` are function pointers (an indirect call, never an "
            "allocation site), and libyaml's `yaml_malloc` is defined in `api.c` "
            "and called from the other files (a call to an external function "
            "whose result the pass cannot see allocated). The direct malloc "
            "calls that remain are mostly inside those wrappers and "
            "constructors, so they are returned or stored into a caller's "
            "struct: the top keep reasons (EscapesByReturn, "
            "EscapesToUnknownMemory, EscapesToCall) say so. Where the pass did "
            "change a file, the *object files whose IR the pass changed* row "
            "names how many (IR compared without paths, metadata numbering and "
            "the debug locations that `-fsave-optimization-record` adds).\n")
        L.append("Columns: *alloc sites in IR* counts direct calls/invokes of "
                 "malloc, calloc, realloc, aligned_alloc, posix_memalign, "
                 "memalign, valloc, strdup, strndup and `operator new` in the "
                 "optimised IR (`-O2 -S -emit-llvm`, same flags as the build) "
                 "of the library's own files / of every C and C++ file the "
                 "build compiled (tests and tools included), each file once. "
                 "*promoted / kept* are the pass's `!Passed` / `!Missed` remarks "
                 "(every site it looked at, after inlining, so an inlined "
                 "allocation counts once per copy). *Runtime allocs* are "
                 "malloc + calloc + aligned_alloc + posix_memalign + memalign + "
                 "valloc calls counted by `scripts/malloc-count.c`, summed over "
                 "the processes whose executable the build made (build tools, "
                 "shells and ctest excluded). *Workload time* is the median "
                 f"of {args.runs} runs per build, alternating.\n")
    if has_lto:
        lto_summary(L, results, args)
    for r in results:
        if "error" in r:
            L.append(f"## {r['name']}\n\nerror:\n```\n{r['error']}\n```\n")
            continue
        cfg = PROJECTS[r["name"]]
        L.append(f"## {r['name']} {r['version']}\n")
        if cfg.get("prep"):
            L.append(f"Prepared with `{cfg['prep']}`: Debian's CVE patches "
                     "test `#if XML_DTD == 1`, which CMake's config template "
                     "does not support (Debian builds with autotools).\n")
        L.append(f"Build: `{cfg['build'].format(jobs=args.jobs, data='DATA', src='.')}`"
                 + (f" (in `{cfg['subdir']}/`)" if cfg.get("subdir") else "")
                 + "\n")
        L.append("Tests:\n")
        for label, cmd, _, _ in cfg["tests"]:
            L.append(f"- {label}: `{cmd.format(jobs=args.jobs, data='DATA', src='.')}`")
        L.append("")
        L.append(f"Workload: {cfg['workload_desc']}: "
                 f"`{cfg['workload'].format(jobs=args.jobs, data='DATA', src='.')}`\n")
        if "plain" in r["modes"]:
            p, g = r["modes"]["plain"], r["modes"]["goescape"]
            L.append("| | plain | goescape |")
            L.append("|---|---|---|")
            L.append(f"| tests | {p['passed']} passed, {p['failed']} failed | "
                     f"{g['passed']} passed, {g['failed']} failed |")
            L.append(f"| test detail | {'; '.join(p['detail'])} | "
                     f"{'; '.join(g['detail'])} |")
            for key, label in (("lib", "alloc call sites, library files"),
                               ("all", "alloc call sites, all files"),
                               ("free", "free call sites, all files")):
                L.append(f"| {label} | {p['ir'][key]} | {g['ir'][key]} |")
            L.append("| alloc call sites by callee, all files | " + " | ".join(
                ", ".join(f"{k} {v}" for k, v in sorted(m["ir"]["by_fn"].items()))
                for m in (p, g)) + " |")
            if cfg["wrappers"]:
                L.append(f"| calls of {', '.join(cfg['wrappers'])} (lib / all) | "
                         f"{p['ir']['lib_wrap']} / {p['ir']['wrap']} | "
                         f"{g['ir']['lib_wrap']} / {g['ir']['wrap']} |")
            L.append(f"| object files whose IR the pass changed | — | "
                     f"{len(r['changed'])} of {r['compared']} |")
            L.append(f"| files (lib / all) | {p['ir']['lib_files']} / "
                     f"{p['ir']['files']} | {g['ir']['lib_files']} / "
                     f"{g['ir']['files']} |")
            for key, label in (("wl_counts", "workload"),
                               ("tests_counts", "test suite")):
                for k in ("malloc", "calloc", "realloc", "free"):
                    L.append(f"| {label}: {k} calls | {p[key].get(k, 0):,} | "
                             f"{g[key].get(k, 0):,} |")
            L.append(f"| test-suite processes counted | {p['tests_procs']} | "
                     f"{g['tests_procs']} |")
            mp, mg = statistics.median(p["times"]), statistics.median(g["times"])
            L.append(f"| workload time, median (min–max) | {mp:.3f}s "
                     f"({min(p['times']):.3f}–{max(p['times']):.3f}) | {mg:.3f}s "
                     f"({min(g['times']):.3f}–{max(g['times']):.3f}) |")
            L.append(f"| build time (incl. the IR side compile) | "
                     f"{p['build_s']:.0f}s | {g['build_s']:.0f}s |")
            pr, kp, reasons = g["remarks"]
            L.append("")
            L.append(f"goescape remarks: {pr} promoted, {kp} kept. Top keep "
                     "reasons: " + (", ".join(
                         f"{k} {v}" for k, v in sorted(
                             reasons.items(), key=lambda kv: -kv[1])[:6])
                         or "none") + ".\n")
        if has_lto:
            lto_section(L, r, cfg, args)
    L.append("## Reproducing\n")
    L.append("```sh\npython3 utils/eval/realworld.py            # all projects, "
             "~15 min on 2 CPUs\npython3 utils/eval/realworld.py zlib expat "
             "# some\n```\n")
    L.append("The script adds `/etc/apt/sources.list.d/goescape-src.sources` "
             "(deb-src for bookworm main) if `apt-cache showsrc` finds "
             "nothing, runs `apt-get source PACKAGE` into "
             f"`{args.work}/src`, writes the compiler wrappers "
             f"`{args.work}/bin/cc-plain` and `cc-goescape` (clang-22, the "
             "latter with `-fpass-plugin`; each also writes every file's "
             "`-O2 -S -emit-llvm` output and, with the plugin, its "
             "`-fsave-optimization-record` YAML), builds "
             "`scripts/malloc-count.c` as an LD_PRELOAD library, and for each "
             "project and mode copies the source to "
             f"`{args.work}/build/PROJECT-MODE/src`, builds, runs the tests "
             "with `LD_PRELOAD=malloc-count.so MALLOC_COUNT_FILE=...`, runs "
             "the workload once under the counter and then "
             f"{args.runs} times (alternating) for timing. Logs: "
             f"`{args.work}/log.txt`.\n")
    if has_lto:
        L.append("With `--lto` (`--lto-only`: those modes alone) it also "
                 f"writes `{args.work}/bin/cc-plain-lto` (clang-22 "
                 "`-flto=thin`, links `-fuse-ld=lld`) and `cc-goescape-lto` "
                 "(the same through a snapshot of `goescape-cc` in "
                 f"`{args.work}/plugin/bin`, with `GOESCAPE_PLUGIN` the "
                 "snapshotted plugin and no `GOESCAPE_OPTIONS`; each link "
                 "also gets `-Wl,--opt-remarks-filename,REMARKS/KEY.yaml "
                 "-Wl,--opt-remarks-format,yaml "
                 "-Wl,--opt-remarks-passes,goescape` and records its output "
                 "in `REMARKS/KEY.out`), builds each project with them into "
                 f"`{args.work}/build/PROJECT-plain-lto` and "
                 "`PROJECT-goescape-lto`, counts call sites with "
                 "`llvm-objdump -d` before running the tests, and compares "
                 "the two builds' bitcode objects (`llvm-dis`, as the IR "
                 "above): goescape does not run at the compile step under "
                 "`-flto=thin`. `--lto` roughly doubles the run (~30 min on "
                 "2 CPUs for all five projects).\n")
    with open(path, "w") as f:
        f.write("\n".join(l.rstrip() for l in "\n".join(L).split("\n")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("projects", nargs="*", default=ORDER)
    ap.add_argument("--work", default="/tmp/realworld")
    ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "lib",
                                                     "GoEscape.so"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--doc-only", action="store_true",
                    help="rewrite the doc from the saved results of the "
                    "projects named (work/results/*.json), running nothing")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs",
                                                  "realworld.md"))
    ap.add_argument("--lto", action="store_true",
                    help="also build each project with ThinLTO: plain-lto "
                    "(clang-22 -flto=thin, lld) and goescape-lto (the same "
                    "through goescape-cc/goescape-c++, goescape in lld)")
    ap.add_argument("--lto-only", action="store_true",
                    help="only the two LTO modes")
    args = ap.parse_args()
    args.lto = args.lto or args.lto_only
    for n in args.projects:
        if n not in PROJECTS:
            sys.exit(f"unknown project {n}; known: {', '.join(ORDER)}")
    started = datetime.datetime.utcnow()
    os.makedirs(args.work, exist_ok=True)
    resdir = os.path.join(args.work, "results")
    os.makedirs(resdir, exist_ok=True)
    if args.doc_only:
        saved = [json.load(open(os.path.join(resdir, f"{n}.json")))
                 for n in args.projects
                 if os.path.exists(os.path.join(resdir, f"{n}.json"))]
        if saved:
            args.runs = saved[0].get("runs", args.runs)
        for x in saved:
            r = x["result"]
            if "error" not in r and "plain" in r["modes"] and \
                    os.path.isdir(os.path.join(
                    args.work, "build", f"{r['name']}-plain", "ir")):
                r["changed"], r["compared"] = ir_changed(args.work,
                                                         r["name"])
        write_doc(args.doc, [x["result"] for x in saved], args,
                  saved[0]["plugin_sha"] if saved else "?",
                  datetime.datetime.fromisoformat(saved[0]["started"])
                  if saved else started,
                  saved[0].get("plugin_commit", "?") if saved else "?")
        print(f"wrote {args.doc}")
        return 0
    log = os.path.join(args.work, "log.txt")
    open(log, "w").close()
    if not os.path.exists(args.plugin):
        sys.exit(f"no plugin at {args.plugin}: run make first")
    commit = plugin_commit(args.plugin)
    gedir = find_goescape_cc(args.plugin) if args.lto else None
    snap = os.path.join(args.work, "plugin", "GoEscape.so")
    os.makedirs(os.path.dirname(snap), exist_ok=True)
    shutil.copy(args.plugin, snap)
    # GoEscape.so loads GoEscape-llvm22.so from beside it, and refuses one
    # from another build: the snapshot is both files.
    for impl in glob.glob(os.path.join(os.path.dirname(args.plugin),
                                       "GoEscape-llvm*.so")):
        shutil.copy(impl, os.path.dirname(snap))
    plugin_sha = hashlib.sha256(open(snap, "rb").read()).hexdigest()
    srcdir = os.path.join(args.work, "src")
    apt_setup(args.projects, srcdir, log)
    bindir, mcso = write_wrappers(args.work, snap)
    if args.lto:
        write_lto_wrappers(args.work, snap, gedir)
    datadir = os.path.join(args.work, "data")
    os.makedirs(datadir, exist_ok=True)
    for fn, gen, n in (("text.txt", gen_text, 32), ("data.json", gen_json,
                                                     120000),
                       ("data.xml", gen_xml, 100000),
                       ("big.yaml", gen_yaml, 30000),
                       ("small.yaml", gen_yaml, 8)):
        p = os.path.join(datadir, fn)
        if not os.path.exists(p):
            gen(p, n)
    results = []
    for n in args.projects:
        print(f"== {n}", flush=True)
        try:
            r = run_project(n, args, srcdir, bindir, mcso, datadir, log)
            if not args.lto_only:
                p, g = r["modes"]["plain"], r["modes"]["goescape"]
                print(f"   tests plain {p['passed']}/{p['failed']} goescape "
                      f"{g['passed']}/{g['failed']}; promoted "
                      f"{g['remarks'][0]}, kept {g['remarks'][1]}",
                      flush=True)
            if "lto_error" in r:
                print(f"   LTO error ({r['lto_error_mode']}): "
                      f"{r['lto_error']}", flush=True)
            elif args.lto:
                p, g = r["modes"]["plain-lto"], r["modes"]["goescape-lto"]
                print(f"   tests plain-lto {p['passed']}/{p['failed']} "
                      f"goescape-lto {g['passed']}/{g['failed']}; link-time "
                      f"promoted {g['remarks']['promoted']}, kept "
                      f"{g['remarks']['kept']}; alloc call sites in "
                      f"binaries {p['bins']['alloc']} -> "
                      f"{g['bins']['alloc']}; runtime allocs workload "
                      f"{allocs(p['wl_counts'])} -> "
                      f"{allocs(g['wl_counts'])}, tests "
                      f"{allocs(p['tests_counts'])} -> "
                      f"{allocs(g['tests_counts'])}", flush=True)
        except Exception as e:   # keep going: report it in the doc
            r = dict(name=n, error=str(e))
            print(f"   error: {e}", flush=True)
        results.append(r)
        with open(os.path.join(resdir, f"{n}.json"), "w") as f:
            json.dump(dict(result=r, plugin_sha=plugin_sha, runs=args.runs,
                           started=started.isoformat(),
                           plugin_commit=commit), f, indent=1)
    write_doc(args.doc, results, args, plugin_sha, started, commit)
    print(f"wrote {args.doc}")
    bad = soundness_bugs(results)
    if bad:
        print(f"SOUNDNESS: test failures under goescape only: {bad}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
