"""OCR of scanned reports with Tesseract: render, find rulings, read words, build the page.

Stages, each a pure function: ``image_to_words`` (Tesseract word boxes) → ``find_rulings``
(ruling lines of tables, from the pixels) → ``rulings_to_grids`` (row bands and column
separators) → ``grid_to_rows`` (cells from the words inside) ; the remaining words go
``boxes_to_lines`` → ``lines_to_aligned_tables`` (unruled tables: several consecutive lines
with text in ≥3 shared column bands) → :class:`~extractor.read.base.Line`.

Box geometry, row joining and running-text removal are shared with the PDF reader
(``geometry``, ``rows``, ``running``, ``page``).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

import regex

from ..errors import MissingDependency
from ..codes import issue
from ..model import Issue
from .base import Line, PageInfo
from .geometry import Box, aligned_rows, boxes_to_lines, line_bbox, line_conf, line_text
from .rule_bounded import Rule, rule_bounded_tables, table_lines
from .page import assemble_page, row_line
from .rows import join_wrapped
from .running import drop_running_lines
from .tesseract_lib import engine_for
from .wrapped_tables import wrapped_tables

INSTALL_HINT = ("install tesseract-ocr and tesseract-ocr-ind "
                "(apt-get install tesseract-ocr tesseract-ocr-ind)")
# Indonesian with English: on our rendered scans (7 pt table text at 150 dpi) "ind" alone read
# 53/153 numeric cells exactly, "eng" 96, "ind+eng" 85 with the most words right (858/913).
DEFAULT_LANG = "ind+eng"
FALLBACK_LANG = "eng"
PAGE_SEGMENTATION = 6  # Tesseract --psm: one block; we rebuild lines and cells from the word boxes ourselves
TESSERACT_OPTIONS = ("--psm", str(PAGE_SEGMENTATION))
MIN_WORD_CONF = 10  # Tesseract words below this are usually specks of noise or ruling debris
MIN_OSD_CONFIDENCE = 2.0  # Tesseract's orientation confidence from which a page is turned
SIDEWAYS_CONF = 60  # a page read with a lower mean confidence is checked for a 90°/180° turn


@dataclass
class Grid:
    """A ruled table: row bands (top, bottom) and, per band, the x of its vertical rulings."""

    bbox: tuple[float, float, float, float]
    bands: list[tuple[float, float]]
    separators: list[list[float]]


# ---------------------------------------------------------------- ruled tables in pixels

def find_rulings(dark, min_h: int, min_v: int):
    """Given a boolean ink mask (numpy, rows × cols), return (horizontal, vertical) line masks.

    A pixel belongs to a ruling when it lies in a straight ink run of ≥ ``min_h`` pixels
    (horizontal) or ≥ ``min_v`` pixels (vertical); text strokes are shorter.
    """
    return _runs(dark, min_h, axis=1), _runs(dark, min_v, axis=0)


def _runs(mask, length: int, axis: int):
    """Given a boolean mask, return the pixels lying in a run of ≥ ``length`` set pixels along ``axis``:
    an erosion then a dilation by a ``length``-pixel segment, each by ~log2(length) shifted ANDs (ORs).

    >>> import numpy as np
    >>> _runs(np.array([[1, 1, 1, 0, 1, 1]], dtype=bool), 3, axis=1).astype(int).tolist()
    [[1, 1, 1, 0, 0, 0]]
    """
    import numpy as np

    out = (mask if axis == 1 else mask.T).copy()
    width = out.shape[1]
    if length > width:
        return np.zeros_like(mask)
    covered = 1
    while covered < length:  # out[:, j] = all of mask[:, j: j + covered]
        step = min(covered, length - covered)
        out[:, : width - step] &= out[:, step:]
        out[:, width - step:] = False
        covered += step
    covered = 1
    while covered < length:  # out[:, j] = any run starting in (j - covered, j]
        step = min(covered, length - covered)
        out[:, step:] |= out[:, :-step]
        covered += step
    return out if axis == 1 else out.T


# compare-exchanges of a 3x3 median (Paeth's network): after them the fifth value is the median
_MEDIAN_OF_NINE = ((1, 2), (4, 5), (7, 8), (0, 1), (3, 4), (6, 7), (1, 2), (4, 5), (7, 8), (0, 3), (5, 8), (4, 7),
                   (3, 6), (1, 4), (2, 5), (4, 7), (4, 2), (6, 4), (4, 2))


def _live_sides(network: tuple[tuple[int, int], ...], wanted: int) -> list[tuple[int, int, bool, bool]]:
    """Given compare-exchanges (a, b: a takes the smaller value, b the larger) and the place read at the
    end, return each exchange as (a, b, min needed, max needed): the sides that lead to ``wanted``.

    >>> _live_sides(((0, 1), (1, 2)), 1)
    [(0, 1, False, True), (1, 2, True, False)]
    """
    live, sides = {wanted}, []
    for a, b in reversed(network):
        needed = (a in live, b in live)
        live -= {a, b}
        if any(needed):
            live |= {a, b}
        sides.append((a, b, *needed))
    return sides[::-1]


_MEDIAN_SIDES = _live_sides(_MEDIAN_OF_NINE, 4)


def median3(pixels):
    """Given grayscale pixels (numpy uint8), return their 3x3 median, edges repeated: the pixels of
    Pillow's ``ImageFilter.MedianFilter(3)``, computed on whole arrays (about 7x faster); only the
    sides of each exchange that lead to the median are computed.

    >>> import numpy as np
    >>> median3(np.array([[255, 255, 255], [255, 0, 255], [255, 255, 255]], dtype=np.uint8)).tolist()  # a speck
    [[255, 255, 255], [255, 255, 255], [255, 255, 255]]
    """
    import numpy as np

    padded = np.pad(pixels, 1, mode="edge")
    height, width = pixels.shape
    values = [padded[dy: dy + height, dx: dx + width] for dy in range(3) for dx in range(3)]
    for a, b, low, high in _MEDIAN_SIDES:
        values[a], values[b] = (np.minimum(values[a], values[b]) if low else None,
                                np.maximum(values[a], values[b]) if high else None)
    return values[4]


def max_filter(pixels, window: int):
    """Given grayscale pixels (numpy uint8), return the brightest pixel of the ``window`` x ``window``
    square around each, edges repeated: the pixels of Pillow's ``ImageFilter.MaxFilter(window)``, as
    two passes of shifted maxima (about 200x faster).

    >>> import numpy as np
    >>> max_filter(np.array([[0, 0, 0, 0], [0, 9, 0, 0], [0, 0, 0, 0]], dtype=np.uint8), 3).tolist()
    [[9, 9, 9, 0], [9, 9, 9, 0], [9, 9, 9, 0]]
    """
    import numpy as np

    height, width = pixels.shape
    padded = np.pad(pixels, window // 2, mode="edge")
    rows = padded[:, :width].copy()
    for dx in range(1, window):
        np.maximum(rows, padded[:, dx: dx + width], out=rows)
    out = rows[:height].copy()
    for dy in range(1, window):
        np.maximum(out, rows[dy: dy + height], out=out)
    return out


def grown(mask, by: int = 1):
    """Given a boolean mask (numpy), return it grown by ``by`` pixels in every direction (a square:
    grown along the rows, then along the columns).

    >>> import numpy as np
    >>> grown(np.eye(3, dtype=bool)).sum()
    np.int64(9)
    """
    out = mask.copy()
    for shift in range(1, by + 1):
        out[:, shift:] |= mask[:, :-shift]
        out[:, :-shift] |= mask[:, shift:]
    rows = out.copy()
    for shift in range(1, by + 1):
        out[shift:] |= rows[:-shift]
        out[:-shift] |= rows[shift:]
    return out


def rulings_to_grids(hmask, vmask, min_cols: int = 2) -> list[Grid]:
    """Given ruling masks, return the ruled tables: bands between horizontal rulings that are
    crossed by ≥ ``min_cols`` vertical rulings, grouped while consecutive."""
    import numpy as np

    rows_with_line = np.flatnonzero(hmask.sum(axis=1) >= hmask.shape[1] * 0.04)
    ys = _open_ends(vmask, _clusters(rows_with_line.tolist(), 3))
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


def _open_ends(vmask, ys: list[tuple[int, int]], min_cols: int = 2) -> list[tuple[int, int]]:
    """Given the vertical ruling mask and the horizontal rulings (clusters of rows), add the
    missing edge of a table cut by the page: where ≥ ``min_cols`` vertical rulings run on below
    the last horizontal ruling (or above the first), their end closes the last (first) row."""
    import numpy as np

    if not ys:
        return ys
    present = (vmask.sum(axis=1) >= min_cols)  # rows crossed by vertical rulings
    out = list(ys)
    end = ys[-1][1] + 1
    while end < len(present) and present[end]:
        end += 1
    if end - ys[-1][1] > 8:
        out.append((end - 1, end - 1))
    start = ys[0][0] - 1
    while start >= 0 and present[start]:
        start -= 1
    if ys[0][0] - start > 8:
        out.insert(0, (start + 1, start + 1))
    return out


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


def estimate_skew(gray, max_deg: float = 5.0, step: float = 0.1) -> float:
    """Given a grayscale page (PIL), return the rotation in degrees that makes its lines level.

    Projection profile on a downsampled copy: the angle whose row sums are most peaked, searched
    coarse to fine (half-degree steps over ±``max_deg``, then ``step`` around the best).
    """
    import numpy as np
    from PIL import Image

    small = gray.resize((max(gray.width // 2, 1), max(gray.height // 2, 1)))
    ink = Image.fromarray(((np.asarray(small) < 160) * 255).astype("uint8"))

    scores: dict[float, float] = {}  # the fine search passes over the best coarse angle and its neighbours again

    def score(angle: float) -> float:
        if angle not in scores:
            rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST)).sum(axis=1, dtype=np.float64)
            scores[angle] = float(np.square(np.diff(rows)).sum())
        return scores[angle]

    coarse = max((k * 0.5 for k in range(-int(max_deg * 2), int(max_deg * 2) + 1)), key=score)
    steps = int(round(0.5 / step))
    return round(max((coarse + k * step for k in range(-steps, steps + 1)), key=score), 2)


def orientation(image) -> int:
    """Given a page image (PIL), return the clockwise rotation (0, 90, 180, 270) Tesseract's
    orientation detection (OSD, ``--psm 0``) says makes it upright; 0 when it is unsure."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0")
    except pytesseract.TesseractError:  # too little text to decide
        return 0
    fields = dict(line.split(":", 1) for line in osd.splitlines() if ":" in line)
    rotate = int(float(fields.get("Rotate", "0").strip()))
    sure = float(fields.get("Orientation confidence", "0").strip()) >= MIN_OSD_CONFIDENCE
    return rotate % 360 if sure else 0


