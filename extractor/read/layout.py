"""Read text made by ``pdftotext -layout`` into the line model.

Such text keeps the page geometry with spaces: table columns are aligned by runs of spaces, a form
feed (``\\f``) ends each page, running headers and footers repeat on every page. pdftotext is not
careful with tables: neighbouring cells may be set one space apart ("Kerjasama 550%"), and the
columns of one row may sit a few characters left or right of the same columns in the next row.

Stages, per page: ``line_units`` (each line's words, grouped into the runs that belong to one
cell: runs separated by two or more spaces, a figure split off the text it follows, figures one
space apart split from each other) → ``running_text`` (headers, footers, page numbers; shared
with the PDF reader) → ``table_regions`` (runs of lines with columns and the wrapped lines
between them) → per table block ``find_gutters`` (column boundaries from the whole block:
x positions blank, or separating cells, in most lines), ``figure_gutters`` (columns of figures
the text on their left touches) → ``assign_columns`` (each line's words to columns, in order,
by position and kind) → ``group_rows`` (header rows, body rows by blank lines or by figures;
wrapped lines joined into their row, wrapped numbers rejoined) → ``place_parent_labels`` →
Lines. A table continued at the top of the next page keeps the previous page's columns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import regex

from ..errors import EmptyInput
from ..patterns import load
from .base import Document, Line, PageInfo, sha256_of
from .cleaning import normalise
from .continued import join_continued_tables
from .geometry import Box, caption_pattern
from .rows import is_number_tail, join_wrapped
from .running import running_text

_WORD = regex.compile(r"\S+")
_GAP = regex.compile(r"\S {2,}\S")

# A figure word: "550%", "29,2", "1.", "(1)", "-0,13", "6.035.882.866,-", "Rp.6.035"; units and
# signs set apart from their number ("100 %", "Rp. 6.035") belong to it.
_NUMBER = regex.compile(r"[(\[]?[-+±]?(?:Rp\.?\s?)?\d[\d.,]*(?:%|,-+)?[)\]]?[.,;:]?", regex.I)
_PREFIX = regex.compile(r"(?:Rp\.?|IDR|[<>≤≥±]=?)", regex.I)
_SUFFIX = regex.compile(r"%|,-+|%\)|\)")
_DASH = regex.compile(r"[-–—]+")
_YEAR = regex.compile(r"\(?(?:19|20)\d\d\)?")


@lru_cache(maxsize=1)
def label_pattern() -> regex.Pattern:
    """Words that take the number after them ("Tabel 3.1.1", "BAB 2", "Lampiran 1"): not a cell
    boundary. The words (*label*) are in ``patterns/readers.yaml``."""
    return regex.compile("|".join(load("readers")["label_words"]), regex.I)


PLACE_WEIGHT = 1.0   # cost per character of a word outside its column
KIND_PENALTY = 4.0   # a figure in a text column, or text in a figure column (body rows)
MERGE_PENALTY = 2.0  # two runs of one line in one cell (and 0.5 for each space past two between them)
SPLIT_PENALTY = 3.0  # one run of words (single spaces) split over two cells
HINT_PENALTY = 3.0   # a word away from the column where its row's other lines start a cell there
MAX_HEADER_LINES = 8  # lines of a table header left at the foot of a page (carried to the next one)
MAX_WEAK = 12        # lines of wrapped cell text allowed between two lines with columns


class Word(NamedTuple):
    x0: int
    x1: int
    text: str
    kind: str  # num | pre | suf | dash | text


@dataclass
class Unit:
    """Words of one line that belong to one cell (as far as the spacing tells)."""

    words: list[Word]
    kind: str  # fig | year | text
    soft: bool = False  # a figure one space after text: which cell it belongs to is in doubt

    @property
    def x0(self) -> int:
        return self.words[0].x0

    @property
    def x1(self) -> int:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class TextLine:
    index: int  # line index on the page
    raw: str
    words: list[Word]
    units: list[Unit]
    blank_before: bool = False


# ---------------------------------------------------------------- detection and pages

def looks_like_layout_text(text: str) -> bool:
    """True when the text looks like ``pdftotext -layout`` output: no tabs, and either form
    feeds between pages or many lines with columns aligned by runs of spaces.

    >>> looks_like_layout_text("Judul\\n\\fNo   Indikator     Target\\n1    IKU A         90\\n")
    True
    >>> looks_like_layout_text("No\\tIndikator\\tTarget\\n1\\tIKU A\\t90\\n")
    False
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return False
    tabbed = sum(1 for ln in lines if "\t" in ln)
    if tabbed > len(lines) * 0.02:
        return False
    if "\f" in text:
        return True
    gapped = sum(1 for ln in lines if _GAP.search(ln.strip()))
    indented = sum(1 for ln in lines if ln.startswith("   "))
    return gapped >= max(3, len(lines) * 0.1) and indented >= len(lines) * 0.05


def split_pages(text: str) -> list[list[str]]:
    """Given layout text, return its pages (split at form feeds) as lists of lines.

    >>> split_pages("a\\nb\\n\\fc\\n\\f")
    [['a', 'b', ''], ['c', '']]
    """
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages = pages[:-1]
    return [page.split("\n") for page in pages]


def line_to_boxes(line: str, index: int) -> list[Box]:
    """Given one line of layout text, return its words as boxes (x in characters, y = index).

    >>> [(b.x0, b.text) for b in line_to_boxes("1.   Kerjasama Daerah    550%", 7)]
    [(0, '1.'), (5, 'Kerjasama'), (15, 'Daerah'), (25, '550%')]
    """
    return [Box(m.start(), index, m.end(), index + 1, m.group()) for m in _WORD.finditer(line)]


# ---------------------------------------------------------------- words and units

def word_kind(text: str) -> str:
    """Given a word, return its kind: num, pre (Rp), suf (%), dash or text.

    >>> [word_kind(w) for w in ("550%", "29,2", "(1)", "Rp.", "%", "-", "Daerah", "1.Terlaksananya", "2023.....")]
    ['num', 'num', 'num', 'pre', 'suf', 'dash', 'text', 'text', 'text']
    """
    if _NUMBER.fullmatch(text) and not text.endswith(".."):  # "2023.....": dot leaders of a contents line
        return "num"
    if _PREFIX.fullmatch(text):
        return "pre"
    if _SUFFIX.fullmatch(text):
        return "suf"
    if _DASH.fullmatch(text):
        return "dash"
    return "text"


