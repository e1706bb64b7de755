"""Printings: every figure a table prints, read once, with the facts of its row decided once.

Given the classified :class:`~extractor.tables.ParsedTable` list, :func:`read_printings` returns one
:class:`PrintedTable` per table. The decimal mark is decided once per column from that column's
evidence (:class:`FigureReader`) and kept on the printed table; every non-empty cell is read into a
:class:`~extractor.model.Figure` exactly once. Each row also carries what assembly and verification
both need to know about it — the name it prints, its goal (*tujuan*) and objective (*sasaran*), the
program it names, whether it is a total (*JUMLAH*) row, the predicate it prints for each year — so the
two cannot disagree about one row. Assembly (``assemble.py``) builds the model from these; every rule
of ``verify/`` reads them, never the parsed tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

import regex

from . import ocr_repair
from .model import Figure, Provenance
from .numbers import decimal_mark_of_column, find_numbers, parse_figure
from .outline import ACTIVITY, PROGRAM, SUB_ACTIVITY, named_level, outline_levels
from .patterns import load
from .read.base import Line
from .prose import YEAR
from .tables import FIGURE_FIELDS, Column, ParsedTable, Row, fold_label, predicate_words, row_words

MEASUREMENT_FIELDS = ("target", "realization", "achievement")
MEASUREMENT_KINDS = ("performance_measurement", "year_comparison", "performance_budget", "efficiency",
                     "performance_agreement", "renstra_targets", "national_comparison")
BUDGET_KINDS = ("objectives_budget", "performance_budget", "program_budget")
LOW_CONFIDENCE = 60  # OCR confidence under which a figure is marked low-confidence
FOOTNOTE_MARK = regex.compile(r"^\S*\d[\d.,]{4,}\S*\s+[\d*)a-z]{1,2}$")
AMBIGUOUS_MARK = regex.compile(r"^\D*\d{1,3}[.,]\d{3}\D*$")
FIGURE_THEN_WORDS = regex.compile(r"^(?P<figure>(?:Rp\.?\s*)?[-+]?\d[\d.,]*\s*%?)\s+(?P<words>\p{L}[\p{L}. /]*)$")
ROW_NUMBER = regex.compile(r"\(?\d{1,2}[.)]?\)?")  # "1.", "(2)": a number column, not a label
NOT_A_LETTER = regex.compile(r"[^\p{L}]")
MAX_TOTAL_LABEL = 20  # letters of a total's label at most ("TOTAL BELANJA LANGSUNG")
FILLER = regex.compile(r"[\s,;*_-]|\bRp\b\.?", regex.I)  # what may stand between the figures of one cell
LIST_MARK = regex.compile(r"^\s*(?:[-•❖▪●*]+|\(?\d{1,2}[.)]|[a-z][.)])\s*")
A_WORD = regex.compile(r"\p{L}{3}")
A_DIGIT = re.compile(r"\d")  # any script's decimal digit, as the figure patterns read them
A_WORD_LONG = regex.compile(r"\p{L}{2,}")


@dataclass
class Printing:
    """One figure as a table prints it: where (table, row, column field, year), as printed, as read."""

    table: str  # the table's id, ``t1`` …
    caption: str | None
    kind: str
    row: int  # index of the row in the table body
    field: str | None
    year: int | None
    raw: str
    figure: Figure | None
    provenance: Provenance


# ---------------------------------------------------------------- reading a figure


@lru_cache(maxsize=1)
def _units():
    data = load("units")
    scales = {w: int(power) for power, words in data["scale_abbreviations"].items() for w in words}
    units = {w: canon for canon, words in data["units"].items() for w in words}
    return scales, units, data["max_unit_words"]


@lru_cache(maxsize=1)
def row_labels() -> dict[str, regex.Pattern]:
    """The row labels of ``patterns/budget.yaml`` (total, program name, goal/objective prefixes …), compiled."""
    return {k: regex.compile(p, regex.I) for k, p in load("budget")["row_labels"].items()}


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


def cell_figures(text: str, mark: str | None) -> list[Figure]:
    """Given a cell, return the figures it prints when it prints nothing else (``"42% 100%"``).

    >>> [f.raw for f in cell_figures("42% 100%", None)], [f.raw for f in cell_figures("Rp 5.000 Rp 7.000", None)]
    (['42%', '100%'], ['Rp 5.000', 'Rp 7.000'])
    >>> cell_figures("Target 2", None)
    []
    """
    found = find_numbers(text, mark)
    rest = text
    for start, end, _ in reversed(found):
        rest = rest[:start] + rest[end:]
    if FILLER.sub("", rest):
        return []
    return [figure for _, _, figure in found]


def read_cell(text: str, mark: str | None, lines: list[Line]) -> Figure | None:
    """Given a cell, its column's decimal mark and the row's lines, return the figure it prints, or None.

    >>> read_cell("8.518.981.015 1", None, []).value
    Decimal('8518981015')
    """
    text = text.strip()
    if not A_DIGIT.search(text):  # every figure prints a digit: names and words are passed at once
        return None
    fig = parse_figure(text, mark)
    if fig is None and FOOTNOTE_MARK.match(text):  # "8.518.981.015 1": an amount and a stray mark
        fig = parse_figure(text.split()[0], mark)
    if fig is None:
        fig = figure_with_unit(text, mark)
    if fig is not None and any(l.confidence is not None and l.confidence < LOW_CONFIDENCE for l in lines):
        fig.low_confidence = True
    return fig


class FigureReader:
    """Decide a table's decimal mark per column from that column's evidence, and what had to be assumed."""

    def __init__(self, table: ParsedTable):
        self.table = table
        self.marks: dict[int, str | None] = {}
        self.assumptions: list[str] = []  # columns whose decimal mark had to be assumed
        for col in table.columns:
            cells = self._cells(col)
            self.marks[col.index] = decimal_mark_of_column(cells)
            if self.marks[col.index] is not None or col.field in (None, "number"):
                continue
            ambiguous = next((c for c in cells if AMBIGUOUS_MARK.search(c)), None)
            if ambiguous is not None:
                self.assumptions.append(
                    f"{table.block.caption_text}, column {col.label or col.index + 1!s}: {ambiguous!r} could be "
                    "a thousands group or a decimal; nothing in the column decides, read as printed "
                    "Indonesian style ('.' thousands, ',' decimal; either mark is a decimal in a percentage)")

    def _cells(self, col: Column) -> list[str]:
        return [r.cells[col.index] for r in self.table.rows if col.index < len(r.cells)]

    @cached_property
    def kinds(self) -> dict[int, str]:
        """percent | rupiah | count | number per column: how OCR misreads are repaired (scanned rows only)."""
        return {col.index: ocr_repair.column_kind(col.field, self._cells(col)) for col in self.table.columns}

    @cached_property
    def groups(self) -> list[dict[str, int]]:
        """The columns whose figures are settled together by their arithmetic (scanned rows only)."""
        return ocr_repair.column_groups([(c.index, c.field, c.year) for c in self.table.columns])


def provenance(path: str, table: ParsedTable | None, row: Row | None = None, line: Line | None = None) -> Provenance:
    """Where a record came from: file, line/page, caption, raw row text, box and OCR confidence."""
    line = line or (row.line if row else None) or (table.block.rows[0] if table and table.block.rows else None)
    return Provenance(file=path, line=line.number if line else None, page=line.page if line else None,
                      table=table.block.caption_text if table else None, row=row.raw if row else None,
                      bbox=list(line.bbox) if line and line.bbox else None,
                      confidence=line.confidence if line else None)


# ---------------------------------------------------------------- what a row is


@lru_cache(maxsize=4096)  # a merged sasaran or program cell is repeated down its rows, and read by several facts
def clean_name(text: str) -> str:
    """Given a cell naming a goal, objective or program, return the name without list marks and prefixes.

    >>> clean_name("1. Program : Penunjang Urusan;")
    'Penunjang Urusan'
    """
    labels = row_labels()
    text = LIST_MARK.sub("", text)
    for key in ("goal_prefix", "objective_prefix", "program_prefix"):
        text = labels[key].sub("", text)
    return " ".join(text.split()).strip(" .;:")


@lru_cache(maxsize=4096)
def split_goal_objective(text: str) -> tuple[str | None, str | None, str | None]:
    """``"Tujuan : A Sasaran : B"`` → (goal A, objective B, program None); ``"Program : P"`` → program."""
    m = row_words()["goal_objective_program"].match(text)
    if not m or not (m["goal"] or m["objective"] or m["program"]):
        return None, text or None, None
    clean = lambda s: clean_name(s) or None if s else None  # noqa: E731
    return clean(m["goal"]), clean(m["objective"]), clean(m["program"])


# the fields of the columns that say what a row is, each table's looked up once (:func:`named_columns`)
NAMING_FIELDS = ("goal", "objective", "objective_and_program", "program", "activity", "indicator", "number", "code")


def named_columns(table: ParsedTable) -> dict[str, Column | None]:
    """Given a table whose columns are settled, return the first column of each of :data:`NAMING_FIELDS`."""
    return {key: table.column(key) for key in NAMING_FIELDS}


def _cell(row: Row, col: Column | None) -> str:
    return row.cells[col.index] if col is not None and col.index < len(row.cells) else ""


def _goal_objective(named: dict[str, Column | None], row: Row) -> tuple[str | None, str | None]:
    """The goal (*tujuan*) and objective (*sasaran*) a row names (none for a "Program : …" row)."""
    goal = objective = None
    for key in ("objective", "objective_and_program", "goal"):
        text = _cell(row, named[key])
        if not text.strip():
            continue
        g, s, p = split_goal_objective(text)
        if p and not (g or s):
            return None, None
        if key == "goal":
            goal = goal or clean_name(text)
        else:
            goal, objective = goal or g, objective or s
    return goal, objective


def _program_name(named: dict[str, Column | None], row: Row) -> str | None:
    """The program (*program*) a row names: its program column, a merged objective/program cell, or a text cell."""
    col = named["program"]
    if _cell(row, col).strip():
        return clean_name(row.cells[col.index])
    col = named["objective_and_program"]
    if col is not None and col.index < len(row.cells) and col.index not in row.filled:
        return split_goal_objective(row.cells[col.index])[2]
    program = row_labels()["program_name"]
    for cell in row.cells:  # no program column: a text cell that names a program ("Uraian" columns)
        if program.match(cell):
            return clean_name(cell)
    return None


def is_total_label(text: str) -> bool:
    """Given a cell, say whether it labels a total (JUMLAH, TOTAL BELANJA), not a name starting "Jumlah …".

    A cell whose first character cannot open the total pattern (:func:`may_open_total`: most cells, figures
    and names) is none, without being folded.

    >>> is_total_label("J U M L A H"), is_total_label("Jumlah Kerjasama Daerah dengan Institusi Pendidikan")
    (True, False)
    """
    return may_open_total(text.lstrip()[:1]) and _is_total_label(text)


@lru_cache(maxsize=256)
def may_open_total(char: str) -> bool:
    """Given a cell's first character ("" for an empty cell), say whether its folded label may match the total
    pattern (False is certain). The folded label opens with the character lower-cased (folding lower-cases
    and closes up spaces after the first character); the pattern is asked whether a match may open so
    (``partial``: the character is the start of a text it could match).

    >>> may_open_total("J"), may_open_total("t"), may_open_total("1"), may_open_total("")
    (True, True, False, False)
    """
    return bool(char) and row_labels()["total"].match(char.lower()[:1], partial=True) is not None


@lru_cache(maxsize=8192)
def _is_total_label(text: str) -> bool:
    folded = fold_label(text)
    return bool(row_labels()["total"].match(folded)) and len(NOT_A_LETTER.sub("", folded)) <= MAX_TOTAL_LABEL


def is_total_row(cells: list[str]) -> bool:
    """A row labelled JUMLAH / TOTAL: its first label, or a short cell of its own (a label filled
    down from the row above may stand before it)."""
    return _is_total_row(tuple(cells))


@lru_cache(maxsize=8192)
def _is_total_row(cells: tuple[str, ...]) -> bool:
    labels = [c for c in cells if may_open_total(c.lstrip()[:1])]  # the cells that may label a total (few)
    if not labels:
        return False
    first = next((c for c in cells if c.strip() and not ROW_NUMBER.fullmatch(c.strip())), "")
    return is_total_label(first) or any(map(is_bare_total, labels))


def is_bare_total(text: str) -> bool:
    """Given a cell after a row's first label, say whether it is a total's label alone (with its amount):
    "Jumlah Rp. 1.103.336.776", "TOTAL ANGGARAN"; not an indicator named "Jumlah Dokumen".

    >>> is_bare_total("Jumlah Rp. 1.103.336.776"), is_bare_total("Total Anggaran"), is_bare_total("Jumlah Dokumen")
    (True, True, False)
    """
    if not is_total_label(text):
        return False
    folded = fold_label(text)
    m = regex.match(row_labels()["total"].pattern, folded, flags=regex.I | regex.POSIX)
    return not any(word != "rp" for word in A_WORD_LONG.findall(folded[m.end():]))


def _indicator_level(named: dict[str, Column | None], row: Row) -> str:
    """Whose indicator a row prints: a program's (*indikator program*) when the row's own
    tujuan/sasaran/program cell names a program ("Program : …"), or when a table of indicators names a
    program and no sasaran; a kegiatan's when that cell names a kegiatan; else the agency's (IKU)."""
    for key in ("objective_and_program", "objective", "goal"):
        text = _cell(row, named[key]).strip()
        if not text:
            continue
        level = named_level(text)
        if level in (ACTIVITY, SUB_ACTIVITY):
            return ACTIVITY
        goal, objective, program = split_goal_objective(text)
        return PROGRAM if program and not (goal or objective) or level == PROGRAM else "agency"
    if _cell(row, named["program"]).strip() and named["objective"] is None:
        return PROGRAM
    if _cell(row, named["activity"]).strip() and named["objective"] is None:
        return ACTIVITY
    return "agency"


def row_label(named: dict[str, Column | None], row: Row) -> str:
    """Given a row, return what it concerns as the findings name it: its program (as printed, without a
    "Program :" lead), its indicator or objective, else its first label (JUMLAH …)."""
    labels = row_labels()
    for key in ("program", "objective_and_program", "indicator", "objective"):
        text = " ".join(_cell(row, named[key]).split())
        if not text:
            continue
        if key == "objective_and_program":
            m = labels["program_after_colon"].search(text) or labels["program_opening"].match(text)
            if not m:
                continue
            text = m[1]
        return labels["program_lead"].sub("", text).rstrip(" .;:,")
    return next((" ".join(c.split()) for c in row.cells if A_WORD.search(c)), "row")


def default_year(table: ParsedTable, report_year: int | None) -> int | None:
    """Year of the columns that print none: the caption's last year, else the report year."""
    years = YEAR.findall(table.block.caption or "")
    return int(years[-1]) if years else report_year


