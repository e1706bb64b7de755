"""Speed from the first file (issue 12): ours beside a bare yardstick, measured in the same run, alternating.

Prints, side by side:

* cold start: a whole ``lkjip extract`` of a text report vs ``python -c "import extractor"`` (fresh
  processes, alternated; the bytecode caches written by a first run of each, as an install has them);
* warm text throughput: reports/s in one process on the corpus and on generated reports (tests/synth),
  wall clock and CPU time (the CPU figure is what one core gives when the machine is shared), with the
  garbage collector set as ``lkjip build``'s workers set it (:mod:`extractor.gc_policy`) and with Python's
  defaults (a program calling ``extract()``); and "first sight": each corpus report extracted once by a fresh
  process that has just extracted the other corpus reports (as a ``lkjip build`` worker meets a new report: its
  language data loaded, but nothing the report itself holds yet in a cache keyed by text);
* born-digital PDF: pages/s of ``extract()`` (read, structure, assemble, verify) vs bare pdfplumber
  ``page.extract_tables()`` on every page of the same PDFs: the corpus reports printed by reportlab (ruled),
  and by LibreOffice from .docx, ruled and borderless (when ``soffice`` is installed);
* OCR (``--ocr-pages N``, off by default: minutes): s/page (wall and CPU) of ``read_pdf`` on an N-page scan
  made from the corpus PDFs vs bare ``tesseract IMAGE - -l ind tsv`` (word boxes, Tesseract's defaults) on the
  same page images at the same dpi, one process per page, with 1 worker and with every core; and vs bare
  tesseract with our own arguments (``tesseract_arguments``) when they differ;
* peak memory (resident, ``wait4``) of each fresh process, and of this one.

Figures are the best and the median of ``--repeat`` runs; the load average is printed before and after.

    python benchmarks/bench_speed.py [--repeat 5] [--generated 20] [--no-pdf] [--ocr-pages 40] [--dpi 150]
        [--ocr-repeat 3] [--only-ocr]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

COLD_REPORT = ROOT / "corpus" / "kota-dumai_kecamatan-dumai-kota_2022.txt"
PDF_REPORTS = ["kota-dumai_dinsos-pmd_2023", "kota-dumai_disdukcapil_2023",
               "kota-dumai_kecamatan-dumai-kota_2022", "kota-dumai_sekretariat-daerah_2023"]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_child(args: list[str], env: dict) -> tuple[float, float, float]:
    """Run a fresh process; return (wall seconds, CPU seconds, peak resident MiB) of that process alone."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def summary(times: list[float]) -> str:
    return f"best {min(times):6.3f} s  median {statistics.median(times):6.3f} s"


def alternate(label_runs: list[tuple[str, object]], repeat: int) -> dict[str, list[float]]:
    """Run each (label, run) in turn, ``repeat`` rounds; return the times per label."""
    times: dict[str, list[float]] = {label: [] for label, _ in label_runs}
    for _ in range(repeat):
        for label, run in label_runs:
            start = time.perf_counter()
            run()
            times[label].append(time.perf_counter() - start)
    return times


# ---------------------------------------------------------------- cold start

def cold(repeat: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    lkjip = str(Path(sys.executable).with_name("lkjip"))
    out = Path(tempfile.mkdtemp(prefix="bench_speed_")) / "report.json"
    commands = {"lkjip extract (text report)": [lkjip, "extract", str(COLD_REPORT), "--out", str(out)],
                "python -c 'import extractor'": [sys.executable, "-c", "import extractor"]}
    for args in commands.values():  # writes the bytecode caches, as installing does
        run_child(args, env)
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, float] = {}
    for _ in range(repeat):
        for label, args in commands.items():
            seconds, cpu, peak = run_child(args, env)
            times[label].append(seconds)
            cpus[label].append(cpu)
            peaks[label] = max(peaks.get(label, 0.0), peak)
    print(f"\n== cold start ({COLD_REPORT.name}, {sum(1 for _ in open(COLD_REPORT, encoding='utf-8'))} lines), "
          f"{repeat} rounds alternated")
    for label in commands:
        print(f"  {label:<32} wall {summary(times[label])}  CPU {summary(cpus[label])}  peak {peaks[label]:5.0f} MiB")
    extract, imported = "lkjip extract (text report)", "python -c 'import extractor'"
    print(f"  ratio extract / import (medians): wall {statistics.median(times[extract]) / statistics.median(times[imported]):.2f}x, "
          f"CPU {statistics.median(cpus[extract]) / statistics.median(cpus[imported]):.2f}x")


# ---------------------------------------------------------------- warm text throughput