def _unit(words: list[Word]) -> Unit:
    if len(words) == 1 and _YEAR.fullmatch(words[0].text):
        return Unit(words, "year")
    if any(w.kind in ("num", "dash") for w in words):
        return Unit(words, "fig")
    return Unit(words, "text")


def _figure_units(words: list[Word]) -> list[Unit]:
    """Figure words set one space apart are separate values, except a unit with its number."""
    out: list[Unit] = []
    current: list[Word] = []
    for w in words:
        if (w.kind == "suf" and current and current[-1].kind in ("num", "suf")) or (
                w.kind == "num" and current and all(c.kind == "pre" for c in current)):
            current.append(w)
        else:
            if current:
                out.append(_unit(current))
            current = [w]
    if current:
        out.append(_unit(current))
    return out


def line_units(line: str) -> tuple[list[Word], list[Unit]]:
    """Given a line, return its words and its units: runs of words two or more spaces apart, with
    the figures that end a run of text split off it (pdftotext sets neighbouring cells one space
    apart), and figures one space apart split from each other.

    >>> words, units = line_units("1.   Terlaksananya Kerjasama 550%    97,86% 5,62   Efisien")
    >>> [(u.x0, u.text, u.kind) for u in units]
    [(0, '1.', 'fig'), (5, 'Terlaksananya Kerjasama', 'text'), (29, '550%', 'fig'), (37, '97,86%', 'fig'), (44, '5,62', 'fig'), (51, 'Efisien', 'text')]
    >>> [u.text for u in line_units("Capaian 100 %  Rp. 6.035,-  Tahun 2023  Tabel 3.1")[1]]
    ['Capaian', '100 %', 'Rp. 6.035,-', 'Tahun 2023', 'Tabel 3.1']
    """
    words = [Word(m.start(), m.end(), m.group(), word_kind(m.group())) for m in _WORD.finditer(line)]
    segments: list[list[Word]] = []
    for w in words:
        if segments and w.x0 - segments[-1][-1].x1 < 2:
            segments[-1].append(w)
        else:
            segments.append([w])
    units: list[Unit] = []
    for seg in segments:
        k = len(seg)
        while k > 0 and seg[k - 1].kind != "text":
            k -= 1
        tail = seg[k:]
        if (not any(w.kind in ("num", "dash") for w in tail) or (0 < k and label_pattern().fullmatch(seg[k - 1].text))
                or (0 < k and len(tail) == 1 and _YEAR.fullmatch(tail[0].text))):  # "Tahun 2023"
            k = len(seg)
        if k:
            head = seg[:k]
            units.append(Unit(head, "text") if any(w.kind == "text" for w in head) else _unit(head))
        tail = _figure_units(seg[k:])
        if k and tail:
            tail[0].soft = True
        units += tail
    return words, units


# ---------------------------------------------------------------- columns

