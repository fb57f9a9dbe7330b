# Two commands for a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# This machine's pip configuration names local indexes that may be absent: hide those warnings only.
QUIET_PIP := 2>&1 | { grep -v '^WARNING: Location' || true; }
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
# Test processes (pytest-xdist): one per core; PYTEST_WORKERS=0 runs the suite in this process.
PYTEST_WORKERS ?= auto

# The first Python >= 3.12 found: on PATH, then under pyenv.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	p=$$(command -v $$c 2>/dev/null) || continue; \
	$$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null && { echo $$p; break; }; \
	done)

.PHONY: demo serve test install install-dev format bench

$(PY):
	@test -n "$(PYTHON)" || { echo "Cần Python >= 3.12 (không tìm thấy)."; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install -q -r requirements.lock $(QUIET_PIP)
	touch $@

$(DEVSTAMP): requirements-dev.lock $(STAMP)
	$(PY) -m pip install -q -r requirements-dev.lock $(QUIET_PIP)
	touch $@

install: $(STAMP)
install-dev: $(DEVSTAMP)

# The demo runs as production does, with DEBUG off, so that visitors meet the product's own Vietnamese
# 404/500 pages rather than Django's English debug page listing every URL: a secret key of this machine's
# own (made once in .secret_key), plain HTTP on 127.0.0.1 (cookies not marked Secure), the demo accounts'
# public passwords without a second factor, mail printed on the console, static files served by
# runserver (--insecure), and the task worker beside it (background exports); Ctrl-C stops both.
# DEMO_PORT picks another port: `make demo DEMO_PORT=8010`.
DEMO_PORT ?= 8000
demo: export DEBUG = 0
demo: export SECURE_COOKIES = 0
demo: export HDND_REQUIRE_2FA ?= 0
demo: export EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
demo: install
	test -s .secret_key || $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key
	export SECRET_KEY=$$(cat .secret_key); \
	$(PY) manage.py migrate --noinput && DEMO_PORT=$(DEMO_PORT) $(PY) manage.py seed_demo && \
	{ trap 'kill 0' EXIT; $(PY) manage.py db_worker & $(PY) manage.py runserver --insecure 127.0.0.1:$(DEMO_PORT); }

# The demo on the production server: gunicorn (several workers, hdnd/gunicorn.conf.py), static files
# through WhiteNoise, and the task worker as its own process; Ctrl-C stops both.
# It runs with DEBUG off, a secret key of this machine's own (made once in .secret_key) and plain HTTP on
# 127.0.0.1, so cookies are not marked Secure; a real server sits behind TLS (README, production checklist).
serve: export DEBUG = 0
serve: export SECURE_COOKIES = 0
# The demo accounts have public passwords: a second factor would protect nothing here (production: on).
serve: export HDND_REQUIRE_2FA ?= 0
serve: install
	test -s .secret_key || $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > .secret_key
	export SECRET_KEY=$$(cat .secret_key); \
	$(PY) manage.py migrate --noinput && $(PY) manage.py seed_demo && $(PY) manage.py collectstatic --noinput -v 0 && \
	{ trap 'kill 0' EXIT; $(PY) manage.py db_worker & $(VENV)/bin/gunicorn -c hdnd/gunicorn.conf.py hdnd.wsgi; }

test: install-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=hdnd.settings_test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Speed and memory figures at national scale (printed beside the goals of issue 17, never asserted in
# tests; bench/README.md). Real figures need PostgreSQL:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hdnd_bench make bench BENCH_ARGS="--scale 1"
# (the database is loaded once and reused; without DATABASE_URL a throw-away SQLite file is used).
bench: export DEBUG = 1
bench: install-dev
	$(PY) bench/run.py $(BENCH_ARGS)