def tesseract_arguments(lang: str) -> list[str]:
    """The arguments of our Tesseract call besides its input and output (``tesseract IMAGE - ARGS tsv``).

    >>> tesseract_arguments("ind")
    ['-l', 'ind', '--psm', '6']
    """
    return ["-l", lang, *TESSERACT_OPTIONS]


def image_to_words(image, lang: str) -> list[Box]:
    """Given a page image (PIL), return Tesseract's word boxes with confidences."""
    words = []
    for text, conf, x, y, w, h in tesseract_words(image, lang):
        if text.strip() and conf >= MIN_WORD_CONF and not _is_debris(text):
            words.append(Box(x, y, x + w, y + h, _clean_word(text), conf))
    return trim_wide_boxes(drop_specks(words))


def tesseract_words(image, lang: str) -> list[tuple[str, float, int, int, int, int]]:
    """Given a page image (PIL), return Tesseract's words as (text, confidence, left, top, width,
    height), read in this process by its library (:mod:`.tesseract_lib`), else by the command."""
    import numpy as np

    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    borrowed = engine_for(lang, PAGE_SEGMENTATION)
    if borrowed is None:
        return _command_words(image, lang)
    pixels = np.ascontiguousarray(np.asarray(image.convert("L") if image.mode == "1" else image, dtype=np.uint8))
    with borrowed as engine:
        tsv = engine.tsv(pixels, 3 if image.mode == "RGB" else 1)
    words = []
    for row in tsv.splitlines():
        fields = row.split("\t", 11)
        if len(fields) == 12 and fields[0] == "5":  # level 5: a word
            left, top, width, height = map(int, fields[6:10])
            # confidences in whole numbers (truncated), as pytesseract gives the command's
            words.append((fields[11], float(int(float(fields[10]))), left, top, width, height))
    return words


