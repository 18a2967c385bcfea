# 시행결과 대시보드 — developer and CI entry points.
#   make run     serve the app on http://localhost:8501 (bundled sample)
#   make test    lint, format check, type check and the whole test suite (CI runs this)
#   make bench   benchmarks (bench/__main__.py)
#   make sample  regenerate data/sample/ from scripts/make_sample.py
#   make fmt     format and auto-fix lint findings

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
RUFF   := $(VENV)/bin/ruff
MYPY   := $(VENV)/bin/mypy
PORT   ?= 8501
PYTEST_ARGS ?=
# axe-core (accessibility rules) for tests/e2e, from the npm registry, pinned; nothing is
# downloaded while the tests run.
AXE_VERSION := 4.14.1
AXE    := .cache/axe/node_modules/axe-core/axe.min.js

.DEFAULT_GOAL := help
.PHONY: help venv deps dev-deps system-deps axe run test lint typecheck bench sample fmt

help:
	@sed -n '2,6p' Makefile | sed 's/^# *//'

# The venv is created only when missing; its stamps live inside it, so a
# deleted venv also forgets what was installed.
$(PY):
	$(PYTHON) -m venv $(VENV)

venv: $(PY)

# Runtime packages, reinstalled only when requirements.txt changes.
$(VENV)/.stamp-run: requirements.txt | $(PY)
	$(PIP) install -q -r requirements.txt
	touch $@

# Runtime + test tools (requirements-dev.txt includes requirements.txt).
$(VENV)/.stamp-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install -q -r requirements-dev.txt
	touch $@ $(VENV)/.stamp-run

deps: $(VENV)/.stamp-run
dev-deps: $(VENV)/.stamp-dev

# Debian packages for the tests (chromium, Korean fonts); no-op when present.
system-deps:
	bash scripts/system_deps.sh

$(AXE): | system-deps
	npm install --prefix .cache/axe --no-save --no-audit --no-fund --no-package-lock \
		axe-core@$(AXE_VERSION)

axe: $(AXE)

run: $(VENV)/.stamp-run
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

lint: $(VENV)/.stamp-dev
	$(RUFF) check .
	$(RUFF) format --check .

# mypy, strict on lib/ ([tool.mypy] in pyproject.toml).
typecheck: $(VENV)/.stamp-dev
	$(MYPY)

test: $(VENV)/.stamp-dev system-deps $(AXE) lint typecheck
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

bench: $(VENV)/.stamp-dev
	@if [ -f bench/__main__.py ]; then \
		$(PY) -m bench; \
	else \
		echo "bench: bench/__main__.py not found, nothing to run"; \
	fi

sample: $(VENV)/.stamp-run
	$(PY) scripts/make_sample.py

fmt: $(VENV)/.stamp-dev
	$(RUFF) format .
	$(RUFF) check --fix .
