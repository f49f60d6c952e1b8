# Career Planner: `make run` serves the site, `make test` passes every test.
# Both set everything up first, from a fresh clone on a fresh machine.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
PG_URL := postgres://careerplanner:careerplanner@127.0.0.1:5432/careerplanner
# Local commands run with DEBUG on (and so the development secret key); production sets its own.
MANAGE := DEBUG=1 $(PY) manage.py
# What WeasyPrint (the PDF downloads) needs from Debian: Pango and HarfBuzz's subsetter, and a font.
MULTIARCH := $(shell $(PYTHON) -c "import sysconfig; print(sysconfig.get_config_var('MULTIARCH') or '')")
PDF_LIBRARIES := /usr/lib/$(MULTIARCH)/libpangoft2-1.0.so.0 /usr/lib/$(MULTIARCH)/libharfbuzz-subset.so.0 \
	/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

.PHONY: run test setup lint test-postgres postgres admin ci clean

run: setup
	$(MANAGE) runserver 127.0.0.1:8000

test: setup /usr/bin/chromium
	$(PY) -m pytest

setup: $(VENV)/.installed node_modules/.installed /usr/bin/msgfmt $(PDF_LIBRARIES)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules
	$(MANAGE) migrate --no-input
	$(MANAGE) load_catalogue

# Create the first admin account (asks for a username, email and password).
admin: setup
	$(MANAGE) createsuperuser

# mypy's Django plugin reads the test settings and ends without running exit handlers, so it is given a
# media folder (never written) rather than left to make a throwaway one that nothing would remove.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PRIVATE_MEDIA_ROOT=.mypy_cache/unused-media $(VENV)/bin/mypy .

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

# Page performance on gunicorn and PostgreSQL: each page's requests/s against a floor view, in its own
# database (bench/pages.py says how to read the table). More: make bench BENCH_ARGS="--users 100000".
.PHONY: bench
bench: setup postgres /usr/bin/wrk
	$(SUDO) runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname = 'careerplanner_bench'" | grep -q 1 \
		|| $(SUDO) runuser -u postgres -- createdb -O careerplanner careerplanner_bench
	$(PY) bench/pages.py $(BENCH_ARGS)

# More than one machine (README, "Production layout"): two gunicorn instances (ports 8101, 8102) sharing
# PostgreSQL (its own database, emptied each run), Redis and a local S3 server, checked over HTTP.
.PHONY: test-scaleout
test-scaleout: setup postgres /usr/bin/redis-server
	$(SUDO) runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname = 'careerplanner_scaleout'" | grep -q 1 \
		|| $(SUDO) runuser -u postgres -- createdb -O careerplanner careerplanner_scaleout
	$(PY) -m pytest -m scaleout tests/scaleout -v -rP

# A bounded mixed load (browse, plan, status changes, CEUs) on two instances (ports 8201, 8202) for 10 minutes,
# then a check that no write was lost or duplicated (bench/load.py). Shorter: make load LOAD_ARGS="--minutes 1".
.PHONY: load
load: setup postgres /usr/bin/redis-server
	$(SUDO) runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_database WHERE datname = 'careerplanner_load'" | grep -q 1 \
		|| $(SUDO) runuser -u postgres -- createdb -O careerplanner careerplanner_load
	$(PY) bench/load.py $(LOAD_ARGS)

ci:
	.ci/run

# Gather every msgid into locale/es/LC_MESSAGES/django.po: templates, Python, and the planner's N_()/NP_()
# (the project's makemessages command, roadmap/management/commands/makemessages.py, passes those keywords:
# xgettext --keyword=N_ --keyword=NP_:1,2). Translate the new entries, then `make setup` compiles them.
.PHONY: messages
messages: $(VENV)/.installed /usr/bin/msgfmt
	$(MANAGE) makemessages --locale es --no-obsolete --ignore=.venv --ignore=node_modules --ignore=test-artifacts \
		--ignore=tests --ignore=bench --ignore=staticfiles

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

# The PDF downloads lay out text with Pango (WeasyPrint, in requirements.txt); one install for all three files.
$(PDF_LIBRARIES) &:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

# compilemessages builds the Spanish texts (locale/*.po into .mo files, never committed) with GNU gettext.
/usr/bin/msgfmt:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq gettext

# The load generator of `make bench`.
/usr/bin/wrk:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk

# The cache that `make test-scaleout` shares between instances (it starts its own server on port 6390).
/usr/bin/redis-server:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server

clean:
	rm -rf $(VENV) node_modules staticfiles test-artifacts db.sqlite3
