# 计生协门户 — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
## The public address every absolute link follows (Site record, emails, API); `make run`/`make serve` serve it
export SITE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto
# `make test` measures coverage of portal/, home/ and search/ and fails under the floor; `make test COVERAGE=` skips it
COVERAGE ?= --cov --cov-report=term-missing:skip-covered --cov-fail-under=90
TEST_DB_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# Production settings on this machine (make static, make serve): a local secret unless SECRET_KEY is set
PRODUCTION = DJANGO_SETTINGS_MODULE=portal.settings.production \
	SECRET_KEY="$${SECRET_KEY:-local-serve-$$(hostname)-not-for-internet}"
CACHE_TESTS := tests/core/test_page_cache.py tests/core/test_routing.py tests/hardening/test_faults.py

.PHONY: help run install test-s3 test-servers static migrate demo serve test test-postgres test-redis lint format messages e2e chromium bench scheduler lock check-deploy backup restore fuzz soak bench-dashboard bench-search smoke

$(VENV)/.installed: requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "需要 Python 3.11（$(PYTHON)）"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	touch $@

.DEFAULT_GOAL := help

## List the targets (what a bare `make` prints)
help:
	@awk '/^## /{doc = doc ? doc " " substr($$0, 4) : substr($$0, 4); next} \
	  /^[a-z][a-z0-9-]*:/{if (doc) printf "  make %-16s %s\n", substr($$1, 1, length($$1) - 1), doc} {doc = ""}' $(MAKEFILE_LIST)

## Virtualenv with requirements.lock, npm packages, the ECharts file
install: $(VENV)/.installed static/vendor/echarts.min.js
	@mkdir -p var

## Static files as production serves them: hashed names and the manifest WhiteNoise's storage reads (the dev server
## reads static/ directly, so `make run` does not need them)
static: install
	$(PRODUCTION) $(MANAGE) collectstatic --noinput --verbosity 0

## Create or update the database (var/db.sqlite3 unless DATABASE_URL)
migrate: install
	$(MANAGE) migrate --noinput --verbosity 0

## Load the demo site (sections, townships, users, materials)
demo: migrate
	$(MANAGE) load_demo

## Development: set up from nothing, load demo content, serve on http://127.0.0.1:8000/
run: demo
	@echo "网站：http://$(HOST):$(PORT)/"
	$(MANAGE) runserver $(HOST):$(PORT)

## Production settings under gunicorn (after `make run` has built the database)
serve: static
	$(PRODUCTION) SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-false}" \
	CSRF_COOKIE_SECURE="$${CSRF_COOKIE_SECURE:-false}" \
	$(VENV)/bin/gunicorn portal.wsgi:application --bind $(HOST):$(PORT) --workers $${WORKERS:-2} --access-logfile -

## The whole test suite on SQLite (what CI runs first), with the coverage floor (90%)
test: install
	$(VENV)/bin/pytest -m "not e2e" -n $(PYTEST_WORKERS) $(COVERAGE) $(PYTEST_ARGS)

## The same suite against PostgreSQL, the tests that touch the database (the others answer the same on any database)
test-postgres: install
	DATABASE_URL=$(TEST_DB_URL) $(VENV)/bin/pytest -m "db and not e2e" -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## The page-cache and cache-fault tests with Redis as the cache, on SQLite and on PostgreSQL (one process: they
## share one Redis database)
test-redis: install
	REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest $(CACHE_TESTS) -p no:xdist $(PYTEST_ARGS)
	REDIS_URL=$(TEST_REDIS_URL) DATABASE_URL=$(TEST_DB_URL) $(VENV)/bin/pytest $(CACHE_TESTS) -p no:xdist $(PYTEST_ARGS)

## ruff check and format check, and no model change without its migration
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run --verbosity 0

## ruff format and fix
format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Compile the project's own translations (locale/zh_Hans/LC_MESSAGES/*.po → .mo, both committed; needs gettext's msgfmt)
messages: install
	$(MANAGE) compilemessages --locale zh_Hans --ignore '.venv' --ignore 'node_modules' --ignore 'var'

## npm packages for tests (axe-core, vnu-jar) — installed from package-lock.json, never from a CDN
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## Apache ECharts for the exchange dashboard: only the parts it draws (frontend/echarts-dashboard.js), bundled from
## the npm package's ES modules by esbuild (both pinned in package-lock.json) into one static file, window.echarts
ECHARTS_VERSION = $$(node -p 'require("./node_modules/echarts/package.json").version')
static/vendor/echarts.min.js: frontend/echarts-dashboard.js node_modules/.installed
	@mkdir -p static/vendor
	node_modules/.bin/esbuild $< --bundle --minify --format=iife --global-name=echarts --target=es2018 \
	  --define:process.env.NODE_ENV='"production"' --legal-comments=none --log-level=warning \
	  --banner:js="/*! Apache ECharts $(ECHARTS_VERSION) (bar, line, grid, tooltip, SVG) | Apache-2.0 | zrender BSD-3-Clause */" \
	  --outfile=$@

