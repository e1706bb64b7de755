"""Tables set with horizontal rules only (*tabel tanpa garis*): borderless and partly ruled tables.

Most Word-made reports print their tables with a rule above and below the table and one under the
header, the header cells shaded, and no cell borders. Such a table has no grid for the ruled-table
finder, so it is found here from what it does have:

* ``horizontal_rules``: the page's horizontal edges long enough to be rules (stroked lines and the
  top and bottom sides of shaded cells, joined);
* ``frames``: rules of the same x-extent, top down; the *bands* between consecutive rules of a frame
  are either table bands (text set in columns: the words leave vertical gutters across the band,
  and no word straddles them) or prose between two tables;
* ``band_gutters``: the x positions between columns, from the words' coverage (as pdfplumber's
  ``text`` strategy and camelot's stream mode do), refined by the shaded header cells' sides;
* ``table_rows``: the header band's words put under the body's columns by their x-extent (a header
  phrase spanning two columns, "Target" over "2022 | 2023", heads both; stacked lines are joined
  per column), body lines grouped into rows (:func:`~extractor.read.anchors.anchored_rows`:
  figures anchor a row, wrapped text joins it), every band after the header read on its own
  since a rule always ends a row.

Coordinates are PDF points, ``(x0, top, x1, bottom)`` from the top-left corner.
"""
from __future__ import annotations

from typing import NamedTuple

from .anchors import anchored_rows
from .geometry import Box, boxes_to_lines, line_bbox, line_text
from .rows import join_wrapped
from .running import is_page_number

RULE_MIN_LENGTH = 60.0   # points; a table's rule spans at least this much
EXTENT_TOLERANCE = 4.0   # rules whose ends are this close belong to the same frame
MIN_GUTTER = 6.0         # points of empty x between two columns (cell margins are ~10 pt)
PHRASE_GAP = 6.0         # words closer than this on a line are one phrase (one cell's text)
MIN_BAND_HEIGHT = 4.0    # two rules closer than this are one (a double rule, a shaded cell's side)


def horizontal_rules(h_edges: list[tuple]) -> list[tuple[float, float, float]]:
    """Given merged horizontal edges ``(top, x0, x1)``, return the rules: edges at least
    ``RULE_MIN_LENGTH`` long, top down, with rules closer than ``MIN_BAND_HEIGHT`` of the same
    extent kept once."""
    rules: list[tuple[float, float, float]] = []
    for top, x0, x1 in sorted(h_edges):
        if x1 - x0 < RULE_MIN_LENGTH:
            continue
        if any(abs(top - t) < MIN_BAND_HEIGHT and abs(x0 - a) <= EXTENT_TOLERANCE and abs(x1 - b) <= EXTENT_TOLERANCE
               for t, a, b in rules[-4:]):
            continue
        rules.append((top, x0, x1))
    return rules


def frames(rules: list[tuple[float, float, float]]) -> list[list[tuple[float, float, float]]]:
    """Given rules, return groups of two or more with the same x-extent, each top down.

    >>> frames([(10, 50, 500), (30, 50, 500), (40, 60, 200), (90, 51, 499)])
    [[(10, 50, 500), (30, 50, 500), (90, 51, 499)]]
    """
    groups: list[list[tuple[float, float, float]]] = []
    for rule in rules:
        for group in groups:
            if abs(group[0][1] - rule[1]) <= EXTENT_TOLERANCE and abs(group[0][2] - rule[2]) <= EXTENT_TOLERANCE:
                group.append(rule)
                break
        else:
            groups.append([rule])
    return [g for g in groups if len(g) >= 2]


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


def _straddles(boxes: list[Box], gutters: list[float]) -> int:
    return sum(1 for b in boxes for g in gutters if b.x0 < g < b.x1)


def _band_boxes(words: list[Box], top: float, bottom: float, x0: float, x1: float) -> list[Box]:
    return [w for w in words if top <= (w.top + w.bottom) / 2 <= bottom
            and x0 - 2 <= (w.x0 + w.x1) / 2 <= x1 + 2]


