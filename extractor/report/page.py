"""The page model of one report: what its verification page shows, already formatted, with the links
between figures and findings worked out. The templates only lay it out.

Given a :class:`~extractor.model.Report`, :func:`report_page` returns a :class:`ReportPage`: the facts
of the report, counts, one :class:`FigureRow` per indicator × year and per program (stated figures,
the recomputed capaian or absorption, the formula, provenance, the findings involving it) and one
:class:`FindingRow` per finding, linked to the rows of the figures it involves — by what it is about
(``subject_kind``/``subject_id``, ``year``) and by the places it names (a row printed at the same line
or page region).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, DivisionByZero, InvalidOperation
from pathlib import PurePath

from ..model import Figure, Finding, Indicator, Measurement, Program, Provenance, Report
from ..verify.achievement import formula_for, recompute
from . import formatting
from .labels import Labels

SEVERITIES = ("error", "warning", "info")


@dataclass
class Place:
    """Where a figure was printed, for display: line or page, table caption, the raw row, a page crop."""

    where: str
    table: str | None
    row: str | None
    crop: str | None = None  # file name of the page crop under DIR, when there is one
    key: tuple | None = None  # (file, line, page) to match findings' places
    page: int | None = None
    bbox: list[float] | None = None


@dataclass
class Cell:
    """A figure as shown: formatted text, the raw printing, whether its reading is doubtful."""

    text: str
    raw: str | None = None
    low_confidence: bool = False
    value: Decimal | None = None


@dataclass
class FigureRow:
    """One row of the indicator or program table."""

    anchor: str
    subject_id: str
    name: str
    year: int | None
    cells: dict[str, Cell]
    recomputed: Cell
    formula: str
    place: Place
    level: str | None = None
    findings: list[str] = field(default_factory=list)  # anchors of the findings involving it
    severity: str | None = None  # the worst of those findings

    @property
    def low_confidence(self) -> bool:
        return any(cell.low_confidence for cell in self.cells.values())


@dataclass
class Part:
    """A figure a finding used: its label, as printed, where, and the page's row of it when there is one."""

    label: str | None
    raw: str | None
    where: str
    anchor: str | None = None


@dataclass
class FindingRow:
    anchor: str
    code: str
    severity: str
    basis: str | None
    message: str
    subject: str | None
    stated: str | None
    expected: str | None
    formula: str | None
    places: list[Place]
    rows: list[str] = field(default_factory=list)  # anchors of the figure rows it involves
    subject_row: str | None = None  # the row of what it is about, when that is a row of the page
    subject_field: str | None = None
    expected_value: Decimal | None = None
    parts: list[Part] = field(default_factory=list)


@dataclass
class ReportPage:
    report_id: str
    agency: str | None
    region: str | None
    year: int | None
    source_file: str
    reader: str
    status: str
    indicators: list[FigureRow]
    programs: list[FigureRow]
    budget: list[FigureRow]
    findings: list[FindingRow]
    counts: dict[str, int]

    @property
    def source_name(self) -> str:
        """The source file's name, without the folders (the page's title attribute has the whole path)."""
        return PurePath(self.source_file).name

    @property
    def codes(self) -> list[str]:
        return sorted({f.code for f in self.findings})

    @property
    def worst(self) -> FindingRow | None:
        """The most severe finding (errors first, then by code), or None."""
        ranked = sorted(self.findings, key=lambda f: (SEVERITIES.index(f.severity), f.code))
        return ranked[0] if ranked else None


def place_of(provenance: Provenance | None, labels: Labels) -> Place:
    """Given a provenance, return it for display: ``baris 892`` / ``hal. 3``, caption, row text."""
    if provenance is None:
        return Place(formatting.MISSING, None, None)
    parts = []
    if provenance.page is not None:
        parts.append(f"{labels['page']} {provenance.page}")
    if provenance.line is not None:
        parts.append(f"{labels['line']} {provenance.line}")
    return Place(", ".join(parts) or formatting.MISSING, provenance.table, provenance.row,
                 key=place_key(provenance), page=provenance.page, bbox=provenance.bbox)


def place_key(provenance: Provenance) -> tuple:
    """The key two provenances share when they point at the same printed row."""
    return (provenance.file, provenance.line, provenance.page)


def cell(fig: Figure | None, labels: Labels, as_percent: bool = False) -> Cell:
    """Given a stated figure, return it formatted, with its raw text and doubt."""
    if fig is None:
        return Cell(formatting.MISSING)
    return Cell(formatting.figure(fig, labels, as_percent), fig.raw, fig.low_confidence, fig.value)


