"""Box geometry shared by the PDF and OCR readers: word boxes → visual lines → unruled tables.

Boxes are ``Box(x0, top, x1, bottom, text, conf)`` in page units (pixels for OCR, points for PDF),
``top`` measured from the top of the page. ``boxes_to_lines`` groups boxes into visual lines;
``lines_to_aligned_tables`` finds unruled tables (several consecutive lines with text in ≥3
shared column bands, *kolom*) and ``aligned_rows`` turns their lines into rows of cells.
"""
from __future__ import annotations

from functools import lru_cache
from statistics import median
from typing import NamedTuple

import regex

from ..patterns import load
from .rows import is_number_tail, join_wrapped


class Box(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    conf: float | None = None


@lru_cache(maxsize=1)
def caption_pattern() -> regex.Pattern:
    """The start of a caption line (*judul tabel*, *sumber*), from ``patterns/readers.yaml``."""
    words = "|".join(load("readers")["caption_words"])
    return regex.compile(rf"^\s*({words})\b", regex.I)


# ---------------------------------------------------------------- boxes → lines

def boxes_to_lines(boxes: list[Box]) -> list[list[Box]]:
    """Given word boxes, return visual lines (top to bottom), each a list of boxes left to right.

    A box joins the line above when its vertical centre is within half the median box height of
    that line's mean centre.

    >>> lines = boxes_to_lines([Box(50, 10, 60, 20, "b"), Box(0, 11, 40, 21, "a"), Box(0, 30, 9, 40, "c")])
    >>> [[b.text for b in line] for line in lines]
    [['a', 'b'], ['c']]
    """
    lines: list[list[Box]] = []
    centres: list[float] = []
    heights = sorted(b.bottom - b.top for b in boxes)
    height = heights[len(heights) // 2] if heights else 1.0
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        centre = (box.top + box.bottom) / 2
        if lines and abs(centres[-1] - centre) <= 0.5 * height:
            lines[-1].append(box)
            centres[-1] = sum((b.top + b.bottom) / 2 for b in lines[-1]) / len(lines[-1])
        else:
            lines.append([box])
            centres.append(centre)
    for line in lines:
        line.sort(key=lambda b: b.x0)
    return lines


def line_text(boxes: list[Box]) -> str:
    """Given the boxes of one visual line, return its text (boxes joined by single spaces)."""
    return " ".join(b.text.strip() for b in boxes if b.text.strip())


def line_bbox(boxes: list[Box]) -> tuple[float, float, float, float]:
    return (min(b.x0 for b in boxes), min(b.top for b in boxes),
            max(b.x1 for b in boxes), max(b.bottom for b in boxes))


def line_conf(boxes: list[Box]) -> float | None:
    confs = [b.conf for b in boxes if b.conf is not None]
    return round(sum(confs) / len(confs), 1) if confs else None


# ---------------------------------------------------------------- unruled tables

def line_segments(line: list[Box], gap: float) -> list[list[Box]]:
    """Given a visual line, return its runs of boxes separated by gaps wider than ``gap``."""
    segments: list[list[Box]] = []
    for box in line:
        if segments and box.x0 - segments[-1][-1].x1 <= gap:
            segments[-1].append(box)
        else:
            segments.append([box])
    return segments


def _gap_for(lines: list[list[Box]]) -> float:
    heights = [b.bottom - b.top for line in lines for b in line]
    return 1.2 * median(heights) if heights else 10.0


_DIGIT = regex.compile(r"\d")


def lines_to_aligned_tables(lines: list[list[Box]], min_rows: int = 3, min_cols: int = 3,
                            max_weak: int = 4) -> list[tuple[int, int, list[float]]]:
    """Given visual lines, return unruled table regions as ``(first, last, gutters)``.

    A region is a run of lines holding ≥ ``min_rows`` *strong* lines (≥ ``min_cols`` text runs
    separated by wide gaps) with at most ``max_weak`` *weak* lines (wrapped cell text) between
    them; ``gutters`` are the x positions separating its column bands (x ranges that almost no
    run of a strong line crosses). A weak line that reads as body text (a caption, or a line
    starting in the first column and running past it) ends the region.

    >>> rows = [[Box(0, i, 4, i + 1, "No"), Box(10, i, 20, i + 1, "Nama"), Box(30, i, 33, i + 1, str(i))]
    ...         for i in range(3)]
    >>> lines_to_aligned_tables(rows + [[Box(0, 3, 40, 4, "Sumber: Bagian Umum")]])
    [(0, 2, [7.0, 25.0])]
    """
    gap = _gap_for(lines)
    segs = [line_segments(line, gap) for line in lines]
    strong = [len(s) >= min_cols for s in segs]
    regions = []
    i = 0
    while i < len(lines):
        if not strong[i]:
            i += 1
            continue
        j, last_strong = i, i
        while j + 1 < len(lines) and (strong[j + 1] or j + 1 - last_strong <= max_weak):
            j += 1
            if strong[j]:
                last_strong = j
        gutters = _gutters([s for k in range(i, j + 1) if strong[k] for s in segs[k]])
        end = i
        for k in range(i + 1, j + 1):
            if not (strong[k] or _fits(segs[k], gutters)):
                break
            end = k
        while end > i and not strong[end] and not _fits(segs[end], gutters):
            end -= 1
        count = sum(strong[i: end + 1])
        gutters = _gutters([s for k in range(i, end + 1) if strong[k] for s in segs[k]])
        if count >= min_rows and len(gutters) >= min_cols - 1:
            regions.append((i, end, gutters))
        i = end + 1
    return regions


def _fits(segments: list[list[Box]], gutters: list[float]) -> bool:
    """A weak line belongs to a table when it is wrapped cell text, not body text."""
    if not gutters or caption_pattern().match(segments[0][0].text):
        return False
    x0, x1 = segments[0][0].x0, segments[-1][-1].x1
    return x0 > gutters[0] or len(segments) >= 2 or (len(gutters) > 1 and x1 < gutters[1])


def _gutters(segments: list[list[Box]]) -> list[float]:
    """Given the text runs of a table's strong lines, return the x between its column bands.

    A gutter is a run of x that no text run crosses; with four or more lines, also a run that
    few lines cross (text set with a single space across two cells, a merged header) when at
    least two words start right after it (the next column's left edge).

    >>> row = lambda y, *xs: [[Box(x, y, x + 6, y + 1, "w")] for x in xs]
    >>> _gutters(row(0, 0, 10) + row(1, 0, 10) + row(2, 0, 10) + [[Box(0, 3, 6, 4, "w"), Box(7, 3, 16, 4, "w")]])
    [9.5]
    """
    if not segments:
        return []
    spans = [(int(s[0].x0), int(s[-1].x1 + 0.999)) for s in segments]
    left, right = min(a for a, _ in spans), max(b for _, b in spans)
    cover = [0] * (right - left + 1)
    for a, b in spans:
        for x in range(a - left, b - left):
            cover[x] += 1
    starts = [0] * (right - left + 3)
    for seg in segments:
        for box in seg:
            starts[int(box.x0) - left] += 1
    lines = len({round(s[0].top) for s in segments})
    tolerance = max(1, int(0.15 * lines)) if lines >= 4 else 0
    gutters, run = [], None
    for x, count in enumerate(cover[:-1]):
        if count <= tolerance:
            run = x if run is None else run
        elif run is not None:
            if run > 0 and min(cover[run:x]) == 0:
                gutters.append(left + (run + x) / 2)
            elif run > 0 and sum(starts[max(x - 2, 0): x + 3]) >= 2:
                gutters.append(left + x - 0.5)
            run = None
    return gutters


def _has_figure(boxes: list[Box]) -> bool:
    return any(_DIGIT.search(b.text) for b in boxes)


def _column_number_row(pieces: list[list[str]]) -> bool:
    """A column-number row ("1 2 3 …" under a header) holds one short number per filled cell,
    counting up; it is a row of its own, never continued by the line below.

    >>> _column_number_row([["1"], ["2"], [], ["3"]]), _column_number_row([["1."], ["Nama"], ["2"]])
    (True, False)
    """
    cells = [" ".join(p).strip("() ") for p in pieces if p]
    return len(cells) >= 3 and all(c.isdigit() for c in cells) and [int(c) for c in cells] == sorted(int(c) for c in cells) \
        and len(set(cells)) == len(cells)


def aligned_rows(lines: list[list[Box]], gutters: list[float]) -> list[tuple[list[str], list[list[Box]]]]:
    """Given the lines of an unruled table and its gutters, return rows as (cells, lines).

    Key columns hold figures (most of their cells have a digit). A line with a figure in a key
    column, or a number in the first column ("1.", "2"), starts a row; any other line is wrapped
    text and continues the previous row, its words appended to the cells they fall in. Without
    key columns, a line with text in the first column starts a row. A column-number row
    ("1 2 3 …") is never continued.
    """
    ncols = len(gutters) + 1
    per_line = []
    for line in lines:
        cols: list[list[Box]] = [[] for _ in range(ncols)]
        for box in line:
            centre = (box.x0 + box.x1) / 2
            cols[sum(1 for g in gutters if centre > g)].append(box)
        per_line.append(cols)
    key = set()
    for c in range(1, ncols):
        filled = [cols[c] for cols in per_line if cols[c]]
        if filled and sum(1 for f in filled if _has_figure(f)) >= len(filled) / 2:
            key.add(c)
    rows: list[tuple[list[list[str]], list[list[Box]]]] = []
    for line, cols in zip(lines, per_line):
        if key:
            starts = _has_figure(cols[0]) or any(
                _has_figure(cols[c]) and not (rows and is_number_tail(
                    join_wrapped(rows[-1][0][c]), line_text(cols[c]))) for c in key)
        else:
            starts = bool(cols[0])
        if starts or not rows or _column_number_row(rows[-1][0]):
            rows.append(([[] for _ in range(ncols)], []))
        pieces, members = rows[-1]
        for c, boxes in enumerate(cols):
            if boxes:
                pieces[c].append(line_text(boxes))
        members.append(line)
    return [([join_wrapped(p) for p in pieces], members) for pieces, members in rows]
