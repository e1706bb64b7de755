"""The reader of ``pdftotext -layout`` text, on the layout text of a PDF the tests render, and on
small hand-made layouts.

Run as a script to print the shares the tests assert, for any corpus texts::

    python tests/test_read_layout.py [corpus name ...]
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import render

from extractor.read import read_document
from extractor.read.layout import looks_like_layout_text, read_layout_text
from extractor.read.text import clean

needs_pdftotext = pytest.mark.skipif(not render.have_pdftotext(), reason="pdftotext (poppler-utils) not installed")


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


@needs_pdftotext
def test_row_flag_follows_the_cells_set_again(layout_doc):
    """Rows whose cells the reader set again (headers spread, columns split or merged, wrapped rows joined)."""
    assert all(ln.is_row == (ln.cells is not None and len(ln.cells) >= 2) for ln in layout_doc.lines)
    assert sum(ln.is_row for ln in layout_doc.lines) > 50


@needs_pdftotext
def test_detection(setda_layout):
    assert looks_like_layout_text(setda_layout.read_text(encoding="utf-8"))
    assert not looks_like_layout_text(render.SETDA.read_text(encoding="utf-8"))


@needs_pdftotext
def test_dispatch_reads_layout_text(setda_layout):
    assert read_document(setda_layout).format == "layout_text"


@needs_pdftotext
def test_pages_lines_and_raw(layout_doc, setda_layout):
    raw_lines = setda_layout.read_text(encoding="utf-8").split("\n")
    assert layout_doc.format == "layout_text" and len(layout_doc.pages) > 30
    for ln in layout_doc.lines:
        assert ln.page is not None
        assert ln.raw.split("\n")[0] == raw_lines[ln.number - 1].lstrip("\f")


@needs_pdftotext
def test_headers_and_page_numbers_dropped(layout_doc):
    assert not [ln for ln in layout_doc.lines if "laporan kinerja instansi pemerintah kota-dumai" in ln.text.lower()]
    assert not [ln for ln in layout_doc.lines if not ln.is_row and re.fullmatch(r"\d{1,3}", ln.text.strip())]


@needs_pdftotext
def test_captions_and_sources_are_not_rows(layout_doc):
    assert not [ln for ln in layout_doc.lines if ln.is_row and re.match(r"(Tabel \d|Sumber\s*:)", ln.cells[0])
                and not ln.cells[-1].strip().isdigit()]  # a list of tables is a table
    assert [ln for ln in layout_doc.lines if not ln.is_row and ln.text.startswith("Sumber: Laporan Capaian")]


@needs_pdftotext
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


@needs_pdftotext
def test_two_level_header(layout_doc):
    """Tabel 3.1.1: "No SASARAN 2022 2023" over "URAIAN INDIKATOR Realisasi Capaian Kinerja …",
    each parent label in the column of its first sub-column, as in the text."""
    at = next(k for k, ln in enumerate(layout_doc.lines) if ln.is_row and ln.cells[:2] == ["No", "SASARAN"])
    parent, sub = layout_doc.lines[at].cells, layout_doc.lines[at + 1].cells
    assert sub[1:5] == ["URAIAN", "INDIKATOR", "Realisasi", "Capaian Kinerja"]
    assert parent[3] == "2022" and parent[5] == "2023" and sub[5] == "Target"


@needs_pdftotext
def test_figures_of_the_text_tables_survive(layout_doc):
    """Measured ROW_SHARE of the rows' figure tuples (same figures, same order). The misses are
    mostly the 20-column appendix tables, where the rendering breaks words and numbers in
    every cell and pdftotext sets the columns one space apart."""
    assert row_share(render.SETDA, layout_doc) >= ROW_SHARE - 0.03


ROW_SHARE = 0.88  # measured on this rendering (260 of 294 rows; 0.58 before the column finder)


@needs_pdftotext
def test_program_figures_through_the_pipeline(setda_layout):
    """Every program's allocation, realisation and absorption (18 figures) read from the layout
    text equals the one read from the original text."""
    from extractor.pipeline import extract
    from test_pdf_pipeline import program_figures, values_only

    expected = values_only(program_figures(extract(render.SETDA)))
    got = values_only(program_figures(extract(setda_layout)))
    assert expected and render.share_found(expected, got) >= 0.95


# the other corpus reports: the share of their table rows measured on their renderings (before
# the column finder: 0.37, 0.59 and 0.54), and all their indicator and program figures
OTHER_REPORTS = {
    "kota-dumai_dinsos-pmd_2023": 0.85,
    "kota-dumai_disdukcapil_2023": 0.92,
    "kota-dumai_kecamatan-dumai-kota_2022": 0.96,
}


@needs_pdftotext
@pytest.mark.parametrize("name", sorted(OTHER_REPORTS))
def test_other_reports(name, tmp_path):
    from extractor.pipeline import extract
    from test_pdf_pipeline import figures, program_figures, values_only

    text = render.CORPUS / f"{name}.txt"
    layout = render.pdftotext_layout(render.render_pdf(text, tmp_path / "report.pdf"), tmp_path / "report.txt")
    assert row_share(text, read_layout_text(layout, layout.read_text(encoding="utf-8"))) >= OTHER_REPORTS[name] - 0.03
    by_text, by_layout = extract(text), extract(layout)
    assert figures(by_text) and render.share_found(figures(by_text), figures(by_layout)) >= 0.95
    expected = values_only(program_figures(by_text))
    assert expected and render.share_found(expected, values_only(program_figures(by_layout))) >= 0.95


def _read(tmp_path: Path, text: str):
    path = tmp_path / "layout.txt"
    path.write_text(text, encoding="utf-8")
    return [ln.cells if ln.is_row else ln.text for ln in read_layout_text(path, text).lines]


def test_centred_parent_label_goes_to_its_first_sub_column(tmp_path):
    lines = _read(tmp_path, "\n".join([
        "Tabel 1",
        "",
        "No   Indikator            Kinerja 2023                  Anggaran",
        "                     Target  Realisasi    %        Pagu         Realisasi",
        "1    IKU A           90      95           105      1.000.000    900.000",
        "2    IKU B           80      70           88       2.000.000    1.500.000",
        "3    IKU C           70      70           100      3.000.000    3.000.000",
        "Sumber: Bagian Umum", ""]))
    assert lines == [
        "Tabel 1",
        ["No", "Indikator", "Kinerja 2023", "", "", "Anggaran", ""],
        ["", "", "Target", "Realisasi", "%", "Pagu", "Realisasi"],
        ["1", "IKU A", "90", "95", "105", "1.000.000", "900.000"],
        ["2", "IKU B", "80", "70", "88", "2.000.000", "1.500.000"],
        ["3", "IKU C", "70", "70", "100", "3.000.000", "3.000.000"],
        "Sumber: Bagian Umum"]


def _row(*cells: tuple[int, str]) -> str:
    out = ""
    for x, text in cells:
        out = out.ljust(x) + text
    return out


def test_one_space_shifted_rows_and_wrapped_numbers(tmp_path):
    """Row 2 is set four characters left with a figure one space after its text (as pdftotext
    does), row 1 has a number its narrow column wrapped ("1.250.00" + "0"); the running header,
    the page numbers and the source line are not rows."""
    page1 = "\n".join([
        "Laporan Kinerja 2023", "",
        _row((0, "No"), (5, "Sasaran"), (29, "Indikator"), (54, "Target"), (63, "Realisasi"), (75, "Anggaran")), "",
        _row((0, "1."), (5, "Meningkatnya"), (29, "Persentase dokumen"), (54, "100%"), (63, "98%"), (75, "1.250.00")),
        _row((5, "kualitas layanan"), (29, "yang terbit"), (75, "0")), "",
        _row((0, "2."), (5, "Meningkatnya kepuasan Indeks kepuasan publik 88"), (63, "90"), (75, "3.000.000")),
        _row((5, "masyarakat"), (27, "masyarakat")), "",
        _row((0, "3."), (5, "Tertib administrasi"), (29, "Jumlah laporan"), (54, "12"), (63, "12"), (75, "450.000")),
        "", "Sumber: Bagian Umum", "", "", _row((36, "1")), ""])
    page2 = "\n".join(["Laporan Kinerja 2023", "", "Analisis capaian kinerja sebagai berikut.", "", "",
                       _row((36, "2")), ""])
    assert _read(tmp_path, page1 + "\f" + page2 + "\f") == [
        ["No", "Sasaran", "Indikator", "Target", "Realisasi", "Anggaran"],
        ["1.", "Meningkatnya kualitas layanan", "Persentase dokumen yang terbit", "100%", "98%", "1.250.000"],
        ["2.", "Meningkatnya kepuasan masyarakat", "Indeks kepuasan publik masyarakat", "88", "90", "3.000.000"],
        ["3.", "Tertib administrasi", "Jumlah laporan", "12", "12", "450.000"],
        "Sumber: Bagian Umum",
        "Analisis capaian kinerja sebagai berikut."]


# ---------------------------------------------------------------- measuring

def row_share(text_path: Path, doc) -> float:
    """Share of the text's table rows whose figures come back in the same order."""
    expected = render.numeric_rows([[clean(c) for c in r] for r in render.text_rows(text_path)])
    got = render.numeric_rows([ln.cells for ln in doc.lines if ln.is_row])
    return render.share_found(expected, got)


