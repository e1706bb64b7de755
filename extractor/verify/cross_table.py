"""``cross_table_mismatch``: the same figure printed differently in two places.

Three kinds of figure are followed through the whole report:

* an indicator's target, realisasi and capaian for a year (executive summary, agreement,
  measurement, comparison, performance-and-budget and efficiency tables, and the annex matrices
  :mod:`extractor.verify.annexes` reads: the year's columns of a *Rencana Aksi* or *Evaluasi Berkala*
  beside its quarters, the report year's target of a *Matrik Renstra*);
* a program's allocation, realisation and absorption, in the tables of the final budget (after the
  *perubahan*: tables with a realisation column, tables captioned or headed *perubahan*, tables whose
  total is the agency's final total) and in the narrative's budget sentences — the original
  (*murni*) budget is another budget, not another printing;
* the agency's total budget and total realisation (JUMLAH rows, the narrative, the budget).

Printings that agree at the coarser printed precision are one value. When they do not, the value
that is right is, in order: the one that makes a table add up to its agreed JUMLAH, the one most
places print; the others are findings naming both places. A value that is another program's value
in the same table (a row shifted against its name) is a ``warning``; so is a tie, and a printing
read from a ragged Renstra matrix (its value rests on that reading).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator

import regex

from ..model import Figure, Finding, FindingPart, Provenance
from ..names import fold_label, program_key, same_program
from ..numbers import parse_figure
from ..patterns import load
from ..printings import A_DIGIT, PrintedTable
from . import Context, budget_subject, compiled, grade, part, places_of, rule_word, subject_label
from .absorption import is_amount, line_amounts, prose_budget_lines
from .achievement import FIELDS, match_indicator, printed_measurements, row_parts
from .annexes import annex_measurements
from .precision import fmt, judge, named, printed
from .render import place
from ..yardsticks import language

BUDGET_FIELDS = ("allocation", "budget_realization", "absorption")
FIELD_NAMES = {"budget_realization": "realization"}  # a budget column's field as findings name it
LETTERS = regex.compile(r"\p{L}+")


@dataclass
class Place:
    """One printing of a figure: the figure, where it stands, and its table (None for prose)."""

    figure: Figure
    provenance: Provenance
    table: PrintedTable | None = None
    neighbours: tuple = ()  # the same figure of the other programs of its table (programs only)
    reading: str | None = None  # how the figure was read when that may be wrong (an annex matrix read from its cells)


def agree(a: Figure, b: Figure) -> bool:
    """Given two printings, say whether they are one value at the coarser printed precision.

    >>> agree(parse_figure("29.2", "."), parse_figure("29,2")), agree(parse_figure("97,15%"), parse_figure("97 %"))
    (True, True)
    >>> agree(parse_figure("8.518.918.015"), parse_figure("8.518.981.015"))
    False
    """
    if a.value == b.value:
        return True
    coarse, fine = sorted((a, b), key=lambda f: f.decimals or 0)
    return (coarse.decimals or 0) < (fine.decimals or 0) and judge(coarse, fine.value).consistent


def clusters(places: list[Place]) -> list[list[Place]]:
    """Given printings, group those that agree (each joins the first group whose first member it agrees with)."""
    groups: list[list[Place]] = []
    for place in places:
        home = next((g for g in groups if agree(g[0].figure, place.figure)), None)
        if home is None:
            groups.append([place])
        else:
            home.append(place)
    return groups


def _where(printing: Place) -> str:
    return place(printing.provenance)


@dataclass
class Verdict:
    """Which printings are right (``chosen``), on what ``basis``, and whether it is a tie."""

    groups: list[list[Place]]
    chosen: list[Place]
    basis: str
    tie: bool


def choose(places: list[Place], right: Decimal | None = None, basis: str = "") -> Verdict | None:
    """Given the printings of one figure, return the verdict when they disagree (None when they agree).

    ``right`` (with the ``basis`` that proves it) overrides the majority.
    """
    groups = sorted(clusters(places), key=len, reverse=True)
    if len(groups) < 2:
        return None
    chosen = next((g for g in groups if right is not None and any(p.figure.value == right for p in g)), None)
    if chosen is not None:
        return Verdict(groups, chosen, basis, False)
    tie = len(groups[0]) == len(groups[1])
    return Verdict(groups, groups[0], "" if tie else f"printed so in {len(groups[0])} of {len(places)} places", tie)


def findings_of(verdict: Verdict | None, subject: str, label: str, shifted=lambda place: False,
                about: dict | None = None, ctx: Context | None = None) -> Iterator[Finding]:
    """Given a verdict, yield a finding for each printing outside the chosen group.

    ``about``: the subject fields of the findings (subject_kind, subject_id, field, year).
    """
    if verdict is None:
        return
    chosen = verdict.chosen
    others = len(chosen) - 1
    places = _where(chosen[0]) + (f" and {others} other place{'s' if others > 1 else ''}" if others else "")
    for group in verdict.groups:
        for place in [] if group is chosen else group:
            moved = shifted(place)
            printings = [p for g in [chosen, *(g for g in verdict.groups if g is not chosen)] for p in g if p is not place]
            involved = places_of(place.provenance, *(p.provenance for p in printings))
            severity, basis, why = grade(ctx, [place.figure, chosen[0].figure], [place.provenance, chosen[0].provenance],
                                         "which printing is right: as many places print each value" if verdict.tie else None)
            if moved and basis == "arithmetic":
                severity, basis = "warning", "reading"
            if place.reading is not None:
                severity, basis = "warning", "reading"
                why += f"; the first is {place.reading} (depends on that reading)"
            yield Finding(
                code="cross_table_mismatch", severity=severity, basis=basis, **(about or {}),
                subject=subject, stated=printed(place.figure), expected=f"{printed(chosen[0].figure)} ({places})",
                stated_value=place.figure.value, expected_value=chosen[0].figure.value,
                formula="the value most printings (or the table that adds up) give",
                parts=[part(_where(p), p.figure, p.provenance) for p in printings], places=involved,
                provenance=place.provenance,
                message=(f"The {label} is printed {printed(place.figure)} in {_where(place)} but "
                         f"{printed(chosen[0].figure)} in {places}"
                         + (f" ({verdict.basis})" if verdict.basis else " (as many places print each value)")
                         + ("; it is another program's figure, the row may be shifted against its name "
                            "(depends on reading the row against its name)" if moved else "")
                         + why + "."))


def judge_places(subject: str, label: str, places: list[Place], about: dict | None = None,
                 ctx: Context | None = None) -> Iterator[Finding]:
    """Given the printings of one figure, yield a finding for each that disagrees with the majority."""
    yield from findings_of(choose(places), subject, label, about=about, ctx=ctx)


# ---------------------------------------------------------------- indicators


def indicator_findings(ctx: Context) -> Iterator[Finding]:
    """Targets, realisasi and capaian of one indicator and year printed differently, in the body and in the
    annex matrices (:mod:`extractor.verify.annexes`)."""
    grouped = defaultdict(list)
    body = [p for p in printed_measurements(ctx) if _prints_measurement(p.table)]
    for printing in [*body, *annex_measurements(ctx)]:
        if printing.indicator is not None:
            grouped[(printing.indicator.id, printing.year)].append(printing)
    for (key, year), printings in grouped.items():
        name = named(printings[0].indicator.name)
        for field in FIELDS:
            places = [Place(p.figures[field], p.provenance, p.table, reading=p.reading) for p in printings
                      if p.figures.get(field) is not None and p.figures[field].value is not None]
            about = {"subject_kind": "indicator", "subject_id": printings[0].indicator.id, "field": field, "year": year}
            yield from judge_places(f"{name}, {subject_label(field)} {year}", f"{subject_label(field)} {year} of {name}",
                                    places, about, ctx)


def _prints_measurement(table: PrintedTable) -> bool:
    """A table that prints a target or realisasi beside its capaian, or an efficiency table."""
    fields = table.fields()
    return table.kind == "efficiency" or bool(fields & {"target", "realization"})


# ---------------------------------------------------------------- programs


def program_rows(ctx: Context, table: PrintedTable) -> list[tuple[str, dict, Provenance]]:
    """Given a table, return (program name, {field: figure}, place) for each program row with an amount
    (found once per table)."""
    return ctx.once(("program_rows", id(table)), lambda: list(_program_rows(ctx, table)))


def _program_rows(ctx: Context, table: PrintedTable) -> Iterator[tuple[str, dict, Provenance]]:
    cols = {key: table.column(key) for key in BUDGET_FIELDS}
    for row in table.rows:
        name = row.program
        if not name or row.is_total:
            continue
        where = row.provenance
        if cols["allocation"] is None:
            amounts = [f for i, cell in enumerate(row.cells) if A_DIGIT.search(cell)  # a cell of words reads none
                       for f in table.figures_of(row, i) if is_amount(f)]
            if len(amounts) == 1:
                yield name, {"allocation": amounts[0]}, where
            continue
        parts = row_parts(table, row, cols)
        if len(parts) == 1 and parts[0]["allocation"] is None:
            amounts = [f for f in table.figures_of(row, cols["allocation"].index) if is_amount(f)]
            parts[0]["allocation"] = amounts[0] if amounts else None  # a program with its kegiatan listed
        names = rule_word("program_dash").split(name)
        names = [n for n in names if n.strip()] if len(parts) > 1 else [name]
        if len(names) != len(parts):
            continue
        for part_name, figures in zip(names, parts):
            if figures.get("allocation") is not None:
                yield part_name.strip(" -"), figures, where


def final_tables(ctx: Context) -> list[PrintedTable]:
    """The tables of the final budget: with a realisation column, headed *perubahan*, or adding up to
    (near) the agency's final total."""
    total = ctx.report.budget.total_allocation
    share = Decimal(str(language()["same_budget_share"]))
    out = []
    for table in ctx.tables:
        words = fold_label(" ".join([table.caption or "", *(c.label or "" for c in table.columns)]))
        if compiled(load("budget")["budget_versions"]["original"]).search(words):
            continue
        if table.column("budget_realization") is not None or compiled(load("budget")["budget_versions"]["revised"]).search(words):
            out.append(table)
            continue
        amounts = [figures["allocation"].value for _, figures, _ in program_rows(ctx, table)]
        stated = _table_total(table)
        value = stated.value if stated is not None else sum(amounts, Decimal(0))
        if amounts and total is not None and total.value and abs(value - total.value) <= share * total.value:
            out.append(table)
    return out


