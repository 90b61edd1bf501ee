# The two commands of the README: `make samples` and `make test` (both set up a fresh machine).
PYTHON ?= python3

.PHONY: samples test test-slow lint bootstrap schema bulk corpus

bootstrap:
	@./scripts/bootstrap.sh

samples: bootstrap
	$(PYTHON) -m vbpl_parser.cli parse samples/inputs/* -o samples/output --force

test: bootstrap lint
	$(PYTHON) -m pytest -q

lint: bootstrap
	$(PYTHON) -m ruff check vbpl_parser tests bench
	$(PYTHON) -m mypy

test-slow: bootstrap
	$(PYTHON) -m pytest -q -m slow

schema:
	$(PYTHON) -m vbpl_parser.cli schema > schemas/document.schema.json

bulk: bootstrap
	$(PYTHON) bench/corpus_check.py ../shared/corpus/bulk

corpus: bootstrap
	$(PYTHON) bench/corpus_check.py ../shared/corpus/docs
