"""Render a synthetic report as a Word document (.docx), in a ruled or a borderless table style.

Tables are real Word tables with merged cells (``gridSpan``, ``vMerge``) and repeated header rows
(``tblHeader``) where the layout says so. Each table's XML is built as one string and parsed once,
which is much faster than python-docx's cell-by-cell API. Landscape tables get a section of their
own; every section has the running header (agency, year) and a "Halaman N" footer with a PAGE field.

Styles: ``ruled`` draws every cell border; ``borderless`` draws a rule above and below the table and
under the header, shades the header cells and draws no cell borders (how most Word-made LKjIP look).
"""
from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm, Pt

from .document import Block, Cell, Heading, PageBreak, Para, Table
from .facts import ReportFacts

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES = ("ruled", "borderless")
PORTRAIT_WIDTH = 9300    # usable width in twentieths of a point (A4, 2.5 cm margins)
LANDSCAPE_WIDTH = 14000
SHADE = "D9D9D9"
_RULE = '<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'


def _borders(style: str) -> str:
    if style == "ruled":
        sides = "".join(_RULE.format(side=s, size=4) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    else:
        sides = (_RULE.format(side="top", size=12) + _RULE.format(side="bottom", size=12)
                 + "".join(f'<w:{s} w:val="nil"/>' for s in ("left", "right", "insideH", "insideV")))
    return f"<w:tblBorders>{sides}</w:tblBorders>"


def _widths(table: Table, total: int, size: int) -> list[int]:
    """Column widths: every column fits its longest word; what is left goes to the columns of long text."""
    char = size * 7  # average character width in twips at ``size`` half-points, with some room
    words = [4] * table.width
    longest = [0] * table.width
    for row in table.header + table.body:
        for i, cell in enumerate(row):
            if cell is not None and cell.colspan == 1:
                words[i] = max([words[i]] + [len(w) for w in cell.text.split()])
                longest[i] = max(longest[i], len(cell.text))
    floor = [w * char + 160 for w in words]
    room = max(0, total - sum(floor))
    wants = [max(0, min(n, 60) * char + 160 - f) for n, f in zip(longest, floor)]
    share = sum(wants) or 1
    return [f + room * w // share for f, w in zip(floor, wants)]


def _paragraph(text: str, bold: bool, size: int) -> str:
    run_props = f'{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    run = f'<w:r><w:rPr>{run_props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>{run}</w:p>'


def _cell(text: str, width: int, span: int, merge: str | None, bold: bool, size: int, extra: str) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}{extra}</w:tcPr>{_paragraph(text, bold, size)}</w:tc>"


def _rows(grid: list[list[Cell | None]], widths: list[int], size: int, header: bool, style: str,
          repeat: bool) -> str:
    out = []
    pending: dict[int, tuple[int, int]] = {}   # column → (rows still covered, colspan) of a vertical merge
    for r, row in enumerate(grid):
        extra = ""
        if header and style == "borderless":
            extra = f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/>'
            if r == len(grid) - 1:
                extra = '<w:tcBorders>' + _RULE.format(side="bottom", size=8) + '</w:tcBorders>' + extra
        cells = []
        col = 0
        while col < len(row):
            if col in pending:
                left, span = pending.pop(col)
                if left > 1:
                    pending[col] = (left - 1, span)
                cells.append(_cell("", sum(widths[col:col + span]), span, "continue", False, size, extra))
                col += span
                continue
            cell = row[col] or Cell("")
            span = max(1, cell.colspan)
            if cell.rowspan > 1:
                pending[col] = (cell.rowspan - 1, span)
            cells.append(_cell(cell.text, sum(widths[col:col + span]), span, "restart" if cell.rowspan > 1 else None,
                               cell.bold or header, size, extra))
            col += span
        row_props = "<w:trPr><w:tblHeader/></w:trPr>" if header and repeat else ""
        out.append(f"<w:tr>{row_props}{''.join(cells)}</w:tr>")
    return "".join(out)


def table_xml(table: Table, style: str) -> str:
    """The ``w:tbl`` element of ``table`` as an XML string."""
    size = 16 if table.width > 9 else 18
    widths = _widths(table, LANDSCAPE_WIDTH if table.landscape else PORTRAIT_WIDTH, size)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    props = (f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{_borders(style)}'
             '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/>'
             '<w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>')
    body = (_rows(table.header, widths, size, True, style, table.header_rows_repeat)
            + _rows(table.body, widths, size, False, style, False))
    return f'<w:tbl xmlns:w="{W_NS}">{props}<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'


def _running(section, facts: ReportFacts) -> None:
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = f"LKjIP {facts.agency} {facts.region} Tahun {facts.year}"
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">Halaman </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple xmlns:w="{W_NS}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _orient(document, facts: ReportFacts, landscape: bool) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    width, height = sorted((section.page_width, section.page_height))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    if facts.layout.running_header:
        _running(section, facts)


def _caption(document, table: Table) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(table.caption).bold = True


def render_docx(blocks: list[Block], facts: ReportFacts, path: Path, style: str = "ruled") -> Path:
    """Write the report as .docx at ``path`` (table style ``ruled`` or ``borderless``)."""
    if style not in STYLES:
        raise ValueError(f"unknown table style {style!r}; use one of {STYLES}")
    document = new_document()
    normal = document.styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for s in document.sections:
        s.left_margin = s.right_margin = Cm(2.5)
    if facts.layout.running_header:
        _running(section, facts)
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            paragraph = document.add_paragraph()
            paragraph.add_run(block.text).bold = block.bold
            if block.center:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(block, PageBreak):
            document.add_page_break()
        elif isinstance(block, Table):
            if block.landscape:
                _orient(document, facts, True)
            if block.caption_before:
                _caption(document, block)
            document.element.body.sectPr.addprevious(parse_xml(table_xml(block, style)))
            if block.footnote:
                document.add_paragraph(block.footnote).runs[0].font.size = Pt(9)
            if not block.caption_before:
                _caption(document, block)
            if block.landscape:
                _orient(document, facts, False)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.docx")   # unique: two runs may share a cache
    document.save(tmp)
    tmp.replace(path)
    return path
