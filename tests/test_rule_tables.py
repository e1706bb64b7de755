"""Borderless tables (rules above, below and under a shaded header; no cell borders) and pages
stored turned (/Rotate 90), drawn by the test itself with reportlab and pypdfium2."""
from __future__ import annotations

import ctypes

import pytest

from extractor.read.pdf import read_pdf
from extractor.read.rotation import turn_upright

NAMES = ["Persentase penyandang masalah kesejahteraan sosial yang tertangani dengan baik",
         "Jumlah keluarga penerima manfaat", "Indeks kepuasan masyarakat terhadap pelayanan kesehatan daerah"]


def expected_rows(n: int) -> list[list[str]]:
    return [[f"{i + 1}.", f"{NAMES[i % 3]} {'ABCDEFGHIJKLMN'[i // 3]}", f"{50 + i}", f"{40 + i}", f"{(40 + i) / (50 + i) * 100:.2f}".replace(".", ",") + "%"]
            for i in range(n)]


def borderless_pdf(path, rows: list[list[str]], landscape: bool = False, valign: str = "TOP"):
    """A report page or two: a caption, a borderless table (wrapped names, figures on the first
    line) running over the page break without a closing rule there, a "Halaman N" footer."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape as turn
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    size = turn(A4) if landscape else A4
    doc = SimpleDocTemplate(str(path), pagesize=size, topMargin=50, bottomMargin=60)
    header = ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]
    data = [header] + [[Paragraph(c, cell) for c in row] for row in rows]
    table = Table(data, colWidths=[30, 170, 60, 60, 60], repeatRows=0)
    table.setStyle(TableStyle([
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
    ]))

    def footer(canvas, document):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(60, 30, f"Halaman {document.page}")

    doc.build([Paragraph("Tabel 3.1 Pengukuran Kinerja", cell), table], onFirstPage=footer, onLaterPages=footer)
    return path


def table_rows(document) -> list[list[str]]:
    return [ln.cells for ln in document.lines if ln.is_row]


def test_borderless_table_over_two_pages(tmp_path):
    rows = expected_rows(40)
    document = read_pdf(borderless_pdf(tmp_path / "borderless.pdf", rows))
    got = table_rows(document)
    assert len(document.pages) == 2
    assert got[0] == ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]
    assert got[1:] == rows
    assert not any("Halaman" in c for row in got for c in row)


def test_figures_in_the_middle_of_their_rows(tmp_path):
    """Cells centred in their rows put a row's first name lines above its figures."""
    rows = expected_rows(12)
    document = read_pdf(borderless_pdf(tmp_path / "middle.pdf", rows, valign="MIDDLE"))
    assert table_rows(document)[1:] == rows


def turned_copy(src, dst):
    """Store each page of ``src`` turned: its content rotated a quarter turn counter-clockwise into
    a box of swapped sides, with /Rotate 90 so that it is displayed as before."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    source = pdfium.PdfDocument(str(src))
    new = pdfium.PdfDocument.new()
    new.import_pages(source)
    for page in new:
        left, bottom, right, top = page.get_mediabox()
        width, height = right - left, top - bottom
        for obj in list(page.get_objects(max_depth=1)):
            raw.FPDFPageObj_Transform(obj.raw, *(ctypes.c_double(v) for v in (0, 1, -1, 0, height, 0)))
        page.set_mediabox(0, 0, height, width)
        page.set_cropbox(0, 0, height, width)
        page.set_rotation(90)
        page.gen_content()
    new.save(str(dst))
    return dst


def test_page_stored_turned_reads_as_displayed(tmp_path):
    rows = expected_rows(6)
    upright = borderless_pdf(tmp_path / "upright.pdf", rows, landscape=True)
    turned = read_pdf(turned_copy(upright, tmp_path / "turned.pdf"))
    assert table_rows(turned) == table_rows(read_pdf(upright))
    assert table_rows(turned)[1:] == rows


def test_rotate_of_an_upright_page_is_left_alone(tmp_path):
    import pypdfium2 as pdfium

    path = borderless_pdf(tmp_path / "page.pdf", expected_rows(3))
    doc = pdfium.PdfDocument(str(path))
    page = doc[0]
    page.set_rotation(90)  # a scanner's setting: the text itself runs across the page
    assert turn_upright(page) == 0
    assert page.get_rotation() == 90


@pytest.mark.parametrize("rotation", [90, 270])
def test_turn_matrix_puts_the_page_corner_at_the_origin(rotation):
    from extractor.read.rotation import turn_matrix

    a, b, c, d, e, f = turn_matrix(rotation, (0, 0, 595, 842))
    corners = [(a * x + c * y + e, b * x + d * y + f) for x, y in ((0, 0), (595, 0), (0, 842), (595, 842))]
    assert min(x for x, _ in corners) == 0 and min(y for _, y in corners) == 0
    assert max(x for x, _ in corners) == 842 and max(y for _, y in corners) == 595
