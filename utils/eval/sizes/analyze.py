#!/usr/bin/env python3
"""analyze: tables of heap request sizes from sizehist.so records.

    python3 analyze.py ROW=DIR [ROW=DIR ...] > tables.md

Each DIR holds the h.PID files of one run (a project's test suite or
workload, or one Debian program's workload). Output: markdown tables.

Subsets of requests:
  all      every request of every kind (realloc's new size included), from
           any call site (program code or libc/libstdc++ internals)
  prog     kinds goescape can give a slot (malloc, calloc, aligned,
           posix_memalign, strdup, new: not realloc), call site in program
           code (not libc.so.6 / ld.so / libstdc++ / libgcc_s / libm)
  strdup   strdup/strndup/__strdup/__strndup calls (size = strlen+1 or
           strnlen+1), any call site
  rt       prog requests from call sites whose size is a run-time value:
           strdup sites, sites that saw two or more sizes, and sites whose
           size register (rdi; rdi/rsi for calloc; rdx for posix_memalign)
           is not set from an immediate (or xor) just before the call in
           the machine code; calls through a function pointer (not the
           GOT) are left out of rt
"""
import bisect
import glob
import os
import re
import subprocess
import sys
from collections import defaultdict

EXACT = 4096
OBJDUMP = "/usr/lib/llvm-22/bin/llvm-objdump"
READELF = "/usr/lib/llvm-22/bin/llvm-readelf"
RUNTIME_LIB = re.compile(r"/(libc\.so|ld-linux|libstdc\+\+\.so|libgcc_s\.so|"
                         r"libm\.so)")
SLOT_KINDS = {"malloc", "calloc", "aligned", "posix_memalign", "strdup",
              "new"}
THRESH = [16, 24, 32, 48, 64, 96, 128, 256, 512, 1024]
KS = [16, 32, 64, 128, 256]


def class_label(c):
    if c <= EXACT:
        return str(c)
    b = c - EXACT
    return f"({2 ** (11 + b)}, {2 ** (12 + b)}]"


def class_upper(c):
    return c if c <= EXACT else 2 ** (12 + c - EXACT)


# ---------------------------------------------------------------- parsing

def parse_dir(d):
    """-> list of processes: dict(exe, maps=[(start, end, off, path)],
    hist={(kind, cls): n}, sites={(addr, kind, cls): n}, lost)."""
    procs = []
    for f in sorted(glob.glob(os.path.join(d, "h.*"))):
        cur = None
        for line in open(f, errors="replace"):
            t = line.rstrip("\n")
            if t.startswith("P "):
                _, pid, exe = t.split(" ", 2)
                cur = dict(exe=exe, maps=[], hist=defaultdict(int),
                           sites=defaultdict(int), lost=0)
            elif t.startswith("M ") and cur is not None:
                parts = t[2:].split(None, 5)
                if len(parts) < 6:
                    continue
                a, b = (int(x, 16) for x in parts[0].split("-"))
                cur["maps"].append((a, b, int(parts[2], 16), parts[5]))
            elif t.startswith("H ") and cur is not None:
                _, k, c, n = t.split()
                cur["hist"][(k, int(c))] += int(n)
            elif t.startswith("S ") and cur is not None:
                _, a, k, c, n = t.split()
                cur["sites"][(int(a, 16), k, int(c))] += int(n)
            elif t.startswith("O ") and cur is not None:
                cur["lost"] = int(t.split()[1])
            elif t == "E" and cur is not None:
                cur["maps"].sort()
                procs.append(cur)
                cur = None
    return procs


def locate(maps, addr):
    starts = [m[0] for m in maps]
    i = bisect.bisect_right(starts, addr) - 1
    if i >= 0 and maps[i][0] <= addr < maps[i][1]:
        a, b, off, path = maps[i]
        return path, addr - a + off
    return None, None


_loads = {}


def file_to_vaddr(path, fo):
    if path not in _loads:
        segs = []
        try:
            out = subprocess.run([READELF, "-lW", path], capture_output=True,
                                 text=True).stdout
            for l in out.splitlines():
                p = l.split()
                if p and p[0] == "LOAD":
                    segs.append((int(p[1], 16), int(p[2], 16), int(p[4], 16)))
        except OSError:
            pass
        _loads[path] = segs
    for off, va, fsz in _loads[path]:
        if off <= fo < off + fsz:
            return fo - off + va
    return None


