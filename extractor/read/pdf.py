"""Read a PDF report into the line model.

Stages: ``open_pdf`` (typed errors for encrypted / corrupt / empty files) → ``survey_page`` (fast,
pypdfium2: ruling paths, images; characters only on pages with images) → per page either OCR
(image-only pages) or ``turn_upright`` (a landscape page stored turned is read as displayed, see
:mod:`extractor.read.rotation`), ``page_runs`` (pypdfium2 text runs) and ``page_tables``: ruled
tables (pdfplumber's table algorithm on ruling lines and text runs taken from pypdfium2, see
:mod:`extractor.read.pdf_tables`) and tables set with horizontal rules only (borderless, partly
ruled; a table left open at a page's foot continues on the next, see
:mod:`extractor.read.rule_tables`) → ``drop_running_lines`` (headers, footers, page numbers) →
``assemble_page`` (other unruled tables by text alignment, reading order) →
``join_continued_tables`` (a table continued on the next page repeats its header row: drop it) →
:class:`~extractor.read.base.Document`.

Pages are read one at a time and nothing but their lines is kept, so memory does not grow with
the page count. Coordinates of ``Line.bbox`` are PDF points, ``(x0, top, x1, bottom)`` from the
top-left corner.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EmptyInput, UnreadableInput
from ..codes import issue
from ..model import Issue
from .base import Document, Line, PageInfo, sha256_of
from .continued import join_continued_tables
from .geometry import Box, boxes_to_lines
from .ocr import ocr_pages, render_pages, tesseract_language
from .page import assemble_page, row_line
from .pdf_tables import (Run, api, fill_tables, find_tables, handle, merge_edges,
                         object_bounds, page_objects, page_runs, path_edges, run_pieces, run_words,
                         split_shades)
from .rule_tables import OpenTable, free_bands, rule_tables
from .rotation import turn_upright
from .rows import join_wrapped
from .running import drop_running_lines

MIN_TEXT_CHARS = 20      # fewer characters than this on a page with an image: a scanned page
RULING_MIN_LENGTH = 8.0  # points; shorter paths are glyph decorations, not table rulings


@dataclass
class PageSurvey:
    chars: int
    width: float
    height: float
    images: int
    rulings_h: int
    rulings_v: int
    boxes: int
    paths: list = field(default_factory=list, repr=False)  # (handle, form matrices), while the page is open

    @property
    def has_rulings(self) -> bool:
        return (self.rulings_h >= 2 and self.rulings_v >= 2) or self.boxes >= 4

    @property
    def scanned(self) -> bool:
        return self.chars < MIN_TEXT_CHARS and self.images > 0


# ---------------------------------------------------------------- opening

def open_pdf(path: Path):
    """Given a path, return the open pypdfium2 document; typed errors when it cannot be read."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise UnreadableInput(str(path), "encrypted (password-protected) PDF: save an unprotected "
                                  "copy (e.g. qpdf --decrypt --password=… in.pdf out.pdf) and read that") from exc
        if _page_count_by_pdfminer(path) == 0:  # pdfium refuses a document without pages
            raise EmptyInput(str(path), "the PDF has no pages") from exc
        raise UnreadableInput(str(path), f"corrupt or not a PDF ({message}); re-export or re-download "
                              "the file, or repair it with qpdf/mutool") from exc


def _page_count_by_pdfminer(path: Path) -> int | None:
    """Pages pdfminer finds in a file pdfium refused, or None when pdfminer cannot parse it."""
    import pdfplumber

    try:
        with pdfplumber.open(str(path)) as pdf:
            return len(pdf.pages)
    except Exception:  # noqa: BLE001 - any parse failure means "not readable"
        return None


def survey_page(page, chars: int | None = None) -> PageSurvey:
    """Given a pypdfium2 page, count its ruling paths and images (fast, no layout) and keep its
    path objects for ``ruled_tables``. ``chars`` is the page's character count when known; else
    it is counted on a page with images (which may be a scan) and is -1 on the others."""
    a = api()
    width, height = page.get_size()
    images = h = v = boxes = 0
    paths = []
    for obj, kind, forms in page_objects(handle(page)):
        if kind == a.IMAGE:
            images += 1
        elif kind == a.PATH:
            paths.append((obj, forms))
            if len(forms) > 1:
                continue  # the survey counts rulings on the page and in its forms, not deeper
            left, bottom, right, top = object_bounds(obj)
            w, ht = right - left, top - bottom
            if w >= RULING_MIN_LENGTH and ht <= 3:
                h += 1
            elif ht >= RULING_MIN_LENGTH and w <= 3:
                v += 1
            elif w >= RULING_MIN_LENGTH and ht >= RULING_MIN_LENGTH:
                boxes += 1
    if chars is None:
        chars = -1
        if images:
            textpage = page.get_textpage()
            chars = textpage.count_chars()
            textpage.close()
    return PageSurvey(chars, width, height, images, h, v, boxes, paths)


