"""The corpus reports as real Word-made reports are printed: a .docx with tables sized to their
content (ruled, or borderless with a rule above and below and a shaded header), a running header
and a "Halaman N" footer, printed to PDF by LibreOffice, then turned to text by ``pdftotext`` with
``-layout`` and without (reading order). Used by the tests of the layout and reading-order readers.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from render import page_number_field, text_to_blocks

STYLES = ("ruled", "borderless")
TOTAL_WIDTH_CM = 16.0


def have_soffice() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


def _borders(table, style: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        on = style == "ruled" or edge in ("top", "bottom")
        element.set(qn("w:val"), "single" if on else "nil")
        element.set(qn("w:sz"), "6")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _shade(cell) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "D9D9D9")
    properties.append(shading)


def _widths(rows: list[list[str]]) -> list[float]:
    """Column widths in cm by content: the longest cell (up to 40 characters) or longest word."""
    ncol = len(rows[0])
    weights = [max(max(min(40, len(r[c])) for r in rows),
                   max((len(w) for r in rows for w in r[c].split()), default=1) + 1, 3) for c in range(ncol)]
    return [TOTAL_WIDTH_CM * w / sum(weights) for w in weights]


def corpus_docx(text_path: Path, out: Path, style: str, running: str) -> Path:
    """Write a corpus text as a Word report: tables in ``style``, ``running`` as the page header."""
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(9)
    section = document.sections[0]
    section.header.paragraphs[0].text = running
    footer = section.footer.paragraphs[0]
    footer.text = "Halaman "
    page_number_field(footer)
    for kind, value in text_to_blocks(Path(text_path).read_text(encoding="utf-8")):
        if kind == "para":
            document.add_paragraph(value)
            continue
        rows = value
        widths = _widths(rows)
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.autofit = False
        _borders(table, style)
        for r, (table_row, row) in enumerate(zip(table.rows, rows)):
            for c, (cell, text) in enumerate(zip(table_row.cells, row)):
                cell.text = text
                cell.width = Cm(widths[c])
                if r == 0 and style == "borderless":
                    _shade(cell)
    document.save(str(out))
    return out


def render_corpus(texts: list[Path], folder: Path) -> dict[tuple[str, str, str], Path]:
    """Render each corpus text in both styles through LibreOffice; return (stem, style, kind) →
    text file, kind ``layout`` (pdftotext -layout) or ``reading`` (pdftotext)."""
    folder = Path(folder)
    docs = []
    for text in texts:
        for style in STYLES:
            running = f"Laporan Kinerja Instansi Pemerintah {text.stem.split('_')[1]} Tahun 2023"
            docs.append(corpus_docx(text, folder / f"{text.stem}_{style}.docx", style, running))
    with tempfile.TemporaryDirectory(prefix="lkjip-lo-") as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder), *map(str, docs)],
                       check=True, capture_output=True, timeout=600)
    out = {}
    for doc in docs:
        stem, style = doc.stem.rsplit("_", 1)
        pdf = doc.with_suffix(".pdf")
        for kind, args in (("layout", ["-layout"]), ("reading", [])):
            target = folder / f"{doc.stem}.{kind}.txt"
            subprocess.run(["pdftotext", *args, "-enc", "UTF-8", str(pdf), str(target)], check=True)
            out[(stem, style, kind)] = target
    return out