def ratio(numerator: Figure | None, denominator: Figure | None) -> Decimal | None:
    """``numerator / denominator × 100``, or None when a figure is missing or the denominator is 0.

    >>> ratio(Figure(value=Decimal(3), raw="3"), Figure(value=Decimal(4), raw="4"))
    Decimal('75.00')
    """
    if numerator is None or denominator is None or numerator.value is None or not denominator.value:
        return None
    try:
        return numerator.value / denominator.value * 100
    except (InvalidOperation, DivisionByZero):
        return None


def achievement_of(indicator: Indicator, measurement: Measurement, scales: dict) -> tuple[Decimal | None, str]:
    """Given an indicator's measurement, return the recomputed capaian and the formula used (the report's own)."""
    polarity, formula = formula_for(indicator, scales)
    target, realization = measurement.target, measurement.realization
    if target is None or realization is None or target.value is None or realization.value is None or not target.value:
        return None, formula["formula"]
    return recompute(target.value, realization.value, polarity), formula["formula"]


def indicator_rows(report: Report, labels: Labels) -> list[FigureRow]:
    """One row per indicator × measurement, in the report's order."""
    rows = []
    for indicator in report.indicators:
        for n, m in enumerate(indicator.measurements, start=1):
            value, formula = achievement_of(indicator, m, report.scales)
            cells = {"target": cell(m.target, labels), "realization": cell(m.realization, labels),
                     "achievement": cell(m.achievement, labels, as_percent=True)}
            rows.append(FigureRow(f"ind-{indicator.id}-{n}", indicator.id, indicator.name, m.year, cells,
                                  Cell(formatting.recomputed(value, labels), value=value), formula,
                                  place_of(m.provenance, labels), level=indicator.level))
    return rows


def program_rows(report: Report, labels: Labels) -> list[FigureRow]:
    """One row per program of the report's program table."""
    rows = []
    for n, program in enumerate(report.programs, start=1):
        value = ratio(program.realization, program.allocation)
        cells = {"allocation": cell(program.allocation, labels), "realization": cell(program.realization, labels),
                 "absorption": cell(program.absorption, labels, as_percent=True)}
        rows.append(FigureRow(f"prog-{program.id or n}", program.id or str(n), program.name, None, cells,
                              Cell(formatting.recomputed(value, labels), value=value), labels["absorption_formula"],
                              place_of(program.provenance, labels)))
    return rows


BUDGET_ITEMS = ("total_allocation", "operating_expenditure", "capital_expenditure", "total_realization",
                "operating_realization", "capital_realization", "absorption")
# a budget finding's field → the budget item it is about (the others are named alike)
BUDGET_FIELDS = {"allocation": "total_allocation", "realization": "total_realization"}


def budget_rows(report: Report, labels: Labels) -> list[FigureRow]:
    """One row per budget total the report states (anggaran, belanja operasi/modal, realisasi, serapan);
    the absorption row is recomputed as total realisasi / total anggaran × 100."""
    budget, rows = report.budget, []
    for item in BUDGET_ITEMS:
        figure = getattr(budget, item)
        value = ratio(budget.total_realization, budget.total_allocation) if item == "absorption" else None
        if figure is None and value is None:
            continue
        formula = labels["absorption_formula"] if item == "absorption" else ""
        shown = formatting.recomputed(value, labels) if item == "absorption" else formatting.MISSING
        rows.append(FigureRow(f"budget-{item}", item, labels.budget_item(item), None,
                              {"value": cell(figure, labels, as_percent=item == "absorption")},
                              Cell(shown, value=value), formula, place_of(budget.provenance.get(item), labels)))
    return rows


def _row_keys(report: Report) -> dict[tuple, set[tuple[str, int | None]]]:
    """Each printed row's key → (anchor, year) of the figure rows printed there (evidence included)."""
    keys: dict[tuple, set[tuple[str, int | None]]] = defaultdict(set)
    for indicator in report.indicators:
        for n, m in enumerate(indicator.measurements, start=1):
            for printing in [m, *m.evidence]:
                keys[place_key(printing.provenance)].add((f"ind-{indicator.id}-{n}", m.year))
    for n, program in enumerate(report.programs, start=1):
        for printing in [program, *program.evidence]:
            keys[place_key(printing.provenance)].add((f"prog-{program.id or n}", None))
    for item, where in report.budget.provenance.items():
        if item in BUDGET_ITEMS and getattr(report.budget, item) is not None:
            keys[place_key(where)].add((f"budget-{item}", None))
    return keys


def _subject_anchors(report: Report) -> dict[tuple, str]:
    """(kind, id, year) → anchor of its row; (kind, id, None) for a program or any year of an indicator."""
    anchors: dict[tuple, str] = {}
    for indicator in report.indicators:
        for n, m in reversed(list(enumerate(indicator.measurements, start=1))):
            anchors[("indicator", indicator.id, m.year)] = f"ind-{indicator.id}-{n}"
            anchors[("indicator", indicator.id, None)] = f"ind-{indicator.id}-{n}"
    for n, program in enumerate(report.programs, start=1):
        anchors[("program", program.id, None)] = f"prog-{program.id or n}"
    for item in BUDGET_ITEMS:
        if getattr(report.budget, item) is not None or (
                item == "absorption" and ratio(report.budget.total_realization, report.budget.total_allocation)):
            anchors[("budget", item, None)] = f"budget-{item}"
    return anchors


