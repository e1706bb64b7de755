"""``achievement_mismatch``: a stated capaian against realisasi / target × 100.

Every table row that prints an indicator's target, realisasi and capaian for a year is checked —
the measurement table, the executive summary, comparison and performance-and-budget tables alike.
An indicator the report says is better when lower is judged by the report's second formula,
(2 × target − realisasi) / target × 100. A row that prints no target (the previous year's column of
a measurement table) borrows it from another table of the same indicator and year when every other
printing agrees on it. A target of 0, or a figure that cannot be found, gives an ``info`` finding,
never a division by zero.

:func:`printed_measurements` (every printing of a measurement, with its place) and
:func:`row_parts` (a row that prints several indicators' figures in one cell, split) are shared with
the other rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

import regex


from ..model import Figure, Finding, Indicator, Provenance
from ..names import match_indicator
from ..printings import MEASUREMENT_KINDS, PrintedRow, PrintedTable
from . import Context, grade, part, places_of
from .precision import HUNDRED, fmt, judge, named, printed, shown

FIELDS = ("target", "realization", "achievement")
# tables whose targets may be lent to a row that prints none (multi-year Renstra matrices may not)
LENDING_KINDS = ("performance_measurement", "year_comparison", "performance_budget", "performance_agreement")
LETTERS = regex.compile(r"\p{L}+")
A_WORD = regex.compile(r"\p{L}{3}")
NAME_DASH = regex.compile(r"(?:^|\s)-\s+")                 # "- A - B": one cell naming several indicators


@dataclass
class PrintedMeasurement:
    """One printing of an indicator's measurement: a table row (or part of one), a year, its figures."""

    name: str
    year: int | None
    figures: dict[str, Figure | None]
    predicate: str | None
    table: PrintedTable
    provenance: Provenance
    indicator: Indicator | None = None
    score: float = 0.0  # how alike the printed name is to the indicator's
    columns: frozenset = frozenset()  # the fields the table has a column for, for this year
    reading: str | None = None  # what the figures' place rests on, when a reading may be wrong (annex matrices)
    row: int | None = None  # the row's index in its table

    @property
    def row_id(self) -> str | None:
        """The row as ``report.tables`` numbers it: ``t3.r2`` (the second row of table t3)."""
        return table_row_id(self.table, self.row)


def table_row_id(table: PrintedTable, row: int | None) -> str | None:
    """Given a table and a row's index, return the row's id: ``t3.r2`` is ``report.tables`` t3's ``rows[1]``."""
    return None if row is None else f"{table.id}.r{row + 1}"


def row_parts(table: PrintedTable, row: PrintedRow, columns: dict) -> list[dict]:
    """Given a row and the columns to read (key → Column or None), return one dict of figures per
    indicator the row prints: one, or k when every filled figure cell (two at least) holds k figures."""
    single = {key: table.figure(row, col) for key, col in columns.items()}
    texts = {key: row.cells[col.index].strip() for key, col in columns.items()
             if col is not None and col.index < len(row.cells) and row.cells[col.index].strip()}
    if not texts or all(single[key] is not None for key in texts):
        return [single]
    split = {key: table.figures_of(row, columns[key].index) for key in texts}
    counts = {len(figs) for figs in split.values()}
    if len(split) < 2 or len(counts) != 1 or min(counts) < 2:
        return [single]  # one cell with several figures is a note or a breakdown, not k rows
    return [{key: split[key][i] if key in split else None for key in columns} for i in range(counts.pop())]


def name_parts(name: str, k: int) -> list[str]:
    """Split an indicator cell printing k names (``"- A - B"``), else number the whole name."""
    parts = [p.strip(" -") for p in NAME_DASH.split(name) if p.strip(" -")]
    if len(parts) == k:
        return parts
    return [f"{name} ({i + 1} of {k})" for i in range(k)]


def printed_measurements(ctx: Context) -> list[PrintedMeasurement]:
    """Every printing of a measurement in the tables, matched to the report's indicators.

    Tables that repeat a field for one year (quarterly matrices, multi-year Renstra matrices with
    two indicator groups) are left out: which column belongs to which indicator is not certain.
    Found once per report (three rules read them).
    """
    return ctx.once("printed_measurements", lambda: _printed_measurements(ctx))


def _printed_measurements(ctx: Context) -> list[PrintedMeasurement]:
    out = []
    matched: dict[str, tuple[Indicator | None, float]] = {}  # by name: a row names it once for every year
    for table in ctx.tables:
        name_col = table.column("indicator")
        if table.kind not in MEASUREMENT_KINDS or name_col is None or _repeats_fields(table):
            continue
        out += _one_row_per_indicator(list(_table_printings(ctx, table, name_col, matched)))
    return out


