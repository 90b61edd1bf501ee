#!/usr/bin/env bash
# Install the peer parsers compared in docs/benchmarks.md, each in its own virtualenv under
# /tmp/peers (never in the project's environment). Idempotent; about 1 GB of downloads.
#
# docling: the meta-package now only pulls docling-slim; its format-docx/format-html extras
# are what the DOCX and HTML backends need (no model download). Its DocumentConverter
# imports torch (ASR pipeline) at import time, so bench/peer_runner.py calls the DOCX/HTML
# backends directly, as docling's SimplePipeline does.
# unstructured: partition_pdf imports unstructured_inference, which requires torch; the
# "fast" strategy never runs a model, so unstructured-inference is installed without its
# torch/transformers requirements. partition_docx (and the narrative-text check of
# partition_pdf) downloads the spaCy model en_core_web_sm from GitHub at run time, which
# this machine cannot reach: those calls are reported as failures.
# viparse: a Vietnamese-first loader with legacy-encoding support, on PyPI.
set -euo pipefail
PEERS=${PEERS:-/tmp/peers}
mkdir -p "$PEERS"
venv() { [ -x "$PEERS/$1/bin/python" ] || python3 -m venv "$PEERS/$1"; }
pipq() { "$PEERS/$1/bin/pip" install -q --disable-pip-version-check "${@:2}"; }

venv docling
pipq docling "docling-slim[format-docx,format-html]"

venv unstructured
pipq unstructured unstructured python-docx pdfminer.six pi_heif pypdf pdf2image pypdfium2 rapidfuzz pandas \
  opencv-python-headless scipy matplotlib onnx onnxruntime huggingface-hub pikepdf
pipq unstructured --no-deps unstructured-inference

venv viparse
pipq viparse "viparse[office,pdf,rtf]"
