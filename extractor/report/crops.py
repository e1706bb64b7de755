"""Page crops: for a PDF report, an image of the page region where each row's figures were read.

A row's provenance carries its page and ``bbox`` (x0, top, x1, bottom): PDF points for a born-digital
page, pixels at the scan's resolution for a page read by OCR (the reader renders a scanned page at
:func:`~extractor.read.ocr.scan_dpi`). pypdfium2 renders each page once at :data:`SCALE`; the row's band,
widened by :data:`MARGIN` points, is cut out and written as PNG under ``DIR/crops/``. A text or docx
report, a source file no longer on disk, or a row without a box gets no crop (the page says so).
"""
from __future__ import annotations

import io
from pathlib import Path

from ..atomic import atomic_write
from ..model import Report
from .page import Place, ReportPage

SCALE = 2.0  # 144 dpi: the row's digits stay legible
MARGIN = 8.0  # points around the row's box
CROPS_FOLDER = "crops"
PDF_FORMATS = ("pdf", "ocr")


def crop_box(bbox: list[float], points_per_unit: float, page_size: tuple[float, float]) -> tuple[int, int, int, int]:
    """Given a row's box (in units of ``points_per_unit`` points) and the page's size in points, return
    the pixel box to cut from the page rendered at :data:`SCALE`, widened by :data:`MARGIN`, inside the page.

    >>> crop_box([72, 100, 300, 112], 1.0, (595, 842))
    (128, 184, 616, 240)
    >>> crop_box([150, 200, 600, 230], 72 / 150, (595, 842))
    (128, 176, 592, 237)
    """
    width, height = page_size
    x0, top, x1, bottom = (v * points_per_unit for v in bbox)
    x0, top = max(x0 - MARGIN, 0.0), max(top - MARGIN, 0.0)
    x1, bottom = min(x1 + MARGIN, width), min(bottom + MARGIN, height)
    return round(x0 * SCALE), round(top * SCALE), round(x1 * SCALE), round(bottom * SCALE)


def _ocr_pages(report: Report) -> set[int]:
    """The pages read by OCR (their boxes are in pixels)."""
    if report.source.format == "ocr":
        return {p.number for p in report.pages} | {0}
    return {p.number for p in report.pages if p.ocr_confidence is not None}


def add_crops(page: ReportPage, report: Report, out_dir: Path) -> int:
    """Given a report's page model, write a crop per figure row with a page and a box, set each row's
    ``place.crop`` to it (relative to ``out_dir``), and return how many were written."""
    source = Path(report.source.path)
    if report.source.format not in PDF_FORMATS or not source.is_file():
        return 0
    wanted = [row.place for row in page.indicators + page.programs + page.budget if row.place.page and row.place.bbox]
    if not wanted:
        return 0
    import pypdfium2 as pdfium

    from ..read.ocr import scan_dpi

    ocr_pages = _ocr_pages(report)
    written = 0
    doc = pdfium.PdfDocument(str(source))
    try:
        by_page: dict[int, list[Place]] = {}
        for place in wanted:
            by_page.setdefault(place.page, []).append(place)
        for number, places in sorted(by_page.items()):
            if not 1 <= number <= len(doc):
                continue
            pdf_page = doc[number - 1]
            unit = 72 / scan_dpi(pdf_page) if (number in ocr_pages or 0 in ocr_pages) else 1.0
            image = pdf_page.render(scale=SCALE).to_pil()
            for place in places:
                box = crop_box(place.bbox, unit, pdf_page.get_size())
                if box[2] - box[0] < 4 or box[3] - box[1] < 4:
                    continue
                name = f"{CROPS_FOLDER}/{page.report_id}/p{number}-{'-'.join(str(round(v)) for v in place.bbox)}.png"
                buffer = io.BytesIO()
                image.crop(box).save(buffer, format="PNG", optimize=True)
                atomic_write(out_dir / name, buffer.getvalue())
                place.crop = name
                written += 1
            pdf_page.close()
    finally:
        doc.close()
    return written
