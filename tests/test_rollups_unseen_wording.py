"""Roll-ups and quarters in an annex worded as no generated report words it: the hierarchy and the roles
of the amount columns come from the rows (codes, outline numbers, amounts per row, which columns add up
across rows), not from the caption or the header.

The caption names no table number nor kind ("RINCIAN BELANJA PER SUB KEGIATAN"), the header none of the
words the column patterns know for pagu, realisasi or quarters ("Alokasi", "Serapan", month names), the
rows no "Program" or "Kegiatan", and the share of realisasi in pagu is printed without its sign.
"""
from __future__ import annotations

from decimal import Decimal

from test_verify_rules import context
from extractor.printings import BUDGET_KINDS
from extractor.verify import rollups


def found(body: str) -> list[tuple]:
    return sorted((f.code, f.severity, f.provenance.line, f.stated_value, f.expected_value, len(f.parts))
                  for f in rollups.check(context(body)))


def line_of(body: str, start: str) -> int:
    """The line number ``context`` gives the row starting with ``start`` (the body follows the prose)."""
    ctx = context(body)
    return next(line.number for line in ctx.document.lines if line.text.startswith(start))


CODED = """
    RINCIAN BELANJA PER SUB KEGIATAN

    Nomor | Uraian | Alokasi | Serapan s.d. Maret | Juni | September | Desember | Serapan Setahun | Rasio
    7.03.02 | Pembinaan Usaha Kecil dan Menengah | {program} |  |  |  |  | 800.000.000 | 88,89
    7.03.02.2.01 | Pelatihan Wirausaha Pemula | {parent} |  |  |  |  | 530.000.000 | 88,33
    7.03.02.2.01.0001 | Pelatihan Keterampilan Teknis | 350.000.000 | 50.000.000 | 100.000.000 | 80.000.000 | {last} | 310.000.000 | 88,57
    7.03.02.2.01.0002 | Pendampingan Pemasaran Daring | 250.000.000 | 40.000.000 | 60.000.000 | 60.000.000 | 60.000.000 | 220.000.000 | 88,00
    7.03.02.2.02 | Fasilitasi Permodalan | 300.000.000 |  |  |  |  | 270.000.000 | 90,00
    7.03.02.2.02.0001 | Temu Usaha dengan Perbankan | 300.000.000 | 70.000.000 | 70.000.000 | 60.000.000 | 70.000.000 | 270.000.000 | 90,00
    TOTAL |  | {program} |  |  |  |  | 800.000.000 | 88,89
"""


def test_a_coded_annex_worded_otherwise_that_adds_up_raises_nothing():
    assert found(CODED.format(program="900.000.000", parent="600.000.000", last="80.000.000")) == []


def test_one_wrong_parent_by_codes_in_an_annex_worded_otherwise():
    # 7.03.02.2.01: 350.000.000 + 250.000.000 = 600.000.000, printed 620.000.000 (its program's 920.000.000 =
    # 620.000.000 + 300.000.000 adds up: the reading of the codes is confirmed). An error: codes are explicit.
    wrong = CODED.format(program="920.000.000", parent="620.000.000", last="80.000.000")
    line = line_of(wrong, "7.03.02.2.01\t")
    assert found(wrong) == [("rollup_mismatch", "error", line, Decimal(620000000), Decimal(600000000), 2)]


def test_quarters_found_by_their_sums_in_an_annex_worded_otherwise():
    # 7.03.02.2.01.0001: 50 + 100 + 80 + 90 (million) = 320.000.000, not its 310.000.000; the two other
    # rows printing four amounts between pagu and realisasi add them up (40+60+60+60, 70+70+60+70).
    body = CODED.format(program="900.000.000", parent="600.000.000", last="90.000.000")
    line = line_of(body, "7.03.02.2.01.0001")
    assert found(body) == [("quarter_mismatch", "warning", line, Decimal(310000000), Decimal(320000000), 4)]


