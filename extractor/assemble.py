"""Map parsed tables into the domain model: indicators with measurements, programs, budget.

Given the classified :class:`~extractor.tables.ParsedTable` list, build the report's
:class:`~extractor.model.Table` records, its indicators (the report-year measurement table in the
body is the primary source; every other table that prints the same indicator is kept as evidence),
its programs (budget rows, linked across tables) and its budget totals (tables first, prose after).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

import regex

from .model import Activity, Budget, Figure, Goal, Indicator, Measurement, Objective, Program, Provenance, Table
from .names import LINK_SCORE, fold_label, link_scores, same_name, same_program
from .numbers import parse_figure
from .patterns import load
from .printings import (A_WORD, BUDGET_KINDS, LIST_MARK, MEASUREMENT_FIELDS, MEASUREMENT_KINDS, PrintedRow, PrintedTable, clean_name, row_labels,
                        split_goal_objective)
from .prose import FULL_STOP
from .read.base import Line
from .tables import ParsedTable, row_words
from .yardsticks import Yardsticks

BUDGET_FIELD_IN_BUDGET_TABLE = {"realization": "budget_realization", "achievement": "absorption"}


@lru_cache(maxsize=1)
def _prose_patterns() -> dict[str, list[regex.Pattern]]:
    """The budget statements of ``patterns/budget.yaml`` that prose makes, compiled."""
    data = load("budget")
    return {k: [regex.compile(p, regex.I) for p in data[k]]
            for k in ("total_allocation", "total_realization", "operating_expenditure", "capital_expenditure")}


def adjust_budget_columns(table: ParsedTable) -> None:
    """In a budget table, *realisasi* and *capaian/%* are rupiah realisation and absorption."""
    if table.kind in ("objectives_budget", "program_budget"):
        for col in table.columns:
            if col.field in BUDGET_FIELD_IN_BUDGET_TABLE:
                col.field = BUDGET_FIELD_IN_BUDGET_TABLE[col.field]


def to_table_record(table: PrintedTable) -> Table:
    """Given a printed table, return its :class:`Table` record (cells with the figures read from them).

    The cells go in as plain data and are validated with the table, at once (a report has thousands)."""
    figured = [(col, col.field not in (None, "number")) for col in table.columns]
    rows = [[{"text": (text := row.text(col)), "figure": row.figures.get(col.index) if holds_figures and text else None}
             for col, holds_figures in figured] for row in table.rows]
    return Table(id=table.id, caption=table.caption, kind=table.kind, header=table.header,
                 columns=[c.key for c in table.columns], rows=rows, provenance=table.provenance)


# ---------------------------------------------------------------- indicators


@dataclass
class IndicatorRow:
    """An indicator row of one table: its name, goal and objective, unit and measurements by year."""

    name: str
    objective: str | None
    goal: str | None
    unit: str | None
    measurements: dict[int, Measurement]
    table: PrintedTable
    row: PrintedRow | None = None
    level: str = "agency"  # agency (IKU of a sasaran/tujuan), program or activity


def indicator_rows(table: PrintedTable) -> list[IndicatorRow]:
    """Given a printed table with an indicator column, return one record per indicator row with figures."""
    unit_col = table.column("unit")
    out = []
    for row in table.indicator_rows():
        measurements = {}
        for year in table.years():
            cols = table.measurement_columns(year) or table.lone_value_columns(year)
            target, realization, achievement = (table.figure(row, cols[f]) for f in MEASUREMENT_FIELDS)
            if target or realization or achievement:  # a year the row prints no figure of is no measurement
                measurements[year] = Measurement(year=year, target=target, realization=realization,
                                                 achievement=achievement, predicate=row.predicate(year),
                                                 provenance=row.provenance)
        out.append(IndicatorRow(row.indicator_name, row.objective, row.goal, row.text(unit_col).strip() or None,
                                measurements, table, row, row.indicator_level))
    return out


def _continues_primary(table: PrintedTable, primary: PrintedTable, report_year: int | None) -> bool:
    """A measurement table of the report year in the same chapter as the primary one (a table per sasaran)."""
    chapter = table.section.chapter if table.section else None
    primary_chapter = primary.section.chapter if primary.section else None
    if table.kind != "performance_measurement" or chapter is None or chapter != primary_chapter:
        return False
    return report_year in table.years() and table.column_for("target", report_year) is not None


def _table_rank(table: PrintedTable, report_year: int | None, recs: list[IndicatorRow]) -> tuple:
    """Which measurement table is primary: one with agency indicator rows (of its indicator rows ``recs``)
    whose columns hold the report year's target, realisasi and capaian, in the body; then by kind
    (caption), then the most measures."""
    section = table.section
    in_body = section is not None and section.chapter in ("III", "3")
    kind_rank = {"performance_measurement": 0, "year_comparison": 1, "performance_budget": 2}.get(table.kind, 5)
    holds = sum(table.column_for(f, report_year) is not None for f in MEASUREMENT_FIELDS)
    measures = sum(1 for c in table.columns if c.field in ("target", "realization", "achievement", "predicate"))
    return (not any(rec.level == "agency" for rec in recs), holds < len(MEASUREMENT_FIELDS), not in_body, kind_rank,
            report_year not in table.years(), -measures, table.line)


def link_rows(recs: list[IndicatorRow], indicators: list[Indicator]) -> list[tuple[IndicatorRow, Indicator]]:
    """Pair one table's rows with indicators, one to one, best pairs first.

    A table prints an indicator once; pairing one to one keeps a row whose name was cut by a wrap
    ("Terlaksananya Kerjasama Daerah") from landing on a neighbour that a better row already holds.
    """
    # the pairs alike enough, best first (then by row and indicator): only those can be taken
    scored = sorted((-score, r, i) for r, i, score in link_scores([rec.name for rec in recs], indicators, LINK_SCORE))
    taken_rows, taken_indicators, pairs = set(), set(), []
    for _, r, i in scored:
        if r in taken_rows or i in taken_indicators:
            continue
        taken_rows.add(r)
        taken_indicators.add(i)
        pairs.append((r, i))
    return [(recs[r], indicators[i]) for r, i in sorted(pairs)]  # in the table's order (each row is paired once)


def build_indicators(tables: list[PrintedTable], report_year: int | None, yardsticks: Yardsticks) -> tuple[list[Indicator], list[Goal], list[Objective]]:
    """Link the indicator rows of every table into indicators; the primary table's figures win.

    The agency's indicators (IKU of its sasaran and tujuan) come from the primary measurement table and
    are linked across tables; a program's or kegiatan's indicators (the "Program : …" rows of a
    performance-and-budget table) are kept after them, apart, with their ``level``.
    """
    candidates = [t for t in tables if t.kind in MEASUREMENT_KINDS and t.column("indicator") is not None]
    read = {id(t): indicator_rows(t) for t in candidates}  # each table's indicator rows, read once
    candidates.sort(key=lambda t: _table_rank(t, report_year, read[id(t)]))
    if not candidates:
        return [], [], []
    primary = candidates[0]
    indicators: list[Indicator] = []
    goals: dict[str, Goal] = {}
    objectives: dict[str, Objective] = {}
    for rec in agency_rows(primary, read[id(primary)]):
        indicator = Indicator(id=f"i{len(indicators) + 1}", name=rec.name, unit=rec.unit)
        indicator.objective_id = _objective_id(rec, goals, objectives)
        indicators.append(indicator)
        _merge_measurements(indicator, rec, new_years=True)
    others = [(table, agency_rows(table, read[id(table)])) for table in candidates[1:]]
    for _, recs in others:  # first learn every spelling, so that a row cut by a wrap still finds its indicator
        for rec, target in link_rows(recs, indicators):
            if rec.name != target.name and rec.name not in target.aliases:
                target.aliases.append(rec.name)
    for table, recs in others:
        # another table's rows are evidence of the primary table's indicators; only a measurement table
        # of the same part of the report (one table per sasaran) brings indicators of its own
        may_add_years = table.kind in ("performance_measurement", "year_comparison")
        linked = link_rows(recs, indicators)
        if _continues_primary(table, primary, report_year):
            known = {id(rec) for rec, _ in linked}
            for rec in recs:
                if id(rec) not in known:
                    indicator = Indicator(id=f"i{len(indicators) + 1}", name=rec.name, unit=rec.unit)
                    indicator.objective_id = _objective_id(rec, goals, objectives)
                    indicators.append(indicator)
                    _merge_measurements(indicator, rec, new_years=True)
        for rec, target in linked:
            if target.objective_id is None and rec.objective:
                target.objective_id = _objective_id(rec, goals, objectives)
            elif target.objective_id and rec.goal and rec.objective:  # the row itself links them
                _link_goal(target.objective_id, rec, goals, objectives)
            if target.unit is None and rec.unit:
                target.unit = rec.unit
            if table.kind == "renstra_targets":
                _drop_plan_targets(rec)
            _merge_measurements(target, rec, new_years=may_add_years and all(
                y <= (report_year or y) for y in rec.measurements))
    indicators += program_indicators(candidates, report_year, len(indicators), [read[id(t)] for t in candidates])
    for ind in indicators:
        ind.measurements.sort(key=lambda m: -(m.year or 0))
        if yardsticks.lower_is_better(ind.name):
            ind.polarity = "lower_is_better"
    return indicators, list(goals.values()), list(objectives.values())


def agency_rows(table: PrintedTable, recs: list[IndicatorRow] | None = None) -> list[IndicatorRow]:
    """The rows of a table that print the agency's own indicators (IKU of a sasaran or tujuan), of its
    indicator rows ``recs`` when they were read already."""
    return [rec for rec in (indicator_rows(table) if recs is None else recs) if rec.level == "agency"]


def program_indicators(tables: list[PrintedTable], report_year: int | None, start: int,
                       read: list[list[IndicatorRow]] | None = None) -> list[Indicator]:
    """The indicators of programs and kegiatan, each once (a program printed beside each of its sasaran
    prints its indicator again: evidence), numbered after the agency's ``start`` indicators (``read``: each
    table's indicator rows, when they were read already)."""
    out: list[Indicator] = []
    for table, recs in zip(tables, read if read is not None else map(indicator_rows, tables)):
        for rec in recs:
            if rec.level == "agency" or not _complete(rec):
                continue
            program = rec.row.program or rec.row.activity or _named_program(rec.row)
            name = LIST_MARK.sub("", rec.name)
            found = next((i for i in out if same_name(i.name, name)
                          and (i.program is None or program is None or same_program(i.program, program))), None)
            if found is None:
                found = Indicator(id=f"i{start + len(out) + 1}", name=name, level=rec.level, program=program,
                                  unit=rec.unit)
                out.append(found)
            found.program = found.program or program
            _merge_measurements(found, rec, new_years=all(report_year is None or y is None or y <= report_year
                                                          for y in rec.measurements))
    return out


