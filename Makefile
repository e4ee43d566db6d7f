# Two commands matter: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# A local secret made once on first run; SECRET_KEY in the environment takes precedence.
SECRET_KEY_FILE ?= $(CURDIR)/data/secret_key
export SECRET_KEY_FILE
# Likewise the key that encrypts TOTP secrets; MFA_ENCRYPTION_KEYS in the environment wins.
MFA_KEYS_FILE ?= $(CURDIR)/data/mfa_keys
export MFA_ENCRYPTION_KEYS_FILE := $(MFA_KEYS_FILE)
# And the key that encrypts the Reserve Fund's personal data; FUND_ENCRYPTION_KEYS wins.
FUND_KEYS_FILE ?= $(CURDIR)/data/fund_keys
export FUND_ENCRYPTION_KEYS_FILE := $(FUND_KEYS_FILE)
# `make run` is a local demonstration: demo accounts are created unless DEMO=0.
DEMO ?= 1
export DEMO

.PHONY: run setup serve test check lint format messages lock install install-test bench bench-search drill soak scan clean system-packages

$(BIN)/python:
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "Python's venv module is missing: on Debian, apt-get install python3.11-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# A stamp file per lock: reinstall only when a lock changes, so a second `make run` is fast.
$(VENV)/.installed-run: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed-run
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

$(SECRET_KEY_FILE): | $(BIN)/python
	mkdir -p -m 700 $(dir $@)
	umask 077 && $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

$(MFA_KEYS_FILE): | $(BIN)/python
	mkdir -p -m 700 $(dir $@)
	umask 077 && $(BIN)/python -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())' > $@

$(FUND_KEYS_FILE): | $(BIN)/python
	mkdir -p -m 700 $(dir $@)
	umask 077 && $(BIN)/python -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())' > $@

# The scanners (wapiti3, pip-audit) in a virtualenv of their own: their pins never meet Puebla's.
SCAN_VENV := .venv-scan
$(SCAN_VENV)/.installed-scan: requirements-scan.txt
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "Python's venv module is missing: on Debian, apt-get install python3.11-venv" >&2; exit 1; }
	test -x $(SCAN_VENV)/bin/python || $(PYTHON) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SCAN_VENV)/bin/pip install --quiet --require-hashes -r requirements-scan.txt
	touch $@

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

## Chromium and its fonts, gettext and wrk from Debian when missing (as root or `sudo -n`).
system-packages:
	@PYTHON=$(PYTHON) scripts/system-packages

## Set everything up and serve Puebla with the RCM data on SQLite at http://$HOST:$PORT/.
run: setup serve

## Migrate, build static files and load (or refresh) the RCM dataset.
setup: install $(SECRET_KEY_FILE) $(MFA_KEYS_FILE) $(FUND_KEYS_FILE)
	$(BIN)/puebla setup

## The server and, beside it, the job queue's consumer (mail, reminders).
serve: install $(SECRET_KEY_FILE) $(MFA_KEYS_FILE) $(FUND_KEYS_FILE)
	$(BIN)/puebla run

## The whole test suite (SQLite; PostgreSQL when DATABASE_URL is set).
test: system-packages install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The restore drill: back up an instance while it serves, restore it SQLite → SQLite, SQLite →
## PostgreSQL and PostgreSQL → PostgreSQL, and compare every table and file (README, Backups).
drill: system-packages install-test
	$(BIN)/python -m drill $(DRILL_ARGS)

## Ten minutes of mixed traffic with writes (browsing, search, sign-in, nominations, answers,
## uploads) against the production server on SQLite, then PostgreSQL; then every write checked
## to be stored once. Writes soak-results/. Not a test and not in CI. Options in SOAK_ARGS.
soak: system-packages install-test
	$(BIN)/python -m soak $(SOAK_ARGS)

## Hostile input: sqlmap on every form and query as each role, wapiti3, pip-audit on the lock
## files, check --deploy, the hypothesis tests of importers and uploads; exits 1 on any finding
## (README, Scan). About 2 h 15 min on 2 cores; not in CI. Options in SCAN_ARGS (e.g. --steps audit).
scan: install-test $(SCAN_VENV)/.installed-scan
	@SYSTEM_PACKAGES_EXTRA=sqlmap PYTHON=$(PYTHON) scripts/system-packages
	$(BIN)/python -m scan $(SCAN_ARGS)

## Load the public pages with wrk beside the framework's ceiling; writes bench-results/results.md.
## Then the site search (bench-search). Not a test and not in CI: a quarter of an hour on a
## quiet machine. Options go in BENCH_ARGS (pages) and BENCH_SEARCH_ARGS (search).
bench: system-packages install-test
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench.search $(BENCH_SEARCH_ARGS)

## The site search over 100,000 generated documents, on SQLite and PostgreSQL: p50 / p95.
## Several minutes; options in BENCH_SEARCH_ARGS (e.g. --documents 20000 --repeat 10).
bench-search: system-packages install-test
	$(BIN)/python -m bench.search $(BENCH_SEARCH_ARGS)

## The gates CI enforces besides the tests: lint, format, migrations, translations.
check: system-packages install-test $(SECRET_KEY_FILE) $(MFA_KEYS_FILE) $(FUND_KEYS_FILE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations accessapp --check --dry-run
	PYTHON=$(BIN)/python scripts/check-messages

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## After changing UI strings: refresh the Spanish catalogue, translate, then compile (needs gettext).
messages: install-test $(SECRET_KEY_FILE) $(MFA_KEYS_FILE) $(FUND_KEYS_FILE)
	cd puebla && DEBUG=1 ../$(BIN)/python ../manage.py makemessages --locale es --no-obsolete --no-location
	cd puebla && DEBUG=1 ../$(BIN)/python ../manage.py compilemessages --locale es

## After changing dependencies in pyproject.toml: pin them again, with hashes.
lock: install-test
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet -o requirements.txt
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes --quiet -o requirements-test.txt
	$(BIN)/uv pip compile scan/requirements-scan.in --python-version 3.11 --generate-hashes --quiet -o requirements-scan.txt

clean:
	rm -rf $(VENV) $(SCAN_VENV) data/ .pytest_cache .ruff_cache .hypothesis
