# pinpai — the two commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
APT_PACKAGES := gettext chromium fonts-noto-cjk postgresql-client libpango-1.0-0 libpangoft2-1.0-0
PG_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help bootstrap apt venv run serve worker test lint format typecheck checks pytest-sqlite pytest-postgres bench openapi messages clean

help:
	@echo "make run    install what is missing, migrate, load reference + demo data, start the worker, serve http://$(HOST):$(PORT)"
	@echo "make test   install what is missing, then lint, type checks, import contracts, migration and deploy checks, pytest on SQLite and PostgreSQL"
	@echo "make bench  benchmarks under bench/ (ratios against a baseline measured in the same run)"
	@echo "make lint | typecheck | openapi | messages"

# ---------------------------------------------------------------- installation
apt:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

bootstrap: apt venv

# ---------------------------------------------------------------- run
run: bootstrap
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_reference
	$(PY) manage.py demo
	@echo
	@echo "  pinpai is starting on http://$(HOST):$(PORT)/"
	@echo "  sign in at http://$(HOST):$(PORT)/accounts/login/ (back office: /admin/, API docs: /api/v1/docs)"
	@echo "  demo users are listed above; password: pinpai-demo-2026 (e.g. admin / pinpai-demo-2026)"
	@echo
	@$(PY) manage.py db_worker --queue-name '*' --no-reload & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

# ---------------------------------------------------------------- checks
lint: venv
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: venv
	$(VENV)/bin/mypy config engines pinpai bench conftest.py tests

checks: venv
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=check-deploy-$$RANDOM$$RANDOM-not-a-real-secret-key-xxxxxxxxxxxxxxxxxxxxxxxx \
	  ALLOWED_HOSTS=pinpai.example DATABASE_URL=sqlite:///var/check-deploy.sqlite3 \
	  $(PY) manage.py check --deploy --fail-level WARNING

pytest-sqlite: venv
	env -u DATABASE_URL $(VENV)/bin/pytest -p no:cacheprovider

pytest-postgres: venv
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect 15 main start || pg_ctlcluster 15 main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
	@db=pinpai_ci_$$$$_$$RANDOM; \
	psql -q "$(PG_ADMIN_URL)" -c "CREATE DATABASE $$db" && \
	trap "psql -q '$(PG_ADMIN_URL)' -c 'DROP DATABASE IF EXISTS $$db WITH (FORCE)' >/dev/null; \
	      for s in '' _gw0 _gw1; do psql -q '$(PG_ADMIN_URL)' -c \"DROP DATABASE IF EXISTS test_$$db\$$s WITH (FORCE)\" >/dev/null; done" EXIT; \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$$db $(VENV)/bin/pytest -p no:cacheprovider

test: bootstrap lint typecheck checks pytest-sqlite pytest-postgres

# ---------------------------------------------------------------- other
bench: bootstrap
	$(PY) bench/run.py
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect 15 main start || pg_ctlcluster 15 main start
	@db=pinpai_bench_$$$$_$$RANDOM; \
	psql -q "$(PG_ADMIN_URL)" -c "CREATE DATABASE $$db" && \
	trap "psql -q '$(PG_ADMIN_URL)' -c 'DROP DATABASE IF EXISTS $$db WITH (FORCE)' >/dev/null" EXIT; \
	$(PY) bench/run.py --database-url postgres://postgres@127.0.0.1:5432/$$db
	$(PY) bench/registry_import.py --rows 50000
	@db=pinpai_bench_import_$$$$_$$RANDOM; \
	psql -q "$(PG_ADMIN_URL)" -c "CREATE DATABASE $$db" && \
	trap "psql -q '$(PG_ADMIN_URL)' -c 'DROP DATABASE IF EXISTS $$db WITH (FORCE)' >/dev/null" EXIT; \
	$(PY) bench/registry_import.py --rows 50000 --database-url postgres://postgres@127.0.0.1:5432/$$db
	$(PY) bench/registry_lists.py --admin-url "$(PG_ADMIN_URL)"
	$(PY) bench/valuation.py
	$(PY) bench/traceability.py --admin-url "$(PG_ADMIN_URL)"

openapi: venv
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py export_openapi_schema --api pinpai.api.api.api --indent 2 --sorted --output docs/api/openapi.json

messages: bootstrap
	$(PY) manage.py makemessages -l zh_Hans -l en --no-location --no-obsolete -i '.venv/*' -i 'var/*'
	$(PY) manage.py compilemessages -i .venv

clean:
	rm -rf var/pinpai.sqlite3 var/static .mypy_cache .ruff_cache .pytest_cache
