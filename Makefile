# Mathematics for Machine Learning: build, test and serve the book.
# Every target sets itself up: it creates .venv (if missing) and installs the
# pinned requirements and the mlmath package before doing its work.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8000
export JUPYTER_PREFER_ENV_PATH := 1

.PHONY: help install book pdf test bench unit lint serve clean freeze

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] >= (3, 11), \
	  "Python 3.11 or newer is needed, found " + sys.version.split()[0]'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	  --no-deps --no-build-isolation -e .
	@touch $@

install: $(STAMP)  ## create .venv and install the pinned toolchain and mlmath

book: $(STAMP)  ## build the site into _build/html, executing every page (cached)
	$(BIN)/python tools/build_book.py > /dev/null || { tail -n 60 _build/build.log; exit 1; }
	@tail -n 1 _build/build.log
	@echo "open _build/html/index.html, or run: make serve"

pdf: book  ## build the whole book as one PDF into _build/latex and the site (needs TeX Live)
	$(BIN)/python tools/build_pdf.py

test: $(STAMP)  ## run every test: lint, the package, the built book, its PDF and Binder
	$(BIN)/ruff check code tests tools
	$(BIN)/python -m pytest

bench: $(STAMP)  ## time the builds and weigh the site in a fresh clone (report in _build/bench)
	$(BIN)/python tools/bench.py

unit: $(STAMP)  ## only the package's tests (fast; no book build)
	$(BIN)/python -m pytest -m "not book"

lint: $(STAMP)  ## ruff on the package, the tests and the tools
	$(BIN)/ruff check code tests tools

serve: book  ## build, then serve the site on http://127.0.0.1:$(PORT)
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

freeze: $(STAMP)  ## re-pin requirements.txt from requirements.in
	$(BIN)/python -m pip install --quiet -r requirements.in
	{ head -n 3 requirements.txt; $(BIN)/python -m pip freeze --all \
	  | grep -v -e '^-e' -e '^#' -e '^mlmath' -e '^pip=='; } > requirements.txt.new
	mv requirements.txt.new requirements.txt

clean:  ## remove the built site and the execution cache (not .venv)
	rm -rf _build
