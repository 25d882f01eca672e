# rasd — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= rasd.db
SAMPLE := sample

.PHONY: demo test install browser bench clean

$(BIN)/rasd: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@touch $(BIN)/rasd

install: $(BIN)/rasd

HOST ?= 127.0.0.1
PORT ?= 8000

# Ingest the bundled sample corpus into the default SQLite database, summarise it, then serve
# the web workbench on it (Ctrl-C stops).
demo: install
	$(BIN)/rasd ingest $(SAMPLE) --db $(DB)
	$(BIN)/rasd stats --db $(DB)
	$(BIN)/rasd quotes --db $(DB) --speaker "الخفاجي" --limit 5
	@echo "Open http://$(HOST):$(PORT)/"
	$(BIN)/rasd serve --db $(DB) --host $(HOST) --port $(PORT)

# The browser tests drive Debian's chromium (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

test: install browser
	$(BIN)/python -m pytest

# Throughput and memory over the real corpora in ../shared/data; dates against dateparser.
bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/dates.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
