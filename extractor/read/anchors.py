"""Rows of an unruled table band by vertical overlap with their anchors (*baris jangkar*).

:func:`~extractor.read.geometry.aligned_rows` starts a row at each line holding figures (its
*anchor*) and gives every other line to the row above: right when cells are set from the top
(the figures on a row's first line). Cells set in the middle of their row put a row's first
lines *above* its figures, and the band then opens with lines before its first figures. In such
a band each column's text is cut into *blocks* (lines that follow one another at the line pitch,
with no wider gap); a block that holds exactly one anchor line belongs, whole, to that anchor's
row. Lines of blocks holding no anchor or several (a merged cell, rows set without any gap) keep
the row ``aligned_rows`` gave them. A band opening with figures is set from the top, and so is a
band where a single row has lines above its figures (the rest of a row the page break cut, at the
top of a page): their rows are those of ``aligned_rows``.
"""
from __future__ import annotations

from bisect import bisect_left
from statistics import median

from .geometry import Box, aligned_rows, line_text
from .rows import join_wrapped

PITCH_SLACK = 1.12  # a line this much further than the line pitch from the one above starts a new block
PITCH_SHARE = 0.2   # the line pitch is a step between lines found at least this often
CENTRED_ROWS = 2    # rows with text above their figures that show a table set centred


def _top(line: list[Box]) -> float:
    """A line's height on the page: the middle of its boxes (less sensitive to a change of font,
    a bold row among regular ones, than their tops)."""
    return (min(b.top for b in line) + max(b.bottom for b in line)) / 2


def line_pitch(per_line: list[list[list[Box]]], lines: list[list[Box]]) -> float | None:
    """The distance between two lines of one wrapped cell: per column, the smallest distance
    between its consecutive lines found for ``PITCH_SHARE`` of them or more; the least of the
    columns' (None when no column has one).

    >>> lines = [[Box(0, t, 5, t + 8, "a")] for t in (0, 10, 20, 34, 44)]
    >>> line_pitch([[line] for line in lines], lines)
    10.0
    """
    pitches = []
    for c in range(len(per_line[0]) if per_line else 0):
        tops = [_top(lines[i]) for i, cols in enumerate(per_line) if cols[c]]
        steps = sorted(b - a for a, b in zip(tops, tops[1:]) if b - a > 0.5)
        needed = max(2, int(PITCH_SHARE * len(steps)))
        for k, step in enumerate(steps[:-1]):  # the smallest step found often (within half a point)
            group = [s for s in steps[k:] if s - step <= 0.5]
            if len(group) >= needed:
                pitches.append(float(median(group)))
                break
    return min(pitches) if pitches else None


def column_blocks(per_line: list[list[list[Box]]], lines: list[list[Box]], column: int,
                  pitch: float) -> list[list[int]]:
    """The blocks of a column: runs of the line indexes with text in it, each line at most
    ``pitch × PITCH_SLACK`` below the one before (lines between them without text in the
    column, such as a row's figures set lower, do not cut a block)."""
    blocks: list[list[int]] = []
    for i, cols in enumerate(per_line):
        if not cols[column]:
            continue
        if blocks and _top(lines[i]) - _top(lines[blocks[-1][-1]]) <= pitch * PITCH_SLACK:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def anchored_rows(lines: list[list[Box]], gutters: list[float]) -> list[tuple[list[str], list[list[Box]]]]:
    """Given a band's lines and gutters, return rows as (cells, member lines): the rows of
    ``aligned_rows``, with each column block that holds exactly one row's anchor line given
    whole to that row (a row's first lines set above its figures join it).

    >>> line = lambda t, *cells: [Box(x, t, x + 20, t + 8, c) for x, c in zip((0, 40, 80), cells) if c]
    >>> rows = anchored_rows([line(0, "", "Nama satu", ""), line(10, "1.", "baris dua", "50"),
    ...                       line(20, "", "baris tiga", ""), line(36, "", "Nama dua", ""),
    ...                       line(46, "2.", "lanjut", "60"), line(56, "", "akhir", "")], [30, 70])
    >>> [cells for cells, _ in rows]
    [['1.', 'Nama satu baris dua baris tiga', '50'], ['2.', 'Nama dua lanjut akhir', '60']]
    """
    rows = aligned_rows(lines, gutters)
    if not rows or _anchored(rows[0][1][0], gutters):
        return rows  # the first line holds figures: cells set from the top of their rows
    ncols = len(gutters) + 1
    per_line = [[[] for _ in range(ncols)] for _ in lines]
    for i, line in enumerate(lines):
        for b in line:
            per_line[i][_column(b, gutters)].append(b)
    pitch = line_pitch(per_line, lines)
    if pitch is None or not rows:
        return rows
    row_of: dict[int, int] = {}
    anchors: dict[int, int] = {}
    index = {id(line): i for i, line in enumerate(lines)}
    for r, (_, members) in enumerate(rows):
        for k, member in enumerate(members):
            row_of[index[id(member)]] = r
            if k == 0 and r > 0 or (r == 0 and k == 0 and _anchored(member, gutters)):
                anchors[index[id(member)]] = r
    owner = {(i, c): row_of[i] for i in range(len(lines)) for c in range(ncols) if per_line[i][c]}
    moves: dict[tuple[int, int], int] = {}
    raised: set[int] = set()  # rows with lines of theirs set above their figures
    for c in range(ncols):
        for block in column_blocks(per_line, lines, c, pitch):
            first, last = _top(lines[block[0]]), _top(lines[block[-1]])
            held = {(r, i) for i, r in anchors.items() if first - 1 <= _top(lines[i]) <= last + 1}
            if len(held) == 1:
                r, at = held.pop()
                moves.update({(i, c): r for i in block})
                if block[0] < at:
                    raised.add(r)
    if len(raised) < CENTRED_ROWS:
        return rows  # one row's head above its figures: the rest of a row the page break cut
    owner.update(moves)
    pieces: list[list[list[str]]] = [[[] for _ in range(ncols)] for _ in rows]
    members: list[list[list[Box]]] = [[] for _ in rows]
    for i, line in enumerate(lines):
        for c in range(ncols):
            if per_line[i][c]:
                pieces[owner[(i, c)]][c].append(line_text(per_line[i][c]))
        members[row_of[i]].append(line)
    return [([join_wrapped(p) for p in row], m) for row, m in zip(pieces, members) if any(row)]


def _anchored(line: list[Box], gutters: list[float]) -> bool:
    """The first row's first line is its anchor when it holds a figure."""
    return any(any(ch.isdigit() for ch in b.text) for b in line)


def _column(box: Box, gutters: list[float]) -> int:
    return bisect_left(gutters, (box.x0 + box.x1) / 2)
