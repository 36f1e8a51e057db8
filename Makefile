# ipbench — see README.md. Every target installs what it needs itself.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export IPBENCH_DB ?= $(CURDIR)/warehouse/ipbench.duckdb

.PHONY: install browser build demo test test-fast bench eval layers plan lock clean

install: $(STAMP)

# Exact versions from requirements.lock (so the shipped build plan matches what is installed), then
# ipbench itself without resolving dependencies again.
$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e '.[dev]'
	touch $(STAMP)

# Re-resolve the dependencies within pyproject.toml's ranges into requirements.lock (then run `make plan`).
lock:
	@tmp=$$(mktemp -d) && $(PY) -m venv $$tmp/venv && $$tmp/venv/bin/pip install --quiet --upgrade pip && \
	$$tmp/venv/bin/pip install --quiet '.[dev]' && \
	{ echo "# Exact versions \`make install\` installs (pip install -r requirements.lock, then ipbench itself with --no-deps)."; \
	  echo "# Update: make lock (a fresh venv from pyproject.toml's ranges, frozen), then make plan; commit both."; \
	  $$tmp/venv/bin/pip freeze --exclude-editable | grep -v '^ipbench'; } > requirements.lock && \
	rm -rf $$tmp && echo "requirements.lock: written; run make plan and commit both"

# Headless Chromium + CJK fonts for the browser test (Debian packages; needs root).
browser:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
		echo "chromium and fonts-noto-cjk present"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
		|| echo "warning: could not install chromium/fonts-noto-cjk; the browser test will be skipped"; \
	else \
		echo "warning: not root or no apt-get; the browser test will be skipped"; \
	fi

build: install
	$(BIN)/ipbench all

demo: build
	$(BIN)/ipbench app

# The whole suite (CI runs this): parsers, dbt, GX, AppTest, processes and the browser.
test: install browser
	$(BIN)/python -m pytest

# The developer's tier, under 2 minutes: everything but the process and browser tests
# (pytest markers `process` and `browser`; see pyproject.toml).
# Its shared warehouse replays the recorded build (IPBENCH_TEST_DBT=0); `make test` runs dbt itself.
test-fast: install
	IPBENCH_TEST_DBT=0 $(BIN)/python -m pytest -m "not process and not browser" -q

# Benchmarks print numbers (no timed assertions): pipeline at 5 / 1,000 / 10,000 documents
# (BENCH_SIZES=5,1000 for a quicker run, BENCH_SIZES=5,10000,50000 for all of China's scale;
# BENCH_REGIONS=china draws the synthetic corpora from all of China's regions), then app page render times.
# BENCH_JOBS=2 skips the one-process ingest (at 50,000 documents it alone takes ~7 minutes):
#   make bench BENCH_SIZES=5,10000,50000 BENCH_REGIONS=china BENCH_JOBS=2
BENCH_SIZES ?= 5,1000,10000
BENCH_REGIONS ?= zhejiang
BENCH_JOBS ?= 1,2
# BENCH_CLUSTER: workers of the `ingest --scheduler local` run (Dask LocalCluster) set against `--jobs` of the same
# number on each corpus and on copies of a 50-page PDF (pages/s); 0 skips it
BENCH_CLUSTER ?= 2
bench: build
	$(BIN)/python -m ipbench_dev.bench --sizes $(BENCH_SIZES) --regions $(BENCH_REGIONS) --ingest-jobs $(BENCH_JOBS) \
		--cluster-workers $(BENCH_CLUSTER)
	$(BIN)/python -m ipbench_dev.bench_render

# The user's path scored on the labelled real documents in tests/realdocs (ingest without catalog -> build -> export vs gold)
eval: install
	$(BIN)/python -m ipbench.evaluate

# Imports point down the layers (cli -> dev tools -> eval -> build -> ingest/expectations/app -> base) and form no circle
layers: install
	$(BIN)/python -m ipbench.layers

# Record the build plan a fresh clone replays (dbt_project/plan): run after changing anything in
# dbt_project/ (tests/test_build_plan.py fails while the shipped plan is older than the project)
plan: install
	@tmp=$$(mktemp -d) && \
	$(BIN)/ipbench --db $$tmp/ipbench.duckdb ingest --quiet && \
	$(BIN)/ipbench --db $$tmp/ipbench.duckdb build --dbt && \
	rm -rf dbt_project/plan && cp -r dbt_project/target/ipbench_plan dbt_project/plan && \
	rm -rf $$tmp && echo "dbt_project/plan: recorded; commit it"

clean:
	rm -rf $(VENV) warehouse/*.duckdb* warehouse/reports dbt_project/target dbt_project/logs