# ---------------------------------------------------------------- printed rows and tables


@dataclass
class PrintedRow:
    """One body row: its cells, the figure of each cell (read once) and what the row is."""

    index: int
    row: Row
    figures: dict[int, Figure | None]  # column index → figure
    provenance: Provenance
    name: str  # the indicator cell, spaces collapsed ("" when the table has no indicator column)
    goal: str | None
    objective: str | None
    program: str | None
    is_total: bool  # a JUMLAH / TOTAL row
    label: str  # what the row concerns, as findings name it (:func:`row_label`)
    predicates: dict[int | None, str | None] = field(default_factory=dict)  # year → predicate as printed
    level: str | None = None  # in a budget table: program, activity (kegiatan) or sub_activity (sub kegiatan)
    indicator_level: str = "agency"  # whose indicator the row prints: the agency's (IKU), a program's, a kegiatan's
    activity: str | None = None  # the kegiatan or sub kegiatan a row names (its ``level`` says which)
    several: dict[int, list[Figure]] = field(default_factory=dict, repr=False)  # cells printing several figures

    @property
    def indicator_name(self) -> str:
        """The indicator the row names, without trailing punctuation."""
        return self.name.rstrip(" .;:")

    @property
    def cells(self) -> list[str]:
        return self.row.cells

    def text(self, col: Column | None) -> str:
        """Given a column, return this row's cell in it ("" when the row is shorter)."""
        return self.row.cells[col.index] if col is not None and col.index < len(self.row.cells) else ""

    def predicate(self, year: int | None) -> str | None:
        """The canonical predicate the row prints for a year (``patterns/predicates.yaml``), or as printed."""
        printed = self.predicates.get(year)
        return predicate_words().get(fold_label(printed), printed) if printed else None


