"""The .docx reader on a .docx the tests write from the corpus text, and on merged cells."""
from __future__ import annotations

import docx
import pytest
import render

from extractor.errors import EmptyInput, UnreadableInput
from extractor.read.docx import read_docx
from extractor.read.text import clean


@pytest.fixture(scope="session")
def setda_docx(tmp_path_factory):
    return render.cached("setda_docx", lambda: render.render_docx(
        render.SETDA, tmp_path_factory.mktemp("docx") / "setda.docx"))


def test_tables_come_back_cell_for_cell(setda_docx):
    doc = read_docx(setda_docx)
    assert doc.format == "docx" and all(ln.page is None for ln in doc.lines)
    expected = render.numeric_rows([[clean(c) for c in r] for r in render.text_rows(render.SETDA)])
    got = render.numeric_rows([ln.cells for ln in doc.lines if ln.is_row])
    assert render.share_found(expected, got) == 1.0
    row = next(ln for ln in doc.lines if ln.is_row and "97,86%" in ln.cells)
    assert row.cells[:6] == ["1.", "Kerjasama Pemerintah Daerah", "Terlaksananya Kerjasama antar Daerah",
                             "550%", "97,86%", "5,62"]


def test_paragraphs_are_lines_in_order(setda_docx):
    doc = read_docx(setda_docx)
    texts = [ln.text for ln in doc.lines if not ln.is_row]
    assert texts.index("KATA PENGANTAR") < texts.index("DAFTAR ISI")
    assert [ln.number for ln in doc.lines] == list(range(1, len(doc.lines) + 1))


def test_merged_cells(tmp_path):
    d = docx.Document()
    d.add_paragraph("Tabel 3.1")
    t = d.add_table(rows=3, cols=4)
    for c, text in enumerate(["No", "Indikator", "Target", ""]):
        t.cell(0, c).text = text
    t.cell(0, 2).merge(t.cell(0, 3)).text = "Target 2023"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "1."
    for r, values in ((1, ["IKU A", "90", "95"]), (2, ["IKU B", "80", "85"])):
        for c, text in enumerate(values, 1):
            t.cell(r, c).text = text
    path = tmp_path / "merged.docx"
    d.save(str(path))
    rows = [ln.cells for ln in read_docx(path).lines if ln.is_row]
    assert rows == [["No", "Indikator", "Target 2023", ""], ["1.", "IKU A", "90", "95"], ["", "IKU B", "80", "85"]]


def test_empty_and_corrupt(tmp_path):
    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    with pytest.raises(EmptyInput):
        read_docx(empty)
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableInput):
        read_docx(corrupt)