def _table_total(table: PrintedTable, field: str = "allocation") -> Figure | None:
    """The amount of a table's JUMLAH row in a column (the allocation column, else the row's first amount)."""
    col = table.column(field)
    for row in table.rows:
        if row.is_total:
            cells = [col.index] if col is not None and col.index < len(row.cells) else range(len(row.cells))
            amounts = [f for i in cells for f in table.figures_of(row, i) if is_amount(f)]
            if amounts:
                return amounts[0]
    return None


def program_groups(ctx: Context, tables: list[PrintedTable]) -> list[list[tuple]]:
    """The printings of each program: (name, figures, place, table, the table's other rows' figures).

    A table that prints one program twice with different amounts lists sub-budgets (by sasaran),
    not programs, and is left out; printed twice with the same amounts, it counts once.
    """
    groups: list[list[tuple]] = []
    for table in tables:
        rows = list(program_rows(ctx, table))
        amounts = defaultdict(set)
        for name, figures, _ in rows:
            amounts[program_key(name)].add(figures["allocation"].value)
        if any(len(values) > 1 for values in amounts.values()):
            continue
        seen = set()
        for name, figures, where in rows:
            if program_key(name) in seen:
                continue
            seen.add(program_key(name))
            others = [f for n, f, _ in rows if program_key(n) != program_key(name)]
            home = next((g for g in groups if same_program(g[0][0], name) and all(m[3] is not table for m in g)), None)
            if home is None:
                groups.append(home := [])
            home.append((name, figures, where, table, others))
    for item in prose_budget_lines(ctx):
        home = next((g for g in groups if same_program(g[0][0], item.subject)), None)
        if home is not None and compiled(language()["program_cell"], regex.I).match(item.subject):
            figures = {"allocation": item.allocation, "budget_realization": item.realization, "absorption": item.absorption}
            home.append((item.subject, figures, item.provenance, None, []))
    return groups