def find_gutters(lines: list[TextLine]) -> list[int]:
    """Given the lines of a table block, return the x of the blank character columns that
    separate its columns.

    A gutter is an x where (almost) no line has a character and where most lines that have text
    on both sides separate two units there (two or more spaces, or text and a figure): a column
    of blanks that one tightly set row crosses with a single space is still a gutter. A
    candidate is kept only when the column to its right has a unit that starts in it and the
    column to its left a unit that ends in it (a blank column inside the ragged right edge of a
    text column is not a gutter).

    >>> rows = ["No   Indikator               Capaian", "1.   Terlaksananya Kerjasama 550%",
    ...         "2.   Tercapainya Pembinaan   100%", "3.   Jumlah mahasiswa yang   133%"]
    >>> find_gutters([TextLine(i, r, *line_units(r)) for i, r in enumerate(rows)])
    [3, 28]
    """
    lines = [ln for ln in lines if ln.units]
    if not lines:
        return []
    left = min(ln.units[0].x0 for ln in lines)
    right = max(ln.units[-1].x1 for ln in lines)
    cover = [0] * (right + 1)
    gap = [0] * (right + 1)
    cross = [0] * (right + 1)
    for ln in lines:
        for w in ln.words:
            for x in range(w.x0, w.x1):
                cover[x] += 1
        for a, b in zip(ln.units, ln.units[1:]):
            if b.x0 - a.x1 >= 2:  # one space between text and a figure: no evidence either way
                for x in range(a.x1, b.x0):
                    gap[x] += 1
        for u in ln.units:
            for a, b in zip(u.words, u.words[1:]):
                for x in range(a.x1, b.x0):
                    cross[x] += 1
    tolerance = len(lines) // 8
    candidates: list[int] = []
    x = left
    while x < right:
        def low(i: int) -> bool:  # few lines have text here, or most lines separate cells here
            return gap[i] > 0 and (cover[i] <= tolerance or gap[i] > cover[i] + cross[i])

        if not low(x):
            x += 1
            continue
        start = x
        while x < right and low(x):
            x += 1
        run = list(range(start, x))
        zeros: list[list[int]] = []
        for i in run:
            if cover[i]:
                continue
            if zeros and zeros[-1][-1] == i - 1:
                zeros[-1].append(i)
            else:
                zeros.append([i])
        for part in zeros or [run]:
            score = {i: (cover[i] + cross[i], -gap[i]) for i in part}
            best = min(score.values())
            ties = [i for i in part if score[i] == best]
            g = ties[len(ties) // 2]
            if (gap[g] >= 2 or not cover[g] + cross[g]) and gap[g] > cover[g] + cross[g]:
                candidates.append(g)
    return _prune_gutters(lines, candidates, gap)


def _prune_gutters(lines: list[TextLine], gutters: list[int], gap: list[int]) -> list[int]:
    """Drop candidate gutters until every column has a unit that starts in it and a unit that
    ends in it. A column whose units all come from one line is a cell of a shifted row, not a
    column, when a neighbouring column has nothing on that line: the weaker gutter between them
    (fewer lines separating cells there) goes."""
    units = [(n, u) for n, ln in enumerate(lines) for u in ln.units]
    gutters = list(gutters)
    while gutters:
        bounds = [-1] + gutters + [10 ** 9]
        drop = None
        for k in range(len(bounds) - 1):
            lo, hi = bounds[k], bounds[k + 1]
            starts = {n for n, u in units if lo < u.x0 < hi}
            ends = sum(1 for _, u in units if lo < u.x1 - 1 < hi)
            if k > 0 and not starts:
                drop = k - 1
            elif k < len(gutters) and not ends:
                drop = k
            elif len(starts) < 2 and len(lines) > 2:
                sides = []
                for j, (a, b) in ((k - 1, (bounds[k - 1], lo)), (k, (hi, bounds[min(k + 2, len(bounds) - 1)]))):
                    if 0 <= j < len(gutters) and not any(n in starts and a < u.x0 < b for n, u in units):
                        sides.append(j)
                drop = min(sides, key=lambda j: (gap[gutters[j]], -j)) if sides else None
            if drop is not None:
                break
        if drop is None:
            break
        del gutters[drop]
    return gutters


def figure_gutters(lines: list[TextLine], gutters: list[int], header: list[TextLine] = ()) -> list[int]:
    """Add a gutter on the left of a column of figures that the text on its left touches.

    pdftotext may set a figure one space after the text of the cell before it in every row of
    a small table, so no blank column separates them; the figures still overlap each other. A
    cluster of overlapping figure units from two lines or more (or one line, under a header
    label that starts within two characters of it), with text on its left in the same column
    (or, for a cluster from two lines, another column of figures set one space before it),
    gets a gutter just before its leftmost unit (or label). Figures that all follow their text
    by one space ("Juara 1", "Juara 3") are part of it.

    >>> rows = ["Persentase jenis data 100%     100%", "Persentase OPD yang 69%     51,85%",
    ...         "Indeks Kepuasan     88        93,05"]
    >>> lines = [TextLine(i, r, *line_units(r)) for i, r in enumerate(rows)]
    >>> find_gutters(lines), figure_gutters(lines, find_gutters(lines))
    ([27], [19, 27])
    """
    spans = sorted((u.x0, u.x1, n, u.soft) for n, ln in enumerate(lines) for u in ln.units
                   if u.kind == "fig" and any(w.kind == "num" for w in u.words))
    clusters: list[list] = []
    for x0, x1, n, soft in spans:
        if clusters and x0 < clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], x1)
            clusters[-1][2].add(n)
            clusters[-1][3] &= soft
        else:
            clusters.append([x0, x1, {n}, soft])
    out = sorted(gutters)
    for x0, x1, members, all_soft in clusters:
        if any(x0 <= g < x1 - 1 for g in out):
            continue
        labels = [u.x0 for ln in header for u in ln.units if abs(u.x0 - x0) <= 2 and not u.soft]
        if not labels and (len(members) < 2 or all_soft):  # "Juara 1", "Juara 3": text with a number
            continue
        left = min([x0] + labels)
        lo = max((g for g in out if g < left), default=-1)
        texts = [u for ln in lines for u in ln.units if u.kind == "text" and lo < u.x0 < left - 2]
        figures = {n for n, ln in enumerate(lines) for u in ln.units
                   if u.kind == "fig" and lo < u.x0 and u.x1 < left}  # another column of figures
        if len(texts) >= 2 or (texts and labels) or (len(figures) >= 2 and len(members) >= 2):
            out = sorted(out + [left - 1])
    return out


def merge_header_columns(lines: list[TextLine], gutters: list[int], body_start: int) -> list[int]:
    """Drop the gutter between a column holding only header text and a neighbour holding only
    body text: pdftotext often sets a header label a few characters off its column."""
    if not 0 < body_start < len(lines):
        return gutters
    gutters = list(gutters)
    changed = True
    while changed and gutters:
        changed = False
        bounds = [-1] + gutters + [10 ** 9]
        where = []
        for lo, hi in zip(bounds, bounds[1:]):
            head = any(lo < (u.x0 + u.x1) / 2 < hi for ln in lines[:body_start] for u in ln.units)
            body = any(lo < (u.x0 + u.x1) / 2 < hi for ln in lines[body_start:] for u in ln.units)
            where.append((head, body))
        for k in range(len(gutters)):
            if {where[k], where[k + 1]} == {(True, False), (False, True)}:
                del gutters[k]
                changed = True
                break
    return gutters


def column_kinds(lines: list[TextLine], gutters: list[int]) -> list[str]:
    """Given body lines and gutters, return per column "fig" (most units figures), "text"
    (almost none) or "mixed"."""
    figs = [0] * (len(gutters) + 1)
    total = [0] * (len(gutters) + 1)
    for ln in lines:
        for u in ln.units:
            if u.kind == "year" or u.soft:
                continue
            k = sum(1 for g in gutters if (u.x0 + u.x1) / 2 > g)
            total[k] += 1
            figs[k] += u.kind == "fig"
    kinds = []
    for f, t in zip(figs, total):
        kinds.append("mixed" if not t else "fig" if f >= 0.7 * t else "text" if f <= 0.15 * t else "mixed")
    return kinds


def _place_cost(w: Word, lo: float, hi: float) -> float:
    outside = max(0, min(w.x1, lo) - w.x0) + max(0, w.x1 - max(w.x0, hi))
    distance = max(0, lo - w.x1, w.x0 - hi)
    return PLACE_WEIGHT * (outside + distance)


