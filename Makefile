# The two commands a newcomer types: `make run` and `make test`.
# Everything else (the virtualenv, packages, database, demo content) follows.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST   ?= 127.0.0.1
PORT   ?= 8000
WORKERS ?= 3

.PHONY: run dev test lint format format-templates migrate demo clean help
.PHONY: backup restore loadtest bench

help:
	@echo "make run    serve the demo site on http://$(HOST):$(PORT)"
	@echo "make dev    the same with DEBUG on (Django's error pages)"
	@echo "make test   run the whole test suite"
	@echo "make lint   ruff, import contracts and template checks"
	@echo "make format apply ruff's fixes and formatting (code and templates)"
	@echo "make backup   save the database and media under BACKUP_DIR"
	@echo "make restore  bring back the newest backup (or BACKUP=folder)"
	@echo "make loadtest 60 s of load on gunicorn with production settings"
	@echo "make bench    page costs at 100,000 stories against the framework floor"

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# `make run` serves the demo as production would: DEBUG off (the site's own
# error pages), hashed and compressed static files, a secret key generated
# once into var/ (never committed). Plain HTTP on this machine, so no HTTPS
# redirect and no secure-only cookies. `make dev` is the same with DEBUG on.
SECRET_KEY_FILE ?= $(CURDIR)/var/secret_key
export HOST PORT

run: export DEBUG ?= false
run: export SECRET_KEY_FILE := $(SECRET_KEY_FILE)
run: export ALLOWED_HOSTS ?= localhost,127.0.0.1,[::1],$(HOST)
run: export SECURE_SSL_REDIRECT ?= false
run: export SESSION_COOKIE_SECURE ?= false
run: export SECURE_HSTS_SECONDS ?= 0
run: export BEHIND_TLS_PROXY ?= false
run: $(VENV)/.runtime $(SECRET_KEY_FILE)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput --verbosity 0
	@echo
	@echo "  Newsroom is at http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/ (demo accounts above)"
	@echo "  Stop with Ctrl-C."
	@echo
	$(BIN)/gunicorn newsroom.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--access-logfile - --forwarded-allow-ips 127.0.0.1

# Django's technical error pages and tracebacks, for working on the code.
dev:
	$(MAKE) run DEBUG=true

$(SECRET_KEY_FILE):
	mkdir -p $(dir $@)
	(umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@)

# The suite runs with production-like settings (DEBUG off), on SQLite unless
# DATABASE_URL points elsewhere.
test: export DEBUG = false
test: export SECRET_KEY ?= test-only-secret-key-not-for-any-real-site-0123456789
test: export SECURE_SSL_REDIRECT = false
test: $(VENV)/.dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Templates: djlint, configured in pyproject.toml ([tool.djlint]).
DJLINT := $(BIN)/djlint templates

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(DJLINT) --check

format: $(VENV)/.dev format-templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# djlint --reformat exits 1 when it changed a file; the check then says
# whether the result is clean.
format-templates: $(VENV)/.dev
	$(DJLINT) --reformat --quiet || $(DJLINT) --check --quiet

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# Backups: a timestamped folder under BACKUP_DIR (var/backups by default).
# Like `make run`, DEBUG is on unless the environment says otherwise.
backup: export DEBUG ?= true
backup: $(VENV)/.runtime
	$(MANAGE) backup

restore: export DEBUG ?= true
restore: $(VENV)/.runtime
	$(MANAGE) restore $(BACKUP)

# Load test (not part of `make test`): gunicorn with production settings on
# 127.0.0.1, wrk at 64 connections for 60 s; see tools/loadtest.py.
loadtest: $(VENV)/.runtime
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python tools/loadtest.py

# Benchmark (not part of `make test`): generated data (kept under var/bench/),
# gunicorn with production settings, wrk over the main pages; see tools/bench.py.
# For example: make bench BENCH_ARGS="--stories 100000 --compare 1000".
bench: $(VENV)/.runtime
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python tools/bench.py $(BENCH_ARGS)