# ------------------------------------------------ constant-size detection

INSN_RE = re.compile(r"^\s*([0-9a-f]+):\s+((?:[0-9a-f]{2} )+)\s*(.*)$")
REGS = {
    "rdi": ("%rdi", "%edi", "%di", "%dil"),
    "rsi": ("%rsi", "%esi", "%si", "%sil"),
    "rdx": ("%rdx", "%edx", "%dx", "%dl"),
}
SIZE_REGS = {"malloc": ["rdi"], "new": ["rdi"], "calloc": ["rdi", "rsi"],
             "posix_memalign": ["rdx"], "aligned": None, "strdup": None,
             "realloc": ["rsi"]}
_disasm = {}


def disasm_before(path, va):
    """Instructions [(addr, len, text)] ending exactly at va, last a call;
    None if no such decoding was found."""
    key = (path, va)
    if key in _disasm:
        return _disasm[key]
    res = None
    for back in (96, 95, 94, 93, 92, 91, 90, 89, 80, 64, 48, 40, 32):
        if va < back:
            continue
        out = subprocess.run(
            [OBJDUMP, "-d", f"--start-address={va - back:#x}",
             f"--stop-address={va:#x}", path],
            capture_output=True, text=True, errors="replace").stdout
        ins = []
        for l in out.splitlines():
            m = INSN_RE.match(l)
            if m:
                ins.append((int(m.group(1), 16), len(m.group(2).split()),
                            m.group(3).strip()))
        if ins and ins[-1][0] + ins[-1][1] == va and \
                ins[-1][2].startswith("call"):
            res = ins
            break
    _disasm[key] = res
    return res


def reg_verdict(ins, reg):
    """'const', 'runtime' or 'unknown' for the value of reg at the call."""
    names = REGS[reg]
    for addr, ln, text in reversed(ins[:-1][-24:]):
        op = text.split(None, 1)
        mn = op[0]
        args = op[1].split("#")[0].strip() if len(op) > 1 else ""
        if mn.startswith(("call", "jmp", "ret", "ud2", "int3")):
            return "unknown"
        if not args:
            continue
        # AT&T: the destination is the last operand
        parts = [a.strip() for a in re.split(r",(?![^()]*\))", args)]
        dst = parts[-1]
        if dst in names:
            if mn.startswith("mov") and parts[0].startswith("$"):
                return "const"
            if mn.startswith("xor") and len(parts) == 2 and \
                    parts[0] in names:
                return "const"
            return "runtime"
        if mn.startswith(("xchg",)) and any(p in names for p in parts):
            return "runtime"
    return "unknown"


def site_verdict(path, va, kind):
    regs = SIZE_REGS.get(kind)
    if kind == "strdup":
        return "runtime"
    if regs is None or path is None or va is None:
        return "unknown"
    ins = disasm_before(path, va)
    if ins is None:
        return "unknown"
    vs = [reg_verdict(ins, r) for r in regs]
    if "runtime" in vs:
        return "runtime"
    if all(v == "const" for v in vs):
        return "const"
    return "unknown"


# -------------------------------------------------------------- statistics

class Dist:
    def __init__(self):
        self.h = defaultdict(float)

    def add(self, c, n):
        self.h[c] += n

    def total(self):
        return sum(self.h.values())

    def cdf_le(self, x):
        """fraction of requests with size <= x (x <= 4096)."""
        t = self.total()
        return sum(n for c, n in self.h.items() if c <= x) / t if t else 0

    def quantile(self, q):
        t = self.total()
        if not t:
            return None
        acc = 0
        for c in sorted(self.h):
            acc += self.h[c]
            if acc >= q * t - 1e-9:
                return c
        return max(self.h)

    def normalised(self):
        d = Dist()
        t = self.total()
        for c, n in self.h.items():
            d.add(c, n / t)
        return d


MIN_EQUAL = 100


def mix(dists):
    """Each distribution weighted equally; those with fewer than MIN_EQUAL
    requests are left out (a run with 1 request would weigh as much as one
    with millions)."""
    out = Dist()
    ds = [d for d in dists if d.total() >= MIN_EQUAL]
    for d in ds:
        for c, n in d.normalised().h.items():
            out.add(c, n / len(ds))
    return out


