"""Read a .docx report into the line model (python-docx).

Body paragraphs become lines; Word tables become rows with cells, one cell per grid column:
a cell merged across columns (``gridSpan``) keeps its text in its first column and leaves the
others empty; a cell merged down (``vMerge`` continue) is empty in the rows after the first.
A paragraph with tab stops ("KATA PENGANTAR<tab>i") is split into cells like a line of a
tab-separated text. Pages are unknown in a .docx, so ``page`` is None.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import EmptyInput, UnreadableInput
from .base import Document, Line, bound_cells, sha256_of
from .cleaning import normalise
from .rows import join_wrapped

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> Document:
    """Given a .docx file, return its Document (format "docx")."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = "encrypted (password-protected) .docx" if _is_ole(path) else "corrupt or not a .docx"
        raise UnreadableInput(str(path), f"{reason} ({exc}); open it in Word/LibreOffice and save "
                              "an unprotected .docx") from exc
    lines: list[Line] = []
    for content in body_to_contents(document.element.body):
        if isinstance(content, list):
            clean = [normalise(c) for c in content]
            lines.append(Line(len(lines) + 1, "\t".join(content), "\t".join(clean), clean))
        else:
            lines.append(Line(len(lines) + 1, content, normalise(content)))
    if not any(ln.text.strip() for ln in lines):
        raise EmptyInput(str(path), "the document has no text")
    return Document(path=str(path), format="docx", lines=lines, sha256=sha256_of(path))


def _is_ole(path: Path) -> bool:
    with open(path, "rb") as fh:  # encrypted Office files are OLE compound files
        return fh.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def body_to_contents(body) -> list[str | list[str]]:
    """Given a ``w:body`` element, return its paragraphs (str) and table rows (list of cells)."""
    out: list[str | list[str]] = []
    for child in body.iterchildren():
        if child.tag == _W + "p":
            text = paragraph_text(child)
            parts = [p.strip() for p in text.split("\t")]
            if sum(1 for p in parts if p) >= 2:
                out.append(bound_cells(parts))
            elif text.strip():
                out.append(" ".join(text.split()))
        elif child.tag == _W + "tbl":
            out.extend(table_to_rows(child))
        elif child.tag == _W + "sdt":  # content controls (e.g. a table of contents)
            for content in child.iterchildren(_W + "sdtContent"):
                out.extend(body_to_contents(content))
    return out


def paragraph_text(p) -> str:
    """Given a ``w:p`` element, return its text with tabs and line breaks as in Word."""
    pieces = []
    for node in p.iter(_W + "t", _W + "tab", _W + "br", _W + "cr"):
        if node.tag == _W + "t":
            pieces.append(node.text or "")
        elif node.tag == _W + "tab":
            pieces.append("\t")
        else:
            pieces.append("\n")
    return "".join(pieces)


def table_to_rows(tbl) -> list[list[str]]:
    """Given a ``w:tbl`` element, return its rows as cells on the table's column grid.

    Rows with no text at all are left out.

    >>> import docx
    >>> d = docx.Document(); t = d.add_table(rows=3, cols=3)
    >>> _ = t.cell(0, 0).merge(t.cell(0, 1)); t.cell(0, 0).text = "Target"
    >>> _ = t.cell(1, 2).merge(t.cell(2, 2)); t.cell(1, 2).text = "97%"
    >>> table_to_rows(t._tbl)
    [['Target', '', ''], ['', '', '97%']]
    """
    grid = tbl.find(_W + "tblGrid")
    ncols = len(grid.findall(_W + "gridCol")) if grid is not None else 0
    rows = []
    for tr in tbl.iterchildren(_W + "tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(_W + "tc"):
            props = tc.find(_W + "tcPr")
            span, continued = 1, False
            if props is not None:
                span_el = props.find(_W + "gridSpan")
                if span_el is not None:
                    span = int(span_el.get(_W + "val", "1"))
                merge = props.find(_W + "vMerge")
                continued = merge is not None and merge.get(_W + "val", "continue") == "continue"
            text = "" if continued else cell_text(tc)
            cells += [text] + [""] * (span - 1)
        cells += [""] * (ncols - len(cells))
        if any(cells):
            rows.append(cells)
    return rows


def cell_text(tc) -> str:
    """Given a ``w:tc``, return its paragraphs (and nested tables' text) joined by spaces."""
    pieces = []
    for p in tc.iter(_W + "p"):
        pieces += [t for t in paragraph_text(p).replace("\t", " ").split("\n")]
    return join_wrapped(" ".join(p.split()) for p in pieces)
