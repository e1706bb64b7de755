"""Findings as a readable table for the terminal (``lkjip verify``)."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..model import Finding, Report

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def where(finding: Finding) -> str:
    """Given a finding, return its place: the table's caption (shortened) and the line or page.

    >>> from extractor.model import Provenance
    >>> where(Finding(code="x", severity="info", message="m", provenance=Provenance(file="f", line=12, table="Tabel 3.7 Sasaran Strategis dan Anggaran Tahun 2023 (Program Prioritas)")))
    'Tabel 3.7 Sasaran Strategis dan Anggaran… line 12'
    """
    prov = finding.provenance
    caption = prov.table or "text"
    if len(caption) > 42:
        caption = caption[:41].rstrip() + "…"
    place = f"line {prov.line}" if prov.line is not None else f"page {prov.page}" if prov.page is not None else ""
    return f"{caption} {place}".strip()


def _title(report: Report) -> str:
    counts = report.finding_counts
    summary = ", ".join(f"{counts[k]} {k}" for k in ("error", "warning", "info") if counts.get(k)) or "no findings"
    agency = report.agency or ""
    region = report.region if report.region and report.region.lower() not in agency.lower() else ""
    name = " ".join(str(x) for x in (agency, region, report.report_year) if x) or report.source.path
    return f"{name} — {summary}"


def findings_table(report: Report) -> Table:
    """Given a verified report, return its findings as a rich table, errors first, in reading order."""
    table = Table(title=_title(report), show_lines=False, expand=False)
    table.add_column("severity", no_wrap=True)
    table.add_column("code", no_wrap=True)
    table.add_column("subject", ratio=3)
    table.add_column("stated", ratio=2)
    table.add_column("expected", ratio=3)
    table.add_column("where", ratio=2)
    ordered = sorted(report.findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.provenance.line or 0))
    for f in ordered:
        table.add_row(Text(f.severity, style=SEVERITY_STYLE[f.severity]), f.code, f.subject or "",
                      f.stated or "", f.expected or "—", where(f))
    if not ordered:
        table.caption = "Every stated figure that could be recomputed adds up."
    return table