def is_table_band(boxes: list[Box], x0: float, x1: float) -> bool:
    """A band between two rules holds table text when its phrases leave a gutter (two columns
    or more) and it is not prose: prose lines run across most of the width with word gaps only."""
    if not boxes:
        return False
    lines = boxes_to_lines(boxes)
    cells = [p for line in lines for p in phrases(line)]
    if not coverage_gutters(cells, x0, x1):
        return False
    wide = sum(1 for line in lines if len(phrases(line)) == 1 and line[-1].x1 - line[0].x0 > 0.6 * (x1 - x0))
    return wide <= len(lines) / 3


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


class OpenTable(NamedTuple):
    """A rule table still open at the foot of a page (no closing rule): its x-extent and the
    x between its columns and the empty stretches around them, to read its continuation at the
    top of the next page."""
    x0: float
    x1: float
    gutters: list[float]
    gaps: list[tuple[float, float]]
    header: tuple | None = None  # (top, bottom, words) of a header band left alone at a page's foot
    header_shades: list[tuple] = []


Table = tuple[tuple, list[tuple[list[str], tuple]]]


def rule_tables(h_edges: list[tuple], words: list[Box], shades: list[tuple] = (), taken: list[tuple] = (),
                carried: OpenTable | None = None) -> tuple[list[Table], OpenTable | None]:
    """Given a page's merged horizontal edges, its word boxes, its shaded rectangles, the
    bboxes of tables already read (ruled) and the table left open at the foot of the previous
    page, return the page's rule-delimited tables as ``(bbox, rows of (cells, bbox))`` (the form
    of :func:`extractor.read.pdf.ruled_tables`) and the table this page leaves open.

    A table whose last band is followed by more rows and no closing rule runs on below its
    last rule while the lines keep to its columns; it is then open, and its rows at the top of
    the next page (above that page's first rule) are read with the same columns.
    """
    out: list[Table] = []
    rules = horizontal_rules(h_edges)
    lines = boxes_to_lines(words) if words else []
    first_rule = rules[0][0] if rules else float("inf")
    head: list[Box] = []
    if carried:
        head = _continuation(lines, carried, first_rule)
        if head:
            box = line_bbox(head)
            if carried.header:
                table = _read_table([carried.header], carried.x0, carried.x1, carried.header_shades,
                                    boxes_to_lines(head))
                rows = [(cells, (carried.x0, box[1], carried.x1, box[1]) if k == 0 or row_box[1] < box[1] else row_box)
                        for k, (cells, row_box) in enumerate(table[1])] if table else []
            else:
                rows = _body_rows([head], carried.gutters)
            if rows:
                out.append(((carried.x0, box[1], carried.x1, box[3]), rows))
    # a header left alone at the foot of the previous page, whose body this page did not continue
    pending = carried.header if carried and carried.header and not head else None
    left_open = None
    for frame in frames(rules):
        x0, x1 = frame[0][1], frame[0][2]
        bands = [(a[0], b[0]) for a, b in zip(frame, frame[1:]) if b[0] - a[0] >= MIN_BAND_HEIGHT]
        run: list[tuple[float, float, list[Box]]] = []
        for top, bottom in bands + [(None, None)]:
            boxes = _band_boxes(words, top, bottom, x0, x1) if top is not None else []
            if pending and top is not None and abs(top - first_rule) < 1:
                top, boxes = _rejoin_header(pending, top, boxes)
                pending = None
            free = top is not None and not any(_overlaps((x0, top, x1, bottom), t) for t in taken)
            if free and carried and not head and not run and abs(top - first_rule) < 1 and boxes \
                    and not shaded_sides(shades, top, bottom) and _figure_band(boxes):
                # the previous page's open table goes on between this page's first rules
                rows = _body_rows([boxes], carried.gutters)
                if rows:
                    out.append(((carried.x0, top, carried.x1, bottom), rows))
                    head = boxes
                    continue
            if free and is_table_band(boxes, x0, x1):
                run.append((top, bottom, boxes))
                continue
            if run:
                headed = len(run) >= 2 or bool(shaded_sides(shades, run[0][0], run[0][1]))
                tail = _open_tail(lines, run, x0, x1, shades, frame[-1][0]) if top is None and headed else []
                if top is None and len(run) == 1 and not tail and _at_page_foot(lines, run[0][1]):
                    # a header band alone at the foot of the page: its body is on the next page
                    gaps = _header_gaps(run[0], shades, x0, x1)
                    band_shades = [s for s in shades if s[1] >= run[0][0] - 2 and s[3] <= run[0][1] + 2]
                    left_open = OpenTable(x0, x1, [(a + b) / 2 for a, b in gaps], gaps, run[0], band_shades)
                    run = []
                    continue
                table = _read_table(run, x0, x1, shades, tail)
                if table:
                    out.append(table[:2])
                    if tail:
                        left_open = OpenTable(x0, x1, table[2], table[3])
                run = []
    return out, left_open


