"""Map parsed tables into the domain model: indicators with measurements, programs, budget.

Given the classified :class:`~extractor.tables.ParsedTable` list, build the report's
:class:`~extractor.model.Table` records, its indicators (the report-year measurement table in the
body is the primary source; every other table that prints the same indicator is kept as evidence),
its programs (budget rows, linked across tables) and its budget totals (tables first, prose after).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex
from rapidfuzz import fuzz

from .model import Budget, Cell, Figure, Goal, Indicator, Measurement, Objective, Program, Provenance, Table
from . import ocr_repair
from .numbers import decimal_mark_of_column, parse_figure
from .patterns import load
from .read.base import Line
from .tables import YEAR, ParsedTable, Row, fold_label, row_words

MEASUREMENT_KINDS = ("performance_measurement", "year_comparison", "performance_budget", "efficiency",
                     "performance_agreement", "renstra_targets", "national_comparison")
BUDGET_KINDS = ("objectives_budget", "performance_budget", "program_budget")
SAME_NAME = 88  # rapidfuzz token_sort_ratio from which two indicator/program names are one
BUDGET_FIELD_IN_BUDGET_TABLE = {"realization": "budget_realization", "achievement": "absorption"}


@lru_cache(maxsize=1)
def _budget_patterns():
    data = load("budget")
    prose = {k: [regex.compile(p, regex.I) for p in data[k]]
             for k in ("total_allocation", "total_realization", "operating_expenditure", "capital_expenditure")}
    labels = {k: regex.compile(p, regex.I) for k, p in data["row_labels"].items()}
    return prose, labels


@lru_cache(maxsize=1)
def _predicate_words() -> dict[str, str]:
    words = load("predicates")["words"]
    return {w: canon for canon, ws in words.items() for w in ws}


def provenance(path: str, table: ParsedTable | None, row: Row | None = None, line: Line | None = None) -> Provenance:
    """Where a record came from: file, line/page, caption, raw row text."""
    line = line or (row.line if row else None) or (table.block.rows[0] if table and table.block.rows else None)
    return Provenance(file=path, line=line.number if line else None, page=line.page if line else None,
                      table=table.block.caption_text if table else None, row=row.raw if row else None,
                      bbox=list(line.bbox) if line and line.bbox else None,
                      confidence=line.confidence if line else None)


def adjust_budget_columns(table: ParsedTable) -> None:
    """In a budget table, *realisasi* and *capaian/%* are rupiah realisation and absorption."""
    if table.kind in ("objectives_budget", "program_budget"):
        for col in table.columns:
            if col.field in BUDGET_FIELD_IN_BUDGET_TABLE:
                col.field = BUDGET_FIELD_IN_BUDGET_TABLE[col.field]


FOOTNOTE_MARK = regex.compile(r"^\S*\d[\d.,]{4,}\S*\s+[\d*)a-z]{1,2}$")
AMBIGUOUS_MARK = regex.compile(r"^\D*\d{1,3}[.,]\d{3}\D*$")


@lru_cache(maxsize=1)
def _units():
    data = load("units")
    scales = {w: int(power) for power, words in data["scale_abbreviations"].items() for w in words}
    units = {w: canon for canon, words in data["units"].items() for w in words}
    return scales, units, data["max_unit_words"]


FIGURE_THEN_WORDS = regex.compile(r"^(?P<figure>(?:Rp\.?\s*)?[-+]?\d[\d.,]*\s*%?)\s+(?P<words>\p{L}[\p{L}. /]*)$")


def figure_with_unit(text: str, decimal_mark: str | None = None) -> Figure | None:
    """Given a cell like ``"2 Dokumen"``, ``"8.397 jiwa"`` or ``"Rp 1,5 miliar"``, return its figure.

    >>> f = figure_with_unit("Rp 1,5 miliar"); (f.value, f.unit, f.raw)
    (Decimal('1500000000.0'), 'Rp', 'Rp 1,5 miliar')
    >>> f = figure_with_unit("2 Dokumen"); (f.value, f.unit)
    (Decimal('2'), 'dokumen')
    >>> figure_with_unit("2 Dokumen Perencanaan dan Anggaran Daerah") is None
    True
    """
    m = FIGURE_THEN_WORDS.match(text.strip())
    if not m:
        return None
    scales, units, max_words = _units()
    words = m["words"].lower().replace(".", " ").split()
    fig = parse_figure(m["figure"], decimal_mark)
    if fig is None or fig.value is None or not words or len(words) > max_words:
        return None
    if words[0] in scales:
        fig.value = fig.value * Decimal(10) ** scales[words.pop(0)]
    name = " ".join(words)
    unit = units.get(name, name or None)
    if fig.unit is None or unit == "Rp":
        fig.unit = unit
    fig.raw = text.strip()
    return fig


class FigureReader:
    """Parse a table's cells with the decimal mark decided per column from that column's evidence."""

    def __init__(self, table: ParsedTable):
        self.marks = {}
        self.table = table
        self.kinds = {}  # percent | rupiah | count | number, for the repair of OCR misreads
        self.groups = ocr_repair.column_groups([(c.index, c.field, c.year) for c in table.columns])
        self._settled: dict[int, dict] = {}
        self.assumptions: list[str] = []  # columns whose decimal mark had to be assumed
        for col in table.columns:
            cells = [r.cells[col.index] for r in table.rows if col.index < len(r.cells)]
            self.marks[col.index] = decimal_mark_of_column(cells)
            self.kinds[col.index] = ocr_repair.column_kind(col.field, cells)
            ambiguous = [c for c in cells if AMBIGUOUS_MARK.search(c)]
            if self.marks[col.index] is None and ambiguous and col.field not in (None, "number"):
                self.assumptions.append(
                    f"{table.block.caption_text}, column {col.label or col.index + 1!s}: {ambiguous[0]!r} could be "
                    "a thousands group or a decimal; nothing in the column decides, read as printed "
                    "Indonesian style ('.' thousands, ',' decimal; either mark is a decimal in a percentage)")

    def figure(self, row: Row, col) -> Figure | None:
        if col is None or col.index >= len(row.cells):
            return None
        if all(ln.confidence is None for ln in row.lines):
            return self._read(row, col)
        key = id(row)  # a scanned row: its figures settled together by the row's arithmetic
        if key not in self._settled:
            self._settled[key] = ocr_repair.settle_columns(
                {c.index: self._read(row, c) for c in self.table.columns}, self.groups, self.kinds, self.marks)
        fig = self._settled[key].get(col.index)
        return fig.model_copy() if fig is not None else None

    def _read(self, row: Row, col) -> Figure | None:
        text = row.cells[col.index].strip() if col.index < len(row.cells) else ""
        if not text:
            return None
        fig = parse_figure(text, self.marks.get(col.index))
        if fig is None and FOOTNOTE_MARK.match(text):  # "8.518.981.015 1": an amount and a stray mark
            fig = parse_figure(text.split()[0], self.marks.get(col.index))
        if fig is None:
            fig = figure_with_unit(text, self.marks.get(col.index))
        confidences = [ln.confidence for ln in row.lines if ln.confidence is not None]
        if confidences:  # a scanned row: keep its OCR confidence, repair what does not parse
            fig = ocr_repair.ocr_figure(fig, text, self.kinds.get(col.index, "number"),
                                        self.marks.get(col.index), min(confidences))
        return fig


def to_table_record(table: ParsedTable, index: int, path: str, reader: FigureReader) -> Table:
    rows = []
    for row in table.rows:
        cells = []
        for col in table.columns:
            text = row.cells[col.index] if col.index < len(row.cells) else ""
            fig = reader.figure(row, col) if col.field not in (None, "number") and text else None
            cells.append(Cell(text=text, figure=fig))
        rows.append(cells)
    return Table(id=f"t{index + 1}", caption=table.block.caption, kind=table.kind, header=table.header,
                 columns=[c.key for c in table.columns], rows=rows, provenance=provenance(path, table))


# ---------------------------------------------------------------- indicators


@dataclass
class IndicatorRow:
    name: str
    objective: str | None
    goal: str | None
    unit: str | None
    measurements: dict[int, Measurement]
    table: ParsedTable
    row: Row | None = None


def default_year(table: ParsedTable, report_year: int | None) -> int | None:
    """Year of the columns that print none: the caption's last year, else the report year."""
    years = YEAR.findall(table.block.caption or "")
    return int(years[-1]) if years else report_year


