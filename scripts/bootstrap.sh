#!/usr/bin/env bash
# Install everything vbpl_parser needs on a fresh Debian/Ubuntu machine (idempotent).
# System tools: LibreOffice (for .doc/.rtf), Tesseract with the Vietnamese model (scans),
# Chromium (the review page's browser test), DejaVu fonts (Vietnamese glyphs).
# Python: the package itself in editable mode with its test and Dask extras; reinstalled
# whenever pyproject.toml changes (a stamp file records the last installed version).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui)
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
if ! tesseract --list-langs 2>/dev/null | grep -qx vie; then need_apt+=(tesseract-ocr-vie); fi
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ "${#need_apt[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "bootstrap: installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" fonts-dejavu-core >/dev/null
fi

PY=${PYTHON:-python3}
stamp=".bootstrap-stamp"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || ! $PY -c "import vbpl_parser, pytest" >/dev/null 2>&1 \
    || [ "${BOOTSTRAP_FORCE:-}" = 1 ]; then
  echo "bootstrap: installing the Python package and test dependencies"
  # [dask]: the default test run checks the Dask engine on a LocalCluster
  $PY -m pip install -q --disable-pip-version-check -e ".[test,dask]"
  echo "$want" > "$stamp"
fi
