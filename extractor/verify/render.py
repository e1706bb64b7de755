"""Findings as a readable table for the terminal (``lkjip verify``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Finding, Provenance, Report
from . import rule_word

if TYPE_CHECKING:
    from rich.table import Table

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def table_name(caption: str | None) -> str:
    """Given a table's caption, return its number (``Tabel 3.7``), else ``a table``; none: ``text``.

    >>> table_name("Tabel 3.7 Sasaran Strategis dan Anggaran"), table_name("(uncaptioned table)"), table_name(None)
    ('Tabel 3.7', 'a table', 'text')
    """
    number = rule_word("table_number").match(caption or "")
    return number[0] if number else "a table" if caption else "text"


def place(prov: Provenance) -> str:
    """Given a provenance, name the place briefly: ``Tabel 3.5 line 688``, ``text page 4``."""
    at = f"line {prov.line}" if prov.line is not None else f"page {prov.page}" if prov.page is not None else ""
    return f"{table_name(prov.table)} {at}".strip()


def where(finding: Finding) -> str:
    """Given a finding, return its place for the table's last column.

    >>> from extractor.model import Provenance
    >>> where(Finding(code="x", severity="info", message="m", provenance=Provenance(file="f", line=12, table="Tabel 3.7 Sasaran Strategis")))
    'Tabel 3.7 line 12'
    """
    return place(finding.provenance)


def _title(report: Report) -> str:
    counts = report.finding_counts
    summary = ", ".join(f"{counts[k]} {k}" for k in ("error", "warning", "info") if counts.get(k)) or "no findings"
    agency = report.agency or ""
    region = report.region if report.region and report.region.lower() not in agency.lower() else ""
    name = " ".join(str(x) for x in (agency, region, report.report_year) if x) or report.source.path
    return f"{name} — {summary}"


def findings_table(report: Report) -> Table:
    """Given a verified report, return its findings as a rich table, errors first, in reading order."""
    from rich.table import Table  # rich is imported by the commands that print, not by extract()
    from rich.text import Text
    table = Table(title=_title(report), show_lines=False, expand=False)
    table.add_column("severity", no_wrap=True)
    table.add_column("code", no_wrap=True)
    table.add_column("subject", ratio=3)
    table.add_column("stated", ratio=2)
    table.add_column("expected", ratio=3)
    table.add_column("where", no_wrap=True)
    ordered = sorted(report.findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.provenance.line or 0))
    for f in ordered:
        table.add_row(Text(f.severity, style=SEVERITY_STYLE[f.severity]), f.code, f.subject or "",
                      f.stated or "", f.expected or "—", where(f))
    if not ordered:
        table.caption = "Every stated figure that could be recomputed adds up."
    return table
