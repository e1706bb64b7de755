"""Tables set between horizontal rules, without cell borders (*tabel tanpa garis kolom*).

Word and LibreOffice tables in the "borderless" style have a rule above the table, one under the
header and one below the table, and no vertical rulings. Given the page's horizontal rules (any
unit: pixels for OCR, points for PDF) and its word boxes, :func:`rule_bounded_tables` finds such
tables: a *body* band between two rules (or from a rule to where the columns stop, when the page
cuts the table) whose words leave two or more empty x ranges (*gutters*) top to bottom, and the
*header* band right above it. Columns come from the body's gutters; the header band becomes one
row (its wrapped words joined per column); body lines become rows anchored on the lines that hold
figures (:func:`~extractor.read.geometry.aligned_rows`), their wrapped text joined to them.
"""
from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from .geometry import Box, aligned_rows, boxes_to_lines, caption_pattern, line_bbox, line_conf, line_text
from .rows import join_wrapped

MIN_GUTTER = 0.6      # a gutter is at least this many median word heights wide (word spaces are less)
MAX_HEADER_LINES = 6  # a header band taller than this many lines is not a header
SAME_WIDTH = 0.8      # rules of one table overlap by at least this share of the shorter one


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: its height on the page and its x extent."""

    y: float
    x0: float
    x1: float


@dataclass
class RuleTable:
    """A table found between rules: its rows as (cells, boxes) and the words it took."""

    rows: list[tuple[list[str], list[Box]]]
    taken: set[int]
    gutters: list[float]


def word_gutters(boxes: list[Box], min_width: float) -> list[float]:
    """Given the word boxes of a table body, return the x middles of the empty ranges at least
    ``min_width`` wide between its leftmost and rightmost word.

    >>> words = [Box(0, 0, 20, 10, "a"), Box(40, 0, 60, 10, "1"), Box(5, 12, 18, 22, "b"), Box(45, 12, 58, 22, "2")]
    >>> word_gutters(words, 6)
    [30.0]
    """
    if not boxes:
        return []
    spans = sorted((b.x0, b.x1) for b in boxes)
    gutters = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_width:
            gutters.append((reach + x0) / 2)
        reach = max(reach, x1)
    return gutters


def _overlap(a: Rule, b: Rule) -> bool:
    shorter = min(a.x1 - a.x0, b.x1 - b.x0)
    return shorter > 0 and min(a.x1, b.x1) - max(a.x0, b.x0) >= SAME_WIDTH * shorter


def _inside(boxes: list[Box], top: float, bottom: float, rule: Rule, slack: float) -> list[Box]:
    return [b for b in boxes if top < (b.top + b.bottom) / 2 < bottom
            and rule.x0 - slack <= (b.x0 + b.x1) / 2 <= rule.x1 + slack]


def _crosses(line: list[Box], gutters: list[float]) -> bool:
    return any(b.x0 < g < b.x1 for b in line for g in gutters)


def _body_lines(boxes: list[Box], top: float, bottom: float | None, rule: Rule, slack: float,
                gutters: list[float] | None = None) -> list[list[Box]]:
    """The visual lines of a body band; an open band (``bottom`` None: the page cut the table)
    runs down while its lines cross none of the gutters and are no caption."""
    if bottom is not None:
        return boxes_to_lines(_inside(boxes, top, bottom, rule, slack))
    lines = boxes_to_lines(_inside(boxes, top, float("inf"), rule, slack))
    kept = []
    for line in lines:
        if _crosses(line, gutters or []) or caption_pattern().match(line_text(line)):
            break
        kept.append(line)
    return kept


def _header_row(lines: list[list[Box]], gutters: list[float]) -> tuple[list[str], list[list[Box]]]:
    """One row of the header band: each column's words, line by line, joined."""
    ncols = len(gutters) + 1
    pieces: list[list[str]] = [[] for _ in range(ncols)]
    for line in lines:
        cols: list[list[Box]] = [[] for _ in range(ncols)]
        for box in line:
            cols[sum(1 for g in gutters if (box.x0 + box.x1) / 2 > g)].append(box)
        for c, words in enumerate(cols):
            if words:
                pieces[c].append(line_text(words))
    return [join_wrapped(p) for p in pieces], lines


