# Two commands do everything: `make run` serves the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test check check-deploy test-sqlite test-postgres test-redis lint format chromium java clean spellcheck

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_codes
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo
	@echo "SMTP Kodları: http://127.0.0.1:$(PORT)/"
	@echo "Yönetim paneli: http://127.0.0.1:$(PORT)/admin/"
	@echo "Yönetici hesabı oluşturmak için: $(PY) manage.py createsuperuser"
	@echo "Destek ekibi kullanıcısı için:   $(PY) manage.py create_support_user KULLANICI_ADI"
	@echo
	PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py config.wsgi

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Chromium eksik; kuruluyor: apt-get install -y chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Tarayıcı testleri için Chromium gerekli. Kurmak için: sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

# The Nu Html Checker (tests/test_html.py) runs on Java.
java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Java eksik; kuruluyor: apt-get install -y default-jre-headless"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "HTML denetleyicisi için Java gerekli. Kurmak için: sudo apt-get install -y default-jre-headless"; exit 1; \
	  fi; \
	fi

# The whole suite twice: on SQLite (the embedded default) and on a throw-away PostgreSQL
# server (the production engine), browser tests included both times; then the cache tests
# on a throw-away Redis, and two app servers sharing one PostgreSQL and one Redis.
test: check-deploy test-sqlite test-postgres test-redis

# The release gate: production mode (DJANGO_PRODUCTION=1) with a throw-away real key passes
# Django's deployment checks with no warning. On a server, run the same command with its own
# environment (README "Üretim modu").
check-deploy: $(VENV)/.installed-dev
	DJANGO_PRODUCTION=1 DJANGO_ALLOWED_HOSTS=smtp.example.com KB_SITE_URL=https://smtp.example.com \
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	$(PY) manage.py check --deploy --fail-level WARNING

# The fast inner loop for every edit: lint, then the SQLite suite without the browser tests
# and the tests that start programs of their own (gunicorn, manage.py, the Java HTML checker:
# marker `processes`), spread over the cores (pytest-xdist). `make test` runs them all.
# One worker more than there are cores: some tests wait (DNS timeouts, SQLite's write lock)
# and the extra worker runs meanwhile. (Not --dist worksteal: a stolen `db` test can then run
# after a transactional test flushed the rows the migrations made, which pytest-django's
# order of tests otherwise rules out.)
CHECK_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
check: lint
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -q -m "not browser and not processes" -n $(CHECK_WORKERS)

test-sqlite: $(VENV)/.installed-dev chromium java
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

test-postgres: $(VENV)/.installed-dev chromium java
	scripts/with-postgres.sh $(PY) -m pytest

REDIS_TESTS := tests/test_page_cache.py tests/test_freshness.py tests/test_search_index.py $(wildcard tests/test_ratelimit.py)
test-redis: $(VENV)/.installed-dev
	scripts/with-redis.sh $(PY) -m pytest $(REDIS_TESTS)
	scripts/with-postgres.sh scripts/with-redis.sh $(PY) -m pytest tests/test_two_servers.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# Turkish spell-check of the fixture prose (Debian: apt-get install hunspell hunspell-tr).
# Lists each flagged word with its count; technical terms and brand names are expected.
spellcheck:
	@command -v hunspell >/dev/null || { echo "hunspell gerekli: sudo apt-get install -y hunspell hunspell-tr"; exit 1; }
	@$(PYTHON) -m scripts.fixture_text | hunspell -d tr_TR -l | sort | uniq -c | sort -rn

# Decoder benchmark (not a test): accuracy of status, reply code and reason on the real
# bounces of ../shared/bounces-dev (skipped when absent) and on our corpus; `--show N` lists
# misses: `$(PYTHON) -m scripts.score_decoder ../shared/bounces-dev --show 20 --family`.
.PHONY: score-decoder
score-decoder: $(VENV)/.installed
	@$(PY) -m scripts.score_decoder ../shared/bounces-dev tests/data/bounces

# Load and fault test (not a test of the suite): the site on a free port with a throw-away
# database (SQLite, or DATABASE_URL: `scripts/with-postgres.sh make loadtest`), 64 clients
# for LOADTEST_SECONDS (60) and an editor publishing every second; one summary line.
.PHONY: loadtest
loadtest: $(VENV)/.installed
	@$(PY) -m scripts.loadtest

# Search benchmark (not a test): top-3 hit rate on scripts/search_queries.json, median and
# p95 latency of /ara on the real corpus and on 2,000 entries.
.PHONY: bench-search
bench-search: $(VENV)/.installed
	@$(PY) -m scripts.bench_search

# HTTP benchmark (not a test): req/s and p99 of the cached and uncached pages, search, the
# decoder and the API against whitenoise serving the same bytes (scripts/bench.py; needs wrk).
.PHONY: bench wrk
bench: $(VENV)/.installed wrk
	@$(PY) -m scripts.bench

wrk:
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "wrk eksik; kuruluyor: apt-get install -y wrk"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "wrk yok: Python istemcisi kullanılacak. Kurmak için: sudo apt-get install -y wrk"; \
	  fi; \
	fi
