# goescape: thin wrappers over CMake and lit.
#   make deps    install what is missing (LLVM 22 from Debian, apt, sudo if not root)
#   make build   configure and build build/lib/GoEscape.so
#   make check   deps + build + the whole lit suite
#   make demo    deps + build + the pass on examples/, with its verdicts
#   make bench   deps + build + bench/: plain vs goescape vs LLVM's heap-to-stack
#   make fuzz    build + scripts/cfuzz.py: N random C programs (SEED), plain vs goescape
LLVM_BIN  ?= /usr/lib/llvm-22/bin
BUILD     ?= build
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
LIT_OPTS  ?= -sv
PACKAGES  := llvm-22-dev clang-22 llvm-22-tools libclang-rt-22-dev cmake make python3

.PHONY: all deps build check demo bench clean
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
