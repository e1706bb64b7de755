"""OCR of scanned reports, and the box geometry shared with the PDF reader.

Stages, each a pure function: ``image_to_words`` (Tesseract word boxes) → ``find_rulings``
(ruling lines of tables, from the pixels) → ``rulings_to_grids`` (row bands and column
separators) → ``grid_to_rows`` (cells from the words inside) ; the remaining words go
``boxes_to_lines`` → ``lines_to_aligned_tables`` (unruled tables: several consecutive lines
with text in ≥3 shared column bands) → :class:`~extractor.read.base.Line`.

Boxes are ``Box(x0, top, x1, bottom, text, conf)`` in page units (pixels for OCR, points for PDF),
``top`` measured from the top of the page.
"""
from __future__ import annotations

import os
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Iterable, NamedTuple

import regex

from ..errors import EmptyInput, MissingDependency, UnreadableInput
from ..codes import issue
from ..model import Issue
from .base import Document, Line, PageInfo, sha256_of

INSTALL_HINT = ("install tesseract-ocr and tesseract-ocr-ind "
                "(apt-get install tesseract-ocr tesseract-ocr-ind)")
# Indonesian with English: on our rendered scans (7 pt table text at 150 dpi) "ind" alone read
# 53/153 numeric cells exactly, "eng" 96, "ind+eng" 85 with the most words right (858/913).
DEFAULT_LANG = "ind+eng"
FALLBACK_LANG = "eng"
TESSERACT_CONFIG = "--psm 6"  # one block: we rebuild lines and cells from the word boxes ourselves
MIN_WORD_CONF = 10  # Tesseract words below this are usually specks of noise or ruling debris


