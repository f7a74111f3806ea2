# Makefile: the two commands of the README's quick start, and the pieces they are made of.

SWIFT ?= swift

.PHONY: setup build overview test test-asan clean

setup:
	@sh Tools/setup.sh

build: setup
	$(SWIFT) build

## Set up, build, and run the overview report on the bundled samples into Reports/.
overview: build
	$(SWIFT) run scriptorium run Scripts/overview.lua --corpus Samples --out Reports

## Set up, build, and run the whole test suite.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test

## The suite again under AddressSanitizer (in its own build folder); .ci/run runs it after `test`.
## Leaks are reported too, except the process-lifetime caches of Foundation named in
## Tools/lsan-suppressions.txt.
test-asan: setup
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tools/lsan-suppressions.txt $(SWIFT) test --sanitize=address --scratch-path .build-asan

clean:
	rm -rf .build .build-asan .build-fuzz
