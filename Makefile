# Two commands on a fresh machine: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA := data/indicators.parquet
RAW := $(wildcard data/raw/*.csv)
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run test unit browser setup system-deps data lint format bench screenshots clean vendor-js

run: $(STAMP) $(DATA)
	$(PY) -m dashboard serve --host $(HOST) --port $(PORT)

test: $(STAMP) system-deps $(DATA)
	$(PY) -m pytest tests -q

unit: $(STAMP) $(DATA)
	$(PY) -m pytest tests/unit -q

browser: $(STAMP) system-deps $(DATA)
	$(PY) -m pytest tests/browser -q

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Debian's Chromium (browser tests, image export) and a CJK font (Chinese in screenshots and
# exported images). Installed when missing and we are root; otherwise say what to install.
system-deps:
	@bash scripts/system_deps.sh

# Rebuilt only when the raw tables or the code that reads them change.
$(DATA): $(RAW) $(wildcard dashboard/data/*.py) dashboard/data/gazetteer.csv | $(STAMP)
	$(PY) -m dashboard build --raw data/raw --out $(DATA)

data: $(STAMP)
	$(PY) -m dashboard build --raw data/raw --out $(DATA)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .

screenshots: $(STAMP) system-deps $(DATA)
	$(PY) scripts/screenshots.py

bench: $(STAMP) system-deps $(DATA)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) -m benchmarks.run

# The browser's vendored scripts (assets/vendor/README.md); needs npm. Not part of setup.
vendor-js: $(STAMP)
	bash scripts/build_vendor_js.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
