"""Repair of OCR misreads: candidate readings by column kind, chosen by the row's arithmetic."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.numbers import parse_figure
from extractor.ocr_repair import (column_groups, column_kind, ocr_figure, plausible, readings,
                                  settle_budget, settle_columns, settle_measurement, settle_sum)


def fig(text: str):
    return parse_figure(text)


# (token as OCR read it, column kind, the reading expected first)
FIRST_READING = [
    ("10096", "percent", "100%"),          # "%" read as "96"
    ("9896", "percent", "98%"),
    ("97,8696", "percent", "97,86%"),
    ("100%6", "percent", "100%"),
    ("1O0%", "percent", "100%"),           # O for 0
    ("8l,5%", "percent", "81,5%"),         # l for 1
    ("449.551.620,", "rupiah", "449.551.620,-"),   # ",-" lost
    ("449.551.620~", "rupiah", "449.551.620,-"),
    ("62.216,151.818", "rupiah", "62.216.151.818"),  # one group mark read as ","
    ("100 1", "percent", "100"),            # a speck beside the figure
    ("42", "count", "42"),                  # nothing to repair
]


@pytest.mark.parametrize("raw, kind, expected", FIRST_READING)
def test_first_reading(raw, kind, expected):
    assert readings(raw, kind)[0].text == expected


@pytest.mark.parametrize("raw, kind, absent", [
    ("10096", "rupiah", "100%"),    # no percent sign in an amount column
    ("449.551.620,", "percent", "449.551.620,-"),
    ("Dokumen", "count", None),
])
def test_kind_limits_readings(raw, kind, absent):
    texts = [r.text for r in readings(raw, kind)]
    assert absent not in texts if absent else texts == []


def test_readings_reject_unknown_kind():
    with pytest.raises(ValueError):
        readings("1", "weight")


@pytest.mark.parametrize("field, cells, kind", [
    ("achievement", [], "percent"), ("absorption", [], "percent"), ("allocation", [], "rupiah"),
    ("budget_realization", [], "rupiah"), ("target", ["90%", "100 %", "3"], "percent"),
    ("target", ["2", "15", ""], "count"), ("target", ["Rp 5 juta", "2"], "number"), (None, [], "number"),
])
def test_column_kind(field, cells, kind):
    assert column_kind(field, cells) == kind


# (target, realisation, achievement as OCR read them, column kinds) → (values expected)
MEASUREMENTS = [
    (("10096", "9896", "98%"), ("percent", "percent"), ("100", "98", "98")),
    (("100%", "100%", "10096"), ("percent", "percent"), ("100", "100", "100")),
    (("90", "81", "9096"), ("count", "count"), ("90", "81", "90")),
    (("87", "89,87", "103.3"), ("number", "number"), ("87", "89.87", "103.3")),  # agrees as read
    (("2", "1", "200%"), ("count", "count"), ("2", "1", "200")),                  # lower is better
    (("878", "80,0", "91,12"), ("number", "number"), ("87.8", "80.0", "91.12")),  # decimal comma lost
]


@pytest.mark.parametrize("raw, kinds, values", MEASUREMENTS)
def test_settle_measurement(raw, kinds, values):
    settled = settle_measurement(*(fig(r) for r in raw), kinds=kinds)
    assert [f.value for f in settled] == [Decimal(v) for v in values]
    for before, after in zip(raw, settled):
        if after.raw != before:
            assert after.low_confidence and after.ocr_raw == before
            assert after.correction.startswith(f'corrected: "{before}" → "{after.raw}", arithmetic')


def test_disagreement_left_as_read_but_doubted():
    """No reading makes the row agree: the figures stay as read and become low_confidence, so a
    finding on them is at most a warning."""
    row = settle_columns({1: ocr_figure(fig("90"), "90", confidence=85.0),
                          2: ocr_figure(fig("70"), "70", confidence=95.0),
                          3: ocr_figure(fig("99%"), "99%", confidence=85.0)},
                         [{"target": 1, "realization": 2, "achievement": 3}])
    assert [row[i].value for i in (1, 2, 3)] == [Decimal(90), Decimal(70), Decimal(99)]
    assert [row[i].low_confidence for i in (1, 2, 3)] == [True, True, True]
    assert all(row[i].correction is None for i in (1, 2, 3))


def test_settle_budget_absorption():
    allocation, realization, absorption = settle_budget(fig("831.418.650,-"), fig("807.729.780,-"), fig("9796"))
    assert absorption.value == 97 and absorption.ocr_raw == "9796" and absorption.low_confidence
    assert allocation.correction is None and realization.correction is None


def test_settle_sum_total():
    parts, total = settle_sum([fig("1.500.000,-"), fig("2.500,000")], fig("4.000.000"))
    assert parts[1].value == 2500000 and "sum" in parts[1].correction
    assert total.correction is None


def test_implausible_percent_without_arithmetic():
    alone = plausible(fig("10096"), "percent")
    assert alone.value == 100 and "column kind" in alone.correction and alone.low_confidence
    assert plausible(fig("1500"), "count").value == 1500


def test_unparseable_cell_read_by_shape():
    figure = ocr_figure(None, "1O0%", "percent", confidence=80.0)
    assert figure.value == 100 and figure.ocr_raw == "1O0%" and figure.low_confidence
    assert figure.ocr_confidence == 80.0 and "shape" in figure.correction


def test_column_groups_by_year():
    groups = column_groups([(0, "indicator", None), (1, "target", 2022), (2, "realization", 2022),
                            (3, "achievement", 2022), (4, "allocation", None), (5, "absorption", None)])
    assert groups == [{"target": 1, "realization": 2, "achievement": 3}, {"allocation": 4, "absorption": 5}]


def test_only_arithmetic_confirms_ocr_figures():
    row = settle_columns({0: fig("7"), 1: fig("90"), 2: fig("81"), 3: fig("90%")},
                         [{"target": 1, "realization": 2, "achievement": 3}])
    assert row[0].low_confidence  # in no group: nothing confirms it
    assert not any(row[i].low_confidence for i in (1, 2, 3))
