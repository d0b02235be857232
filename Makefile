# grokscope — the two commands are `make run` and `make test`; both install what is missing first.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?= -c release
BIN = .build/release/grokscope
PREFIX ?= /usr/local
PYTHON ?= python3
PYTEST = GROKSCOPE_BIN=$(abspath $(BIN)) PYTHONPATH=$(abspath python/src) $(PYTHON) -m pytest -q -rs

.PHONY: run test bench build build-tests install themes setup setup-test setup-bench format lint clean \
	python-test test-torch

run: setup build
	$(BIN)

# One release build of every target, tests included (the end-to-end tests drive the grokscope it builds),
# then the suite and a table of the slowest suites, then the Python client's tests.
test: setup-test build-tests
	set -o pipefail; GROKSCOPE_BIN=$(abspath $(BIN)) $(SWIFT) test $(BUILD_FLAGS) --skip-build 2>&1 \
		| tee .build/test.log
	@scripts/suite-times.sh .build/test.log
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
	scripts/bench-vs-pytorch.sh $(BIN)
	scripts/bench-ui.sh $(BIN)
	scripts/bench-runs.sh $(BIN)

build:
	$(SWIFT) build $(BUILD_FLAGS) --product grokscope

build-tests:
	$(SWIFT) build $(BUILD_FLAGS) --build-tests -Xswiftc -enable-testing

# The binary carries the shipped themes; the theme files go beside it for users to copy and edit.
install: setup build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/grokscope/themes
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/grokscope
	install -m 644 themes/*.yaml $(DESTDIR)$(PREFIX)/share/grokscope/themes/

# Re-embed themes/*.yaml into the binary's sources after editing a theme.
themes:
	python3 scripts/embed-themes.py

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