def assign_columns(line: TextLine, gutters: list[int], kinds: list[str] | None = None,
                   hints: dict[int, int] | None = None) -> list[list[Word]]:
    """Given a line, the block's gutters and (for body lines) its column kinds, return the line's
    words per column.

    Words keep their order (columns never decrease left to right); the assignment minimises the
    characters of words outside their column, a penalty for a figure in a text column (and text
    in a figure column), for two units in one cell and for one unit split over two cells. A row
    set a few characters off the block's columns, or two cells set one space apart, still land
    in their columns. ``hints`` maps a word's index to the column where the row's other lines
    start a cell at the same x: any other column costs ``HINT_PENALTY``.

    >>> ln = TextLine(0, "", *line_units("     dengan Pemerintah dan Terlaksananya Kerjasama 333%"))
    >>> [" ".join(w.text for w in c) for c in assign_columns(ln, [26, 55], ["text", "text", "fig"])]
    ['dengan Pemerintah dan', 'Terlaksananya Kerjasama', '333%']
    """
    ncols = len(gutters) + 1
    bounds = [(gutters[k - 1] + 1 if k else -1e9, gutters[k] if k < len(gutters) else 1e9)
              for k in range(ncols)]
    unit_of = []
    first = []
    for n, u in enumerate(line.units):
        for i, _ in enumerate(u.words):
            unit_of.append(n)
            first.append(i == 0)
    words = line.words
    if not words:
        return [[] for _ in range(ncols)]
    inf = float("inf")
    best = [[inf] * ncols for _ in words]
    back = [[-1] * ncols for _ in words]
    for i, w in enumerate(words):
        unit = line.units[unit_of[i]]
        for k, (lo, hi) in enumerate(bounds):
            cost = _place_cost(w, lo, hi)
            if kinds and first[i] and unit.kind != "year":
                if (unit.kind == "fig" and kinds[k] == "text") or (unit.kind == "text" and kinds[k] == "fig"):
                    cost += KIND_PENALTY
            if hints and i in hints and hints[i] != k:
                cost += HINT_PENALTY
            if i == 0:
                best[i][k] = cost
                continue
            same = unit_of[i] == unit_of[i - 1] and not (hints and i in hints)
            spaces = w.x0 - words[i - 1].x1
            stay = best[i - 1][k] + (0 if same else MERGE_PENALTY + 0.5 * max(0, spaces - 2))
            move, arg = inf, -1
            for j in range(k):
                if best[i - 1][j] < move:
                    move, arg = best[i - 1][j], j
            move += SPLIT_PENALTY if same else 0
            if stay <= move:
                best[i][k], back[i][k] = cost + stay, k
            else:
                best[i][k], back[i][k] = cost + move, arg
    k = min(range(ncols), key=lambda c: best[-1][c])
    cols: list[list[Word]] = [[] for _ in range(ncols)]
    for i in range(len(words) - 1, -1, -1):
        cols[k].insert(0, words[i])
        k = back[i][k]
    return cols


# ---------------------------------------------------------------- rows

def _has_figure(words: list[Word]) -> bool:
    return any(w.kind in ("num",) and not _YEAR.fullmatch(w.text) for w in words)


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


_GROUPED = regex.compile(r"\d{1,3}([.,])\d{3}(?:\1\d{3})*(?:(?!\1)[.,]\d+)?(?:%|,-+)?")  # "184.124.000,00"
_CODE = regex.compile(r"\d+(?:\.\d+){2,}")      # "2.12.01.2.0": a budget code, not a number
_DIGITS = regex.compile(r"\d+(?:\.\d+)*")
_LEADING_DIGITS = regex.compile(r"^\d+")


def continues_number(so_far: str, piece: str) -> bool:
    """True when ``piece`` is the rest of a number (or budget code) that a narrow column wrapped.

    >>> [continues_number(a, b) for a, b in (("184.12", "4.000,0"), ("13.028", ".800,0"),
    ...  ("13.028.800,0", "0"), ("62.216.151.", "818,-"), ("122,225,10", "0"), ("1.250.165,4", "96"),
    ...  ("2.12.01.2.0", "6.02"))]
    [True, True, True, True, True, True, True]
    >>> [continues_number(a, b) for a, b in (("5,62", "3,57"), ("30", "30"), ("95.03", "3"), ("29,2", "5"))]
    [False, False, False, False]
    """
    if not so_far or not piece:
        return False
    if is_number_tail(so_far, piece):
        return True
    last = so_far.split()[-1]
    head = _LEADING_DIGITS.match(piece)
    if not head or not last[-1].isdigit():
        return False
    if "," in last and "." in last.split(",")[0] and _DIGITS.fullmatch(piece) and len(piece) <= 3:
        return True  # the decimals of "1.250.165,4" + "96"
    if _CODE.fullmatch(last) and not _GROUPED.fullmatch(last) and _DIGITS.fullmatch(piece):
        return True
    joined = last + piece
    separators = sum(last.count(c) for c in ".,")
    return bool(_GROUPED.fullmatch(joined)) and (separators >= 2 or any(c in piece for c in ".,"))


def join_pieces(pieces) -> str:
    """Join a cell's lines: words by a space, a number a narrow column wrapped without one.

    >>> join_pieces(["184.12", "4.000,0", "0"]), join_pieces(["Terlaksananya Kerjasama", "antar Daerah"])
    ('184.124.000,00', 'Terlaksananya Kerjasama antar Daerah')
    """
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and continues_number(out, piece):
            out += piece
        else:
            out = join_wrapped([out, piece]) if out else piece
    return out