def _command_words(image, lang: str) -> list[tuple[str, float, int, int, int, int]]:
    """:func:`tesseract_words` by the ``tesseract`` command (one process for the page)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's threads only thrash on small pages
    with tempfile.TemporaryDirectory(prefix="lkjip-ocr-") as folder:
        # uncompressed (PGM/PPM, no resolution stored, as pytesseract's PNG): saved 100x faster, read the same
        page = os.path.join(folder, "page.pgm" if image.mode in ("1", "L") else "page.ppm")
        image.save(page)
        data = pytesseract.image_to_data(page, lang=lang, config=" ".join(TESSERACT_OPTIONS),
                                         output_type=pytesseract.Output.DICT)
    return [(str(text), float(conf), int(x), int(y), int(w), int(h)) for level, text, conf, x, y, w, h in
            zip(data["level"], data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"])
            if int(level) == 5]  # a word (the other levels are its blocks, paragraphs and lines)


def trim_wide_boxes(words: list[Box], stretch: float = 2.0) -> list[Box]:
    """Given word boxes, return them with the boxes Tesseract stretched over the next words
    (``Jumlah`` given the width of ``Jumlah yang dicapai``) cut to their text's width: a box wider
    than ``stretch`` times its text at the page's median character width.

    >>> words = [Box(0, 0, 60, 10, "Jumlah"), Box(70, 0, 110, 10, "yang"), Box(120, 0, 400, 10, "dicapai")]
    >>> [b.x1 for b in trim_wide_boxes(words)]
    [60, 110, 197.0]
    """
    widths = sorted((b.x1 - b.x0) / len(b.text) for b in words if len(b.text) >= 3)
    if not widths:
        return words
    char = widths[len(widths) // 2]
    return [b._replace(x1=b.x0 + 1.1 * char * len(b.text)) if b.x1 - b.x0 > stretch * char * len(b.text) else b
            for b in words]


SHORT_MARKS = set(",.-_~'\"`‘’“”")  # punctuation that is legitimately short


def drop_specks(words: list[Box], ratio: float = 0.4) -> list[Box]:
    """Given word boxes, drop the specks of noise Tesseract read as characters: a word whose box
    is lower than ``ratio`` times the median word height and not all short punctuation.

    >>> words = [Box(0, 0, 30, 16, "100%", 90), Box(40, 6, 42, 8, "4", 71), Box(50, 10, 54, 15, ",", 80)]
    >>> [w.text for w in drop_specks(words + [Box(0, 30, 20, 46, "ok", 90)])]
    ['100%', ',', 'ok']
    """
    if not words:
        return words
    heights = sorted(w.bottom - w.top for w in words)
    floor = ratio * heights[len(heights) // 2]
    return [w for w in words if w.bottom - w.top >= floor or set(w.text) <= SHORT_MARKS]


_RULING_CHARS = "|[]{}!_¦"
_QUOTES = "“”\"‘’'`~*«»"  # bold marks and specks at a word's edge, read as quotes


def _is_debris(text: str) -> bool:
    """Specks and ruling remains Tesseract reads as characters ("|", "_", "—")."""
    stripped = text.strip().strip(_RULING_CHARS)
    return not stripped or stripped in ("—", "~", "=", "'", "`", '"')


def _clean_word(text: str) -> str:
    """Strip ruling remains and quote-like specks from a word's edges.

    >>> _clean_word("|29"), _clean_word("“Tabel"), _clean_word("2023”"), _clean_word("620,-")
    ('29', 'Tabel', '2023', '620,-')
    """
    return text.strip().strip(_RULING_CHARS + _QUOTES).strip(_RULING_CHARS) or text.strip()


def page_to_boxes(image, lang: str, dpi: int):
    """Given a scanned page, return (words, grids, rules, note) after deskewing, removing rulings and
    despeckling (median filter); a page read with low confidence is turned upright first when
    Tesseract's orientation detection says it lies sideways or upside down."""
    gray = image.convert("L")
    words, grids, rules, skew = _read_upright(gray, lang, dpi)
    turn = 0
    if words and _mean_conf(words) < SIDEWAYS_CONF:
        turn = orientation(gray)
        if turn:
            words, grids, rules, skew = _read_upright(gray.rotate(-turn, expand=True, fillcolor=255), lang, dpi)
    notes = ([f"turned {turn}°"] if turn else []) + ([f"deskewed {skew:+.1f}°"] if abs(skew) >= 0.1 else [])
    return words, grids, rules, ", ".join(notes) or None


