"""The printings and yardsticks stages: each cell read once, row facts decided once, polarity before assembly."""
from __future__ import annotations

import textwrap
from decimal import Decimal

import regex

from extractor.pipeline import Options, assemble_document, extract_document
from extractor.read.base import Document
from extractor.read.text import text_to_lines

PROSE = ("Laporan Kinerja Instansi Pemerintah Dinas Contoh Kota Dumai Tahun 2023 memuat sasaran strategis "
         "dan indikator kinerja dengan target dan realisasi.")
BODY = """
    Tabel 3.1
    Pengukuran Kinerja Tahun 2023

    No | Sasaran Strategis | Indikator Kinerja | Target | Realisasi | Capaian | Predikat
    1 | Meningkatnya layanan | Persentase layanan tepat waktu | 30 | 40 | 133% | Sangat Berhasil
    2 | Menurunnya kemiskinan | Angka kemiskinan | 10 | 8 | 120% | Sangat Berhasil

    Tabel 3.2
    Realisasi Anggaran per Program Tahun 2023

    No | Program | Anggaran | Realisasi | %
    1 | Program Penunjang Urusan | 1.250.000 | 1.000.000 | 80
    2 | Program Pelayanan Publik | 2.000,50 | 1.500,25 | 75
    - | JUMLAH | 1.252.000,50 | 1.001.500,25 | 80
"""
LOWER = "Angka kemiskinan adalah indikator dengan polaritas negatif, semakin rendah realisasinya semakin baik.\n"


def document(body: str) -> Document:
    text = PROSE + "\n\n" + regex.sub(r" \| ?", "\t", textwrap.dedent(body))
    return Document(path="hand-built.txt", format="text", lines=text_to_lines(text), sha256="0")


def test_each_cell_is_read_once_and_the_model_holds_that_figure():
    report, printed, _ = assemble_document(document(BODY))
    measurement = next(t for t in printed if t.kind == "performance_measurement")
    row = measurement.rows[0]
    target = measurement.figure(row, measurement.column("target"))
    indicator = report.indicators[0]
    assert indicator.measurements[0].target is target  # the same object: read once, not again
    assert report.tables[0].rows[0][3].figure is target


def test_decimal_mark_is_decided_once_per_column_and_kept_on_the_table():
    _, printed, _ = assemble_document(document(BODY))
    budget = next(t for t in printed if t.column("allocation") is not None)
    allocation = budget.column("allocation")
    assert budget.marks[allocation.index] == ","
    values = [budget.figure(row, allocation).value for row in budget.rows]
    assert values == [Decimal("1250000"), Decimal("2000.50"), Decimal("1252000.50")]


def test_row_facts_are_decided_once():
    _, printed, _ = assemble_document(document(BODY))
    measurement, budget = printed
    assert [r.name for r in measurement.indicator_rows()] == ["Persentase layanan tepat waktu", "Angka kemiskinan"]
    assert [r.objective for r in measurement.rows] == ["Meningkatnya layanan", "Menurunnya kemiskinan"]
    assert [r.predicate(2023) for r in measurement.rows] == ["Sangat Berhasil", "Sangat Berhasil"]
    assert [r.is_total for r in budget.rows] == [False, False, True]
    assert [r.program for r in budget.program_rows()] == ["Program Penunjang Urusan", "Program Pelayanan Publik"]


def test_printings_list_every_figure_with_its_place():
    _, printed, _ = assemble_document(document(BODY))
    printings = printed[0].printings()
    assert [(p.row, p.field, p.year, p.raw) for p in printings] == [
        (0, "target", 2023, "30"), (0, "realization", 2023, "40"), (0, "achievement", 2023, "133%"),
        (1, "target", 2023, "10"), (1, "realization", 2023, "8"), (1, "achievement", 2023, "120%")]
    assert printings[0].table == "t1" and printings[0].provenance.line is not None


def test_polarity_and_scales_are_the_same_without_verification():
    doc = document(BODY + LOWER)
    checked = extract_document(doc, Options(verify=True))
    unchecked = extract_document(doc, Options(verify=False))
    assert unchecked.scales == checked.scales and unchecked.scales["lower_is_better"] == ["Angka kemiskinan"]
    assert [i.polarity for i in unchecked.indicators] == [i.polarity for i in checked.indicators] == [
        "higher_is_better", "lower_is_better"]


def test_a_sasaran_wrapped_beside_the_next_row_is_one_sasaran(tmp_path):
    """Layout text wraps a merged sasaran cell beside the next indicator's row: the lower-case rest
    ("perlindungan sosial") continues the sasaran above, it is no sasaran of its own."""
    from extractor.pipeline import extract
    path = tmp_path / "wrapped_sasaran.txt"
    path.write_text(
        "LAPORAN KINERJA INSTANSI PEMERINTAH DINAS SOSIAL KABUPATEN SIAK TAHUN 2022\n\n"
        "Tabel 3.1 Pengukuran Kinerja Tahun 2022\n"
        "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian (%)\n"
        "1\tMenurunnya angka kemiskinan dan meningkatnya\tPersentase angka kemiskinan\t10\t9\t110\n"
        "\tperlindungan sosial\tJumlah keluarga penerima manfaat yang mandiri\t100\t100\t100\n"
        "2\tMeningkatnya pertumbuhan ekonomi lokal\tNilai investasi daerah\t50\t50\t100\n", encoding="utf-8")
    report = extract(path)
    assert [o.name for o in report.objectives] == [
        "Menurunnya angka kemiskinan dan meningkatnya perlindungan sosial", "Meningkatnya pertumbuhan ekonomi lokal"]
    by_objective = {o.id: o.name for o in report.objectives}
    assert [by_objective[i.objective_id] for i in report.indicators][:2] == [
        "Menurunnya angka kemiskinan dan meningkatnya perlindungan sosial"] * 2
