"""Columns of a table set without cell borders (*kolom tabel tanpa garis*) and its header.

* ``phrases``: a line's words joined where they are closer than a cell's margins;
* ``coverage_gutters``: the x between columns, where no phrase of the body covers a wide enough
  stretch (pdfplumber's ``text`` strategy, camelot's stream mode); ``empty_stretches`` around them;
* ``shaded_sides``: the sides between shaded header cells, which ``with_header_sides`` adds where
  the body's columns are too close to leave a gutter and ``settle_gutters`` moves the gutters to;
* ``header_cells``: a header's words put under the columns by their x-extent, or
  ``shaded_header_rows``: the header rows its shaded cells stack.

Coordinates are PDF points, ``(x0, top, x1, bottom)`` from the top-left corner.
"""
from __future__ import annotations

from .geometry import Box, boxes_to_lines, line_text
from .rows import join_wrapped

MIN_GUTTER = 6.0         # points of empty x between two columns (cell margins are ~10 pt)
PHRASE_GAP = 6.0         # words closer than this on a line are one phrase (one cell's text)


def phrases(line: list[Box], gap: float = PHRASE_GAP) -> list[Box]:
    """Given the word boxes of a visual line, return its phrases: words closer than ``gap``
    joined into one box (the text of one cell on that line)."""
    out: list[Box] = []
    for box in line:
        if out and box.x0 - out[-1].x1 < gap:
            last = out[-1]
            out[-1] = Box(last.x0, min(last.top, box.top), max(last.x1, box.x1), max(last.bottom, box.bottom),
                          f"{last.text} {box.text}")
        else:
            out.append(box)
    return out


def coverage_gutters(boxes: list[Box], left: float, right: float, min_gap: float = MIN_GUTTER) -> list[float]:
    """Given word boxes and the table's x-extent, return the middles of the x ranges at least
    ``min_gap`` wide that no box covers, between the leftmost and rightmost text.

    >>> coverage_gutters([Box(0, 0, 10, 5, "a"), Box(30, 0, 40, 5, "b"), Box(2, 6, 12, 11, "c")], 0, 50)
    [21.0]
    """
    spans = sorted((b.x0, b.x1) for b in boxes if b.x1 > left and b.x0 < right)
    gutters = []
    reach = None
    for x0, x1 in spans:
        if reach is not None and x0 - reach >= min_gap:
            gutters.append((reach + x0) / 2)
        reach = x1 if reach is None else max(reach, x1)
    return gutters


def straddles(boxes: list[Box], gutters: list[float]) -> int:
    return sum(1 for b in boxes for g in gutters if b.x0 < g < b.x1)


def empty_stretches(boxes: list[Box], gutters: list[float]) -> list[tuple[float, float]]:
    """For each gutter, the stretch around it that no box covers (the gutter alone when a box
    covers it).

    >>> empty_stretches([Box(0, 0, 10, 5, "a"), Box(30, 0, 40, 5, "b")], [20.0])
    [(10, 30)]
    """
    out = []
    for g in gutters:
        left = max((b.x1 for b in boxes if b.x1 <= g), default=g)
        right = min((b.x0 for b in boxes if b.x0 >= g), default=g)
        out.append((left, right))
    return out


def shaded_sides(shades: list[tuple], top: float, bottom: float) -> list[float]:
    """The x of the sides between shaded cells ``(x0, top, x1, bottom)`` lying in a band, in any
    of its header rows (one x once).

    >>> shaded_sides([(0, 0, 20, 20), (20, 0, 60, 10), (20, 10, 40, 20), (40, 10, 60, 20)], 0, 20)
    [20.0, 40.0]
    """
    inside = sorted(set(s for s in shades if s[1] >= top - 2 and s[3] <= bottom + 2))
    sides: list[float] = []
    for a in inside:
        for b in inside:
            if abs(a[1] - b[1]) < 2 and abs(a[2] - b[0]) < 2:
                side = (a[2] + b[0]) / 2
                if all(abs(side - other) >= 2 for other in sides):
                    sides.append(side)
    return sorted(sides)


def with_header_sides(gutters: list[float], sides: list[float], cells: list[Box]) -> list[float]:
    """Add the shaded header cells' sides that no body phrase crosses and that lie in an empty
    stretch of the body holding no gutter yet (body columns too close for ``MIN_GUTTER``)."""
    out = list(gutters)
    for side in sides:
        if straddles(cells, [side]):
            continue
        left = max((c.x1 for c in cells if c.x1 <= side), default=float("-inf"))
        right = min((c.x0 for c in cells if c.x0 >= side), default=float("inf"))
        if not any(left <= g <= right for g in gutters):
            out.append(side)
    return sorted(out)


