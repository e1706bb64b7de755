"""Benchmark the PDF and OCR readers against bare pdfplumber and bare Tesseract.

Renders the four tab-table corpus reports as PDFs (tests/render.py), then prints, in one run:

* pages/s of our ``read_pdf`` on the born-digital PDFs;
* pages/s of the whole ``extractor.pipeline.extract()`` on them (read + structure, tables,
  classification, assembly + verification). The claim rules and their tokenizer are loaded once per
  process before timing, and their time printed apart;
* pages/s of bare pdfplumber ``extract_tables()`` on every page of the same PDFs (yardstick) and
  the ratios to it;
* pages/s of our OCR reader on a scan of a few pages, and of bare ``pytesseract.image_to_string``
  on the same pages at the same dpi (yardstick);
* memory per document, short (5 pages) and long (the four reports concatenated ``--long-copies``
  times), each in a fresh process: resident memory after the imports (and the claim rules), while holding
  the result and at its peak; and, in another run under tracemalloc, the Python memory of the
  result (the Document's lines, the Report: they grow with the text) and the peak while working.
  The peak above the result is the working memory, which should not grow with the page count.

Timings are the best of ``--repeat`` runs (the first run is printed too: it fills caches);
the machine's other load shows as differences between runs.

    python benchmarks/bench_pdf.py [--repeat 3] [--ocr-pages 4] [--dpi 150] [--long-copies 2]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import render  # noqa: E402

REPORTS = ["kota-dumai_dinsos-pmd_2023", "kota-dumai_disdukcapil_2023",
           "kota-dumai_kecamatan-dumai-kota_2022", "kota-dumai_sekretariat-daerah_2023"]


def timed(label: str, pages: int, run, repeat: int) -> float:
    """Run ``run`` ``repeat`` times; print the first and the best time; return best pages/s."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"{label:<52} {pages:>4} pages  first {times[0]:6.2f} s  best {best:6.2f} s  "
          f"{pages / best:7.2f} pages/s", flush=True)
    return pages / best


def concatenate(pdfs: list[Path], copies: int, out: Path) -> Path:
    import pypdfium2 as pdfium

    new = pdfium.PdfDocument.new()
    for _ in range(copies):
        for p in pdfs:
            src = pdfium.PdfDocument(str(p))
            new.import_pages(src)
            src.close()
    new.save(str(out))
    new.close()
    return out


