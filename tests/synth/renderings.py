"""Every rendering of a synthetic report, made once and cached on disk.

Renderings (``RENDERINGS``):

* ``text``: tab-separated tables (the corpus's shape); ``docx``: Word tables, ruled style;
* ``pdf_ruled`` / ``pdf_borderless``: the docx of that table style printed to PDF by LibreOffice
  (``soffice --headless --convert-to pdf``, one call for many documents);
* ``layout``: ``pdftotext -layout`` of a PDF; ``reading``: plain ``pdftotext`` (reading order, one cell a
  line); ``scan150`` / ``scan200`` / ``scan300``: the PDF rasterised at that dpi, skewed up to ±3°,
  blurred, noised and JPEG-compressed, one landscape page stored rotated with ``/Rotate 90``, put back
  together as an image-only PDF. Layout, reading and scan renderings start from the ruled PDF for even
  seeds and the borderless one for odd seeds.

The cache lives under ``cache_dir/<generator version>/`` where the version is a hash of this package's
sources, so a change to the generator never serves stale renderings.
"""
from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from .docx import render_docx
from .document import build
from .facts import generate
from .text import render_text

RENDERINGS = ("text", "docx", "pdf_ruled", "pdf_borderless", "layout", "reading", "scan150", "scan200", "scan300")
DEFAULT_CACHE = Path(os.environ.get("LKJIP_SYNTH_CACHE", Path(tempfile.gettempdir()) / "lkjip-synth-cache"))
SOFFICE_BATCH = 12       # documents per LibreOffice call
SOFFICE_TIMEOUT = 600


class RenderingError(RuntimeError):
    """A rendering tool (soffice, pdftotext, pdftoppm) failed or is missing."""


@lru_cache(maxsize=1)
def generator_version() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


def _suffix(rendering: str) -> str:
    if rendering in ("text", "layout", "reading"):
        return ".txt"
    return ".docx" if rendering == "docx" else ".pdf"


def path_of(seed: int, rendering: str, cache_dir: Path = DEFAULT_CACHE) -> Path:
    if rendering not in RENDERINGS:
        raise ValueError(f"unknown rendering {rendering!r}; choose from {', '.join(RENDERINGS)}")
    return Path(cache_dir) / generator_version() / f"seed{seed:05d}" / f"{rendering}{_suffix(rendering)}"


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")   # unique: two runs may share a cache
    tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    tmp.replace(path)


def _source_pdf(seed: int) -> str:
    return "pdf_ruled" if seed % 2 == 0 else "pdf_borderless"


def _run(args: list[str], timeout: int = 300) -> subprocess.CompletedProcess:
    if shutil.which(args[0]) is None:
        raise RenderingError(f"{args[0]} is not installed")
    done = subprocess.run(args, capture_output=True, timeout=timeout)
    if done.returncode != 0:
        raise RenderingError(f"{' '.join(args[:3])}… failed: {done.stderr.decode(errors='replace')[:300]}")
    return done


def _docx(seed: int, style: str, path: Path) -> None:
    facts = generate(seed)
    render_docx(build(facts), facts, path, style)


def convert_with_soffice(jobs: list[tuple[Path, Path]]) -> None:
    """Print each (docx, pdf) pair's docx to PDF with LibreOffice, many documents per call."""
    with tempfile.TemporaryDirectory(prefix="lkjip-soffice-") as work:
        work = Path(work)
        profile = (work / "profile").as_uri()
        for start in range(0, len(jobs), SOFFICE_BATCH):
            batch = jobs[start:start + SOFFICE_BATCH]
            staged = []
            for k, (docx, _) in enumerate(batch):
                name = work / f"doc{start + k:05d}.docx"
                shutil.copyfile(docx, name)
                staged.append(name)
            _run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                  "--outdir", str(work / "out"), *map(str, staged)], timeout=SOFFICE_TIMEOUT)
            for name, (_, pdf) in zip(staged, batch):
                made = work / "out" / (name.stem + ".pdf")
                if not made.is_file():
                    raise RenderingError(f"LibreOffice made no PDF of {name.name}")
                pdf.parent.mkdir(parents=True, exist_ok=True)
                tmp = pdf.with_name(f"{pdf.name}.{os.getpid()}.tmp")
                shutil.move(made, tmp)
                tmp.replace(pdf)


def _pdftotext(pdf: Path, out: Path, layout: bool) -> None:
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    _write(out, _run(args).stdout.decode("utf-8", errors="replace"))


def render_many(seeds: list[int], renderings: list[str], cache_dir: Path = DEFAULT_CACHE) -> dict[tuple[int, str], Path]:
    """Make (or find in the cache) every rendering of every seed; returns (seed, rendering) → path."""
    cache_dir = Path(cache_dir)
    wanted = {(s, r): path_of(s, r, cache_dir) for s in seeds for r in renderings}
    needs_pdf = {(s, _source_pdf(s)) for s, r in wanted if r in ("layout", "reading") or r.startswith("scan")}
    needs_pdf |= {(s, r) for s, r in wanted if r.startswith("pdf_")}
    for seed in seeds:
        if "text" in renderings and not wanted[(seed, "text")].is_file():
            _write(wanted[(seed, "text")], render_text(build(generate(seed))))
        if "docx" in renderings and not wanted[(seed, "docx")].is_file():
            _docx(seed, "ruled", wanted[(seed, "docx")])
    jobs = []
    for seed, rendering in sorted(needs_pdf):
        pdf = path_of(seed, rendering, cache_dir)
        if not pdf.is_file():
            docx = pdf.with_suffix(".docx")
            _docx(seed, rendering.removeprefix("pdf_"), docx)
            jobs.append((docx, pdf))
    if jobs:
        convert_with_soffice(jobs)
    for (seed, rendering), path in wanted.items():
        if path.is_file():
            continue
        source = path_of(seed, _source_pdf(seed), cache_dir)
        if rendering in ("layout", "reading"):
            _pdftotext(source, path, rendering == "layout")
        elif rendering.startswith("scan"):
            from .scan import scan_pdf
            scan_pdf(source, path, int(rendering.removeprefix("scan")), random.Random(f"lkjip-scan-{seed}-{rendering}"))
    return wanted


def render(seed: int, rendering: str, cache_dir: Path = DEFAULT_CACHE) -> Path:
    """The path of one rendering of report ``seed`` (made if not cached)."""
    return render_many([seed], [rendering], cache_dir)[(seed, rendering)]
