"""Text runs, ruling lines and ruled tables of a born-digital PDF page, from pypdfium2 alone.

pdfplumber's ``find_tables()`` needs pdfminer to interpret the whole page in Python (about 0.1 s a
page); pdfium does it in C. This module reads what the table finder needs from pdfium and runs
pdfplumber's table algorithm ("lines" strategy, default settings) on it:

* ``page_runs``: the text runs of a page (one per text object, the rectangles pdfium's
  ``FPDFText_CountRects`` gives) with their text and character range, in one pass over the
  characters (``FPDFText_GetBoundedText`` per run rescans every character of the page);
* ``page_edges``: horizontal and vertical edges of every straight path segment (lines, rectangles,
  polylines, also inside form XObjects), in top-left coordinates like pdfplumber's ``page.edges``;
* ``find_tables``: pdfplumber's snap / join / intersections / cells / tables steps with the same
  tolerances and the same results (tests/test_read_pdf.py compares them), without its quadratic
  loops;
* ``fill_tables``: each cell's text lines. A run lies in one cell as a rule; a run that crosses a
  cell border (a whole row printed by one text operator) is split character by character with
  pdfplumber's rule (a character belongs to the cell that holds its middle).

All coordinates are PDF points, ``(x0, top, x1, bottom)`` from the top-left corner. Nothing is kept
between pages.
"""
from __future__ import annotations

import ctypes
import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

SNAP = 3.0          # pdfplumber snap_tolerance
JOIN = 3.0          # pdfplumber join_tolerance
INTERSECT = 3.0     # pdfplumber intersection_tolerance
EDGE_MIN = 3.0      # pdfplumber edge_min_length
EDGE_PREFILTER = 1.0  # pdfplumber edge_min_length_prefilter
WORD_GAP = 3.0      # pdfplumber x_tolerance: a wider gap between two pieces of text is a space
STRADDLE = 1.0      # a run reaching this far past its cell's side is split by characters
PDFIUM_HYPHEN = "\ufffe"  # pdfium's page text marks a hyphen that ends a line with U+FFFE ...
PDFIUM_HYPHEN_CODE = 2    # ... and FPDFText_GetUnicode with 2
MAX_DEPTH = 4       # form XObjects nested deeper than this are not searched for rulings


class Run(NamedTuple):
    """A text run: one text object's characters ``start..end`` (inclusive) on the page."""
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    start: int
    end: int