def program_findings(ctx: Context, tables: list[PrintedTable], totals: dict) -> Iterator[Finding]:
    """Allocation, realisation and absorption of one program printed differently."""
    groups = program_groups(ctx, tables)
    verdicts = {}
    for k, group in enumerate(groups):
        for field in BUDGET_FIELDS:
            places = [Place(m[1][field], m[2], m[3]) for m in group
                      if m[1].get(field) is not None and m[1][field].value is not None]
            verdicts[(k, field)] = (places, choose(places, *_sum_evidence(group, field, totals.get(field))))
    for (k, field), (places, verdict) in verdicts.items():
        if verdict is None:
            continue
        name = _display_name([m[0] for m in groups[k]])
        elsewhere = [_value_of(v) for (j, f), (_, v) in verdicts.items() if f == field and j != k]
        elsewhere += [p[0].figure for (j, f), (p, v) in verdicts.items() if f == field and j != k and v is None and p]
        shifted = lambda place: any(agree(place.figure, other) for other in elsewhere if other is not None)  # noqa: E731
        kind, key = next((found for m in groups[k] if (found := budget_subject(ctx, m[2], m[0]))[0] is not None),
                         ("table_row", None))
        about = {"subject_kind": kind, "subject_id": key, "field": FIELD_NAMES.get(field, field),
                 "year": ctx.report.report_year}
        yield from findings_of(verdict, f"{name}, {subject_label(field)}", f"{subject_label(field)} of {name}", shifted,
                               about, ctx)


