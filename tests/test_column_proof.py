"""Columns whose header words the patterns do not know, given their field by what their figures hold.

A capaian is realisasi / target × 100 (or (2 × target − realisasi) / target × 100 when lower is better),
an absorption is realisation / allocation × 100; the names stand left of the figures. The headers here
are worded as no pattern knows them.
"""
from decimal import Decimal

from extractor.column_proof import prove_columns
from extractor.pipeline import extract
from extractor.read.base import Line
from extractor.structure import TableBlock
from extractor.tables import parse_table

REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH
BADAN PENANGGULANGAN BENCANA DAERAH
KABUPATEN PELALAWAN
TAHUN 2021

BAB III
AKUNTABILITAS KINERJA
3.1 Capaian Kinerja
Tabel 3.1 Capaian Sasaran Tahun 2021
No\tSasaran Strategis\tTolok Ukur\tAngka Rujukan 2021\tAngka Tercatat 2021\tCapaian (%)
1.\tMeningkatnya kesiapsiagaan bencana\tPersentase desa tangguh bencana\t40\t36\t90,00
\t\tWaktu tanggap darurat (jam)\t6\t4,5\t125,00
2.\tMenurunnya risiko bencana\tIndeks risiko bencana daerah\t150\t140\t106,67

3.2 Akuntabilitas Keuangan
Dalam melaksanakan tugas pada tahun 2021 Badan didukung dengan anggaran sebesar Rp 2.000.000.000,-.
Tabel 3.2 Anggaran per Program Tahun 2021
No\tProgram\tPlafon (Rp)\tTerpakai (Rp)\tBagian Terpakai
1\tProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota\t1.500.000.000\t1.350.000.000\t90,00
2\tProgram Penanggulangan Bencana\t500.000.000\t480.000.000\t96,00
\tJUMLAH\t2.000.000.000\t1.830.000.000\t91,50
"""


def test_target_and_realisation_proved_by_the_capaian(tmp_path):
    path = tmp_path / "pelalawan_bpbd_2021.txt"
    path.write_text(REPORT, encoding="utf-8")
    report = extract(path)
    assert [i.name for i in report.indicators] == [
        "Persentase desa tangguh bencana", "Waktu tanggap darurat (jam)", "Indeks risiko bencana daerah"]
    current = [i.measurements[0] for i in report.indicators]
    assert [(m.year, m.target.value, m.realization.value, m.achievement.value) for m in current] == [
        (2021, Decimal("40"), Decimal("36"), Decimal("90.00")), (2021, Decimal("6"), Decimal("4.5"), Decimal("125.00")),
        (2021, Decimal("150"), Decimal("140"), Decimal("106.67"))]
    assert [(p.allocation.value, p.realization.value, p.absorption.value) for p in report.programs] == [
        (Decimal("1500000000"), Decimal("1350000000"), Decimal("90.00")),
        (Decimal("500000000"), Decimal("480000000"), Decimal("96.00"))]


def _table(rows: list[list[str]]):
    lines = [Line(number=i + 1, text="\t".join(r), raw="\t".join(r), cells=r) for i, r in enumerate(rows)]
    return parse_table(TableBlock(caption="Tabel 1", number="1", line=1, rows=lines))


def test_figures_that_do_not_agree_prove_nothing():
    table = _table([["No", "Tolok Ukur", "Angka A", "Angka B", "Angka C"],
                    ["1", "Persentase desa tangguh", "40", "36", "70"],
                    ["2", "Indeks risiko", "150", "140", "12"]])
    prove_columns(table)
    assert [c.field for c in table.columns] == ["number", None, None, None, None]


def test_a_known_field_is_never_changed():
    table = _table([["No", "Indikator", "Realisasi", "Angka B", "Capaian"],
                    ["1", "Persentase desa tangguh", "40", "36", "90"]])
    prove_columns(table)
    assert [c.field for c in table.columns] == ["number", "indicator", "realization", None, "achievement"]


def test_a_measure_header_beside_amounts_is_the_budget_s():
    """'Realisasi' and '%' beside an unknown amount column: realisation and absorption of an allocation."""
    table = _table([["No", "Program", "Dana Siap Pakai", "Realisasi", "%"],
                    ["1", "Program Penunjang Urusan", "1.500.000.000", "1.350.000.000", "90,00"],
                    ["2", "Program Penanggulangan Bencana", "500.000.000", "480.000.000", "96,00"]])
    prove_columns(table)
    assert [c.field for c in table.columns] == ["number", "program", "allocation", "budget_realization", "absorption"]


def test_a_word_proven_in_one_table_means_the_same_in_the_others(tmp_path):
    """'Angka Tercatat' is proven to be realisasi in the measurement table; the comparison table's
    'Angka Tercatat 2019 | 2020 | 2021' columns are then realisations of those years."""
    comparison = """
Tabel 3.3 Perbandingan Antar Tahun
No\tTolok Ukur\tAngka Tercatat 2019\tAngka Tercatat 2020\tAngka Tercatat 2021
1.\tPersentase desa tangguh bencana\t30\t33\t36
2.\tWaktu tanggap darurat (jam)\t6\t5\t4,5
3.\tIndeks risiko bencana daerah\t160\t150\t140
"""
    path = tmp_path / "pelalawan_bpbd_2021.txt"
    path.write_text(REPORT.replace("\n3.2 Akuntabilitas", comparison + "\n3.2 Akuntabilitas"), encoding="utf-8")
    report = extract(path)
    desa = report.indicators[0]
    assert [(m.year, m.realization.value) for m in desa.measurements] == [
        (2021, Decimal("36")), (2020, Decimal("33")), (2019, Decimal("30"))]
    assert desa.measurements[0].target.value == Decimal("40")


def test_a_triple_holds_when_most_rows_hold_and_says_whether_it_holds_amounts():
    from extractor.column_proof import _triple_holds
    from extractor.tables import Column

    cols = (Column(0, "a", None), Column(1, "b", None), Column(2, "c", None))
    d = lambda *xs: [Decimal(x) if x is not None else None for x in xs]  # noqa: E731
    # rows 1-3 hold (75, lower-is-better 125, 100), rows 4-5 do not, the last row misses a figure
    measures = {0: d(80, 40, 10, 10, 10, 10), 1: d(60, 30, 10, 20, 30, None), 2: d(75, 125, 100, 5, 5, 5)}
    assert _triple_holds(measures, cols) == (True, False)  # 3 of 5 rows: 60 %
    measures[2][2] = Decimal(1)
    assert _triple_holds(measures, cols) == (False, False)  # 2 of 5
    budget = {0: d(2_000_000, 4_000_000), 1: d(1_500_000, 3_000_000), 2: d(75, 75)}
    assert _triple_holds(budget, cols) == (True, True)
