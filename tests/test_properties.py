"""Property tests (hypothesis): number formats round-trip, terbilang round-trips over its whole range,
and the pipeline raises nothing but the library's typed errors on arbitrary and mutated text.

The examples are few and small so that the default run stays fast; ``--runslow`` runs many more.
"""
from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.errors import LkjipError, NumberOutOfRange
from extractor.numbers import find_numbers, parse_figure
from extractor.pipeline import extract
from extractor.terbilang import number_to_words, words_limit, words_to_number
from extractor.verify.precision import fmt

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REPORT = (CORPUS / "kota-dumai_kecamatan-dumai-kota_2022.txt").read_text(encoding="utf-8")
FAST = settings(max_examples=200, deadline=None)
PIPELINE = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.integers(min_value=0, max_value=10 ** 40))
def test_whole_amounts_round_trip_through_their_printed_form(n):
    printed = fmt(Decimal(n))  # 1.234.567: dots group thousands
    assert parse_figure(printed).value == n
    assert parse_figure(f"Rp. {printed},-").value == n
    assert parse_figure(f"-{printed}").value == -n


@FAST
@given(st.integers(min_value=0, max_value=10 ** 30), st.integers(min_value=1, max_value=99))
def test_percentages_with_two_decimals_round_trip(whole, cents):
    value = Decimal(whole) + Decimal(cents).scaleb(-2)
    printed = fmt(value, 2)  # 1.234,56: the comma marks decimals
    figure = parse_figure(f"{printed} %")
    assert (figure.value, figure.decimals, figure.unit) == (value, 2, "%")
    assert [f.value for _, _, f in find_numbers(f"capaian {printed}% pada tahun")] == [value]


@FAST
@given(st.integers(min_value=0, max_value=10 ** 24 - 1))
def test_terbilang_round_trips_over_its_whole_range(n):
    assert words_to_number(number_to_words(n)) == n


@FAST
@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=10 ** 24)))
def test_terbilang_refuses_outside_its_range(n):
    assert words_limit() == 10 ** 24
    with pytest.raises(NumberOutOfRange):
        number_to_words(n)


_HOSTILE = st.sampled_from([
    "\t", "\t" * 500, "\n", "BAB ", "BAB 99999999999999999999 ", "Tabel 3.1 ", "-", "- ", "(", ")", "%", "Rp ",
    "９９", "٣٫٥", "1.234,56", "0,000000000000000000000001", "9" * 60, ".", ",", "|", " | ", "*", "$", "\u00a0",
    "seratus triliun triliun rupiah", "(seratus lima puluh juta rupiah)", "Target\tRealisasi\tCapaian",
])


def _extract_text(text: str):
    """Run the whole pipeline on ``text`` written to a file; return the report or the typed error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            return extract(path)
        except LkjipError as exc:
            return exc


@PIPELINE
@given(st.integers(min_value=0, max_value=len(REPORT) - 1), st.integers(min_value=200, max_value=8000),
       st.lists(st.tuples(st.floats(min_value=0, max_value=1), _HOSTILE), max_size=20),
       st.lists(st.floats(min_value=0, max_value=1), max_size=10))
def test_pipeline_raises_only_typed_errors_on_mutated_reports(start, length, insertions, cuts):
    text = REPORT[start:start + length]
    for where, fragment in insertions:
        at = int(where * len(text))
        text = text[:at] + fragment + text[at:]
    for where in cuts:  # delete a short stretch
        at = int(where * len(text))
        text = text[:at] + text[at + 40:]
    _extract_text(text)


@PIPELINE
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=3000))
def test_pipeline_raises_only_typed_errors_on_arbitrary_text(noise):
    _extract_text("LAPORAN KINERJA INSTANSI PEMERINTAH\nSasaran Strategis\tIndikator Kinerja\tTarget\n" + noise)