def group_rows(lines: list[TextLine], per_line: list[list[list[Word]]], kinds: list[str],
               body_start: int) -> list[list[int]]:
    """Given a table block's lines, their words per column, the column kinds and the index of
    the first body line, return its rows as lists of line indexes.

    Header lines (above the body) form one row per blank-separated group when the table sets
    blank lines between rows; otherwise a header line that fills a column the row above left
    empty starts a new header row (a two-level header), other header lines continue the row
    (wrapped labels). Body rows: when the
    table sets blank lines between its rows (pdftotext does so for padded cells: most lines
    that start a row with figures follow a blank line, or the blank-separated groups start with
    such a line and are not much fewer than them), each blank-separated group is a row;
    otherwise a line with a figure in a figure column, or a number in the first column, starts a
    row and other lines are its wrapped text.
    """
    rows: list[list[int]] = []
    # header: blank lines separate its rows when the table sets blank lines between rows
    spaced = any(ln.blank_before for ln in lines[1:])
    filled: set[int] = set()
    for i in range(body_start):
        cols = {k for k, c in enumerate(per_line[i]) if c}
        new = not rows or lines[i].blank_before or bool(cols - filled) and not spaced
        if new:
            rows.append([i])
            filled = set(cols)
        else:
            rows[-1].append(i)
            filled |= cols
    # body
    key = {k for k, kind in enumerate(kinds) if kind == "fig" and k > 0}

    def figure_start(i: int, current: list[int] | None) -> bool:
        cols = per_line[i]
        if _has_figure(cols[0]):
            return True
        for k in key:
            if _has_figure(cols[k]):
                if current:
                    so_far = join_pieces(_text(per_line[j][k]) for j in current)
                    if continues_number(so_far, _text(cols[k])):
                        continue
                return True
        return False

    body = list(range(body_start, len(lines)))
    blank_mode = False
    if len(body) > 1 and any(lines[i].blank_before for i in body[1:]):
        starts = {i for i in body[1:] if figure_start(i, [i - 1] if i - 1 >= body_start else None)}
        groups: list[list[int]] = []
        for i in body:
            if not groups or lines[i].blank_before:
                groups.append([])
            groups[-1].append(i)
        with_figures = [g for g in groups if starts & set(g)]
        blank_mode = (not starts or sum(lines[i].blank_before for i in starts) >= 0.75 * len(starts)
                      or (len(groups) >= max(3, 0.4 * len(starts))  # (one blank line: a heading after the table)
                          and sum(g[0] in starts or g[0] == body_start for g in with_figures) >= 0.8 * len(with_figures)))
    current: list[int] | None = None
    for i in body:
        if current is None or is_column_numbers(lines[i]) or is_column_numbers(lines[current[-1]]):
            new = True  # the "1 2 3 …" row under the header is a row of its own
        elif blank_mode:
            new = lines[i].blank_before
        elif key:
            new = figure_start(i, current)
        else:
            new = bool(per_line[i][0])
        if new:
            current = [i]
            rows.append(current)
        else:
            current.append(i)
    return rows


def is_column_numbers(line: TextLine) -> bool:
    """True for the row of column numbers under a header ("1  2  3 … 9"), in brackets or not.

    >>> is_column_numbers(TextLine(0, "", *line_units("1     2        3       4")))
    True
    """
    values = [u.text.strip("()") for u in line.units]
    return len(values) >= 3 and all(v.isdigit() for v in values) and \
        [int(v) for v in values] == list(range(int(values[0]), int(values[0]) + len(values)))


def _body_start(lines: list[TextLine]) -> int:
    """Index of the first body line: the first with two figures (not years), or a figure and text
    ("Tahun 2" in a wrapped header label is not a body row, nor a lone "(2026)" under a label)."""
    for i, ln in enumerate(lines):
        figs = sum(1 for u in ln.units if u.kind == "fig" and any(w.kind == "num" for w in u.words))
        texts = sum(1 for u in ln.units if u.kind == "text")
        if figs >= 2 or (figs and texts):  # (a lone figure under a header: a label "(2026)", a typo)
            return i
    return 0


def table_rows(lines: list[TextLine], inherit: list[int] | None = None) -> tuple[list[tuple[list[str], list[int]]], list[int]]:
    """Given the lines of a table block, return its rows as (cells, line indexes) and its gutters.

    Two passes: the block's columns place every line's words and give the rows; then within each
    row a word that starts at the x where another line of the row starts a cell is placed in
    that cell's column (pdftotext shifts a whole row, and may set its cells one space apart).
    ``inherit``: the gutters of the table this block continues (top of the next page); used
    when the block's own columns are a subset of them (columns empty on this page).
    """
    body_start = _body_start(lines)
    body = lines[body_start:] if len(lines) - body_start >= 2 else lines
    gutters = figure_gutters(body, merge_header_columns(lines, find_gutters(lines), body_start), lines[:body_start])
    if inherit and len(inherit) > len(gutters) and all(any(abs(g - h) <= 3 for h in inherit) for g in gutters):
        gutters = list(inherit)
    kinds = column_kinds(body, gutters)

    def place(i: int, hints=None):
        return assign_columns(lines[i], gutters, kinds if i >= body_start else None, hints)

    per_line = [place(i) for i in range(len(lines))]
    rows = group_rows(lines, per_line, kinds, body_start)
    for members in rows:
        if len(members) < 2:
            continue
        starts: dict[int, int] = {}
        for i in members:
            column = {id(w): k for k, ws in enumerate(per_line[i]) for w in ws}
            for u in lines[i].units:
                starts.setdefault(u.x0, column[id(u.words[0])])
        for i in members:
            hints = {}
            column = {id(w): k for k, ws in enumerate(per_line[i]) for w in ws}
            for n, w in enumerate(lines[i].words):
                for x in (w.x0, w.x0 + 1, w.x0 - 1):
                    if x in starts:
                        if starts[x] != column[id(w)]:
                            hints[n] = starts[x]
                        break
            if hints:
                per_line[i] = place(i, hints)
    place_parent_labels(lines, per_line, rows, gutters, body_start)
    out = []
    for members in rows:
        cells = [join_pieces(_text(per_line[i][k]) for i in members) for k in range(len(gutters) + 1)]
        if members[-1] < body_start:
            cells = [close_broken_words(c) for c in cells]
        out.append((cells, members))
    empty = [k for k in range(len(gutters) + 1) if not any(cells[k] for cells, _ in out)]
    if empty and len(empty) <= len(gutters):  # a gutter inside a column (a ragged edge): no column
        out = [([c for k, c in enumerate(cells) if k not in empty], members) for cells, members in out]
        gutters = [g for k, g in enumerate(gutters) if k not in empty and k < len(gutters)]
    return out, gutters


@lru_cache(maxsize=1)
def _header_words() -> frozenset[str]:
    return frozenset(load("readers")["header_words"])


