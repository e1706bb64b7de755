"""The line model every reader produces, whatever the input format.

A reader turns a file into a :class:`Document`: a list of :class:`Line`, each with its number
(line in a text file; running number in a PDF) and page (paged inputs). When the reader knows the
cells of a table row (tab-separated text, a PDF table, OCR word boxes) it sets ``cells``; the
structure stage treats a line with two or more cells as a table row.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Issue


# the widest table of a report has a few dozen columns; a line split into more cells than this is
# damaged (a run of tabs): its extra cells are joined into the last one, so that the table stages
# work on a bounded number of cells per row whatever the input
MAX_CELLS = 64


def bound_cells(cells: list[str], limit: int = MAX_CELLS) -> list[str]:
    """Given the cells of a row, return at most ``limit`` cells, the extra ones joined into the last.

    >>> bound_cells(["a", "b", "c", "d"], limit=2)
    ['a', 'b c d']
    >>> bound_cells(["a", "", "", "b", ""], limit=2)
    ['a', 'b']
    >>> len(Line(1, "", "", cells=["x"] * 1000).cells)
    64
    """
    if len(cells) <= limit:
        return cells
    rest = " ".join(c for c in cells[limit - 1:] if c)
    return cells[:limit - 1] + [rest]


@dataclass
class Line:
    number: int
    raw: str
    text: str
    cells: list[str] | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = None  # OCR mean word confidence 0..100
    # two cells or more: a table row. Told once when the line is made (every stage asks it of every line)
    # and again by :meth:`set_cells`, the one way to give a made line other cells
    is_row: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.cells is not None and len(self.cells) > MAX_CELLS:  # whichever reader made the row
            self.cells = bound_cells(self.cells)
            self.text = "\t".join(self.cells)
        self.is_row = self.cells is not None and len(self.cells) >= 2

    def set_cells(self, cells: list[str]) -> None:
        """Give the line other cells; its text is then its cells joined by tabs.

        >>> line = Line(1, "a b", "a b")
        >>> line.set_cells(["a", "b"]); line.text, line.is_row
        ('a\\tb', True)
        >>> line.set_cells(["a b"]); line.is_row
        False
        """
        self.cells = cells
        self.text = "\t".join(cells)
        self.is_row = len(cells) >= 2


@dataclass
class PageInfo:
    number: int
    chars: int = 0
    table_rows: int = 0
    ocr_confidence: float | None = None
    note: str | None = None


@dataclass
class Document:
    path: str
    format: str  # text | layout_text | reading_text | pdf | ocr | docx
    lines: list[Line]
    sha256: str
    encoding: str | None = None
    pages: list[PageInfo] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
