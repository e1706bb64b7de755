"""Tables continued on the next page (*tabel lanjutan*): the repeated header row is dropped."""
from __future__ import annotations

from .base import Line


def join_continued_tables(lines: list[Line]) -> list[Line]:
    """Drop the repeated header row of a table continued on the next page.

    A row that directly follows a row of the previous page (no text line in between) and
    equals the first row of that table is a repeated header.
    """
    out: list[Line] = []
    header: list[str] | None = None
    for line in lines:
        if not line.is_row:
            header = None
            out.append(line)
            continue
        previous = out[-1] if out else None
        if previous is None or not previous.is_row:
            header = line.cells
        elif (previous.page != line.page and header is not None
              and [c.strip() for c in line.cells] == [c.strip() for c in header]):
            continue
        out.append(line)
    return out