def _complete(rec: IndicatorRow) -> bool:
    """A row named in words that prints a year's target, realisation and capaian (a program's indicator is
    kept only so: a wide table of kegiatan and their quarterly money is not read for one)."""
    return bool(A_WORD.search(rec.name)) and any(m.target and m.realization and m.achievement
                                                   for m in rec.measurements.values())


def _named_program(row: PrintedRow) -> str | None:
    """The program a row's sasaran cell names ("Program : X"), filled down from the row above or not."""
    for cell in row.cells:
        program = split_goal_objective(cell)[2] if cell.strip() else None
        if program or row_labels()["program_name"].match(cell):
            return program or clean_name(cell)
    return None


def _objective_id(rec: IndicatorRow, goals, objectives) -> str | None:
    goal_id = None
    if rec.goal:
        key = fold_label(rec.goal)
        if key not in goals:
            goals[key] = Goal(id=f"g{len(goals) + 1}", name=rec.goal, provenance=rec.row.provenance)
        goal_id = goals[key].id
    if not rec.objective:
        return None
    key = fold_label(rec.objective)
    found = next((o for k, o in objectives.items() if same_name(k, key)), None)
    if found is None:
        found = Objective(id=f"s{len(objectives) + 1}", name=rec.objective, goal_id=goal_id,
                          provenance=rec.row.provenance)
        objectives[key] = found
    return found.id


