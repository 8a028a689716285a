# lit configuration for goescape. Every tool comes from LLVM 22's own bin
# directory: /usr/bin/opt and /usr/bin/clang may be an older LLVM, and loading
# the plugin there crashes.
import os
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
scripts = os.path.join(config.goescape_src_root, "scripts")
config.substitutions.append(("%plugin", config.goescape_plugin))
config.substitutions.append(("%opt", opt + " -load-pass-plugin=" + config.goescape_plugin))
config.substitutions.append(("%clang", clang))
config.substitutions.append(("%llc", os.path.join(tools, "llc")))
config.substitutions.append(("%llvm-stress", os.path.join(tools, "llvm-stress")))
config.substitutions.append(("%python", "python3"))
config.substitutions.append(("%scripts", scripts))
config.substitutions.append(
    ("%rtcheck", "python3 %s --clang %s --plugin %s" %
     (os.path.join(scripts, "rtcheck.py"), clang, config.goescape_plugin)))
config.substitutions.append(
    ("%stress", "python3 %s --opt %s --llvm-stress %s --plugin %s" %
     (os.path.join(scripts, "stress.py"), opt,
      os.path.join(tools, "llvm-stress"), config.goescape_plugin)))