def flatten_background(gray, scale: int = 4, window: int = 9):
    """Given a grayscale page (PIL), return its pixels (numpy) divided by the local background (the
    brightest pixel around, on a ``scale`` times smaller copy): text on shaded header cells and
    grey photocopy backgrounds becomes dark on white for Tesseract's global threshold."""
    import numpy as np
    from PIL import Image

    small = gray.resize((max(gray.width // scale, 1), max(gray.height // scale, 1)))
    background = Image.fromarray(max_filter(np.asarray(small), window)).resize(gray.size, Image.BILINEAR)
    ratio = np.array(gray, dtype=np.float32)  # divided and scaled in place: the same float32 steps
    ratio /= np.maximum(np.asarray(background, dtype=np.float32), 1.0)
    ratio *= 255.0
    return np.minimum(ratio, 255.0, out=ratio).astype(np.uint8)  # no clip at 0: no pixel is negative


def _mean_conf(words: list[Box]) -> float:
    confs = [w.conf for w in words if w.conf is not None]
    return sum(confs) / len(confs) if confs else 0.0


def _read_upright(gray, lang: str, dpi: int):
    from PIL import Image

    skew = estimate_skew(gray)
    if abs(skew) >= 0.1:
        gray = gray.rotate(skew, resample=Image.BICUBIC, fillcolor=255)
    pixels = flatten_background(gray)
    dark = pixels < 160
    hmask, vmask = find_rulings(dark, min_h=max(int(dpi * 0.3), 20), min_v=max(int(dpi * 0.16), 12))
    grids = rulings_to_grids(hmask, vmask)
    rules = horizontal_rules(hmask, grids)
    cleaned = pixels.copy()
    cleaned[grown(hmask | vmask)] = 255  # the grey edges of a ruling too: their remains read as "|", "—"
    despeckled = Image.fromarray(median3(cleaned))
    return image_to_words(despeckled, lang), grids, rules, skew


def page_parts(words: list[Box], grids: list[Grid], page: int, rules: list[Rule] = (),
               carried: list[float] | None = None) -> tuple[list[Line], list[list[Box]], list[float] | None]:
    """Given a page's word boxes, ruled grids and other horizontal rules, return (table rows,
    other visual lines, the columns of its last unruled table): ruled tables first, then tables set
    between rules, then unruled tables. ``carried`` are the columns of the previous page's last
    unruled table: a table at the top of this page that keeps to them continues it and takes them
    (its own anchor lines may leave a column empty and so miss a gutter)."""
    rows: list[Line] = []
    rest = list(words)
    last: list[float] | None = None
    for grid in grids:
        x0, top, x1, bottom = grid.bbox
        inside = [b for b in rest if x0 - 2 <= (b.x0 + b.x1) / 2 <= x1 + 2
                  and top <= (b.top + b.bottom) / 2 <= bottom]
        ids = {id(b) for b in inside}
        rest = [b for b in rest if id(b) not in ids]
        rows += [row_line(cells, page, bbox, conf) for cells, bbox, conf in grid_to_rows(grid, inside)]
    if carried and rules:  # the page opens with the rest of a table whose closing rule is below
        first_rule = min(rules, key=lambda r: r.y)
        above = boxes_to_lines([b for b in rest if (b.top + b.bottom) / 2 < first_rule.y
                                and first_rule.x0 - 20 <= (b.x0 + b.x1) / 2 <= first_rule.x1 + 20])
        while above and not keeps_to(above[:1], carried, 0):  # a running header above the table
            above = above[1:]
        if len(above) >= 2 and keeps_to(above, carried):
            for cells, members in aligned_rows(above, carried):
                boxes = [b for m in members for b in m]
                rows.append(row_line(cells, page, line_bbox(boxes), line_conf(boxes)))
            ids = {id(b) for line in above for b in line}
            rest = [b for b in rest if id(b) not in ids]
    for table in rule_bounded_tables(list(rules), rest):
        rest = [b for b in rest if id(b) not in table.taken]
        rows += [row_line(cells, page, bbox, conf) for cells, bbox, conf in table_lines(table)]
        last = table.gutters
    lines = boxes_to_lines(rest)
    taken: set[int] = set()
    for first, end, gutters in wrapped_tables(lines):
        if carried and first <= 2 and len(carried) > len(gutters) and keeps_to(lines[first: end + 1], carried):
            gutters = carried
        for cells, members in aligned_rows(lines[first: end + 1], gutters):
            boxes = [b for m in members for b in m]
            rows.append(row_line(cells, page, line_bbox(boxes), line_conf(boxes)))
        taken.update(range(first, end + 1))
        last = gutters
    return rows, [line for k, line in enumerate(lines) if k not in taken], last


def keeps_to(lines: list[list[Box]], gutters: list[float], crossing: float = 0.1) -> bool:
    """True when words cross the gutters on at most ``crossing`` of the lines.

    >>> keeps_to([[Box(0, 0, 10, 5, "a"), Box(30, 0, 40, 5, "1")]], [20.0]), keeps_to([[Box(0, 0, 40, 5, "ab")]], [20.0])
    (True, False)
    """
    crossed = sum(1 for line in lines if any(b.x0 < g < b.x1 for b in line for g in gutters))
    return crossed <= crossing * len(lines)


def horizontal_rules(hmask, grids: list[Grid], min_share: float = 0.15) -> list[Rule]:
    """Given the horizontal ruling mask and the ruled grids, return the other horizontal rules at
    least ``min_share`` of the page wide (the rules of borderless tables), with their x extent."""
    import numpy as np

    rows = np.flatnonzero(hmask.sum(axis=1) >= hmask.shape[1] * min_share)
    rules = []
    for a, b in _clusters(rows.tolist(), 3):
        xs = np.flatnonzero(hmask[a: b + 1].any(axis=0))
        y = (a + b) / 2
        if any(g.bbox[1] - 3 <= y <= g.bbox[3] + 3 for g in grids):
            continue
        rules.append(Rule(y, float(xs[0]), float(xs[-1])))
    return rules


def ocr_pages(images: Iterable, path, lang: str | None = None, dpi: int = 150,
              page_numbers: Iterable[int] | None = None, workers: int = 1) -> tuple[list[Line], list[PageInfo]]:
    """Given page images (PIL, page order), return their Lines and one PageInfo per page.

    Lines carry the page number (1-based, or from ``page_numbers``), bbox in pixels at ``dpi``
    and the mean word confidence. A page where nothing is recognised gets ``note="blank"``.
    ``workers`` pages are read at once (:func:`read_pages`); the pages are then put together in order.
    """
    if lang is None:
        lang, _ = tesseract_language(str(path))
    numbers = iter(page_numbers) if page_numbers is not None else None
    parts: list[tuple[int, list[Line], list[list[Box]]]] = []
    carried: list[float] | None = None  # the columns of the last unruled table, for its continuation
    infos: list[PageInfo] = []
    for index, (words, grids, rules, note) in enumerate(read_pages(images, lang, dpi, workers), 1):
        number = next(numbers) if numbers is not None else index
        table_rows, free, carried = page_parts(words, grids, number, rules, carried)
        parts.append((number, table_rows, free))
        confs = [w.conf for w in words if w.conf is not None]
        note = "blank" if not words else note
        infos.append(PageInfo(number=number, chars=sum(len(w.text) for w in words),
                              ocr_confidence=round(sum(confs) / len(confs), 1) if confs else None,
                              note=note))
    kept = drop_running_lines([free for _, _, free in parts])
    lines = [prose_percent(column_numbers(percent_header(ln))) for (number, rows, _), free in zip(parts, kept)
             for ln in assemble_page(rows, free, number)]
    for info in infos:
        info.table_rows = sum(1 for ln in lines if ln.page == info.number and ln.is_row)
    return lines, infos


def read_pages(images: Iterable, lang: str, dpi: int = 150, workers: int = 1) -> Iterator[tuple]:
    """Given page images (PIL, page order), yield :func:`page_to_boxes` of each, in page order.

    With ``workers`` > 1 the pages are read by that many threads (each page's time is spent in its
    Tesseract process and in numpy and Pillow, which release the GIL); at most two pages per worker
    wait in memory. Each page is read alone, so the result is the same for any ``workers``.
    """
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per Tesseract: the pages are the parallelism

    def read(image):
        return page_to_boxes(image, lang, int(image.info.get("dpi", (dpi,))[0]))

    if workers <= 1:
        yield from map(read, images)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future] = deque()
        for image in images:  # rendered here, one at a time: a PDF document is not shared by threads
            pending.append(pool.submit(read, image))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


# How Tesseract reads a "%" standing alone in a header cell ("%", "(%)")
_LONE_PERCENT = regex.compile(r"^(\(?)\s*(?:96|90|9%|%6|%o|Yo|yo|Vo|o/o|0/0|°/o)\s*(\)?)$")
_BRACKETED_PERCENT = regex.compile(r"(?<=\s)\((?:96|90|9%|%6|%o|Yo|yo|Vo|o/o|0/0|°/o)\)(?=\s|$)")
_FIGURE_ONLY = regex.compile(r"^[\d.,%()\s-]*\d[\d.,%()\s-]*$")


def percent_header(line: Line) -> Line:
    """Given an OCR'd line, return it with lone misread percent signs restored in a header row
    (a row whose other cells hold no digit): ``"Yo"`` → ``"%"``, ``"(90)"`` → ``"(%)"``.

    >>> percent_header(Line(0, "", "", ["No", "Program", "(Rp)", "(90)"])).cells
    ['No', 'Program', '(Rp)', '(%)']
    >>> percent_header(Line(0, "", "", ["Target", "Capaian (Yo)"])).cells
    ['Target', 'Capaian (%)']
    >>> percent_header(Line(0, "", "", ["1", "Program", "90"])).cells
    ['1', 'Program', '90']
    """
    if not line.is_row:
        return line
    lone = [bool(_LONE_PERCENT.match(c.strip())) for c in line.cells]
    if not any(lone) and not any(_BRACKETED_PERCENT.search(c) for c in line.cells):
        return line
    if any(_FIGURE_ONLY.match(c.strip()) for c, is_lone in zip(line.cells, lone) if not is_lone):
        return line
    cells = [_LONE_PERCENT.sub(r"\1%\2", c.strip()) if is_lone else _BRACKETED_PERCENT.sub("(%)", c)
             for c, is_lone in zip(line.cells, lone)]
    return replace(line, cells=cells, text="\t".join(cells))


# "88,90%" read as "88,9096": two decimals, then the percent sign as "96" (or "%6", "9%")
_PROSE_PERCENT = regex.compile(r"(?<![\d.,])(\d{1,3}[.,]\d\d)(?:96|%6|9%)(?![\d%])")


def prose_percent(line: Line) -> Line:
    """Given an OCR'd text line (not a table row), return it with percentages whose sign was read
    as "96" restored; a number with two decimals then "96" is that misread, not four decimals.

    >>> prose_percent(Line(0, "", "atau 88,9096 dari pagu dan 12,3456 ton")).text
    'atau 88,90% dari pagu dan 12,3456 ton'
    """
    if line.is_row or not _PROSE_PERCENT.search(line.text):
        return line
    return replace(line, text=_PROSE_PERCENT.sub(r"\1%", line.text))


def column_numbers(line: Line, share: float = 0.6) -> Line:
    """Given an OCR'd row, return it as a column-number row (*nomor kolom*: 1, 2, 3 …) when most
    of its cells read as their own column number and the others are short misreads.

    >>> column_numbers(Line(0, "", "", [":", "Tg", "3", "4", "5"])).cells
    ['1', '2', '3', '4', '5']
    >>> column_numbers(Line(0, "", "", ["1", "2", "3 Tie", "", "5", "6"])).cells
    ['1', '2', '3', '4', '5', '6']
    >>> column_numbers(Line(0, "", "", ["1", "Program", "3", "4", "5"])).cells
    ['1', 'Program', '3', '4', '5']
    """
    if not line.is_row or len(line.cells) < 3:
        return line
    cells = [(c.split() or [""])[0].rstrip(".:") for c in line.cells]
    if any(len(c) > 6 for c in line.cells):
        return line
    offset = next((int(c) - k for k, c in enumerate(cells) if c.isdigit()), None)
    if offset is None or offset < 1:
        return line
    fits = sum(1 for k, c in enumerate(cells) if c == str(k + offset))
    if line.cells == [str(k + offset) for k in range(len(cells))] or fits < max(3, share * len(cells)):
        return line
    numbers = [str(k + offset) for k in range(len(cells))]
    return replace(line, cells=numbers, text="\t".join(numbers))


MIN_DPI, MAX_DPI = 150, 300  # pages are read at their scan's resolution within these bounds


def scan_dpi(page, default: int = MIN_DPI) -> int:
    """Given a PDF page (pypdfium2), return the resolution of its largest image (the scan) within
    [``MIN_DPI``, ``MAX_DPI``]; ``default`` for a page without images."""
    import pypdfium2.raw as pdfium_c

    best = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        meta = obj.get_metadata()
        if best is None or meta.width * meta.height > best[0]:
            best = (meta.width * meta.height, meta.horizontal_dpi)
    if best is None or not best[1]:
        return default
    return int(min(max(round(best[1]), MIN_DPI), MAX_DPI))


def render_pages(path: Path, dpi: int | None = 150, pages: Iterable[int] | None = None):
    """Yield the pages (0-based indexes ``pages``, default all) of a PDF as PIL images, at ``dpi``
    or, when None, at each page's scan resolution (:func:`scan_dpi`); ``image.info["dpi"]`` says which."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for i in (range(len(doc)) if pages is None else pages):
            page = doc[i]
            resolution = dpi or scan_dpi(page)
            image = page.render(scale=resolution / 72, grayscale=True).to_pil()
            image.info["dpi"] = (resolution, resolution)
            yield image
            page.close()
    finally:
        doc.close()


__all__ = ["Grid", "ocr_pages", "read_pages", "render_pages", "tesseract_language"]
