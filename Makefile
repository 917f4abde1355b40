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

# Front-end assets (Leaflet and its plugins, protomaps-leaflet, the label font, Natural Earth land,
# lakes and rivers) come from npm, pinned by package-lock.json. `assets` also builds the offline
# basemap's tiles (python -m dashboard.views.basemap_build; skipped when up to date).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.package-lock.json $(VENV)/.installed
	$(BIN)/python -m dashboard.views.assets

setup: $(VENV)/.installed assets

# Debian chromium for the browser tests, and tesseract for their OCR check that the map's names
# read in a screenshot: installed when root, else a one-line hint.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v tesseract >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium tesseract-ocr >/dev/null) \
	      || { echo "make: could not install chromium and tesseract-ocr with apt-get"; exit 1; }; \
	  else echo "make: the browser tests need Debian chromium and tesseract: run 'sudo apt-get install chromium tesseract-ocr' and try again"; exit 1; fi; \
	fi

run: setup
	$(BIN)/crisismap run --port $(PORT)

# The store tests run against a real PostGIS too: scripts/pg-test-server.sh installs Debian's postgresql
# and postgresql-15-postgis-3 when missing (root), starts a throwaway cluster on a free 127.0.0.1 port,
# runs pytest with CRISISMAP_TEST_PG set, and stops it afterwards.
test: setup browser
	$(BIN)/ruff check dashboard tests bench
	scripts/pg-test-server.sh run -- $(BIN)/python -m pytest -q
	PY=$(BIN)/python scripts/wheel-smoke.sh

# The packaging check alone: sdist -> wheel -> fresh venv in a temp dir -> CLI smoke test.
wheel-smoke: $(VENV)/.installed
	PY=$(BIN)/python scripts/wheel-smoke.sh

bench: setup
	for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) node_modules dashboard/static/vendor build dist *.egg-info
