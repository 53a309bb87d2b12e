# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench install lint format lock messages clean

run: install
	$(BIN)/kieumau migrate --no-input
	$(BIN)/kieumau setup
	$(BIN)/kieumau demo
	$(BIN)/kieumau runserver $(HOST):$(PORT)

# Each run on every core (pytest-xdist): the browser tests stay together on one worker.
PYTEST_PARALLEL ?= -n logical --maxprocesses 4 --dist loadgroup

test: install lint
	$(BIN)/pytest $(PYTEST_PARALLEL)
	$(BIN)/pytest $(PYTEST_PARALLEL) --postgres

# The national-scale benchmark (docs/performance.md): a throwaway PostgreSQL cluster unless
# DATABASE_URL names one; BENCH_ARGS="--scale 0.1 --no-load" for a quick look.
bench: install
	$(BIN)/kieumau bench $(BENCH_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml requirements/dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate the lock files after changing dependencies in pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/base.lock
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/dev.lock

# Rebuild the compiled translations after editing locale/*/LC_MESSAGES/django.po.
messages: install
	cd src/kieumau && ../../$(BIN)/kieumau makemessages -l vi -l en --no-obsolete && ../../$(BIN)/kieumau compilemessages

clean:
	rm -rf $(VENV) var
