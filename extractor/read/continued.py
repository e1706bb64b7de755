"""Tables continued on the next page (*tabel lanjutan*): the repeated header row is dropped, and a
row split by the page break is joined again."""
from __future__ import annotations

import regex

from .base import Line
from .cleaning import normalise
from .rows import join_wrapped

_DIGIT = regex.compile(r"\d")
_FIGURE_START = regex.compile(r"^\s*(?:Rp\.?\s*)?[-(]?\d")


HEADER_ROWS = 4  # a repeated header has at most this many rows (a column-number row included)


def join_continued_tables(lines: list[Line]) -> list[Line]:
    """Drop the repeated header rows of a table continued on the next page, and join the rest
    of a row that the page break cut (``is_row_rest``) to that row.

    Rows that directly follow a row of the previous page (no text line in between) and equal
    the first rows of that table, in order, are a repeated header.
    """
    out: list[Line] = []
    first_rows: list[list[str]] = []  # the current table's first rows (its header)
    break_row: Line | None = None     # the previous page's last row, until a row is kept after it
    repeated = 0                      # header rows found repeated after the page break
    for line in lines:
        previous = out[-1] if out else None
        if not line.is_row or previous is None or not previous.is_row:
            first_rows = [[c.strip() for c in line.cells]] if line.is_row else []
            break_row = None
            out.append(line)
            continue
        cells = [c.strip() for c in line.cells]
        if line.page != previous.page and break_row is None:
            break_row, repeated = previous, 0
        if break_row is not None:
            if repeated < len(first_rows) and same_row(cells, first_rows[repeated]):
                repeated += 1
                continue
            if is_row_rest(break_row.cells, line.cells) and not any(same_row(cells, h) for h in first_rows):
                _append_rest(break_row, line)
                break_row = None
                continue
            break_row = None
        elif len(first_rows) < HEADER_ROWS:
            first_rows.append(cells)
        out.append(line)
    return out


SAME_SHARE = 0.6  # share of filled cells that must agree for a row to repeat another


def same_row(row: list[str], other: list[str]) -> bool:
    """True when two rows print the same cells: of the filled cells, ``SAME_SHARE`` or more
    are equal at the same place (a repeated header whose last column the page cut, or
    one cell read a little differently, still repeats it).

    >>> same_row(["No", "Sasaran", "Target", ""], ["No", "Sasaran", "Target", "Penanggung"])
    True
    >>> same_row(["1.", "Meningkatnya", "90"], ["No", "Sasaran", "Target"])
    False
    """
    if len(row) != len(other):
        return False
    filled = max(sum(1 for c in row if c), sum(1 for c in other if c))
    equal = sum(1 for a, b in zip(row, other) if a and a == b)
    return filled > 0 and equal >= SAME_SHARE * filled


def is_row_rest(row: list[str], rest: list[str]) -> bool:
    """True when ``rest``, the first row of a page, is the end of ``row``, the last row of the
    page before, cut by the page break: the same cells, no figure in ``rest``, nothing under a
    figure of ``row``, and either its first cell empty or two cells or more filled (one filled
    first cell is a label row such as "Sasaran 2").

    >>> is_row_rest(["Program: Perlindungan dan Jaminan", "Persentase kegiatan", "89,37"], ["Sosial", "yang tepat waktu", ""])
    True
    >>> is_row_rest(["1.", "Nilai", "89"], ["Sasaran 2: Meningkatnya mutu", "", ""])
    False
    >>> is_row_rest(["7.", "Jumlah titik panas", "53"], ["No.", "Indikator Kinerja", "Target"])
    False
    """
    if len(row) != len(rest) or any(_DIGIT.search(c) for c in rest) or not any(_DIGIT.search(c) for c in row):
        return False
    if any(b.strip() and _FIGURE_START.match(a) for a, b in zip(row, rest)):
        return False  # words under a figure: a header repeated in another shape, not a wrapped cell
    filled = sum(1 for c in rest if c.strip())
    return filled >= 1 and (not rest[0].strip() or filled >= 2)


def _append_rest(line: Line, rest: Line) -> None:
    """Join the cells of ``rest`` to those of ``line``; its raw text follows on a new line."""
    line.set_cells([normalise(join_wrapped([a, b])) for a, b in zip(line.cells, rest.cells)])
    line.raw = f"{line.raw}\n{rest.raw}"
