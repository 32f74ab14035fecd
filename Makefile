# The README's two commands: `make run` and `make test`. Both create or reuse
# .venv and install what they need, so a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstall when the dependency list changes.
STAMP := $(VENV)/.kneetui-installed

.PHONY: run test check format bench snapshots clean bytecode mutants

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "kneetui needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,report,web]'
	@touch $(STAMP)

# Python caches each module's bytecode in __pycache__ the first time it imports it,
# unless PYTHONDONTWRITEBYTECODE is set (it is on some machines) or the folder is
# read-only: then kneetui's modules are compiled again on every start, some 50 ms
# and 1 MiB (make bench). pip precompiles a wheel install; this does the same for
# the editable checkout, recompiling only what changed.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q kneetui

run: bytecode
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

bench: bytecode
	$(BIN)/python -m benchmarks

# Mutation testing of kneetui/domain and kneetui/storage with mutmut (configured
# under [tool.mutmut] in pyproject.toml). Slow, on demand only, never part of
# `make test`: hours on 2 cores (4,900 mutants took 2 h 40 min in December 2026).
# It works in mutants/ (gitignored); stopped with Ctrl-C, it resumes where it left off,
# and a later run retests only the functions that changed (rm -rf mutants for a
# fresh start). Then `.venv/bin/mutmut show NAME` shows a survivor's diff, and
# `.venv/bin/mutmut browse` all of them. MUTANTS_JOBS: mutants tested at once.
MUTANTS_JOBS ?= 2
mutants: $(STAMP)
	$(BIN)/mutmut run --max-children $(MUTANTS_JOBS)
	$(BIN)/mutmut results
	@$(BIN)/mutmut export-cicd-stats >/dev/null
	@$(BIN)/python -c 'import json; s = json.load(open("mutants/mutmut-cicd-stats.json")); \
	print("{total} mutants: {killed} killed, {timeout} timeout, {survived} survived, {no_tests} no tests, {suspicious} suspicious, {skipped} skipped".format(**s)); \
	print("score, (killed + timeout) / (total - skipped): {:.1%}".format((s["killed"] + s["timeout"]) / max(1, s["total"] - s["skipped"])))'

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