@dataclass
class Table:
    """A ruled table: its cells (pdfplumber order) and rows, each the row's cells or None
    where a spanning cell of the same row covers the column (pdfplumber ``Table.rows``)."""
    cells: list[tuple]
    rows: list[list[tuple | None]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple:
        return (min(c[0] for c in self.cells), min(c[1] for c in self.cells),
                max(c[2] for c in self.cells), max(c[3] for c in self.cells))


# ---------------------------------------------------------------- fast calls into pdfium

class _Api:
    """pdfium functions called once per character or segment, declared without argument types
    (ctypes converts arguments several times faster then) and returning plain ints for handles.
    Pointer arguments must be ``ctypes.c_void_p`` or ``byref`` objects."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        def fn(name: str, restype=ctypes.c_int):
            return ctypes.CFUNCTYPE(restype)(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value)

        handle = ctypes.c_void_p
        # FPDFText_GetTextObject is in pdfium builds from mid-2023 on; older ones: runs by rectangle
        self.text_object = fn("FPDFText_GetTextObject", handle) if hasattr(raw, "FPDFText_GetTextObject") else None
        self.count_rects = fn("FPDFText_CountRects")
        self.get_rect = fn("FPDFText_GetRect")
        self.loose_box = fn("FPDFText_GetLooseCharBox")
        self.unicode = fn("FPDFText_GetUnicode", ctypes.c_uint)
        self.count_objects = fn("FPDFPage_CountObjects")
        self.get_object = fn("FPDFPage_GetObject", handle)
        self.form_count = fn("FPDFFormObj_CountObjects")
        self.form_object = fn("FPDFFormObj_GetObject", handle)  # index: c_ulong
        self.object_type = fn("FPDFPageObj_GetType")
        self.bounds = fn("FPDFPageObj_GetBounds")
        self.matrix = fn("FPDFPageObj_GetMatrix")
        self.count_segments = fn("FPDFPath_CountSegments")
        self.segment = fn("FPDFPath_GetPathSegment", handle)
        self.point = fn("FPDFPathSegment_GetPoint")
        self.segment_type = fn("FPDFPathSegment_GetType")
        self.segment_close = fn("FPDFPathSegment_GetClose")
        self.draw_mode = fn("FPDFPath_GetDrawMode")
        self.PATH, self.IMAGE, self.FORM = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
        self.MOVETO = raw.FPDF_SEGMENT_MOVETO
        self.FS_MATRIX, self.FS_RECTF = raw.FS_MATRIX, raw.FS_RECTF


_API: _Api | None = None


def api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


def handle(obj) -> ctypes.c_void_p:
    """The raw handle of a pypdfium2 object (page, text page) as a void pointer."""
    return ctypes.cast(obj.raw, ctypes.c_void_p)


# ---------------------------------------------------------------- page objects

def page_objects(page_handle: ctypes.c_void_p, max_depth: int = MAX_DEPTH):
    """Yield ``(object handle, type, form matrices)`` for every page object, also inside form
    XObjects (depth-first); ``form matrices`` lists the enclosing forms' matrices, innermost first."""
    a = api()

    def walk(count, get, matrices, depth):
        for i in range(count):
            obj = get(i)
            if not obj:
                continue
            obj = ctypes.c_void_p(obj)
            kind = a.object_type(obj)
            yield obj, kind, matrices
            if kind == a.FORM and depth < max_depth:
                m = a.FS_MATRIX()
                a.matrix(obj, ctypes.byref(m))
                inner = [(m.a, m.b, m.c, m.d, m.e, m.f)] + matrices
                yield from walk(a.form_count(obj), lambda k, o=obj: a.form_object(o, ctypes.c_ulong(k)),
                                inner, depth + 1)

    yield from walk(a.count_objects(page_handle), lambda k: a.get_object(page_handle, k), [], 1)


def object_bounds(obj: ctypes.c_void_p) -> tuple[float, float, float, float]:
    """pdfium's bounds of a page object: (left, bottom, right, top)."""
    a = api()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    a.bounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top))
    return left.value, bottom.value, right.value, top.value


def path_edges(obj: ctypes.c_void_p, forms: list[tuple], height: float,
               h_edges: list[tuple], v_edges: list[tuple]) -> None:
    """Append the horizontal ``(top, x0, x1)`` and vertical ``(x, top, bottom)`` edges of a path
    object's straight segments (closing segments included; curves give the edges of their
    control polygon, as in pdfplumber)."""
    a = api()
    m = a.FS_MATRIX()
    a.matrix(obj, ctypes.byref(m))
    matrices = [(m.a, m.b, m.c, m.d, m.e, m.f)] + forms
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    subpaths: list[list[tuple[float, float]]] = []
    for i in range(a.count_segments(obj)):
        seg = ctypes.c_void_p(a.segment(obj, i))
        a.point(seg, px, py)
        X, Y = x.value, y.value
        for ma, mb, mc, md, me, mf in matrices:
            X, Y = ma * X + mc * Y + me, mb * X + md * Y + mf
        if a.segment_type(seg) == a.MOVETO or not subpaths:
            subpaths.append([(X, Y)])
        else:
            subpaths[-1].append((X, Y))
        if a.segment_close(seg) and subpaths[-1][0] != (X, Y):
            subpaths[-1].append(subpaths[-1][0])
    for points in subpaths:
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if abs(y0 - y1) < 1e-3 and abs(x1 - x0) >= EDGE_PREFILTER:
                h_edges.append((height - y0, min(x0, x1), max(x0, x1)))
            elif abs(x0 - x1) < 1e-3 and abs(y1 - y0) >= EDGE_PREFILTER:
                v_edges.append((x0, height - max(y0, y1), height - min(y0, y1)))


def page_edges(page_handle: ctypes.c_void_p, height: float) -> tuple[list[tuple], list[tuple]]:
    """Given a page handle, return its horizontal and vertical edges (see ``path_edges``)."""
    a = api()
    h_edges: list[tuple] = []
    v_edges: list[tuple] = []
    for obj, kind, forms in page_objects(page_handle):
        if kind == a.PATH:
            path_edges(obj, forms, height, h_edges, v_edges)
    return h_edges, v_edges


# ---------------------------------------------------------------- text runs

