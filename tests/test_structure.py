"""Finding the structure: headings, captions, listings, table blocks (continued rows, page breaks)."""
import pytest

from extractor.read.base import Line
from extractor.read.text import text_to_lines
from extractor.structure import find_sections, find_table_blocks, match_caption, match_heading


@pytest.mark.parametrize("text,number,title", [
    ("Tabel 3.1.1", "3.1.1", ""),                           # caption alone, title on the next line
    ("Tabel IV", "IV", ""),
    ("Tabel. 3.9.", "3.9", ""),
    ("Tabel 2.6 Rencana Aksi Perjanjian Kinerja Tahun 2022", "2.6", "Rencana Aksi Perjanjian Kinerja Tahun 2022"),
    ("**Tabel 3.5 Pencapaian Realisasi Keuangan", "3.5", "Pencapaian Realisasi Keuangan"),
    ("Tabel 3.4. Analisis Atas Efisiensi Penggunaan Sumber Daya", "3.4", "Analisis Atas Efisiensi Penggunaan Sumber Daya"),
])
def test_captions(text, number, title):
    assert match_caption(Line(1, text, text)) == (number, title)


@pytest.mark.parametrize("text", ["Tabel berikut menggambarkan skala nilai", "Tabelnya", "Sumber: BPS"])
def test_not_captions(text):
    assert match_caption(Line(1, text, text)) is None


@pytest.mark.parametrize("text,kind,number", [
    ("BAB III", "chapter", "III"),
    ("BAB 2 PERENCANAAN KINERJA", "chapter", "II"),
    ("3.2 Perbandingan Realisasi Kinerja Tahun 2022 – 2023", "section", "3.2"),
    ("RINGKASAN EKSEKUTIF", "executive_summary", None),
    ("IKHTISAR EKSEKUTIF", "executive_summary", None),
    ("KATA PENGANTAR", "preface", None),
    ("DAFTAR TABEL", "list_of_tables", None),
])
def test_headings(text, kind, number):
    heading = match_heading(Line(1, text, text))
    assert heading.kind == kind and heading.number == number


REPORT = """DAFTAR ISI
BAB I PENDAHULUAN\t1
BAB III AKUNTABILITAS\t20
DAFTAR TABEL
Tabel 3.1 Pengukuran Kinerja.....\t21
BAB I
PENDAHULUAN
Teks pendahuluan yang panjang sekali dan berisi penjelasan.
BAB III
AKUNTABILITAS KINERJA
Tabel 3.1
Pengukuran Kinerja Tahun 2023

No\tIndikator\tTarget\tRealisasi\tCapaian
1.\tIndeks Kepuasan\t87\t89,87\t103,2
2.\tPersentase Penegasan Batas antar\t29,2\t29,2\t100

\tKecamatan dan Kelurahan\t\t\t
Sumber: Laporan 2023
Teks sesudah tabel.
"""


def test_listing_is_not_content_and_the_body_starts_at_the_repeated_chapter():
    lines = text_to_lines(REPORT)
    sections = find_sections(lines)
    assert sections[4].kind == "list_of_tables"          # the caption listed in DAFTAR TABEL …
    blocks = find_table_blocks(lines, sections)
    assert [b.number for b in blocks] == ["3.1"]          # … is not read as a table
    assert sections[lines.index(next(l for l in lines if l.text == "Tabel 3.1"))].chapter == "III"


def test_block_takes_rows_across_a_page_break_and_stops_at_sumber():
    lines = text_to_lines(REPORT)
    block = find_table_blocks(lines, find_sections(lines))[0]
    assert block.caption == "Tabel 3.1 Pengukuran Kinerja Tahun 2023"
    assert [l.cells[0] for l in block.rows] == ["No", "1.", "2.", ""]
