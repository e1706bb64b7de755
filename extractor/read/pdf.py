"""Read a PDF report into the line model.

Stages: ``open_pdf`` (typed errors for encrypted / corrupt / empty files) → ``survey_page`` (fast,
pypdfium2: characters, ruling paths, images) → per page either OCR (image-only pages) or
``page_segments`` (pypdfium2 text runs) plus ``ruled_tables`` (pdfplumber ``find_tables``, only
on pages with ruling lines) → ``drop_running_lines`` (headers, footers, page numbers) →
``assemble_page`` (unruled tables by text alignment, reading order) → ``join_continued_tables`` (a table continued on the next page
repeats its header row: drop it) → :class:`~extractor.read.base.Document`.

Coordinates of ``Line.bbox`` are PDF points, ``(x0, top, x1, bottom)`` from the top-left corner.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

from ..errors import EmptyInput, UnreadableInput
from ..model import Issue
from .base import Document, Line, PageInfo, sha256_of
from .ocr import (Box, assemble_page, boxes_to_lines, drop_running_lines, is_page_number,
                  join_wrapped, normalise, row_line, running_text)

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


def survey_page(page) -> PageSurvey:
    """Given a pypdfium2 page, count its characters, ruling paths and images (fast, no layout)."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    textpage = page.get_textpage()
    chars = textpage.count_chars()
    textpage.close()
    images = h = v = boxes = 0
    for obj in page.get_objects(max_depth=2):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif obj.type == raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            w, ht = right - left, top - bottom
            if w >= RULING_MIN_LENGTH and ht <= 3:
                h += 1
            elif ht >= RULING_MIN_LENGTH and w <= 3:
                v += 1
            elif w >= RULING_MIN_LENGTH and ht >= RULING_MIN_LENGTH:
                boxes += 1
    return PageSurvey(chars, width, height, images, h, v, boxes)


# ---------------------------------------------------------------- text layer

def page_segments(page, height: float) -> list[Box]:
    """Given a pypdfium2 page, return its text runs as boxes (top measured from the page top)."""
    textpage = page.get_textpage()
    boxes = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = " ".join(text.split())
        if text:
            boxes.append(Box(left, height - top, right, height - bottom, text))
    textpage.close()
    return boxes


def ruled_tables(plumber_page) -> list[tuple[tuple, list[tuple[list[str], tuple]]]]:
    """Given a pdfplumber page, return its ruled tables as (bbox, rows of (cells, bbox))."""
    tables = []
    for table in plumber_page.find_tables():
        rows = []
        for row, texts in zip(table.rows, table.extract()):
            cells = [join_wrapped((t or "").split("\n")) for t in texts]
            if any(cells):
                boxes = [c for c in row.cells if c is not None]
                bbox = (min(c[0] for c in boxes), min(c[1] for c in boxes),
                        max(c[2] for c in boxes), max(c[3] for c in boxes))
                rows.append((cells, bbox))
        if rows and len(rows[0][0]) >= 2:
            tables.append((table.bbox, rows))
    return tables


def _inside(box: Box, bbox: tuple) -> bool:
    cx, cy = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
    return bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1


def page_parts(segments: list[Box], tables, page: int) -> tuple[list[Line], list[list[Box]]]:
    """Given a page's text runs and its ruled tables, return (table rows, other visual lines)."""
    rows = [row_line(cells, page, bbox) for _, table_rows in tables for cells, bbox in table_rows]
    free = [s for s in segments if not any(_inside(s, t[0]) for t in tables)]
    return rows, boxes_to_lines(free)


# ---------------------------------------------------------------- continued tables, the document

