# goescape: thin wrappers over CMake and lit.
#   make deps    install what is missing (LLVM 22 from Debian, apt, sudo if not root);
#                nothing at all, no apt, when everything is installed
#   make build   configure and build build/lib/GoEscape.so
#   make check   deps + build + the whole lit suite
#   make demo    deps + build + the pass on examples/, with its verdicts
#   make bench   deps + build + bench/: goescape vs each benchmark's hand-written twin
#                (the limit), plain -O2 and LLVM's heap-to-stack;
#                writes bench/results.md and bench/ratios.png
#   make precision  build + scripts/precision.py: goescape vs LLVM's heap-to-stack
#                on every C program with a main(); writes docs/precision.md
#   make fuzz    build + scripts/cfuzz.py: N random C programs (SEED), plain vs goescape
# Results (bench/results.md, bench/ratios.png, docs/precision.md) name the
# commit they measured: regenerate them with these targets, never by hand.
# Evaluation harnesses that need root or downloads live in utils/eval/ and
# are run by hand; nothing here runs them.
LLVM_BIN  ?= /usr/lib/llvm-22/bin
BUILD     ?= build
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
LIT_OPTS  ?= -sv
PACKAGES  := llvm-22-dev clang-22 llvm-22-tools libclang-rt-22-dev lld-22 pkgconf ccache cmake make python3

.PHONY: all deps build check demo bench precision clean
all: build

deps:
	@scripts/install-deps.sh $(PACKAGES)

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release \
	  -DLLVM_DIR=/usr/lib/llvm-22/lib/cmake/llvm \
	  -DCMAKE_CXX_COMPILER=$(LLVM_BIN)/clang++

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

check: build
	@rc=0; $(LLVM_BIN)/lit $(LIT_OPTS) --xunit-xml-output=$(BUILD)/lit.xml \
	  $(BUILD)/test || rc=$$?; \
	python3 scripts/lit-summary.py $(BUILD)/lit.xml; exit $$rc

demo: build
	@scripts/demo.sh $(BUILD)

bench: build
	$(MAKE) -C bench PLUGIN=$(abspath $(BUILD))/lib/GoEscape.so

# make precision PRECISION_OUT=/tmp/p.md to look without touching docs/.
PRECISION_DIRS ?= test/C/runtime examples test/Go bench
PRECISION_OUT  ?= docs/precision.md
precision: build
	python3 scripts/precision.py --plugin $(BUILD)/lib/GoEscape.so --clang $(LLVM_BIN)/clang \
	  -j $(JOBS) -o $(PRECISION_OUT) $(PRECISION_DIRS)

clean:
	rm -rf $(BUILD)

# Random differential C fuzzing: make fuzz N=5000 SEED=1 (failures kept in
# $(BUILD)/fuzz-failures, one .c and one .txt note each).
N    ?= 1000
SEED ?= 1
.PHONY: fuzz
fuzz: build
	python3 scripts/cfuzz.py --plugin $(BUILD)/lib/GoEscape.so --clang $(LLVM_BIN)/clang \
	  --count $(N) --seed $(SEED) --jobs $(JOBS) -q --keep-dir $(BUILD)/fuzz-failures
