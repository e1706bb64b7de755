"""``efficiency_mismatch``: a stated efficiency level against capaian kinerja and penyerapan anggaran.

Reports define the level themselves: most divide (capaian / penyerapan), some subtract
(capaian − penyerapan: "dikurangi", "selisih", "capaian kinerja – penyerapan anggaran"). Each
efficiency table is judged by the formula the report declares (``report.scales``), each sentence of
the narrative ("tingkat efisiensinya adalah 0,67% … capaian kinerja (179%) dikurangi dengan …
penyerapan anggaran (99,33%)") by the formula it states itself. A ratio may be printed as a ratio
(1,03) or as a percentage (103%); both are accepted.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

import regex

from ..model import Figure, Finding, Indicator, Provenance
from ..numbers import parse_figure
from ..printings import PrintedRow, PrintedTable
from ..prose import FULL_STOP
from ..names import mentioned
from . import Context, compiled, grade, part, places_of, subject_label
from .absorption import is_amount
from .achievement import match_indicator
from .precision import HUNDRED, fmt, judge, named, printed, shown
from ..yardsticks import efficiency_kind, language

SIGN = {"ratio": "/", "difference": "−"}


@dataclass
class Efficiency:
    """A stated efficiency level with the capaian and absorption it comes from, and its formula."""

    subject: str
    stated: Figure
    achievement: Figure
    absorption: Figure
    kind: str
    declared: str  # where the formula comes from, in words
    provenance: Provenance
    indicator: Indicator | None = None
    certain: bool = True  # the formula is declared (by the report or the sentence), not assumed


def table_levels(ctx: Context) -> Iterator[Efficiency]:
    """Rows of efficiency tables: capaian, penyerapan and the level (the cell after a rupiah one)."""
    formula = ctx.scales.get("efficiency_formula") or {"kind": "ratio", "declared": False}
    declared = (f"the report's own formula (line {formula['line']})" if formula.get("declared")
                else "the standard ratio, the report declaring none")
    for table in ctx.tables:
        cols = {key: table.column(key) for key in ("achievement", "absorption", "efficiency")}
        if any(col is None for col in cols.values()):
            continue
        for row in table.rows:
            stated = _level(table, row, cols["efficiency"].index)
            achievement, absorption = table.figure(row, cols["achievement"]), table.figure(row, cols["absorption"])
            if stated is None or achievement is None or absorption is None:
                continue
            name_col = table.column("indicator")
            name = " ".join(row.cells[name_col.index].split()) if name_col is not None else "row"
            indicator, _ = match_indicator(name, ctx.report.indicators)
            yield Efficiency(f"{named(indicator.name if indicator else name)}, {subject_label('efficiency')}", stated, achievement,
                             absorption, formula["kind"], declared, row.provenance, indicator, bool(formula.get("declared")))


def _level(table: PrintedTable, row: PrintedRow, index: int) -> Figure | None:
    """The efficiency figure of a row: its cell, or the next one when its cell holds rupiah saved."""
    for i in (index, index + 1):
        if i >= len(row.cells) or i >= len(table.columns):
            return None
        figure = table.figure(row, table.columns[i])
        if figure is not None and figure.value is not None and not is_amount(figure):
            return figure
        if figure is None or figure.value is None:
            return None
    return None


def prose_levels(ctx: Context) -> Iterator[Efficiency]:
    """Sentences stating a level and the capaian and absorption it is computed from."""
    pats = {key: compiled(language()["efficiency_sentence"][key], regex.I)
            for key in ("stated", "achievement", "absorption")}
    fallback = (ctx.scales.get("efficiency_formula") or {}).get("kind", "ratio")
    fallback_declared = bool((ctx.scales.get("efficiency_formula") or {}).get("declared"))
    paragraphs = ctx.paragraphs()
    for k in sorted(ctx.may_match(pats["stated"])):
        paragraph = paragraphs[k]
        for m in pats["stated"].finditer(paragraph.text):
            end = FULL_STOP.search(paragraph.text[m.end():])
            sentence = paragraph.text[m.start(): m.end() + end.start() if end else None]
            found = {key: pats[key].search(sentence) for key in ("achievement", "absorption")}
            figures = {key: parse_figure(x["figure"].strip()) for key, x in found.items() if x}
            stated = parse_figure(m["figure"].strip())
            if stated is None or len(figures) < 2 or None in figures.values():
                continue
            kind = efficiency_kind(sentence)
            line = paragraph.line_at(m.start())
            subject, indicator = _prose_subject(ctx, paragraph.text[:m.start()])
            yield Efficiency(subject, stated, figures["achievement"],
                             figures["absorption"], kind or fallback,
                             "the formula the sentence states" if kind else "the report's formula",
                             Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=sentence[:200]),
                             indicator, bool(kind) or fallback_declared)


def _prose_subject(ctx: Context, before: str) -> tuple[str, Indicator | None]:
    """The indicator a sentence names before its efficiency level (with its name), else the sentence's opening."""
    indicator = mentioned(ctx.report.indicators, before[-300:])  # an IKU before a program's indicator alike
    if indicator is not None:
        return f"{named(indicator.name)}, {subject_label('efficiency')}", indicator
    return f"{subject_label('efficiency').capitalize()}: {' '.join(before.split()[-8:])}", None