def join_continued_tables(lines: list[Line]) -> list[Line]:
    """Drop the repeated header row of a table continued on the next page.

    A row that directly follows a row of the previous page (no text line in between) and
    equals the first row of that table is a repeated header.
    """
    out: list[Line] = []
    header: list[str] | None = None
    for line in lines:
        if not line.is_row:
            header = None
            out.append(line)
            continue
        previous = out[-1] if out else None
        if previous is None or not previous.is_row:
            header = line.cells
        elif (previous.page != line.page and header is not None
              and [c.strip() for c in line.cells] == [c.strip() for c in header]):
            continue
        out.append(line)
    return out


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
            warnings.append(Issue(code="W_BLANK_PAGE", stage="read", page=info.number,
                                  message=f"page {info.number} is an image with no recognisable text"))
    if not any(ln.text.strip() for ln in final):
        raise EmptyInput(str(path), "no text found on any page (blank pages, or images OCR could not read)")
    rows = Counter(ln.page for ln in final if ln.is_row)
    for info in infos:
        info.table_rows = rows.get(info.number, 0)
    return Document(path=str(path), format=fmt, lines=final, sha256=sha256_of(path),
                    pages=infos, warnings=warnings)


# ---------------------------------------------------------------- the reader

def read_pdf(path: Path, ocr: bool | None = None) -> Document:
    """Given a PDF report, return its Document.

    ``ocr=None`` decides per file: a PDF whose pages are mostly images without a text layer is
    read with Tesseract (format "ocr"); single image-only pages of a born-digital PDF are OCR'd
    too. ``ocr=True`` forces OCR of every page, ``ocr=False`` never runs it.
    """
    path = Path(path)
    doc = open_pdf(path)
    try:
        count = len(doc)
        if count == 0:
            raise EmptyInput(str(path), "the PDF has no pages")
        surveys = [survey_page(doc[i]) for i in range(count)]
        scanned = [i for i, s in enumerate(surveys) if s.scanned]
        if not (ocr is True or (ocr is None and len(scanned) > count / 2)):
            return _read_born_digital(path, doc, surveys, scanned if ocr is None else [])
    finally:
        doc.close()
    from .ocr import read_scanned_pdf
    return read_scanned_pdf(path)


def _read_born_digital(path: Path, doc, surveys: list[PageSurvey], ocr_pages_idx: list[int]) -> Document:
    import pdfplumber

    parts: list[tuple[int, list[Line], list[list[Box]]]] = []
    infos: list[PageInfo] = []
    warnings: list[Issue] = []
    plumber = None
    try:
        for i, survey in enumerate(surveys):
            if i in ocr_pages_idx:
                continue
            page = doc[i]
            segments = page_segments(page, survey.height)
            tables = []
            if survey.has_rulings:
                if plumber is None:
                    plumber = pdfplumber.open(str(path))
                tables = ruled_tables(plumber.pages[i])
                plumber.pages[i].close()
            parts.append((i + 1, *page_parts(segments, tables, i + 1)))
            infos.append(PageInfo(number=i + 1, chars=survey.chars,
                                  note=None if survey.chars else "no text on this page"))
    finally:
        if plumber is not None:
            plumber.close()
    kept = drop_running_lines([free for _, _, free in parts])
    lines = [ln for (number, rows, _), free in zip(parts, kept)
             for ln in assemble_page(rows, free, number)]
    fmt = "pdf"
    if ocr_pages_idx:
        from .ocr import ocr_pages, render_pages, tesseract_language

        lang, lang_warnings = tesseract_language(str(path))
        warnings += lang_warnings
        ocr_lines, ocr_infos = ocr_pages(render_pages(path, 150, ocr_pages_idx), path, lang=lang,
                                         page_numbers=[i + 1 for i in ocr_pages_idx])
        for info in ocr_infos:
            info.note = "OCR (no text layer)" if info.note != "blank" else "blank"
        lines += ocr_lines
        infos += ocr_infos
        infos.sort(key=lambda p: p.number)
        lines.sort(key=lambda ln: ln.page)
        fmt = "ocr" if len(ocr_pages_idx) > len(surveys) / 2 else "pdf"
    return finish_document(path, fmt, lines, infos, warnings)
