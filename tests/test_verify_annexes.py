"""cross_table_mismatch on the annex matrices: Rencana Aksi, Evaluasi Berkala, Matrik Renstra.

Hand-built reports: a body measurement table, then one annex that repeats its figures. The corpus
findings these readings add to are in tests/test_verify_corpus.py (they add places, no new finding).
"""
from __future__ import annotations

import textwrap
from decimal import Decimal

import regex

from extractor.pipeline import assemble_document
from extractor.read.base import Document
from extractor.read.text import text_to_lines
from extractor.verify import Context, cross_table
from extractor.verify.annexes import RUN_READING, annex_measurements, quarter_span

PROSE = ("Laporan Kinerja Instansi Pemerintah Dinas Contoh Kota Dumai Tahun 2023 memuat sasaran strategis "
         "dan indikator kinerja dengan target dan realisasi.")

BODY = """
    Tabel 3.1
    Pengukuran Kinerja Tahun 2023

    No | Sasaran Strategis | Indikator Kinerja | Target | Realisasi | Capaian
    1 | Meningkatnya layanan | Indeks kepuasan masyarakat | 88 | 93,05 | 105,73%
    2 | Meningkatnya layanan | Persentase OPD terintegrasi | 69% | 51,85% | 75,07%

    Tabel 3.2
    Perjanjian Kinerja Tahun 2023

    No | Sasaran Strategis | Indikator Kinerja | Target
    1 | Meningkatnya layanan | Indeks kepuasan masyarakat | 88
    2 | Meningkatnya layanan | Persentase OPD terintegrasi | 69%
"""

RENCANA_AKSI = """
    Lampiran 2 memuat rencana aksi atas perjanjian kinerja tahun berjalan dengan target setiap triwulan.

    **RENCANA AKSI TAHUN 2023**

    No | Sasaran Strategis | Indikator Sasaran | Satuan | Target Tahunan | TW 1 | TW 2 | TW 3 | TW 4 | Program | Indikator Program | Target
    1 | Meningkatnya layanan | Indeks kepuasan masyarakat | indeks | {ikm} | 20 | 40 | 60 | {ikm} | Program layanan | Persentase layanan program | 100%
    2 | Meningkatnya layanan | Persentase OPD terintegrasi | % | 69 | 15 | 30 | 50 | 69 | Program layanan | Persentase layanan program | 100%
"""

RENSTRA = """
    Lampiran 1 memuat matrik rencana strategis dengan target setiap tahun periode renstra.

    **MATRIK RENCANA STRATEGIS TAHUN 2021-2026**

    No | Tujuan | Indikator Tujuan | 2021 | 2022 | 2023 | 2024 | 2025 | 2026 | Sasaran | Indikator Sasaran | 2021 | 2022 | 2023 | 2024 | 2025 | 2026
    1 | Meningkatkan pelayanan | Nilai pelayanan publik | NA | 70 | 75 | 80 | 85 | 90 | Meningkatnya layanan | Indeks kepuasan masyarakat | NA | 86 | {ikm} | 90 | 91 | 92
    2 |  |  |  |  |  |  |  |  | Meningkatnya layanan | Persentase OPD terintegrasi | NA | 60 | 69 | 75 | 80 | 85 |
"""


def context(body: str) -> Context:
    text = PROSE + "\n\n" + regex.sub(r" \| ?", "\t", textwrap.dedent(body))
    document = Document(path="hand-built.txt", format="text", lines=text_to_lines(text), sha256="0")
    report, printed, _ = assemble_document(document)
    return Context(report=report, document=document, tables=printed)


def findings(body: str) -> list:
    return list(cross_table.check(context(body)))


# ------------------------------------------------------------------ Rencana Aksi: the year's columns beside the quarters


def test_the_quarters_are_set_aside():
    ctx = context(BODY + RENCANA_AKSI.format(ikm=88))
    annex = next(t for t in ctx.tables if t.column("quarter") is not None)
    assert list(quarter_span(annex)) == [5, 6, 7, 8]
    assert sorted((p.indicator.name, p.figures["target"].value) for p in annex_measurements(ctx)) == [
        ("Indeks kepuasan masyarakat", Decimal("88")), ("Persentase OPD terintegrasi", Decimal("69"))]


def test_a_rencana_aksi_that_agrees_gives_nothing():
    assert findings(BODY + RENCANA_AKSI.format(ikm=88)) == []