MAX_ROW_GAP = 3.0   # line heights of empty space that end a table running on without a rule


def _figure_band(boxes: list[Box]) -> bool:
    """A band of table body: half its phrases or more hold a digit (a header holds words)."""
    cells = [p for line in boxes_to_lines(boxes) for p in phrases(line)]
    figures = sum(1 for p in cells if any(ch.isdigit() for ch in p.text))
    return figures >= 2 and figures >= len(cells) / 2


def _fits_columns(line: list[Box], gaps: list[tuple[float, float]]) -> bool:
    """A line keeps to a table's columns when none of its phrases crosses one of the empty
    stretches ``(left, right)`` between them whole, and it is no page number."""
    return bool(gaps) and not any(p.x0 < left - 1 and p.x1 > right + 1 for p in phrases(line) for left, right in gaps) \
        and not is_page_number(line_text(line))


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


def _open_tail(lines: list[list[Box]], run, x0: float, x1: float, shades, last_rule: float) -> list[list[Box]]:
    """The lines below a table's last rule that continue it: they keep to its columns (the
    shaded header cells' sides, else the gutters between the header's phrases), with no wide
    empty gap above them."""
    if run[-1][1] < last_rule - 1:
        return []  # the run ended before the frame's last rule: closed
    bounds = _header_gaps(run[0], shades, x0, x1)
    tail: list[list[Box]] = []
    reach = last_rule
    for line in lines:
        top, bottom = min(b.top for b in line), max(b.bottom for b in line)
        if top < last_rule:
            continue
        if top - reach > MAX_ROW_GAP * (bottom - top) or not _fits_columns(line, bounds):
            break
        tail.append(line)
        reach = bottom
    return tail


def _rejoin_header(header: tuple, top: float, boxes: list[Box]) -> tuple[float, list[Box]]:
    """Given a header band left at the foot of the previous page and the first band of this
    page (its top and words), return the band with the header's words set just above its own:
    the rest of a header row the page break cut. A header repeated whole is kept once."""
    ours = {b.text for b in boxes}
    if ours and sum(1 for b in header[2] if b.text in ours) >= SAME_WORDS * len(ours):
        return top, boxes  # the page repeats the header
    shift = top - header[1]
    moved = [Box(b.x0, b.top + shift, b.x1, b.bottom + shift, b.text) for b in header[2]]
    return header[0] + shift, moved + boxes


SAME_WORDS = 0.8  # share of a band's words found in a header for the band to repeat it


def _header_gaps(header: tuple, shades: list[tuple], x0: float, x1: float) -> list[tuple[float, float]]:
    """The x between a header band's columns: its shaded cells' sides, else the empty stretches
    between its phrases."""
    sides = shaded_sides(shades, header[0], header[1])
    heads = [p for ln in boxes_to_lines(header[2]) for p in phrases(ln)]
    return [(s, s) for s in sides] or empty_stretches(heads, coverage_gutters(heads, x0, x1))


