#!/usr/bin/env python3
"""Random allocation-heavy LLVM IR modules for robustness testing of goescape.

Two generators, both deterministic in a random.Random they are handed:

  gen_module(rng)            a module of several functions built from nested
                             regions (branches, loops with header phis,
                             switches, irreducible cycles, early returns) over
                             heap objects: malloc/calloc/aligned_alloc/
                             posix_memalign/new, frees on some paths, stores
                             of pointers into objects and globals, loads,
                             GEPs, ptrtoint, selects and phis of several
                             objects, calls with and without captures(none),
                             calls between the functions (recursion too),
                             memcpy/memset, tail and musttail calls, setjmp;
                             and, more rarely, invokes with shared landing
                             pads, unreachable blocks, dynamic allocas and
                             stacksave, vectors of pointers, operand
                             bundles, calls whose type does not match the
                             library prototype, undef sizes, odd data
                             layouts (32-bit pointers, allocas in addrspace 5).
  rewrite_stress(text, rng)  an llvm-stress module whose allocas are turned,
                             in good part, into heap allocations freed before
                             each return.

Every module should be valid IR; the caller still verifies each one and drops
any that is not (see stress.py). Python 3 standard library only.

Run directly to print one module:
  genalloc.py --seed 7                          a gen_module module
  genalloc.py --seed 7 --stress-input S.ll      S.ll (from llvm-stress) rewritten
stress.py generates its modules with seeds of its own; `stress.py --dump DIR`
keeps them.
"""

import argparse
import random
import re
import sys

# ---------------------------------------------------------------------------
# Declarations. A module names only those it uses; some come in variants:
# the plain prototype first, then with attributes (what clang's inferattrs
# adds; LLVM 22's memory builtins recognise an allocation function by them,
# so without them only inferattrs or a full pipeline makes a site of it).

DECLS = {
    "malloc": ["declare ptr @malloc(i64)",
               'declare noalias ptr @malloc(i64) allocsize(0) '
               'allockind("alloc,uninitialized") "alloc-family"="malloc"'],
    "calloc": ["declare ptr @calloc(i64, i64)",
               'declare noalias ptr @calloc(i64, i64) allocsize(0,1) '
               'allockind("alloc,zeroed") "alloc-family"="malloc"'],
    "aligned_alloc": ["declare ptr @aligned_alloc(i64, i64)",
                      'declare noalias ptr @aligned_alloc(i64 allocalign, i64) '
                      'allocsize(1) allockind("alloc,uninitialized,aligned") '
                      '"alloc-family"="malloc"'],
    "memalign": ["declare ptr @memalign(i64, i64)"],
    "valloc": ["declare ptr @valloc(i64)"],
    "posix_memalign": ["declare i32 @posix_memalign(ptr, i64, i64)"],
    "realloc": ["declare ptr @realloc(ptr, i64)"],
    "strdup": ["declare ptr @strdup(ptr)"],
    "free": ["declare void @free(ptr)",
             'declare void @free(ptr allocptr captures(none)) '
             'allockind("free") "alloc-family"="malloc"'],
    "_Znwm": ["declare ptr @_Znwm(i64)",
              "declare noalias nonnull ptr @_Znwm(i64) nobuiltin allocsize(0)",
              'declare noalias nonnull ptr @_Znwm(i64) allockind("alloc,uninitialized") '
              'allocsize(0) "alloc-family"="_Znwm"'],
    "_Znam": ["declare ptr @_Znam(i64)",
              'declare noalias nonnull ptr @_Znam(i64) allockind("alloc,uninitialized") '
              'allocsize(0) "alloc-family"="_Znam"'],
    "_ZnwmSt11align_val_t": ["declare ptr @_ZnwmSt11align_val_t(i64, i64)",
                             'declare noalias nonnull ptr @_ZnwmSt11align_val_t(i64, i64 '
                             'allocalign) allockind("alloc,uninitialized,aligned") '
                             'allocsize(0) "alloc-family"="_ZnwmSt11align_val_t"'],
    "_ZdlPv": ["declare void @_ZdlPv(ptr)",
               'declare void @_ZdlPv(ptr allocptr captures(none)) allockind("free") '
               '"alloc-family"="_Znwm"'],
    "_ZdaPv": ["declare void @_ZdaPv(ptr)",
               'declare void @_ZdaPv(ptr allocptr captures(none)) allockind("free") '
               '"alloc-family"="_Znam"'],
    "_ZdlPvm": ["declare void @_ZdlPvm(ptr, i64)",
                'declare void @_ZdlPvm(ptr allocptr captures(none), i64) allockind("free") '
                '"alloc-family"="_Znwm"'],
    "_ZdlPvSt11align_val_t": ["declare void @_ZdlPvSt11align_val_t(ptr, i64)",
                              'declare void @_ZdlPvSt11align_val_t(ptr allocptr '
                              'captures(none), i64) allockind("free") '
                              '"alloc-family"="_ZnwmSt11align_val_t"'],
    "my_alloc": ['declare ptr @my_alloc(i64) allocsize(0) '
                 'allockind("alloc,uninitialized") "alloc-family"="myalloc"'],
    "my_free": ['declare void @my_free(ptr allocptr) allockind("free") '
                '"alloc-family"="myalloc"'],
    "setjmp": ["declare i32 @setjmp(ptr) returns_twice"],
    "abort": ["declare void @abort() noreturn nounwind"],
    "printf": ["declare i32 @printf(ptr, ...)"],
    "ext_use": ["declare void @ext_use(ptr)"],
    "ext_nocap": ["declare void @ext_nocap(ptr nocapture)"],
    "ext_cnone": ["declare void @ext_cnone(ptr captures(none))"],
    "ext_ro": ["declare void @ext_ro(ptr nocapture readonly) nounwind "
               "memory(argmem: read)"],
    "ext_caddr": ["declare void @ext_caddr(ptr captures(address))"],
    "ext_cret": ["declare ptr @ext_cret(ptr captures(ret: address, provenance))"],
    "ext_ret": ["declare ptr @ext_ret(ptr)"],
    "ext_returned": ["declare ptr @ext_returned(ptr returned)"],
    "ext_i64": ["declare i64 @ext_i64(ptr captures(none))"],
    "ext_two": ["declare void @ext_two(ptr captures(none), ptr)"],
    "ext_cond": ["declare i1 @ext_cond()"],
    "ext_getp": ["declare ptr @ext_getp()"],
    "ext_fnptr": ["declare ptr @ext_fnptr()"],
    "ext_byval": ["declare void @ext_byval(ptr byval([16 x i8]))"],
    "ext_invoke": ["declare void @ext_invoke(ptr)"],
    "llvm.stacksave": ["declare ptr @llvm.stacksave.p0()"],
    "llvm.stackrestore": ["declare void @llvm.stackrestore.p0(ptr)"],
    "llvm.memcpy": ["declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)"],
    "llvm.memmove": ["declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)"],
    "llvm.memset": ["declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)"],
    "llvm.lifetime.start": ["declare void @llvm.lifetime.start.p0(ptr)"],
    "llvm.lifetime.end": ["declare void @llvm.lifetime.end.p0(ptr)"],
    "llvm.objectsize": ["declare i64 @llvm.objectsize.i64.p0(ptr, i1, i1, i1)"],
    "llvm.assume": ["declare void @llvm.assume(i1)"],
    "llvm.ptrmask": ["declare ptr @llvm.ptrmask.p0.i64(ptr, i64)"],
    "llvm.launder": ["declare ptr @llvm.launder.invariant.group.p0(ptr)"],
    "llvm.strip": ["declare ptr @llvm.strip.invariant.group.p0(ptr)"],
    "llvm.prefetch": ["declare void @llvm.prefetch.p0(ptr, i32, i32, i32)"],
    "llvm.invariant.start": ["declare ptr @llvm.invariant.start.p0(i64, ptr)"],
    "llvm.masked.store": ["declare void @llvm.masked.store.v2i64.p0(<2 x i64>, ptr, <2 x i1>)"],
    "llvm.masked.scatter": ["declare void @llvm.masked.scatter.v2i64.v2p0(<2 x i64>, "
                            "<2 x ptr>, <2 x i1>)"],
    "llvm.masked.gather": ["declare <2 x i64> @llvm.masked.gather.v2i64.v2p0(<2 x ptr>, "
                           "<2 x i1>, <2 x i64>)"],
    "llvm.memcpy.inline": ["declare void @llvm.memcpy.inline.p0.p0.i64(ptr, ptr, i64, i1)"],
    "llvm.memset.inline": ["declare void @llvm.memset.inline.p0.i64(ptr, i8, i64, i1)"],
    "__gxx_personality_v0": ["declare i32 @__gxx_personality_v0(...)"],
}