class Box(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    conf: float | None = None


@dataclass
class Grid:
    """A ruled table: row bands (top, bottom) and, per band, the x of its vertical rulings."""

    bbox: tuple[float, float, float, float]
    bands: list[tuple[float, float]]
    separators: list[list[float]]


# ---------------------------------------------------------------- text joining

_NUMBER_TAIL = regex.compile(r"[\d][.,]$|[.,]$")
_NUMBER_HEAD = regex.compile(r"^(?:[,.]\d|[,.]?-$|%$|,-)")


def join_wrapped(pieces: Iterable[str]) -> str:
    """Given the visual lines of one wrapped cell, return the cell text joined by spaces.

    A number split by a narrow column (``"62.216.151."`` + ``"818,-"``) is joined without a space.

    >>> join_wrapped(["Terlaksananya Kerjasama", "antar Daerah"])
    'Terlaksananya Kerjasama antar Daerah'
    >>> join_wrapped(["62.216.151.", "818,-"]), join_wrapped(["449.551.620", ",-"]), join_wrapped(["89,22", "%"])
    ('62.216.151.818,-', '449.551.620,-', '89,22%')
    >>> join_wrapped(["30", "30"]), join_wrapped(["6.035.882.8", "66,-"])
    ('30 30', '6.035.882.866,-')
    """
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and (_glued(out, piece)):
            out += piece
        else:
            out = f"{out} {piece}" if out else piece
    return out


_PARTIAL_GROUP = regex.compile(r"\d\.\d{1,2}$")  # "6.035.882.8": the last group is cut short
_RUPIAH_TAIL = regex.compile(r"^\d{1,3},-$")


def _glued(left: str, right: str) -> bool:
    if left[-1] in ".," and left[-2:-1].isdigit() and right[0].isdigit():
        return True
    if _PARTIAL_GROUP.search(left) and _RUPIAH_TAIL.match(right):
        return True
    return left[-1].isdigit() and bool(_NUMBER_HEAD.match(right))


def is_number_tail(cell_so_far: str, piece: str) -> bool:
    """True when ``piece`` is the wrapped rest of the number in ``cell_so_far``, not a new value.

    >>> is_number_tail("62.216.151.", "818,-"), is_number_tail("6.035.882.8", "66,-")
    (True, True)
    >>> is_number_tail("5,62", "3,57"), is_number_tail("", "30")
    (False, False)
    """
    return bool(cell_so_far and piece and _glued(cell_so_far, piece))


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


_CAPTION = regex.compile(r"^\s*(tabel|table|gambar|grafik|sumber|keterangan)\b", regex.I)
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
    if not gutters or _CAPTION.match(segments[0][0].text):
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


def aligned_rows(lines: list[list[Box]], gutters: list[float]) -> list[tuple[list[str], list[list[Box]]]]:
    """Given the lines of an unruled table and its gutters, return rows as (cells, lines).

    Key columns hold figures (most of their cells have a digit). A line with a figure in a key
    column, or a number in the first column ("1.", "2"), starts a row; any other line is wrapped
    text and continues the previous row, its words appended to the cells they fall in. Without
    key columns, a line with text in the first column starts a row.
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
        if starts or not rows:
            rows.append(([[] for _ in range(ncols)], []))
        pieces, members = rows[-1]
        for c, boxes in enumerate(cols):
            if boxes:
                pieces[c].append(line_text(boxes))
        members.append(line)
    return [([join_wrapped(p) for p in pieces], members) for pieces, members in rows]


# ---------------------------------------------------------------- ruled tables in pixels

def find_rulings(dark, min_h: int, min_v: int):
    """Given a boolean ink mask (numpy, rows × cols), return (horizontal, vertical) line masks.

    A pixel belongs to a ruling when it lies in a straight ink run of ≥ ``min_h`` pixels
    (horizontal) or ≥ ``min_v`` pixels (vertical); text strokes are shorter.
    """
    return _runs(dark, min_h, axis=1), _runs(dark, min_v, axis=0)


def _runs(mask, length: int, axis: int):
    import numpy as np

    m = mask if axis == 1 else mask.T
    padded = np.zeros((m.shape[0], m.shape[1] + 1), dtype=np.int32)
    np.cumsum(m, axis=1, out=padded[:, 1:])
    full = (padded[:, length:] - padded[:, :-length]) == length  # window [j, j+length) all ink
    cover = np.zeros((m.shape[0], m.shape[1] + 1), dtype=np.int32)
    cover[:, : full.shape[1]] += full
    cover[:, length: length + full.shape[1]] -= full
    out = np.cumsum(cover, axis=1)[:, :-1] > 0
    return out if axis == 1 else out.T


def rulings_to_grids(hmask, vmask, min_cols: int = 2) -> list[Grid]:
    """Given ruling masks, return the ruled tables: bands between horizontal rulings that are
    crossed by ≥ ``min_cols`` vertical rulings, grouped while consecutive."""
    import numpy as np

    rows_with_line = np.flatnonzero(hmask.sum(axis=1) >= hmask.shape[1] * 0.04)
    ys = _clusters(rows_with_line.tolist(), 3)
    grids: list[Grid] = []
    current: list[tuple[float, float, list[float]]] = []
    for (a0, a1), (b0, b1) in zip(ys, ys[1:]):
        band = vmask[a1 + 1: b0, :]
        if band.shape[0] < 4:
            continue
        crossing = np.flatnonzero(band.sum(axis=0) >= band.shape[0] * 0.8).tolist()
        seps = [(c0 + c1) / 2 for c0, c1 in _clusters(crossing, 3)]
        if len(seps) >= min_cols and current and abs(current[-1][1] - (a0 + a1) / 2) < 1:
            current.append(((a0 + a1) / 2, (b0 + b1) / 2, seps))
        elif len(seps) >= min_cols:
            if current:
                grids.append(_grid(current))
            current = [((a0 + a1) / 2, (b0 + b1) / 2, seps)]
        else:
            if current:
                grids.append(_grid(current))
            current = []
    if current:
        grids.append(_grid(current))
    return grids


def _clusters(values: list[int], tolerance: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for v in values:
        if out and v - out[-1][1] <= tolerance:
            out[-1] = (out[-1][0], v)
        else:
            out.append((v, v))
    return out


def _grid(bands: list[tuple[float, float, list[float]]]) -> Grid:
    x0 = min(s[0] for _, _, s in bands)
    x1 = max(s[-1] for _, _, s in bands)
    return Grid((x0, bands[0][0], x1, bands[-1][1]), [(t, b) for t, b, _ in bands],
                [s for _, _, s in bands])


def grid_columns(grid: Grid, tolerance: float = 4.0) -> list[float]:
    """Given a grid, return the x of every column separator of the table (union over bands)."""
    xs = sorted(x for seps in grid.separators for x in seps)
    merged: list[list[float]] = []
    for x in xs:
        if merged and x - merged[-1][-1] <= tolerance:
            merged[-1].append(x)
        else:
            merged.append([x])
    return [sum(m) / len(m) for m in merged]


def grid_to_rows(grid: Grid, boxes: list[Box]) -> list[tuple[list[str], tuple, float | None]]:
    """Given a grid and the word boxes inside it, return rows as (cells, bbox, confidence).

    Column positions are the table's separators; text of a cell merged across columns goes to
    its first column. Empty bands (no words) are skipped.
    """
    columns = grid_columns(grid)
    ncols = max(len(columns) - 1, 1)
    rows = []
    for (top, bottom), seps in zip(grid.bands, grid.separators):
        inside = [b for b in boxes if top <= (b.top + b.bottom) / 2 < bottom]
        if not inside:
            continue
        cells: list[list[Box]] = [[] for _ in range(ncols)]
        for box in inside:
            centre = (box.x0 + box.x1) / 2
            left = max((s for s in seps if s <= centre), default=columns[0])
            index = min(range(len(columns)), key=lambda k: abs(columns[k] - left))
            cells[min(index, ncols - 1)].append(box)
        texts = [join_wrapped(line_text(ln) for ln in boxes_to_lines(c)) for c in cells]
        rows.append((texts, (grid.bbox[0], top, grid.bbox[2], bottom), line_conf(inside)))
    return rows


# ---------------------------------------------------------------- page assembly (shared by the readers)

EDGE_LINES = 2       # how many lines at the top and bottom of a page may be running text
RUNNING_SHARE = 0.5  # running text appears on at least this share of the pages

_PAGE_NUMBER = regex.compile(
    r"^[-–—\s]*(?:(?:hal(?:aman)?|page)\.?\s*)?(?:\d{1,4}|[ivxlcdm]{1,8})"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?[-–—\s]*$", regex.I)


def normalise(text: str) -> str:
    """Given raw text, return it cleaned as the text reader cleans lines (HTML, markdown, spaces).

    >>> normalise("  Capaian\\u00a0 97,5 %  ")
    'Capaian 97,5 %'
    """
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    try:
        from .text import clean
    except ImportError:  # pragma: no cover - the text reader is a sibling module
        return " ".join(text.split())
    return clean(text)


def is_page_number(text: str) -> bool:
    """True for a bare page number ("12", "- 3 -", "Halaman 4 dari 40", "iv").

    >>> [is_page_number(t) for t in ("12", "- 3 -", "Halaman 4 dari 40", "iv", "2023 Dumai", "1.")]
    [True, True, True, True, False, False]
    """
    return bool(_PAGE_NUMBER.match(text.strip()))


def _running_key(text: str) -> str:
    return regex.sub(r"\d+", "#", " ".join(text.lower().split()))


def running_text(pages: list[list[str]]) -> list[set[int]]:
    """Given the texts of each page's non-table lines (top to bottom), return per page the
    indexes of running headers/footers and bare page numbers.

    Running text is among the first or last ``EDGE_LINES`` lines of a page and recurs (digits
    ignored) at the same edge on at least half of the pages, and on two pages at least.

    >>> running_text([["Laporan Kinerja 2023", "Isi", "1"], ["Laporan Kinerja 2023", "Lain", "2"]])
    [{0, 2}, {0, 2}]
    """
    def edges(texts: list[str]):
        n = len(texts)
        top = range(min(EDGE_LINES, n))
        bottom = range(max(n - EDGE_LINES, 0), n)
        return [(k, "top") for k in top] + [(k, "bottom") for k in bottom]

    counts: Counter = Counter()
    for texts in pages:
        counts.update({(_running_key(texts[k]), side) for k, side in edges(texts)})
    threshold = max(2, RUNNING_SHARE * len(pages))
    return [{k for k, side in edges(texts)
             if counts[(_running_key(texts[k]), side)] >= threshold or is_page_number(texts[k])}
            for texts in pages]


def drop_running_lines(pages: list[list[list[Box]]]) -> list[list[list[Box]]]:
    """Given each page's visual lines (boxes), return them without running text."""
    drops = running_text([[line_text(line) for line in lines] for lines in pages])
    return [[line for k, line in enumerate(lines) if k not in drop]
            for lines, drop in zip(pages, drops)]


def assemble_page(rows: list[Line], free: list[list[Box]], page: int) -> list[Line]:
    """Given a page's ruled-table rows and its other visual lines, return its Lines top down.

    Runs of aligned visual lines become unruled table rows; the rest are text lines.
    """
    placed: list[tuple[float, Line]] = [(ln.bbox[1] if ln.bbox else 0.0, ln) for ln in rows]
    taken: set[int] = set()
    for first, last, gutters in lines_to_aligned_tables(free):
        for cells, members in aligned_rows(free[first: last + 1], gutters):
            boxes = [b for m in members for b in m]
            bbox = line_bbox(boxes)
            placed.append((bbox[1], row_line(cells, page, bbox, line_conf(boxes))))
        taken.update(range(first, last + 1))
    for k, line in enumerate(free):
        if k not in taken:
            text = line_text(line)
            bbox = tuple(round(v, 1) for v in line_bbox(line))
            placed.append((bbox[1], Line(0, text, normalise(text), None, page, bbox, line_conf(line))))
    placed.sort(key=lambda item: item[0])
    return [line for _, line in placed]


# ---------------------------------------------------------------- Tesseract

def tesseract_language(path: str | None = None) -> tuple[str, list[Issue]]:
    """Return the Tesseract language to use ("ind", else "eng" with a warning).

    Raises MissingDependency when the tesseract binary is not installed.
    """
    if shutil.which("tesseract") is None:
        raise MissingDependency(path, f"this PDF needs OCR but the tesseract binary is missing: {INSTALL_HINT}")
    try:
        import pytesseract
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise MissingDependency(path, "pip install pytesseract") from exc
    languages = set(pytesseract.get_languages(config=""))
    if set(DEFAULT_LANG.split("+")) <= languages:
        return DEFAULT_LANG, []
    if FALLBACK_LANG not in languages:
        raise MissingDependency(path, f"no Tesseract language data for 'ind' or 'eng': {INSTALL_HINT}")
    return FALLBACK_LANG, [issue("W_OCR_LANGUAGE", "read",
                                 f"Tesseract language 'ind' is not installed; used 'eng' ({INSTALL_HINT})")]


def estimate_skew(gray, max_deg: float = 2.0, step: float = 0.1) -> float:
    """Given a grayscale page (PIL), return the rotation in degrees that makes its lines level.

    Projection profile on a downsampled copy: the angle whose row sums are most peaked.
    """
    import numpy as np
    from PIL import Image

    small = gray.resize((max(gray.width // 2, 1), max(gray.height // 2, 1)))
    ink = Image.fromarray(((np.asarray(small) < 160) * 255).astype("uint8"))
    best, best_score = 0.0, -1.0
    steps = int(round(max_deg / step))
    for k in range(-steps, steps + 1):
        angle = k * step
        rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST)).sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return best


def image_to_words(image, lang: str) -> list[Box]:
    """Given a page image (PIL), return Tesseract's word boxes with confidences."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's threads only thrash on small pages
    data = pytesseract.image_to_data(image, lang=lang, config=TESSERACT_CONFIG,
                                     output_type=pytesseract.Output.DICT)
    words = []
    for text, conf, x, y, w, h in zip(data["text"], data["conf"], data["left"], data["top"],
                                      data["width"], data["height"]):
        conf = float(conf)
        if text.strip() and conf >= MIN_WORD_CONF and not _is_debris(text):
            words.append(Box(x, y, x + w, y + h, _clean_word(text), conf))
    return words


_RULING_CHARS = "|[]{}!_¦"


def _is_debris(text: str) -> bool:
    """Specks and ruling remains Tesseract reads as characters ("|", "_", "—")."""
    stripped = text.strip().strip(_RULING_CHARS)
    return not stripped or stripped in ("—", "~", "=", "'", "`", '"')


def _clean_word(text: str) -> str:
    """Strip ruling remains from a word's edges: "|29" → "29"."""
    return text.strip().strip(_RULING_CHARS) or text.strip()


def page_to_boxes(image, lang: str, dpi: int):
    """Given a scanned page, return (words, grids, skew) after deskewing, removing rulings and
    despeckling (median filter)."""
    import numpy as np
    from PIL import Image, ImageFilter

    gray = image.convert("L")
    skew = estimate_skew(gray)
    if abs(skew) >= 0.1:
        gray = gray.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    pixels = np.asarray(gray)
    dark = pixels < 160
    hmask, vmask = find_rulings(dark, min_h=max(int(dpi * 0.3), 20), min_v=max(int(dpi * 0.16), 12))
    grids = rulings_to_grids(hmask, vmask)
    cleaned = pixels.copy()
    cleaned[hmask | vmask] = 255
    despeckled = Image.fromarray(cleaned).filter(ImageFilter.MedianFilter(3))
    words = image_to_words(despeckled, lang)
    return words, grids, skew


def page_parts(words: list[Box], grids: list[Grid], page: int) -> tuple[list[Line], list[list[Box]]]:
    """Given a page's word boxes and ruled grids, return (table rows, other visual lines)."""
    rows: list[Line] = []
    rest = list(words)
    for grid in grids:
        x0, top, x1, bottom = grid.bbox
        inside = [b for b in rest if x0 - 2 <= (b.x0 + b.x1) / 2 <= x1 + 2
                  and top <= (b.top + b.bottom) / 2 <= bottom]
        ids = {id(b) for b in inside}
        rest = [b for b in rest if id(b) not in ids]
        rows += [row_line(cells, page, bbox, conf) for cells, bbox, conf in grid_to_rows(grid, inside)]
    return rows, boxes_to_lines(rest)


def row_line(cells: list[str], page: int, bbox, conf=None) -> Line:
    clean = [normalise(c) for c in cells]
    return Line(0, "\t".join(cells), "\t".join(clean), clean, page,
                tuple(round(v, 1) for v in bbox), conf)


def ocr_pages(images: Iterable, path, lang: str | None = None, dpi: int = 150,
              page_numbers: Iterable[int] | None = None) -> tuple[list[Line], list[PageInfo]]:
    """Given page images (PIL, page order), return their Lines and one PageInfo per page.

    Lines carry the page number (1-based, or from ``page_numbers``), bbox in pixels at ``dpi``
    and the mean word confidence. A page where nothing is recognised gets ``note="blank"``.
    """
    if lang is None:
        lang, _ = tesseract_language(str(path))
    numbers = iter(page_numbers) if page_numbers is not None else None
    parts: list[tuple[int, list[Line], list[list[Box]]]] = []
    infos: list[PageInfo] = []
    for index, image in enumerate(images, 1):
        number = next(numbers) if numbers is not None else index
        words, grids, skew = page_to_boxes(image, lang, dpi)
        parts.append((number, *page_parts(words, grids, number)))
        confs = [w.conf for w in words if w.conf is not None]
        note = "blank" if not words else (f"deskewed {skew:+.1f}°" if abs(skew) >= 0.1 else None)
        infos.append(PageInfo(number=number, chars=sum(len(w.text) for w in words),
                              ocr_confidence=round(sum(confs) / len(confs), 1) if confs else None,
                              note=note))
    kept = drop_running_lines([free for _, _, free in parts])
    lines = [ln for (number, rows, _), free in zip(parts, kept)
             for ln in assemble_page(rows, free, number)]
    for info in infos:
        info.table_rows = sum(1 for ln in lines if ln.page == info.number and ln.is_row)
    return lines, infos


def render_pages(path: Path, dpi: int = 150, pages: Iterable[int] | None = None):
    """Yield the pages (0-based indexes ``pages``, default all) of a PDF as PIL images."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for i in (range(len(doc)) if pages is None else pages):
            page = doc[i]
            yield page.render(scale=dpi / 72, grayscale=True).to_pil()
            page.close()
    finally:
        doc.close()


def read_scanned_pdf(path: Path, dpi: int = 150) -> Document:
    """Given a scanned (image-only) PDF, return its Document (format "ocr") via Tesseract."""
    from .pdf import finish_document, open_pdf

    path = Path(path)
    lang, warnings = tesseract_language(str(path))
    doc = open_pdf(path)
    count = len(doc)
    doc.close()
    if count == 0:
        raise EmptyInput(str(path), "the PDF has no pages")
    lines, infos = ocr_pages(render_pages(path, dpi), path, lang=lang, dpi=dpi)
    return finish_document(path, "ocr", lines, infos, warnings)


__all__ = ["Box", "Grid", "ocr_pages", "read_scanned_pdf", "join_wrapped", "boxes_to_lines",
           "lines_to_aligned_tables", "aligned_rows", "UnreadableInput"]
