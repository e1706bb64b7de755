"""The OCR-damaged report `corpus/kota-dumai_bkpsdm_2023_ocr.txt` (tests/expected/kota-dumai_bkpsdm_2023_ocr.yaml).

Plain OCR of a scan: the tables lost their columns. It must be read without crashing, what can be
recovered is recovered (the measurement table's figures, rebuilt by the standard layout), marked
low-confidence, and the warnings say which tables were rebuilt. Indicator names may carry words of
the neighbouring *sasaran* column (OCR interleaves them), so rows are compared in order.
"""
import pytest

from corpus_expectations import check_metadata, expected, report, same_figure

STEM = "kota-dumai_bkpsdm_2023_ocr"


def test_metadata():
    check_metadata(STEM)


def test_measurement_table_recovered_in_order():
    wanted = expected(STEM)["indicators"]
    got = report(STEM).indicators
    assert len(got) == len(wanted)
    for indicator, want in zip(got, wanted):
        first_words = want["name"].split()[:2]
        assert all(w.lower() in indicator.name.lower() for w in first_words), (indicator.name, want["name"])
        for m_want in want["measurements"]:
            m = next(m for m in indicator.measurements if m.year == m_want["year"])
            for key in ("target", "realization", "achievement"):
                assert same_figure(getattr(m, key), m_want[key]), (indicator.name, key)
                if getattr(m, key) is not None:
                    assert getattr(m, key).low_confidence
            assert (m.predicate or None) == m_want["predicate"]


def test_warnings_say_what_was_rebuilt():
    warnings = report(STEM).warnings
    rebuilt = [w for w in warnings if w.code == "W_TABLE_REBUILT"]
    assert any("Tabel 3.3" in w.message for w in rebuilt)
