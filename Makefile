# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install test lint demo index serve evaluate bench clean

# Two installs: the runtime alone (enough for `make demo`) and the runtime with the test
# extras (Playwright, Dask, Hypothesis, ...) for `make test`; each is redone when
# pyproject.toml changes.
RUNTIME := $(VENV)/.installed-runtime

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit("onrecord needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP) $(RUNTIME)

install: $(STAMP)

test: $(STAMP)
	$(VENV)/bin/ruff check onrecord tests scripts
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check onrecord tests scripts

index: $(RUNTIME)
	$(VENV)/bin/onrecord ingest archive --index index

demo: index
	$(VENV)/bin/onrecord serve --host $(HOST) --port $(PORT) --index index

serve: $(RUNTIME)
	$(VENV)/bin/onrecord serve --host $(HOST) --port $(PORT) --index index

evaluate: $(STAMP)
	$(PY) scripts/evaluate.py ../shared/corpora/polnear/dev

clean:
	rm -rf $(VENV) index/gen-* index/.gen-* index/CURRENT index/.lock
