# Makefile: the two commands of the README's quick start, and the pieces they are made of.

SWIFT ?= swift

.PHONY: setup build overview test clean

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

clean:
	rm -rf .build
