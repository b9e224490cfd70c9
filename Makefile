# Two commands: `make run` serves the demo site, `make test` runs lint and the suite.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
HOST ?= 127.0.0.1
PORT ?= 8000
N ?= 500
SOLUTIONS ?= 10000
DOCUMENTS ?= 50000
POSTS ?= 200000
EVENTS ?= 2000
REGISTRATIONS ?= 500
LOAD_SECONDS ?= 60

.PHONY: run test install install-test npm lint pytest lighthouse migrate demo admin messages bench bench-repository bench-search bench-relevance bench-community bench-events bench-queries bench-page-cache bench-load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs exactly the locked set (the lock is a constraints file); re-runs only when
# pyproject.toml or the lock change.
$(VENV)/.installed-run: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/pip install --quiet -c $(LOCK) -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/pip install --quiet -c $(LOCK) -e ".[test]"
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run npm
install-test: $(VENV)/.installed-test npm

# The front end's npm packages (KERN's CSS, script and fonts; vnu-jar and Lighthouse for
# the browser checks), exactly as package-lock.json pins them; re-runs only when it changes.
# --ignore-scripts: no package runs code at install time.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The part of KERN's stylesheet the site uses (PurgeCSS over the templates, the code that
# writes markup, the scripts and the theme); rebuilt when any of them changes.
KERN_SITE_CSS := build/kern/kern.site.min.css
KERN_SOURCES := $(shell find . \( -path ./node_modules -o -path ./.venv -o -path ./var \
	-o -path ./build -o -path ./tests -o -path ./.git -o -name migrations \) -prune -o \
	\( -name '*.html' -o -name '*.py' -o -name '*.js' -o -name '*.css' -o -name '*.mjs' \) -print)
$(KERN_SITE_CSS): node_modules/.installed $(KERN_SOURCES)
	node tools/kern/build.mjs

npm: node_modules/.installed $(KERN_SITE_CSS)

migrate: install
	$(BIN)/python manage.py migrate --no-input

demo: migrate
	$(BIN)/python manage.py load_demo

admin: migrate
	$(BIN)/python manage.py ensure_local_admin

# Links in mail sent outside a request (and the admin URL printed) name the host and
# port served here (home/site_urls.py); inside a request they follow the one asked.
run admin: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

run: demo admin
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test

pytest: install-test
	$(BIN)/pytest $(PYTEST_ARGS)

# Lighthouse scores of the main page types against a production-like server (DEBUG=0,
# gunicorn, WhiteNoise with collected static files) on the demo database; prints a table.
lighthouse: demo
	$(BIN)/python tools/lighthouse/run.py --min 95

test: lint pytest

# Rebuild the .po catalogues from the code, then compile them.
messages: install-test
	$(BIN)/python manage.py makemessages -l de -l en --no-obsolete --ignore='tests/*' --ignore='var/*' --ignore='platform/*'
	$(BIN)/python manage.py compilemessages --ignore='.venv' --ignore='var'

bench: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python tests/bench/bench_pages.py --pages $(N)

bench-repository: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python tests/bench/bench_repository.py --solutions $(SOLUTIONS)

bench-search: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python tests/bench/bench_search.py --documents $(DOCUMENTS)

# Judged queries on the database backend (SQLite, or PostgreSQL via DATABASE_URL), the
# search engine (ELASTICSEARCH_URL or the in-memory one) and Wagtail's built-in search.
bench-relevance: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python tests/bench/bench_relevance.py

clean:
	rm -rf $(VENV) var

bench-community: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python tests/bench/bench_community.py --posts $(POSTS)

# The registration load part needs PostgreSQL: pass DATABASE_URL.
bench-events: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python tests/bench/bench_events.py --events $(EVENTS) --registrations $(REGISTRATIONS)

# Queries of every page type (anonymous and member) and API route, against issue 18's ceilings.
bench-queries: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python tests/bench/bench_queries.py

# Anonymous pages rendered afresh and from the page cache.
bench-page-cache: install-test
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python tests/bench/bench_page_cache.py

# The production server (gunicorn, 2 workers) under wrk: a bare Django view, the anonymous
# and the signed-in mix, LOAD_SECONDS each. Needs PostgreSQL (DATABASE_URL) and wrk.
bench-load: install-test
	$(BIN)/python tests/bench/bench_load.py --solutions $(SOLUTIONS) --seconds $(LOAD_SECONDS)
