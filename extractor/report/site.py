"""``lkjip report PATH --out DIR``: the verification pages of a report or of a whole dataset, as a folder
of static HTML that opens without a network.

Given PATH (a report file, a report JSON or a dataset folder), :func:`write_site` writes:

- ``DIR/<report_id>.html`` per report (and ``DIR/crops/<report_id>/*.png`` for a PDF's rows);
- ``DIR/index.html`` for a dataset folder: every report, and per agency its indicators' series;
- ``DIR/assets/lkjip-report.css`` and ``lkjip-report.js``.

Every file is written whole (temporary file, then rename).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..atomic import atomic_write
from ..pipeline import Options
from .crops import add_crops
from .labels import labels as labels_for
from .loading import load
from .page import ReportPage, report_page
from .render import ASSETS, IndexRow, index_html, report_html, static_files
from .series import read_series

INDEX = "index.html"


@dataclass
class Site:
    """What was written: the pages (report id → path), the index (or None), how many crops."""

    out_dir: Path
    pages: dict[str, Path] = field(default_factory=dict)
    index: Path | None = None
    crops: int = 0
    series: int = 0


def page_name(report_id: str) -> str:
    """The file name of a report's page.

    >>> page_name("kota-dumai_dinsos-pmd_2023")
    'kota-dumai_dinsos-pmd_2023.html'
    """
    return f"{report_id}.html"


def write_assets(out_dir: Path) -> None:
    """Copy the stylesheet and the script into ``DIR/assets``."""
    for path in static_files():
        atomic_write(out_dir / ASSETS / path.name, path.read_bytes())


def write_site(path: Path, out_dir: Path, lang: str = "id", options: Options | None = None) -> Site:
    """Given a report file, a report JSON or a dataset folder, write its verification pages under ``out_dir``."""
    labels = labels_for(lang)
    loaded = load(Path(path), options)
    out_dir = Path(out_dir)
    site = Site(out_dir)
    write_assets(out_dir)
    pages: list[ReportPage] = []
    index_href = INDEX if loaded.dataset is not None else None
    for rid, report in loaded.reports.items():
        page = report_page(rid, report, labels)
        site.crops += add_crops(page, report, out_dir)
        target = out_dir / page_name(rid)
        atomic_write(target, report_html(page, labels, index_href=index_href))
        site.pages[rid] = target
        pages.append(page)
    if loaded.dataset is not None:
        series = read_series(loaded.database) if loaded.database else []
        site.series = sum(len(g.series) for g in series)
        rows = [IndexRow(page, quote(page_name(page.report_id))) for page in pages]
        site.index = out_dir / INDEX
        atomic_write(site.index, index_html(rows, series, labels))
    return site
