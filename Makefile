# Two commands do all set-up on a fresh Debian machine with Python 3.11+, Node.js, npm and make:
#   make run   - the app (production build) on SQLite at http://localhost:3000
#   make check - ruff, mypy and the unit tests: run it before every commit (no root, no browser)
#   make test  - make check, then the browser and fault tests (the browser tests
#                run against the single server and against the cluster, side by side)
#   make cluster - PostgreSQL + Redis + Reflex workers behind nginx at http://localhost:3000
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
BUN := $(TOOLS)/node_modules/.bin/bun
PORT ?= 3000
# `make run` answers only this machine; HOST=0.0.0.0 make run serves the whole network on purpose.
HOST ?= 127.0.0.1
WORKERS ?= 2

# Reflex finds bun on PATH; its own installer downloads from outside the package registries.
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false

.PHONY: help run dev check test lint typecheck unit browser migrate content format clean bench backup restore
.PHONY: cluster cluster-stop cluster-status browser-cluster fault fuzz mutate

help:
	@echo "make run      serve the production build at http://localhost:$(PORT) (SQLite in data/;"
	@echo "             this machine only, HOST=0.0.0.0 to serve the network)"
	@echo "make dev      hot-reloading development server"
	@echo "make check    ruff, mypy and the unit tests (run it before every commit)"
	@echo "make typecheck  mypy on the app package (part of make check)"
	@echo "make test     make check, then the browser and fault tests"
	@echo "make cluster  $(WORKERS) workers behind nginx at http://localhost:$(PORT) (PostgreSQL, Redis)"
	@echo "make cluster-stop  stop a cluster left running (make cluster-status: what runs)"
	@echo "make migrate  apply Alembic migrations to the configured database"
	@echo "make content  validate the content files"
	@echo "make mutate   mutation testing of services/ and content/ (not in make test; slow,"
	@echo "             MUTANTS='fullstack_guide.services.search*' runs one module)"

$(BIN)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(BUN):
	mkdir -p $(TOOLS)
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error bun@1

AXE := $(TOOLS)/node_modules/axe-core/axe.min.js
$(AXE): $(BUN)
	npm install --prefix $(TOOLS) --no-audit --no-fund --loglevel=error axe-core@4

migrate: $(BIN)/.runtime
	mkdir -p data
	$(BIN)/reflex db migrate

content: $(BIN)/.runtime
	$(BIN)/python -m fullstack_guide.content

# Builds the frontend only when its sources, content, pins or Reflex changed (scripts/build_cache.py),
# then migrates the database and serves pages and backend from one process (scripts/serve.py).
run: $(BIN)/.runtime $(BUN) content
	mkdir -p data
	$(BIN)/python -m scripts.serve --port $(PORT) --host $(HOST)

dev: $(BIN)/.runtime $(BUN) migrate content
	$(BIN)/reflex run --env dev --backend-host $(HOST)

# Installs postgresql, redis-server and nginx (apt-get) when missing; data under .cluster/.
cluster: $(BIN)/.runtime $(BUN) content
	$(BIN)/python -m scripts.cluster up --port $(PORT) --workers $(WORKERS)

cluster-stop: $(BIN)/.runtime
	$(BIN)/python -m scripts.cluster stop

cluster-status: $(BIN)/.runtime
	$(BIN)/python -m scripts.cluster status

/usr/bin/chromium:
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

lint: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Configured in pyproject.toml ([tool.mypy]); the cache in .mypy_cache makes reruns fast.
typecheck: $(BIN)/.dev
	$(BIN)/mypy

unit: $(BIN)/.dev
	$(BIN)/python -m pytest tests/unit -q

# Fast gate (needs no root and no browser): ruff, then mypy beside the unit tests (a cold mypy
# keeps one core busy for about 30 s while the tests mostly wait; -O keeps each one's output whole).
check: lint
	$(MAKE) --no-print-directory -j2 -O typecheck unit

