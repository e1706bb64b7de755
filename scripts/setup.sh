#!/usr/bin/env bash
# Set up lkjip on a fresh machine (Python 3.11, root): system tools for PDFs and scans, a venv, the package.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-ind)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# LibreOffice prints .docx to PDF (tests/render.py, tests/synth, benchmarks/accuracy.py)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# headless Chromium and its driver: the browser tests of the verification pages (lkjip report)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null \
    || echo "warning: could not install ${need[*]}; OCR/layout/LibreOffice/browser tests will be skipped" >&2
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -vi "warning" || true
.venv/bin/python -c "import extractor, spacy, pdfplumber, duckdb" 
