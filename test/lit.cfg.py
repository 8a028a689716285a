# lit configuration for goescape. Every tool comes from LLVM 22's own bin
# directory: /usr/bin/opt and /usr/bin/clang may be an older LLVM, and loading
# the plugin there crashes.
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import lit.formats

config.name = "goescape"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.goescape_obj_root, "test")

tools = config.llvm_tools_dir
config.environment["PATH"] = os.pathsep.join(
    [tools, config.environment.get("PATH", os.environ.get("PATH", ""))])
# ASan needs no symbolizer to fail loudly, but a symbolized report helps.
config.environment["ASAN_SYMBOLIZER_PATH"] = os.path.join(tools, "llvm-symbolizer")

clang = os.path.join(tools, "clang")
opt = os.path.join(tools, "opt")
# The interpreter CMake found (lit.site.cfg.py), else the one running lit.
python = getattr(config, "python_executable", "") or sys.executable


# Features a test may REQUIRE: what this machine has beyond LLVM's tools.
def links(flags):
    """True if clang links and runs a trivial C program with these flags."""
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "t.c"), os.path.join(tmp, "t")
        with open(src, "w") as f:
            f.write("int main(void) { return 0; }\n")
        try:
            subprocess.run([clang] + flags + [src, "-o", exe], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run([exe], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            return True
        except (OSError, subprocess.CalledProcessError):
            return False


if platform.machine() == "x86_64" and sys.platform.startswith("linux"):
    config.available_features.add("x86_64-linux")
if links(["-fsanitize=address"]):
    config.available_features.add("asan")
if os.path.exists(os.path.join(tools, "clang++")):
    config.available_features.add("clangxx")
# lld from LLVM 22 (Debian's lld-22), the linker that runs goescape at link
# time under LTO: clang -fuse-ld=lld finds it in LLVM 22's bin directory.
if os.path.exists(os.path.join(tools, "ld.lld")) and links(["-fuse-ld=lld", "-flto"]):
    config.available_features.add("lld")
if os.path.exists(os.path.join(tools, "llvm-stress")):
    config.available_features.add("llvm-stress")
# Another LLVM major's opt and clang (Debian's llvm-14 and clang-14): the
# plugin loaded there must say which LLVM it needs, and not crash.
if all(os.path.exists(os.path.join("/usr/lib/llvm-14/bin", t))
       for t in ("opt", "clang")):
    config.available_features.add("llvm-14")
# LLVM's opt-viewer, with the PyYAML and Pygments it imports.
opt_viewer = os.path.join(os.path.dirname(tools), "share", "opt-viewer",
                          "opt-viewer.py")
if os.path.exists(opt_viewer) and subprocess.run(
        [python, "-c", "import yaml, pygments"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add("opt-viewer")
config.substitutions.append(("%opt-viewer", python + " " + opt_viewer))
# ccache with --print-stats (the tests read its counters), for goescape-cc
# under a compiler cache; asked with a cache and configuration of its own,
# never the user's.
if shutil.which("ccache"):
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CCACHE_DIR=tmp,
                   CCACHE_CONFIGPATH=os.path.join(tmp, "ccache.conf"))
        if subprocess.run(["ccache", "--print-stats"], env=env,
                          stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0:
            config.available_features.add("ccache")
for tool in ("make", "cmake"):
    if shutil.which(tool):
        config.available_features.add(tool)
scripts = os.path.join(config.goescape_src_root, "scripts")
# Both files of the plugin, for a test that copies it: GoEscape.so loads
# GoEscape-llvm22.so from beside it (docs/design.md, "Code layout"). Before
# %plugin, which would match its start.
import glob
config.substitutions.append(("%plugin-files", " ".join(
    [config.goescape_plugin] + sorted(glob.glob(os.path.join(
        os.path.dirname(config.goescape_plugin), "GoEscape-llvm*.so"))))))
config.substitutions.append(("%plugin", config.goescape_plugin))
# The LD_PRELOAD allocation counter, built beside the plugin.
config.substitutions.append(
    ("%goescape-count",
     os.path.join(os.path.dirname(config.goescape_plugin), "goescape-count.so")))
config.substitutions.append(("%opt", opt + " -load-pass-plugin=" + config.goescape_plugin))
# clang++ for C++ programs (scripts/cxxfuzz.py). Before %clang, which would
# match its start.
config.substitutions.append(("%clangxx", clang + "++"))
config.substitutions.append(("%clang", clang))
config.substitutions.append(("%llc", os.path.join(tools, "llc")))
config.substitutions.append(("%objdump", os.path.join(tools, "llvm-objdump")))
config.substitutions.append(("%llvm-stress", os.path.join(tools, "llvm-stress")))
config.substitutions.append(("%python", python))
config.substitutions.append(("%scripts", scripts))
config.substitutions.append(
    ("%rtcheck", "%s %s --clang %s --plugin %s" %
     (python, os.path.join(scripts, "rtcheck.py"), clang,
      config.goescape_plugin)))
config.substitutions.append(
    ("%stress", "%s %s --opt %s --llvm-stress %s --plugin %s" %
     (python, os.path.join(scripts, "stress.py"), opt,
      os.path.join(tools, "llvm-stress"), config.goescape_plugin)))