def test_a_rencana_aksi_target_that_differs_is_found_with_its_places():
    found = findings(BODY + RENCANA_AKSI.format(ikm=87))
    assert [(f.severity, f.basis, f.stated, f.stated_value, f.expected_value, f.subject_kind, f.field, f.year)
            for f in found] == [("error", "arithmetic", "87", Decimal("87"), Decimal("88"), "indicator", "target", 2023)]
    finding = found[0]
    assert finding.subject_id is not None and finding.subject.startswith("Indeks kepuasan masyarakat")
    assert [p.value for p in finding.parts] == [Decimal("88"), Decimal("88")]
    assert [p.line for p in finding.places] == [finding.provenance.line, *(p.provenance.line for p in finding.parts)]


# ------------------------------------------------------------------ Matrik Renstra: the report year counted back from the last


def test_the_renstra_matrix_gives_the_report_year_s_target_of_each_sasaran_indicator():
    ctx = context(BODY + RENSTRA.format(ikm=88))
    read = sorted((p.indicator.name, p.year, p.figures["target"].value, p.reading) for p in annex_measurements(ctx))
    assert read == [("Indeks kepuasan masyarakat", 2023, Decimal("88"), RUN_READING),
                    ("Persentase OPD terintegrasi", 2023, Decimal("69"), RUN_READING)]
    assert findings(BODY + RENSTRA.format(ikm=88)) == []


def test_a_renstra_target_that_differs_is_a_warning_resting_on_the_reading():
    found = findings(BODY + RENSTRA.format(ikm=89))
    assert [(f.severity, f.basis, f.stated_value, f.expected_value, f.field, f.year) for f in found] == [
        ("warning", "reading", Decimal("89"), Decimal("88"), "target", 2023)]


def test_a_ragged_renstra_row_is_read_from_its_last_year():
    """A row printed one cell short before its years (no NA): the series still ends in 2026."""
    ragged = RENSTRA.format(ikm=88).replace("| Persentase OPD terintegrasi | NA | 60 |", "| Persentase OPD terintegrasi | 60 |")
    ctx = context(BODY + ragged)
    assert {p.indicator.name: p.figures["target"].value for p in annex_measurements(ctx)}[
        "Persentase OPD terintegrasi"] == Decimal("69")


# ------------------------------------------------------------------ Evaluasi Berkala: quarter groups of three columns

EVALUASI = """
    Lampiran 3 memuat evaluasi berkala rencana aksi atas perjanjian kinerja tahun berjalan.

    **EVALUASI BERKALA RENCANA AKSI TAHUN 2023**

    No | Sasaran Strategis | Indikator Kinerja Utama | Satuan | Target Tahunan | Tri Wulan 1 |  |  | Tri Wulan 2 |  |  | Tri Wulan 3 |  |  | Tri Wulan 4 |  |  | Realisasi Tahunan 2023 | Persen
     |  |  |  |  | Target | Realisasi | Persen | Target | Realisasi | Persen | Target | Realisasi | Persen | Target | Realisasi | Persen |  |
    1 | Meningkatnya layanan | Indeks kepuasan masyarakat | indeks | 88 | 20 | 20 | 100 | 40 | 40 | 100 | 60 | 60 | 100 | 88 | 90 | 102 | {real} | 105,73
    2 | Meningkatnya layanan | Persentase OPD terintegrasi | % | 69 | 15 | 15 | 100 | 30 | 30 | 100 | 50 | 50 | 100 | 69 | 51,85 | 75 | 51,85 | 75,07
"""


def test_the_evaluasi_berkala_is_read_by_its_year_columns():
    ctx = context(BODY + EVALUASI.format(real="93,05"))
    annex = next(t for t in ctx.tables if quarter_span(t))
    assert list(quarter_span(annex)) == list(range(5, 17))
    read = {p.indicator.name: {k: f.value for k, f in p.figures.items() if f is not None} for p in annex_measurements(ctx)}
    assert read["Indeks kepuasan masyarakat"] == {"target": Decimal("88"), "realization": Decimal("93.05"),
                                                   "achievement": Decimal("105.73")}
    assert findings(BODY + EVALUASI.format(real="93,05")) == []


def test_an_evaluasi_berkala_realisation_that_differs_is_found():
    """One printing against one: a tie, so a warning resting on which place is taken as right."""
    found = findings(BODY + EVALUASI.format(real="93,50"))
    assert [(f.severity, f.basis, f.stated_value, f.expected_value, f.field, f.year) for f in found] == [
        ("warning", "interpretation", Decimal("93.50"), Decimal("93.05"), "realization", 2023)]
