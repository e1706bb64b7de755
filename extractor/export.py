"""Write reports: deterministic JSON written atomically; the dataset is written by :mod:`extractor.dataset`.

``write_report`` writes one report document (same input → byte-identical output) through a temporary
file and a rename, so a crash never leaves half a file. ``write_dataset`` (from :mod:`extractor.dataset`)
streams reports into the relational tables (Parquet, DuckDB) and their data package.
"""
from __future__ import annotations

import json
from pathlib import Path

from .atomic import atomic_write
from .dataset import write_dataset
from .model import Report

__all__ = ["report_json", "atomic_write", "write_report", "write_dataset"]


def report_json(report: Report) -> str:
    """The report as deterministic, indented JSON (a figure's ``value`` is a JSON number)."""
    data = report.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_report(report: Report, path: Path) -> None:
    atomic_write(path, report_json(report))