def _one_row_per_indicator(printings: list[PrintedMeasurement]) -> list[PrintedMeasurement]:
    """Within one table, an indicator and year belong to the row that names it best; other rows
    that seemed to name it (a wrapped name broken over two rows) name no indicator."""
    best: dict[tuple, PrintedMeasurement] = {}
    for p in printings:
        key = (id(p.indicator), p.year)
        if p.indicator is not None and (key not in best or p.score > best[key].score):
            best[key] = p
    for p in printings:
        if p.indicator is not None and best[(id(p.indicator), p.year)] is not p:
            p.indicator = None
    return printings


def _repeats_fields(table: PrintedTable) -> bool:
    """Say whether a table prints one field twice for one year, or names two indicator columns."""
    keys = [(c.field, c.year) for c in table.columns if c.field in FIELDS + ("indicator",)]
    return len(keys) != len(set(keys))


def _table_printings(ctx: Context, table: PrintedTable, name_col,
                     matched: dict[str, tuple[Indicator | None, float]]) -> Iterator[PrintedMeasurement]:
    for row in table.rows:
        for year in table.years():
            cols = table.measurement_columns(year)
            if cols is None:
                continue  # a lone "Capaian 2021" column holds that year's value, not a percentage
            parts = row_parts(table, row, cols)
            names = name_parts(row.name, len(parts)) if len(parts) > 1 else [row.name]
            predicate = row.predicates.get(year) if len(parts) == 1 else None
            for part_name, figures in zip(names, parts):
                if not any(figures.values()):
                    continue
                named = len(parts) == 1 or not part_name.endswith(f" of {len(parts)})")
                if named and part_name not in matched:
                    matched[part_name] = match_indicator(part_name, ctx.report.indicators)
                indicator, score = matched[part_name] if named else (None, 0.0)
                yield PrintedMeasurement(part_name, year, figures, predicate, table, row.provenance, indicator, score,
                               frozenset(key for key, col in cols.items() if col is not None), row=row.index)


def formula_for(indicator: Indicator | None, scales: dict) -> tuple[str, dict]:
    """Given an indicator, return its polarity and the formula the report declares for it."""
    polarity = indicator.polarity if indicator is not None else "higher_is_better"
    formula = (scales.get("achievement_formulas") or {}).get(polarity) or {"formula": "realisasi / target × 100", "declared": False}
    return polarity, formula


def recompute(target: Decimal, realization: Decimal, polarity: str) -> Decimal:
    """Given target and realisasi, return the capaian (percent) by the polarity's formula.

    >>> recompute(Decimal(30), Decimal(40), "higher_is_better"), recompute(Decimal(30), Decimal(40), "lower_is_better")
    (Decimal('133.3333333333333333333333333'), Decimal('66.66666666666666666666666667'))
    """
    if polarity == "lower_is_better":
        return (2 * target - realization) / target * HUNDRED
    return realization / target * HUNDRED


def _calculation(target: Figure, realization: Figure, polarity: str) -> str:
    t, r = fmt(target.value), fmt(realization.value)
    return f"(2 × {t} − {r})/{t} × 100" if polarity == "lower_is_better" else f"{r}/{t} × 100"


