# grokscope — the two commands are `make run` and `make test`; both install what is missing first.
SWIFT ?= swift
BUILD_FLAGS ?= -c release
BIN = .build/release/grokscope
PYTHON ?= python3
PYTEST = GROKSCOPE_BIN=$(abspath $(BIN)) PYTHONPATH=$(abspath python/src) $(PYTHON) -m pytest -q -rs

.PHONY: run test bench build setup setup-test setup-bench format lint clean python-test test-torch

run: setup build
	$(BIN)

test: setup-test build
	GROKSCOPE_BIN=$(abspath $(BIN)) $(SWIFT) test $(BUILD_FLAGS)
	$(MAKE) --no-print-directory python-test

# The Python client (python/): numpy + pytest, installed if missing; exit 5 (no tests) fails too.
python-test:
	@$(PYTHON) -c 'import numpy, pytest' 2>/dev/null || $(PYTHON) -m pip install --quiet numpy pytest
	$(PYTEST) python/tests

test-torch: build
	@$(PYTHON) -c 'import numpy, pytest, torch' 2>/dev/null || $(PYTHON) -m pip install --quiet numpy pytest torch
	$(PYTEST) python/tests/test_torch.py

bench: setup-bench build
	$(BIN) bench
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
