"""Build a dataset from a folder of reports: one JSON per report, the queryable dataset, a summary.

A file that cannot be read is reported with its reason and the batch goes on with the others;
what was written for other files stays whole (every write is atomic).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .codes import lookup
from .errors import LkjipError
from .export import atomic_write, write_dataset, write_report
from .model import Report
from .pipeline import Options, extract
from .read import SUFFIXES


@dataclass
class FileError:
    path: str
    code: str
    reason: str


@dataclass
class BuildResult:
    reports: dict[str, Report] = field(default_factory=dict)  # report id (file stem) → report
    errors: list[FileError] = field(default_factory=list)
    database: Path | None = None


def report_files(folder: Path) -> list[Path]:
    """Every file of a readable kind below ``folder`` (sorted; README files skipped)."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                  and not p.name.lower().startswith("readme") and not p.name.startswith("."))


def report_id(path: Path, taken: Iterable[str]) -> str:
    """A file-name-safe id from the file's stem, unique within the batch."""
    base = path.stem
    rid, n = base, 2
    while rid in taken:
        rid, n = f"{base}-{n}", n + 1
    return rid


def build(folder: Path, out_dir: Path, options: Options | None = None,
          on_file: Callable[[Path, Report | None, FileError | None], None] | None = None) -> BuildResult:
    """Extract every report under ``folder`` into ``out_dir/reports/*.json`` and the dataset."""
    result = BuildResult()
    out_dir = Path(out_dir)
    for path in report_files(folder):
        report, error = None, None
        try:
            report = extract(path, options)
        except LkjipError as exc:
            error = FileError(str(path), exc.code, exc.reason)
        except Exception as exc:  # a bug or an input we did not foresee: report it, keep going
            error = FileError(str(path), lookup("E999", "exception").code, f"unexpected {type(exc).__name__}: {exc}")
        if report is not None:
            rid = report_id(path, result.reports)
            write_report(report, out_dir / "reports" / f"{rid}.json")
            result.reports[rid] = report
        else:
            result.errors.append(error)
        if on_file:
            on_file(path, report, error)
    errors = [{"path": e.path, "code": e.code, "reason": e.reason} for e in result.errors]
    atomic_write(out_dir / "errors.json", json.dumps(errors, ensure_ascii=False, indent=2) + "\n")
    if result.reports:
        result.database = write_dataset(result.reports, out_dir)
    return result
