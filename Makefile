# The two commands README.md promises: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## run: install, run one desk cycle on the bundled sample sources, serve the site on :$(PORT)
run: $(VENV)/.installed
	$(BIN)/newsdesk run
	$(BIN)/newsdesk serve --port $(PORT)

## test: install and run the test suite
test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

## bench: run the benchmarks (needs ../shared/bench-data)
BENCHMARKS := extraction detectors near_duplicates translations stories verification compose site store translation spark_scaling fuzz desk_load
bench: $(VENV)/.installed
	for b in $(BENCHMARKS); do $(BIN)/python benchmarks/$$b.py || exit 1; done

clean:
	rm -rf $(VENV) site newsdesk-data
