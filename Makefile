# newswire: `make run` and `make test` each set everything up on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
DB ?= newswire.duckdb
PORT ?= 8000

.PHONY: run test lint bench demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[web]'
	touch $@

$(DEVSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[web,dev]'
	touch $@

run: $(STAMP)
	$(BIN)/newswire demo --db $(DB)
	$(BIN)/newswire serve --db $(DB) --host 127.0.0.1 --port $(PORT)

test: $(DEVSTAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests bench

bench: $(DEVSTAMP)
	$(BIN)/python bench/extraction.py
	-$(BIN)/python bench/textpages.py
	-$(BIN)/python bench/textreader_speed.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/actors.py
	$(BIN)/python bench/coding.py
	$(BIN)/python bench/articles.py
	$(BIN)/python bench/articles.py --gold bench/gold/dev2.jsonl
	$(BIN)/python bench/plover_gsr.py
	$(BIN)/python bench/quotes.py
	$(BIN)/python bench/length.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
