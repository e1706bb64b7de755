"""Tables set with horizontal rules only (*tabel tanpa garis*): borderless and partly ruled tables.

Most Word-made reports print their tables with a rule above and below the table and one under the
header, the header cells shaded, and no cell borders. Such a table has no grid for the ruled-table
finder, so it is found here from what it does have:

* ``horizontal_rules``: the page's horizontal edges long enough to be rules (stroked lines and the
  top and bottom sides of shaded cells, joined);
* ``frames``: rules of the same x-extent, top down; the *bands* between consecutive rules of a frame
  are either table bands (text set in columns: the words leave vertical gutters across the band)
  or prose between two tables (``is_table_band``);
* the columns and the header (:mod:`extractor.read.columns`): gutters from the words' coverage,
  completed and moved to the true column sides by the shaded header cells; the header band's
  words put under the body's columns by their x-extent, or as the rows its shaded cells stack;
* body lines grouped into rows (:func:`~extractor.read.anchors.anchored_rows`: figures anchor a row,
  wrapped text joins it by vertical overlap), a merged cell's lines beside the next row's figures
  given back to the row it began in (``join_spanning_cells``); every band after the header is read
  on its own since a rule always ends a row;
* across pages: a table without a closing rule runs on below its last rule while its lines keep
  to its columns and continues at the top of the next page (``OpenTable``); a header band left
  alone at a page's foot heads the next page's rows.

Coordinates are PDF points, ``(x0, top, x1, bottom)`` from the top-left corner.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from .anchors import anchored_rows
from .columns import (coverage_gutters, empty_stretches, header_cells, phrases, settle_gutters,
                      shaded_header_rows, shaded_sides, with_header_sides)
from .geometry import Box, aligned_rows, boxes_to_lines, line_bbox, line_text
from .rows import join_wrapped
from .running import is_page_number

RULE_MIN_LENGTH = 60.0   # points; a table's rule spans at least this much
EXTENT_TOLERANCE = 4.0   # rules whose ends are this close belong to the same frame
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


def free_bands(h_edges: list[tuple], taken: list[tuple]) -> bool:
    """True when the page has a band between two rules of one frame that no table already read
    (``taken`` bboxes) covers: only then need its words be measured for ``rule_tables``."""
    for frame in frames(horizontal_rules(h_edges)):
        x0, x1 = frame[0][1], frame[0][2]
        for a, b in zip(frame, frame[1:]):
            if b[0] - a[0] >= MIN_BAND_HEIGHT and not any(_overlaps((x0, a[0], x1, b[0]), t) for t in taken):
                return True
    return False


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
    the next page (above that page's first rule) are read with the same columns. A header band
    left alone at the page's foot is returned without rows (its words are no text of the page)
    and heads the next page's rows.
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
                rows = _body_rows([head], carried.gutters, continued=True)
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
                rows = _body_rows([boxes], carried.gutters, continued=True)
                if rows:
                    out.append(((carried.x0, top, carried.x1, bottom), rows))
                    head = boxes
                    continue
            if free and (is_table_band(boxes, x0, x1) or (not run and boxes and shaded_sides(shades, top, bottom))):
                run.append((top, bottom, boxes))  # a shaded header row is a table's head, whatever its words
                continue
            if run:
                tail = _open_tail(lines, run, x0, x1, shades, frame[-1][0]) if top is None and _heads_only(run, shades) else []
                if top is None and len(run) == 1 and not tail and _at_page_foot(lines, run[0][1]):
                    # a header band alone at the foot of the page: its body is on the next page
                    gaps = _header_gaps(run[0], shades, x0, x1)
                    band_shades = [s for s in shades if s[1] >= run[0][0] - 2 and s[3] <= run[0][1] + 2]
                    left_open = OpenTable(x0, x1, [(a + b) / 2 for a, b in gaps], gaps, run[0], band_shades)
                    out.append(((x0, run[0][0], x1, run[0][1]), []))  # its words are read with its body
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


def _heads_only(run: list[tuple[float, float, list[Box]]], shades: list[tuple]) -> bool:
    """True when a table's bands so far are its head only (a header band, a column-number row):
    its body has no rule above it and may run on below the last rule. A table whose last rule
    closes a body band is closed."""
    first_headed = len(run) >= 2 or bool(shaded_sides(shades, run[0][0], run[0][1]))
    return first_headed and all(_column_numbers(boxes) for _, _, boxes in run[1:])


def _column_numbers(boxes: list[Box]) -> bool:
    """A column-number row ("1 2 3 …", "(1) (2) …"): short numbers only."""
    texts = [b.text.strip("()") for b in boxes]
    return bool(texts) and all(t.isdigit() and len(t) <= 2 for t in texts)


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


def _body_rows(bands: list[list[Box]], gutters: list[float], continued: bool = False
               ) -> list[tuple[list[str], tuple]]:
    """Rows of the body bands (a rule always ends a row, so each band is read on its own). On a
    page that ``continued`` a table, lines before the first figures are the rest of the row the
    page break cut, not the head of a row set centred: they keep to ``aligned_rows``."""
    rows = []
    for boxes in bands:
        lines = boxes_to_lines(boxes)
        band_rows = aligned_rows(lines, gutters) if continued else anchored_rows(lines, gutters)
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
                columns = [_column(b, gutters) for b in first]
                for c in range(len(cells)):
                    tops = [b.top for b, col in zip(first, columns) if col == c]
                    rise = top - min(tops) if tops else 0.0
                    if cells[c] and above[c] and (rise > SPAN_RISE or (rise > SPAN_RISE_WRAPPED and cells[c][0].islower())):
                        above[c] = join_wrapped([above[c], cells[c]])
                        cells[c] = ""
        out.append((list(cells), members))
    return out


def _column(box: Box, gutters: list[float]) -> int:
    return bisect_left(gutters, (box.x0 + box.x1) / 2)


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
        gutters = with_header_sides(gutters, sides, cells)
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

