"""Scans of generated reports (tests/synth): facts recovered, no error the text lacks.

OCR of a whole report takes half a minute to a few minutes, so these run with ``--runslow``; the
figures for more seeds come from ``benchmarks/accuracy.py --renderings scan150,scan200,scan300``
(``benchmarks/RESULTS.md``).
"""
from __future__ import annotations

import pytest
import render as render_helpers

from extractor.pipeline import extract
from synth.facts import generate
from synth.harness import compare
from synth.renderings import render

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not render_helpers.have_tesseract(), reason="tesseract-ocr not installed")]

# one tuned seed with ruled tables, one with borderless tables, one held-out seed (layout family B)
SEEDS = (0, 1, 1000)


@pytest.fixture(scope="module", params=[(seed, dpi) for seed in SEEDS for dpi in ("scan150", "scan200")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def scanned(request):
    seed, rendering = request.param
    return seed, extract(render(seed, rendering)), extract(render(seed, "text"))


def test_scan_figures_are_right_or_unsure(scanned):
    """Every indicator figure a scan gives is right or marked low_confidence (precision ≥ 0.9)."""
    seed, report, _ = scanned
    score = compare(generate(seed), report)
    assert score.indicators.precision >= 0.9, score.indicators.misses[:5]


def test_scan_adds_no_error(scanned):
    """A finding the scan reports as an error is one the text of the same report reports too."""
    _, scan, text = scanned
    text_errors = {f.code for f in text.findings if f.severity == "error"}
    assert {f.code for f in scan.findings if f.severity == "error"} <= text_errors
