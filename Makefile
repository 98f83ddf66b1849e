# Deux commandes sur une machine neuve : `make build` puis `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installe
DEV_STAMP := $(VENV)/.installe-dev
NODE_STAMP := node_modules/.installe
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: build test check serve lint clean venv venv-dev node bench bench-30k

build: $(STAMP) $(NODE_STAMP)
	$(PY) -m generator check
	$(PY) -m generator build

test: $(DEV_STAMP) $(NODE_STAMP)
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest

# Sans navigateur, sans construction complète, sans les tests lents : moins d'une minute.
.PHONY: test-rapide
test-rapide: $(DEV_STAMP) $(NODE_STAMP)
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -m "not navigateur and not construction and not lent"

check: $(STAMP) $(NODE_STAMP)
	$(PY) -m generator check

serve: $(STAMP) $(NODE_STAMP)
	$(PY) -m mkdocs serve

lint: $(DEV_STAMP)
	$(PY) -m ruff check generator tests benchmarks

# Mesures de performance (hors CI ; résultats dans benchmarks/results/).
bench: $(DEV_STAMP) $(NODE_STAMP)
	$(PY) -m benchmarks.bench_check --n 300 3000
	$(PY) -m benchmarks.bench_build --n 300 3000
	$(PY) -m benchmarks.bench_bytes --n 300 3000
	$(PY) -m benchmarks.bench_map

bench-30k: $(DEV_STAMP) $(NODE_STAMP)
	$(PY) -m benchmarks.bench_check --n 30000 --profile
	$(PY) -m benchmarks.bench_build --n 30000
	$(PY) -m benchmarks.bench_bytes --n 30000
	$(PY) -m benchmarks.bench_import --n 30000
	$(PY) -m benchmarks.bench_cells --n 30000

# Deux listes de versions exactes : requirements.lock (exécution, pour `make build`) et
# requirements-dev.lock (tests et outils, ajoutée pour `make test`) ; voir README « Développer ».
venv: $(STAMP)
venv-dev: $(DEV_STAMP)
node: $(NODE_STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps -r requirements-dev.lock
	touch $(DEV_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

clean:
	rm -rf site .cache
