# Manchette: `make run` serves the site, `make test` runs every test. Both set up what
# they need (virtual environment, pinned packages, database, demo content, browser).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run dev setup test test-python test-browser lint lock clean bench load lighthouse

run: setup
	@echo "Manchette sert le site sur http://$(HOST):$(PORT)/ (rédaction : /$${DESK_PATH:-redaction}/)"
	scripts/serve

# Working on the code: Django's development server (DEBUG on, restarted at each saved
# change) beside the task worker; Ctrl-C stops both.
dev: setup
	@echo "Manchette (développement) sur http://$(HOST):$(PORT)/ (rédaction : /$${DESK_PATH:-redaction}/)"
	scripts/dev

# Each step is a file target, so a second `make run` skips what is already done.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.base-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@

STATIC_SOURCES := $(shell find manchette -path '*/static/*' -type f 2>/dev/null)
# Where settings.py puts collected files (STATIC_ROOT, else VAR_DIR/static).
STATIC_MANIFEST := $(or $(STATIC_ROOT),$(or $(VAR_DIR),var)/static)/staticfiles.json
$(STATIC_MANIFEST): $(VENV)/.base-installed $(STATIC_SOURCES)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

setup: $(VENV)/.base-installed $(STATIC_MANIFEST)
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py purge_pages --verbosity 0

test: lint test-python test-browser

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --verbosity 0

test-python: $(VENV)/.dev-installed
	scripts/ensure-web-tools
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

# The browser tests include the web's judges (issue 8): axe-core and the Nu Html Checker,
# from npm, on Java and Node from Debian (scripts/ensure-judges installs what is missing).
test-browser: $(VENV)/.dev-installed
	scripts/ensure-chromium
	scripts/ensure-judges
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

# HTTP benchmarks (issue 6): installs Debian's wrk and nginx when missing, then measures
# a throwaway copy of the site (its own database, collected static files and static edge
# under a temporary VAR_DIR) and writes bench/RESULTS.md. About 15 minutes;
# BENCH_ARGS=--quick tries it out in a few.
bench: $(VENV)/.dev-installed
	scripts/ensure-web-tools
	$(BIN)/python bench/http_bench.py $(BENCH_ARGS)

# Load and failure (issue 7): per database (SQLite, then PostgreSQL and Redis when they
# answer), a throwaway site started by `make run` takes 60 s of readers, commenters and an
# editor, then 60 s more with a SIGKILL of the whole server halfway, then 60 s or more
# with a WordPress import of 400 posts writing meanwhile (LOAD_ARGS=--no-long-write skips
# it); no 5xx, and every accepted comment must be stored. Writes bench/RESULTS.md. About
# 12 minutes.
load: $(VENV)/.base-installed
	$(BIN)/python bench/load_bench.py $(LOAD_ARGS)

# Lighthouse (issue 8): installs Debian's Chromium and Node when missing, and Lighthouse
# from npm into bench/lighthouse, then runs Lighthouse three times, mobile profile,
# on the reference article of a throwaway site started by `make run`, and on the same
# post in WordPress 6.1 when Debian's packages for it are installed (bench/wordpress_site.py);
# scores, failed audits and page weights go into bench/RESULTS.md. About 3 minutes;
# LIGHTHOUSE_ARGS=--quick tries it out with one run.
lighthouse: $(VENV)/.base-installed
	scripts/ensure-chromium
	scripts/ensure-node-packages bench/lighthouse
	$(BIN)/python bench/lighthouse_bench.py $(LIGHTHOUSE_ARGS)

# Re-pin every dependency after editing requirements/*.in (pip-tools is in dev.txt);
# the versions already pinned stay unless an .in file asks otherwise.
lock: $(VENV)/.dev-installed
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --no-emit-find-links --no-emit-index-url base.in -o base.txt
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --no-emit-find-links --no-emit-index-url dev.in -o dev.txt

clean:
	rm -rf $(VENV) var/static var/cache