def _drop_plan_targets(rec: IndicatorRow) -> None:
    """A Renstra target is the five-year plan's, not the year's agreed target: not evidence of it."""
    for year, m in list(rec.measurements.items()):
        m.target = None
        if not (m.realization or m.achievement):
            del rec.measurements[year]


def _link_goal(objective_id: str, rec: IndicatorRow, goals, objectives) -> None:
    """Another table names the goal (*tujuan*) of an objective the primary table left unlinked."""
    objective = next(o for o in objectives.values() if o.id == objective_id)
    if objective.goal_id is None:
        key = fold_label(rec.goal)
        if key not in goals:
            goals[key] = Goal(id=f"g{len(goals) + 1}", name=rec.goal, provenance=rec.row.provenance)
        objective.goal_id = goals[key].id


def _merge_measurements(indicator: Indicator, rec: IndicatorRow, new_years: bool) -> None:
    """The first table to give a year holds it; later tables' figures are kept as its evidence."""
    for year, m in rec.measurements.items():
        current = next((x for x in indicator.measurements if x.year == year), None)
        if current is None:
            if new_years:
                indicator.measurements.append(m)
            continue
        current.evidence.append(m)


# ---------------------------------------------------------------- programs and budget


def program_rows(table: PrintedTable) -> list[Program]:
    """Given a budget table, return one :class:`Program` per program row with an allocation, its
    kegiatan (and their sub kegiatan) nested under it."""
    out = []
    objective_col = table.column("objective")
    source_col = table.column("funding_source")
    for row in table.program_rows():
        out.append(Program(
            name=row.program, objective=row.text(objective_col).strip() or None,
            allocation=table.figure(row, table.column("allocation")),
            original_allocation=table.figure(row, table.column("allocation_original")),
            realization=table.figure(row, table.column("budget_realization")),
            absorption=table.figure(row, table.column("absorption")),
            funding_source=row.text(source_col).strip() or None, provenance=row.provenance,
            activities=_activities(table, table.activity_rows(row))))
    return out