def page_runs(textpage, height: float) -> tuple[list[Run], list[int | None]]:
    """Given a pypdfium2 text page, return its text runs and each character's text object.

    A run is a text object's characters in a row (pdfium's own generated spaces and line breaks
    between them skipped), with the rectangle ``FPDFText_CountRects`` gives for them; runs whose
    characters have no extent (spaces only) are left out.
    """
    a = api()
    if a.text_object is None:
        return _runs_by_rectangle(textpage, height), []
    tp = handle(textpage)
    count = textpage.count_chars()
    if count <= 0:
        return [], []
    objects = [a.text_object(tp, i) for i in range(count)]
    text = textpage.get_text_range(0, count).replace(PDFIUM_HYPHEN, "-")
    direct = len(text) == count  # character i is text[i] (no control characters, no surrogates)
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    rect = (ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom))
    runs: list[Run] = []
    spans: list[list[int]] = []  # [object, start, end] with generated characters in between
    index = 0
    for obj, group in itertools.groupby(objects):
        size = len(list(group))
        if obj:
            if spans and spans[-1][0] == obj:
                spans[-1][2] = index + size - 1
            else:
                spans.append([obj, index, index + size - 1])
        index += size
    for _, start, end in spans:
        n = a.count_rects(tp, start, end - start + 1)
        if n <= 0:
            continue
        x0 = y0 = float("inf")
        x1 = y1 = float("-inf")
        for k in range(n):
            a.get_rect(tp, k, *rect)
            x0, x1 = min(x0, left.value), max(x1, right.value)
            y0, y1 = min(y0, bottom.value), max(y1, top.value)
        run_text = (text[start:end + 1] if direct
                    else textpage.get_text_range(start, end - start + 1).replace(PDFIUM_HYPHEN, "-"))
        runs.append(Run(x0, height - y1, x1, height - y0, run_text, start, end))
    return runs, objects


def _runs_by_rectangle(textpage, height: float) -> list[Run]:
    """Runs from pdfium's rectangles and the text inside each (slower: every call rescans the
    page's characters); without a character range, so a run is never split between cells."""
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        runs.append(Run(left, height - top, right, height - bottom, text, -1, -1))
    return runs


def run_pieces(textpage, run: Run, objects: list, height: float) -> list[Run]:
    """Given a run, return its characters as runs of one character each, with their loose
    boxes (as pdfplumber's character boxes: origin to advance, ascent to descent); the run
    itself when its characters are not known (``_runs_by_rectangle``)."""
    if run.start < 0:
        return [run]
    a = api()
    tp = handle(textpage)
    box = a.FS_RECTF()
    ref = ctypes.byref(box)
    out = []
    for i in range(run.start, run.end + 1):
        if objects[i] is None:
            continue
        code = a.unicode(tp, i)
        if not code or not a.loose_box(tp, i, ref):
            continue
        char = "-" if code == PDFIUM_HYPHEN_CODE else chr(code)
        out.append(Run(box.left, height - box.top, box.right, height - box.bottom, char, i, i))
    return out


def run_words(textpage, run: Run, objects: list, height: float) -> list[Run]:
    """Given a run, return its words: its characters split at spaces and at gaps wider than
    ``WORD_GAP``, with the characters' loose boxes (the font's ascent to descent: words set on
    one baseline in one font have the same top, whatever their letters)."""
    if run.start < 0:
        return [run]
    words: list[list[Run]] = []
    for piece in run_pieces(textpage, run, objects, height):
        if not piece.text.strip():
            words.append([])
        elif words and words[-1] and piece.x0 - words[-1][-1].x1 <= WORD_GAP:
            words[-1].append(piece)
        else:
            words.append([piece])
    return [Run(w[0].x0, min(p.top for p in w), w[-1].x1, max(p.bottom for p in w),
                "".join(p.text for p in w), w[0].start, w[-1].end) for w in words if w]


def split_shades(paths: list, height: float, page_area: float) -> tuple[list[tuple], list]:
    """Given a page's path objects ``(handle, form matrices)``, return its shaded cells (filled,
    unstroked rectangles of the page itself, as ``(x0, top, x1, bottom)``) and the other paths.

    A shaded cell is not a ruling: its sides are no cell borders for the ruled-table finder
    (only its top and bottom count, as rules, for :mod:`extractor.read.rule_tables`)."""
    a = api()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    shades, others = [], []
    for obj, forms in paths:
        if not forms and a.draw_mode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and fill.value and not stroke.value:
            left, bottom, right, top = object_bounds(obj)
            w, h = right - left, top - bottom
            if w >= RULE_MIN_SIDE and h >= RULE_MIN_SIDE and w * h < 0.5 * page_area:
                shades.append((left, height - top, right, height - bottom))
                continue
        others.append((obj, forms))
    return shades, others


