"""The indicator figures of annex matrices that the shared reading of measurements leaves out.

:func:`~extractor.verify.achievement.printed_measurements` skips every table that prints one field
twice for one year: which column is the year's is not certain there. Two kinds of annex do so, and
each can still be read for the figure it repeats from the body:

* quarterly matrices (*Rencana Aksi*, *Evaluasi Berkala Rencana Aksi*): quarter groups (TW I … TW IV,
  each of one or more columns: target, realisasi, persen) beside the year's target, realisasi and
  capaian. The quarter span runs from the first column whose label names a quarter to the end of the
  last quarter's group (the groups are evenly spaced); the columns outside it hold the year's figures,
  one indicator column with the figure columns after it (a *Rencana Aksi* may print a second
  indicator, the program's, with its own target further right).
* multi-year matrices (*Matrik Renstra*: a tujuan and a sasaran, each with its indicator, its
  *kondisi awal* and a target per year). Their rows are often printed ragged against the header (a
  cell more or less before the years), so a row is read by its own cells: each run of figures after
  an indicator's name (``NA`` and empty cells within) is that indicator's series, whose last figure
  belongs to the matrix's last year; the report year's target is counted back from it. A series is
  that of the name printed before it that is one of the report's indicators by its words (a
  *tujuan*'s own wording is not enough). What this reading finds rests on it (``reading``).
"""
from __future__ import annotations

from typing import Iterator

from ..model import Figure
from ..names import match_indicator, same_name
from ..printings import A_DIGIT, MEASUREMENT_KINDS, PrintedRow, PrintedTable
from . import Context, rule_word
from .achievement import FIELDS, PrintedMeasurement, _one_row_per_indicator, _repeats_fields

ANNEX_KINDS = (*MEASUREMENT_KINDS, "quarterly_plan")
MIN_YEARS = 3  # target columns of this many years make a multi-year matrix
RUN_READING = "read from a multi-year matrix, counting back from its last year"


def annex_measurements(ctx: Context) -> list[PrintedMeasurement]:
    """Every indicator figure of the quarterly and multi-year annex matrices, matched to the report's
    indicators (found once per report). A printing read from a multi-year matrix row carries
    ``RUN_READING`` as its ``reading``."""
    return ctx.once("annex_measurements", lambda: list(_annex_measurements(ctx)))


def _annex_measurements(ctx: Context) -> Iterator[PrintedMeasurement]:
    for table in ctx.tables:
        if table.kind not in ANNEX_KINDS or table.column("indicator") is None or not _repeats_fields(table):
            continue
        quarters = quarter_span(table)  # once, not once per column
        outside = [c for c in table.columns if c.index not in quarters]
        years = {c.year for c in outside if c.year and c.field in (None, "target")}  # a year's column, or its target
        if len(years) >= MIN_YEARS:
            found = list(_series_measurements(ctx, table, max(years)))
        else:
            found = list(_group_measurements(ctx, table, outside))
        yield from _one_row_per_indicator(found)


def quarter_span(table: PrintedTable) -> range:
    """Given a table, return the indexes of its quarterly columns (empty when it prints no quarters).

    The columns whose label names a quarter (``TW 1``, ``Tri Wulan 2``) open each quarter's group; the
    span runs from the first to the end of the last group, its width the distance between groups.
    """
    opening = [c.index for c in table.columns if c.field == "quarter" or rule_word("quarter_label").search(c.label or "")]
    if len(opening) < 2:
        return range(0)
    steps = {b - a for a, b in zip(opening, opening[1:])}
    if len(steps) != 1:
        return range(0)
    return range(opening[0], opening[-1] + steps.pop())


def _group_measurements(ctx: Context, table: PrintedTable, columns: list) -> Iterator[PrintedMeasurement]:
    """The year's figures of a quarterly matrix: each indicator column with the figure columns after it."""
    starts = [k for k, c in enumerate(columns) if c.field == "indicator"]
    for n, start in enumerate(starts):
        group = columns[start: starts[n + 1] if n + 1 < len(starts) else len(columns)]
        figure_cols = [c for c in group if c.field in FIELDS]
        keys = [(c.field, c.year or table.default_year) for c in figure_cols]
        if not figure_cols or len(keys) != len(set(keys)) or len({year for _, year in keys}) != 1:
            continue
        cols = {c.field: c for c in figure_cols}
        for row in table.rows:
            figures = {field: table.figure(row, cols.get(field)) for field in FIELDS}
            if any(f is not None and f.value is not None for f in figures.values()):
                yield from _matched(ctx, row.text(group[0]), keys[0][1], figures, table, row)


def _series_measurements(ctx: Context, table: PrintedTable, last_year: int) -> Iterator[PrintedMeasurement]:
    """The report year's target of each indicator of a multi-year matrix, read row by row from its cells."""
    year = ctx.report.report_year or table.default_year
    if year is None or year > last_year:
        return
    back = last_year - year  # how many years before the last the report year is
    for row in table.rows:
        for names, series in _runs(table, row):
            if len(series) <= back or series[-1 - back] is None:
                continue
            candidates = [(match_indicator(name, ctx.report.indicators), name) for name in names]
            (indicator, score), name = max(candidates, key=lambda c: c[0][1], default=((None, 0.0), ""))
            if indicator is not None and any(same_name(name, n) for n in (indicator.name, *indicator.aliases)):
                figures = {"target": series[-1 - back], "realization": None, "achievement": None}
                yield PrintedMeasurement(name, year, figures, None, table, row.provenance, indicator, score,
                                         frozenset({"target"}), reading=RUN_READING)


def _runs(table: PrintedTable, row: PrintedRow) -> Iterator[tuple[list[str], list[Figure | None]]]:
    """Given a row, yield (the names printed before it, its figures) for each run of figures; a
    placeholder (``NA``, ``-``) is None in the run, an empty cell is skipped."""
    names: list[str] = []
    series: list[Figure | None] = []
    for index, cell in enumerate(row.cells):
        text = " ".join(cell.split())
        if not text:
            continue
        figures = table.figures_of(row, index) if A_DIGIT.search(text) else []  # every figure prints a digit
        if len(figures) == 1 or rule_word("no_figure").fullmatch(text):
            series.append(figures[0] if figures else None)
            continue
        if series and names:
            yield names, series
        if series:
            names = []
        series = []
        names.append(text)
    if series and names:
        yield names, series


def _matched(ctx: Context, name: str, year: int | None, figures: dict, table: PrintedTable,
             row: PrintedRow) -> Iterator[PrintedMeasurement]:
    name = " ".join(name.split())
    indicator, score = match_indicator(name, ctx.report.indicators)
    if indicator is not None:
        yield PrintedMeasurement(name, year, figures, None, table, row.provenance, indicator, score,
                                 frozenset(field for field, f in figures.items() if f is not None))