def _join_wrapped_objectives(rows: list[PrintedRow]) -> None:
    """A sasaran cell that opens in lower case continues the sasaran above it: a merged cell whose
    words the layout wrapped beside the next row ("Menurunnya angka kemiskinan dan meningkatnya" /
    "perlindungan sosial"). Every row of that sasaran, and those filled down from the fragment, get
    the whole name."""
    current, run, whole = None, [], {}
    for row in rows:
        objective = whole.get(row.objective, row.objective)
        if objective and current and objective != current and objective[:1].islower():
            joined = f"{current} {objective}"
            whole[row.objective] = whole[current] = joined
            for earlier in run:
                earlier.objective = joined
            objective = joined
        elif objective != current:
            run = []
        if objective:
            row.objective, current = objective, objective
            run.append(row)


class PrintedTable:
    """A classified table with its decimal marks decided and every row's figures and facts read once."""

    def __init__(self, table: ParsedTable, index: int, path: str, report_year: int | None):
        self.table = table
        table.freeze()  # its columns are settled: lookups by field are a dictionary's from here on
        self.id = f"t{index + 1}"
        self.path = path
        reader = self.reader = FigureReader(table)
        self.marks, self.assumptions = reader.marks, reader.assumptions
        self.default_year = default_year(table, report_year)
        self._columns_for: dict[tuple[str, int | None], Column | None] = {}
        self._measurement_columns: dict[int | None, dict[str, Column | None] | None] = {}
        self.provenance = provenance(path, table)
        self.named = named_columns(table)
        self.rows = self._read_rows()
        _join_wrapped_objectives(self.rows)
        current_goal = None
        for row in self.rows:
            if row.goal and not row.objective:
                current_goal = row.goal  # a "Tujuan : …" row heads the "Sasaran : …" rows below it
            elif row.objective and not row.goal:
                row.goal = current_goal
        self._place_in_outline()

    # what the parsed table says about itself
    kind = property(lambda self: self.table.kind)
    columns = property(lambda self: self.table.columns)
    header = property(lambda self: self.table.header)
    caption = property(lambda self: self.table.block.caption)
    caption_text = property(lambda self: self.table.block.caption_text)
    line = property(lambda self: self.table.block.line)
    section = property(lambda self: self.table.block.section)
    rebuilt = property(lambda self: self.table.block.rebuilt)

    def column(self, field_name: str, year: int | None = None) -> Column | None:
        return self.table.column(field_name, year)

    def column_for(self, field_name: str, year: int | None) -> Column | None:
        """The column of this field for this year (a column printing no year holds the table's default year)."""
        key = (field_name, year)
        if key not in self._columns_for:  # the columns are settled: each lookup is made once
            self._columns_for[key] = self.table.column_for(field_name, year, self.default_year)
        return self._columns_for[key]

    def fields(self) -> set[str]:
        return self.table.fields()

    def years(self) -> list[int]:
        """The years the table's columns print, else its default year."""
        return list(self._years)

    @cached_property
    def _years(self) -> tuple[int | None, ...]:
        return tuple(self.table.years() or [self.default_year])

    @cached_property
    def span(self) -> range:
        """The numbers of the lines the table block spans, caption to last row."""
        block = self.table.block
        numbers = [line.number for line in block.rows + block.text_between]
        return range(block.line, max(numbers, default=block.line) + 1)

    def measurement_columns(self, year: int | None) -> dict[str, Column | None] | None:
        """Given a year, return its target, realisasi and capaian columns; None when the year's only
        column is a lone "Capaian 2021" beside years with target and realisasi: that holds the year's
        value (*kondisi capaian*), not a percentage of a target the table does not print. The columns are
        settled: each year's are looked up once (the dictionary returned is shared: read it, do not change it)."""
        if year not in self._measurement_columns:
            cols = {f: self.column_for(f, year) for f in MEASUREMENT_FIELDS}
            lone = (cols["achievement"] is not None and cols["target"] is None and cols["realization"] is None
                    and any(c.field == "realization" for c in self.columns))
            self._measurement_columns[year] = None if lone else cols
        return self._measurement_columns[year]

    def figure(self, row: PrintedRow, col: Column | None) -> Figure | None:
        """Given a row and a column, return the figure the cell prints (read once), or None."""
        return row.figures.get(col.index) if col is not None else None

    def indicator_rows(self) -> list[PrintedRow]:
        """The rows that name an indicator (four letters at least) and print a measurement of some year."""
        if self.column("indicator") is None:
            return []
        measures = [col for year in self.years()
                    for col in (self.measurement_columns(year) or self.lone_value_columns(year)).values()]
        return [row for row in self.rows
                if len(row.indicator_name) >= 4 and any(self.figure(row, col) for col in measures)]

    def lone_value_columns(self, year: int | None) -> dict[str, Column | None]:
        """The columns of a year printed only as a lone "Capaian 2021": its value, read as realisasi."""
        return {"target": None, "realization": self.column_for("achievement", year), "achievement": None}

    def program_rows(self) -> list[PrintedRow]:
        """The rows that name a program and print its allocation (never a JUMLAH row, nor a kegiatan)."""
        allocation = self.column("allocation")
        return [row for row in self.rows if not row.is_total and row.program and self.figure(row, allocation)]

    def activity_rows(self, program: PrintedRow) -> list[PrintedRow]:
        """Given a program row, return the kegiatan and sub kegiatan rows listed under it, in order."""
        out = []
        for row in self.rows[program.index + 1:]:
            if row.is_total or row.level in (None, PROGRAM):
                break
            out.append(row)
        return out

    def figures_of(self, row: PrintedRow, index: int) -> list[Figure]:
        """Given a row and a cell's index, return every figure the cell prints when it prints only figures
        (``"42% 100%"``: a row printing two indicators' figures), read once with the column's mark."""
        if index not in row.several:
            text = row.cells[index] if index < len(row.cells) else ""
            row.several[index] = cell_figures(text, self.marks.get(index)) if text.strip() else []
        return row.several[index]

    def printings(self) -> list[Printing]:
        """Every figure of the table as a :class:`Printing` (the columns of figures, row by row)."""
        return [Printing(self.id, self.caption, self.kind, row.index, col.field, col.year or self.default_year,
                         row.text(col).strip(), row.figures.get(col.index), row.provenance)
                for row in self.rows for col in self.columns
                if col.field in FIGURE_FIELDS and row.text(col).strip()]

    def _place_in_outline(self) -> None:
        """Say which rows name a program, a kegiatan or a sub kegiatan (:mod:`extractor.outline`); only a
        program row keeps ``program``, so a kegiatan listed under its program is never read as one."""
        if not any(row.program for row in self.rows):
            return  # no row names a program: nothing is listed under one
        named = [(row, name) for row in self.rows
                 if not row.is_total and A_WORD.search(name := self._budget_name(row))]
        first = next((i for i, (row, _) in enumerate(named) if row.program), None)
        if first is None:
            return
        named = named[first:]
        number_col = self.named["number"] or self.named["code"]
        numbers = [row.text(number_col) if number_col is not None else (row.cells[0] if row.cells else "")
                   for row, _ in named]
        for (row, name), level in zip(named, outline_levels([n for _, n in named], numbers)):
            row.level = level
            if level != PROGRAM:
                row.activity, row.program = clean_name(name), None
                if row.indicator_level == PROGRAM:
                    row.indicator_level = ACTIVITY  # the indicator of a kegiatan listed under its program

    def _budget_name(self, row: PrintedRow) -> str:
        """The cell naming what a budget row is about: its program column, the program part of a merged
        objective/program cell, else its first cell of words."""
        for key in ("program", "activity"):
            text = row.text(self.named[key]).strip()
            if text:
                return text
        if self.named["program"] is not None:
            return ""
        col = self.named["objective_and_program"]
        if col is not None:
            return row.text(col).strip() if row.program else ""
        if row.program:
            return next((c.strip() for c in row.cells if row_labels()["program_name"].match(c)), row.program)
        return next((c.strip() for c in row.cells if A_WORD.search(c)), "")

    def _read_rows(self) -> list[PrintedRow]:
        """Read every body row, with what each row reads of the table (columns, marks) looked up once."""
        marked = [(col.index, self.marks.get(col.index)) for col in self.table.columns]
        predicates = [(year, self.column_for("predicate", year)) for year in self.years()]
        ticks = [c for c in self.columns if c.field == "predicate_mark"]
        if not ticks and all(col is None for _, col in predicates):
            predicates = []  # no column prints a predicate: every row's is None (:meth:`_predicate`), set at once
        return [self._read_row(i, row, marked, predicates, ticks) for i, row in enumerate(self.table.rows)]

    def _read_row(self, index: int, row: Row, marked: list[tuple[int, str | None]],
                  predicates: list[tuple[int | None, Column | None]], ticks: list[Column]) -> PrintedRow:
        table, named, cells = self.table, self.named, row.cells
        confidences = [line.confidence for line in row.lines if line.confidence is not None]
        lines = row.lines if confidences else ()  # only a line with a confidence can make a figure low-confidence
        # every filled cell read (a cell without a digit prints no figure: None at once, as read_cell says)
        figures = {i: read_cell(cell, mark, lines) if A_DIGIT.search(cell) else None
                   for i, mark in marked if i < len(cells) and (cell := cells[i]).strip()}
        if confidences:  # a scanned row: misreads repaired, its figures settled together by its arithmetic
            figures = {i: ocr_repair.ocr_figure(f, row.cells[i], self.reader.kinds.get(i, "number"),
                                                self.marks.get(i), min(confidences))
                       for i, f in figures.items()}
            figures = ocr_repair.settle_columns(figures, self.reader.groups, self.reader.kinds, self.marks)
        goal, objective = _goal_objective(named, row)
        printed = PrintedRow(index, row, figures, provenance(self.path, table, row),
                             " ".join(_cell(row, named["indicator"]).split()), goal, objective,
                             _program_name(named, row), is_total_row(cells), row_label(named, row))
        printed.indicator_level = _indicator_level(named, row)
        printed.predicates = dict.fromkeys(self._years)  # None for each year, unless a column prints one
        for year, col in predicates:
            printed.predicates[year] = self._predicate(printed, year, col, ticks)
        return printed

    def _predicate(self, row: PrintedRow, year: int | None, col: Column | None, ticks: list[Column]) -> str | None:
        """The predicate a row prints for a year: its cell in the year's predicate column ``col``, or the
        predicate column of ``ticks`` it ticks (a check mark, or the predicate's own word, under
        "Sangat Berhasil | Berhasil | …")."""
        text = " ".join(row.text(col).split())
        if text:
            return text
        if year != self.default_year:
            return None
        ticked = [c for c in ticks if row.text(c).strip() not in ("", "-", "–")]
        if len(ticked) != 1:
            return None
        text = " ".join(row.text(ticked[0]).split())
        return text if A_WORD.search(text) else ticked[0].predicate


def read_printings(tables: list[ParsedTable], path: str, report_year: int | None) -> list[PrintedTable]:
    """Given the classified tables of a report, return each with its figures and row facts read once."""
    return [PrintedTable(table, i, path, report_year) for i, table in enumerate(tables)]