def _activities(table: PrintedTable, rows: list[PrintedRow]) -> list[Activity]:
    """Given the kegiatan and sub kegiatan rows under a program, return the kegiatan, each with its
    sub kegiatan (a sub kegiatan before any kegiatan is kept as a kegiatan of its own)."""
    out: list[Activity] = []
    for row in rows:
        activity = Activity(name=row.activity or row.label, level=row.level,
                            allocation=table.figure(row, table.column("allocation")),
                            realization=table.figure(row, table.column("budget_realization")),
                            absorption=table.figure(row, table.column("absorption")), provenance=row.provenance)
        if row.level == "sub_activity" and out:
            out[-1].activities.append(activity)
        else:
            out.append(activity)
    return out


def _budget_table_rank(table: PrintedTable, programs: list[Program]) -> tuple:
    in_body = table.section is not None and table.section.chapter is not None
    complete = sum(p.realization is not None for p in programs)
    return (not in_body, -complete, -len(programs), table.line)


def split_by_objective(programs: list[Program]) -> bool:
    """Say whether a table prints a program twice with different allocations: it lists the parts of
    programs' budgets by sasaran (priority programs per sasaran), not each program's whole budget."""
    for i, program in enumerate(programs):
        for other in programs[i + 1:]:
            if same_name(program.name, other.name) and _amount(program.allocation) != _amount(other.allocation):
                return True
    return False


def _amount(figure: Figure | None):
    return figure.value if figure is not None else None


def each_once(programs: list[Program]) -> list[Program]:
    """Given a table's programs, return each once (a program printed beside each of its sasaran with the
    same figures is one program); the later printings are its evidence."""
    out: list[Program] = []
    for program in programs:
        first = next((p for p in out if same_name(p.name, program.name)), None)
        if first is None:
            out.append(program)
        else:
            first.evidence.append(program)
    return out


