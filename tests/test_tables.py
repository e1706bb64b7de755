"""Parsing tables: two-level headers, column numbers, wrapped and split rows, merged cells, lists."""
import pytest

from extractor.read.text import text_to_lines
from extractor.structure import find_sections, find_table_blocks
from extractor.tables import classify_column, parse_table, split_stacked
from extractor.classify import classify


def parse(text):
    lines = text_to_lines(text)
    table = parse_table(find_table_blocks(lines, find_sections(lines))[0])
    table.kind = classify(table)
    return table


@pytest.mark.parametrize("labels,field,year", [
    (["2023", "Target"], "target", 2023),
    (["SASARAN", "INDIKATOR"], "indicator", None),
    (["SASARAN", "URAIAN"], "objective", None),
    (["KINERJA", "CAPAIAN %"], "achievement", None),
    (["ANGGARAN", "ALOKASI"], "allocation", None),
    (["ANGGARAN", "REALISASI"], "budget_realization", None),
    (["ANGGARAN", "CAPAIAN"], "absorption", None),
    (["Keuangan", "% Realisasi"], "absorption", None),
    (["Kinerja", "% Realisasi"], "achievement", None),
    (["Pagu Anggaran (Rp)"], "allocation", None),
    (["ANGGARAN SETELAH PERUBAHAN"], "allocation", None),
    (["Target Tahun 2022"], "target", 2022),
    (["Target Akhir Renstra (2026)"], "renstra_target", 2026),
    (["TINGKAT EFISIENSI"], "efficiency", None),
    (["PENYERAPAN ANGGARAN (%)"], "absorption", None),
    (["Predikat Capaian"], "predicate", None),
    (["SUMBER DANA"], "funding_source", None),
    (["N O."], "number", None),
    (["Program dan Kegiatan"], "program", None),
    # a quarter's column under a group naming a realisation is no realisation of the year
    (["Realisasi Keuangan per Triwulan", "TW I"], "quarter", None),
    (["Realisasi Anggaran", "Tw. 3"], "quarter", None),
    (["Realisasi Keuangan", "TW-II"], "quarter", None),
    (["Realisasi Belanja Triwulanan", "II"], "quarter", None),
    (["Realisasi", "Triwulan IV (Rp)"], "quarter", None),
    (["Tri Wulan 1", "TARGET (5)"], "target", None),   # corpus kecamatan-dumai-kota line 897
])
def test_column_labels(labels, field, year):
    got_field, got_year, _ = classify_column(labels)
    assert (got_field, got_year) == (field, year)


TWO_LEVEL = """Tabel 3.1.1
Pengukuran Kinerja Pencapaian Sasaran dan IKU Tahun 2023

No\tSASARAN\t\t2022\t\t2023\t\t\t
\tURAIAN\tINDIKATOR\tRealisasi\tCapaian Kinerja\tTarget\tRealisasi\tCapaian Kinerja\tPredikat Capaian
1\t2\t3\t4\t5\t6\t7\t8\t9
1.\tKerjasama Daerah\tTerlaksananya Kerjasama antar Daerah\t6\t300 %\t2\t11\t550%\tSangat Berhasil
\t\tTerlaksananya Kerjasama dengan Pihak Ketiga\t7\t140 %\t6\t20\t333%\tSangat Berhasil
5.\tPenegasan Batas Wilayah di Lingkungan Pemerintah\tPersentase capaian Penegasan Batas\t25\t100 %\t29.2\t29.2\t100 %\tSangat Berhasil

\tKota Dumai\tdan Kelurahan\t\t\t\t\t\t
"""


def test_two_level_header_merged_cells_filled_right():
    table = parse(TWO_LEVEL)
    assert [c.key for c in table.columns] == ["number", "objective", "indicator", "realization@2022", "achievement@2022",
                                              "target@2023", "realization@2023", "achievement@2023", "predicate@2023"]
    assert table.kind == "performance_measurement"


def test_merged_sasaran_filled_down_and_page_split_row_joined():
    table = parse(TWO_LEVEL)
    assert len(table.rows) == 3
    assert table.rows[1].cells[1] == "Kerjasama Daerah" and 1 in table.rows[1].filled
    assert table.rows[2].cells[1] == "Penegasan Batas Wilayah di Lingkungan Pemerintah Kota Dumai"
    assert table.rows[2].cells[2] == "Persentase capaian Penegasan Batas dan Kelurahan"
    assert [l.number for l in table.rows[2].lines] == [9, 11]


def test_numbered_list_in_one_cell_split_into_rows():
    table = parse("""Tabel I
Perjanjian Kinerja

N O.\tSASARAN STRATEGIS\tINDIKATOR KINERJA\tTARGET
1.\tKerjasama\t1.Terlaksananya A 2.Terlaksananya B 3. Terlaksananya C\t2 6 1
2.\tPAD\tTercapainya Pembinaan BUMD\t3
""")
    assert [(r.cells[2], r.cells[3]) for r in table.rows] == [
        ("Terlaksananya A", "2"), ("Terlaksananya B", "6"), ("Terlaksananya C", "1"), ("Tercapainya Pembinaan BUMD", "3")]
    assert table.kind == "performance_agreement"


