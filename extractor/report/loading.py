"""What ``lkjip report PATH`` reads: a report file (extracted here), a report JSON (read with the
pydantic model) or a dataset folder (``reports/*.json`` and, when there, ``lkjip.duckdb``).

Given PATH, :func:`load` returns :class:`Loaded`: the reports by id and the dataset folder (None for a
single report). A path that is none of these raises a typed error (E004, E040, E002).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..build import report_id
from ..dataset.writer import DATABASE
from ..errors import DatasetMissing, UnreadableInput, UnsupportedFormat
from ..filenames import shown
from ..model import Report
from ..pipeline import Options, extract

REPORT_SUFFIXES = (".txt", ".pdf", ".docx")
REPORTS_FOLDER = "reports"


@dataclass
class Loaded:
    """The reports to show (id → report, in id order) and the dataset folder they came from, if any."""

    reports: dict[str, Report]
    dataset: Path | None = None

    @property
    def database(self) -> Path | None:
        """The dataset's DuckDB file, when the folder has one."""
        if self.dataset is None or not (self.dataset / DATABASE).is_file():
            return None
        return self.dataset / DATABASE


def load(path: Path, options: Options | None = None) -> Loaded:
    """Given a report file, a report JSON or a dataset folder, return the reports in it."""
    path = Path(path)
    if path.is_dir():
        return load_dataset(path)
    if path.suffix.lower() == ".json":
        return Loaded({report_id(path, ()): read_report_json(path)})
    if path.suffix.lower() in REPORT_SUFFIXES:
        return Loaded({report_id(path, ()): extract(path, options)})
    raise UnsupportedFormat(shown(path), "give a report (.txt, .pdf, .docx), a report JSON or a dataset folder")


def read_report_json(path: Path) -> Report:
    """Given a report document written by ``lkjip extract``/``build``, return it; E002 when it is not one."""
    try:
        return Report.model_validate_json(Path(path).read_bytes())
    except OSError as exc:
        raise UnreadableInput(shown(path), f"cannot read it ({exc.strerror or exc})") from None
    except ValidationError as exc:
        raise UnreadableInput(shown(path), f"not a report document ({exc.error_count()} problem(s), "
                                           f"first: {exc.errors()[0]['msg']})") from None


def load_dataset(folder: Path) -> Loaded:
    """Given a dataset folder (``lkjip build --out``), return its reports; E040 when it has none."""
    documents = sorted((folder / REPORTS_FOLDER).glob("*.json"))
    if not documents:
        raise DatasetMissing(shown(folder), f"no {REPORTS_FOLDER}/*.json here; run `lkjip build` first")
    return Loaded({p.stem: read_report_json(p) for p in documents}, dataset=folder)