def _display_name(names: list[str]) -> str:
    """The fullest spelling of a program's name, preferring one not printed in capitals."""
    mixed = [n for n in names if not n.isupper()] or [n.title() for n in names]
    return named(rule_word("program_colon").sub("", max(mixed, key=len)))


def _value_of(verdict: Verdict | None) -> Figure | None:
    return verdict.chosen[0].figure if verdict is not None and not verdict.tie else None


def _sum_evidence(group: list[tuple], field: str, total: Figure | None) -> tuple[Decimal | None, str]:
    """The program's value that makes a table add up to the agreed total, with the table that proves it."""
    if total is None or field == "absorption":
        return None, ""
    for _, _, _, table, others in group:
        stated = _table_total(table, field) if table is not None else None
        if stated is None or stated.value != total.value or any(o.get(field) is None for o in others):
            continue
        value = stated.value - sum((o[field].value for o in others), Decimal(0))
        if any(m[1].get(field) is not None and m[1][field].value == value for m in group):
            return value, f"{fmt(value)} makes {table.caption_text} add up to its JUMLAH {fmt(stated.value)}"
    return None, ""


# ---------------------------------------------------------------- indicators' absorption


def absorption_findings(ctx: Context) -> Iterator[Finding]:
    """An indicator's absorption printed differently in a performance-and-budget and an efficiency
    table, where the odd value is another row's absorption (copied from the wrong row). Other
    differences are left alone: reports compute absorption per indicator on different bases."""
    places = defaultdict(list)
    every = []
    for table in ctx.tables:
        cols = {key: table.column(key) for key in ("indicator", "absorption")}
        if table.kind not in ("performance_budget", "efficiency") or None in cols.values():
            continue
        for row in table.rows:
            figure = table.figure(row, cols["absorption"])
            if figure is None or figure.value is None:
                continue
            every.append(figure)
            indicator, _ = match_indicator(" ".join(row.cells[cols["indicator"].index].split()), ctx.report.indicators)
            if indicator is not None:
                places[indicator.id].append(Place(figure, row.provenance, table))
    names = {i.id: named(i.name) for i in ctx.report.indicators}
    for key, group in places.items():
        verdict = choose(group)
        if verdict is None or verdict.tie:
            continue
        odd = [p for g in verdict.groups if g is not verdict.chosen for p in g]
        if all(any(other is not p.figure and agree(p.figure, other) for other in every if other.value != verdict.chosen[0].figure.value) for p in odd):
            about = {"subject_kind": "indicator", "subject_id": key, "field": "absorption", "year": ctx.report.report_year}
            yield from findings_of(verdict, f"{names[key]}, {subject_label('absorption_beside')}",
                                   f"absorption beside {names[key]}", about=about, ctx=ctx)