# Property tests with fresh random inputs, SCALE times as many as `make test` tries (not in make test).
SCALE ?= 10
fuzz: $(BIN)/.dev
	FSG_HYPOTHESIS_PROFILE=explore FSG_FUZZ_SCALE=$(SCALE) $(BIN)/python -m pytest tests/unit -q \
		-k "hostile or properties or fuzz or malformed"

# Mutation testing (mutmut, configured in pyproject.toml [tool.mutmut]) of services/ and content/
# against the unit tests; not part of `make test`. Reruns reuse mutants/ and test only the
# functions that changed. Prints the score per module and every survivor not listed as
# equivalent in README.md ("Mutation testing"); fails under 90 % or on an unexplained survivor.
MUTANTS ?=
MUTATE_JOBS ?= 2
mutate: $(BIN)/.dev
	$(BIN)/mutmut run --max-children $(MUTATE_JOBS) $(MUTANTS)
	$(BIN)/python -m scripts.mutation_report $(MUTANTS)

browser: $(BIN)/.dev $(BUN) $(AXE) /usr/bin/chromium
	$(BIN)/python -m pytest tests/browser -q

# The same browser suite against the cluster (nginx, two workers, Redis, a fresh PostgreSQL),
# plus the cluster-only tests (tabs on different workers, a worker killed).
browser-cluster: $(BIN)/.dev $(BUN) $(AXE) /usr/bin/chromium
	$(BIN)/python -m scripts.cluster deps
	FSG_TARGET=cluster $(BIN)/python -m pytest tests/browser -q

# Servers killed (kill -9, SIGTERM) under simulated learners, on SQLite and on the cluster.
fault: $(BIN)/.dev $(BUN)
	$(BIN)/python -m scripts.cluster deps
	$(BIN)/python -m pytest tests/fault -q

# The two browser suites run side by side: each mostly waits on Chromium and its servers (alone,
# the single-server suite kept 0.6 of a core busy), and AppServer and the cluster's export each
# build in their own workspace. apt-get runs first, once (two at a time would fight over dpkg's
# lock). The fault tests kill servers under load, so they run after both, on a quieter machine.
test: check /usr/bin/chromium
	$(BIN)/python -m scripts.cluster deps
	$(MAKE) --no-print-directory -j2 -O browser browser-cluster
	$(MAKE) --no-print-directory fault

format: $(BIN)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	-test -x $(BIN)/python && $(BIN)/python -m scripts.cluster stop
	rm -rf .web .states .cluster $(TOOLS) $(VENV)

backup: $(BIN)/.runtime
	$(BIN)/python -m scripts.backup backup

restore: $(BIN)/.runtime
	@test -n "$(FILE)" || (echo "usage: make restore FILE=backups/<file>" && exit 2)
	$(BIN)/python -m scripts.backup restore "$(FILE)"

# Every benchmark adds its rows to .bench/results.jsonl; the last step prints them as one table
# (ours, the baseline from the same run, the ratio, the target).
bench: $(BIN)/.dev $(BUN) /usr/bin/chromium
	$(BIN)/python -m testkit.bench_table --reset
	$(BIN)/python -m benchmarks.search_latency
	$(BIN)/python -m benchmarks.content_index
	$(BIN)/python -m benchmarks.hashing_flood
	$(BIN)/python -m benchmarks.db_growth
	$(BIN)/python -m benchmarks.lighthouse
	$(BIN)/python -m benchmarks.page_weight
	$(BIN)/python -m benchmarks.tick_latency
	$(BIN)/python -m benchmarks.tick_browser
	$(BIN)/python -m scripts.cluster deps
	$(BIN)/python -m benchmarks.tick_latency --cluster $(WORKERS)
	$(BIN)/python -m benchmarks.memory
	$(BIN)/python -m benchmarks.restart
	$(BIN)/python -m testkit.bench_table