# Prototypes that do not match the library's, or a global variable of the
# name: calls stay as `call ptr @malloc(i64 N)`, which is valid IR with a
# callee of another type. Only some modules use them.
WEIRD_DECLS = {
    "malloc": ["declare ptr @malloc(i32)", "declare i64 @malloc(i64)",
               "@malloc = external global i8", "declare ptr @malloc(i64, ...)"],
    "free": ["declare i32 @free(ptr)", "declare void @free(i64)",
             "@free = external global ptr", "declare void @free(ptr, ptr)"],
    "calloc": ["declare ptr @calloc(i64)"],
    "aligned_alloc": ["declare ptr @aligned_alloc(i64)"],
    "posix_memalign": ["declare ptr @posix_memalign(ptr, i64, i64)"],
    "_Znwm": ["declare ptr @_Znwm(i32)"],
    "_ZdlPv": ["declare void @_ZdlPv()"],
}

# Allocation functions: (decl key, family) and the deallocators per family.
DEALLOC = {
    "malloc": "free", "calloc": "free", "aligned_alloc": "free",
    "memalign": "free", "valloc": "free", "posix_memalign": "free",
    "realloc": "free", "strdup": "free",
    "_Znwm": "_ZdlPv", "_Znam": "_ZdaPv",
    "_ZnwmSt11align_val_t": "_ZdlPvSt11align_val_t",
    "my_alloc": "my_free",
}

SIZES = [0, 1, 2, 4, 8, 12, 16, 24, 32, 40, 64, 100, 128, 256, 512, 1000,
         1024, 4096, 8192, 65536, 65537, 1 << 20, 1 << 31, -1]
COMMON_SIZES = [8, 16, 24, 32, 64, 128, 256]
ALIGNS = [1, 2, 8, 16, 32, 64, 128, 4096, 3, 0, 1 << 33]
COMMON_ALIGNS = [16, 32, 64]

DATALAYOUTS = [
    None,
    None,
    'target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-'
    'i128:128-f80:128-n8:16:32:64-S128"\ntarget triple = '
    '"x86_64-unknown-linux-gnu"',
    'target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-'
    'S128-Fn32"\ntarget triple = "aarch64-unknown-linux-gnu"',
    # Allocas in address space 5, as on AMDGPU: entry allocas are cast.
    'target datalayout = "e-p:64:64-p5:32:32-A5"',
    # 32-bit pointers: malloc(i64) no longer matches size_t.
    'target datalayout = "e-p:32:32-i64:64-n32-S128"',
]


class Module:
    """Collects declarations, globals and function bodies of one module."""

    def __init__(self, rng):
        self.rng = rng
        self.decls = {}          # key -> text
        self.globals = []        # lines
        self.functions = []      # texts
        self.attr_groups = []
        self.defined = set()     # library functions given a body here
        self.header = None
        self.alloca_as = 0       # address space of allocas
        self.ptr32 = False       # 32-bit pointers
        self.weird = False       # may declare library functions oddly

    def use(self, key):
        if key not in self.decls and key not in self.defined:
            if self.weird and key in WEIRD_DECLS and self.rng.random() < 0.5:
                self.decls[key] = self.rng.choice(WEIRD_DECLS[key])
            elif len(DECLS[key]) > 1 and self.rng.random() < 0.7:
                self.decls[key] = self.rng.choice(DECLS[key][1:])
            else:
                self.decls[key] = DECLS[key][0]
        return key

    def text(self):
        out = []
        if self.header:
            out.append(self.header)
            out.append("")
        out.extend(self.globals)
        out.append("")
        out.extend(self.functions)
        for key in sorted(self.decls):
            out.append(self.decls[key])
        out.extend(self.attr_groups)
        return "\n".join(out) + "\n"


class Sig:
    def __init__(self, name, ret, params, internal, fnattrs):
        self.name = name
        self.ret = ret
        self.params = params     # list of (type, attrs)
        self.internal = internal
        self.fnattrs = fnattrs


class Env:
    """Values that dominate the current program point, by type."""

    def __init__(self, other=None):
        if other is None:
            self.vals = {"ptr": [], "i64": [], "i1": [], "i32": []}
            self.allocs = []     # (name, family key)
        else:
            self.vals = {k: list(v) for k, v in other.vals.items()}
            self.allocs = list(other.allocs)

    def add(self, ty, name):
        self.vals[ty].append(name)