def measure(names: list[str], folder: Path) -> None:
    """Print, per corpus text, the shares of its table rows, indicator figures and program
    figures that its rendered PDF's layout text gives back."""
    from extractor.pipeline import extract
    from test_pdf_pipeline import figures, program_figures, values_only

    for name in names:
        text = render.CORPUS / f"{name}.txt"
        pdf = render.render_pdf(text, folder / f"{name}.pdf")
        layout = render.pdftotext_layout(pdf, folder / f"{name}_layout.txt")
        doc = read_layout_text(layout, layout.read_text(encoding="utf-8"))
        by_text, by_layout = extract(text), extract(layout)
        want, got = figures(by_text), figures(by_layout)
        pwant, pgot = values_only(program_figures(by_text)), values_only(program_figures(by_layout))
        print(f"{name}: rows {row_share(text, doc):.3f}  indicators {render.share_found(want, got):.3f} "
              f"({len(want)})  programs {render.share_found(pwant, pgot):.3f} ({len(pwant)})")


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    default = ["kota-dumai_sekretariat-daerah_2023", "kota-dumai_dinsos-pmd_2023",
               "kota-dumai_disdukcapil_2023", "kota-dumai_kecamatan-dumai-kota_2022"]
    with tempfile.TemporaryDirectory() as tmp:
        measure(sys.argv[1:] or default, Path(tmp))
