"""``format_anomaly``: a figure whose grouping or decimal marks no convention allows.

The Indonesian convention prints ``1.234.567,89``, the English one ``1,234,567.89``. A figure such as
``3.050.078,000`` (thousands groups, then three decimals on an amount: most likely a thousands
separator printed as the decimal mark), ``1.23.456`` or ``12,34,567`` (groups of other than three
digits) or ``1.234,567.8`` (both marks grouping) fits neither; :func:`extractor.numbers.format_anomaly`
says so where figures are parsed, with the values the figure could be. This rule only reports each
such printed figure once, on the line that prints it, as a ``warning`` (basis ``reading``: which
value was meant depends on reading the marks), with both readings as its parts. A figure in a table
the printings read is named by its row and column (field, year); one in prose or in an unread table
by its line.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..model import Finding, FindingPart, Provenance
from ..names import match_indicator
from ..numbers import Anomaly, find_anomalies
from ..outline import ACTIVITY, PROGRAM, SUB_ACTIVITY
from ..patterns import load
from ..printings import A_WORD, FIGURE_FIELDS, PrintedRow, PrintedTable
from ..read.base import Line
from . import Context
from .precision import fmt

READING_LABELS = {"decimal": "the last mark a decimal point", "grouping": "every mark a thousands separator"}
REASONS = {"three_decimals": "thousands groups followed by three decimals",
           "broken_groups": "a group of other than three digits between separators",
           "mixed_marks": "both marks used to group thousands"}
LEVEL_KINDS = {PROGRAM: "program", ACTIVITY: "activity", SUB_ACTIVITY: "activity"}


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield one finding per printed figure whose marks no convention allows."""
    cells = _cells_by_line(ctx)
    for line in ctx.document.lines:
        found = find_anomalies(line.text)
        for k, (_, _, raw, anomaly) in enumerate(found):
            before = sum(f[3].body == anomaly.body for f in found[:k])  # the n-th printing of it on the line
            at = cells.get((line.number, anomaly.body), [])
            yield _finding(ctx, line, raw, anomaly, at[before] if before < len(at) else None, k + 1)


def _cells_by_line(ctx: Context) -> dict[tuple[int, str], list[tuple[PrintedTable, PrintedRow, object]]]:
    """Every table cell printing a malformed figure, by (line, the figure's body), in column order."""
    out: dict[tuple[int, str], list] = defaultdict(list)
    for table in ctx.tables:
        for row in table.rows:
            for col in table.columns:
                for _, _, _, anomaly in find_anomalies(row.text(col)):
                    out[(row.provenance.line, anomaly.body)].append((table, row, col))
    return out


def _finding(ctx: Context, line: Line, raw: str, anomaly: Anomaly, cell, position: int) -> Finding:
    readings = dict(anomaly.readings)
    figure = cell[0].figure(cell[1], cell[2]) if cell else None
    stated = figure.value if figure is not None and figure.value is not None else readings["decimal"]
    others = [value for _, value in anomaly.readings if value != stated]
    choices = " or ".join(f"{fmt(value)} ({READING_LABELS[how]})" for how, value in anomaly.readings)
    subject, kind, subject_id, field, year, prov = _subject(ctx, line, cell, position)
    parts = [FindingPart(label=READING_LABELS[how], value=value, raw=raw.strip(), provenance=prov)
             for how, value in anomaly.readings]
    return Finding(
        code="format_anomaly", severity="warning", basis="reading", subject=subject, subject_kind=kind,
        subject_id=subject_id, field=field, year=year, stated=raw.strip(),
        expected=" or ".join(fmt(v) for _, v in anomaly.readings), stated_value=stated,
        expected_value=others[-1] if others else None, formula="readings of the printed marks",
        parts=parts, places=[prov], provenance=prov,
        message=(f"{raw.strip()} fits neither the Indonesian (1.234.567,89) nor the English (1,234,567.89) way of "
                 f"printing a figure ({REASONS[anomaly.reason]}); it could be {choices} "
                 f"(depends on reading its marks)."))


def _subject(ctx: Context, line: Line, cell, position: int):
    """The subject of a malformed figure: its row and column when it stands in a column of figures a table
    names (target, anggaran …), else the first name its line prints, or the line."""
    if cell is None or cell[2].field not in FIGURE_FIELDS:
        prov = cell[1].provenance if cell else Provenance(
            file=ctx.report.source.path, line=line.number, page=line.page, row=line.text.strip()[:300],
            confidence=line.confidence)
        name = next((" ".join(c.split()) for c in line.cells or () if A_WORD.search(c)), None)
        where = f"figure {position} of line {line.number}"
        return (f"{name}, {where}" if name else where), "table_row" if cell else None, None, None, None, prov
    table, row, col = cell
    label = load("verify")["subject_labels"].get(col.field) or " ".join((col.label or col.field).split())
    year = col.year or table.default_year
    kind = LEVEL_KINDS.get(row.level) or ("indicator" if row.indicator_name else "table_row")
    indicator = match_indicator(row.indicator_name, ctx.report.indicators)[0] if kind == "indicator" else None
    subject = f"{row.label}, {label}" + (f" {year}" if year else "")
    return subject, kind, indicator.id if indicator else None, col.field, year, row.provenance
