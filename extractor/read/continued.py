"""Tables continued on the next page (*tabel lanjutan*): the repeated header row is dropped, and a
row split by the page break is joined again."""
from __future__ import annotations

import regex

from .base import Line
from .cleaning import normalise
from .rows import join_wrapped

_DIGIT = regex.compile(r"\d")


HEADER_ROWS = 3  # a repeated header has at most this many rows


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
            if repeated < len(first_rows) and cells == first_rows[repeated]:
                repeated += 1
                continue
            if is_row_rest(break_row.cells, line.cells):
                _append_rest(break_row, line)
                break_row = None
                continue
            break_row = None
        elif len(first_rows) < HEADER_ROWS:
            first_rows.append(cells)
        out.append(line)
    return out


def is_row_rest(row: list[str], rest: list[str]) -> bool:
    """True when ``rest``, the first row of a page, is the end of ``row``, the last row of the
    page before, cut by the page break: the same cells, no figure in ``rest`` where ``row`` has
    figures, and either its first cell empty or two cells or more filled (one filled first
    cell is a label row such as "Sasaran 2").

    >>> is_row_rest(["Program: Perlindungan dan Jaminan", "Persentase kegiatan", "89,37"], ["Sosial", "yang tepat waktu", ""])
    True
    >>> is_row_rest(["1.", "Nilai", "89"], ["Sasaran 2: Meningkatnya mutu", "", ""])
    False
    """
    if len(row) != len(rest) or any(_DIGIT.search(c) for c in rest) or not any(_DIGIT.search(c) for c in row):
        return False
    filled = sum(1 for c in rest if c.strip())
    return filled >= 1 and (not rest[0].strip() or filled >= 2)


def _append_rest(line: Line, rest: Line) -> None:
    """Join the cells of ``rest`` to those of ``line``; its raw text follows on a new line."""
    line.cells = [normalise(join_wrapped([a, b])) for a, b in zip(line.cells, rest.cells)]
    line.raw = f"{line.raw}\n{rest.raw}"
    line.text = "\t".join(line.cells)
