"""Read text made by ``pdftotext -layout`` into the line model.

Such text keeps the page geometry with spaces: table columns are aligned by runs of two or more
spaces, a form feed (``\\f``) ends each page, and running headers and footers repeat on every
page. Stages: ``split_pages`` → ``line_to_boxes`` (each word a box: x = character column,
y = line index) → ``running_text`` (shared with the PDF reader) → table regions by column
alignment and rows with wrapped cells joined (shared with the OCR reader) → Lines.
"""
from __future__ import annotations

from pathlib import Path

import regex

from ..errors import EmptyInput
from .base import Document, Line, PageInfo, sha256_of
from .ocr import Box, aligned_rows, lines_to_aligned_tables, line_text, normalise, running_text
from .pdf import join_continued_tables

_WORD = regex.compile(r"\S+")
_GAP = regex.compile(r"\S {2,}\S")


def looks_like_layout_text(text: str) -> bool:
    """True when the text looks like ``pdftotext -layout`` output: no tabs, and either form
    feeds between pages or many lines with columns aligned by runs of spaces.

    >>> looks_like_layout_text("Judul\\n\\fNo   Indikator     Target\\n1    IKU A         90\\n")
    True
    >>> looks_like_layout_text("No\\tIndikator\\tTarget\\n1\\tIKU A\\t90\\n")
    False
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return False
    tabbed = sum(1 for ln in lines if "\t" in ln)
    if tabbed > len(lines) * 0.02:
        return False
    if "\f" in text:
        return True
    gapped = sum(1 for ln in lines if _GAP.search(ln.strip()))
    indented = sum(1 for ln in lines if ln.startswith("   "))
    return gapped >= max(3, len(lines) * 0.1) and indented >= len(lines) * 0.05


def split_pages(text: str) -> list[list[str]]:
    """Given layout text, return its pages (split at form feeds) as lists of lines.

    >>> split_pages("a\\nb\\n\\fc\\n\\f")
    [['a', 'b', ''], ['c', '']]
    """
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages = pages[:-1]
    return [page.split("\n") for page in pages]


def line_to_boxes(line: str, index: int) -> list[Box]:
    """Given one line of layout text, return its words as boxes (x in characters, y = index).

    >>> [(b.x0, b.text) for b in line_to_boxes("1.   Kerjasama Daerah    550%", 7)]
    [(0, '1.'), (5, 'Kerjasama'), (15, 'Daerah'), (25, '550%')]
    """
    return [Box(m.start(), index, m.end(), index + 1, m.group()) for m in _WORD.finditer(line)]


def page_lines(rows: list[list[Box]], raws: list[str], page: int, first_number: int) -> list[Line]:
    """Given a page's non-blank lines as word boxes, return its Lines (tables as rows)."""
    out: list[Line] = []
    taken: dict[int, tuple[list[str], list[list[Box]]]] = {}
    skip: set[int] = set()
    for first, last, gutters in lines_to_aligned_tables(rows):
        for cells, members in aligned_rows(rows[first: last + 1], gutters):
            taken[id(members[0])] = (cells, members)
        skip.update(range(first, last + 1))
    for k, boxes in enumerate(rows):
        if id(boxes) in taken:
            cells, members = taken[id(boxes)]
            raw = "\n".join(raws[int(m[0].top)] for m in members)
            clean = [normalise(c) for c in cells]
            out.append(Line(first_number + int(boxes[0].top), raw, "\t".join(clean), clean, page))
        elif k not in skip:
            raw = raws[int(boxes[0].top)]
            out.append(Line(first_number + int(boxes[0].top), raw, normalise(raw), None, page))
    return out


def read_layout_text(path: Path, text: str) -> Document:
    """Given the path and decoded text of a ``pdftotext -layout`` file, return its Document.

    ``Line.number`` is the line number in the file (the first line of a row's wrapped lines).
    """
    path = Path(path)
    pages = split_pages(text)
    free: list[list[list[Box]]] = []
    first_numbers = []
    first = 1
    for raws in pages:
        boxes = [line_to_boxes(raw, k) for k, raw in enumerate(raws)]
        free.append([b for b in boxes if b])
        first_numbers.append(first)
        first += len(raws) - 1  # the form feed does not end a line
    drops = running_text([[line_text(line) for line in lines] for lines in free])
    lines: list[Line] = []
    infos: list[PageInfo] = []
    for number, (raws, page_free, drop, first) in enumerate(zip(pages, free, drops, first_numbers), 1):
        kept = [line for k, line in enumerate(page_free) if k not in drop]
        page = page_lines(kept, raws, number, first)
        lines += page
        infos.append(PageInfo(number=number, chars=sum(len(r.strip()) for r in raws),
                              table_rows=sum(1 for ln in page if ln.is_row)))
    lines = join_continued_tables(lines)
    if not any(ln.text for ln in lines):
        raise EmptyInput(str(path), "the file has no text")
    return Document(path=str(path), format="layout_text", lines=lines, sha256=sha256_of(path),
                    pages=infos)
