"""``format_anomaly``: a figure whose grouping or decimal marks no convention allows.

The Indonesian convention prints ``1.234.567,89``, the English one ``1,234,567.89``. A figure such as
``3.050.078,000`` (thousands groups, then three decimals on an amount: most likely a thousands
separator printed as the decimal mark), ``1.23.456`` or ``12,34,567`` (groups of other than three
digits) or ``1.234,567.8`` (both marks grouping) fits neither, and a rupiah amount (after ``Rp``, or in
an anggaran column) is never printed to the thousandth (``64754,000``); :func:`extractor.numbers.format_anomaly`
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
from ..numbers import Anomaly, find_anomalies, format_anomaly
from ..outline import ACTIVITY, PROGRAM, SUB_ACTIVITY
from ..patterns import load
from ..printings import A_WORD, FIGURE_FIELDS
from ..read.base import Line
from . import Context
from .precision import fmt

READING_LABELS = {"decimal": "the last mark a decimal point", "grouping": "every mark a thousands separator"}
REASONS = {"three_decimals": "thousands groups followed by three decimals",
           "broken_groups": "a group of other than three digits between separators",
           "mixed_marks": "both marks used to group thousands"}
LEVEL_KINDS = {PROGRAM: "program", ACTIVITY: "activity", SUB_ACTIVITY: "activity"}
AMOUNT_FIELDS = ("allocation", "allocation_original", "budget_realization")  # columns of rupiah amounts


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield one finding per printed figure whose marks no convention allows."""
    cells = _cells_by_line(ctx)
    for line in ctx.document.lines:
        found = find_anomalies(line.text)
        printed_cells = cells.get(line.number)
        if not found and not printed_cells:  # most lines
            continue
        left = list(printed_cells or ())  # the table cells of the line that print one
        for k, (_, _, raw, anomaly) in enumerate(found):
            cell = next((c for c in left if c[4].body == anomaly.body), None)
            if cell is not None:
                left.remove(cell)
            yield _finding(ctx, line, raw, anomaly, cell[:3] if cell else None, k + 1)
        only_amounts = [c for c in left if format_anomaly(c[4].body) is None]
        for k, cell in enumerate(only_amounts):  # malformed only as an amount: "64754,000" in an anggaran column
            yield _finding(ctx, line, cell[3], cell[4], cell[:3], len(found) + k + 1)


def _cells_by_line(ctx: Context) -> dict[int, list[tuple]]:
    """Every table cell printing a malformed figure, by line, in column order: (table, row, column, raw,
    anomaly); a cell of an amount column (anggaran, realisasi anggaran) is read as an amount."""
    out: dict[int, list] = defaultdict(list)
    for table in ctx.tables:
        for row in table.rows:
            for col in table.columns:
                for _, _, raw, anomaly in find_anomalies(row.text(col), col.field in AMOUNT_FIELDS):
                    line = next((l.number for l in row.row.lines if raw in l.text), row.provenance.line)
                    out[line].append((table, row, col, raw, anomaly))
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
    prov = Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=line.text.strip()[:300],
                      confidence=line.confidence)
    if cell is not None:  # the table's place, on the line that prints the figure (a row may span several)
        prov = cell[1].provenance.model_copy(update={"line": line.number, "page": line.page})
    if cell is None or cell[2].field not in FIGURE_FIELDS:
        name = next((" ".join(c.split()) for c in line.cells or () if A_WORD.search(c)), None)
        where = f"figure {position} of line {line.number}"
        return (f"{name}, {where}" if name else where), "table_row" if cell else None, None, None, None, prov
    table, row, col = cell
    label = load("verify")["subject_labels"].get(col.field) or " ".join((col.label or col.field).split())
    year = col.year or table.default_year
    kind = LEVEL_KINDS.get(row.level) or ("indicator" if row.indicator_name else "table_row")
    indicator = match_indicator(row.indicator_name, ctx.report.indicators)[0] if kind == "indicator" else None
    subject = f"{row.label}, {label}" + (f" {year}" if year else "")
    return subject, kind, indicator.id if indicator else None, col.field, year, prov
