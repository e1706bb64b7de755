"""The reader of ``pdftotext -layout`` text, on the layout text of a PDF the tests render."""
from __future__ import annotations

import re

import pytest
import render

from extractor.read import read_document
from extractor.read.layout import looks_like_layout_text, read_layout_text
from extractor.read.text import clean

pytestmark = pytest.mark.skipif(not render.have_pdftotext(), reason="pdftotext (poppler-utils) not installed")


@pytest.fixture(scope="session")
def setda_layout(tmp_path_factory):
    def make():
        folder = tmp_path_factory.mktemp("layout")
        pdf = render.cached("setda_pdf", lambda: render.render_pdf(render.SETDA, folder / "setda.pdf"))
        return render.pdftotext_layout(pdf, folder / "setda_layout.txt")
    return render.cached("setda_layout", make)


@pytest.fixture(scope="session")
def layout_doc(setda_layout):
    return read_layout_text(setda_layout, setda_layout.read_text(encoding="utf-8"))


def test_detection(setda_layout):
    assert looks_like_layout_text(setda_layout.read_text(encoding="utf-8"))
    assert not looks_like_layout_text(render.SETDA.read_text(encoding="utf-8"))


def test_dispatch_reads_layout_text(setda_layout):
    assert read_document(setda_layout).format == "layout_text"


def test_pages_lines_and_raw(layout_doc, setda_layout):
    raw_lines = setda_layout.read_text(encoding="utf-8").split("\n")
    assert layout_doc.format == "layout_text" and len(layout_doc.pages) > 30
    for ln in layout_doc.lines:
        assert ln.page is not None
        assert ln.raw.split("\n")[0] == raw_lines[ln.number - 1].lstrip("\f")


def test_headers_and_page_numbers_dropped(layout_doc):
    assert not [ln for ln in layout_doc.lines if "laporan kinerja instansi pemerintah kota-dumai" in ln.text.lower()]
    assert not [ln for ln in layout_doc.lines if not ln.is_row and re.fullmatch(r"\d{1,3}", ln.text.strip())]


def test_rows_and_wrapped_cells(layout_doc):
    """Tabel VI. pdftotext sets "Terlaksananya Kerjasama" one space from "550%" and shifts the
    second row's columns; the figures still get their own cells, wrapped text joins its cell."""
    row = next(ln for ln in layout_doc.lines if ln.is_row and "97,86%" in ln.cells)
    assert row.cells[:4] == ["1.", "Kerjasama Pemerintah Daerah", "Terlaksananya Kerjasama antar Daerah", "550%"]
    assert row.cells[row.cells.index("550%") + 1:] == ["97,86%", "5,62", "Efisien"]
    second = next(ln for ln in layout_doc.lines if ln.is_row and "93,16%" in ln.cells)
    assert second.cells[1:4] == ["dengan Pemerintah dan Lembaga Dalam dan Luar Negeri",
                                 "Terlaksananya Kerjasama Daerah dengan Pihak Ketiga", "333%"]
    wrapped = next(ln for ln in layout_doc.lines if ln.is_row and "1,11" in ln.cells)
    assert wrapped.cells == ["5.", "Penegasan Batas Wilayah di Lingkungan Pemerintah Kota Dumai",
                             "Persentase Capaian Penegasan Batas antar Kecamatan dan Kelurahan di "
                             "Lingkungan Pemerintah Kota Dumai", "100%", "90,19%", "1,11", "Efisien"]


def test_figures_of_the_text_tables_survive(layout_doc):
    """Measured 0.58 of the rows' figure tuples: pdftotext sets neighbouring cells one space
    apart, so some columns merge; multi-row headers and 20+-column tables suffer most."""
    expected = render.numeric_rows([[clean(c) for c in r] for r in render.text_rows(render.SETDA)])
    got = render.numeric_rows([ln.cells for ln in layout_doc.lines if ln.is_row])
    assert render.share_found(expected, got) >= 0.5