def test_budget_table_with_total_row():
    table = parse("""Tabel II
Program Kerja Tahun 2023

N O.\tPROGRAM\tANGGARAN\tSUMBER DANA
1.\tProgram Penunjang\tRp 62.216.151.818,-\tPAD
J U M L A H\t\tRp 98.575.166.924,-\t
""")
    assert table.kind == "program_budget"
    assert [c.field for c in table.columns] == ["number", "program", "allocation", "funding_source"]
    assert table.rows[-1].cells[0] == "J U M L A H"


def test_header_and_column_numbers_repeated_after_a_page_break_are_dropped():
    table = parse("""Tabel 3.5 Realisasi Anggaran per Program
No\tProgram\tPagu\tRealisasi\t%
1\t2\t3\t4\t5
1\tProgram Penunjang\t7.000.000\t6.800.000\t97,14

Halaman 12
No\tProgram\tPagu\tRealisasi\t%
1\t2\t3\t4\t5
2\tProgram Produksi\t5.500.000\t5.225.000\t95,00
""")
    assert [r.cells[1] for r in table.rows] == ["Program Penunjang", "Program Produksi"]


STACKED = """Tabel 5 Realisasi Anggaran per Sub Kegiatan
Kode\tUraian\tPagu (Rp)\tRealisasi (Rp)\t%
5.01.01\tProgram Penunjang\t7.000.000\t6.800.000\t97,14

MATRIKS RENCANA AKSI TAHUN 2023
No\tSasaran Strategis\tIndikator Kinerja\tTarget Tahunan\tTW 1\tTW 2\tTW 3\tTW 4
1\tMeningkatnya pelayanan\tIndeks Kepuasan Masyarakat\t80\t20\t40\t60\t80

Halaman 31
No\tSasaran Strategis\tIndikator Kinerja\tTarget Tahunan\tTW 1\tTW 2\tTW 3\tTW 4
2\tMeningkatnya tata kelola\tNilai SAKIP\t75\t19\t38\t56\t75
"""


def test_a_title_and_a_new_header_under_a_table_start_a_table_of_their_own():
    lines = text_to_lines(STACKED)
    blocks = find_table_blocks(lines, find_sections(lines))
    assert len(blocks) == 1  # the title line reads as a page header between rows
    budget, plan = split_stacked(blocks[0])
    assert (budget.caption, len(budget.rows)) == ("Tabel 5 Realisasi Anggaran per Sub Kegiatan", 2)
    assert plan.caption == "MATRIKS RENCANA AKSI TAHUN 2023"
    table = parse_table(plan)  # its header printed again after "Halaman 31" is no third table
    assert [r.cells[2] for r in table.rows] == ["Indeks Kepuasan Masyarakat", "Nilai SAKIP"]
    assert [c.field for c in table.columns][3:] == ["target", "quarter", "quarter", "quarter", "quarter"]


def test_a_header_printed_again_with_other_spellings_is_no_new_table():
    # corpus disdukcapil line 852: the RKA's header after a page break, read by OCR as "Usuan", "Kebijakan"
    text = """Kode\tUrusan/ Program/ Kegiatan\tCapaian Program\tSumber Dana\tPagu Indikatif (Rp.)
2.12.01.2.01.06\tKoordinasi Laporan\t100\tAPBD\t1.000.000

Sub Unit Organisasi : 2.12.0.00.0.00.01.0000 DINAS KEPENDUDUKAN
Kode\tUsuan/ Program/ Kegiatan\tCapaian Program\tSumber Dana\tPagu Indlkatif (Rp.)
2.12.01.2.02.07\tPenyusunan Laporan Keuangan\t100\tAPBD\t2.000.000
"""
    lines = text_to_lines(text)
    assert len(split_stacked(find_table_blocks(lines, find_sections(lines))[0])) == 1



def test_repeated_header_screen_keeps_every_repeat(monkeypatch):
    """body_rows folds a row for the header-repeat test only when it fills as many cells as a header row:
    the rows of every corpus table are the same as when every row is folded (the long way)."""
    from pathlib import Path

    from extractor import tables

    def parsed():
        out = []
        for path in sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt")):
            lines = text_to_lines(path.read_text(encoding="utf-8"))
            for block in find_table_blocks(lines, find_sections(lines)):
                table = parse_table(block)
                out.append([(r.cells, [l.number for l in r.lines], sorted(r.filled)) for r in table.rows])
        return out

    screened = parsed()
    monkeypatch.setattr(tables, "_may_repeat", lambda cells, key_lengths: True)
    assert parsed() == screened
    assert sum(len(t) for t in screened) > 500
