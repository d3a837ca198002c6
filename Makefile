# The two commands: `make run` and `make test` (README). Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
BROWSER_TESTS ?= auto
export BROWSER_TESTS

TEMPLATES = $(shell find home articles therapists search site -name '*.html' -not -path '*/node_modules/*')

.PHONY: run test lint install browser-tools bench-search bench-directory bench-import clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create $(VENV): on Debian, apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(BIN)/.installed

run: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Test-only JavaScript/Java tools (axe-core, vnu) for the browser tests; skipped without npm.
browser-tools:
	@if [ "$(BROWSER_TESTS)" != "0" ] && command -v npm >/dev/null 2>&1; then \
		test -f node_modules/.package-lock.json -a node_modules/.package-lock.json -nt package-lock.json \
		|| npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; fi

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATES)

test: lint browser-tools
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The directory benchmark (README, "Performance"): 50,000 profiles on PostgreSQL, built once.
DIRECTORY_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_bench_directory
bench-directory: $(BIN)/.installed
	DATABASE_URL=$(DIRECTORY_BENCH_DATABASE_URL) DEBUG=false $(BIN)/python manage.py bench_directory

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media static

# The article search benchmark (README, "Performance"): 100,000 articles on PostgreSQL, built once.
SEARCH_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_bench_search
SEARCH_BENCH_ARTICLES ?= 100000
bench-search: $(BIN)/.installed
	DATABASE_URL=$(SEARCH_BENCH_DATABASE_URL) DEBUG=false $(BIN)/python manage.py bench_search --articles $(SEARCH_BENCH_ARTICLES)

# The WordPress import benchmark (README, "Importing from WordPress"): a fresh database each run,
# a generated export of 10,000 posts and 200,000 comments, timed on PostgreSQL.
IMPORT_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/mindwell_bench_import
bench-import: $(BIN)/.installed
	DATABASE_URL=$(IMPORT_BENCH_DATABASE_URL) DEBUG=false $(BIN)/python manage.py bench_import
