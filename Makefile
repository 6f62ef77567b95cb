# Atlas: `make serve` to work on the site, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help install serve build offline check check-code schema test test-fast fmt stale coverage bench screenshots clean
STALE_DAYS ?= 365

help:
	@echo "make serve   build the site and serve it at http://127.0.0.1:8000 with live reload (LANG=fr, nl or all; French by default)"
	@echo "make build   write the static site to site/ (strict: any warning fails)"
	@echo "make offline build the copy that works opened from disk: site-offline/ and site-offline.zip"
	@echo "make check   validate every data file and page; list every problem at once"
	@echo "make test    run the whole test suite (unit, site builds, browser tests): what CI runs"
	@echo "make test-fast  the unit tier only (no build, no browser), in seconds"
	@echo "make check-code ruff and mypy (strict) on the atlas package, the hooks, scripts and tests"
	@echo "make schema  regenerate schema/*.schema.json from the data model"
	@echo "make fmt     put data/services.yaml in canonical order and layout (comments kept)"
	@echo "make coverage  communes with a located service in their arrondissement, per region and domain (coverage-report.md)"
	@echo "make screenshots  build, then capture home, finder, service, commune, referral sheet (PDF), sanctions, phone and desktop, both languages, into screenshots/"
	@echo "make stale   list entries never verified or older than STALE_DAYS (365) days; writes stale-report.md"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# `make serve LANG=nl` previews Dutch; French otherwise (LANG=all: both, as the build). LANG is also the
# shell's locale (e.g. C.UTF-8): any other value means French. --dirty: an edit re-renders only the
# pages it changed (atlas.build.preview); `make build` always builds everything.
SERVE_LANG = $(if $(filter fr nl all,$(LANG)),$(LANG),fr)
serve: $(STAMP)
	env LANG=C.UTF-8 $(if $(filter all,$(SERVE_LANG)),,ATLAS_LANG=$(SERVE_LANG)) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --dirty

build: $(STAMP)
	$(BIN)/python -m atlas.maintain.cli build

offline: $(STAMP)
	$(BIN)/python -m atlas.maintain.cli build --offline

check: $(STAMP)
	$(BIN)/python -m atlas.maintain.cli check

schema: $(STAMP)
	$(BIN)/python -m atlas.maintain.cli schema

fmt: $(STAMP)
	$(BIN)/python -m atlas.maintain.cli fmt

stale: $(STAMP)
	$(BIN)/python -m atlas.maintain.cli stale --days $(STALE_DAYS) --report stale-report.md

coverage: $(STAMP)
	$(BIN)/python -m atlas.maintain.cli coverage --report coverage-report.md

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --sizes 1000,5000 --profile --output docs-dev/benchmarks.md

screenshots: build
	$(BIN)/python scripts/screenshots.py --site site --out screenshots

test: $(STAMP) check-code
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest tests/unit -q

check-code: $(STAMP)
	$(BIN)/ruff check atlas hooks scripts tests
	$(BIN)/mypy

clean:
	rm -rf site $(VENV) docs/*/services docs/*/communes docs/*/domains docs/*/glossary