def build_programs(tables: list[PrintedTable]) -> tuple[list[Program], list[Program]]:
    """Given the printed tables, return (programs, allocations by sasaran).

    The programs are the program budget: each program once with its whole allocation, from the most
    complete budget table of the body; other tables' rows are evidence. A table that gives a program
    several allocations (one per sasaran) is not a program budget: its rows are returned apart, as the
    parts of the budget each sasaran received.
    """
    found = [(t, program_rows(t)) for t in tables
             if t.kind in BUDGET_KINDS and t.column("allocation") is not None]
    found = [(t, rows) for t, rows in found if rows]
    split = [(t, rows) for t, rows in found if split_by_objective(rows)]
    found = [(t, each_once(rows)) for t, rows in found if not split_by_objective(rows)]
    by_objective = [p for _, rows in split for p in rows if p.objective]
    if not found:
        return [], by_objective
    found.sort(key=lambda tr: _budget_table_rank(*tr))
    programs = found[0][1]
    for table, rows in found[1:]:
        for other in rows:
            match = _match_program(other, programs)
            if match is None:
                continue
            match.evidence.append(other)
            for field_name in ("realization", "absorption", "funding_source"):
                if getattr(match, field_name) is None and getattr(other, field_name) is not None:
                    setattr(match, field_name, getattr(other, field_name))
            if not match.activities and other.activities:
                match.activities = other.activities
            if (match.original_allocation is None and not _revised(table)
                    and other.allocation and match.allocation and other.allocation.value != match.allocation.value
                    and table.kind == "program_budget"):
                match.original_allocation = other.allocation
    number_programs(programs)
    return programs, by_objective


def number_programs(programs: list[Program], prefix: str = "") -> None:
    """Given the programs in order, give each its id (``p1`` …), its kegiatan theirs (``p1.a2``) and their sub
    kegiatan theirs (``p1.a2.s1``), like the indicators' ``i1`` …; a program's other printings (its
    evidence) are the same program and keep its id.

    >>> from extractor.model import Provenance
    >>> where = Provenance(file="f")
    >>> p = Program(name="A", provenance=where, activities=[Activity(name="k", provenance=where,
    ...             activities=[Activity(name="s", level="sub_activity", provenance=where)])])
    >>> number_programs([p]); (p.id, p.activities[0].id, p.activities[0].activities[0].id)
    ('p1', 'p1.a1', 'p1.a1.s1')
    """
    for i, program in enumerate(programs, 1):
        program.id = f"{prefix}p{i}"
        for evidence in program.evidence:
            evidence.id = program.id
        for k, activity in enumerate(program.activities, 1):
            activity.id = f"{program.id}.a{k}"
            for j, sub in enumerate(activity.activities, 1):
                sub.id = f"{activity.id}.s{j}"


def attach_allocations(objectives: list[Objective], allocations: list[Program]) -> None:
    """Given the objectives and the allocations a table gives each sasaran, put each allocation on its
    sasaran (same name); a sasaran no indicator table names becomes an objective of its own."""
    for allocation in allocations:
        found = next((o for o in objectives if same_name(fold_label(o.name), fold_label(allocation.objective))), None)
        if found is None:
            found = Objective(id=f"s{len(objectives) + 1}", name=clean_name(allocation.objective),
                              provenance=allocation.provenance)
            objectives.append(found)
        found.allocations.append(allocation)
    for objective in objectives:
        number_programs(objective.allocations, prefix=f"{objective.id}.")


def _revised(table: PrintedTable) -> bool:
    """Say whether a budget table's caption calls it the revised budget (*perubahan*)."""
    return bool(_revised_caption().search(table.caption or ""))


@lru_cache(maxsize=1)
def _revised_caption() -> regex.Pattern:
    return regex.compile(load("budget")["budget_versions"]["revised"], regex.I)


def _match_program(other: Program, programs: list[Program]) -> Program | None:
    """The program printed again: same name and, when several share it, the same allocation; else the one
    program whose name words the other's all hold ("Program Penunjang Urusan Pemerintahan" printed in
    full as "… Pemerintahan Daerah Kabupaten/Kota")."""
    named = [p for p in programs if same_name(p.name, other.name)]
    if len(named) > 1:
        named = [p for p in named if p.allocation and other.allocation and p.allocation.value == other.allocation.value] or named[:0]
    if not named:
        named = [p for p in programs if same_program(p.name, other.name)]
    return named[0] if len(named) == 1 else None


