# Gongkai — the two commands of the README, and the benchmarks.
#   make run    set up (virtualenv, install, migrate, demo data) and serve http://127.0.0.1:$(PORT)
#   make test   set up what tests need and run every check (ruff, migrations, pytest)
#   make bench  run the benchmarks; each result is a ratio measured in one run

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: run test bench install install-dev lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: $(VENV)/.installed
	PORT=$(PORT) scripts/run.sh

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .

test: $(VENV)/.installed-dev
	scripts/ensure-browser.sh
	$(BIN)/ruff check .
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python -m gongkai.bench

clean:
	rm -rf $(VENV) var/test.sqlite3*