def subject_row(finding: Finding, subjects: dict[tuple, str]) -> str | None:
    """The anchor of the row the finding is about (its indicator's row of its year, its program's row, the
    budget total of its field)."""
    if finding.subject_kind == "budget":
        return subjects.get(("budget", BUDGET_FIELDS.get(finding.field, finding.field), None))
    return (subjects.get((finding.subject_kind, finding.subject_id, finding.year))
            or subjects.get((finding.subject_kind, finding.subject_id, None)))


def involved_rows(finding: Finding, subjects: dict[tuple, str], printed: dict[tuple, set]) -> list[str]:
    """The anchors of the figure rows a finding involves: its subject's, then those printed at its places
    (of the finding's year, when it has one)."""
    found = []
    subject = subject_row(finding, subjects)
    if subject:
        found.append(subject)
    for where in [finding.provenance, *finding.places]:
        found.extend(_rows_at(where, finding.year, printed))
    return list(dict.fromkeys(found))


def _rows_at(where: Provenance | None, year: int | None, printed: dict[tuple, set]) -> list[str]:
    """The anchors of the figure rows printed at a place (of ``year``, when given)."""
    if where is None or (where.line is None and where.page is None):
        return []
    return sorted(anchor for anchor, printed_year in printed.get(place_key(where), ())
                  if year is None or printed_year is None or printed_year == year)


def parts_of(finding: Finding, labels: Labels, printed: dict[tuple, set]) -> list[Part]:
    """The figures a finding's recomputation used, each with its place and its row on the page."""
    out = []
    for part in finding.parts:
        raw = part.raw or (formatting.number(part.value, None, labels) if part.value is not None else None)
        rows = _rows_at(part.provenance, finding.year, printed)
        out.append(Part(part.label, raw, place_of(part.provenance, labels).where if part.provenance else "",
                        rows[0] if rows else None))
    return out


def finding_rows(report: Report, labels: Labels) -> list[FindingRow]:
    """One row per finding, in the report's order, each with the rows of the figures it involves."""
    subjects, printed = _subject_anchors(report), _row_keys(report)
    rows = []
    for n, f in enumerate(report.findings, start=1):
        places = [place_of(p, labels) for p in (f.places or [f.provenance])]
        rows.append(FindingRow(f"finding-{n}", f.code, f.severity, f.basis, f.message, f.subject, f.stated,
                               f.expected, f.formula, places, involved_rows(f, subjects, printed),
                               subject_row(f, subjects), f.field, f.expected_value,
                               parts_of(f, labels, printed)))
    return rows


RECOMPUTED_FIELDS = ("achievement", "absorption")


def _link(rows: list[FigureRow], findings: list[FindingRow], labels: Labels) -> None:
    """Give each figure row the findings involving it and the worst of their severities; a row that could
    not be recomputed from its own figures (no target printed in it) shows the recomputation of the
    finding about its capaian or absorption (which found the figure in another table)."""
    by_anchor = {row.anchor: row for row in rows}
    for finding in findings:
        own = by_anchor.get(finding.subject_row)
        if (own is not None and own.recomputed.value is None and finding.subject_field in RECOMPUTED_FIELDS
                and finding.expected_value is not None):
            own.recomputed = Cell(formatting.recomputed(finding.expected_value, labels), value=finding.expected_value)
            own.formula = finding.formula or own.formula
        for anchor in finding.rows:
            row = by_anchor.get(anchor)
            if row is None:
                continue
            row.findings.append(finding.anchor)
            if row.severity is None or SEVERITIES.index(finding.severity) < SEVERITIES.index(row.severity):
                row.severity = finding.severity


def counts(report: Report) -> dict[str, int]:
    """Indicators, programs, and findings of each severity."""
    out = {"indicators": len(report.indicators), "programs": len(report.programs)}
    for severity in SEVERITIES:
        out[severity] = sum(f.severity == severity for f in report.findings)
    return out


def report_page(report_id: str, report: Report, labels: Labels) -> ReportPage:
    """Given a report and the page's language, return its page model."""
    indicators, programs = indicator_rows(report, labels), program_rows(report, labels)
    budget, findings = budget_rows(report, labels), finding_rows(report, labels)
    _link(indicators + programs + budget, findings, labels)
    return ReportPage(report_id, report.agency, report.region, report.report_year, report.source.path,
                      report.source.format, report.status, indicators, programs, budget, findings, counts(report))