FOOT_LINES = 2  # lines a page may still have below a table's header that is left at its foot


def _at_page_foot(lines: list[list[Box]], below: float) -> bool:
    """True when nothing but page furniture (a page number, a footer line or two) follows
    ``below`` on the page."""
    after = [ln for ln in lines if min(b.top for b in ln) > below and not is_page_number(line_text(ln))]
    return len(after) <= FOOT_LINES - 1 or (len(after) <= FOOT_LINES and all(
        min(b.top for b in ln) - below > MAX_ROW_GAP * (max(b.bottom for b in ln) - min(b.top for b in ln)) for ln in after))


def _continuation(lines: list[list[Box]], carried: OpenTable, first_rule: float) -> list[Box]:
    """The words at the top of a page that continue the previous page's open table: lines
    above the first rule that keep to its columns (a running header before them skipped)."""
    out: list[Box] = []
    skipped = 0
    reach = None
    for line in lines:
        top, bottom = min(b.top for b in line), max(b.bottom for b in line)
        if top >= first_rule:
            break
        inside = line[0].x0 >= carried.x0 - 2 and line[-1].x1 <= carried.x1 + 2
        if not (inside and _fits_columns(line, carried.gaps)) or (
                reach is not None and top - reach > MAX_ROW_GAP * (bottom - top)):
            if out or skipped >= 2:
                break
            skipped += 1
            continue
        out += line
        reach = bottom
    return out


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] - 2 and b[0] < a[2] - 2 and a[1] < b[3] - 2 and b[1] < a[3] - 2


def _body_rows(bands: list[list[Box]], gutters: list[float]) -> list[tuple[list[str], tuple]]:
    """Rows of the body bands (a rule always ends a row, so each band is read on its own)."""
    rows = []
    for boxes in bands:
        band_rows = anchored_rows(boxes_to_lines(boxes), gutters)
        for row_cells, members in join_spanning_cells(band_rows, gutters):
            if any(row_cells):
                rows.append((row_cells, line_bbox([b for m in members for b in m])))
    return rows


SPAN_RISE = 1.0          # points; a cell's first line this far above its row's top began in a row above
SPAN_RISE_WRAPPED = 0.15  # ... or this far when it reads as a wrapped line (starts in lower case)


def join_spanning_cells(rows: list[tuple[list[str], list[list[Box]]]], gutters: list[float]
                        ) -> list[tuple[list[str], list[list[Box]]]]:
    """Given rows (cells, member lines) of a band, move the text of a cell that began above its
    row (a merged cell spanning rows, *sel gabungan*, whose wrapped lines fall beside the next
    row's figures) back to the row above.

    The row's top is the top of the figures on its first line (words' loose boxes: one font on
    one baseline, one top); a cell whose first word there stands ``SPAN_RISE`` higher is set on
    an earlier line pitch: it continues the cell above. Rows are often spaced by a fraction of a
    point only, so a cell a little higher that starts in lower case (a wrapped line, not a new
    name) continues the cell above too.

    >>> row = lambda top, *texts: ([*texts], [[Box(10 + 40 * i, top, 30 + 40 * i, top + 8, t) for i, t in enumerate(texts) if t]])
    >>> rows = join_spanning_cells([row(0, "Sasaran: Meningkatnya", "Waktu", "22"), row(11.9 + 2.6, "", "Jumlah", "14")], [35, 75])
    >>> [cells for cells, _ in rows]
    [['Sasaran: Meningkatnya', 'Waktu', '22'], ['', 'Jumlah', '14']]
    >>> rows = join_spanning_cells([row(0, "Sasaran: Meningkatnya", "Waktu", "22"), ([ "kesiapsiagaan", "Jumlah", "14"], [[Box(10, 11.9, 30, 19.9, "kesiapsiagaan"), Box(50, 14.5, 70, 22.5, "Jumlah"), Box(90, 14.5, 110, 22.5, "14")]])], [35, 75])
    >>> [cells for cells, _ in rows]
    [['Sasaran: Meningkatnya kesiapsiagaan', 'Waktu', '22'], ['', 'Jumlah', '14']]
    """
    out: list[tuple[list[str], list[list[Box]]]] = []
    for cells, members in rows:
        if out and members:
            first = members[0]
            figures = [b.top for b in first if any(ch.isdigit() for ch in b.text)]
            if figures:
                top = min(figures)
                above = out[-1][0]
                for c in range(len(cells)):
                    tops = [b.top for b in first if _column(b, gutters) == c]
                    rise = top - min(tops) if tops else 0.0
                    if cells[c] and above[c] and (rise > SPAN_RISE or (rise > SPAN_RISE_WRAPPED and cells[c][0].islower())):
                        above[c] = join_wrapped([above[c], cells[c]])
                        cells[c] = ""
        out.append((list(cells), members))
    return out