def _clean_name(text: str) -> str:
    _, labels = _budget_patterns()
    text = regex.sub(r"^\s*(?:[-•❖▪●*]+|\(?\d{1,2}[.)]|[a-z][.)])\s*", "", text)
    for key in ("goal_prefix", "objective_prefix", "program_prefix"):
        text = labels[key].sub("", text)
    return " ".join(text.split()).strip(" .;:")


def _split_goal_objective(text: str) -> tuple[str | None, str | None, str | None]:
    """``"Tujuan : A Sasaran : B"`` → (goal A, objective B, program None); ``"Program : P"`` → program."""
    m = row_words()["goal_objective_program"].match(text)
    if not m or not (m["goal"] or m["objective"] or m["program"]):
        return None, text or None, None
    clean = lambda s: _clean_name(s) or None if s else None  # noqa: E731
    return clean(m["goal"]), clean(m["objective"]), clean(m["program"])


def _row_predicate(table: ParsedTable, row: Row, year: int, default: int | None) -> str | None:
    col = table.column_for("predicate", year, default)
    if col is not None and col.index < len(row.cells) and row.cells[col.index].strip():
        text = fold_label(row.cells[col.index])
        return _predicate_words().get(text, row.cells[col.index].strip())
    marks = set(load("columns")["check_marks"])
    for col in table.columns:
        if col.field != "predicate_mark" or year != default or col.index >= len(row.cells):
            continue
        cell = row.cells[col.index].strip()
        if cell in marks:
            return col.predicate
        if fold_label(cell) in _predicate_words():  # the word itself written under a predicate column
            return _predicate_words()[fold_label(cell)]
    return None


