"""format_anomaly: figures whose grouping or decimal marks neither convention allows.

Examples are grouped by where they came from: the parser's own cases, hand-built reports, then the
corpus reports, whose malformed figures were confirmed by reading each line.
"""
from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest
import regex

from corpus_expectations import report
from extractor.numbers import find_anomalies, format_anomaly, parse_figure
from extractor.pipeline import assemble_document
from extractor.read.base import Document
from extractor.read.text import text_to_lines
from extractor.verify import Context, formats

PROSE = ("Laporan Kinerja Instansi Pemerintah Dinas Contoh Kota Dumai Tahun 2023 memuat sasaran strategis "
         "dan indikator kinerja dengan target dan realisasi.")


# ------------------------------------------------------------------ where figures are parsed

BODIES = [
    # (body, reason, readings) — None: a convention allows it, or it is no figure at all
    ("3.050.078,000", "three_decimals", [Decimal("3050078.000"), Decimal("3050078000")]),
    ("215.125,000", "three_decimals", [Decimal("215125.000"), Decimal("215125000")]),
    ("1,234,567.890", "three_decimals", [Decimal("1234567.890"), Decimal("1234567890")]),
    ("1.23.456", "broken_groups", [Decimal("123.456"), Decimal("123456")]),
    ("12,34,567", "broken_groups", [Decimal("1234.567"), Decimal("1234567")]),
    ("2.006.492743", "broken_groups", [Decimal("2006.492743"), Decimal("2006492743")]),
    ("1.77.984.000,00", "broken_groups", [Decimal("177984000.00")]),
    ("1.234,567.8", "mixed_marks", [Decimal("1234567.8")]),
    ("1.234.567,89", None, None),
    ("1,234,567.89", None, None),
    ("98.575.166.924", None, None),
    ("97,5", None, None),
    ("0,125", None, None),
    ("1.234", None, None),
    ("2.12.01.2.06.02", None, None),   # a budget code (kode rekening)
    ("5.01.01.2.01", None, None),
    ("3.2.1", None, None),             # a section number
    ("12.05.2023", None, None),        # a date
]


@pytest.mark.parametrize("body, reason, readings", BODIES)
def test_format_anomaly(body, reason, readings):
    anomaly = format_anomaly(body)
    if reason is None:
        assert anomaly is None
    else:
        assert (anomaly.reason, [value for _, value in anomaly.readings]) == (reason, readings)


def test_a_well_formed_three_decimals_figure_keeps_its_reading():
    """The anomaly is reported, the figure is still read as printed (the decimal reading)."""
    assert parse_figure("3.050.078,000").value == Decimal("3050078.000")
    assert [raw for _, _, raw, _ in find_anomalies("Rp 3.050.078,000 dan 97,5% serta 1.234.567,89")] == ["Rp 3.050.078,000"]


# ------------------------------------------------------------------ hand-built reports


def context(body: str) -> Context:
    text = PROSE + "\n\n" + regex.sub(r" \| ?", "\t", textwrap.dedent(body))
    document = Document(path="hand-built.txt", format="text", lines=text_to_lines(text), sha256="0")
    built, printed, _ = assemble_document(document)
    return Context(report=built, document=document, tables=printed)


BUDGET = """
    Tabel 3.9
    Anggaran dan Realisasi Program

    NO | PROGRAM | ANGGARAN (Rp) | REALISASI (Rp) | %
    1 | Program Penunjang Urusan Pemerintahan Daerah | {allocation} | 2.950.000.000 | 96,72
    2 | Program Pendaftaran Penduduk | 614.338.300 | 600.000.000 | 97,67
"""


def test_a_malformed_amount_in_a_table_is_one_warning_with_both_readings():
    findings = list(formats.check(context(BUDGET.format(allocation="3.050.078,000"))))
    assert [(f.code, f.severity, f.basis, f.stated, f.stated_value, f.expected_value, f.field, f.year)
            for f in findings] == [("format_anomaly", "warning", "reading", "3.050.078,000", Decimal("3050078.000"),
                                    Decimal("3050078000"), "allocation", 2023)]
    assert [p.value for p in findings[0].parts] == [Decimal("3050078.000"), Decimal("3050078000")]
    assert findings[0].subject_kind == "program" and findings[0].places[0].line == findings[0].provenance.line


@pytest.mark.parametrize("allocation", ["3.050.078.000", "3,050,078,000", "3.050.078.000,00", "3,050,078,000.00"])
def test_figures_either_convention_allows_give_nothing(allocation):
    assert list(formats.check(context(BUDGET.format(allocation=allocation)))) == []