# ---------------------------------------------------------------- totals


@lru_cache(maxsize=1)
def _total_patterns() -> dict:
    data = load("budget")
    return {key: [regex.compile(p, regex.I) for p in data[key]] for key in ("total_allocation", "total_realization")}


def total_places(ctx: Context, tables: list[PrintedTable], field: str) -> list[Place]:
    """Every printing of the agency's total budget (or realisation): JUMLAH rows, sentences, budget."""
    key = "total_allocation" if field == "allocation" else "total_realization"
    reference = getattr(ctx.report.budget, key)
    if reference is None or not reference.value:
        return []
    places = []
    for table in tables:
        stated = _table_total(table, field) if table.column(field) is not None or field == "allocation" else None
        if stated is not None:
            places.append(Place(stated, _total_row(table).provenance))
    for line in _amount_lines(ctx):
        for pattern in _total_patterns()[key]:
            for m in pattern.finditer(line.text):
                figure = parse_figure(m["amount"])
                if figure is not None and figure.value is not None:
                    places.append(Place(figure, Provenance(file=ctx.report.source.path, line=line.number,
                                                           page=line.page, row=m[0][:160])))
    share = Decimal(str(language()["same_budget_share"]))
    near = [p for p in places if abs(p.figure.value - reference.value) <= share * reference.value]
    unique = {(p.provenance.line, p.figure.value): p for p in near}
    return sorted(unique.values(), key=lambda p: p.provenance.line or 0)


def _amount_lines(ctx: Context) -> list:
    """The lines of prose that print an amount (:func:`~.absorption.is_amount`; a total is one), found once."""
    return ctx.once("amount_lines", lambda: [line for line, found in zip(ctx.document.lines, line_amounts(ctx))
                                             if found and any(amount for *_, amount in found)])  # no row, no blank


def _total_row(table: PrintedTable):
    return next(row for row in table.rows if row.is_total)


def agreed(places: list[Place]) -> Figure | None:
    """The value most printings agree on, if it has a strict majority of the groups."""
    groups = sorted(clusters(places), key=len, reverse=True)
    if not groups or len(groups) > 1 and len(groups[0]) == len(groups[1]):
        return None
    return groups[0][0].figure


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield a finding for each figure printed differently in two places."""
    yield from indicator_findings(ctx)
    tables = final_tables(ctx)
    totals = {}
    for field, subject in (("allocation", "Jumlah anggaran"), ("budget_realization", "Jumlah realisasi anggaran")):
        places = total_places(ctx, tables, field)
        totals[field] = agreed(places)
        about = {"subject_kind": "budget", "subject_id": "budget", "field": FIELD_NAMES.get(field, field),
                 "year": ctx.report.report_year}
        yield from judge_places(subject, subject.lower() + " (the agency's total)", places, about, ctx)
    yield from program_findings(ctx, tables, totals)
    yield from absorption_findings(ctx)