def indicator_rows(table: ParsedTable, path: str, reader: FigureReader, report_year: int | None) -> list[IndicatorRow]:
    """Given a table with an indicator column, return one record per indicator row with figures."""
    name_col = table.column("indicator")
    if name_col is None:
        return []
    fallback_year = default_year(table, report_year)
    years = table.years() or [fallback_year]
    out = []
    current_goal = None
    for row in table.rows:
        goal, objective, is_program = _row_goal_objective(table, row)
        if goal and not objective:
            current_goal = goal  # a "Tujuan : …" row heads the "Sasaran : …" rows below it
        elif objective and not goal:
            goal = current_goal
        name = " ".join(row.cells[name_col.index].split()).rstrip(" .;:") if name_col.index < len(row.cells) else ""
        if not name or len(name) < 4:
            continue
        unit_col = table.column("unit")
        unit = row.cells[unit_col.index].strip() or None if unit_col and unit_col.index < len(row.cells) else None
        measurements = {}
        for year in years:
            cols = {f: table.column_for(f, year, fallback_year) for f in ("target", "realization", "achievement")}
            if _lone_capaian_is_value(table, cols):
                cols["realization"], cols["achievement"] = cols["achievement"], None
            m = Measurement(year=year, target=reader.figure(row, cols["target"]),
                            realization=reader.figure(row, cols["realization"]),
                            achievement=reader.figure(row, cols["achievement"]),
                            predicate=_row_predicate(table, row, year, fallback_year),
                            provenance=provenance(path, table, row))
            if m.target or m.realization or m.achievement:
                measurements[year] = m
        if measurements:
            out.append(IndicatorRow(name, objective, goal, unit, measurements, table, row))
    return out


def _row_goal_objective(table: ParsedTable, row: Row) -> tuple[str | None, str | None, bool]:
    """The goal (*tujuan*) and objective (*sasaran*) a row names, and whether it is a program row."""
    goal = objective = None
    for key in ("objective", "objective_and_program", "goal"):
        col = table.column(key)
        if col is None or col.index >= len(row.cells) or not row.cells[col.index].strip():
            continue
        g, s, p = _split_goal_objective(row.cells[col.index])
        if p and not (g or s):
            return None, None, True
        if key == "goal":
            goal = goal or _clean_name(row.cells[col.index])
        else:
            goal, objective = goal or g, objective or s
    return goal, objective, False


def _continues_primary(table: ParsedTable, primary: ParsedTable, report_year: int | None) -> bool:
    """A measurement table of the report year in the same chapter as the primary one (a table per sasaran)."""
    chapter = table.block.section.chapter if table.block.section else None
    primary_chapter = primary.block.section.chapter if primary.block.section else None
    if table.kind != "performance_measurement" or chapter is None or chapter != primary_chapter:
        return False
    year = default_year(table, report_year)
    return report_year in (table.years() or [year]) and table.column_for("target", report_year, year) is not None


