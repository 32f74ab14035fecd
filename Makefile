# The README's two commands: `make run` and `make test`. Both create or reuse
# .venv and install what they need, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstall when the dependency list changes.
STAMP := $(VENV)/.kneetui-installed

.PHONY: run test check format bench snapshots clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kneetui needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/kneetui $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: $(STAMP)
	$(BIN)/ruff format --check kneetui tests benchmarks
	$(BIN)/ruff check kneetui tests benchmarks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format kneetui tests benchmarks
	$(BIN)/ruff check --fix kneetui tests benchmarks

# Rewrite the SVG snapshots after an intended change to the look of the app.
snapshots: $(STAMP)
	$(BIN)/python -m pytest tests -k snapshot --snapshot-update

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