def build_budget(tables: list[PrintedTable], lines: list[Line], sections, path: str) -> Budget:
    """Budget totals from statements in prose and JUMLAH / belanja operasi / belanja modal rows.

    The body (BAB I–IV) is read before the executive summary: where a budget was revised
    (*perubahan*), the body's financial accountability states the final figures.
    """
    budget = Budget()
    prose, labels = _prose_patterns(), row_labels()
    amounts = map(AN_AMOUNT.search, ["" if line.is_row else line.text for line in lines])  # (mapped: quicker)
    stating = [(section, line) for section, line, amount in zip(sections, lines, amounts) if amount]  # with an amount
    lines = [line for _, line in sorted(((_chapter_rank(s), line) for s, line in stating),
                                        key=lambda x: (x[0], x[1].number))]
    _budget_from_prose(budget, prose, lines, path, ("total_allocation", "total_realization"))
    kind_order = {"program_budget": 0, "objectives_budget": 1}
    ordered = sorted(tables, key=lambda t: (_chapter_rank(t.section), kind_order.get(t.kind, 2), t.line))
    for table in ordered:
        for row in table.rows:
            amounts = [f for _, f in sorted(row.figures.items())
                       if f is not None and f.value is not None and abs(f.value) >= 1000]
            if not amounts:
                continue
            first = fold_label(next((c for c in row.cells if c.strip()), ""))
            label = first if not ROW_NUMBER_ONLY.match(first) else fold_label(" ".join(c for c in row.cells[1:3]))
            prov = row.provenance
            if labels["total"].match(label) and table.kind in BUDGET_KINDS:
                _set(budget, "total_allocation", table.figure(row, table.column("allocation")) or amounts[0], prov)
                real = table.figure(row, table.column("budget_realization"))
                if real is not None:
                    _set(budget, "total_realization", real, prov)
                absorption = table.figure(row, table.column("absorption"))
                if absorption is not None:
                    _set(budget, "absorption", absorption, prov)
            elif labels["operating_expenditure"].search(label):
                _set(budget, "operating_expenditure", amounts[0], prov)
            elif labels["capital_expenditure"].search(label):
                _set(budget, "capital_expenditure", amounts[0], prov)
    _budget_from_prose(budget, prose, lines, path, ("operating_expenditure", "capital_expenditure"))
    return budget


def _chapter_rank(section) -> int:
    """Where budget statements are most authoritative: BAB III (accountability, with the final
    figures after any *perubahan*) first, then the rest of the body, then summary and front matter."""
    chapter = section.chapter if section is not None else None
    return 0 if chapter == "III" else 1 if chapter else 2


PART_OF_REALIZATION = {"operating_expenditure": "operating_realization", "capital_expenditure": "capital_realization"}


def _budget_from_prose(budget: Budget, prose, lines: list[Line], path: str, keys: tuple[str, ...]) -> None:
    """Totals stated in sentences ("didukung dengan anggaran sebesar Rp …"), first statement wins.

    Belanja operasi/modal named in a sentence about *realisasi* are the realisation's parts.
    """
    lines = [line for line in lines if not line.is_row]
    texts = [line.text for line in lines]
    stating: set[int] = set()  # the lines one of the statements is found in (each searched over all by mapping)
    for pattern in (pattern for key in keys for pattern in prose[key]):
        stating.update(compress(range(len(texts)), map(pattern.search, texts)))
    for line in (lines[i] for i in sorted(stating)):
        for key in keys:
            for pattern in prose[key]:
                for m in pattern.finditer(line.text):
                    fig = parse_figure(m["amount"])
                    if fig is None or fig.value is None or fig.value < 1000:
                        continue
                    sentence = FULL_STOP.split(line.text[: m.start()])[-1]
                    field_name = PART_OF_REALIZATION.get(key, key) if (
                        key in PART_OF_REALIZATION and row_words()["realized"].search(sentence + m[0])) else key
                    _set(budget, field_name, fig, Provenance(file=path, line=line.number, page=line.page,
                                                            row=line.text[max(0, m.start() - 60): m.end() + 20]))


# four digits at least: no amount under 1 000 is a budget total (a screen for the sentences worth reading)
AN_AMOUNT = regex.compile(r"\d(?:\D*+\d){3}")  # (the letters between digits never given back: quicker)
ROW_NUMBER_ONLY = regex.compile(r"^\(?([0-9]{1,3}|[a-z])[.)]?$")


def _set(budget: Budget, key: str, fig: Figure | None, prov: Provenance) -> None:
    """Keep the first figure found for a budget field (tables of the body come first)."""
    if fig is not None and getattr(budget, key) is None:
        setattr(budget, key, fig)
        budget.provenance[key] = prov
