"""Rendering: the page models laid out by the Jinja2 templates in ``templates/`` (HTML escaped by default,
an unknown name in a template is an error), the charts of each page drawn (:mod:`.charts`).

Given a :class:`~extractor.report.page.ReportPage`, :func:`report_html` returns its HTML; given every
report's page and the dataset's series, :func:`index_html` returns the index page.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .. import __version__
from . import formatting
from .charts import Bar, Point, bar_chart, line_chart
from .labels import Labels
from .page import SEVERITIES, FigureRow, ReportPage
from .series import AgencySeries

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
ASSETS = "assets"  # the folder under DIR for the stylesheet and the script


@lru_cache(maxsize=None)
def environment():
    """The Jinja2 environment of the templates (autoescaped, strict about unknown names)."""
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _common(labels: Labels, assets: str) -> dict:
    return {"L": labels.words, "version": __version__, "assets": assets, "severities": SEVERITIES}


def _render(template: str, labels: Labels, **context) -> str:
    def num(count: int) -> str:
        return formatting.number(Decimal(count), 0, labels)

    common = _common(labels, context.pop("assets", ASSETS))
    return environment().get_template(template).render(**common, num=num, **context)


def _bars(rows: list[FigureRow], field: str, year: int | None) -> list[Bar]:
    """One bar per subject, in the table's order: the stated figure of the report's year (else of the
    subject's first row), else the recomputed one."""
    chosen: dict[str, FigureRow] = {}
    for row in rows:
        current = chosen.get(row.subject_id)
        if current is None or (current.year != year and row.year == year):
            chosen[row.subject_id] = row
    bars = []
    for row in chosen.values():
        stated = row.cells[field]
        value, text = ((stated.value, stated.text) if stated.value is not None
                       else (row.recomputed.value, row.recomputed.text))
        bars.append(Bar(row.name, value, text, row.severity or "", row.anchor))
    return bars


def report_charts(page: ReportPage, labels: Labels) -> dict[str, str]:
    """The page's two charts: capaian per indicator and absorption per program, against 100 %."""
    return {"achievement": bar_chart(_bars(page.indicators, "achievement", page.year), labels["chart_achievement"]),
            "absorption": bar_chart(_bars(page.programs, "absorption", None), labels["chart_absorption"])}


def report_html(page: ReportPage, labels: Labels, index_href: str | None = None, assets: str = ASSETS) -> str:
    """Given a report's page model, return its HTML page."""
    return _render("report.html.j2", labels, page=page, charts=report_charts(page, labels), index_href=index_href,
                   assets=assets)


@dataclass
class IndexRow:
    page: ReportPage
    href: str

    @property
    def worst(self):
        return self.page.worst

    @property
    def rank(self) -> int:
        """For sorting by the worst finding: 0 error, 1 warning, 2 info, 3 none."""
        return SEVERITIES.index(self.worst.severity) if self.worst else len(SEVERITIES)


@dataclass
class SeriesChart:
    name: str
    svg: str


def series_charts(group: AgencySeries, labels: Labels) -> list[SeriesChart]:
    """Given an agency's series, return one small chart per indicator."""
    charts = []
    for series in group.series:
        points = [Point(year, value, formatting.percent(value, decimals, labels))
                  for year, (value, decimals) in sorted(series.points.items())]
        charts.append(SeriesChart(series.name, line_chart(points, f"{labels['chart_series']}: {series.name}")))
    return charts


def index_columns(labels: Labels) -> list[tuple[str, str, bool, bool]]:
    """The index table's sortable columns: (key, label, sorted as a number, right-aligned)."""
    return [("agency", labels["agency"], False, False), ("region", labels["region"], False, False),
            ("year", labels["year"], True, True), ("indicators", labels["indicators"], True, True),
            ("programs", labels["programs"], True, True),
            ("error", f"{labels['findings']}: {labels['error']}", True, True),
            ("warning", f"{labels['findings']}: {labels['warning']}", True, True),
            ("worst", labels["worst_finding"], True, False), ("status", labels["status"], False, False)]


def index_html(rows: list[IndexRow], series: list[AgencySeries], labels: Labels) -> str:
    """Given every report's page (with its link) and the agencies' series, return the index page."""
    groups = [{"agency": g.agency, "charts": series_charts(g, labels)} for g in series]
    years = sorted({r.page.year for r in rows if r.page.year})
    return _render("index.html.j2", labels, rows=rows, series=groups, years=years, columns=index_columns(labels))


def static_files() -> list[Path]:
    """The stylesheet and the script the pages load from ``DIR/assets``."""
    return sorted(p for p in STATIC.iterdir() if p.suffix in (".css", ".js"))
