# The two commands of the README: `make samples` and `make test` (both set up a fresh machine).
PYTHON ?= python3

.PHONY: samples test test-slow bootstrap schema

bootstrap:
	@./scripts/bootstrap.sh

samples: bootstrap
	$(PYTHON) -m vbpl_parser.cli parse samples/inputs/* -o samples/output

test: bootstrap
	$(PYTHON) -m pytest -q

test-slow: bootstrap
	$(PYTHON) -m pytest -q -m slow

schema:
	$(PYTHON) -m vbpl_parser.cli schema > schemas/document.schema.json