def close_broken_words(label: str) -> str:
    """Given a header label whose words a narrow column broke ("Realisa si"), return it with the
    pieces that make a header word (``header_words`` in ``patterns/readers.yaml``) joined.

    >>> close_broken_words("Capaia n Kinerja"), close_broken_words("Target Tahun 2022")
    ('Capaian Kinerja', 'Target Tahun 2022')
    """
    words = label.split()
    out: list[str] = []
    for w in words:
        if out and (out[-1] + w).lower() in _header_words() and out[-1].lower() not in _header_words():
            out[-1] += w
        else:
            out.append(w)
    return " ".join(out)


def place_parent_labels(lines: list[TextLine], per_line: list[list[list[Word]]], rows: list[list[int]],
                        gutters: list[int], body_start: int) -> None:
    """Move each label of a header row that has a header row under it into the first of the
    sub-columns it spans, as tab-separated text has it ("ANGGARAN" over "Pagu | Realisasi | %"
    sits in the "Pagu" column).

    A label set at the left edge of its column stays. A label set elsewhere (centred over its
    sub-columns) also spans the columns on its left that are empty in its row, filled in the
    row below and nearer to it than to the label before it; it moves to the first of them.
    """
    header = [r for r in rows if r and r[-1] < body_start]
    if len(header) < 2:
        return
    ncols = len(gutters) + 1
    left_edge = min(w.x0 for ln in lines for w in ln.words)
    right_edge = max(w.x1 for ln in lines for w in ln.words)
    bounds = [(gutters[k - 1] + 1 if k else left_edge, gutters[k] if k < len(gutters) else right_edge)
              for k in range(ncols)]
    for parent, sub in zip(header, header[1:]):
        others = [pl for i, pl in enumerate(per_line) if i not in parent]
        starts = [min((w.x0 for pl in others for w in pl[k]), default=bounds[k][0]) for k in range(ncols)]
        ends = [max((w.x1 for pl in others for w in pl[k]), default=bounds[k][1]) for k in range(ncols)]
        labels = [min((w.x0 for i in sub for w in per_line[i][k]), default=None) for k in range(ncols)]
        filled = [any(per_line[i][k] for i in parent) for k in range(ncols)]
        below = [any(per_line[i][k] for i in sub) for k in range(ncols)]
        for k in range(ncols):
            words = [w for i in parent for w in per_line[i][k]]
            if not words or abs(min(w.x0 for w in words) - (labels[k] if labels[k] is not None else starts[k])) <= 1:
                continue  # set where the label under it starts: already in its first sub-column
            x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
            best = k
            for a in range(k - 1, -1, -1):
                if filled[a] or not below[a]:
                    break
                left = max((c for c in range(a) if filled[c]), default=None)
                mine = max(0, starts[a] - x1, x0 - ends[a])
                if left is not None:
                    lw = [w for i in parent for w in per_line[i][left]]
                    theirs = max(0, starts[a] - max(w.x1 for w in lw), min(w.x0 for w in lw) - ends[a])
                    if theirs <= mine:
                        break
                best = a
            if best != k:
                for i in parent:
                    per_line[i][best], per_line[i][k] = per_line[i][k], []
                filled[best], filled[k] = True, False


# ---------------------------------------------------------------- table regions

def _is_strong(line: TextLine) -> bool:
    """A line with columns: three units or more, or a text and a figure far apart (a list of
    contents: "1.1 Latar Belakang ......     1")."""
    units = line.units
    if caption_pattern().match(line.raw) and all(b.x0 - a.x1 < 2 for a, b in zip(units, units[1:])):
        return False  # a caption set in one run ("Tabel 4 … Tahun 2016 – 2018"), not a row of a list of tables
    if len(units) >= 3:
        return True
    return len(units) == 2 and units[1].x0 - units[0].x1 >= 3 and units[1].kind in ("fig", "year")


def _fits(line: TextLine, gutters: list[int]) -> bool:
    """A line between or after rows belongs to the table when it is wrapped cell text: not a
    caption, and no unit running over two column boundaries (body text does)."""
    if not gutters or caption_pattern().match(line.raw):
        return False
    return all(sum(1 for g in gutters if u.x0 < g < u.x1 - 1) < 2 for u in line.units)


def _narrow(line: TextLine, gutters: list[int]) -> bool:
    """A line of wrapped cell text past ``MAX_WEAK``: every unit within one column."""
    return bool(gutters) and _fits(line, gutters) and all(
        not any(u.x0 < g < u.x1 - 1 for g in gutters) for u in line.units)


def table_regions(lines: list[TextLine], min_rows: int = 3, continued: bool = False) -> list[tuple[int, int]]:
    """Given a page's non-blank lines, return its table blocks as (first, last) indexes.

    A block holds ≥ ``min_rows`` strong lines (:func:`_is_strong`) with at most ``MAX_WEAK``
    lines of wrapped cell text (:func:`_fits` the columns of the strong lines) between two of
    them, and the wrapped lines of its last row; a caption or a line of body text ends it. After
    its last strong line a line that follows a blank line ends it when the block sets blank
    lines between its rows (the next paragraph). When the page ``continued`` a table of the
    previous page, a block at its top needs two strong lines only (the repeated header and one
    row).
    """
    strong = [_is_strong(ln) for ln in lines]
    regions = []
    i = 0
    n = len(lines)
    while i < n:
        if not strong[i]:
            i += 1
            continue
        j, last = i, i
        seen: tuple[int, list[int]] | None = None
        while j + 1 < n:
            if not (strong[j + 1] or j + 1 - last <= MAX_WEAK):
                if seen is None or seen[0] != last:  # a long wrapped cell: lines that fit the columns
                    seen = (last, find_gutters([lines[k] for k in range(i, last + 1) if strong[k]]))
                if not _narrow(lines[j + 1], seen[1]):
                    break
            j += 1
            if strong[j]:
                last = j
        gutters = find_gutters([lines[k] for k in range(i, last + 1) if strong[k]])
        end = i
        for k in range(i + 1, last + 1):
            if not (strong[k] or _fits(lines[k], gutters)):
                break
            end = k
        if end == last or not strong[end]:
            spaced = any(lines[k].blank_before for k in range(i + 1, end + 1))
            while end > i and not strong[end]:
                end -= 1
            for k in range(end + 1, min(end + 1 + MAX_WEAK, n)):
                if strong[k] or not _fits(lines[k], gutters) or (spaced and lines[k].blank_before):
                    break
                end = k
        if i > 0 and not strong[i - 1] and not caption_pattern().match(lines[i - 1].raw) and len(lines[i - 1].units) >= 2 \
                and all(not any(u.x0 < g < u.x1 - 1 for g in gutters) for u in lines[i - 1].units) \
                and len({sum(1 for g in gutters if g < u.x0) for u in lines[i - 1].units}) == len(lines[i - 1].units) \
                and not (regions and regions[-1][1] == i - 1):
            i -= 1  # a header of two labels over a table whose rows have more cells
        for first, last in _split_region(lines, strong, i, end):
            count = sum(strong[first: last + 1])
            if (count >= min_rows or (continued and first == 0 and count >= 2)) and gutters:
                regions.append((first, last))
        i = end + 1
    return regions