RULE_MIN_SIDE = 6.0  # points; a shaded cell is at least this wide and high


# ---------------------------------------------------------------- pdfplumber's table algorithm

def _cluster(values: list[float], tolerance: float) -> dict[float, int]:
    """pdfplumber ``make_cluster_dict``: chain sorted distinct values closer than ``tolerance``."""
    out: dict[float, int] = {}
    group, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            group += 1
        out[v] = group
        last = v
    return out


def _snap(edges: list[tuple]) -> list[tuple]:
    """pdfplumber ``snap_objects``: move edges whose positions (item 0) chain within SNAP to
    the mean position of their cluster (with pdfplumber's arithmetic, ``p + (mean - p)``)."""
    if not edges:
        return []
    clusters = _cluster([e[0] for e in edges], SNAP)
    groups: dict[int, list[tuple]] = {}
    for e in sorted(edges, key=lambda e: clusters[e[0]]):
        groups.setdefault(clusters[e[0]], []).append(e)
    out = []
    for members in groups.values():
        mean = sum(e[0] for e in members) / len(members)
        out += [(e[0] + (mean - e[0]), e[1], e[2]) for e in members]
    return out


def _join(edges: list[tuple]) -> list[tuple]:
    """pdfplumber ``join_edge_group`` for each line: overlapping or nearly touching edges at
    the same position become one."""
    out = []
    for _, group in itertools.groupby(sorted(edges, key=itemgetter(0)), key=itemgetter(0)):
        joined: list[list[float]] = []
        for pos, lo, hi in sorted(group, key=itemgetter(1)):
            if joined and lo <= joined[-1][2] + JOIN:
                if hi > joined[-1][2]:
                    joined[-1][2] = hi
            else:
                joined.append([pos, lo, hi])
        out += [tuple(e) for e in joined]
    return out