## Dashboard aggregation timings over 200,000 figure rows, SQLite then PostgreSQL (BENCH_DB_URL)
bench-dashboard: install
	$(PY) tests/perf/bench_dashboard.py
	DATABASE_URL=$${BENCH_DB_URL:-postgres://postgres@127.0.0.1:5432/bench_exchange} $(PY) tests/perf/bench_dashboard.py

## Search at scale: 50,000 Chinese pages, index time/size, p50/p95 of 100 queries, SQLite then PostgreSQL
bench-search: install
	$(PY) tests/perf/bench_search.py
	DATABASE_URL=$${BENCH_SEARCH_DB_URL:-postgres://postgres@127.0.0.1:5432/bench_search} $(PY) tests/perf/bench_search.py

## Debian's chromium and CJK fonts for the browser tests (apt-get, once)
chromium:
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

## Browser tests: Playwright driving Debian's chromium (no browser download)
e2e: install chromium node_modules/.installed
	$(VENV)/bin/pytest -m e2e -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## manage.py check --deploy under production settings
check-deploy: install
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY="$$(head -c 48 /dev/urandom | base64)" \
	ALLOWED_HOSTS=portal.example.org SITE_URL=https://portal.example.org PORTAL_VAR_DIR="$$(mktemp -d)" $(MANAGE) check --deploy --fail-level WARNING

## Backup: database (SQLite backup API / pg_dump -Fc) + media → var/backups/portal-<时间>.tar.gz
backup: install
	$(MANAGE) backup

## Restore a backup (overwrites database and media, then checks counts and hashes): make restore BACKUP=path
restore: install
	@test -n "$(BACKUP)" || { echo "用法：make restore BACKUP=var/backups/portal-….tar.gz"; exit 1; }
	$(MANAGE) restore "$(BACKUP)" --yes

## Long fuzz of every public URL's query parameters and the API (the CI suite runs a short version)
fuzz: install
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-400} $(VENV)/bin/pytest tests/hardening/test_fuzz.py -p no:randomly -q

## Production smoke (CI): a temporary demo site under gunicorn with production settings; every sitemap URL, the
## dashboard, a search, the feeds, images and documents must answer 200 and gunicorn must log no error
smoke: install
	$(PY) tests/smoke/prod_smoke.py

## Media on S3: moto (a local S3 API server on 127.0.0.1:8140) with a bucket, tests/ops/test_s3.py against it
test-s3: install
	$(PY) tests/ops/s3server.py $(VENV)/bin/pytest tests/ops/test_s3.py -p no:xdist -q $(PYTEST_ARGS)

## Two app servers (CI): gunicorn on 127.0.0.1:8130 and :8131 sharing PostgreSQL (portal_two_servers, recreated),
## Redis db 13 (flushed) and a moto bucket, under bounded load; report in artifacts/two-servers.json
test-servers: install
	$(PY) tests/ops/two_servers.py

## Soak: gunicorn (production settings) under bounded load while editors publish and townships submit
soak: static
	$(PY) tests/perf/soak.py --seconds $${SOAK_SECONDS:-180}

## HTTP benchmark: gunicorn (production settings, 2 workers) on a demo database in var/bench, page cache on and off
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || echo "没有 wrk：改用 Python 负载生成器"
	$(PY) tests/perf/bench_http.py $(BENCH_ARGS)

## Scheduled publishing: runs publish_scheduled every 60 s (go-live and expiry times) until stopped
scheduler: install
	$(MANAGE) run_scheduler --interval $${SCHEDULER_INTERVAL:-60}

## Refresh requirements.lock from the current virtualenv
lock:
	(echo "# Pinned versions of every dependency (direct and transitive). Regenerate with \`make lock\`."; \
	 $(PIP) freeze --exclude-editable) > requirements.lock

## Lighthouse (npm, pinned in package-lock.json) on its mobile profile, headless chromium, against the production
## server `make serve` already running on HOST:PORT: home, a news item, the policy library and the dashboard; prints
## the four category scores, writes artifacts/lighthouse/*.json, fails when a page misses its target
.PHONY: lighthouse
lighthouse: node_modules/.installed
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) tests/perf/lighthouse.py --base http://$(HOST):$(PORT)