def pooled(dists):
    out = Dist()
    for d in dists:
        for c, n in d.h.items():
            out.add(c, n)
    return out


def pct(x):
    return f"{100 * x:.1f}"


def table_sizes(rows, title):
    print(f"\n#### {title}: fraction of requests with size <= N (%)\n")
    print("| run | requests | " + " | ".join(f"<={t}" for t in THRESH) +
          " | median | p90 |")
    print("|---|---:|" + "---:|" * len(THRESH) + "---:|---:|")
    for name, d, cnt in rows:
        calls = int(cnt.total())
        if not d.total():
            print(f"| {name} | 0 |" + " |" * (len(THRESH) + 2))
            continue
        med, p90 = d.quantile(0.5), d.quantile(0.9)
        print(f"| {name} | {calls} | " +
              " | ".join(pct(d.cdf_le(t)) for t in THRESH) +
              f" | {class_label(med)} | {class_label(p90)} |")


def table_fit(rows, title):
    print(f"\n#### {title}: of the requests of size <= 1024, the fraction "
          f"that fit a K-byte slot (size <= K, %)\n")
    print("| run | requests <= 1024 | " + " | ".join(f"K={k}" for k in KS) +
          " |")
    print("|---|---:|" + "---:|" * len(KS))
    for name, d, cnt in rows:
        small = Dist()
        for c, n in d.h.items():
            if c <= 1024:
                small.add(c, n)
        if not small.total():
            print(f"| {name} | 0 |" + " |" * len(KS))
            continue
        sc = int(sum(n for c, n in cnt.h.items() if c <= 1024))
        print(f"| {name} | {sc} | " +
              " | ".join(pct(small.cdf_le(k)) for k in KS) + " |")