def extract_passes(paths: list[Path], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``repeat`` passes of ``extract()`` over the paths."""
    from extractor import extract

    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        for p in paths:
            extract(p)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def warm(repeat: int, generated: int) -> None:
    import gc

    from synth.archive import write_archive

    from extractor import extract
    from extractor.gc_policy import tune_for_extraction

    corpus = sorted((ROOT / "corpus").glob("*.txt"))
    synth = write_archive(Path(tempfile.mkdtemp(prefix="bench_speed_synth_")), generated) if generated else []
    print(f"\n== warm text throughput, one process, best of {repeat}; 'build': the collector set as `lkjip build`'s "
          "workers and `lkjip extract` set it (extractor.gc_policy), 'library': Python's defaults (a program "
          "calling extract())")
    for label, paths in (("corpus", corpus), (f"generated ({generated})", synth)):
        if not paths:
            continue
        for p in paths:  # warm: patterns, caches, claim rules
            extract(p)
        lines = sum(sum(1 for _ in open(p, encoding="utf-8")) for p in paths)
        thresholds = gc.get_threshold()
        library = extract_passes(paths, repeat)
        tune_for_extraction()
        build = extract_passes(paths, repeat)
        gc.unfreeze()  # back to the defaults: the PDF figures below compare with bare pdfplumber in this process
        gc.set_threshold(*thresholds)
        for how, (walls, cpus) in (("build", build), ("library", library)):
            print(f"  {label:<16} {how:<7} {len(paths):3} reports {lines:6} lines  wall {len(paths) / min(walls):6.1f} "
                  f"reports/s  CPU {len(paths) / min(cpus):6.1f} reports/s  ({1000 * min(cpus) / len(paths):5.1f} ms "
                  "CPU/report)")


def first_sight(repeat: int) -> None:
    from first_sight import first_sight_cpu  # benchmarks/first_sight.py

    corpus = sorted((ROOT / "corpus").glob("*.txt"))
    cpus: dict[Path, list[float]] = {p: [] for p in corpus}
    for _ in range(repeat):
        for p in corpus:
            cpus[p].append(first_sight_cpu(ROOT, p.name))
    per_report = statistics.mean(statistics.median(c) for c in cpus.values())
    print(f"  {'corpus, first sight':<24} {len(corpus):3} reports, each once in a fresh worker after the others, "
          f"median of {repeat}: CPU {1 / per_report:6.1f} reports/s  ({1000 * per_report:5.1f} ms CPU/report)")


# ---------------------------------------------------------------- born-digital PDF

def pdf_sets(folder: Path) -> dict[str, list[Path]]:
    import render

    sets = {"ruled (reportlab)": [render.render_pdf(ROOT / "corpus" / f"{n}.txt", folder / f"{n}.pdf")
                                  for n in PDF_REPORTS]}
    if render.have_soffice():
        for style in ("ruled", "borderless"):
            docx = [render.render_docx(ROOT / "corpus" / f"{n}.txt", folder / style / f"{n}.docx", style=style)
                    for n in PDF_REPORTS]
            sets[f"{style} (LibreOffice)"] = render.libreoffice_pdfs(docx, folder / style / "pdf")
    return sets


def pdfs(repeat: int) -> None:
    from bench_pdf import bare_extract_tables
    import pypdfium2 as pdfium

    from extractor.pipeline import extract

    folder = Path(tempfile.mkdtemp(prefix="bench_speed_pdf_"))
    (folder / "ruled").mkdir()
    (folder / "borderless").mkdir()
    print(f"\n== born-digital PDF: extract() (read + stages + verification) vs bare pdfplumber "
          f"extract_tables(), best of {repeat}, alternated")
    for label, paths in pdf_sets(folder).items():
        pages = sum(len(pdfium.PdfDocument(str(p))) for p in paths)
        reports = [extract(p) for p in paths]  # warm
        indicators = sum(len(r.indicators) for r in reports)

        def ours():
            for p in paths:
                extract(p)

        times = alternate([("ours", ours), ("bare", lambda: bare_extract_tables(paths))], repeat)
        ratio = min(times["bare"]) / min(times["ours"])
        print(f"  {label:<22} {pages:3} pages  extract() {pages / min(times['ours']):6.1f} pages/s  "
              f"pdfplumber {pages / min(times['bare']):6.1f} pages/s  ratio {ratio:5.2f}x  "
              f"({indicators} indicators read)")
        first = first_sight_pdfs(paths, repeat)
        print(f"  {'':<22} first sight: extract() {pages / first:6.1f} pages/s (CPU)  ratio "
              f"{min(times['bare']) / first:5.2f}x")


def first_sight_pdfs(paths: list[Path], repeat: int) -> float:
    """CPU seconds of extracting every PDF once as a build worker meets it: each in a fresh process that has
    extracted the set's other PDFs first (imports and language data warm, nothing of this report's text
    cached); per PDF the median of ``repeat``, summed."""
    from first_sight import first_extraction_cpu  # benchmarks/first_sight.py

    return sum(statistics.median(first_extraction_cpu(ROOT, p, [q for q in paths if q != p]) for _ in range(repeat))
               for p in paths)


# ---------------------------------------------------------------- OCR

def scan_of(pages: int, dpi: int, folder: Path) -> Path:
    """An image-only scan of ``pages`` pages taken in turn from the corpus PDFs (rotated 0.5°, speckled)."""
    import pypdfium2 as pdfium
    import render

    sources = [render.render_pdf(ROOT / "corpus" / f"{n}.txt", folder / f"{n}.pdf") for n in PDF_REPORTS]
    picked = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(p)) for p in sources]
    k = 0
    while len(picked) < pages:
        doc = opened[k % len(opened)]
        index = (k // len(opened)) % len(doc)
        picked.import_pages(doc, [index])
        k += 1
    picked.save(str(folder / "pages.pdf"))
    return render.render_scan(folder / "pages.pdf", folder / "scan.pdf", dpi=dpi)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bare_tesseract(images: list[Path], args: list[str], workers: int) -> None:
    """``tesseract IMAGE - ARGS tsv`` on each image, ``workers`` at once, one thread each (OMP_THREAD_LIMIT=1)."""
    def one(image: Path) -> None:
        subprocess.run(["tesseract", str(image), "-", *args, "tsv"], check=True, capture_output=True,
                       env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, images))


def timed(run) -> tuple[float, float]:
    """Run; return (wall seconds, CPU seconds of this process and its children)."""
    wall, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu + children_cpu() - children


def ocr(pages: int, dpi: int, repeat: int) -> None:
    from extractor.read.ocr import render_pages, tesseract_arguments, tesseract_language
    from extractor.read.pdf import read_pdf

    folder = Path(tempfile.mkdtemp(prefix="bench_speed_ocr_"))
    scan = scan_of(pages, dpi, folder)
    images = []
    for i, image in enumerate(render_pages(scan, dpi)):
        images.append(folder / f"page{i:03}.png")
        image.save(images[-1])
    lang, _ = tesseract_language(str(scan))
    ours_args = tesseract_arguments(lang)
    yardsticks = {"bare tesseract -l ind (defaults)": ["-l", "ind"]}
    if ours_args != ["-l", "ind"]:
        yardsticks[f"bare tesseract {' '.join(ours_args)} (ours)"] = ours_args
    cores = os.cpu_count() or 1
    print(f"\n== OCR: {pages}-page scan at {dpi} dpi, {repeat} round(s) alternated, load average {load()}\n"
          f"  ours: read_pdf (render, deskew, rulings, one `tesseract {' '.join(ours_args)}` per page, tables);\n"
          f"  bare: `tesseract IMAGE - ARGS tsv` on the same pages already rendered (PNG), one process per page;\n"
          f"  CPU = this process and its children (what one core gives when the machine is shared)")
    warm = Path(tempfile.mkdtemp(prefix="bench_speed_ocr_warm_"))
    read_pdf(scan_of(2, dpi, warm), workers=cores)  # imports, language models: paid once per process
    walls: dict[str, float] = {}
    for workers in sorted({1, cores}):
        rows = [(f"read_pdf workers={workers}", lambda: read_pdf(scan, workers=workers))]
        rows += [(f"{label}, {workers} at once", lambda a=a: bare_tesseract(images, a, workers))
                 for label, a in yardsticks.items()]
        measured: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in rows}
        for _ in range(repeat):
            for label, run in rows:
                measured[label].append(timed(run))
        for label, runs in measured.items():
            wall = min(w for w, _ in runs)
            cpu = min(c for _, c in runs)
            walls[label] = wall
            print(f"  {label:<58} wall {wall / pages:5.2f} s/page  CPU {cpu / pages:5.2f} s/page", flush=True)
        ours = measured[f"read_pdf workers={workers}"]
        for label in yardsticks:
            bare = measured[f"{label}, {workers} at once"]
            print(f"  ratio ours / {label}, {workers} worker(s): "
                  f"CPU {min(c for _, c in ours) / min(c for _, c in bare):.2f}x, "
                  f"wall {min(w for w, _ in ours) / min(w for w, _ in bare):.2f}x")
    if cores > 1:
        first = next(iter(yardsticks))
        print(f"  speed-up 1 -> {cores} workers (wall): ours "
              f"{walls['read_pdf workers=1'] / walls[f'read_pdf workers={cores}']:.2f}x, {first} "
              f"{walls[f'{first}, 1 at once'] / walls[f'{first}, {cores} at once']:.2f}x; load average {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--generated", type=int, default=20, help="generated text reports (0: none)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the born-digital PDF figures")
    parser.add_argument("--ocr-pages", type=int, default=0, help="pages of the OCR scan (0: skip; the issue's is 40)")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument("--ocr-repeat", type=int, default=1, help="rounds of the OCR figures (best of)")
    parser.add_argument("--only-ocr", action="store_true", help="skip the cold, warm and PDF figures")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {load()}, python {sys.version.split()[0]}")
    if not args.only_ocr:
        cold(args.repeat)
        warm(args.repeat, args.generated)
        first_sight(args.repeat)
    if not args.no_pdf and not args.only_ocr:
        pdfs(args.repeat)
    if args.ocr_pages:
        ocr(args.ocr_pages, args.dpi, args.ocr_repeat)
    print(f"\npeak resident memory of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; "
          f"load average {load()}")


if __name__ == "__main__":
    main()
