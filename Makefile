# Career Planner: `make run` serves the site, `make test` passes every test.
# Both set everything up first, from a fresh clone on a fresh machine.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PG_URL := postgres://careerplanner:careerplanner@127.0.0.1:5432/careerplanner
# Local commands run with DEBUG on (and so the development secret key); production sets its own.
MANAGE := DEBUG=1 $(PY) manage.py

.PHONY: run test setup lint test-postgres postgres admin ci clean

run: setup
	$(MANAGE) runserver 127.0.0.1:8000

test: setup /usr/bin/chromium
	$(PY) -m pytest

setup: $(VENV)/.installed node_modules/.installed
	$(MANAGE) migrate --no-input
	$(MANAGE) load_catalogue

# Create the first admin account (asks for a username, email and password).
admin: setup
	$(MANAGE) createsuperuser

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

# The whole suite again on PostgreSQL 15: starts the local cluster if needed and
# creates the role and database the tests use.
test-postgres: setup /usr/bin/chromium postgres
	DATABASE_URL=$(PG_URL) $(PY) -m pytest

postgres:
	pg_ctlcluster 15 main status >/dev/null 2>&1 || $(SUDO) pg_ctlcluster 15 main start
	$(SUDO) runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname = 'careerplanner'" | grep -q 1 \
		|| $(SUDO) runuser -u postgres -- psql -qc "CREATE ROLE careerplanner LOGIN CREATEDB PASSWORD 'careerplanner'"
	$(SUDO) runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname = 'careerplanner'" | grep -q 1 \
		|| $(SUDO) runuser -u postgres -- createdb -O careerplanner careerplanner

ci:
	.ci/run

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own download cannot work here).
/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

clean:
	rm -rf $(VENV) node_modules staticfiles test-artifacts db.sqlite3