# ---------------------------------------------------------------- text layer

def page_segments(runs: list[Run]) -> list[Box]:
    """Given a page's text runs, return them as boxes with their text's spaces normalised."""
    boxes = []
    for run in runs:
        text = " ".join(run.text.split())
        if text:
            boxes.append(Box(run.x0, run.top, run.x1, run.bottom, text))
    return boxes


def page_tables(survey: PageSurvey, textpage, runs: list[Run], objects: list, carried: OpenTable | None = None
                ) -> tuple[list[tuple[tuple, list[tuple[list[str], tuple]]]], OpenTable | None]:
    """Given an open page's survey, its text page, runs and characters' text objects
    (``page_runs``), return its tables as (bbox, rows of (cells, bbox)): ruled tables
    (pdfplumber's algorithm on the ruling lines, text from pdfium) and tables set with
    horizontal rules only (:mod:`extractor.read.rule_tables`), top down; and the rule table
    left open at the foot of the page (``carried``: the one the previous page left open)."""
    if not survey.paths and carried is None:
        return [], None
    height = survey.height
    shades, lines = split_shades(survey.paths, height, survey.width * height)
    h_edges: list[tuple] = []
    v_edges: list[tuple] = []
    for obj, forms in lines:
        path_edges(obj, forms, height, h_edges, v_edges)
    ruled = ruled_tables(survey, textpage, runs, objects, (h_edges, v_edges)) if survey.has_rulings else []
    found = [t for t in ruled if len(t[1]) >= 2]
    left_open = None
    ruled_boxes = [t[0] for t in found]
    h_merged: list[tuple] = []
    if survey.rulings_h + survey.boxes >= 2:
        shade_sides = [(top, x0, x1) for x0, top, x1, bottom in shades] + [(bottom, x0, x1) for x0, top, x1, bottom in shades]
        h_merged, _ = merge_edges(h_edges + shade_sides, [])
    if carried is not None or free_bands(h_merged, ruled_boxes):
        words = _page_words(textpage, runs, objects, height)
        ruled_only, left_open = rule_tables(h_merged, words, shades, ruled_boxes, carried)
        # a ruled header row alone is read as the head of the rule table below it; left alone at
        # the page's foot (a rule table without rows: its body is on the next page) it stays a row
        heads = [t for t in ruled if len(t[1]) < 2]
        found += [t for t in ruled_only if t[1] or not any(_overlap(t[0], h[0]) for h in heads)]
        found += [h for h in heads if not any(r[1] and _overlap(h[0], r[0]) for r in ruled_only)]
    else:
        found += [t for t in ruled if len(t[1]) < 2]
    return sorted(found, key=lambda t: t[0][1]), left_open


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _page_words(textpage, runs: list[Run], objects: list, height: float) -> list[Box]:
    """The word boxes of the page's runs (``run_words``)."""
    words = []
    for run in runs:
        for w in run_words(textpage, run, objects, height):
            text = " ".join(w.text.split())
            if text:
                words.append(Box(w.x0, w.top, w.x1, w.bottom, text))
    return words


def ruled_tables(survey: PageSurvey, textpage, runs: list[Run], objects: list, edges: tuple | None = None
                 ) -> list[tuple[tuple, list[tuple[list[str], tuple]]]]:
    """Given an open page's survey, its text page, runs and characters' text objects
    (``page_runs``) and optionally its edges (``path_edges`` of its paths), return its ruled
    tables as (bbox, rows of (cells, bbox)): pdfplumber ``find_tables()`` and
    ``Table.extract()`` on ruling lines and text taken from pdfium."""
    height = survey.height
    if edges is None:
        edges = ([], [])
        for obj, forms in survey.paths:
            path_edges(obj, forms, height, *edges)
    tables = find_tables(*edges)
    if not tables:
        return []
    texts = fill_tables(tables, runs, lambda run: run_pieces(textpage, run, objects, height))
    out = []
    for table, table_texts in zip(tables, texts):
        rows = []
        for row, row_texts in zip(table.rows, table_texts):
            cells = [join_wrapped(lines or []) for lines in row_texts]
            if any(cells):
                boxes = [c for c in row if c is not None]
                bbox = (min(c[0] for c in boxes), min(c[1] for c in boxes),
                        max(c[2] for c in boxes), max(c[3] for c in boxes))
                rows.append((cells, bbox))
        if rows and len(rows[0][0]) >= 2:
            out.append((table.bbox, rows))
    return out


def _inside(box: Box, bbox: tuple) -> bool:
    cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
    return bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1


def page_parts(segments: list[Box], tables, page: int) -> tuple[list[Line], list[list[Box]]]:
    """Given a page's text runs and its ruled tables, return (table rows, other visual lines)."""
    rows = [row_line(cells, page, bbox) for _, table_rows in tables for cells, bbox in table_rows]
    free = [s for s in segments if not any(_inside(s, t[0]) for t in tables)]
    return rows, boxes_to_lines(free)


