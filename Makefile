# Two commands: `make run` sets everything up and serves the site; `make test` checks it.
# `make serve` runs it as production does (gunicorn, DJANGO_DEBUG=false).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# gunicorn worker processes for `make serve` (default: two per CPU plus one).
WORKERS ?=

.PHONY: run serve test lint format install messages clean benchmark

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change, so a second `make run` is fast.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_seeds
	$(BIN)/python manage.py local_editor --admin-url http://$(HOST):$(PORT)/admin/
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production settings: DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS must be set (the settings
# say so and stop otherwise). Hashed, compressed static files are collected first.
serve: export DJANGO_DEBUG = false
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	HOST=$(HOST) PORT=$(PORT) $(if $(WORKERS),WEB_CONCURRENCY=$(WORKERS)) \
		$(BIN)/gunicorn --config think_tank/gunicorn.conf.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the message catalogues after changing interface words (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages --locale ar --locale en --ignore ".venv/*"
	$(BIN)/python manage.py compilemessages --ignore ".venv/*"

# Generated articles and measurements in databases of their own (.benchmark/; PostgreSQL too
# when BENCHMARK_DATABASE_URL is set). `make benchmark ARTICLES=100000` for the large run.
ARTICLES ?= 10000
benchmark: install
	$(BIN)/python manage.py benchmark --articles $(ARTICLES) --output .benchmark/table.md

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
