# The two commands: `make run` and `make test` (README). Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Where `make run` serves, for every absolute link and the default Site record
# (docs/configuration.md, "BASE_URL and the Site record"). A wildcard bind address is no address
# to link to. Set here rather than taken from the environment, so an exported production BASE_URL
# never leaks into a local run; `make run BASE_URL=…` overrides it (e.g. behind a proxy). A
# variable of its own, so that `make serve` still gets the exported BASE_URL.
LINK_HOST = $(if $(filter 0.0.0.0 :: [::],$(HOST)),127.0.0.1,$(HOST))
RUN_BASE_URL = $(if $(filter command line,$(origin BASE_URL)),$(BASE_URL),http://$(LINK_HOST):$(PORT))
BROWSER_TESTS ?= auto
export BROWSER_TESTS

TEMPLATES = $(shell find home articles therapists search site -name '*.html' -not -path '*/node_modules/*')

.PHONY: run test lint install browser-tools serve fuzz bench-http bench-search bench-comments bench-directory bench-import clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create $(VENV): on Debian, apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed

run: $(BIN)/.installed
	BASE_URL='$(RUN_BASE_URL)' $(BIN)/python manage.py migrate --noinput
	BASE_URL='$(RUN_BASE_URL)' $(BIN)/python manage.py load_demo_content
	BASE_URL='$(RUN_BASE_URL)' $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production stack on this machine (docs/operations.md, "make serve"): Varnish on PORT (default
# 8080) in front of gunicorn, and the task worker; installs Varnish if missing. Not one of the two
# commands: it needs production settings (SECRET_KEY, BASE_URL, DATABASE_URL, REDIS_URL, EMAIL_URL).
# PORT from the command line or the environment, else 8080 (not make run's 8000).
SERVE_PORT = $(if $(filter file,$(origin PORT)),8080,$(PORT))
serve: $(BIN)/.installed
	PORT=$(SERVE_PORT) $(BIN)/python -m deploy.stack

# Test-only JavaScript/Java tools (axe-core, vnu) for the browser tests; skipped without npm.
browser-tools:
	@if [ "$(BROWSER_TESTS)" != "0" ] && command -v npm >/dev/null 2>&1; then \
		test -f node_modules/.package-lock.json -a node_modules/.package-lock.json -nt package-lock.json \
		|| npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; fi

# lint-imports: the apps' one dependency direction (pyproject.toml, docs/architecture.md).
lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATES)
	$(BIN)/lint-imports --no-cache

test: lint browser-tools
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The fuzz suite at full length (docs/security.md, "The fuzz suite"): FUZZ_EXAMPLES generated
# requests to every public endpoint and form of a live server on PostgreSQL; fails on any 5xx.
# `make test` runs a short, derandomised pass of the same suite.
FUZZ_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_fuzz
FUZZ_EXAMPLES ?= 2000
# A busy machine can take over 3 s (production's DB_CONNECT_TIMEOUT) to accept a connection; the
# fuzz looks for answers to bad input, so it waits longer rather than count that as a 500.
fuzz: $(BIN)/.installed
	DATABASE_URL=$(FUZZ_DATABASE_URL) FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) BROWSER_TESTS=0 DB_CONNECT_TIMEOUT=30 \
		$(BIN)/pytest home/tests/test_fuzz.py -p no:randomly -q

# The directory benchmark (docs/performance.md): 50,000 profiles on PostgreSQL, built once.
DIRECTORY_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_bench_directory
bench-directory: $(BIN)/.installed
	DATABASE_URL=$(DIRECTORY_BENCH_DATABASE_URL) DEBUG=false $(BIN)/python manage.py bench_directory

# The HTTP benchmark (docs/performance.md): the production stack on PostgreSQL with the demo
# content, wrk against Varnish, gunicorn and nginx. BASELINE=<commit> serves that commit's
# article beside this one. Ports HTTP_BENCH_PORT to +3, and +9 for its own Redis.
HTTP_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_bench_http
HTTP_BENCH_PORT ?= 18080
BASELINE ?=
bench-http: $(BIN)/.installed
	DATABASE_URL=$(HTTP_BENCH_DATABASE_URL) DEBUG=false $(BIN)/python manage.py bench_http \
		--port $(HTTP_BENCH_PORT) $(if $(BASELINE),--baseline $(BASELINE))

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media static

# The article search benchmark (docs/performance.md): 100,000 articles on PostgreSQL, built once.
SEARCH_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_bench_search
SEARCH_BENCH_ARTICLES ?= 100000
bench-search: $(BIN)/.installed
	DATABASE_URL=$(SEARCH_BENCH_DATABASE_URL) DEBUG=false $(BIN)/python manage.py bench_search --articles $(SEARCH_BENCH_ARTICLES)

# Comments at scale (docs/performance.md): 100,000 articles and 1,000,000 comments on
# PostgreSQL, built once; the article page and Recent Comments timed.
COMMENTS_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_bench_comments
bench-comments: $(BIN)/.installed
	DATABASE_URL=$(COMMENTS_BENCH_DATABASE_URL) DEBUG=false $(BIN)/python manage.py bench_comments

# The WordPress import benchmark (docs/performance.md): a fresh database each run,
# a generated export of 10,000 posts and 200,000 comments, timed on PostgreSQL.
IMPORT_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_bench_import
bench-import: $(BIN)/.installed
	DATABASE_URL=$(IMPORT_BENCH_DATABASE_URL) DEBUG=false $(BIN)/python manage.py bench_import