def _column(box: Box, gutters: list[float]) -> int:
    return sum(1 for g in gutters if (box.x0 + box.x1) / 2 > g)


def _read_table(bands: list[tuple[float, float, list[Box]]], x0: float, x1: float, shades: list[tuple],
                tail: list[list[Box]] = ()):
    """Given a table's bands (top, bottom, words) and the lines it runs on with below its last
    rule, return ``(bbox, rows, gutters, the empty stretches around them)`` or None."""
    header_band = bands[0] if len(bands) >= 2 or tail or shaded_sides(shades, bands[0][0], bands[0][1]) else None
    body = [boxes for _, _, boxes in (bands[1:] if header_band else bands)]
    if tail:
        body.append([b for line in tail for b in line])
    body = [b for b in body if b]
    if not body:
        return None
    cells = [p for boxes in body for line in boxes_to_lines(boxes) for p in phrases(line)]
    gutters = coverage_gutters(cells, x0, x1)
    if header_band:
        sides = shaded_sides(shades, header_band[0], header_band[1])
        gutters = _with_header_sides(gutters, sides, cells)
        gutters = settle_gutters(gutters, cells, header_band[2], sides)
    if not gutters:
        return None
    rows: list[tuple[list[str], tuple]] = []
    if header_band:
        top, bottom, words = header_band
        stacked = shaded_header_rows(words, [s for s in shades if s[1] >= top - 2 and s[3] <= bottom + 2], gutters)
        rows += [(cells, (x0, top, x1, bottom)) for cells in stacked] or [
            (header_cells(words, gutters), (x0, top, x1, bottom))]
    rows += _body_rows(body, gutters)
    if len(rows) < 2:
        return None
    bottom = max(r[1][3] for r in rows)
    return (x0, bands[0][0], x1, max(bottom, bands[-1][1])), rows, gutters, empty_stretches(cells, gutters)


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


def _with_header_sides(gutters: list[float], sides: list[float], cells: list[Box]) -> list[float]:
    """Add the shaded header cells' sides that no body phrase crosses and that lie in an empty
    stretch of the body holding no gutter yet (body columns too close for ``MIN_GUTTER``)."""
    out = list(gutters)
    for side in sides:
        if _straddles(cells, [side]):
            continue
        left = max((c.x1 for c in cells if c.x1 <= side), default=float("-inf"))
        right = min((c.x0 for c in cells if c.x0 >= side), default=float("inf"))
        if not any(left <= g <= right for g in gutters):
            out.append(side)
    return sorted(out)


def _cut_at_gutters(line: list[Box], gutters: list[float]) -> list[list[Box]]:
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
        for phrase in _cut_at_gutters(line, gutters):
            if _straddles(phrase, gutters):
                heads = [c for c in range(ncols) if phrase[0].x0 < bounds[c + 1] and phrase[-1].x1 > bounds[c]]
            else:
                heads = [sum(1 for g in gutters if (phrase[0].x0 + phrase[-1].x1) / 2 > g)]
            for c in heads:
                pieces[c].append(line_text(phrase))
    return [join_wrapped(p) for p in pieces]