def borrowed(printing: PrintedMeasurement, key: str, printings: list[PrintedMeasurement]) -> PrintedMeasurement | None:
    """The other printing that supplies a missing figure: all printings of the indicator and year agree."""
    if printing.indicator is None:
        return None
    others = [p for p in printings if p.indicator is printing.indicator and p.year == printing.year
              and p.figures.get(key) is not None and p is not printing and p.table.kind in LENDING_KINDS]
    values = {p.figures[key].value for p in others}
    return others[0] if len(values) == 1 else None


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield a finding for each capaian that its target and realisasi contradict."""
    printings = printed_measurements(ctx)
    for printing in printings:
        finding = judge_printing(printing, printings, ctx.scales, ctx)
        if finding is not None:
            yield finding
    yield from check_renstra(ctx)


def judge_printing(printing: PrintedMeasurement, printings: list[PrintedMeasurement], scales: dict,
                   ctx: Context | None = None) -> Finding | None:
    """Given one printing, return its finding (or None when its capaian adds up)."""
    figures = dict(printing.figures)
    target_place = printing.provenance
    subject = f"{named(printing.indicator.name if printing.indicator else printing.name)}, {printing.year}"
    if figures["achievement"] is None or figures["achievement"].value is None:
        return None
    if figures["realization"] is None:  # a capaian-only table (efficiency, summary) is not missing anything
        return _not_computable(printing, subject, "realisasi") if "realization" in printing.columns else None
    note = ""
    if figures["target"] is None:
        source = borrowed(printing, "target", printings)
        if source is None:
            return _not_computable(printing, subject, "target") if "target" in printing.columns else None
        figures["target"] = source.figures["target"]
        target_place = source.provenance
        note = f"; target {printed(source.figures['target'])} taken from {source.provenance.table} line {source.provenance.line}"
    return judge_capaian(figures["achievement"], figures["target"], figures["realization"], printing.indicator,
                         scales, subject, printing.provenance, note, year=printing.year, target_place=target_place,
                         ctx=ctx, row_id=printing.row_id)


def _not_computable(printing: PrintedMeasurement, subject: str, missing: str) -> Finding:
    """An info finding: the row prints a capaian but its own column for ``missing`` is empty or unreadable."""
    stated = printing.figures["achievement"]
    return Finding(code="achievement_mismatch", severity="info", basis="reading", subject=subject,
                   stated=printed(stated), expected=None, stated_value=stated.value, year=printing.year,
                   field="achievement", **_about(printing.indicator, printing.row_id),
                   provenance=printing.provenance, places=[printing.provenance],
                   message=f"Capaian {printed(stated)} cannot be recomputed: the row prints no readable {missing}.")


def check_renstra(ctx: Context) -> Iterator[Finding]:
    """Capaian against the Renstra end target: realisasi / target akhir Renstra × 100."""
    for table in ctx.tables:
        cols = {key: table.column(key) for key in ("indicator", "renstra_target", "realization", "renstra_achievement")}
        if any(col is None for col in cols.values()) or _repeats_fields(table):
            continue
        for row in table.rows:
            figures = {key: table.figure(row, col) for key, col in cols.items() if key != "indicator"}
            if any(f is None or f.value is None for f in figures.values()):
                continue
            name = " ".join(row.cells[cols["indicator"].index].split())
            indicator, _ = match_indicator(name, ctx.report.indicators)
            subject = f"{named(indicator.name if indicator else name)}, capaian terhadap target akhir Renstra"
            finding = judge_capaian(figures["renstra_achievement"], figures["renstra_target"], figures["realization"],
                                    indicator, ctx.scales, subject, row.provenance, "", ctx=ctx, renstra=True,
                                    row_id=table_row_id(table, row.index),
                                    year=cols["realization"].year or table.default_year)
            if finding is not None:
                yield finding


def _about(indicator: Indicator | None, row_id: str | None = None) -> dict:
    """The subject fields of a finding about an indicator's figure (a row naming no indicator: the row)."""
    if indicator is None:
        return {"subject_kind": "table_row", "subject_id": row_id}
    return {"subject_kind": "indicator", "subject_id": indicator.id}


def judge_capaian(achievement: Figure, target: Figure, realization: Figure, indicator: Indicator | None,
                  scales: dict, subject: str, where: Provenance, note: str, *, year: int | None = None,
                  target_place: Provenance | None = None, ctx: Context | None = None,
                  renstra: bool = False, row_id: str | None = None) -> Finding | None:
    """Given a stated capaian and its target and realisasi, return the finding if they disagree.

    ``target_place``: where the target is printed when another row lends it; ``renstra``: the capaian is
    against the Renstra's end target; ``row_id``: the row (``t3.r2``), the subject when no indicator is named.
    """
    if achievement.value is None or target.value is None or realization.value is None:
        return None
    label = "target akhir Renstra" if renstra else "target"
    parts = [part(f"{label} {year or ''}".strip(), target, target_place or where),
             part(f"realisasi {year or ''}".strip(), realization, where)]
    data = dict(**_about(indicator, row_id), field="renstra_achievement" if renstra else "achievement", year=year,
                stated_value=achievement.value, parts=parts, places=places_of(where, target_place))
    if target.value == 0:
        return Finding(code="achievement_mismatch", severity="info", basis="arithmetic", subject=subject,
                       stated=printed(achievement), expected=None, provenance=where, **data,
                       message=f"Capaian {printed(achievement)} cannot be recomputed because the target is 0.")
    polarity, formula = formula_for(indicator, scales)
    computed = recompute(target.value, realization.value, polarity)
    verdict = judge(achievement, computed)
    if verdict.consistent:
        return None
    calculation = _calculation(target, realization, polarity)
    source = (f"the report's own formula (line {formula['line']})" if formula.get("declared")
              else "the standard formula, the report declaring none")
    # realisasi / target × 100 is what capaian means (PermenPAN-RB 53/2014); a lower-is-better formula
    # the report does not declare is one convention of several
    guessed = polarity == "lower_is_better" and not formula.get("declared")
    level, basis, why = grade(ctx, [target, realization, achievement], data["places"],
                              "the capaian formula for a lower-is-better indicator, which the report does not declare"
                              if guessed else None)
    return Finding(
        code="achievement_mismatch", severity=level, basis=basis, subject=subject,
        stated=printed(achievement), expected=f"{calculation} = {fmt(computed, max(verdict.decimals, 2))}%",
        expected_value=computed, formula=formula["formula"], provenance=where, **data,
        message=(f"Capaian {printed(achievement)} does not match {formula['formula']} = {calculation} = "
                 f"{shown(computed, verdict.decimals)}% by {source} ({verdict.explain()}{note}){why}."))