class FuncGen:
    def __init__(self, mod, sig, sigs, rng, features):
        self.mod = mod
        self.sig = sig
        self.sigs = sigs
        self.rng = rng
        self.f = features
        self.n = 0
        self.entry_allocas = []
        self.blocks = []         # [label, [lines]]
        self.patches = {}        # placeholder -> text
        self.budget = 0
        self.personality = False
        self.lpad = None         # shared landing pad: label
        self.lpad_in = []        # its phi's incoming (pred label, value)

    # -- helpers ----------------------------------------------------------
    def fresh(self, stem="v"):
        self.n += 1
        return "%%%s%d" % (stem, self.n)

    def label(self, stem="bb"):
        self.n += 1
        return "%s%d" % (stem, self.n)

    def emit(self, line):
        self.blocks[-1][1].append("  " + line)

    def start_block(self, label):
        self.blocks.append([label, []])

    @property
    def cur(self):
        return self.blocks[-1][0]

    def entry_alloca(self, ty, align):
        """An alloca in the entry block, as a generic (addrspace 0) ptr."""
        name = self.fresh("slot")
        if self.mod.alloca_as:
            raw = name + ".as"
            self.entry_allocas.append("  %s = alloca %s, align %d, addrspace(%d)"
                                      % (raw, ty, align, self.mod.alloca_as))
            self.entry_allocas.append("  %s = addrspacecast ptr addrspace(%d) %s to ptr"
                                      % (name, self.mod.alloca_as, raw))
        else:
            self.entry_allocas.append("  %s = alloca %s, align %d" % (name, ty, align))
        return name

    def pick(self, env, ty, allow_const=True):
        r = self.rng
        vals = env.vals[ty]
        if ty == "ptr":
            if vals and r.random() < 0.85:
                return r.choice(vals)
            if r.random() < 0.4 and env.allocs:
                return r.choice(env.allocs)[0]
            g = r.choice(["@G0", "@G1", "@GI", "@GA", "@GT", "null"])
            return g
        if vals and (not allow_const or r.random() < 0.7):
            return r.choice(vals)
        if not allow_const and not vals:
            # make one
            return self.make_int(env, ty)
        if ty == "i1":
            return r.choice(["true", "false"])
        return str(r.choice([0, 1, 2, 3, 7, 8, 16, 100, -1]))

    def make_int(self, env, ty):
        r = self.rng
        if ty == "i1":
            return self.make_cond(env)
        name = self.fresh()
        src = self.pick(env, "i64")
        if ty == "i32":
            self.emit("%s = trunc i64 %s to i32" % (name, src))
        else:
            self.emit("%s = add i64 %s, %d" % (name, src, r.randint(0, 9)))
        env.add(ty, name)
        return name

    def make_cond(self, env):
        r = self.rng
        name = self.fresh("c")
        k = r.random()
        if k < 0.35 and env.vals["ptr"]:
            a = self.pick(env, "ptr")
            b = r.choice(["null", self.pick(env, "ptr")])
            self.emit("%s = icmp eq ptr %s, %s" % (name, a, b))
        elif k < 0.5:
            self.mod.use("ext_cond")
            self.emit("%s = call i1 @ext_cond()" % name)
        else:
            a = self.pick(env, "i64")
            self.emit("%s = icmp %s i64 %s, %d" % (name, r.choice(["slt", "eq", "ugt", "ne"]),
                                                   a, r.randint(-2, 20)))
        env.add("i1", name)
        return name

    def cond(self, env):
        if env.vals["i1"] and self.rng.random() < 0.4:
            return self.rng.choice(env.vals["i1"])
        return self.make_cond(env)

    def size_arg(self, env, common=0.6):
        r = self.rng
        k = r.random()
        if k < common:
            return "i64 %d" % r.choice(COMMON_SIZES)
        if k < 0.85 or not env.vals["i64"]:
            return "i64 %d" % r.choice(SIZES)
        v = r.choice(env.vals["i64"])
        if r.random() < 0.5:
            m = self.fresh()
            self.emit("%s = and i64 %s, %d" % (m, v, r.choice([15, 255, 4095])))
            return "i64 " + m
        return "i64 " + v

    def align_arg(self, env):
        r = self.rng
        if r.random() < 0.1 and env.vals["i64"]:
            return "i64 " + r.choice(env.vals["i64"])
        if r.random() < 0.7:
            return "i64 %d" % r.choice(COMMON_ALIGNS)
        return "i64 %d" % r.choice(ALIGNS)

    # -- allocation ---------------------------------------------------------
    def op_alloc(self, env):
        r = self.rng
        kinds = ["malloc"] * 6 + ["calloc"] * 2 + ["aligned_alloc"] * 2 + \
            ["posix_memalign"] * 2 + ["_Znwm"] * 2 + ["_Znam", "memalign", "valloc",
                                                     "_ZnwmSt11align_val_t", "my_alloc",
                                                     "strdup"]
        kind = r.choice(kinds)
        name = self.fresh("p")
        self.mod.use(kind)
        if kind == "posix_memalign":
            slot = self.entry_alloca("ptr", 8)
            rc = self.fresh("rc")
            self.emit("%s = call i32 @posix_memalign(ptr %s, %s, %s)"
                      % (rc, slot, self.align_arg(env), self.size_arg(env)))
            self.emit("%s = load ptr, ptr %s, align 8" % (name, slot))
            if r.random() < 0.5:
                c = self.fresh("c")
                self.emit("%s = icmp eq i32 %s, 0" % (c, rc))
                env.add("i1", c)
            env.add("i32", rc)
        elif kind == "calloc":
            n = "i64 %d" % r.choice([1, 1, 2, 4, 10, 0, 1 << 33]) if r.random() < 0.8 \
                else self.size_arg(env)
            self.emit("%s = call ptr @calloc(%s, %s)" % (name, n, self.size_arg(env)))
        elif kind in ("aligned_alloc", "memalign", "_ZnwmSt11align_val_t"):
            if kind == "_ZnwmSt11align_val_t":
                self.emit("%s = call ptr @%s(%s, %s)" % (name, kind, self.size_arg(env),
                                                         self.align_arg(env)))
            else:
                self.emit("%s = call ptr @%s(%s, %s)" % (name, kind, self.align_arg(env),
                                                         self.size_arg(env)))
        elif kind == "strdup":
            src = self.pick(env, "ptr")
            self.emit("%s = call ptr @strdup(ptr %s)" % (name, src))
        elif kind in ("_Znwm", "_Znam"):
            extra = r.choice(["", "", " builtin", " #0"])
            if extra == " #0":
                self.need_builtin_group()
            if self.f.get("eh") and r.random() < 0.5:
                self.invoke("%s = invoke ptr @%s(%s)%s" % (name, kind, self.size_arg(env), extra),
                            env)
            else:
                self.emit("%s = call ptr @%s(%s)%s" % (name, kind, self.size_arg(env), extra))
        else:
            self.emit("%s = call ptr @%s(%s)" % (name, kind, self.size_arg(env)))
        env.add("ptr", name)
        env.allocs.append((name, kind))
        return name

    def invoke(self, head, env):
        """Emit `head to label %ok unwind label %lpad` and go on in %ok. The
        landing pad is the invoke's own, or one shared by several invokes
        with a phi of objects that it frees."""
        r = self.rng
        self.personality = True
        self.mod.use("__gxx_personality_v0")
        ok = self.label("ok")
        if r.random() < 0.5:
            if self.lpad is None:
                self.lpad = self.label("lpad")
            if env.allocs and r.random() < 0.8:
                v = r.choice(env.allocs)[0]
            else:
                v = self.pick(env, "ptr")
            self.lpad_in.append((self.cur, v))
            self.emit("%s to label %%%s unwind label %%%s" % (head, ok, self.lpad))
            self.start_block(ok)
            return
        lp = self.label("lpad")
        self.emit("%s to label %%%s unwind label %%%s" % (head, ok, lp))
        self.start_block(lp)
        lpv = self.fresh("lp")
        self.emit("%s = landingpad { ptr, i32 } cleanup" % lpv)
        if env.allocs and r.random() < 0.6:
            self.op_free(env)
        self.emit("resume { ptr, i32 } %s" % lpv)
        self.start_block(ok)

    def shared_lpad_block(self):
        if self.lpad is None:
            return
        self.start_block(self.lpad)
        phi = self.fresh("lpp")
        self.emit("%s = phi ptr %s" % (phi, ", ".join("[ %s, %%%s ]" % (v, lab)
                                                       for lab, v in self.lpad_in)))
        lpv = self.fresh("lp")
        self.emit("%s = landingpad { ptr, i32 } cleanup" % lpv)
        self.mod.use("free")
        self.emit("call void @free(ptr %s)" % phi)
        self.emit("resume { ptr, i32 } %s" % lpv)

    def op_invoke_ext(self, env):
        if not self.f.get("eh"):
            return self.op_call_ext(env)
        self.mod.use("ext_invoke")
        self.invoke("invoke void @ext_invoke(ptr %s)" % self.pick(env, "ptr"), env)

    def op_odd_call(self, env):
        """Calls whose type does not match the library prototype, undefined
        sizes, nobuiltin call sites, call-site attributes."""
        r = self.rng
        k = r.randrange(10)
        name = self.fresh("odd")
        if k == 0:
            self.mod.use("malloc")
            self.emit("%s = call i64 @malloc(i64 16)" % name)
            env.add("i64", name)
            return
        if k == 1:
            self.mod.use("malloc")
            self.emit("%s = call ptr @malloc(i32 16)" % name)
        elif k == 2:
            self.mod.use("calloc")
            self.emit("%s = call ptr @calloc(i64 16)" % name)
        elif k == 3:
            self.mod.use("malloc")
            self.emit("%s = call ptr @malloc(i64 %s)" % (name, r.choice(["undef", "poison"])))
            env.allocs.append((name, "malloc"))
        elif k == 4:
            self.mod.use("aligned_alloc")
            self.emit("%s = call ptr @aligned_alloc(i64 %s, i64 32)"
                      % (name, r.choice(["undef", "poison"])))
            env.allocs.append((name, "aligned_alloc"))
        elif k == 5:
            self.mod.use("malloc")
            if "attributes #1" not in "".join(self.mod.attr_groups):
                self.mod.attr_groups.append("attributes #1 = { nobuiltin }")
            self.emit("%s = call ptr @malloc(i64 16) #1" % name)
            env.allocs.append((name, "malloc"))
        elif k == 6:
            self.mod.use("malloc")
            self.emit("%s = call noalias noundef nonnull align 16 dereferenceable(32) "
                      "ptr @malloc(i64 noundef 32)" % name)
            env.allocs.append((name, "malloc"))
        elif k == 7:
            self.mod.use("free")
            self.emit("call void @free(ptr %s, i64 1)" % self.pick(env, "ptr"))
            return
        elif k == 8:
            self.mod.use("posix_memalign")
            self.emit("%s = call ptr @posix_memalign(ptr %s, i64 16, i64 16)"
                      % (name, self.pick(env, "ptr")))
        else:
            self.mod.use("ext_byval")
            self.emit("call void @ext_byval(ptr byval([16 x i8]) %s)" % self.pick(env, "ptr"))
            return
        env.add("ptr", name)

    def op_intrinsic(self, env):
        """Intrinsics and instructions that take or give pointers in less
        common ways: invariant groups, masked and vector-of-pointer memory
        operations, ptrtoaddr, operand bundles, a sizeof constant size."""
        r = self.rng
        p = self.pick(env, "ptr")
        name = self.fresh("in")
        k = r.randrange(11)
        if k == 0:
            fn = r.choice(["launder", "strip"])
            self.mod.use("llvm." + fn)
            self.emit("%s = call ptr @llvm.%s.invariant.group.p0(ptr %s)" % (name, fn, p))
            env.add("ptr", name)
        elif k == 1:
            self.mod.use("llvm.prefetch")
            self.emit("call void @llvm.prefetch.p0(ptr %s, i32 0, i32 3, i32 1)" % p)
        elif k == 2:
            self.mod.use("llvm.invariant.start")
            self.emit("%s = call ptr @llvm.invariant.start.p0(i64 8, ptr %s)" % (name, p))
        elif k == 3:
            self.mod.use("llvm.masked.store")
            self.emit("call void @llvm.masked.store.v2i64.p0(<2 x i64> zeroinitializer, "
                      "ptr align 8 %s, <2 x i1> <i1 true, i1 false>)" % p)
        elif k in (4, 5):
            q = self.pick(env, "ptr")
            v0, v1, vg = self.fresh("vp"), self.fresh("vp"), self.fresh("vg")
            self.emit("%s = insertelement <2 x ptr> poison, ptr %s, i32 0" % (v0, p))
            self.emit("%s = insertelement <2 x ptr> %s, ptr %s, i32 1" % (v1, v0, q))
            self.emit("%s = getelementptr i8, <2 x ptr> %s, <2 x i64> <i64 8, i64 0>"
                      % (vg, v1))
            if k == 4:
                self.mod.use("llvm.masked.scatter")
                self.emit("call void @llvm.masked.scatter.v2i64.v2p0(<2 x i64> zeroinitializer,"
                          " <2 x ptr> align 8 %s, <2 x i1> <i1 true, i1 true>)" % vg)
            else:
                self.mod.use("llvm.masked.gather")
                self.emit("%s = call <2 x i64> @llvm.masked.gather.v2i64.v2p0(<2 x ptr> "
                          "align 8 %s, <2 x i1> <i1 true, i1 true>, <2 x i64> zeroinitializer)"
                          % (name, vg))
                if r.random() < 0.5:
                    self.emit("store <2 x ptr> %s, ptr %s, align 16" % (vg, self.pick(env, "ptr")))
        elif k == 6:
            vs = self.fresh("vs")
            self.emit("%s = getelementptr i8, ptr %s, <2 x i64> <i64 0, i64 8>" % (vs, p))
            e = self.fresh("ve")
            self.emit("%s = extractelement <2 x ptr> %s, i32 1" % (e, vs))
            env.add("ptr", e)
        elif k == 7:
            fn = r.choice(["memcpy", "memset"])
            self.mod.use("llvm.%s.inline" % fn)
            if fn == "memcpy":
                self.emit("call void @llvm.memcpy.inline.p0.p0.i64(ptr %s, ptr %s, i64 16, i1 false)"
                          % (p, self.pick(env, "ptr")))
            else:
                self.emit("call void @llvm.memset.inline.p0.i64(ptr %s, i8 0, i64 16, i1 false)"
                          % p)
        elif k == 8:
            if self.mod.ptr32:
                self.emit("%s = ptrtoaddr ptr %s to i32" % (name, p))
                env.add("i32", name)
            else:
                self.emit("%s = ptrtoaddr ptr %s to i64" % (name, p))
                env.add("i64", name)
        elif k == 9:
            self.mod.use("ext_use")
            tag = r.choice(["deopt", "unknown-tag"])
            self.emit('call void @ext_use(ptr %s) [ "%s"(ptr %s, i64 1) ]'
                      % (self.pick(env, "ptr"), tag, p))
        else:
            self.mod.use("malloc")
            self.emit("%s = call ptr @malloc(i64 ptrtoint (ptr getelementptr (%%struct.S, "
                      "ptr null, i64 1) to i64))" % name)
            env.add("ptr", name)
            env.allocs.append((name, "malloc"))

    def op_dyn_alloca(self, env):
        """A dynamic alloca (and sometimes a huge static one) next to the
        heap objects: they count against the frame."""
        r = self.rng
        if self.mod.alloca_as:
            return
        name = self.fresh("da")
        if r.random() < 0.3:
            name = self.entry_alloca("[%d x i8]" % r.choice([1 << 17, 60000, 0]), 16)
        else:
            self.emit("%s = alloca i8, i64 %s, align 16" % (name, self.pick(env, "i64")))
        env.add("ptr", name)

    def need_builtin_group(self):
        if not self.mod.attr_groups:
            self.mod.attr_groups.append("attributes #0 = { builtin }")

    def op_free(self, env):
        r = self.rng
        if env.allocs and r.random() < 0.9:
            p, kind = r.choice(env.allocs)
            dealloc = DEALLOC[kind]
            if dealloc == "_ZdlPv" and r.random() < 0.3:
                dealloc = "_ZdlPvm"
            if r.random() < 0.05:
                dealloc = r.choice(["free", "_ZdlPv", "_ZdaPv", "my_free"])
        else:
            p = self.pick(env, "ptr")
            dealloc = r.choice(["free", "_ZdlPv"])
        self.mod.use(dealloc)
        tail = "tail " if r.random() < 0.2 else ""
        if dealloc in ("_ZdlPvm", "_ZdlPvSt11align_val_t"):
            self.emit("%scall void @%s(ptr %s, i64 %d)" % (tail, dealloc, p, 16))
        else:
            self.emit("%scall void @%s(ptr %s)" % (tail, dealloc, p))

    # -- other operations -------------------------------------------------------
    def op_store_int(self, env):
        r = self.rng
        ty = r.choice(["i64", "i64", "i32", "i8"])
        p = self.pick(env, "ptr")
        if ty == "i64":
            v = self.pick(env, "i64")
        elif ty == "i32":
            v = self.pick(env, "i32")
        else:
            v = str(r.randint(0, 255))
        vol = "volatile " if r.random() < 0.05 else ""
        self.emit("store %s%s %s, ptr %s, align %d" % (vol, ty, v, p, {"i64": 8, "i32": 4, "i8": 1}[ty]))

    def op_store_ptr(self, env):
        r = self.rng
        v = self.pick(env, "ptr")
        k = r.random()
        if k < 0.2:
            dst = r.choice(["@G0", "@G1", "@GT", "@GA",
                            "getelementptr inbounds (i8, ptr @GA, i64 8)"])
        elif k < 0.3:
            dst = self.fresh()
            self.emit("%s = getelementptr inbounds [4 x ptr], ptr @GA, i64 0, i64 %d"
                      % (dst, r.randint(0, 3)))
        else:
            dst = self.pick(env, "ptr")
        kind = r.random()
        if kind < 0.05:
            self.emit("store volatile ptr %s, ptr %s, align 8" % (v, dst))
        elif kind < 0.1:
            self.emit("store atomic ptr %s, ptr %s %s, align 8"
                      % (v, dst, r.choice(["seq_cst", "release", "unordered", "monotonic"])))
        else:
            self.emit("store ptr %s, ptr %s, align 8" % (v, dst))

    def op_load(self, env):
        r = self.rng
        p = self.pick(env, "ptr")
        name = self.fresh("l")
        if r.random() < 0.45:
            ato = r.random() < 0.05
            if ato:
                self.emit("%s = load atomic ptr, ptr %s acquire, align 8" % (name, p))
            else:
                self.emit("%s = load ptr, ptr %s, align 8" % (name, p))
            env.add("ptr", name)
        else:
            self.emit("%s = load i64, ptr %s, align 8" % (name, p))
            env.add("i64", name)

    def op_gep(self, env):
        r = self.rng
        p = self.pick(env, "ptr")
        name = self.fresh("g")
        k = r.random()
        inb = r.choice(["inbounds ", "", "nuw ", "inbounds nuw "])
        if k < 0.4:
            self.emit("%s = getelementptr %si8, ptr %s, i64 %d" % (name, inb, p, r.choice([0, 1, 8, 16, 24, -8, 1000])))
        elif k < 0.6:
            self.emit("%s = getelementptr %si64, ptr %s, i64 %s" % (name, inb, p, self.pick(env, "i64")))
        elif k < 0.8:
            self.emit("%s = getelementptr %s%s, ptr %s, i64 0, i32 %d"
                      % (name, inb, r.choice(["{ i64, ptr, [4 x i32] }", "%struct.S"]), p,
                         r.randint(0, 2)))
        else:
            self.emit("%s = getelementptr %s[8 x ptr], ptr %s, i64 0, i64 %s"
                      % (name, inb, p, self.pick(env, "i64")))
        env.add("ptr", name)

    def op_int(self, env):
        r = self.rng
        name = self.fresh("i")
        k = r.random()
        if k < 0.3 and env.vals["ptr"]:
            self.emit("%s = ptrtoint ptr %s to i64" % (name, self.pick(env, "ptr")))
            env.add("i64", name)
            if r.random() < 0.3:
                q = self.fresh("ip")
                self.emit("%s = inttoptr i64 %s to ptr" % (q, name))
                env.add("ptr", q)
        elif k < 0.4:
            self.mod.use("ext_i64")
            self.emit("%s = call i64 @ext_i64(ptr %s)" % (name, self.pick(env, "ptr")))
            env.add("i64", name)
        elif k < 0.5:
            self.mod.use("llvm.objectsize")
            self.emit("%s = call i64 @llvm.objectsize.i64.p0(ptr %s, i1 %s, i1 true, i1 %s)"
                      % (name, self.pick(env, "ptr"), r.choice(["false", "true"]),
                         r.choice(["false", "true"])))
            env.add("i64", name)
        else:
            op = r.choice(["add", "mul", "and", "xor", "sub", "shl", "lshr"])
            self.emit("%s = %s i64 %s, %s" % (name, op, self.pick(env, "i64"), self.pick(env, "i64")))
            env.add("i64", name)

    def op_select(self, env):
        r = self.rng
        c = self.cond(env)
        name = self.fresh("s")
        if r.random() < 0.8:
            a = env.allocs and r.random() < 0.7 and r.choice(env.allocs)[0] or self.pick(env, "ptr")
            b = env.allocs and r.random() < 0.7 and r.choice(env.allocs)[0] or self.pick(env, "ptr")
            self.emit("%s = select i1 %s, ptr %s, ptr %s" % (name, c, a, b))
            env.add("ptr", name)
            if r.random() < 0.2:
                # free the select: an ambiguous free of two objects
                self.mod.use("free")
                self.emit("call void @free(ptr %s)" % name)
        else:
            self.emit("%s = select i1 %s, i64 %s, i64 %s" % (name, c, self.pick(env, "i64"),
                                                           self.pick(env, "i64")))
            env.add("i64", name)

    def op_call_ext(self, env):
        r = self.rng
        p = self.pick(env, "ptr")
        tail = r.choice(["", "", "", "tail ", "notail "])
        k = r.randrange(14)
        if k <= 4:
            fn = ["ext_use", "ext_nocap", "ext_cnone", "ext_ro", "ext_caddr"][k]
            self.mod.use(fn)
            self.emit("%scall void @%s(ptr %s)" % (tail, fn, p))
        elif k <= 6:
            fn = ["ext_ret", "ext_returned", "ext_cret"][r.randrange(3)]
            self.mod.use(fn)
            name = self.fresh("r")
            self.emit("%s = %scall ptr @%s(ptr %s)" % (name, tail, fn, p))
            env.add("ptr", name)
        elif k == 7:
            self.mod.use("ext_two")
            self.emit("%scall void @ext_two(ptr %s, ptr %s)" % (tail, p, self.pick(env, "ptr")))
        elif k == 8:
            self.mod.use("printf")
            self.emit("call i32 (ptr, ...) @printf(ptr @FMT, ptr %s, i64 %s)"
                      % (p, self.pick(env, "i64")))
        elif k == 9:
            # indirect call through a pointer of unknown origin
            fp = self.fresh("fp")
            if r.random() < 0.5:
                self.mod.use("ext_fnptr")
                self.emit("%s = call ptr @ext_fnptr()" % fp)
            else:
                self.mod.use("ext_use")
                self.mod.use("ext_cnone")
                self.emit("%s = select i1 %s, ptr @ext_use, ptr @ext_cnone" % (fp, self.cond(env)))
            self.emit("%scall void %s(ptr %s)" % (tail, fp, p))
        elif k == 10:
            self.emit('call void asm sideeffect "", "r,~{memory}"(ptr %s)' % p)
        elif k == 11:
            self.mod.use("ext_getp")
            name = self.fresh("r")
            self.emit("%s = call ptr @ext_getp()" % name)
            env.add("ptr", name)
        elif k == 12:
            # realloc
            self.mod.use("realloc")
            name = self.fresh("re")
            q = r.choice(env.allocs)[0] if env.allocs else p
            self.emit("%s = call ptr @realloc(ptr %s, %s)" % (name, q, self.size_arg(env)))
            env.add("ptr", name)
            env.allocs.append((name, "realloc"))
        else:
            self.mod.use("llvm.assume")
            if r.random() < 0.5:
                self.emit('call void @llvm.assume(i1 true) [ "nonnull"(ptr %s) ]' % p)
            else:
                self.emit('call void @llvm.assume(i1 true) [ "align"(ptr %s, i64 16) ]' % p)

    def op_mem(self, env):
        r = self.rng
        d = self.pick(env, "ptr")
        vol = r.choice(["false", "false", "false", "true"])
        if r.random() < 0.2 and env.vals["i64"]:
            ln = r.choice(env.vals["i64"])
        else:
            ln = str(r.choice([0, 1, 8, 16, 64, 256, 4096]))
        k = r.random()
        if k < 0.4:
            self.mod.use("llvm.memset")
            self.emit("call void @llvm.memset.p0.i64(ptr %s, i8 %d, i64 %s, i1 %s)"
                      % (d, r.choice([0, 0, 1, 255]), ln, vol))
        else:
            fn = "memcpy" if k < 0.8 else "memmove"
            self.mod.use("llvm." + fn)
            self.emit("call void @llvm.%s.p0.p0.i64(ptr %s, ptr %s, i64 %s, i1 %s)"
                      % (fn, d, self.pick(env, "ptr"), ln, vol))

    def op_atomic(self, env):
        r = self.rng
        name = self.fresh("at")
        p = self.pick(env, "ptr")
        v = self.pick(env, "ptr")
        if r.random() < 0.5:
            self.emit("%s = atomicrmw xchg ptr %s, ptr %s seq_cst, align 8" % (name, p, v))
            env.add("ptr", name)
        else:
            self.emit("%s = cmpxchg ptr %s, ptr null, ptr %s seq_cst seq_cst, align 8"
                      % (name, p, v))
            e = self.fresh("x")
            self.emit("%s = extractvalue { ptr, i1 } %s, 0" % (e, name))
            env.add("ptr", e)

    def op_misc_ptr(self, env):
        r = self.rng
        p = self.pick(env, "ptr")
        name = self.fresh("m")
        k = r.random()
        if k < 0.3:
            self.emit("%s = freeze ptr %s" % (name, p))
            env.add("ptr", name)
        elif k < 0.5 and not self.mod.ptr32:
            self.mod.use("llvm.ptrmask")
            self.emit("%s = call ptr @llvm.ptrmask.p0.i64(ptr %s, i64 -16)" % (name, p))
            env.add("ptr", name)
        elif k < 0.7:
            self.emit("%s = addrspacecast ptr %s to ptr addrspace(1)" % (name, p))
            self.emit("store i64 0, ptr addrspace(1) %s, align 8" % name)
        elif k < 0.85:
            v = self.fresh("vec")
            self.emit("%s = insertelement <2 x ptr> poison, ptr %s, i32 0" % (v, p))
            self.emit("%s = extractelement <2 x ptr> %s, i32 0" % (name, v))
            env.add("ptr", name)
        else:
            # an aggregate holding the pointer, stored as a whole
            agg = self.fresh("agg")
            self.emit("%s = insertvalue { ptr, i64 } poison, ptr %s, 0" % (agg, p))
            self.emit("store { ptr, i64 } %s, ptr %s, align 8" % (agg, self.pick(env, "ptr")))

    def op_lifetime(self, env):
        # a stack object of the function's own, with lifetime markers
        r = self.rng
        if self.mod.alloca_as:
            return
        name = self.entry_alloca("[%d x i8]" % r.choice([8, 32, 128]), 8)
        self.mod.use("llvm.lifetime.start")
        self.mod.use("llvm.lifetime.end")
        self.emit("call void @llvm.lifetime.start.p0(ptr %s)" % name)
        env.add("ptr", name)
        self.deferred_lifetime_end = name

    def op_call_internal(self, env):
        r = self.rng
        callee = r.choice(self.sigs)
        args = []
        for ty, _ in callee.params:
            args.append("%s %s" % (ty, self.pick(env, ty)))
        tail = r.choice(["", "", "tail "])
        if callee.ret == "void":
            self.emit("%scall void @%s(%s)" % (tail, callee.name, ", ".join(args)))
        else:
            name = self.fresh("r")
            self.emit("%s = %scall %s @%s(%s)" % (name, tail, callee.ret, callee.name,
                                                  ", ".join(args)))
            env.add(callee.ret, name)

    OPS = [
        ("op_alloc", 14), ("op_free", 5), ("op_store_int", 5), ("op_store_ptr", 7),
        ("op_load", 5), ("op_gep", 6), ("op_int", 4), ("op_select", 4),
        ("op_call_ext", 7), ("op_mem", 3), ("op_atomic", 1), ("op_misc_ptr", 2),
        ("op_call_internal", 4), ("op_lifetime", 1), ("op_invoke_ext", 1),
        ("op_odd_call", 1), ("op_dyn_alloca", 1), ("op_intrinsic", 2),
    ]

    def one_op(self, env):
        names = [n for n, _ in self.OPS]
        weights = [w for _, w in self.OPS]
        op = self.rng.choices(names, weights)[0]
        getattr(self, op)(env)
        self.budget -= 1

    # -- regions ---------------------------------------------------------------------
    def region(self, env, depth):
        """Generate code from the current block on; returns the env at the end.
        The region always ends in an open (unterminated) block."""
        r = self.rng
        steps = r.randint(1, 6)
        for _ in range(steps):
            if self.budget <= 0:
                break
            k = r.random()
            if depth < 3 and k < 0.12:
                env = self.if_else(env, depth)
            elif depth < 3 and k < 0.22:
                env = self.loop(env, depth)
            elif depth < 3 and k < 0.25:
                env = self.switch(env, depth)
            elif depth < 2 and k < 0.27 and self.f.get("irreducible"):
                env = self.irreducible(env, depth)
            else:
                for _ in range(r.randint(1, 4)):
                    self.one_op(env)
        return env

    def terminate_early(self, env):
        """End the current block by leaving the function."""
        r = self.rng
        if r.random() < 0.15:
            self.mod.use("abort")
            self.emit("call void @abort()")
            self.emit("unreachable")
            return
        for _ in range(r.randint(0, 2)):
            if env.allocs:
                self.op_free(env)
        self.emit(self.ret_line(env))

    def ret_line(self, env):
        ret = self.sig.ret
        if ret == "void":
            return "ret void"
        if ret == "ptr":
            return "ret ptr %s" % self.pick(env, "ptr")
        return "ret %s %s" % (ret, self.pick(env, ret))

    def phis(self, env_out, preds, count):
        """preds: list of (label, env). Adds phis to the current block."""
        r = self.rng
        for _ in range(count):
            ty = r.choice(["ptr", "ptr", "ptr", "i64"])
            name = self.fresh("phi")
            inc = []
            for lab, penv in preds:
                if ty == "ptr" and penv.allocs and r.random() < 0.6:
                    v = r.choice(penv.allocs)[0]
                else:
                    v = self.pick(penv, ty)
                inc.append("[ %s, %%%s ]" % (v, lab))
            self.emit("%s = phi %s %s" % (name, ty, ", ".join(inc)))
            env_out.add(ty, name)
            if ty == "ptr" and r.random() < 0.25:
                self.phi_frees.append(name)

    def flush_phi_frees(self):
        for name in self.phi_frees:
            self.mod.use("free")
            self.emit("call void @free(ptr %s)" % name)
        self.phi_frees = []

    def if_else(self, env, depth):
        r = self.rng
        c = self.cond(env)
        t, e, j = self.label("then"), self.label("else"), self.label("join")
        one_armed = r.random() < 0.3
        self.emit("br i1 %s, label %%%s, label %%%s" % (c, t, j if one_armed else e))
        pre = self.cur
        early = r.random() < 0.25
        early_arm = r.choice([0, 1]) if not one_armed else 0
        preds = []
        arms = [t] if one_armed else [t, e]
        for i, lab in enumerate(arms):
            self.start_block(lab)
            aenv = self.region(Env(env), depth + 1)
            if early and i == early_arm:
                self.terminate_early(aenv)
            else:
                preds.append((self.cur, aenv))
                self.emit("br label %%%s" % j)
        if one_armed:
            preds.append((pre, env))
        self.start_block(j)
        out = Env(env)
        self.phi_frees = []
        self.phis(out, preds, r.randint(0, 3))
        self.flush_phi_frees()
        return out

    def switch(self, env, depth):
        r = self.rng
        v = self.pick(env, "i64", allow_const=False)
        ncase = r.randint(1, 4)
        labels = [self.label("case") for _ in range(ncase)]
        d, j = self.label("default"), self.label("sjoin")
        cases = " ".join("i64 %d, label %%%s" % (i, lab) for i, lab in enumerate(labels))
        self.emit("switch i64 %s, label %%%s [ %s ]" % (v, d, cases))
        preds = []
        for lab in labels + [d]:
            self.start_block(lab)
            aenv = self.region(Env(env), depth + 1)
            preds.append((self.cur, aenv))
            self.emit("br label %%%s" % j)
        self.start_block(j)
        out = Env(env)
        self.phi_frees = []
        self.phis(out, preds, r.randint(0, 3))
        self.flush_phi_frees()
        return out

    def loop(self, env, depth):
        r = self.rng
        pre = self.cur
        h, b, x = self.label("loop"), self.label("body"), self.label("exit")
        self.emit("br label %%%s" % h)
        self.start_block(h)
        self.n += 1
        tag = self.n
        i = self.fresh("iv")
        self.emit("%s = phi i64 [ 0, %%%s ], [ @@NEXT%d@@, %%@@LATCH%d@@ ]" % (i, pre, tag, tag))
        henv = Env(env)
        henv.add("i64", i)
        carried = []
        for _ in range(r.choice([0, 1, 1, 2])):
            pp = self.fresh("lp")
            init = self.pick(env, "ptr")
            self.emit("%s = phi ptr [ %s, %%%s ], [ @@P%s@@, %%@@LATCH%d@@ ]"
                      % (pp, init, pre, pp[1:], tag))
            henv.add("ptr", pp)
            carried.append(pp)
        bound = str(r.choice([1, 2, 10, 100])) if r.random() < 0.8 else self.pick(env, "i64")
        c = self.fresh("c")
        self.emit("%s = icmp slt i64 %s, %s" % (c, i, bound))
        self.emit("br i1 %s, label %%%s, label %%%s" % (c, b, x))
        self.start_block(b)
        save = None
        benv0 = Env(henv)
        if r.random() < 0.15 and not self.mod.alloca_as:
            self.mod.use("llvm.stacksave")
            self.mod.use("llvm.stackrestore")
            save = self.fresh("ss")
            self.emit("%s = call ptr @llvm.stacksave.p0()" % save)
            da = self.fresh("da")
            self.emit("%s = alloca i8, i64 %s, align 16" % (da, r.choice(["32", i])))
            benv0.add("ptr", da)
        benv = self.region(benv0, depth + 1)
        if save:
            self.emit("call void @llvm.stackrestore.p0(ptr %s)" % save)
        # a loop-local object freed in the same iteration, sometimes
        if r.random() < 0.3:
            p = self.op_alloc(benv)
            self.op_store_int(benv)
            kind = benv.allocs[-1][1]
            self.mod.use(DEALLOC[kind])
            if DEALLOC[kind] in ("_ZdlPvSt11align_val_t",):
                self.emit("call void @%s(ptr %s, i64 16)" % (DEALLOC[kind], p))
            else:
                self.emit("call void @%s(ptr %s)" % (DEALLOC[kind], p))
        nxt = self.fresh("ivn")
        self.emit("%s = add nsw i64 %s, 1" % (nxt, i))
        self.patches["@@NEXT%d@@" % tag] = nxt
        self.patches["@@LATCH%d@@" % tag] = self.cur
        for pp in carried:
            if benv.allocs and r.random() < 0.6:
                v = r.choice(benv.allocs)[0]
            else:
                v = self.pick(benv, "ptr")
            self.patches["@@P%s@@" % pp[1:]] = v
        self.emit("br label %%%s" % h)
        self.start_block(x)
        return henv

    def irreducible(self, env, depth):
        r = self.rng
        a, b, z = self.label("irrA"), self.label("irrB"), self.label("irrZ")
        self.emit("br i1 %s, label %%%s, label %%%s" % (self.cond(env), a, b))
        ends = []
        for lab, other in ((a, b), (b, a)):
            self.start_block(lab)
            aenv = self.region(Env(env), depth + 2)
            c = self.make_cond(aenv)
            ends.append((self.cur, aenv))
            self.emit("br i1 %s, label %%%s, label %%%s" % (c, other, z))
        self.start_block(z)
        out = Env(env)
        self.phi_frees = []
        self.phis(out, ends, r.randint(0, 2))
        self.flush_phi_frees()
        return out

    # -- the function ------------------------------------------------------------------
    def generate(self):
        r = self.rng
        sig = self.sig
        self.deferred_lifetime_end = None
        self.phi_frees = []
        self.budget = r.randint(4, 45)
        env = Env()
        params = []
        for idx, (ty, attrs) in enumerate(sig.params):
            nm = "%%a%d" % idx
            params.append("%s%s %s" % (ty, attrs, nm))
            env.add(ty, nm)
        self.param_env = Env(env)
        self.start_block("entry")
        if self.f.get("setjmp") and r.random() < 0.5:
            self.mod.use("setjmp")
            buf = self.entry_alloca("[200 x i8]", 16)
            sj = self.fresh("sj")
            self.emit("%s = call i32 @setjmp(ptr %s)" % (sj, buf))
            c = self.fresh("c")
            self.emit("%s = icmp eq i32 %s, 0" % (c, sj))
            env.add("i1", c)
        # always at least one allocation
        self.op_alloc(env)
        env = self.region(env, 0)
        while self.budget > 0:
            env = self.region(env, 0)
        # frees before the final return, then the return (or a musttail call)
        for _ in range(r.randint(0, 3)):
            if env.allocs:
                self.op_free(env)
        if self.deferred_lifetime_end:
            self.emit("call void @llvm.lifetime.end.p0(ptr %s)" % self.deferred_lifetime_end)
        if r.random() < 0.08 and self.f.get("musttail"):
            args = ", ".join("%s %s" % (ty, self.pick(env, ty)) for ty, _ in sig.params)
            if sig.ret == "void":
                self.emit("musttail call void @%s(%s)" % (sig.name, args))
                self.emit("ret void")
            else:
                t = self.fresh("mt")
                self.emit("%s = musttail call %s @%s(%s)" % (t, sig.ret, sig.name, args))
                self.emit("ret %s %s" % (sig.ret, t))
        else:
            self.emit(self.ret_line(env))
        # unreachable code: blocks without predecessors, holding objects
        if self.f.get("dead") and r.random() < 0.5:
            dead = self.label("dead")
            self.start_block(dead)
            denv = Env(self.param_env)
            self.op_alloc(denv)
            for _ in range(r.randint(1, 6)):
                self.one_op(denv)
            if r.random() < 0.5:
                self.emit("br label %%%s" % dead)
            else:
                self.op_free(denv)
                self.emit(self.ret_line(denv))
        self.shared_lpad_block()
        # assemble
        link = "internal " if sig.internal else ""
        pers = " personality ptr @__gxx_personality_v0" if self.personality else ""
        out = ["define %s%s @%s(%s)%s%s {" % (link, sig.ret, sig.name, ", ".join(params),
                                             sig.fnattrs, pers)]
        for bi, (lab, lines) in enumerate(self.blocks):
            out.append("%s:" % lab)
            if bi == 0:
                out.extend(self.entry_allocas)
            out.extend(lines)
        out.append("}")
        text = "\n".join(out)
        for k, v in self.patches.items():
            text = text.replace(k, v)
        return text + "\n"


