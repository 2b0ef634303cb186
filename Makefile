# Warta — two commands on a fresh machine:
#   make demo   installs Warta into .venv and runs the seed page (and the other examples) end to end
#   make test   installs Warta with its dev tools into .venv and runs the whole default test suite
# Long evaluations (full quality gates, benchmarks) are `make gates` and `make bench`.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= warta-demo.db

.PHONY: install demo test test-ray lint gates bench model clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'

demo: install
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/warta ingest examples/ --db $(DB) --show
	$(BIN)/warta stats --db $(DB)
	@echo 'Next: $(BIN)/warta search "kim jong un" --db $(DB)'

# The whole default suite, the Ray runner's end-to-end test included (the ray extra adds ~30 s and ~500 MB).
test: install
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,ray]'
	$(BIN)/python -m pytest -q -m "not slow"
	$(BIN)/ruff check src tests bench training scripts
	$(BIN)/mypy

# Only the Ray runner's end-to-end test (local Ray, 2 CPUs, hard timeout).
test-ray: install
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[ray]'
	$(BIN)/python -m pytest -q -m ray

gates: install
	$(BIN)/python -m pytest -q -m slow

bench: install
	$(BIN)/python bench/extraction.py

# Rebuild the shipped Indonesian spaCy pipeline from ../shared/data (about half an hour on 2 cores); see MODEL_CARD.md.
model: install
	$(BIN)/python training/train.py

clean:
	rm -rf $(VENV) build dist *.egg-info $(DB)*