def _compatible(a: list[int], b: list[int]) -> bool:
    """Two sets of gutters fit one table when one is a subset of the other (give or take two
    characters): columns may be empty in part of a table."""
    return all(any(abs(x - y) <= 2 for y in b) for x in a) or all(any(abs(x - y) <= 2 for x in a) for y in b)


def _split_region(lines: list[TextLine], strong: list[bool], first: int, last: int) -> list[tuple[int, int]]:
    """Split a block at a one-unit line set apart by a blank line (a heading, "DAFTAR TABEL")
    when the columns above and below it differ: two tables, not one."""
    for k in range(first + 1, last):
        line = lines[k]
        if strong[k] or len(line.units) != 1 or not line.blank_before:
            continue
        if line.units[0].x0 > min(ln.units[0].x0 for ln in lines[first: last + 1]) + 2:
            continue  # a heading starts at the margin; this is a row's text in an inner column
        above = [lines[j] for j in range(first, k) if strong[j]]
        below = [lines[j] for j in range(k + 1, last + 1) if strong[j]]
        if len(above) < 2 or len(below) < 2:
            continue
        if not _compatible(find_gutters(above), find_gutters(below)):
            return [(first, k - 1)] + _split_region(lines, strong, k + 1, last)
    return [(first, last)]


# ---------------------------------------------------------------- pages

def page_lines(lines: list[TextLine], page: int, first_number: int,
               continued: list[int] | None = None) -> tuple[list[Line], list[int] | None]:
    """Given a page's non-blank lines (running text removed), return its Lines (tables as rows)
    and the gutters of its last table. ``continued``: the gutters of the table that ended the
    previous page, if one did."""
    out: list[Line] = []
    regions = dict(table_regions(lines, continued=continued is not None))
    gutters = None
    k = 0
    while k < len(lines):
        if k in regions:
            last = regions[k]
            block = lines[k: last + 1]
            rows, gutters = table_rows(block, continued if k == 0 else None)
            for cells, members in rows:
                raw = "\n".join(block[i].raw for i in members)
                clean = [normalise(c) for c in cells]
                out.append(Line(first_number + block[members[0]].index, raw, "\t".join(clean), clean, page))
            k = last + 1
            continue
        ln = lines[k]
        out.append(Line(first_number + ln.index, ln.raw, normalise(ln.raw), None, page))
        k += 1
    return out, gutters


def _table_start(lines: list[Line]) -> Line:
    """The first row of the table the lines end with."""
    k = len(lines) - 1
    while k > 0 and lines[k - 1].is_row:
        k -= 1
    return lines[k]


def _spans(header: list[str], repeated: list[str]) -> list[int] | None:
    """Given a table's header cells and the header repeated on the next page with fewer cells
    (two labels in one cell: a column empty on that page has no gutter), return for each repeated
    cell the last header cell it covers, else None."""
    def norm(text: str) -> str:
        return "".join(text.split()).lower()
    out, i = [], 0
    for cell in repeated:
        joined = ""
        while i < len(header) and len(norm(joined)) < len(norm(cell)):
            joined += header[i]
            i += 1
        if norm(joined) != norm(cell):
            return None
        out.append(i - 1)
    return out if i == len(header) else None


def align_continued(out: list[Line], header: list[str]) -> None:
    """Give the rows of a table continued at the top of a page the columns of the page before,
    when its repeated header shows which of them it merged: each cell goes to the last column it
    covers (the merged column was empty on this page)."""
    if len(out[0].cells) >= len(header):
        return
    spans = _spans(header, out[0].cells)
    if spans is None:
        return
    for line in out:
        if not line.is_row or len(line.cells) != len(spans):
            break
        cells = [""] * len(header)
        for cell, k in zip(line.cells, spans):
            cells[k] = cell
        line.set_cells(header if line is out[0] else cells)


def _table_rows(lines: list[Line]) -> list[Line]:
    """The rows of the table the lines end with, its header first."""
    k = len(lines) - 1
    while k > 0 and lines[k - 1].is_row:
        k -= 1
    return lines[k:]


_FIGURE_CELL = regex.compile(r"[-+]?(?:Rp\.?\s?)?\d[\d.,]*\s?(?:%|,-+)?")


def _kinds(rows: list[Line]) -> list[str]:
    """Per column, "fig" when most of the rows' filled cells there are figures, else "text"."""
    width = len(rows[0].cells)
    out = []
    for k in range(width):
        cells = [r.cells[k] for r in rows if r.cells[k]]
        figs = sum(1 for c in cells if _FIGURE_CELL.fullmatch(c))
        out.append("fig" if cells and figs * 2 > len(cells) else "text")
    return out