def recompute(achievement: Decimal, absorption: Decimal, kind: str) -> Decimal | None:
    """Given capaian and penyerapan (percent), return the level by the formula (None if ÷ 0).

    >>> recompute(Decimal(179), Decimal("99.33"), "difference"), recompute(Decimal(100), Decimal("97.23"), "ratio")
    (Decimal('79.67'), Decimal('1.028489149439473413555486990'))
    """
    if kind == "difference":
        return achievement - absorption
    return achievement / absorption if absorption else None


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield a finding for each efficiency level its own formula contradicts."""
    for level in (*table_levels(ctx), *prose_levels(ctx)):
        finding = judge_level(level, ctx)
        if finding is not None:
            yield finding


def judge_level(level: Efficiency, ctx: Context | None = None) -> Finding | None:
    """Given a stated level and its inputs, return the finding when the formula does not give it."""
    computed = recompute(level.achievement.value, level.absorption.value, level.kind)
    name = language()["efficiency_formula_names"][level.kind]
    data = dict(subject_kind="indicator" if level.indicator else "table_row" if level.provenance.table else "report",
                subject_id=level.indicator.id if level.indicator else None, field="efficiency",
                year=ctx.report.report_year if ctx is not None else None, stated_value=level.stated.value,
                formula=name, places=places_of(level.provenance),
                parts=[part(subject_label("achievement"), level.achievement, level.provenance),
                       part(subject_label("absorption"), level.absorption, level.provenance)])
    if computed is None:
        return Finding(code="efficiency_mismatch", severity="info", basis="arithmetic", subject=level.subject,
                       stated=printed(level.stated), provenance=level.provenance, **data,
                       message=f"Efficiency {printed(level.stated)} cannot be recomputed: the absorption is 0.")
    candidates = [computed] + ([computed * HUNDRED] if level.kind == "ratio" else [])
    verdicts = [judge(level.stated, c) for c in candidates]
    if any(v.consistent for v in verdicts):
        return None
    calculation = f"{fmt(level.achievement.value)} {SIGN[level.kind]} {fmt(level.absorption.value)}"
    severity, basis, why = grade(ctx, [level.stated, level.achievement, level.absorption], data["places"],
                                 None if level.certain else "the standard efficiency ratio, the report declaring no formula")
    return Finding(
        code="efficiency_mismatch", severity=severity, basis=basis,
        subject=level.subject, stated=printed(level.stated), expected_value=computed,
        expected=f"{calculation} = {fmt(computed, max(verdicts[0].decimals, 2))}", provenance=level.provenance, **data,
        message=(f"Efficiency {printed(level.stated)} does not match {name} = {calculation} = "
                 f"{shown(computed, verdicts[0].decimals)} by {level.declared} ({verdicts[0].explain()}){why}."))
