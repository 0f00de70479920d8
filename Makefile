# quotelens: `make demo` (train, promote, score, report) and `make test` set everything up from nothing.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
export HF_HUB_OFFLINE = 1
export TOKENIZERS_PARALLELISM = false

.PHONY: install install-dev install-bench demo test test-fast lint ui server bench results clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned: the CPU build; an unpinned torch pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-dev
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-bench: $(VENV)/.installed-bench

demo: install
	$(BIN)/python -m train validate data/
	$(BIN)/python -m train fit configs/tfidf_linear.yaml
	$(BIN)/python -m train fit configs/hybrid.yaml
	$(BIN)/python -m train promote --best test_heldout/stance_macro_f1
	$(BIN)/python -m infer score data/articles/*.txt data/articles/*.html --output out/scored.parquet --overwrite
	$(BIN)/python -m infer report out/scored.parquet -o out/report.html
	@echo
	@echo "scored statements: out/scored.parquet (summary: out/scored.summary.csv, errors: out/scored.errors.csv)"
	@echo "report:            out/report.html"
	@echo "MLflow UI:         make ui, then open http://127.0.0.1:5000 (experiment quotelens: tick both runs, press Compare)"

# Two pytest-xdist workers; tests/conftest.py keeps each file, and all Spark tests, on one worker
# and hands out the longest first.
PYTEST_WORKERS ?= 2
test: install-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder

# The quick loop while working: no model training, servers or Spark (those are marked slow).
test-fast: install-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder -m "not slow"

lint: install-dev
	$(BIN)/ruff check .

# A team's tracking server: MLflow on PostgreSQL with artifacts served by the server. Create the
# database once (README, "A tracking server for a team"); bound to 127.0.0.1 unless HOST is set.
SERVER_DB ?= postgresql://quotelens@127.0.0.1:5432/mlflow
SERVER_ARTIFACTS ?= ./mlartifacts-server
HOST ?= 127.0.0.1
PORT ?= 5000
server: install
	$(BIN)/pip install -q -e '.[server]'
	$(BIN)/mlflow server --backend-store-uri $(SERVER_DB) --artifacts-destination $(SERVER_ARTIFACTS) \
		--host $(HOST) --port $(PORT) --workers 4

ui: install
	@# tags the experiment for the UI's model-training view (stores made before the tag existed)
	$(BIN)/python -c "from infer.batch.tracking import setup; setup()"
	$(BIN)/mlflow ui --backend-store-uri sqlite:///mlflow.db --default-artifact-root ./mlartifacts \
		--host 127.0.0.1 --port 5000

bench: install-bench
	$(BIN)/python -m bench

# Quality table in the README: train every family and print the held-out results.
results: install
	$(BIN)/python -m train fit configs/tfidf_linear.yaml
	$(BIN)/python -m train fit configs/tfidf_linear.yaml --set data.input=cue_text
	$(BIN)/python -m train fit configs/embed_head.yaml
	$(BIN)/python -m train fit configs/hybrid.yaml
	$(BIN)/python -m train fit configs/hybrid.yaml --set data.input=cue_text
	$(BIN)/python -m train fit configs/finetune.yaml
	$(BIN)/python -m train fit configs/stack.yaml
	$(BIN)/python -m train runs --best-per-family --data latest --update README.md

clean:
	rm -rf out mlflow.db mlartifacts .pytest_cache
