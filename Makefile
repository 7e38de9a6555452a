# Gongkai — the two commands of the README, and the benchmarks.
#   make run    set up (virtualenv, install, migrate, demo data) and serve http://127.0.0.1:$(PORT)
#   make test   set up what tests need and run every check (ruff, migrations, pytest)
#   make test-clock CLOCK="2026-12-24 10:00:00"
#               the pytest suite on SQLite with the clock of the whole test process (browser
#               included) started at CLOCK and ticking: every test must pass whatever the date
#               (PYTEST_ARGS="gongkai/workcal -x" runs part of it)
#   make bench  run the benchmarks; each result is a ratio measured in one run
#   make security  the security tests at full size (schemathesis with many cases per operation, the
#               500-submission load run), then pip-audit of the installed packages

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
CLOCK  ?= 2026-12-24 10:00:00

.PHONY: run test test-clock bench security install install-dev lint clean

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
	$(BIN)/pytest --durations=15

# libfaketime (Debian's faketime) in its start-at mode: the clock starts at CLOCK (read by `date -d`,
# in the machine's time zone unless CLOCK names one) and ticks. The start is given in seconds since
# the epoch (FAKETIME_FMT=%s): a date and time would be read again in each process's own time zone,
# and Django sets TZ=Asia/Shanghai for the browser it starts. FAKETIME_DONT_RESET=1 keeps one clock
# for the child processes (Playwright's driver, chromium) instead of each starting again at CLOCK.
# The test process keeps the real monotonic clock (FAKETIME_DONT_FAKE_MONOTONIC=1), the browser
# gets a moved one: scripts/faketime/sitecustomize.py says why, and mends time.sleep for it.
# time_machine still freezes time inside a test: it replaces Python's clock functions.
# FAKETIME itself never changes during the run: no need for FAKETIME_NO_CACHE.
test-clock: $(VENV)/.installed-dev
	scripts/ensure-browser.sh
	@command -v faketime >/dev/null || { echo "faketime missing: apt-get install faketime" >&2; exit 1; }
	start=$$(date -d "$(CLOCK)" +%s) && DATABASE_URL= PYTHONPATH=scripts/faketime \
	  FAKETIME_FMT=%s FAKETIME_DONT_RESET=1 FAKETIME_DONT_FAKE_MONOTONIC=1 \
	  faketime -m -f "@$$start" $(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	$(BIN)/python -m gongkai.bench

# The security tests (#15): those marked `security` and the suites named here. CI runs them small;
# here schemathesis makes SECURITY_FUZZ_EXAMPLES cases per operation and the load test submits
# SECURITY_SUBMISSIONS at once. Then the dependency audit, which says so when it cannot reach a
# vulnerability service (scripts/audit-dependencies.py) and fails only on a vulnerability found.
SECURITY_FUZZ_EXAMPLES ?= 50
SECURITY_SUBMISSIONS ?= 500
SECURITY_TESTS := gongkai/tests/security gongkai/api/tests gongkai/personal/tests gongkai/accounts/tests \
	gongkai/audit/tests gongkai/background/tests/test_backups.py gongkai/workbench/tests/test_personal_views.py \
	gongkai/lib/tests/test_clientip.py gongkai/lib/tests/test_throttle.py gongkai/lib/tests/test_security_headers.py \
	gongkai/lib/tests/test_csp_browser.py gongkai/lib/tests/test_validators.py \
	gongkai/applications/tests/test_public_fuzz.py gongkai/hotline/tests/test_control_characters.py \
	gongkai/hotline/tests/test_open311.py
security: $(VENV)/.installed-dev
	scripts/ensure-browser.sh
	GONGKAI_FUZZ_EXAMPLES=$(SECURITY_FUZZ_EXAMPLES) GONGKAI_LOAD_SUBMISSIONS=$(SECURITY_SUBMISSIONS) \
	  $(BIN)/pytest -p no:cacheprovider $(SECURITY_TESTS)
	$(BIN)/python scripts/audit-dependencies.py

clean:
	rm -rf $(VENV) var/test.sqlite3*