# ---------------------------------------------------------------- continued tables, the document

def finish_document(path: Path, fmt: str, lines: list[Line], infos: list[PageInfo],
                    warnings: list[Issue]) -> Document:
    """Join continued tables, number the lines, warn of blank pages and build the Document.

    Raises EmptyInput when nothing at all was recognised.
    """
    final = join_continued_tables(lines)
    for number, line in enumerate(final, 1):
        line.number = number
    for info in infos:
        if info.note == "blank":
            warnings.append(issue("W_BLANK_PAGE", "read", f"page {info.number} is an image with no recognisable text",
                                  page=info.number))
    if not any(ln.text.strip() for ln in final):
        raise EmptyInput(str(path), "no text found on any page (blank pages, or images OCR could not read)")
    rows = Counter(ln.page for ln in final if ln.is_row)
    for info in infos:
        info.table_rows = rows.get(info.number, 0)
    return Document(path=str(path), format=fmt, lines=final, sha256=sha256_of(path),
                    pages=infos, warnings=warnings)


# ---------------------------------------------------------------- the reader

def read_pdf(path: Path, ocr: bool | None = None, workers: int = 1) -> Document:
    """Given a PDF report, return its Document.

    ``ocr=None`` decides per file: a PDF whose pages are mostly images without a text layer is
    read with Tesseract (format "ocr"); single image-only pages of a born-digital PDF are OCR'd
    too. ``ocr=True`` forces OCR of every page, ``ocr=False`` never runs it. ``workers`` pages are OCR'd at once.
    """
    path = Path(path)
    doc = open_pdf(path)
    try:
        count = len(doc)
        if count == 0:
            raise EmptyInput(str(path), "the PDF has no pages")
        document = None if ocr is True else _read_born_digital(path, doc, ocr, workers)
    finally:
        doc.close()
    if document is not None:
        return document
    return read_scanned_pdf(path, workers=workers)


def read_scanned_pdf(path: Path, dpi: int | None = None, workers: int = 1) -> Document:
    """Given a scanned (image-only) PDF, return its Document (format "ocr") via Tesseract, each page
    read at ``dpi`` or, by default, at its scan's resolution; ``workers`` pages at once."""
    path = Path(path)
    lang, warnings = tesseract_language(str(path))
    doc = open_pdf(path)
    count = len(doc)
    doc.close()
    if count == 0:
        raise EmptyInput(str(path), "the PDF has no pages")
    lines, infos = ocr_pages(render_pages(path, dpi), path, lang=lang, dpi=dpi or 150, workers=workers)
    return finish_document(path, "ocr", lines, infos, warnings)


def _read_born_digital(path: Path, doc, ocr: bool | None, workers: int = 1) -> Document | None:
    """Read the pages one at a time; None when most pages are scans (``ocr=None``): the
    caller OCRs the whole file."""
    count = len(doc)
    parts: list[tuple[int, list[Line], list[list[Box]]]] = []
    infos: list[PageInfo] = []
    warnings: list[Issue] = []
    ocr_pages_idx: list[int] = []
    carried = None  # a rule table left open at the foot of the previous page
    for i in range(count):
        page = doc[i]
        turn_upright(page)  # a landscape page stored turned (/Rotate) is read as displayed
        textpage = page.get_textpage()
        try:
            chars = textpage.count_chars()
            survey = survey_page(page, chars)
            if survey.scanned and ocr is None:
                ocr_pages_idx.append(i)
                if len(ocr_pages_idx) > count / 2:
                    return None
                continue
            runs, objects = page_runs(textpage, survey.height)
            tables, carried = page_tables(survey, textpage, runs, objects, carried)
        finally:
            textpage.close()
            page.close()
        parts.append((i + 1, *page_parts(page_segments(runs), tables, i + 1)))
        infos.append(PageInfo(number=i + 1, chars=chars, note=None if chars else "no text on this page"))
    kept = drop_running_lines([free for _, _, free in parts])
    lines: list[Line] = []
    for k, (number, rows, _) in enumerate(parts):
        lines += assemble_page(rows, kept[k], number, join_paragraphs=True)
        parts[k] = kept[k] = None  # each page's boxes go as soon as its lines are made
    fmt = "pdf"
    if ocr_pages_idx:

        lang, lang_warnings = tesseract_language(str(path))
        warnings += lang_warnings
        ocr_lines, ocr_infos = ocr_pages(render_pages(path, None, ocr_pages_idx), path, lang=lang,
                                         page_numbers=[i + 1 for i in ocr_pages_idx], workers=workers)
        for info in ocr_infos:
            info.note = "OCR (no text layer)" if info.note != "blank" else "blank"
        lines += ocr_lines
        infos += ocr_infos
        infos.sort(key=lambda p: p.number)
        lines.sort(key=lambda ln: ln.page)
        fmt = "ocr" if len(ocr_pages_idx) > count / 2 else "pdf"
    return finish_document(path, fmt, lines, infos, warnings)
