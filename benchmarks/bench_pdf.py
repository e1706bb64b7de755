"""Benchmark the PDF and OCR readers against bare pdfplumber and bare Tesseract.

Renders the four tab-table corpus reports as PDFs (tests/render.py), then prints pages/s for:
our ``read_pdf`` on the born-digital PDFs; bare pdfplumber ``extract_tables()`` on every page
(yardstick); our OCR reader on a scan of a few pages; bare ``pytesseract.image_to_string`` on the
same pages at the same dpi (yardstick); and the peak resident memory.

    python benchmarks/bench_pdf.py [--ocr-pages 4] [--dpi 150]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import render  # noqa: E402

REPORTS = ["kota-dumai_dinsos-pmd_2023", "kota-dumai_disdukcapil_2023",
           "kota-dumai_kecamatan-dumai-kota_2022", "kota-dumai_sekretariat-daerah_2023"]


def measure(label: str, pages: int, run) -> None:
    """Time ``run`` (no tracing: tracemalloc slows pdfminer several-fold) and report the
    process's peak resident memory so far (ru_maxrss only grows: steps run lightest first)."""
    import resource

    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<46} {pages:>4} pages {elapsed:7.2f} s {pages / elapsed:7.2f} pages/s "
          f"peak RSS so far {rss:5.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ocr-pages", type=int, default=4)
    parser.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args()
    import pdfplumber
    import pypdfium2 as pdfium

    from extractor.read.pdf import read_pdf

    folder = Path(tempfile.mkdtemp(prefix="bench_pdf_"))
    pdfs = [render.render_pdf(ROOT / "corpus" / f"{name}.txt", folder / f"{name}.pdf") for name in REPORTS]
    counts = [len(pdfium.PdfDocument(str(p))) for p in pdfs]
    total = sum(counts)
    print(f"{len(pdfs)} rendered reports, {total} pages, in {folder}")

    measure("read_pdf (born-digital)", total, lambda: [read_pdf(p) for p in pdfs])

    def plumber_all():
        for p in pdfs:
            with pdfplumber.open(str(p)) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                    page.close()
    measure("pdfplumber extract_tables, every page", total, plumber_all)

    # the scan: pages 7-9 of the Sekretariat Daerah report (three tables) plus following pages
    setda = pdfs[-1]
    n = args.ocr_pages
    pages = render.pdf_pages(setda, list(range(6, 6 + n)), folder / "pages.pdf")
    scan = render.render_scan(pages, folder / "scan.pdf", dpi=args.dpi)
    measure(f"read_pdf (scan, OCR, {args.dpi} dpi)", n, lambda: read_pdf(scan))

    import pytesseract

    from extractor.read.ocr import render_pages, tesseract_language

    lang, _ = tesseract_language(str(scan))
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    def bare_tesseract():
        for image in render_pages(scan, args.dpi):
            pytesseract.image_to_string(image, lang=lang)
    measure(f"pytesseract image_to_string ({lang}, {args.dpi} dpi)", n, bare_tesseract)



if __name__ == "__main__":
    main()