def main():
    runs = []
    for a in sys.argv[1:]:
        name, d = a.split("=", 1)
        runs.append((name, d))
    subsets = ["all", "prog", "strdup", "rt"]
    data = {}      # (run, subset) -> Dist
    info = {}
    sitestats = {}
    allsites = defaultdict(lambda: defaultdict(int))
    for name, d in runs:
        procs = parse_dir(d)
        dists = {s: Dist() for s in subsets}
        kinds = defaultdict(int)
        lost = 0
        nsites = defaultdict(int)
        rt_sites = defaultdict(int)
        for p in procs:
            lost += p["lost"]
            for (k, c), n in p["hist"].items():
                dists["all"].add(c, n)
                kinds[k] += n
                if k == "strdup":
                    dists["strdup"].add(c, n)
            # per site: sizes seen
            per = defaultdict(dict)
            for (a, k, c), n in p["sites"].items():
                per[(a, k)][c] = n
            for (a, k), cs in per.items():
                path, fo = locate(p["maps"], a)
                own = path is not None and not RUNTIME_LIB.search(path)
                if not own or k not in SLOT_KINDS:
                    continue
                nsites["prog"] += 1
                for c, n in cs.items():
                    dists["prog"].add(c, n)
                va = file_to_vaddr(path, fo) if path.startswith("/") \
                    else None
                ins = disasm_before(path, va) if va is not None else None
                if ins and re.match(r"call\w*\s+\*", ins[-1][2]) and \
                        "(%rip)" not in ins[-1][2]:
                    # through a function pointer (expat's malloc_fcn,
                    # pcre2's memctl): not a call goescape could see as an
                    # allocation
                    nsites["indirect"] += 1
                    continue
                if k == "strdup" or len(cs) > 1:
                    v = "runtime"
                else:
                    v = site_verdict(path, va, k)
                nsites[v] += 1
                if v == "runtime":
                    rt_sites[(path, fo, k)] += sum(cs.values())
                    m = allsites[(name.split(":")[0], path, fo, k)]
                    for c, n in cs.items():
                        m[c] += n
                    for c, n in cs.items():
                        dists["rt"].add(c, n)
        for s in subsets:
            data[(name, s)] = dists[s]
        info[name] = dict(procs=len(procs), kinds=dict(kinds), lost=lost,
                          nsites=dict(nsites))
        sitestats[name] = rt_sites

    print("#### Processes and requests per run\n")
    print("| run | processes | requests | malloc | calloc | realloc | "
          "aligned+posix_memalign | strdup/strndup | new | dropped by site "
          "table | program-code sites (const / run-time / unknown / "
          "indirect call) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, _ in runs:
        i = info[name]
        k = i["kinds"]
        ns = i["nsites"]
        print(f"| {name} | {i['procs']} | {sum(k.values())} | "
              f"{k.get('malloc', 0)} | {k.get('calloc', 0)} | "
              f"{k.get('realloc', 0)} | "
              f"{k.get('aligned', 0) + k.get('posix_memalign', 0)} | "
              f"{k.get('strdup', 0)} | {k.get('new', 0)} | {i['lost']} | "
              f"{ns.get('prog', 0)} ({ns.get('const', 0)} / "
              f"{ns.get('runtime', 0)} / {ns.get('unknown', 0)} / "
              f"{ns.get('indirect', 0)}) |")

    groups = {}
    for name, _ in runs:
        g = name.split(":")[0]
        groups.setdefault(g, []).append(name)

    labels = dict(all="ALL heap requests (every kind, any call site)",
                  prog="Slot-able kinds (not realloc) called from program "
                       "code (not libc/libstdc++ internals)",
                  strdup="strdup/strndup only",
                  rt="Run-time-sized sites only (program code, slot-able "
                     "kinds, direct calls; strdup, >=2 sizes seen, or size "
                     "register not an immediate)")
    for s in subsets:
        rows = []
        for name, _ in runs:
            dd = data[(name, s)]
            rows.append((name, dd, dd))
        for g, names in groups.items():
            ds = [data[(n, s)] for n in names]
            rows.append((f"**{g}: each run equal (runs >= 100 requests)**", mix(ds), pooled(ds)))
            rows.append((f"**{g}: by requests**", pooled(ds), pooled(ds)))
        alld = [data[(n, s)] for n, _ in runs]
        rows.append(("**everything: each run equal (runs >= 100 requests)**", mix(alld),
                     pooled(alld)))
        rows.append(("**everything: by requests**", pooled(alld),
                     pooled(alld)))
        print(f"\n### {labels[s]}")
        table_sizes(rows, labels[s])
        table_fit(rows, labels[s])

    print("\n#### Run-time-sized sites (one row per group): the fraction of "
          "sites (a site: module, offset and kind, its requests summed over "
          "the group's processes; each site counted once, equally) whose "
          "requests fit a K-byte slot at least half / 90% of the time (%)\n")
    print("| group | sites | " + " | ".join(f"K={k} >=50% / >=90%"
                                          for k in KS) + " |")
    print("|---|---:|" + "---:|" * len(KS))
    for g in list(groups) + ["everything"]:
        ss = [cs for (gg, p, fo, k), cs in allsites.items()
              if g == "everything" or gg == g]
        cells = []
        for k in KS:
            half = nine = 0
            for cs in ss:
                t = sum(cs.values())
                f = sum(n for c, n in cs.items() if c <= k) / t
                half += f >= 0.5
                nine += f >= 0.9
            cells.append(f"{pct(half / len(ss))} / {pct(nine / len(ss))}"
                         if ss else "")
        print(f"| {g} | {len(ss)} | " + " | ".join(cells) + " |")

    print("\n#### Most common sizes per run (all requests; size: % of the "
          "run's requests)\n")
    for name, _ in runs:
        d = data[(name, "all")]
        t = d.total()
        top = sorted(d.h.items(), key=lambda x: -x[1])[:6]
        print(f"- {name}: " + ", ".join(f"{class_label(c)}: {pct(n / t)}"
                                       for c, n in top))
    print("\n#### Most common sizes per run, run-time-sized sites only\n")
    for name, _ in runs:
        d = data[(name, "rt")]
        t = d.total()
        if not t:
            print(f"- {name}: none")
            continue
        top = sorted(d.h.items(), key=lambda x: -x[1])[:6]
        print(f"- {name}: " + ", ".join(f"{class_label(c)}: {pct(n / t)}"
                                       for c, n in top))

    print("\n#### Busiest run-time-sized sites per run (module+file offset, "
          "kind, requests)\n")
    for name, _ in runs:
        top = sorted(sitestats[name].items(), key=lambda x: -x[1])[:4]
        print(f"- {name}: " + "; ".join(
            f"{os.path.basename(p)}+{fo:#x} {k} {n}"
            for (p, fo, k), n in top))


if __name__ == "__main__":
    main()
