"""How well a report was read: its ``warnings``, ``errors`` and ``status`` (as docling's conversion status).

- ``success``: no warning, no error, no figure read with low confidence;
- ``partial``: warnings (e.g. a table rebuilt from OCR text, no indicator or program table, an assumed
  decimal mark, figures read with low OCR confidence, damage seen by :mod:`extractor.plausibility`: a
  document cut short, several reports in one file, a budget total its programs do not make, missing chapters);
- ``failure``: errors (e.g. nothing of the report could be read into indicators, programs or budget).

Findings (what the report itself gets wrong) never change the status: they are about the report, not
about how it was read. Every issue's code is in :mod:`extractor.codes`.
"""
from __future__ import annotations

from typing import Iterable

from pydantic import BaseModel

from .codes import is_error, issue
from .model import Figure, Issue, Report
from .read.base import Document


def reading_issues(document: Document, tables: list, decimal_assumptions: Iterable[tuple[int, str]]) -> list[Issue]:
    """Given the read document, its parsed tables and the (line, text) of each assumed decimal mark,
    return the issues met while reading them (the readers' own first)."""
    issues = list(document.warnings)
    issues += [issue("W_DECIMAL_MARK", "numbers", text, line=line) for line, text in decimal_assumptions]
    for table in tables:
        if table.block.rebuilt:
            issues.append(issue("W_TABLE_REBUILT", "structure", f"{table.block.caption_text}: columns lost in OCR; "
                                "rows rebuilt from the lines holding figures with the standard layout of this kind "
                                "of table (low confidence)", line=table.block.line))
    if not tables:
        issues.append(issue("W_NO_TABLES", "structure", "no table structure found (no tab, pipe or layout columns): "
                                                         "tables could not be read"))
    issues += [issue("W_PAGE", "read", page.note, page=page.number) for page in document.pages if page.note]
    return issues


def content_issues(report: Report) -> list[Issue]:
    """Given an assembled report, return the issues about what it holds: missing parts, low-confidence figures,
    and the error when nothing at all was read into indicators, programs or budget."""
    issues = []
    if not report.indicators:
        issues.append(issue("W_NO_INDICATORS", "assemble",
                            "no performance measurement table with indicator rows was recognised"))
    if not report.programs:
        issues.append(issue("W_NO_PROGRAMS", "assemble", "no program budget table with allocations was recognised"))
    figures = list(_figures_in([report.indicators, report.programs, report.budget]))
    low = sum(1 for figure in figures if figure.low_confidence)
    if low:
        issues.append(issue("W_LOW_CONFIDENCE", "assemble", f"{low} of {len(figures)} figures read with low OCR "
                                                            "confidence (marked low_confidence)"))
    else:
        # figures no indicator, program or budget took: low confidence in the tables still makes the report partial
        cells = [cell.figure for table in report.tables for row in table.rows for cell in row
                 if cell.figure is not None]  # a table holds figures only in its cells
        low = sum(1 for figure in cells if figure.low_confidence)
        if low:
            issues.append(issue("W_LOW_CONFIDENCE", "assemble", f"{low} of {len(cells)} figures of the tables read "
                                                                "with low OCR confidence (marked low_confidence)"))
    if not report.indicators and not report.programs and not any(iter_figures(report.budget)):
        issues.append(issue("E030", "assemble", "no indicator, program or budget figure could be read"))
    return issues


def iter_figures(model: BaseModel) -> Iterable[Figure]:
    """Every :class:`Figure` held anywhere in a model (e.g. a budget, a program with its evidence)."""
    return _figures_in(list(vars(model).values()))


_LEAVES = (str, int, float, bool, type(None))  # values that hold no figure: most of a report


def _figures_in(value) -> list[Figure]:
    """Every :class:`Figure` in a value (models, lists, tuples and dicts of them), walked with a stack
    rather than recursion (a report holds tens of thousands of values)."""
    found: list[Figure] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _LEAVES):
            continue
        if isinstance(item, Figure):
            found.append(item)
        elif isinstance(item, BaseModel):
            stack.extend(vars(item).values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return found


def status(warnings: list[Issue], errors: list[Issue]) -> str:
    """``failure`` with any error, ``partial`` with any warning, ``success`` otherwise.

    >>> status([], [])
    'success'
    """
    return "failure" if errors else "partial" if warnings else "success"


def settle(report: Report, reading: list[Issue]) -> Report:
    """Given an assembled report and its reading issues, fill its ``warnings``, ``errors`` and ``status``."""
    issues = reading + content_issues(report)
    report.errors = [item for item in issues if is_error(item)]
    report.warnings = [item for item in issues if not is_error(item)]
    report.status = status(report.warnings, report.errors)
    return report