def merge_edges(h_edges: list[tuple], v_edges: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Snap, join and drop short edges, as pdfplumber's ``TableFinder.get_edges``."""
    h = [e for e in _join(_snap(h_edges)) if e[2] - e[1] >= EDGE_MIN]
    v = [e for e in _join(_snap(v_edges)) if e[2] - e[1] >= EDGE_MIN]
    return h, v


def intersections(h_edges: list[tuple], v_edges: list[tuple]) -> dict[tuple, tuple[set, set]]:
    """pdfplumber ``edges_to_intersections``: points ``(x, top)`` where a vertical and a
    horizontal edge meet within INTERSECT, each with the sets of edges through it."""
    out: dict[tuple, tuple[set, set]] = {}
    h_sorted = sorted(h_edges)
    tops = [h[0] for h in h_sorted]
    for v in v_edges:
        x, top, bottom = v
        for k in range(bisect_left(tops, top - INTERSECT), bisect_right(tops, bottom + INTERSECT)):
            h = h_sorted[k]
            if h[1] - INTERSECT <= x <= h[2] + INTERSECT:
                point = (x, h[0])
                if point not in out:
                    out[point] = (set(), set())
                out[point][0].add(v)
                out[point][1].add(h)
    return out


def intersections_to_cells(points: dict[tuple, tuple[set, set]]) -> list[tuple]:
    """pdfplumber ``intersections_to_cells``: from each point (sorted), the first cell its
    edges close going down then right."""
    ordered = sorted(points)
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in ordered:
        by_x.setdefault(x, []).append(y)
    for x, y in sorted(ordered, key=lambda p: (p[1], p[0])):
        by_y.setdefault(y, []).append(x)
    cells = []
    for x, y in ordered[:-1]:
        v_here, h_here = points[(x, y)]
        column, row = by_x[x], by_y[y]
        below = column[bisect_right(column, y):]
        right = row[bisect_right(row, x):]
        cell = None
        for by in below:
            if not v_here & points[(x, by)][0]:
                continue
            for rx in right:
                if not h_here & points[(rx, y)][1]:
                    continue
                corner = points.get((rx, by))
                if corner and corner[0] & points[(rx, y)][0] and corner[1] & points[(x, by)][1]:
                    cell = (x, y, rx, by)
                    break
            if cell:
                break
        if cell:
            cells.append(cell)
    return cells


def cells_to_tables(cells: list[tuple]) -> list[list[tuple]]:
    """pdfplumber ``cells_to_tables``: cells sharing a corner, transitively, form a table;
    tables of one cell are dropped; top-to-bottom, left-to-right."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                a, b = root(i), root(owner[corner])
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[corner] = i
    groups: dict[int, list[tuple]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def table_rows(cells: list[tuple]) -> list[list[tuple | None]]:
    """pdfplumber ``Table.rows``: cells grouped by top, one slot per distinct left side."""
    xs = sorted({c[0] for c in cells})
    rows = []
    for _, group in itertools.groupby(sorted(cells, key=itemgetter(1, 0)), key=itemgetter(1)):
        by_x = {c[0]: c for c in group}
        rows.append([by_x.get(x) for x in xs])
    return rows


def find_tables(h_edges: list[tuple], v_edges: list[tuple]) -> list[Table]:
    """Given a page's edges, return its ruled tables (pdfplumber ``find_tables()`` defaults)."""
    h, v = merge_edges(h_edges, v_edges)
    if len(h) < 2 or len(v) < 2:
        return []
    cells = intersections_to_cells(intersections(h, v))
    return [Table(group, table_rows(group)) for group in cells_to_tables(cells)]


# ---------------------------------------------------------------- the text of the cells

class _CellIndex:
    """Find the cells of a table holding a point (pdfplumber: x0 <= x < x1, top <= y < bottom)."""

    def __init__(self, cells: list[tuple]) -> None:
        self.xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
        self.ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
        self.slots: dict[tuple[int, int], list[tuple]] = {}
        for cell in cells:
            for i in range(bisect_left(self.xs, cell[0]), bisect_left(self.xs, cell[2])):
                for j in range(bisect_left(self.ys, cell[1]), bisect_left(self.ys, cell[3])):
                    self.slots.setdefault((i, j), []).append(cell)

    def at(self, x: float, y: float) -> list[tuple]:
        i, j = bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1
        return self.slots.get((i, j), []) if i >= 0 and j >= 0 else []


def cell_lines(pieces: list[Run]) -> list[str]:
    """Given the runs (or pieces of runs) in one cell, return its text lines top down.

    A piece belongs to the line above when its vertical middle lies within that line's height;
    within a line, pieces are joined without a space when they touch (a change of font inside a
    word), with one otherwise (pdfplumber's x_tolerance).
    """
    lines: list[list[Run]] = []
    bottom = float("-inf")
    for piece in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        middle = (piece.top + piece.bottom) / 2
        if lines and middle <= bottom:
            lines[-1].append(piece)
            bottom = max(bottom, piece.bottom)
        else:
            lines.append([piece])
            bottom = piece.bottom
    out = []
    for line in lines:
        line.sort(key=lambda p: p.x0)
        text = line[0].text
        for before, piece in zip(line, line[1:]):
            glue = "" if piece.x0 - before.x1 <= WORD_GAP else " "
            text += glue + piece.text
        text = " ".join(text.split())
        if text:
            out.append(text)
    return out


def fill_tables(tables: list[Table], runs: list[Run], split) -> list[list[list[list[str]]]]:
    """Given a page's tables and text runs, return for each table, row and cell its text lines.

    ``split(run)`` returns the run's characters as one-character runs, for a run that crosses a
    cell side or whose middle lies in no cell.
    """
    out = []
    for table in tables:
        x0, top, x1, bottom = table.bbox
        index = _CellIndex(table.cells)
        texts: dict[tuple, list[Run]] = {}
        for run in runs:
            if run.x1 < x0 or run.x0 > x1 or run.bottom < top or run.top > bottom:
                continue
            holders = index.at((run.x0 + run.x1) / 2, (run.top + run.bottom) / 2)
            if len(holders) == 1 and (run.x0 >= holders[0][0] - STRADDLE and run.x1 <= holders[0][2] + STRADDLE):
                texts.setdefault(holders[0], []).append(run)
                continue
            for piece in split(run):
                for cell in index.at((piece.x0 + piece.x1) / 2, (piece.top + piece.bottom) / 2):
                    texts.setdefault(cell, []).append(piece)
        out.append([[cell_lines(texts[c]) if c in texts else ([] if c is not None else None) for c in row]
                    for row in table.rows])
    return out
