"""One report's rows, per table of :mod:`extractor.dataset.schema`: ``rows_of(report, report_id)``.

Pure functions from the report model to plain dicts whose keys are the tables' columns; figures stay
``Decimal`` (quantised to the tables' scale), nothing is looked up outside the report, so rows can be made
in any process and streamed to the writer one report at a time.

>>> from extractor.model import Figure
>>> figure_cells(Figure(value=Decimal("29.2"), raw="29,2", decimals=1, decimal_mark=","))["value"]
Decimal('29.200000')
"""
from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from ..model import Activity, Figure, Finding, Indicator, Measurement, Program, Provenance, Report
from . import keys
from .schema import DECIMAL_PRECISION, DECIMAL_SCALE, TABLE_NAMES

_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
MEASUREMENT_FIELDS = ("target", "realization", "achievement")
PROGRAM_FIELDS = ("allocation", "original_allocation", "realization", "absorption")
ACTIVITY_FIELDS = ("allocation", "realization", "absorption")
BUDGET_ITEMS = ("total_allocation", "operating_expenditure", "capital_expenditure", "total_realization",
                "operating_realization", "capital_realization", "absorption")


def exact(value: Decimal | None) -> Decimal | None:
    """Given a figure's value, return it at the tables' scale; None when it cannot be held exactly enough
    (more than ``DECIMAL_PRECISION - DECIMAL_SCALE`` integer digits: an unreadable figure; its raw text stays).

    >>> exact(Decimal("95.31")), exact(Decimal("1e30"))
    (Decimal('95.310000'), None)
    """
    if value is None:
        return None
    try:
        out = value.quantize(_QUANTUM)
    except InvalidOperation:
        return None
    return out if len(out.as_tuple().digits) <= DECIMAL_PRECISION else None


def provenance_cells(p: Provenance | None) -> dict:
    if p is None:
        return {"source_file": None, "page": None, "line": None, "table_caption": None, "row_text": None}
    return {"source_file": p.file, "page": p.page, "line": p.line, "table_caption": p.table, "row_text": p.row}


def figure_cells(fig: Figure | None) -> dict:
    """The long-form figure columns (value, value_raw, unit, decimals …) of one figure."""
    if fig is None:
        fig = Figure(value=None, raw="")
    return {"value": exact(fig.value), "value_raw": fig.raw or None, "unit": fig.unit, "decimals": fig.decimals,
            "decimal_mark": fig.decimal_mark, "low_confidence": fig.low_confidence, "ocr_text": fig.ocr_raw,
            "ocr_confidence": fig.ocr_confidence, "correction": fig.correction}


def wide_figure(name: str, fig: Figure | None) -> dict:
    """The four wide columns of a figure: ``name``, ``name_raw``, ``name_decimals``, ``name_low_confidence``."""
    if fig is None:
        return {name: None, f"{name}_raw": None, f"{name}_decimals": None, f"{name}_low_confidence": None}
    return {name: exact(fig.value), f"{name}_raw": fig.raw, f"{name}_decimals": fig.decimals,
            f"{name}_low_confidence": fig.low_confidence}


def _json(items) -> str:
    return json.dumps(items, ensure_ascii=False)


def report_row(report: Report, report_id: str) -> dict:
    severities = [f.severity for f in report.findings]
    return {
        "report_id": report_id, "report_key": keys.report_key(report, report_id),
        "agency_key": keys.agency_key(report.agency, report.region), "agency": report.agency,
        "region": report.region, "report_year": report.report_year, "status": report.status,
        "schema_version": report.schema_version, "source_path": report.source.path, "sha256": report.source.sha256,
        "source_format": report.source.format, "encoding": report.source.encoding,
        "page_count": report.source.pages, "line_count": report.source.lines,
        "indicator_count": sum(i.level == "agency" for i in report.indicators),
        "program_count": len(report.programs), "finding_count": len(report.findings),
        "error_count": severities.count("error"), "warning_count": severities.count("warning"),
        "reading_issue_count": len(report.warnings)}


def agency_rows(report: Report) -> list[dict]:
    key = keys.agency_key(report.agency, report.region)
    return [] if key is None else [{"agency_key": key, "agency": report.agency, "region": report.region}]


def indicator_row(ind: Indicator, report_id: str, uid: str, goal_of: dict[str, str | None]) -> dict:
    first = ind.measurements[0].provenance if ind.measurements else None
    return {"report_id": report_id, "indicator_id": ind.id, "indicator_uid": uid,
            "indicator_key": None,
            "name": ind.name, "level": ind.level, "objective_id": ind.objective_id,
            "goal_id": goal_of.get(ind.objective_id or ""), "program": ind.program, "unit": ind.unit,
            "polarity": ind.polarity, "aliases": _json(ind.aliases), **provenance_cells(first)}


def measurement_fields(m: Measurement) -> list[tuple[str, dict]]:
    """(field, figure columns) for each figure of a measurement that was printed, the predicate last."""
    out = [(name, figure_cells(getattr(m, name))) for name in MEASUREMENT_FIELDS if getattr(m, name) is not None]
    if m.predicate is not None:
        out.append(("predicate", {**figure_cells(None), "value_raw": m.predicate}))
    return out


def measurement_rows(ind: Indicator, report_id: str) -> list[dict]:
    return [{"report_id": report_id, "indicator_id": ind.id, "measurement_no": k, "year": m.year, "field": name,
             **cells, **provenance_cells(m.provenance)}
            for k, m in enumerate(ind.measurements, 1) for name, cells in measurement_fields(m)]