def merge_split_column(out: list[Line], previous: list[Line]) -> None:
    """Give the rows of a table continued at the top of a page the columns of the page before when
    they have one more (the page before merged two text columns, a unit set one space after the
    name: the one merge that makes the columns' kinds agree) or one fewer (the page before had a
    column without a label, from rows set a few characters off: it stays empty here)."""
    body = [r for r in previous[1:] if r.is_row]
    header = previous[0].cells
    unlabelled = [k for k, label in enumerate(header) if not label.strip()]
    if len(unlabelled) == 1 and out[0].is_row and len(out[0].cells) == len(header) - 1:
        k = unlabelled[0]  # one column fewer: the page before had a column without a label
        for line in out:
            if not line.is_row or len(line.cells) != len(header) - 1:
                break
            line.set_cells(line.cells[:k] + [""] + line.cells[k:])
        return
    rows = []
    for line in out:
        if not line.is_row or len(line.cells) != len(header) + 1:
            break
        rows.append(line)
    if not rows or not body or any(len(r.cells) != len(previous[0].cells) for r in body):
        return
    before, here = _kinds(body), _kinds(rows)
    fits = [j for j in range(len(here) - 1) if here[j] == here[j + 1] == "text"
            and here[:j] + ["text"] + here[j + 2:] == before]
    if len(fits) > 1:  # the merge whose second column's words the page before printed in that column
        def seen(j: int) -> int:
            words = {r.cells[j + 1] for r in rows if r.cells[j + 1]}
            return sum(1 for r in body if any(w in r.cells[j].split() for w in words))
        best = max(seen(j) for j in fits)
        fits = [j for j in fits if seen(j) == best] if best else []
    if len(fits) != 1:
        return
    j = fits[0]
    for line in rows:
        line.set_cells(line.cells[:j] + [" ".join(c for c in line.cells[j:j + 2] if c)] + line.cells[j + 2:])


def header_tail(page: list[TextLine]) -> int:
    """Where a table header left alone at the foot of a page starts (its body is on the next page),
    else the page's length: the lines after the page's last caption, two of them with columns,
    none with a figure other than a whole number (a year, a column number)."""
    k = len(page)
    while k > 0 and not caption_pattern().match(page[k - 1].raw):
        k -= 1
    tail = page[k:]
    if not k or not tail or len(tail) > MAX_HEADER_LINES or sum(_is_strong(ln) for ln in tail) < 2:
        return len(page)
    for ln in tail:
        figures = [u for u in ln.units if u.kind == "fig" and any(w.kind == "num" for w in u.words)]
        if figures and not all(regex.fullmatch(r"\(?\d+\)?", u.text) for u in figures):
            return len(page)
    return k


def repeated_header(page: list[TextLine], lines: list[Line]) -> int:
    """How many lines at the top of a page repeat the header of the table the previous page ended
    with (its first row, whose wrapped lines are its raw text)."""
    header = {" ".join(raw.split()) for raw in _table_start(lines).raw.split("\n")}
    n = 0
    while n < len(page) and " ".join(page[n].raw.split()) in header:
        n += 1
    return n


def carry_over(lines: list[TextLine], gutters: list[int], last_row: Line) -> int:
    """Join the lines at the top of a page that finish the previous page's last row (a row cut by
    the page break: its wrapped cells go on) into that row; return how many lines were joined.

    Such lines have no figure, every unit within one of the table's columns and nothing in the
    first column (a heading or paragraph starts at the margin).
    """
    if len(last_row.cells) != len(gutters) + 1:
        return 0
    pieces: list[list[str]] = [[c] for c in last_row.cells]
    k = 0
    while k < len(lines) and not _is_strong(lines[k]) and _narrow(lines[k], gutters) \
            and not any(u.kind == "fig" for u in lines[k].units):
        cols = assign_columns(lines[k], gutters)
        if cols[0]:
            break
        for c, words in enumerate(cols):
            pieces[c].append(_text(words))
        k += 1
    if k:
        last_row.set_cells([normalise(join_pieces(p)) for p in pieces])
        last_row.raw = "\n".join([last_row.raw] + [ln.raw for ln in lines[:k]])
    return k


def read_layout_text(path: Path, text: str) -> Document:
    """Given the path and decoded text of a ``pdftotext -layout`` file, return its Document.

    ``Line.number`` is the line number in the file (the first line of a row's wrapped lines).
    """
    path = Path(path)
    pages = split_pages(text)
    parsed: list[list[TextLine]] = []
    first_numbers = []
    first = 1
    for raws in pages:
        page: list[TextLine] = []
        blank = False
        for k, raw in enumerate(raws):
            words, units = line_units(raw)
            if not words:
                blank = True
                continue
            page.append(TextLine(k, raw, words, units, blank))
            blank = False
        parsed.append(page)
        first_numbers.append(first)
        first += len(raws) - 1  # the form feed does not end a line
    drops = running_text([[" ".join(w.text for w in ln.words) for ln in page] for page in parsed])
    lines: list[Line] = []
    infos: list[PageInfo] = []
    gutters: list[int] | None = None
    kept_pages = [[ln for k, ln in enumerate(page) if k not in drop] for page, drop in zip(parsed, drops)]
    for k in range(len(kept_pages) - 1):
        start = header_tail(kept_pages[k])
        following = kept_pages[k + 1]
        if start < len(kept_pages[k]) and following and any(_is_strong(ln) for ln in following[:3]):
            shift = first_numbers[k] - first_numbers[k + 1]
            moved = [TextLine(ln.index + shift, ln.raw, ln.words, ln.units, ln.blank_before)
                     for ln in kept_pages[k][start:]]
            kept_pages[k], kept_pages[k + 1] = kept_pages[k][:start], moved + following
    for number, (raws, kept, first) in enumerate(zip(pages, kept_pages, first_numbers), 1):
        continued = gutters if lines and lines[-1].is_row else None
        if continued:
            h = repeated_header(kept, lines)
            kept = kept[:h] + kept[h + carry_over(kept[h:], continued, lines[-1]):]
        out, gutters = page_lines(kept, number, first, continued)
        if continued and out and out[0].is_row:
            align_continued(out, _table_start(lines).cells)
            merge_split_column(out, _table_rows(lines))
        lines += out
        infos.append(PageInfo(number=number, chars=sum(len(r.strip()) for r in raws),
                              table_rows=sum(1 for ln in out if ln.is_row)))
    lines = join_continued_tables(lines)
    if not any(ln.text for ln in lines):
        raise EmptyInput(str(path), "the file has no text")
    return Document(path=str(path), format="layout_text", lines=lines, sha256=sha256_of(path),
                    pages=infos)
