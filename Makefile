# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install test lint demo index serve evaluate bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("onrecord needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(VENV)/bin/ruff check onrecord tests scripts
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check onrecord tests scripts

index: $(STAMP)
	$(VENV)/bin/onrecord ingest archive --index index

demo: index
	$(VENV)/bin/onrecord serve --host $(HOST) --port $(PORT) --index index

serve: $(STAMP)
	$(VENV)/bin/onrecord serve --host $(HOST) --port $(PORT) --index index

evaluate: $(STAMP)
	$(PY) scripts/evaluate.py ../shared/corpora/polnear/dev

clean:
	rm -rf $(VENV) index/gen-* index/.gen-* index/CURRENT index/.lock
