"""Hostile and damaged input (issue 11): every case that hung or crashed is a fast test here.

Each test writes its input in ``tmp_path`` from a corpus report, then runs the whole pipeline; the
bounds are on time (the case that hung now takes a second) and on the size of what comes out.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from extractor.errors import LkjipError
from extractor.pipeline import extract
from extractor.read.base import MAX_CELLS
from extractor.read.text import text_to_lines
from extractor.structure import find_sections

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SMALL_REPORT = CORPUS / "kota-dumai_kecamatan-dumai-kota_2022.txt"
HEADER = ("LAPORAN KINERJA INSTANSI PEMERINTAH\nBAB I PENDAHULUAN\nSasaran Strategis indikator kinerja\n"
          "Tabel 1.1 Capaian Indikator Kinerja\n")


def _timed_extract(path: Path, seconds: float = 10.0):
    start = time.monotonic()
    try:
        report = extract(path)
    except LkjipError as exc:  # a typed refusal is an acceptable outcome; anything else fails the test
        report = exc
    assert time.monotonic() - start < seconds
    return report


@pytest.mark.parametrize("number", ["10000000", "123456789", "9" * 30])
def test_chapter_with_a_huge_number_is_not_a_chapter(number):
    lines = text_to_lines(f"BAB I PENDAHULUAN\nBAB {number} PENUTUP\n")
    start = time.monotonic()
    sections = find_sections(lines)
    assert time.monotonic() - start < 1.0
    assert {(s.kind, s.number) for s in sections if s} == {("chapter", "I")}


def test_report_with_a_huge_chapter_number(tmp_path):
    path = tmp_path / "bab.txt"
    path.write_text(SMALL_REPORT.read_text(encoding="utf-8") + f"\nBAB {'9' * 30} PENUTUP\n", encoding="utf-8")
    report = _timed_extract(path, seconds=30.0)
    assert report.agency is not None


def test_rows_of_thousands_of_cells_stay_bounded(tmp_path):
    cells = "\t9" * 30000
    path = tmp_path / "tabs.txt"
    path.write_text(HEADER + "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian" + cells
                    + "\n1\tx\ty\t10\t9\t90" + cells + "\n2\tx\ty\t10\t9\t90" + cells + "\n", encoding="utf-8")
    report = _timed_extract(path)
    assert all(len(t.columns) <= MAX_CELLS for t in report.tables)
    assert len(report.model_dump_json()) < 1_000_000


def test_line_of_tabs_alone(tmp_path):
    path = tmp_path / "tabs.txt"
    path.write_text(HEADER + "\t" * 100_000 + "\nx\n", encoding="utf-8")
    _timed_extract(path, seconds=5.0)


def test_megabytes_of_tabbed_noise_are_refused_quickly(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_text(("x\t" * 1000 + "\n") * 2000, encoding="utf-8")
    with pytest.raises(LkjipError):
        extract(path)


@pytest.mark.parametrize("stated,computed", [("1", "1e40"), ("105.73", "1e30"), ("0.5", "-1e35"), ("1e-30", "1e-40")])
def test_precision_checks_never_raise_on_huge_or_tiny_values(stated, computed):
    from decimal import Decimal

    from extractor.verify.precision import judge, shown

    judgement = judge(Decimal(stated), Decimal(computed))
    assert judgement.rule == "none" and not judgement.consistent
    assert shown(Decimal(computed), 2).count(",") == 1


def test_dash_bullet_before_an_amount_in_words_is_not_a_minus(tmp_path):
    from extractor.verify.words import _paragraph_findings  # noqa: F401  (the stage that raised ValueError)
    from extractor.terbilang import find_amounts_in_words

    found = find_amounts_in_words("Pagu:\n-150.000.000 (seratus lima puluh juta rupiah)")
    assert [(f.value, v) for f, _, v, _ in found] == [(150000000, 150000000)]
    path = tmp_path / "bullet.txt"
    text = SMALL_REPORT.read_text(encoding="utf-8")
    path.write_text(text + "\nAnggaran kegiatan:\n-150.000.000 (seratus lima puluh juta rupiah)\n"
                    "-98.000.000.000.000.000.000.000.000.000 (sembilan puluh delapan rupiah)\n", encoding="utf-8")
    report = _timed_extract(path, seconds=30.0)
    assert report.agency is not None


@pytest.mark.parametrize("n", [-1, 10 ** 24, 10 ** 5000], ids=["negative", "1e24", "1e5000"])
def test_number_to_words_refuses_outside_its_range(n):
    from extractor.errors import NumberOutOfRange
    from extractor.terbilang import number_to_words

    with pytest.raises(NumberOutOfRange) as caught:
        number_to_words(n)
    assert caught.value.code == "E060"


@pytest.mark.parametrize("raw,value", [
    ("１２３,５", "123.5"),                      # fullwidth digits
    ("١٢٣,٥ persen", "123.5"),                   # Arabic-Indic digits
    ("Rp ۱۲۳.۴۵۶.۷۸۹", "123456789"),             # extended Arabic-Indic (Persian) digits
    ("1٢3.456", "123456"),                       # mixed scripts
])
def test_digits_of_other_scripts_are_read_whole(raw, value):
    from decimal import Decimal

    from extractor.numbers import find_numbers, parse_figure

    assert parse_figure(raw).value == Decimal(value)
    assert [f.value for _, _, f in find_numbers(f"capaian {raw} tahun ini")] == [Decimal(value)]


def test_negative_amounts_beyond_28_digits_keep_every_digit():
    from decimal import Decimal

    from extractor.numbers import parse_figure

    digits = "1234567890123456789012345678901234567"
    grouped = f"{int(digits):,}".replace(",", ".")
    assert parse_figure(f"-{grouped}").value == Decimal("-" + digits)
    assert parse_figure(f"- Rp {grouped}").value == Decimal("-" + digits)


def test_report_with_rows_mutated_into_thousands_of_cells(tmp_path):
    lines = SMALL_REPORT.read_text(encoding="utf-8").splitlines()
    rows = [i for i, line in enumerate(lines) if line.count("\t") >= 4]
    for i in rows[::max(1, len(rows) // 10)]:
        lines[i] += "\t1,5" * 3000
    path = tmp_path / "mutated.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = _timed_extract(path, seconds=20.0)
    assert all(len(row) <= MAX_CELLS for t in report.tables for row in t.rows)
    assert len(report.model_dump_json()) < 5 * path.stat().st_size  # on main: every row of its table × 3000 cells


def test_program_table_without_years_in_a_report_without_a_year():
    """Found by ``benchmarks/fuzz.py --seed 2`` (input 3071): measurements keyed by no year raised TypeError."""
    report = extract(Path(__file__).parent / "hostile" / "fuzz_seed2_3071_program_table_without_years.txt")
    assert report.report_year is None and report.indicators