def program_row(p: Program, report_id: str, uid: str, number: int, scope: str,
                objective_id: str | None) -> dict:
    figures = {k: v for name in PROGRAM_FIELDS for k, v in wide_figure(name, getattr(p, name)).items()}
    pid = program_id(p, number, objective_id)
    return {"report_id": report_id, "program_id": pid, "program_uid": uid, "program_no": number, "scope": scope,
            "name": p.name, "objective_id": objective_id, "objective": p.objective,
            "funding_source": p.funding_source, **figures, **provenance_cells(p.provenance)}


def program_id(p: Program, number: int, objective_id: str | None) -> str:
    """The program's id in its report; for a row the assembly gave none, its place (``p3``, ``s1.p2``)."""
    return p.id or (f"{objective_id}.p{number}" if objective_id else f"p{number}")


def activity_rows(p: Program, report_id: str, pid: str) -> list[dict]:
    """Kegiatan and their sub kegiatan in the order printed, each with its parent."""
    rows: list[dict] = []

    def walk(activities: list[Activity], parent: str | None) -> None:
        for a in activities:
            figures = {k: v for name in ACTIVITY_FIELDS for k, v in wide_figure(name, getattr(a, name)).items()}
            aid = a.id or f"{parent or pid}.a{len(rows) + 1}"
            rows.append({"report_id": report_id, "activity_id": aid, "program_id": pid, "parent_id": parent,
                         "activity_no": len(rows) + 1, "level": a.level, "name": a.name, **figures,
                         **provenance_cells(a.provenance)})
            walk(a.activities, aid)

    walk(p.activities, None)
    return rows


def budget_rows(report: Report, report_id: str) -> list[dict]:
    b = report.budget
    return [{"report_id": report_id, "item": item, **figure_cells(getattr(b, item)),
             **provenance_cells(b.provenance.get(item))} for item in BUDGET_ITEMS if getattr(b, item) is not None]


def finding_row(f: Finding, report_id: str, number: int) -> dict:
    """A finding's row: what it is about, its numbers, the parts it used and its places as JSON text."""
    dump = lambda items: _json([x.model_dump(mode="json", exclude_none=True) for x in items])  # noqa: E731
    return {"report_id": report_id, "finding_no": number, "code": f.code, "severity": f.severity, "basis": f.basis,
            "message": f.message, "subject": f.subject, "subject_kind": f.subject_kind, "subject_id": f.subject_id,
            "field": f.field, "year": f.year, "stated": f.stated, "expected": f.expected,
            "stated_value": exact(f.stated_value), "expected_value": exact(f.expected_value), "formula": f.formula,
            "parts": dump(f.parts), "places": dump(f.places), **provenance_cells(f.provenance)}


def evidence_rows(report: Report, report_id: str) -> list[dict]:
    """Every other printing of each measurement (per indicator) and of each program, one row per figure."""
    rows = []
    for ind in report.indicators:
        printings = [e for m in ind.measurements for e in m.evidence]
        for k, e in enumerate(printings, 1):
            rows += [{"report_id": report_id, "subject_kind": "indicator", "subject_id": ind.id, "printing_no": k,
                      "year": e.year, "field": name, **cells, **provenance_cells(e.provenance)}
                     for name, cells in measurement_fields(e)]
    programs = [*((p, program_id(p, k, None)) for k, p in enumerate(report.programs, 1)),
                *((a, program_id(a, k, o.id)) for o in report.objectives for k, a in enumerate(o.allocations, 1))]
    for p, pid in programs:
        for k, e in enumerate(p.evidence, 1):
            rows += [{"report_id": report_id, "subject_kind": "program", "subject_id": pid, "printing_no": k,
                      "year": None, "field": name, **figure_cells(getattr(e, name)), **provenance_cells(e.provenance)}
                     for name in PROGRAM_FIELDS if getattr(e, name) is not None]
    return rows


def rows_of(report: Report, report_id: str) -> dict[str, list[dict]]:
    """Given a report and its id in the dataset, return its rows for every table (``links`` stays empty:
    links are made across reports)."""
    goal_of = {o.id: o.goal_id for o in report.objectives}
    goal_of.update({g.id: g.id for g in report.goals})
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    rows["reports"].append(report_row(report, report_id))
    report_key = rows["reports"][0]["report_key"]
    rows["agencies"] = agency_rows(report)
    rows["goals"] = [{"report_id": report_id, "goal_id": g.id, "name": g.name, **provenance_cells(g.provenance)}
                     for g in report.goals]
    rows["objectives"] = [{"report_id": report_id, "objective_id": o.id, "goal_id": o.goal_id, "name": o.name,
                           **provenance_cells(o.provenance)} for o in report.objectives]
    uids = keys.indicator_uids(report_key, report.indicators)
    for ind in report.indicators:
        rows["indicators"].append(indicator_row(ind, report_id, uids[ind.id], goal_of))
        rows["measurements"] += measurement_rows(ind, report_id)
    for k, (p, uid) in enumerate(zip(report.programs, keys.program_uids(report_key, report.programs)), 1):
        rows["programs"].append(program_row(p, report_id, uid, k, "all", None))
        rows["activities"] += activity_rows(p, report_id, program_id(p, k, None))
    for o in report.objectives:
        for k, (a, uid) in enumerate(zip(o.allocations, keys.program_uids(f"{report_key}/{o.id}", o.allocations)), 1):
            rows["programs"].append(program_row(a, report_id, uid, k, "priority", o.id))
            rows["activities"] += activity_rows(a, report_id, program_id(a, k, o.id))
    rows["budgets"] = budget_rows(report, report_id)
    rows["findings"] = [finding_row(f, report_id, k) for k, f in enumerate(report.findings, 1)]
    rows["evidence"] = evidence_rows(report, report_id)
    return rows