def rule_bounded_tables(rules: list[Rule], boxes: list[Box], min_cols: int = 3) -> list[RuleTable]:
    """Given a page's horizontal rules and word boxes, return the tables set between the rules.

    >>> w = lambda x, y, t: Box(x, y, x + 20, y + 10, t)
    >>> rules = [Rule(0, 0, 200), Rule(25, 0, 200), Rule(80, 0, 200)]
    >>> words = [w(0, 5, "No"), w(60, 5, "Nama"), w(150, 5, "Nilai"),
    ...          w(0, 30, "1"), w(60, 30, "Satu"), w(150, 30, "10"), w(60, 45, "lagi"),
    ...          w(0, 60, "2"), w(60, 60, "Dua"), w(150, 60, "20")]
    >>> [cells for cells, _ in rule_bounded_tables(rules, words)[0].rows]
    [['No', 'Nama', 'Nilai'], ['1', 'Satu lagi', '10'], ['2', 'Dua', '20']]
    """
    if not boxes:
        return []
    height = median(b.bottom - b.top for b in boxes)
    slack = height
    ordered = sorted(rules, key=lambda r: r.y)
    tables: list[RuleTable] = []
    used: set[int] = set()
    bands = [_band(boxes, rule, ordered[k + 1] if k + 1 < len(ordered) else None, height, slack, min_cols)
             for k, rule in enumerate(ordered)]
    for k, rule in enumerate(ordered):
        gutters, lines = bands[k]
        if len(gutters) < min_cols - 1 or len(lines) < 2 or any(id(b) in used for line in lines for b in line):
            continue
        if (k + 1 < len(bands) and len(bands[k + 1][0]) >= min_cols - 1 and len(bands[k + 1][1]) >= 2
                and len(lines) <= MAX_HEADER_LINES and _overlap(rule, ordered[k + 1])):
            continue  # the header band of the table below
        edges = edge_gutters(lines, height)
        if len(edges) > len(gutters):  # aligned cell edges see columns whose text runs close together
            gutters = edges
        rows = aligned_rows(lines, gutters)
        taken = {id(b) for line in lines for b in line}
        above = ordered[k - 1] if k > 0 else None
        if above is not None and _overlap(above, rule):
            header = boxes_to_lines([b for b in _inside(boxes, above.y, rule.y, rule, slack) if id(b) not in used])
            if header and len(header) <= MAX_HEADER_LINES:
                rows.insert(0, _header_row(header, gutters))
                taken |= {id(b) for line in header for b in line}
        used |= taken
        tables.append(RuleTable([(cells, [b for line in members for b in line]) for cells, members in rows],
                                taken, gutters))
    return tables


def _band(boxes: list[Box], rule: Rule, below: Rule | None, height: float, slack: float,
          min_cols: int) -> tuple[list[float], list[list[Box]]]:
    """The gutters and visual lines of the band under ``rule``: down to the next rule of the same
    width, else (the page cut the table) down to where the columns stop."""
    if below is not None and _overlap(rule, below):
        band = _inside(boxes, rule.y, below.y, rule, slack)
        return word_gutters(band, MIN_GUTTER * height), boxes_to_lines(band)
    gutters = _open_gutters(boxes_to_lines(_inside(boxes, rule.y, float("inf"), rule, slack)), height, min_cols)
    return gutters, _body_lines(boxes, rule.y, None, rule, slack, gutters)


def _open_gutters(lines: list[list[Box]], height: float, min_cols: int) -> list[float]:
    """Gutters of a band the page cut: from the lines from the top down to the first that closes
    most of them (body text under the table) or leaves fewer than ``min_cols - 1``."""
    if len(lines) < 2:
        return []
    gutters = word_gutters(lines[0], MIN_GUTTER * height)
    for end in range(2, len(lines) + 1):
        found = word_gutters([b for line in lines[:end] for b in line], MIN_GUTTER * height)
        if len(found) < min_cols - 1 or len(found) * 2 < len(gutters):
            break
        gutters = found
    return gutters


def edge_gutters(lines: list[list[Box]], height: float, min_lines: int = 3, crossing: float = 0.1) -> list[float]:
    """Given the visual lines of a table body, return gutters from aligned cell edges: where the
    text runs of at least ``min_lines`` lines start (left-aligned cells) or end (right-aligned
    figures) at one x, just outside that x, unless words cross it on more than ``crossing`` of
    the lines.

    >>> w = lambda x, y, t, n=20: Box(x, y, x + n, y + 10, t)
    >>> lines = [[w(0, y, "1"), w(30, y, "Nama", 25), w(58, y, "orang"), w(100, y, "9")] for y in (0, 12, 24)]
    >>> edge_gutters(lines, 10)
    [25.0, 89.0]
    """
    gap = MIN_GUTTER * height
    starts: list[tuple[float, int]] = []
    ends: list[tuple[float, int]] = []
    for k, line in enumerate(lines):
        for i, box in enumerate(line):
            if i == 0 or box.x0 - line[i - 1].x1 >= gap:
                starts.append((box.x0, k))
            if i == len(line) - 1 or line[i + 1].x0 - box.x1 >= gap:
                ends.append((box.x1, k))
    need = max(min_lines, int(0.15 * len(lines)))
    candidates = [x - 0.3 * height for x in _aligned(starts, 0.3 * height, need)]
    candidates += [x + 0.3 * height for x in _aligned(ends, 0.3 * height, need)]
    left = min(b.x0 for line in lines for b in line)
    right = max(b.x1 for line in lines for b in line)
    boxes = [b for line in lines for b in line]
    kept: list[float] = []
    for g in sorted(candidates):
        crossed = sum(1 for line in lines if any(b.x0 < g < b.x1 for b in line))
        if not left < g < right or crossed > crossing * len(lines):
            continue
        if kept and not any(kept[-1] <= b.x0 and b.x1 <= g for b in boxes):
            kept[-1] = (kept[-1] + g) / 2  # no word between: two edges of one gutter
        else:
            kept.append(g)
    return kept


def _aligned(edges: list[tuple[float, int]], tolerance: float, need: int) -> list[float]:
    """The x values where edges of at least ``need`` different lines meet (within ``tolerance``)."""
    out = []
    group: list[tuple[float, int]] = []
    for x, k in sorted(edges) + [(float("inf"), -1)]:
        if group and x - group[0][0] > tolerance:
            if len({line for _, line in group}) >= need:
                out.append(sum(v for v, _ in group) / len(group))
            group = []
        group.append((x, k))
    return out


def table_lines(table: RuleTable) -> list[tuple[list[str], tuple, float | None]]:
    """Given a rule-bounded table, return its rows as (cells, bbox, confidence)."""
    return [(cells, line_bbox(members), line_conf(members)) for cells, members in table.rows if members]
