# grokscope — the two commands are `make run` and `make test`; both install what is missing first.
SWIFT ?= swift
BUILD_FLAGS ?= -c release
BIN = .build/release/grokscope

.PHONY: run test bench build setup setup-test setup-bench format lint clean

run: setup build
	$(BIN)

test: setup-test build
	GROKSCOPE_BIN=$(abspath $(BIN)) $(SWIFT) test $(BUILD_FLAGS)

bench: setup-bench build
	$(BIN) bench
	scripts/bench-vs-pytorch.sh $(BIN)
	scripts/bench-ui.sh $(BIN)

build:
	$(SWIFT) build $(BUILD_FLAGS) --product grokscope

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh test

setup-bench:
	@scripts/setup.sh bench

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build