def memory() -> tuple[float, float]:
    """(resident memory now, its peak) in MiB, from Linux /proc (VmRSS, VmHWM: the peak of this
    process image; ``ru_maxrss`` would carry the parent's peak over fork + exec)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def bare_extract_tables(pdfs: list[Path]) -> None:
    """The yardstick: bare pdfplumber ``extract_tables()`` on every page of ``pdfs``."""
    import pdfplumber

    for p in pdfs:
        with pdfplumber.open(str(p)) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                page.close()


def rss_child(kind: str, path: str, trace: bool) -> None:
    """In a fresh process: resident memory after the imports (and the claim rules), while holding the
    result of ``kind`` (read / extract) on ``path``, and its peak; with ``trace``, tracemalloc's
    size of the result held and peak of Python memory instead (slower). Printed as JSON."""
    import tracemalloc

    import pypdfium2 as pdfium

    from extractor.pipeline import extract
    from extractor.read.pdf import read_pdf

    if kind == "extract":
        from extractor.verify.narrative import phrases
        phrases("target 1")
    run = extract if kind == "extract" else read_pdf
    pages = len(pdfium.PdfDocument(path))
    if trace:
        tracemalloc.start()
        result = run(path)
        held, peak = tracemalloc.get_traced_memory()
        print(json.dumps({"held": held / 2**20, "peak": peak / 2**20, "pages": pages}))
        return
    base, _ = memory()
    start = time.perf_counter()
    result = run(path)
    seconds = time.perf_counter() - start
    held, peak = memory()
    print(json.dumps({"base": base, "held": held, "peak": peak, "pages": pages, "seconds": seconds,
                      "result": type(result).__name__}))


def rss(kind: str, path: Path, trace: bool = False) -> dict:
    out = subprocess.run([sys.executable, __file__, "--rss", kind, str(path)] + (["--trace"] if trace else []),
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ocr-pages", type=int, default=4, help="0: skip the OCR figures")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--long-copies", type=int, default=2)
    parser.add_argument("--rss", nargs=2, metavar=("KIND", "PDF"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss:
        rss_child(*args.rss, args.trace)
        return
    import pypdfium2 as pdfium

    from extractor.pipeline import extract
    from extractor.read.pdf import read_pdf

    folder = Path(tempfile.mkdtemp(prefix="bench_pdf_"))
    pdfs = [render.render_pdf(ROOT / "corpus" / f"{name}.txt", folder / f"{name}.pdf") for name in REPORTS]
    total = sum(len(pdfium.PdfDocument(str(p))) for p in pdfs)
    print(f"{len(pdfs)} rendered reports, {total} pages, in {folder}; {os.cpu_count()} cores; "
          f"best of {args.repeat}")

    start = time.perf_counter()
    from extractor.verify.narrative import phrases
    phrases("target 1")
    print(f"claim rules and tokenizer, loaded once before timing: {time.perf_counter() - start:.2f} s")

    ours = timed("read_pdf (born-digital)", total, lambda: [read_pdf(p) for p in pdfs], args.repeat)
    full = timed("extract() = read + stages + verification", total,
                 lambda: [extract(p) for p in pdfs], args.repeat)

    bare = timed("pdfplumber extract_tables, every page (yardstick)", total,
                 lambda: bare_extract_tables(pdfs), args.repeat)
    print(f"ratio to the yardstick: extract() {full / bare:.2f}x, read_pdf {ours / bare:.2f}x")

    if args.ocr_pages:
        # the scan: pages 7-9 of the Sekretariat Daerah report (three tables) plus following pages
        n = args.ocr_pages
        pages = render.pdf_pages(pdfs[-1], list(range(6, 6 + n)), folder / "pages.pdf")
        scan = render.render_scan(pages, folder / "scan.pdf", dpi=args.dpi)
        import pytesseract

        from extractor.read.ocr import render_pages, tesseract_language

        lang, _ = tesseract_language(str(scan))
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")

        def bare_tesseract():
            for image in render_pages(scan, args.dpi):
                pytesseract.image_to_string(image, lang=lang)
        scanned = timed(f"read_pdf (scan, OCR, {args.dpi} dpi)", n, lambda: read_pdf(scan), 1)
        tess = timed(f"pytesseract image_to_string ({lang}, {args.dpi} dpi)", n, bare_tesseract, 1)
        print(f"ratio OCR reader / bare Tesseract: {scanned / tess:.2f}x")

    short = render.pdf_pages(pdfs[-1], list(range(0, 5)), folder / "short.pdf")
    long = concatenate(pdfs, args.long_copies, folder / "long.pdf")
    print("memory per document, a fresh process each, MiB. Resident: after the imports -> holding the "
          "result -> peak.\n  Python (tracemalloc, another run): the result held, the peak while "
          "working, and the difference (working memory)")
    for kind in ("read", "extract"):
        for name, path in (("short", short), ("long", long)):
            r, t = rss(kind, path), rss(kind, path, trace=True)
            label = "read_pdf" if kind == "read" else "extract()"
            print(f"  {label:<10} {name:<5} {r['pages']:>4} pages  resident {r['base']:4.0f} -> {r['held']:4.0f} -> "
                  f"{r['peak']:4.0f}   Python {t['held']:5.1f} / {t['peak']:5.1f} (working {t['peak'] - t['held']:4.1f})  "
                  f"{r['pages'] / r['seconds']:6.1f} pages/s cold", flush=True)

if __name__ == "__main__":
    main()
