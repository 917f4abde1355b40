# crisismap: two commands on a fresh machine.
#   make run   set up, build the demo store, start the dashboard on http://localhost:8501
#   make test  set up (chromium included), run the whole test suite, then build the wheel and
#              smoke-test it in a fresh venv outside the checkout (scripts/wheel-smoke.sh)
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test setup assets browser lint bench clean wheel-smoke

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Front-end assets (Leaflet and its plugins) come from npm, pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.package-lock.json $(VENV)/.installed
	$(BIN)/python -m dashboard.views.assets

setup: $(VENV)/.installed assets

# Debian chromium for the browser tests: installed when root, else a one-line hint.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || { echo "make: could not install chromium with apt-get"; exit 1; }; \
	  else echo "make: the browser tests need Debian chromium: run 'sudo apt-get install chromium' and try again"; exit 1; fi; \
	fi

run: setup
	$(BIN)/crisismap run --port $(PORT)

test: setup browser
	$(BIN)/ruff check dashboard tests bench
	$(BIN)/python -m pytest -q
	PY=$(BIN)/python scripts/wheel-smoke.sh

# The packaging check alone: sdist -> wheel -> fresh venv in a temp dir -> CLI smoke test.
wheel-smoke: $(VENV)/.installed
	PY=$(BIN)/python scripts/wheel-smoke.sh

bench: setup
	for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) node_modules dashboard/static/vendor build dist *.egg-info
