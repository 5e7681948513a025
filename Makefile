# banglaner — every command a user or CI needs. Run from the repository root.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install browser model model-fast kb serve test test-fast test-integration train eval \
	baseline bench lint data clean-model

install: $(STAMP)

# torch first, at the lock's version (the one pin), so nothing pulls a CUDA build; then the
# project with the lock as constraints.
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11)' || { echo "need Python >= 3.11 (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock torch
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

# Debian's chromium and a Bengali font for the demo-page browser test (needs root or sudo).
browser:
	@command -v chromium >/dev/null && fc-list | grep -q "Noto Sans Bengali" || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-core; }

# The default model (trained if missing, ~28 min on 2 cores), its ONNX files and the runtime
# `auto` runs on this host (banglaner export measures them), the KB.
model: install
	$(BIN)/banglaner train --if-missing
	$(BIN)/banglaner export
	$(BIN)/banglaner kb build --if-stale

# The fast model: a student distilled from the default (BANGLANER_MODEL=fast).
model-fast: model
	$(BIN)/banglaner distill --if-missing
	$(BIN)/banglaner export --model fast

kb: install
	$(BIN)/banglaner kb build

serve: model
	$(BIN)/banglaner serve

# import-linter and mypy read packages as installed (banglaner.models, …); a checkout has the
# layers as sibling folders, so they read them through a view of symlinks in that layout.
IMPORT_VIEW := build/import-view
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	rm -rf $(IMPORT_VIEW) && mkdir -p $(IMPORT_VIEW)/banglaner
	cp banglaner/*.py $(IMPORT_VIEW)/banglaner/
	for layer in models eval training service; do ln -s $(CURDIR)/$$layer $(IMPORT_VIEW)/banglaner/; done
	cd $(IMPORT_VIEW) && PYTHONPATH=. $(CURDIR)/$(BIN)/lint-imports --no-cache $(CURDIR)/pyproject.toml
	cd $(IMPORT_VIEW) && $(CURDIR)/$(BIN)/mypy --config-file $(CURDIR)/pyproject.toml \
	  --cache-dir $(CURDIR)/.mypy_cache -p banglaner

# The unit tier: no corpora, no servers, no training (tiny random encoders at most).
# Both cores (pytest-xdist); each worker single-threaded (OMP_NUM_THREADS=1).
test-fast: install
	$(BIN)/python -m pytest tests/unit -n 2

# The integration tier: servers (uvicorn, CLI subprocesses, Ray, chromium), training (the
# tiny model on tests/data, no corpora), the corpora in ../shared/data and the default model.
test-integration: model browser
	$(BIN)/python -m pytest tests/integration

test: test-fast test-integration

train: install
	$(BIN)/banglaner train

baseline: model
	$(BIN)/banglaner baseline

# report.md + report.html + scores.json on the held-out sets, and the corpus tables
eval: model
	$(BIN)/banglaner eval --gold eval/gold/real.jsonl --split test -o eval-report/real-test
	$(BIN)/banglaner eval --gold eval/gold/world.jsonl --split test -o eval-report/world-test
	$(BIN)/banglaner eval --gold eval/gold/articles.jsonl -o eval-report/articles
	$(BIN)/banglaner eval --gold multiconer-dev -o eval-report/multiconer-dev
	$(BIN)/banglaner eval --gold rifat-test -o eval-report/rifat-test
	$(BIN)/banglaner baseline

bench: model
	$(BIN)/python bench/host_cost.py
	$(BIN)/python bench/tagger_throughput.py
	$(BIN)/python bench/service_load.py
	$(BIN)/python bench/dates_vs_dateparser.py --pipeline
	$(BIN)/python bench/runtime_table.py
	$(BIN)/python bench/linking.py
	$(BIN)/python bench/annotate_vs_hf.py

# The public corpora, from their upstream addresses (needs internet; ../shared/data is used otherwise).
data: install
	$(BIN)/banglaner data

clean-model:
	rm -rf $${BANGLANER_HOME:-$$HOME/.cache/banglaner}/models
