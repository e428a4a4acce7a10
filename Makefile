# Two commands matter: `make serve` and `make test`. Everything else is for maintainers.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000

# Material 9.8 prints an end-of-life notice on every command; it is not a build warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup build offline serve test test-fast lint accessibility-record lighthouse check review new rename withdraw fields publish publish-current zensical bench chromium java browser-tools lock clean flow-paths pdf

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed, found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@touch $@

setup: $(STAMP) ## Create .venv and install the pinned dependencies

build: setup ## Build the site into site/ (strict; site/ is replaced only when the build succeeds)
	@rm -rf .site-new
	$(BIN)/mkdocs build --strict --site-dir .site-new
	@rm -rf site && mv .site-new site
	@echo "Built site/"

pdf: setup chromium ## Build site/ with a tagged, bookmarked PDF of the whole guidance (site/whole-guidance/information-sharing-guidance.pdf)
	@rm -rf .site-new
	GUIDANCE_PDF=1 $(BIN)/mkdocs build --strict --site-dir .site-new
	CHROMIUM=$(CHROMIUM) $(BIN)/python tools/pdf/make_pdf.py .site-new .site-new/whole-guidance/information-sharing-guidance.pdf
	@rm -rf site && mv .site-new site
	@echo "Built site/ with site/whole-guidance/information-sharing-guidance.pdf"

offline: setup ## Build a copy that works opened from disk (file://) into site-offline/
	@rm -rf .site-offline-new
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir .site-offline-new
	@rm -rf site-offline && mv .site-offline-new site-offline
	@echo "Built site-offline/: open site-offline/index.html"

serve: setup ## Build and serve the site on http://127.0.0.1:8000, rebuilding on every edit
	GUIDANCE_SERVE=1 $(BIN)/mkdocs serve --strict --dev-addr $(HOST)

chromium: ## Install Debian's Chromium for the browser tests, when missing
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	echo "Installing Debian's chromium for the browser tests..."; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "Chromium is missing and this user cannot install it: ask an administrator to run 'apt-get install chromium'."; exit 1; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "Installing Debian's npm..."; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

java: ## Install Debian's Java runtime for the W3C HTML checker (vnu-jar), when missing
	@if command -v java >/dev/null; then exit 0; fi; \
	echo "Installing Debian's Java runtime for the HTML checker..."; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	else echo "Java is missing and this user cannot install it: ask an administrator to run 'apt-get install default-jre-headless'."; exit 1; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null

browser-tools: chromium java node_modules/.installed ## Install Chromium, Java and the npm tools the browser and HTML tests use

lint: setup ## Check the code with ruff (style, imports, bugs) and mypy (strict types in macros/)
	$(BIN)/ruff check macros tests tools bench
	$(BIN)/ruff format --check macros tests tools bench
	$(BIN)/mypy

test: setup browser-tools lint ## Run every test, browser tests included
	$(BIN)/python -m pytest

accessibility-record: setup browser-tools ## Run the axe checks and write reports/accessibility-test.json (commit it)
	RECORD_ACCESSIBILITY=1 $(BIN)/python -m pytest -q tests/test_every_page.py -k axe_finds_no_violation

test-fast: setup lint ## The quick checks for the editing loop: no browser, npm tool or whole-site rebuild in a temporary repository (make test runs them all)
	$(BIN)/python -m pytest -m "not browser and not node and not slow" -q

flow-paths: setup ## Rewrite tests/expected/*.paths.yml from the decision flows (review the diff)
	$(BIN)/python tools/flow_paths.py

tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: build chromium tools/lighthouse/node_modules/.installed ## Lighthouse scores (mobile) for three pages of site/
	$(BIN)/python tools/lighthouse/lighthouse.py

publish: setup ## Publish a numbered release, tagged and kept unchanged: make publish VERSION=2026.1 [PUSH=1]
	@test -n "$(VERSION)" || { echo "Say which version: make publish VERSION=2026.1"; exit 2; }
	@$(BIN)/python tools/publish.py "$(VERSION)" $(if $(PUSH),--push)

publish-current: setup ## Rebuild the current version (what CI does on main and daily) [PUSH=1]
	@$(BIN)/python tools/publish.py --current $(if $(PUSH),--push)

check: setup ## Check the content only, without building the site
	@$(BIN)/python -m macros.cli check

review: setup ## List every item by review due date, overdue first
	@$(BIN)/python -m macros.cli review

new: setup ## Start a new item: make new KIND=topic ID=my-item TITLE="My item"
	@$(BIN)/python -m macros.cli new "$(KIND)" "$(ID)" "$(TITLE)"

rename: setup ## Give an item a new id and address, keeping the old one working: make rename FROM=old-id TO=new-id
	@$(BIN)/python -m macros.cli rename "$(FROM)" "$(TO)"

withdraw: setup ## Take an item out, keeping a page at its address: make withdraw ID=some-id [REPLACED_BY=other-id] [REASON="…"]
	@$(BIN)/python -m macros.cli withdraw "$(ID)" --replaced-by "$(REPLACED_BY)" --reason "$(REASON)"

fields: setup ## Rewrite FIELDS.md, the reference of the fields each kind of item may have, from the schema
	@$(BIN)/python -m macros.fields_reference

.venv-zensical/.installed: requirements.lock
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/python -m pip install --quiet --disable-pip-version-check zensical==0.0.73 \
	  $$(grep -iE '^(pydantic|pydantic_core|pyyaml|markupsafe|jinja2|annotated-types|typing-inspection|typing_extensions|nh3)==' requirements.lock)
	@touch $@

zensical: setup .venv-zensical/.installed ## Build with Zensical into site-zensical/ and list what differs from MkDocs
	$(BIN)/python tools/zensical/compare.py

bench: setup ## Time strict builds of the real site, 500 and 2,000 items against plain Material
	$(BIN)/python -m bench --sizes real,500,2000 --runs 3 --out bench/results.json
	$(BIN)/python bench/serve_reload.py --runs 5

lock: ## Re-pin every dependency to what is installed now (after changing pyproject.toml)
	$(BIN)/python -m pip freeze --exclude-editable --exclude pan-cheshire-information-sharing > requirements.lock

clean: ## Remove the virtual environment and built files
	rm -rf $(VENV) .venv-zensical site-mkdocs site-zensical site .site-new site-offline .site-offline-new .pytest_cache node_modules