NUMBERED = """
    RINCIAN BELANJA PER SUB KEGIATAN

    No. | Uraian | Alokasi | Serapan | Rasio
    1 | Pembinaan Usaha Kecil dan Menengah | 900.000.000 | 800.000.000 | 88,89
    1.1 | Pelatihan Wirausaha Pemula | 600.000.000 | 530.000.000 | 88,33
    1.1.1 | Pelatihan Keterampilan Teknis | 350.000.000 | 310.000.000 | 88,57
    1.1.2 | Pendampingan Pemasaran Daring | 250.000.000 | 220.000.000 | 88,00
    1.2 | Fasilitasi Permodalan | 300.000.000 | 270.000.000 | 90,00
    1.2.1 | Temu Usaha dengan Perbankan | 300.000.000 | 270.000.000 | 90,00
    2 | Penataan Pasar Rakyat | {program} | 450.000.000 | 90,00
    2.1 | Revitalisasi Pasar | 500.000.000 | 450.000.000 | 90,00
    2.1.1 | Perbaikan Los Pasar | 320.000.000 | 290.000.000 | 90,63
    2.1.2 | Penataan Saluran Air Pasar | 180.000.000 | 160.000.000 | 88,89
    TOTAL |  | 1.400.000.000 | 1.250.000.000 | 89,29
"""


def test_a_numbered_annex_worded_otherwise_that_adds_up_raises_nothing():
    assert found(NUMBERED.format(program="500.000.000")) == []


def test_one_wrong_parent_by_outline_numbers_in_an_annex_worded_otherwise():
    # 2: its one kegiatan 2.1 has 500.000.000, printed 550.000.000 (1 = 1.1 + 1.2 and 1.1 = 1.1.1 + 1.1.2 add up)
    body = NUMBERED.format(program="550.000.000")
    line = line_of(body, "2\tPenataan")
    assert found(body) == [("rollup_mismatch", "error", line, Decimal(550000000), Decimal(500000000), 1)]


PLAN = """
    JADWAL SASARAN BERTAHAP

    Urut | Tujuan Antara | Ukuran | Ukuran Satuan | Setahun | Maret | Juni | September | Desember
    1 | Meningkatnya daya saing usaha | Jumlah usaha binaan yang naik kelas | usaha | 120 | 30 | 60 | 90 | {last}
     | Meningkatnya daya saing usaha | Persentase pasar yang tertata | persen | 80,0 | 20,0 | 40,0 | 60,0 | 80,0
    2 | Meningkatnya pelayanan perizinan | Rata-rata hari penyelesaian izin | hari | 5 | 5 | 5 | 5 | 5
     | Meningkatnya pelayanan perizinan | Indeks kepuasan pelaku usaha | indeks | 82,5 | 20,6 | 41,3 | 61,9 | 82,5
"""


def test_cumulative_targets_found_by_their_climb_in_a_plan_worded_otherwise():
    assert found(PLAN.format(last="120")) == []
    # the other rows climb to their year's figure in their last quarter; this one stops at 110, not 120
    body = PLAN.format(last="110")
    line = line_of(body, "1\tMeningkatnya")
    assert found(body) == [("quarter_mismatch", "warning", line, Decimal(120), Decimal(110), 1)]


def test_an_annex_whose_caption_names_no_kind_is_a_budget_table():
    # no caption pattern matches "RINCIAN BELANJA PER SUB KEGIATAN": its columns or, failing them, its rows
    # printing codes and amounts make it a budget table
    coded = context(CODED.format(program="900.000.000", parent="600.000.000", last="80.000.000"))
    numbered = context(NUMBERED.format(program="500.000.000"))
    assert [t.kind in BUDGET_KINDS for t in (*coded.tables, *numbered.tables)] == [True, True]


def test_rows_of_codes_and_amounts_make_a_budget_table_whatever_its_header():
    header = "Nomor | Uraian | Alokasi | Serapan s.d. Maret | Juni | September | Desember | Serapan Setahun | Rasio"
    blank = "Kolom A | Kolom B | Kolom C | Kolom D | Kolom E | Kolom F | Kolom G | Kolom H | Kolom I"
    body = CODED.format(program="900.000.000", parent="600.000.000", last="80.000.000").replace(header, blank)
    assert [t.kind for t in context(body).tables] == ["program_budget"]