def test_in_prose_each_figure_once():
    body = """
        Capaian kinerja sebesar 97,5% dengan anggaran Rp 215.125,000 dan realisasi Rp 1.23.456 dari pagu.
    """
    findings = list(formats.check(context(body)))
    assert [(f.stated, f.stated_value, f.expected_value) for f in findings] == [
        ("Rp 215.125,000", Decimal("215125.000"), Decimal("215125000")),
        ("Rp 1.23.456", Decimal("123.456"), Decimal("123456"))]


# ------------------------------------------------------------------ corpus reports, read by a person

# Disdukcapil, Renja annex (lines 857-883): every Pagu Indikatif 2023 and Kebutuhan Dana 2024 amount is
# printed with a comma before its last group (64.754,000 beside 614.338.300 on line 881): 37 figures;
# line 1054 prints the realisasi of Perbaikan Meja "96.09.000" (anggaran 100.000.000, 96,09%).
DISDUKCAPIL_RENJA = {857: ["1.250.165,496", "1.510.000,000"], 858: ["64.754,000", "90.000,000"],
                     859: ["41.228,800", "60.000,000"], 860: ["56.627,810", "70.000,000"],
                     861: ["15.600,000", "30.000,000"], 862: ["412.163,000", "525.000,000"],
                     863: ["32.457,530", "100.000,000"], 864: ["3.050.078,000", "904.260,965"],
                     865: ["450.000,000"], 873: ["679.382,600", "50.000,000"],
                     874: ["1.021.493,400", "854.260,965"], 875: ["790.110,000", "816.000,000"],
                     876: ["124.150,000", "170.000,000"], 877: ["666.000,000", "666.000,000"],
                     878: ["215.125,000", "225.250,000"], 879: ["116.060,000", "145.250,000"],
                     880: ["98.465,000", "90.000,000"], 881: ["450.000,000"], 882: ["450.000,000"],
                     883: ["219.968,800", "250.000,000"], 1054: ["96.09.000"]}
CORPUS = {
    "kota-dumai_disdukcapil_2023": [(line, raw) for line, raws in DISDUKCAPIL_RENJA.items() for raw in raws],
    # Sekretariat daerah, Rencana Aksi annex line 1533: anggaran "1.77.984.000,00" (a group of two digits;
    # every other amount of the column is grouped by three, e.g. 103.115.900,00 on line 1534).
    "kota-dumai_sekretariat-daerah_2023": [(1533, "1.77.984.000,00")],
    # BKPSDM (OCR), Evaluasi Renja lines 3917 and 3948: "2.006.492743" (a dot lost) and "1.764.840.19)"
    # (a digit lost), program rows of the budget matrix.
    "kota-dumai_bkpsdm_2023_ocr": [(3917, "2.006.492743"), (3948, "1.764.840.19")],
    "kota-dumai_dinsos-pmd_2023": [],
    "kota-dumai_kecamatan-dumai-kota_2022": [],
}


@pytest.mark.parametrize("stem", sorted(CORPUS))
def test_corpus_format_anomalies(stem):
    found = [(f.provenance.line, f.stated) for f in report(stem).findings if f.code == "format_anomaly"]
    assert found == CORPUS[stem]
    assert {f.severity for f in report(stem).findings if f.code == "format_anomaly"} <= {"warning"}


def test_corpus_counts():
    assert {stem: len(cases) for stem, cases in CORPUS.items()} == {
        "kota-dumai_disdukcapil_2023": 38, "kota-dumai_sekretariat-daerah_2023": 1,
        "kota-dumai_bkpsdm_2023_ocr": 2, "kota-dumai_dinsos-pmd_2023": 0, "kota-dumai_kecamatan-dumai-kota_2022": 0}


def test_corpus_readings_of_the_rupiah_amount_3_050_078_000():
    finding = next(f for f in report("kota-dumai_disdukcapil_2023").findings
                   if f.code == "format_anomaly" and f.stated == "3.050.078,000")
    assert (finding.stated_value, finding.expected_value) == (Decimal("3050078.000"), Decimal("3050078000"))


def test_three_decimals_on_an_amount_without_grouping():
    """64754,000 is a decimal the Indonesian way, but an anggaran is not printed to the thousandth."""
    findings = list(formats.check(context(BUDGET.format(allocation="3050078,000"))))
    assert [(f.stated, f.stated_value, f.expected_value, f.field) for f in findings] == [
        ("3050078,000", Decimal("3050078.000"), Decimal("3050078000"), "allocation")]
    assert list(formats.check(context("Capaian indeks sebesar 3050,125 poin pada tahun 2023."))) == []