def _lone_capaian_is_value(table: ParsedTable, cols: dict) -> bool:
    """A year printed only as "Capaian 2021" beside years with target and realisasi columns holds that
    year's value (*kondisi capaian*), not a percentage of a target the table does not print."""
    return (cols["achievement"] is not None and cols["target"] is None and cols["realization"] is None
            and any(c.field == "realization" for c in table.columns))


def _table_rank(table: ParsedTable, report_year: int | None) -> tuple:
    """Which measurement table is primary: a measurement table of the report year in the body first."""
    section = table.block.section
    in_body = section is not None and section.chapter in ("III", "3")
    kind_rank = {"performance_measurement": 0, "year_comparison": 1, "performance_budget": 2}.get(table.kind, 5)
    has_year = report_year in (table.years() or [default_year(table, report_year)])
    measures = sum(1 for c in table.columns if c.field in ("target", "realization", "achievement", "predicate"))
    return (kind_rank, not in_body, not has_year, -measures, table.block.line)


def same_name(a: str, b: str) -> bool:
    """Two printings of one name (case, punctuation, a word more or less).

    >>> same_name("Jumlah Kerjasama dengan Institusi/ Lembaga Pendidikan", "Jumlah Kerjasama Daerah dengan Institusi/Lembaga Pendidikan")
    True
    >>> same_name("Terlaksananya Kerjasama antar Daerah", "Terlaksananya Kerjasama Daerah dengan Pihak Ketiga")
    False
    """
    return _similarity(a, b) >= SAME_NAME


NON_WORD = regex.compile(r"[^\w ]+")


@lru_cache(maxsize=4096)
def _comparable(name: str) -> str:
    return NON_WORD.sub(" ", fold_label(name))


