# Bina UMKM — two commands for a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PORT ?= 8000
UV := python3 -m uv
PY := .venv/bin/python
MANAGE := $(PY) manage.py
ONLY ?=
PYTEST_ARGS ?=

.PHONY: run test test-postgres fuzz bench install install-dev uv chromium wrk lint messages css

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv 2>/dev/null || \
	  python3 -m pip install --quiet --user uv || python3 -m pip install --quiet --user --break-system-packages uv

install: uv
	@$(UV) sync --frozen --no-dev --inexact --quiet

install-dev: uv
	@$(UV) sync --frozen --quiet

# Installs, migrates the SQLite database, loads areas and demo data once, prints the demo
# logins, and serves http://127.0.0.1:$(PORT) with the background worker beside it. DEBUG is off
# (the pages people see, the friendly 404/500 pages, hashed static files): DEBUG=1 make run for
# Django's debug pages.
run: export DEBUG ?= 0
run: install
	@$(MANAGE) migrate --noinput -v0
	@$(MANAGE) seed_demo
	@$(MANAGE) collectstatic --noinput -v0
	@echo "Bina UMKM: http://127.0.0.1:$(PORT)/  (Ctrl+C untuk berhenti)"
	@$(MANAGE) db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT) --noreload

chromium:
	@if [ ! -x /usr/bin/chromium ] && ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Memasang Chromium dari paket Debian..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium tidak ada: pasang paket Debian 'chromium' (butuh root)." >&2; exit 1; fi; \
	fi

# The web benchmark's load tool (core/webbench.py), from Debian's packages.
wrk:
	@if ! command -v wrk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Memasang wrk dari paket Debian..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk tidak ada: pasang paket Debian 'wrk' (butuh root)." >&2; exit 1; fi; \
	fi

# Style, the layering contracts (import-linter) and the type checker (mypy + django-stubs).
lint: install-dev
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check --quiet .
	@.venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache
	@.venv/bin/mypy --no-error-summary

# Installs what tests need, runs ruff and the whole suite (browser tests included) on SQLite.
test: install-dev chromium lint
	@$(MANAGE) makemigrations --check --dry-run -v0 --settings=binaumkm.config.settings.test
	@.venv/bin/pytest -q $(PYTEST_ARGS)

# The same suite on PostgreSQL 15, started on loopback in a throwaway cluster.
test-postgres: install-dev chromium
	@scripts/with-postgres.sh .venv/bin/pytest -q $(PYTEST_ARGS)

# More input fuzzing than the suite's 2,000 hostile values: make fuzz N=10000 (FUZZ_SEED=... to vary).
N ?= 10000
fuzz: install-dev
	@FUZZ_N=$(N) .venv/bin/pytest -q -p no:randomly binaumkm/core/tests/test_fuzz.py

# Speed targets: seeds a separate benchmark database and writes docs/benchmarks.md.
bench: install-dev wrk
	@mkdir -p var
	@DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/var/bench.sqlite3} $(MANAGE) migrate --noinput -v0
	@DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/var/bench.sqlite3} $(MANAGE) bench --only "$(ONLY)"

# For developers: refresh each app's English catalogue (locale/en), then compile all of them.
messages: install-dev
	@for d in binaumkm/*/locale; do (cd $$(dirname $$d) && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l en --no-obsolete -v0); done
	@$(PY) scripts/compile_messages.py

# For developers: rebuild core/static/core/bootstrap.min.css after using a new Bootstrap class.
css: install-dev
	@$(MANAGE) build_css
