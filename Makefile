# Two commands for a newcomer: `make run` (set up and serve the app) and `make test`
# (set up and run every check). Everything else here supports those two.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

# The first interpreter of Python 3.12 or newer on PATH (pyenv shims included).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; \
	done)

.PHONY: run test check lint typecheck format schema bench bench-smoke soak backup chromium wrk vendor migrate clean help

help:
	@echo "make run    set up .venv, migrate, serve http://$(HOST):$(PORT)"
	@echo "make test   set up .venv and Chromium, then ruff and the whole pytest suite"
	@echo "make bench  engine, pages under gunicorn and wrk, bytes, live panel in Chromium"
	@echo "make soak   hostile inputs, concurrency, rate limits, outages against gunicorn (SQLite, PostgreSQL + Redis)"
	@echo "make backup copy the SQLite database (online, while it serves) to var/backups/"

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is needed (Django 6 requires it); none found on PATH."; \
		echo "       Install one (for example 'pyenv install 3.12') or run: make PYTHON=/path/to/python3.12 ..."; \
		exit 1; fi
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Removing $(VENV): it was made with a Python older than 3.12"; rm -rf $(VENV); fi
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --editable . --group dev
	@rm -rf build *.egg-info
	@touch $@

migrate: $(VENV)/.installed
	@mkdir -p var
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput

run: migrate
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium from Debian's package for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "error: the browser tests need Chromium at $(CHROMIUM)."; \
		echo "       Install Debian's package as root: apt-get install -y chromium"; \
		echo "       or point CHROMIUM=/path/to/chromium at another build."; \
		exit 1; fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The engine is typed strictly ([tool.mypy] in pyproject.toml, with pydantic's plugin).
typecheck: $(VENV)/.installed
	$(BIN)/mypy planner/engine

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# docs/contract-schema.json: the contract's JSON Schema, written again after a contract change.
schema: $(VENV)/.installed
	$(BIN)/python -c "import json; from planner.engine import contract_schema; \
	open('docs/contract-schema.json', 'w').write(json.dumps(contract_schema(), indent=2, \
	sort_keys=True, ensure_ascii=False) + '\n')"

test: $(VENV)/.installed chromium lint typecheck
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest

wrk:
	@if command -v wrk >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing wrk from Debian's package for the benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	else \
		echo "error: the benchmark needs wrk. Install Debian's package as root: apt-get install -y wrk"; \
		exit 1; fi

# A consistent copy of the SQLite database while the site runs (SQLite's online backup API);
# BACKUP=path to choose the file. Restoring: README, "Back-ups".
backup: $(VENV)/.installed
	$(PY) manage.py backup $(BACKUP)

# Production-like servers (gunicorn, DEBUG=0) on loopback; needs PostgreSQL on 127.0.0.1:5432
# and Redis on 127.0.0.1:6379 (see README, "Reliability checks"). SOAK_COUNT hostile inputs.
SOAK_COUNT ?= 10000
soak: $(VENV)/.installed
	$(PY) -m soak.run --count $(SOAK_COUNT)

# The figures of issue 12 in one run (see bench/run.py); JSON lands in var/bench/.
bench: $(VENV)/.installed chromium wrk
	CHROMIUM=$(CHROMIUM) $(PY) bench/run.py

# The same run for a few seconds, so CI keeps it working; its figures mean nothing.
bench-smoke: $(VENV)/.installed chromium wrk
	BENCH_SMOKE=1 CHROMIUM=$(CHROMIUM) $(PY) bench/run.py

# Refresh the vendored front-end files from the npm registry (versions in package.json), and
# cut Bootstrap's CSS to the rules our pages can use
# (purgecss.config.cjs). Bootstrap's JavaScript is not vendored: no page uses it.
vendor: $(VENV)/.installed
	npm install --no-audit --no-fund
	mkdir -p static/vendor/htmx static/vendor/bootstrap/css tests/browser/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	SITE_PACKAGES="$$($(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')" \
		node_modules/.bin/purgecss --config purgecss.config.cjs
	cp node_modules/axe-core/axe.min.js tests/browser/vendor/
	# The source maps are not vendored; their references would break collectstatic.
	sed -i '/sourceMappingURL/d' static/vendor/bootstrap/css/bootstrap.min.css
	rm -rf static/vendor/bootstrap/js

clean:
	rm -rf $(VENV) var node_modules build *.egg-info