def _similarity(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(_comparable(a), _comparable(b))


LINK_SCORE = 85  # mean of token-sort and token-set similarity from which a row names an indicator


def _link_score(name: str, indicator: Indicator) -> float:
    """How surely a row's name is this indicator: token order and wrapped repeats forgiven."""
    a = _comparable(name)
    return max((fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2
               for b in map(_comparable, [indicator.name, *indicator.aliases]))


def link_rows(recs: list[IndicatorRow], indicators: list[Indicator]) -> list[tuple[IndicatorRow, Indicator]]:
    """Pair one table's rows with indicators, one to one, best pairs first.

    A table prints an indicator once; pairing one to one keeps a row whose name was cut by a wrap
    ("Terlaksananya Kerjasama Daerah") from landing on a neighbour that a better row already holds.
    """
    scored = sorted(((_link_score(rec.name, ind), r, i) for r, rec in enumerate(recs)
                     for i, ind in enumerate(indicators)), key=lambda x: (-x[0], x[1], x[2]))
    taken_rows, taken_indicators, pairs = set(), set(), []
    for score, r, i in scored:
        if score < LINK_SCORE:
            break
        if r in taken_rows or i in taken_indicators:
            continue
        taken_rows.add(r)
        taken_indicators.add(i)
        pairs.append((recs[r], indicators[i]))
    return sorted(pairs, key=lambda p: recs.index(p[0]))


def build_indicators(tables: list[ParsedTable], readers: dict[int, FigureReader], path: str,
                     report_year: int | None) -> tuple[list[Indicator], list[Goal], list[Objective]]:
    """Link the indicator rows of every table into indicators; the primary table's figures win."""
    candidates = [t for t in tables if t.kind in MEASUREMENT_KINDS and t.column("indicator") is not None]
    candidates.sort(key=lambda t: _table_rank(t, report_year))
    if not candidates:
        return [], [], []
    primary = candidates[0]
    indicators: list[Indicator] = []
    goals: dict[str, Goal] = {}
    objectives: dict[str, Objective] = {}
    for rec in indicator_rows(primary, path, readers[id(primary)], report_year):
        indicator = Indicator(id=f"i{len(indicators) + 1}", name=rec.name, unit=rec.unit)
        indicator.objective_id = _objective_id(rec, goals, objectives, path, primary)
        indicators.append(indicator)
        _merge_measurements(indicator, rec, new_years=True)
    others = [(table, indicator_rows(table, path, readers[id(table)], report_year)) for table in candidates[1:]]
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
                    indicator.objective_id = _objective_id(rec, goals, objectives, path, table)
                    indicators.append(indicator)
                    _merge_measurements(indicator, rec, new_years=True)
        for rec, target in linked:
            if target.objective_id is None and rec.objective:
                target.objective_id = _objective_id(rec, goals, objectives, path, table)
            elif target.objective_id and rec.goal and rec.objective:  # the row itself links them
                _link_goal(target.objective_id, rec, goals, objectives, path, table)
            if target.unit is None and rec.unit:
                target.unit = rec.unit
            if table.kind == "renstra_targets":
                _drop_plan_targets(rec)
            _merge_measurements(target, rec, new_years=may_add_years and all(
                y <= (report_year or y) for y in rec.measurements))
    for ind in indicators:
        ind.measurements.sort(key=lambda m: -(m.year or 0))
    return indicators, list(goals.values()), list(objectives.values())


def _objective_id(rec: IndicatorRow, goals, objectives, path, table) -> str | None:
    goal_id = None
    if rec.goal:
        key = fold_label(rec.goal)
        if key not in goals:
            goals[key] = Goal(id=f"g{len(goals) + 1}", name=rec.goal, provenance=provenance(path, table, rec.row))
        goal_id = goals[key].id
    if not rec.objective:
        return None
    key = fold_label(rec.objective)
    found = next((o for k, o in objectives.items() if same_name(k, key)), None)
    if found is None:
        found = Objective(id=f"s{len(objectives) + 1}", name=rec.objective, goal_id=goal_id,
                          provenance=provenance(path, table, rec.row))
        objectives[key] = found
    return found.id


def _drop_plan_targets(rec: IndicatorRow) -> None:
    """A Renstra target is the five-year plan's, not the year's agreed target: not evidence of it."""
    for year, m in list(rec.measurements.items()):
        m.target = None
        if not (m.realization or m.achievement):
            del rec.measurements[year]


def _link_goal(objective_id: str, rec: IndicatorRow, goals, objectives, path, table) -> None:
    """Another table names the goal (*tujuan*) of an objective the primary table left unlinked."""
    objective = next(o for o in objectives.values() if o.id == objective_id)
    if objective.goal_id is None:
        key = fold_label(rec.goal)
        if key not in goals:
            goals[key] = Goal(id=f"g{len(goals) + 1}", name=rec.goal, provenance=provenance(path, table, rec.row))
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


def _program_name(table: ParsedTable, row: Row) -> str | None:
    col = table.column("program")
    if col is not None and col.index < len(row.cells) and row.cells[col.index].strip():
        return _clean_name(row.cells[col.index])
    col = table.column("objective_and_program")
    if col is not None and col.index < len(row.cells) and col.index not in row.filled:
        _, _, program = _split_goal_objective(row.cells[col.index])
        return program
    # no program column: a text cell that names a program ("Uraian" columns of budget tables)
    _, labels = _budget_patterns()
    for cell in row.cells:
        if labels["program_name"].match(cell):
            return _clean_name(cell)
    return None


def _is_total(table: ParsedTable, row: Row) -> bool:
    _, labels = _budget_patterns()
    first = next((c for c in row.cells if c.strip()), "")
    return bool(labels["total"].match(fold_label(first)))


def program_rows(table: ParsedTable, reader: FigureReader, path: str) -> list[Program]:
    """Given a budget table, return one :class:`Program` per program row with an allocation."""
    out = []
    objective_col = table.column("objective")
    source_col = table.column("funding_source")
    for row in table.rows:
        if _is_total(table, row):
            continue
        name = _program_name(table, row)
        allocation = reader.figure(row, table.column("allocation"))
        if not name or allocation is None:
            continue
        cell = lambda col: (row.cells[col.index].strip() or None) if col and col.index < len(row.cells) else None  # noqa: E731
        out.append(Program(
            name=name, objective=cell(objective_col), allocation=allocation,
            original_allocation=reader.figure(row, table.column("allocation_original")),
            realization=reader.figure(row, table.column("budget_realization")),
            absorption=reader.figure(row, table.column("absorption")),
            funding_source=cell(source_col), provenance=provenance(path, table, row)))
    return out


def _budget_table_rank(table: ParsedTable, programs: list[Program]) -> tuple:
    in_body = table.block.section is not None and table.block.section.chapter is not None
    complete = sum(p.realization is not None for p in programs)
    return (not in_body, -complete, -len(programs), table.block.line)


def build_programs(tables: list[ParsedTable], readers: dict[int, FigureReader], path: str) -> list[Program]:
    """Programs of the most complete budget table of the body; other tables' rows are evidence."""
    found = [(t, program_rows(t, readers[id(t)], path)) for t in tables
             if t.kind in BUDGET_KINDS and t.column("allocation") is not None]
    found = [(t, rows) for t, rows in found if rows]
    if not found:
        return []
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
            if (match.original_allocation is None and "perubahan" not in (table.block.caption or "").lower()
                    and other.allocation and match.allocation and other.allocation.value != match.allocation.value
                    and table.kind == "program_budget"):
                match.original_allocation = other.allocation
    return programs


def _match_program(other: Program, programs: list[Program]) -> Program | None:
    """The program printed again: same name and, when several share it, the same allocation."""
    named = [p for p in programs if same_name(p.name, other.name)]
    if len(named) > 1:
        named = [p for p in named if p.allocation and other.allocation and p.allocation.value == other.allocation.value] or named[:0]
    return named[0] if len(named) == 1 else None


def build_budget(tables: list[ParsedTable], readers, lines: list[Line], sections, path: str) -> Budget:
    """Budget totals from statements in prose and JUMLAH / belanja operasi / belanja modal rows.

    The body (BAB I–IV) is read before the executive summary: where a budget was revised
    (*perubahan*), the body's financial accountability states the final figures.
    """
    budget = Budget()
    prose, labels = _budget_patterns()
    lines = [line for _, line in sorted(zip((_chapter_rank(s) for s in sections), lines), key=lambda x: (x[0], x[1].number))]
    _budget_from_prose(budget, prose, lines, path, ("total_allocation", "total_realization"))
    kind_order = {"program_budget": 0, "objectives_budget": 1}
    ordered = sorted(tables, key=lambda t: (_chapter_rank(t.block.section), kind_order.get(t.kind, 2), t.block.line))
    for table in ordered:
        reader = readers[id(table)]
        for row in table.rows:
            first = fold_label(next((c for c in row.cells if c.strip()), ""))
            label = first if not ROW_NUMBER_ONLY.match(first) else fold_label(" ".join(c for c in row.cells[1:3]))
            amounts = [f for f in (parse_figure(c, reader.marks.get(i)) for i, c in enumerate(row.cells) if c.strip())
                       if f is not None and f.value is not None and abs(f.value) >= 1000]
            if not amounts:
                continue
            prov = provenance(path, table, row)
            if labels["total"].match(label) and table.kind in BUDGET_KINDS:
                _set(budget, "total_allocation", reader.figure(row, table.column("allocation")) or amounts[0], prov)
                real = reader.figure(row, table.column("budget_realization"))
                if real is not None:
                    _set(budget, "total_realization", real, prov)
                absorption = reader.figure(row, table.column("absorption"))
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


SENTENCE_END = regex.compile(r"(?<!\bRp)\.\s+(?=\p{Lu})")
PART_OF_REALIZATION = {"operating_expenditure": "operating_realization", "capital_expenditure": "capital_realization"}


def _budget_from_prose(budget: Budget, prose, lines: list[Line], path: str, keys: tuple[str, ...]) -> None:
    """Totals stated in sentences ("didukung dengan anggaran sebesar Rp …"), first statement wins.

    Belanja operasi/modal named in a sentence about *realisasi* are the realisation's parts.
    """
    for line in lines:
        if line.is_row:
            continue
        for key in keys:
            for pattern in prose[key]:
                for m in pattern.finditer(line.text):
                    fig = parse_figure(m["amount"])
                    if fig is None or fig.value is None or fig.value < 1000:
                        continue
                    sentence = SENTENCE_END.split(line.text[: m.start()])[-1]
                    field_name = PART_OF_REALIZATION.get(key, key) if (
                        key in PART_OF_REALIZATION and row_words()["realized"].search(sentence + m[0])) else key
                    _set(budget, field_name, fig, Provenance(file=path, line=line.number, page=line.page,
                                                            row=line.text[max(0, m.start() - 60): m.end() + 20]))


ROW_NUMBER_ONLY = regex.compile(r"^\(?([0-9]{1,3}|[a-z])[.)]?$")


def _set(budget: Budget, key: str, fig: Figure | None, prov: Provenance) -> None:
    """Keep the first figure found for a budget field (tables of the body come first)."""
    if fig is not None and getattr(budget, key) is None:
        setattr(budget, key, fig)
        budget.provenance[key] = prov
