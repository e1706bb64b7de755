"""Unruled tables whose cells wrap over many lines (*sel yang terlipat*), from word positions.

Narrow columns of a borderless table wrap an indicator name or a formula over ten or forty lines
while the figures stand on one line (the row's *anchor*). Lines with text in one or two columns
alone do not look like a table; what makes them one is that their words stay inside the columns
the anchor lines set. :func:`wrapped_tables` starts from the lines with text in ``min_cols`` or
more columns, takes the empty x ranges between their words as the gutters, and grows the region
up and down over every line whose words cross no gutter (captions and body text do).
"""
from __future__ import annotations

from statistics import median

from .geometry import Box, caption_pattern, line_segments, line_text
from .rule_bounded import MIN_GUTTER, word_gutters

MIN_LINES = 3     # a region of fewer lines is no table
MIN_CHANNEL = 0.6  # an empty x range narrower than this many word heights is closed (word spaces are)


def _channels(line: list[Box], min_width: float) -> list[tuple[float, float]]:
    """The empty x ranges at least ``min_width`` wide between the words of an anchor line."""
    return [(a.x1, b.x0) for a, b in zip(line, line[1:]) if b.x0 - a.x1 >= min_width]


def _narrowed(channels: list[tuple[float, float]], line: list[Box], min_width: float):
    """Given the open channels and a line, return them less the line's words, or None when a
    channel closes (its words leave no piece ``min_width`` wide). A word standing inside a
    channel splits it: the anchor line had that column empty.

    >>> _narrowed([(10, 50)], [Box(20, 0, 30, 1, "w")], 5), _narrowed([(10, 50)], [Box(5, 0, 48, 1, "w")], 5)
    ([(10, 20), (30, 50)], None)
    """
    out = []
    for lo, hi in channels:
        pieces = [(lo, hi)]
        for b in line:
            pieces = [part for a, z in pieces for part in ((a, min(z, b.x0)), (max(a, b.x1), z)) if part[1] > part[0]]
        pieces = [(a, z) for a, z in pieces if z - a >= min_width]
        if not pieces:
            return None
        out += pieces
    return out


def wrapped_tables(lines: list[list[Box]], min_cols: int = 3) -> list[tuple[int, int, list[float]]]:
    """Given a page's visual lines (top down), return table regions as ``(first, last, gutters)``.

    >>> w = lambda x, y, t: Box(x, y, x + 20, y + 10, t)
    >>> lines = [[w(0, 0, "Teks"), w(23, 0, "biasa"), w(46, 0, "di"), w(69, 0, "atas"), w(92, 0, "ini")],
    ...          [w(0, 20, "1"), w(40, 20, "Nama"), w(80, 20, "Rumus"), w(120, 20, "90%")],
    ...          [w(40, 32, "yang"), w(80, 32, "dibagi")], [w(45, 44, "panjang")], [w(80, 56, "lagi")]]
    >>> wrapped_tables(lines)
    [(1, 4, [30.0, 72.5, 110.0])]
    """
    heights = [b.bottom - b.top for line in lines for b in line]
    if not heights:
        return []
    height = median(heights)
    gap, narrow = 1.2 * height, MIN_CHANNEL * height
    seeds = {k: _channels(line, MIN_GUTTER * height) for k, line in enumerate(lines)
             if len(line_segments(line, gap)) >= min_cols}
    regions: list[tuple[int, int, list[float]]] = []
    taken: set[int] = set()
    # the anchor with the most columns first: lines of wrapped text fit inside its columns
    for k in sorted(seeds, key=lambda k: (-len(seeds[k]), k)):
        channels = seeds[k]
        if k in taken or len(channels) < min_cols - 1:
            continue
        left, right = lines[k][0].x0 - gap, lines[k][-1].x1 + gap

        def fits(index):
            line = lines[index]
            return (index not in taken and line[0].x0 >= left and line[-1].x1 <= right
                    and not caption_pattern().match(line_text(line)) and _narrowed(channels, line, narrow))

        first, last = k, k
        while first - 1 >= 0 and (found := fits(first - 1)):
            channels, first = found, first - 1
        while last + 1 < len(lines) and (found := fits(last + 1)):
            channels, last = found, last + 1
        if last - first + 1 >= MIN_LINES:
            regions.append((first, last, [(lo + hi) / 2 for lo, hi in channels]))
            taken.update(range(first, last + 1))
    regions.sort()
    return regions
