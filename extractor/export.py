"""Write reports: deterministic JSON written atomically, and a dataset researchers can query.

``write_report`` writes one report document (same input → byte-identical output) through a temporary
file and a rename, so a crash never leaves half a file. ``write_dataset`` flattens every report into
Parquet tables (reports, indicators, measurements, programs, their kegiatan as activities, the budget
parts each sasaran received as objective_allocations, findings) and a DuckDB database with
the same tables as views over them.
"""
from __future__ import annotations

import json
from pathlib import Path

from .atomic import atomic_path, atomic_write
from .model import Activity, Figure, Finding, Program, Report

DATASET_TABLES = ("reports", "indicators", "measurements", "programs", "activities", "objective_allocations",
                  "findings")


def report_json(report: Report) -> str:
    """The report as deterministic, indented JSON (a figure's ``value`` is a JSON number)."""
    data = report.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_report(report: Report, path: Path) -> None:
    atomic_write(path, report_json(report))


def _value(fig: Figure | None):
    return None if fig is None or fig.value is None else float(fig.value)


def _raw(fig: Figure | None):
    return None if fig is None else fig.raw


def _each_activity(activities: list[Activity]) -> list[Activity]:
    """Kegiatan and their sub kegiatan, in the order printed."""
    return [x for a in activities for x in (a, *_each_activity(a.activities))]


def _budget_line(line: Activity | Program) -> dict:
    """The name, level, figures and place of a kegiatan, sub kegiatan or sasaran's program allocation."""
    return {"name": line.name, "level": getattr(line, "level", "program"),
            "allocation": _value(line.allocation), "allocation_raw": _raw(line.allocation),
            "realization": _value(line.realization), "realization_raw": _raw(line.realization),
            "absorption": _value(line.absorption), "absorption_raw": _raw(line.absorption),
            "table": line.provenance.table, "line": line.provenance.line}


def dataset_rows(report: Report, report_id: str) -> dict[str, list[dict]]:
    """Given a report, return flat rows for each dataset table (values as numbers, raw text kept)."""
    b = report.budget
    rows: dict[str, list[dict]] = {name: [] for name in DATASET_TABLES}
    rows["reports"].append({
        "report_id": report_id, "path": report.source.path, "sha256": report.source.sha256,
        "format": report.source.format, "agency": report.agency, "region": report.region,
        "report_year": report.report_year, "status": report.status,
        "total_allocation": _value(b.total_allocation), "operating_expenditure": _value(b.operating_expenditure),
        "capital_expenditure": _value(b.capital_expenditure), "total_realization": _value(b.total_realization),
        "indicators": sum(i.level == "agency" for i in report.indicators), "programs": len(report.programs), "findings": len(report.findings),
        "warnings": len(report.warnings)})
    for ind in report.indicators:
        rows["indicators"].append({"report_id": report_id, "indicator_id": ind.id, "name": ind.name,
                                   "level": ind.level, "program": ind.program,
                                   "unit": ind.unit, "polarity": ind.polarity, "objective_id": ind.objective_id})
        for m in ind.measurements:
            rows["measurements"].append({
                "report_id": report_id, "indicator_id": ind.id, "indicator": ind.name, "year": m.year,
                "target": _value(m.target), "target_raw": _raw(m.target),
                "realization": _value(m.realization), "realization_raw": _raw(m.realization),
                "achievement": _value(m.achievement), "achievement_raw": _raw(m.achievement),
                "predicate": m.predicate, "table": m.provenance.table, "line": m.provenance.line,
                "page": m.provenance.page})
    for i, p in enumerate(report.programs):
        rows["programs"].append({
            "report_id": report_id, "program_no": i + 1, "program_id": p.id, "name": p.name, "objective": p.objective,
            "allocation": _value(p.allocation), "allocation_raw": _raw(p.allocation),
            "realization": _value(p.realization), "realization_raw": _raw(p.realization),
            "absorption": _value(p.absorption), "absorption_raw": _raw(p.absorption),
            "funding_source": p.funding_source, "table": p.provenance.table, "line": p.provenance.line})
        for k, activity in enumerate(_each_activity(p.activities), 1):
            rows["activities"].append({"report_id": report_id, "program_no": i + 1, "activity_no": k,
                                       "program_id": p.id, "activity_id": activity.id, "program": p.name,
                                       **_budget_line(activity)})
    for o in report.objectives:
        for a in o.allocations:
            rows["objective_allocations"].append({"report_id": report_id, "objective_id": o.id, "allocation_id": a.id,
                                                  "objective": o.name, **_budget_line(a)})
    for k, f in enumerate(report.findings, 1):
        rows["findings"].append(finding_row(f, report_id, k))
    return rows


def _number(value):
    return None if value is None else float(value)


def finding_row(finding: Finding, report_id: str, number: int) -> dict:
    """Given a finding, return its dataset row: what it is about (``subject_kind``, ``subject_id``, ``field``,
    ``year``: join on report_id + subject_id + year to the indicators' measurements, or on subject_id to the
    programs and activities), the numbers, the basis of its severity, and its parts and places as JSON text."""
    f = finding
    return {
        "report_id": report_id, "finding_no": number, "code": f.code, "severity": f.severity, "basis": f.basis,
        "subject": f.subject, "subject_kind": f.subject_kind, "subject_id": f.subject_id, "field": f.field,
        "year": f.year, "stated": f.stated, "expected": f.expected, "stated_value": _number(f.stated_value),
        "expected_value": _number(f.expected_value), "formula": f.formula, "message": f.message,
        "table": f.provenance.table, "line": f.provenance.line, "page": f.provenance.page,
        "parts": json.dumps([p.model_dump(mode="json", exclude_none=True) for p in f.parts], ensure_ascii=False),
        "places": json.dumps([p.model_dump(mode="json", exclude_none=True) for p in f.places], ensure_ascii=False)}


def write_dataset(reports: dict[str, Report], out_dir: Path) -> Path:
    """Write Parquet tables and ``lkjip.duckdb`` under ``out_dir``; return the database path."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    out_dir = Path(out_dir)
    tables_dir = out_dir / "tables"
    tables_dir.mkdir(parents=True, exist_ok=True)
    merged: dict[str, list[dict]] = {name: [] for name in DATASET_TABLES}
    for report_id in sorted(reports):
        for name, rows in dataset_rows(reports[report_id], report_id).items():
            merged[name].extend(rows)
    for name, rows in merged.items():
        table = pa.Table.from_pylist(rows) if rows else pa.table({"report_id": pa.array([], pa.string())})
        with atomic_path(tables_dir / f"{name}.parquet") as tmp:
            pq.write_table(table, tmp)
    db_path = out_dir / "lkjip.duckdb"
    with atomic_path(db_path) as tmp_db:
        con = duckdb.connect(str(tmp_db))
        try:
            for name in DATASET_TABLES:
                con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet(?)", [str(tables_dir / f"{name}.parquet")])
        finally:
            con.close()
    return db_path