def settle_gutters(gutters: list[float], cells: list[Box], header: list[Box], sides: list[float]) -> list[float]:
    """Move each gutter within the empty stretch of the body around it to the true column
    side: a shaded header cell's side in that stretch, else the middle of the widest part of the
    stretch that no header word covers (a header wider than its column's figures); a stretch
    that a header word covers whole (a merged header) keeps its gutter.

    >>> settle_gutters([25.0], [Box(0, 9, 10, 12, "81%"), Box(40, 9, 50, 12, "98%")], [Box(0, 0, 30, 5, "Realisasi")], [])
    [35.0]
    """
    out = []
    for g in gutters:
        left = max((c.x1 for c in cells if c.x1 <= g), default=g)
        right = min((c.x0 for c in cells if c.x0 >= g), default=g)
        inside = [side for side in sides if left <= side <= right]
        if inside:
            out.append(min(inside, key=lambda side: abs(side - g)))
            continue
        spans = _free_spans([h for h in header if h.x1 > left and h.x0 < right], left, right)
        widest = max(spans, key=lambda span: span[1] - span[0], default=None)
        out.append((widest[0] + widest[1]) / 2 if widest else g)
    return out


def _free_spans(boxes: list[Box], left: float, right: float) -> list[tuple[float, float]]:
    """The parts of ``left..right`` that no box covers."""
    spans, reach = [], left
    for b in sorted(boxes, key=lambda b: b.x0):
        if b.x0 > reach:
            spans.append((reach, b.x0))
        reach = max(reach, b.x1)
    if right > reach:
        spans.append((reach, right))
    return [s for s in spans if s[1] - s[0] >= 1.0]


def cut_at_gutters(line: list[Box], gutters: list[float]) -> list[list[Box]]:
    """The phrases of a line as lists of words, cut where a gutter lies between two words."""
    out: list[list[Box]] = []
    for box in line:
        if out and box.x0 - out[-1][-1].x1 < PHRASE_GAP and not any(out[-1][-1].x1 <= g <= box.x0 for g in gutters):
            out[-1].append(box)
        else:
            out.append([box])
    return out


def shaded_header_rows(words: list[Box], shades: list[tuple], gutters: list[float]) -> list[list[str]]:
    """Given a header band's words, its shaded cells and the body's gutters, return the header
    as rows of cells when the shading shows two rows or more (a group heading such as "Kinerja"
    over "Target | Realisasi | Capaian"), else []: each shaded cell's words go to the row of its
    top and to the column of its left side, as the .docx had them.

    >>> shades = [(0, 0, 20, 20), (20, 0, 60, 10), (20, 10, 40, 20), (40, 10, 60, 20)]
    >>> words = [Box(2, 1, 12, 8, "No"), Box(22, 1, 40, 8, "Kinerja"), Box(22, 11, 34, 18, "Target"), Box(42, 11, 55, 18, "Real")]
    >>> shaded_header_rows(words, shades, [20, 40])
    [['No', 'Kinerja', ''], ['', 'Target', 'Real']]
    """
    tops: list[float] = []
    for shade in sorted(set(shades), key=lambda s: s[1]):
        if not tops or shade[1] - tops[-1] > 1.0:
            tops.append(shade[1])
    if len(tops) < 2:
        return []
    rows = [[[] for _ in range(len(gutters) + 1)] for _ in tops]
    for shade in set(shades):
        k = min(range(len(tops)), key=lambda i: abs(tops[i] - shade[1]))
        inside = [w for w in words if shade[0] <= (w.x0 + w.x1) / 2 <= shade[2] and shade[1] <= (w.top + w.bottom) / 2 <= shade[3]]
        if inside:
            column = sum(1 for g in gutters if shade[0] + 1 > g)
            rows[k][column] += [line_text(line) for line in boxes_to_lines(inside)]
    return [[join_wrapped(pieces) for pieces in row] for row in rows]


def header_cells(boxes: list[Box], gutters: list[float]) -> list[str]:
    """Given the header band's words and the body's gutters, return one header text per column.

    Words are taken line by line as phrases (words closer than ``PHRASE_GAP``), each phrase cut
    where a gutter falls between two of its words; a piece within one column heads that column,
    a word crossing a gutter (a merged header cell such as "Target" centred over the years)
    heads every column it overlaps; each column's pieces are joined top down ("Target" /
    "Tahun" / "2022").

    >>> header_cells([Box(0, 0, 40, 5, "Target"), Box(0, 6, 15, 11, "2022"), Box(25, 6, 40, 11, "2023")], [20])
    ['Target 2022', 'Target 2023']
    >>> header_cells([Box(0, 0, 18, 5, "Realisasi"), Box(21, 0, 40, 5, "Capaian")], [19.5])
    ['Realisasi', 'Capaian']
    """
    ncols = len(gutters) + 1
    bounds = [float("-inf")] + gutters + [float("inf")]
    pieces: list[list[str]] = [[] for _ in range(ncols)]
    for line in boxes_to_lines(boxes):
        for phrase in cut_at_gutters(line, gutters):
            if straddles(phrase, gutters):
                heads = [c for c in range(ncols) if phrase[0].x0 < bounds[c + 1] and phrase[-1].x1 > bounds[c]]
            else:
                heads = [sum(1 for g in gutters if (phrase[0].x0 + phrase[-1].x1) / 2 > g)]
            for c in heads:
                pieces[c].append(line_text(phrase))
    return [join_wrapped(p) for p in pieces]