PARAM_TYPES = [("ptr", ""), ("ptr", ""), ("ptr", " nocapture"), ("ptr", " captures(none)"),
               ("ptr", " noalias"), ("i64", ""), ("i64", ""), ("i32", "")]


def gen_module(rng, mod=None, nfuncs=None, alloca_as_ok=True):
    """A random allocation-heavy module (a Module; .text() gives the IR)."""
    if mod is None:
        mod = Module(rng)
    layouts = [d for d in DATALAYOUTS if alloca_as_ok or not (d and "-A5" in d)]
    header = rng.choice(layouts)
    mod.header = header
    if header and "-A5" in header:
        mod.alloca_as = 5
    if header and "-p:32:32" in header:
        mod.ptr32 = True
    features = {
        "setjmp": rng.random() < 0.15,
        "musttail": rng.random() < 0.3,
        "irreducible": rng.random() < 0.3,
        "eh": rng.random() < 0.1,
        "dead": rng.random() < 0.2,
    }
    mod.weird = rng.random() < 0.06
    mod.globals += [
        "%struct.S = type { i64, ptr, [4 x i32] }",
        "@G0 = global ptr null, align 8",
        "@G1 = internal global ptr null, align 8",
        "@GT = thread_local global ptr null, align 8",
        "@GI = global i64 0, align 8",
        "@GA = global [4 x ptr] zeroinitializer, align 8",
        '@FMT = private unnamed_addr constant [4 x i8] c"%p\\0A\\00", align 1',
    ]
    if nfuncs is None:
        nfuncs = rng.randint(1, 6)
    sigs = []
    for i in range(nfuncs):
        ret = rng.choice(["void", "ptr", "ptr", "i64"])
        params = [rng.choice(PARAM_TYPES) for _ in range(rng.randint(0, 4))]
        fnattrs = rng.choice(["", "", "", " nounwind", " noinline", ' "no-builtins"',
                              "" if i else " noinline optnone"])
        sigs.append(Sig("fn%d" % i, ret, params, rng.random() < 0.4, fnattrs))
    for s in sigs:
        mod.functions.append(FuncGen(mod, s, sigs, rng, features).generate())
    # sometimes malloc itself has a body here: it is then not the library one
    if rng.random() < 0.03 and mod.decls.get("malloc", "").startswith("declare ptr"):
        del mod.decls["malloc"]
        mod.defined.add("malloc")
        mod.use("ext_getp")
        mod.functions.append("define ptr @malloc(i64 %n) {\nentry:\n"
                             "  %p = call ptr @ext_getp()\n  ret ptr %p\n}\n")
    return mod


