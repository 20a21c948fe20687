# The targets the README names. PYTHON may point at any Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test test-fast lint bench setup eval

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install -q -e '.[test,web,dev]'

# Check every article of the bundled corpus against the bundled reference data.
# Exit 1 means "findings" (the corpus holds planted errors), so it is not a failure here.
run: setup
	$(BIN)/factcheck check corpus/ --glob '[0-9]*.md' --format text; rc=$$?; [ $$rc -le 1 ]

# The whole test suite, slow whole-corpus runs included. The browser tests need Debian's
# chromium: tools/install_browser.sh installs it when missing (as root); otherwise they skip.
test: setup
	bash tools/install_browser.sh
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not browser"

eval: setup
	$(BIN)/factcheck eval corpus/

lint: setup
	$(BIN)/ruff check extractor tests
	$(BIN)/mypy extractor

bench: setup
	$(BIN)/python benchmarks/run.py --articles 1000
