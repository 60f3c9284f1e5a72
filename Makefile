# The two commands of the README's Quick start: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST_PORT ?= 127.0.0.1:8000
# The suite's second run uses this server (a test database is made and dropped on it).
PG_URL ?= postgres://postgres@127.0.0.1:5432/align
# Each pass runs on this many processes (pytest-xdist), a test module's tests in one of them.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadscope

.PHONY: run test test-sqlite test-postgres lint format clean bench bench-scale test-compose

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# axe-core and the Nu HTML Checker for the page checks; without npm those tests say so.
node_modules/.installed: package.json
	@if command -v npm >/dev/null; then \
		npm install --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML-validity checks will be skipped."; fi

run: $(BIN)/.installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py demo_content
	@echo "Serving the demo site on http://$(HOST_PORT)/ (Ctrl-C stops it)."
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST_PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint node_modules/.installed
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

test-sqlite: $(BIN)/.installed
	@echo "== Test suite on SQLite =="
	DJANGO_DEBUG=1 $(PYTEST) $(PYTEST_ARGS)

# Runs on PostgreSQL when a server answers at PG_URL; says so plainly when none does
# (and fails under CI, which must not lack one). The browser journeys ran in the first
# pass: what they drive does not change with the database, which the rest covers.
test-postgres: $(BIN)/.installed
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" '$(PG_URL)' 2>/dev/null; then \
		echo "== Test suite on PostgreSQL ($(PG_URL)) =="; \
		DJANGO_DEBUG=1 DATABASE_URL='$(PG_URL)' $(PYTEST) -m 'not browser' $(PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then \
		echo "No PostgreSQL server answers at $(PG_URL): CI needs one."; exit 1; \
	else \
		echo "== NOT RUN on PostgreSQL: no server answers at $(PG_URL). The suite ran on SQLite only."; \
		echo "   Start one (README: 'Using PostgreSQL') or set PG_URL, then run make test again."; \
	fi

# The compose stack for real: an engine (started and stopped again when none runs), the
# stand-in base images, `docker compose up --build --wait`, checks through the proxy,
# restarts, backup and restore, web scaled to three, `down -v`; then the same file as a
# single-node Swarm stack. One after the other: a swarm's init and leave break name lookup
# in containers already running. Needs root (dockerd, debootstrap).
test-compose:
	bin/test-compose
	bin/test-swarm

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media staticfiles

# Figures, not pass/fail: comment rendering and reply timings, and a new post's emails to
# 10,000 subscribers, on SQLite and PostgreSQL, then
# HTTP load (wrk against gunicorn with 2 workers) on PostgreSQL.
bench: $(BIN)/.installed
	$(BIN)/python bench/comments.py
	$(BIN)/python bench/imports.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/follow.py
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" '$(PG_URL)' 2>/dev/null; then \
		$(BIN)/python bench/comments.py $(PG_URL)_bench; \
		$(BIN)/python bench/imports.py $(PG_URL)_bench; \
		$(BIN)/python bench/crawl.py $(PG_URL)_bench; \
		$(BIN)/python bench/follow.py $(PG_URL)_bench; \
		$(BIN)/python bench/load.py $(PG_URL)_load; \
	else echo "No PostgreSQL server at $(PG_URL): benchmarked on SQLite only, no load test."; fi

# A million comments (2,000 posts of about 500): each figure printed beside its target.
# PostgreSQL only: SQLite is not meant for a site this size.
bench-scale: $(BIN)/.installed
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" '$(PG_URL)' 2>/dev/null; then \
		$(BIN)/python bench/scale.py $(PG_URL)_scale; \
	else echo "bench-scale needs a PostgreSQL server at $(PG_URL)."; exit 1; fi