# ---------------------------------------------------------------------------
# llvm-stress modules

ALLOCA_RE = re.compile(r"^(\s*)(%[-\w.$]+) = alloca (.+?), align (\d+)\s*$")
SCALAR_SIZES = {"half": 2, "bfloat": 2, "float": 4, "double": 8, "x86_fp80": 16,
                "fp128": 16, "ppc_fp128": 16, "ptr": 8, "x86_mmx": 8}


def type_size(ty):
    """Bytes of an llvm-stress alloca type, roughly; None if not fixed."""
    ty = ty.strip()
    m = re.match(r"^<(\d+) x (.+)>$", ty)
    if m:
        n = int(m.group(1))
        el = m.group(2).strip()
        mi = re.match(r"^i(\d+)$", el)
        if mi:
            return max(1, (n * int(mi.group(1)) + 7) // 8)
        es = type_size(el)
        return None if es is None else n * es
    mi = re.match(r"^i(\d+)$", ty)
    if mi:
        bits = int(mi.group(1))
        b = 1
        while b * 8 < bits:
            b *= 2
        return b
    if ty in SCALAR_SIZES:
        return SCALAR_SIZES[ty]
    m = re.match(r"^\[(\d+) x (.+)\]$", ty)
    if m:
        es = type_size(m.group(2))
        return None if es is None else int(m.group(1)) * es
    return None   # scalable vectors, structs we do not parse


def rewrite_stress(text, rng, mod=None):
    """Turn a share of an llvm-stress module's allocas into heap allocations.

    Returns (module text, number of allocas rewritten). With mod given, the
    rewritten function is added to it instead (and its text returned)."""
    lines = text.splitlines()
    own = mod is None
    if own:
        mod = Module(rng)
    share = rng.choice([0.5, 0.7, 0.9, 1.0])
    free_share = rng.choice([0.3, 0.6, 0.9])
    escape_share = rng.choice([0.0, 0.1, 0.25])
    out = []
    fn_lines = []
    in_fn = False
    in_entry = False
    int_args = []
    ptr_args = []
    heap = []     # (name, dealloc)
    n = 0
    rewritten = 0
    for line in lines:
        if line.startswith("define "):
            in_fn = True
            in_entry = True
            heap = []
            m = re.search(r"\((.*)\)", line)
            int_args, ptr_args = [], []
            if m:
                for a in m.group(1).split(","):
                    parts = a.split()
                    if len(parts) >= 2 and re.match(r"^i\d+$", parts[0]):
                        int_args.append((parts[0], parts[-1]))
                    elif len(parts) >= 2 and parts[0] == "ptr":
                        ptr_args.append(parts[-1])
            fn_lines.append(line)
            continue
        if not in_fn:
            if line.startswith("; ModuleID") or line.startswith("source_filename"):
                continue
            if line.strip():
                out.append(line)
            continue
        if line.startswith("}"):
            in_fn = False
            fn_lines.append(line)
            continue
        if in_entry and re.match(r"^[-\w.$]+:", line) and fn_lines and \
                not fn_lines[-1].startswith("define"):
            in_entry = False
        m = ALLOCA_RE.match(line)
        if m and in_entry and rng.random() < share:
            ind, name, ty, align = m.groups()
            size = type_size(ty)
            if size is None or rng.random() < 0.2:
                size = 256
            elif rng.random() < 0.3:
                size = max(size, 64)
            kind = rng.choices(["malloc", "calloc", "aligned_alloc", "posix_memalign",
                                "_Znwm", "var"], [8, 3, 2, 2, 2, 2])[0]
            if kind == "var" and not int_args:
                kind = "malloc"
            if kind == "malloc":
                mod.use("malloc")
                fn_lines.append("%s%s = call ptr @malloc(i64 %d)" % (ind, name, size))
            elif kind == "calloc":
                mod.use("calloc")
                fn_lines.append("%s%s = call ptr @calloc(i64 1, i64 %d)" % (ind, name, size))
            elif kind == "aligned_alloc":
                mod.use("aligned_alloc")
                al = max(int(align), 64)
                sz = (size + al - 1) // al * al
                fn_lines.append("%s%s = call ptr @aligned_alloc(i64 %d, i64 %d)"
                                % (ind, name, al, sz))
                kind = "malloc"
            elif kind == "posix_memalign":
                mod.use("posix_memalign")
                n += 1
                slot = "%%pm.slot%d" % n
                fn_lines.append("%s%s = alloca ptr, align 8" % (ind, slot))
                fn_lines.append("%s%%pm.rc%d = call i32 @posix_memalign(ptr %s, i64 %d, i64 %d)"
                                % (ind, n, slot, max(int(align), 16), size))
                fn_lines.append("%s%s = load ptr, ptr %s, align 8" % (ind, name, slot))
                kind = "malloc"
            elif kind == "_Znwm":
                mod.use("_Znwm")
                fn_lines.append("%s%s = call ptr @_Znwm(i64 %d)" % (ind, name, size))
            else:
                mod.use("malloc")
                ity, arg = rng.choice(int_args)
                n += 1
                if ity == "i64":
                    sz = arg
                else:
                    sz = "%%sz%d" % n
                    fn_lines.append("%s%s = zext %s %s to i64" % (ind, sz, ity, arg))
                fn_lines.append("%s%s = call ptr @malloc(i64 %s)" % (ind, name, sz))
                kind = "malloc"
            heap.append((name, DEALLOC[kind]))
            rewritten += 1
            continue
        if line.strip().startswith("ret ") or line.strip() == "ret void":
            ind = re.match(r"^(\s*)", line).group(1)
            for name, dealloc in heap:
                if rng.random() < escape_share:
                    k = rng.random()
                    if k < 0.4 and ptr_args:
                        fn_lines.append("%sstore ptr %s, ptr %s, align 8"
                                        % (ind, name, rng.choice(ptr_args)))
                    elif k < 0.7:
                        mod.use("ext_use")
                        fn_lines.append("%scall void @ext_use(ptr %s)" % (ind, name))
                    else:
                        mod.use("ext_cnone")
                        fn_lines.append("%scall void @ext_cnone(ptr %s)" % (ind, name))
                if rng.random() < free_share:
                    mod.use(dealloc)
                    fn_lines.append("%scall void @%s(ptr %s)" % (ind, dealloc, name))
        fn_lines.append(line)
    body = "\n".join(fn_lines) + "\n"
    mod.functions.append(body)
    mod.globals.extend(out)
    if own:
        return mod.text(), rewritten
    return body, rewritten


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stress-input", help="an llvm-stress .ll to rewrite instead")
    args = ap.parse_args()
    rng = random.Random("genalloc:%d" % args.seed)
    if args.stress_input:
        with open(args.stress_input) as f:
            text, _ = rewrite_stress(f.read(), rng)
        sys.stdout.write(text)
    else:
        sys.stdout.write(gen_module(rng).text())


if __name__ == "__main__":
    main()
