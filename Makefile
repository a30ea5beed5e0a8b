# corpus_tools — set-up, reports and tests. `make help` lists the targets.
# Every target that needs Python creates .venv and installs the pinned dependencies first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?=
METADATA ?=
PARAMS ?=
P ?=
REPORTS ?= reports
KERNEL ?= corpus_tools
LAB_ARGS ?=
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup report notebooks lab kernel test test-fast lexicon clean

help:  ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  Variables: CORPUS=/path/to/texts (default: the bundled seeds), REPORTS=folder (default: reports)"
	@echo "             METADATA=sidecar.csv (when it is not CORPUS/metadata.csv), PARAMS=params.yaml (name: value per line),"
	@echo "             P='top_n=5 window=3' (space-separated NAME=VALUE; values with spaces go in PARAMS)"
	@echo "             KERNEL=name (default: corpus_tools), LAB_ARGS='--no-browser --port 8899' (make lab)"

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "corpus_tools needs Python >= 3.11; found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)  ## Create .venv and install the pinned dependencies (done by every target)

report: $(STAMP)  ## Execute notebooks/ on the seeds (or CORPUS=... METADATA=... PARAMS=... P=...), write reports/NN_name.html, index.html and manifest.json
	$(BIN)/python -m corpus_tools.reports $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(METADATA),--metadata "$(METADATA)") \
		$(if $(PARAMS),--params "$(PARAMS)") $(foreach p,$(P),--param '$(p)') --out "$(REPORTS)"

notebooks: $(STAMP)  ## Re-execute notebooks/ in place on the seeds (outputs are committed and checked by nbval)
	$(BIN)/python -m corpus_tools.reports --in-place

lab: $(STAMP)  ## Open JupyterLab on notebooks/ with the project's .venv (registers the KERNEL kernel in .venv first)
	$(BIN)/corpus-tools kernel --name "$(KERNEL)" --prefix $(VENV)
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks --MappingKernelManager.default_kernel_name="$(KERNEL)" $(LAB_ARGS)

kernel: $(STAMP)  ## Register .venv as the Jupyter kernel KERNEL for this user (any JupyterLab or VS Code can then use it)
	$(BIN)/corpus-tools kernel --name "$(KERNEL)"

test: $(STAMP)  ## Run the whole suite: unit tests, doctests, nbval, notebook runs, the browser check (screenshots in REPORTS/screenshots)
	CORPUS_TOOLS_SCREENSHOTS="$(REPORTS)/screenshots" $(BIN)/python -m pytest -q

test-fast: $(STAMP)  ## Unit tests and doctests only (no notebooks)
	$(BIN)/python -m pytest -q tests corpus_tools --ignore=tests/test_notebooks.py \
		--ignore=tests/test_browser.py --ignore=tests/test_readonly.py --ignore=tests/test_reproducible.py

lexicon: $(STAMP)  ## Rebuild data/lexicon.parquet (shipped analyses of frequent forms) after changing morphology.py, the overrides or pymorphy3
	$(BIN)/python -m corpus_tools.lexicon

clean:  ## Remove generated reports and caches (keeps .venv)
	rm -rf $(REPORTS) data/cache .pytest_cache
