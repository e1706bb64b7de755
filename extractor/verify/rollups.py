"""``rollup_mismatch`` and ``quarter_mismatch``: the sums inside a hierarchical budget or plan table.

* **Roll-ups** (``rollup_mismatch``): in a table listing programs with their *kegiatan* and *sub
  kegiatan* (Renja/RKA matrices, the evaluation of the Renja, Perjanjian Kinerja annexes), a parent
  row's rupiah figures — pagu (allocation), realisasi, and its last rupiah column (the next year's
  *prakiraan maju*, the realisation to date) — against the sums of its children's. The hierarchy is read
  from budget codes (``2.12.04`` above ``2.12.04.2.01`` above ``2.12.04.2.01.01``) or outline numbers
  (``1`` above ``1.1``) when the rows print them: then it is certain and a mismatch is an ``error``.
  Without codes it is read from the layout (a *program* row names a program; a *kegiatan* row prints
  only its name beside its figures; a *sub kegiatan* row also prints its indicator and unit): a
  mismatch is then a ``warning`` (basis "interpretation").
* **Quarters** (``quarter_mismatch``): the quarterly columns (TW I–IV, *Triwulan*) of a row against its
  annual figure. A table whose other rows add their quarters up to the annual figure is *additive*;
  one whose other rows climb to the annual figure in TW IV is *cumulative*. A row that does neither,
  in a table that decides, is a ``warning`` (the reading of the table's kind is an interpretation).

Which figure of a row is its pagu and which its realisasi is read from the order of its amounts,
not from the column it stands in (these annexes are often printed with cells shifted): the first
rupiah amount is the pagu; the last amount before the row's first percentage is its realisasi, and
the amounts between them are its quarterly realisations; its last amount after its percentages (or
its second, in a row printing none) is its last rupiah column. A comparison is made only when the parent
and every child print the figure (a parent whose children are partly unread is no finding), and only
in a table where another parent of at least two children adds up in the same figure (the reading
of the table is then confirmed; a parent of one child will do where codes or numbers give the
hierarchy). Rupiah must add up exactly; percentages and other figures at the precision printed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator
from weakref import WeakKeyDictionary

import regex

from .. import patterns
from ..model import Figure, Finding, FindingPart
from ..outline import PROGRAM, named_level
from ..printings import A_DIGIT, A_WORD, PrintedRow, PrintedTable, is_total_label, row_labels
from . import Context, budget_subject, rule_word
from .absorption import is_amount
from .achievement import match_indicator, table_row_id
from .precision import fmt, judge, printed

ALLOCATION, REALIZATION, LAST = "allocation", "budget_realization", "last_amount"
SLOTS = (ALLOCATION, REALIZATION, LAST)
SLOT_LABELS = {ALLOCATION: "pagu", REALIZATION: "realisasi", LAST: "last rupiah column"}
SLOT_FIELDS = {ALLOCATION: "allocation", REALIZATION: "budget_realization", LAST: None}
LEVEL_NAMES = ("program", "kegiatan", "sub kegiatan")  # as formulas name the children: "Σ kegiatan"
QUARTER_NUMERALS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
PERCENT_FIELDS = ("achievement", "absorption")  # columns of percentages (a "%" column reads as capaian)
MIN_CONFIRMING_CHILDREN = 2
UNREAD = -1  # the level of a row printing no figure (a repeated header): it leaves its parent uncertain


# ---------------------------------------------------------------- what a row prints


@dataclass
class BudgetRow:
    """A row of a hierarchical table: its level (0 program, 1 kegiatan, 2 sub kegiatan; None for a total),
    its code or outline number when printed, and its amounts by what they are."""

    row: PrintedRow
    level: int | None
    code: tuple[str, ...] | None
    slots: dict[str, Figure] = field(default_factory=dict)
    quarters: list[Figure] = field(default_factory=list)
    words: int = 0  # cells of words the row prints itself (:func:`word_cells`)

    @property
    def name(self) -> str:
        return row_name(self.row)


@dataclass
class Family:
    """A parent row, its children, and whether the hierarchy is certain (read from codes)."""

    parent: BudgetRow
    children: list[BudgetRow]
    certain: bool


@lru_cache(maxsize=1)
def _code_pattern() -> regex.Pattern:
    return patterns.regex("rows", "outline_number", flags=regex.I)


def row_code(row: PrintedRow) -> tuple[str, ...] | None:
    """Given a row, return the parts of the budget code or outline number its first printed cell holds.

    Only a code of two parts or more counts (a lone "1" is a row number as often as an outline number).
    """
    first = next((c.strip() for c in row.cells if c.strip()), "")
    m = _code_pattern().match(first)
    if not m:
        return None
    parts = tuple(m["number"].split("."))
    if len(parts) < 2 or all(len(p) == 3 for p in parts[1:]):
        return None  # "13.904.271.740": an amount grouped in thousands, not a code
    return parts


def row_name(row: PrintedRow) -> str:
    """The name a row prints: its program, else its first cell of words that is not filled down."""
    if row.program:
        return row.program
    return next((" ".join(c.split()) for i, c in enumerate(row.cells)
                 if i not in row.row.filled and A_WORD.search(c) and not _figure_cell(row, i)), row.label)


def row_amounts(table: PrintedTable, row: PrintedRow) -> tuple[list[Figure], int | None]:
    """Given a row, return its rupiah amounts in cell order, and how many come before its first
    percentage (None when it prints none after an amount).

    An amount followed by a unit word ("8.397 | Keluarga") is a count, not money. A figure is a
    percentage when it prints its sign, or when it is no amount and stands in a column of percentages
    ("% | 83,32").
    """
    amounts: list[Figure] = []
    before_percent = None
    cells = row.cells
    percent_columns = _percent_columns(table)
    for i, text in enumerate(cells):
        if not text.strip():
            continue
        figure = row.figures.get(i)
        if figure is None and not A_DIGIT.search(text):
            continue  # a cell of words: every figure prints a digit (``figures_of`` would read none)
        figures = [figure] if figure is not None else table.figures_of(row, i)
        for fig in figures:
            if fig is None or fig.value is None:
                continue
            if (fig.unit == "%" or "%" in fig.raw or _percent_sign_follows(cells, i)
                    or (i in percent_columns and not is_amount(fig))):
                if amounts and before_percent is None:
                    before_percent = len(amounts)
                continue
            amount = is_amount(fig) and fig.value == fig.value.to_integral_value()
            if not amount and (not amounts or before_percent is not None):
                continue  # neither an amount nor a share after the amounts, whatever follows it
            if _unit_follows(cells, i):
                continue
            if amount:
                amounts.append(fig)
            elif i in share_columns(table):
                before_percent = len(amounts)  # "87,17" after the amounts: a share printed without its sign
    return amounts, before_percent


def _percent_columns(table: PrintedTable) -> set[int]:
    """The columns whose header makes them percentages (``PERCENT_FIELDS``), found once per table."""
    if table not in _PERCENTS:
        _PERCENTS[table] = {c.index for c in table.columns if c.field in PERCENT_FIELDS}
    return _PERCENTS[table]


_PERCENTS: WeakKeyDictionary = WeakKeyDictionary()


MAX_SHARE = 1000  # a percentage printed without its sign is at most this


def share_columns(table: PrintedTable) -> set[int]:
    """The columns printing percentages without their sign, whatever their header: every figure they
    print (two at least) has decimals, is under :data:`MAX_SHARE`, and no rupiah amount ("87,17")."""
    if table not in _SHARES:
        figures: dict[int, list[Figure]] = {}
        for row in table.rows:
            for i, fig in row.figures.items():
                if fig is not None and fig.value is not None:
                    figures.setdefault(i, []).append(fig)
        _SHARES[table] = {i for i, figs in figures.items() if len(figs) >= 2 and all(
            f.decimals and 0 <= f.value < MAX_SHARE and not is_amount(f) for f in figs)}
    return _SHARES[table]


_SHARES: WeakKeyDictionary = WeakKeyDictionary()  # table → its share columns, decided once


def _percent_sign_follows(cells: list[str], index: int) -> bool:
    """Whether the cell after ``index`` is a lone percent sign ("82,31 | %")."""
    return index + 1 < len(cells) and cells[index + 1].strip() == "%"


def _unit_follows(cells: list[str], index: int) -> bool:
    """Whether the next printed cell after ``index`` is a short word (a unit: "Orang", "Dokumen")."""
    following = next((c.strip() for c in cells[index + 1:] if c.strip()), "")
    return bool(following) and A_WORD.search(following) is not None and len(following.split()) <= 2 \
        and not any(ch.isdigit() for ch in following)


def budget_slots(table: PrintedTable, row: PrintedRow) -> tuple[dict[str, Figure], list[Figure]]:
    """Given a row, return its pagu and realisasi (when it prints them) and its quarterly realisations."""
    amounts, before = row_amounts(table, row)
    if not amounts:
        return {}, []
    slots = {ALLOCATION: amounts[0]}
    quarters: list[Figure] = []
    if before is not None and before >= 2:
        slots[REALIZATION] = amounts[before - 1]
        quarters = amounts[1:before - 1]
    last = len(amounts) - 1
    if last > 0 and (before is None or last >= before):
        slots[LAST] = amounts[last]  # after the percentages (or in a row printing none): another money column
    return slots, quarters


def own_words(row: PrintedRow) -> list[int]:
    """The indexes of the cells of words a row prints itself (not filled down from the rows above)."""
    filled = row.row.filled
    return [i for i, c in enumerate(row.cells) if i not in filled and A_WORD.search(c)]


def word_cells(row: PrintedRow, own: list[int], goals: set[int]) -> int:
    """Given a row, its :func:`own_words` and the table's columns of sasaran or tujuan, return how many
    cells of words the row prints itself (not its sasaran or tujuan, no figure)."""
    return sum(1 for i in own if i not in goals and not _figure_cell(row, i))


def _figure_cell(row: PrintedRow, index: int) -> bool:
    figure = row.figures.get(index)
    return figure is not None and figure.value is not None


def _is_total(row: PrintedRow, own: list[int]) -> bool:
    """A JUMLAH / TOTAL row: its first cell of words not filled down (:func:`own_words`) is a total's label
    (an indicator "Jumlah Dokumen" beside a sub kegiatan's name is not)."""
    return is_total_label(row.cells[own[0]] if own else "")


# ---------------------------------------------------------------- the hierarchy


def report_budget_rows(ctx: Context, table: PrintedTable) -> list[BudgetRow]:
    """Given the context and one of its tables, return :func:`budget_rows` of it, read once per report (the
    roll-up and count rules read the same rows; read them, never change them)."""
    return ctx.once(("budget_rows", table.id), lambda: budget_rows(table))


def budget_rows(table: PrintedTable) -> list[BudgetRow]:
    """Given a table, return its rows from the first program row (or coded row) on, each with its
    level by layout.

    A program row names a program; after it, a row printing one cell of words is a kegiatan and a
    row printing more (its indicator, its unit) a sub kegiatan; a total row has no level. A row
    printing no figure at all (a header repeated after a page break), or naming a tujuan or sasaran,
    has level ``UNREAD``: it ends no span, and a parent whose span holds it is left out.
    """
    out: list[BudgetRow] = []
    started = False
    codes = _codes(table.rows)
    goals = {c.index for c in table.columns if c.field in ("objective", "goal", "objective_and_program")}
    for row, code in zip(table.rows, codes):
        names_program = row.level == PROGRAM or (row.level is None and named_level(row.program or "") == PROGRAM)
        if not (started or names_program or code is not None):
            continue  # before the first program or coded row (whether it is a total changes nothing)
        own = own_words(row)  # read once: the total's label and the cells of words are among them
        total = _is_total(row, own)
        program = not total and names_program
        started = started or program or code is not None  # a table continued after a page break
        if not started:
            continue
        words = word_cells(row, own, goals)
        if total:
            level = None
        elif not any(f is not None and f.value is not None for f in row.figures.values()) or (
                not program and code is None and names_a_goal(table, row)):
            level = UNREAD
        else:
            level = 0 if program else 1 if words <= 1 else 2
        slots, quarters = budget_slots(table, row)
        out.append(BudgetRow(row, level, code, slots, quarters, words))
    return out


def names_a_goal(table: PrintedTable, row: PrintedRow) -> bool:
    """Whether a row prints a tujuan or sasaran of its own ("Tujuan : …", a sasaran cell not filled down):
    it is no kegiatan of the program above it."""
    labels = row_labels()
    columns = {c.index for c in table.columns if c.field in ("goal", "objective", "objective_and_program")}
    own = [c for i, c in enumerate(row.cells) if c.strip() and i not in row.row.filled]
    return (any(i in columns and row.cells[i].strip() and i not in row.row.filled for i in range(len(row.cells)))
            or any(labels["goal_prefix"].match(c) or labels["objective_prefix"].match(c) for c in own[:2]))


def _codes(rows: list[PrintedRow]) -> list[tuple[str, ...] | None]:
    """Each row's :func:`row_code`; a row numbered "1" heads the rows numbered "1.1", "1.2" after it: its
    number is then a code of one part (alone, "1" is as often a row number as an outline number)."""
    codes = [row_code(row) for row in rows]
    for i, row in enumerate(rows[:-1]):
        if codes[i] is None and codes[i + 1] and (number := _lone_number(row)) and codes[i + 1][0] == number:
            codes[i] = (number,)  # its number read only when the next row prints a code
    return codes


def _lone_number(row: PrintedRow) -> str | None:
    first = next((c.strip() for c in row.cells if c.strip()), "")
    m = _code_pattern().match(first)
    return m["number"] if m and "." not in m["number"] else None


def _span(rows: list[BudgetRow], start: int, ends) -> list[BudgetRow] | None:
    """The rows after ``rows[start]`` up to the first for which ``ends`` holds; None when the span runs
    to the end of a table no total closes (the table may go on after a page break). Rows printing
    only a name and no figure just before that end ("URUSAN PEMERINTAHAN BIDANG SOSIAL") head what
    follows: they are left out of the span."""
    span = []
    for row in rows[start + 1:]:
        if row.level is None or ends(row):
            while span and span[-1].level == UNREAD and span[-1].words <= 1:
                span.pop()
            return span
        span.append(row)
    return None


def coded_families(rows: list[BudgetRow]) -> Iterator[Family]:
    """Parents and children by their codes: the children of ``2.12.04`` are the rows after it whose
    codes extend it by one part of the same shape (``2.12.04.2.01``, ``2.12.04.2.03``). A row in its
    span without a code, or a code of another shape, leaves the parent uncertain: no family."""
    for i, parent in enumerate(rows):
        if parent.code is None or parent.level in (None, UNREAD):
            continue
        span = _span(rows, i, lambda row: row.code is not None and row.code[:len(parent.code)] != parent.code)
        if not span or any(r.code is None or r.level == UNREAD for r in span):
            continue
        depth = min(len(r.code) for r in span)
        children = [r for r in span if len(r.code) == depth]
        shapes = {_shape(r.code[len(parent.code):]) for r in children}
        deeper_fit = all(any(r.code[:depth] == c.code for c in children) for r in span if len(r.code) > depth)
        if len(shapes) == 1 and deeper_fit:
            yield Family(parent, children, certain=True)


def _shape(parts: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(len(p) for p in parts)


def layout_families(rows: list[BudgetRow]) -> Iterator[Family]:
    """Parents and children by layout: a program's kegiatan are the kegiatan rows up to the next
    program (none when a sub kegiatan comes before its first kegiatan); a kegiatan's sub kegiatan are
    the sub kegiatan rows up to the next kegiatan. A parent printing a code is left to
    :func:`coded_families`; children printing codes must share all but their last part."""
    for i, parent in enumerate(rows):
        if parent.level not in (0, 1) or parent.code is not None:
            continue
        span = _span(rows, i, lambda row: row.level != UNREAD and row.level <= parent.level)
        if not span or any(r.level == UNREAD for r in span) or span[0].level != parent.level + 1:
            continue  # partly unread, or a sub kegiatan straight under its program (its kegiatan row missing)
        children = [r for r in span if r.level == parent.level + 1]
        codes = {c.code[:-1] if c.code else None for c in children}
        if len(codes) == 1:  # uncoded children, or coded ones of one parent code (which this row does not print)
            yield Family(parent, children, certain=False)


# ---------------------------------------------------------------- judging


def _sum(figures: Iterable[Figure]) -> Decimal:
    return sum((f.value for f in figures), Decimal(0))


def consistent(stated: Figure, total: Decimal) -> bool:
    """A stated amount agrees with a sum when equal; a figure with decimals at its printed precision."""
    if stated.decimals:
        return judge(stated, total).consistent
    return stated.value == total


def rollup_findings(table: PrintedTable, rows: list[BudgetRow]) -> Iterator[Finding]:
    """Given a table and its :func:`budget_rows`, yield a finding for each parent whose figure is not the
    sum of its children's."""
    families = [*coded_families(rows), *layout_families(rows)]
    verdicts = []
    for family in families:
        for slot in SLOTS:
            stated = family.parent.slots.get(slot)
            parts = [c.slots.get(slot) for c in family.children]
            if stated is None or any(p is None for p in parts):
                continue  # partly unread
            verdicts.append((family, slot, stated, parts, consistent(stated, _sum(parts))))
    confirmed = {slot for family, slot, _, parts, ok in verdicts
                 if ok and (family.certain or len(parts) >= MIN_CONFIRMING_CHILDREN)}
    for family, slot, stated, parts, ok in verdicts:
        if not ok and slot in confirmed:
            yield rollup_finding(table, family, slot, stated, parts)


def rollup_finding(table: PrintedTable, family: Family, slot: str, stated: Figure, parts: list[Figure]) -> Finding:
    """Given a family, the figure (slot) its parent states and its children's, return the finding."""
    parent, children = family.parent, family.children
    total = _sum(parts)
    calculation = " + ".join(fmt(p.value) for p in parts)
    child_level = LEVEL_NAMES[min(children[0].level, 2)]
    how = ("read from the table's codes" if family.certain
           else "depends on reading the table's hierarchy from its layout")
    return Finding(
        code="rollup_mismatch", severity="error" if family.certain else "warning",
        basis="arithmetic" if family.certain else "interpretation",
        subject=f"{parent.name}, {SLOT_LABELS[slot]}", subject_kind="program" if parent.level == 0 else "activity",
        field=SLOT_FIELDS[slot], year=table.default_year, stated=printed(stated), expected=f"{calculation} = {fmt(total)}",
        stated_value=stated.value, expected_value=total, formula=f"Σ {child_level}",
        parts=[FindingPart(label=c.name, value=p.value, raw=printed(p), provenance=c.row.provenance)
               for c, p in zip(children, parts)],
        places=[parent.row.provenance, *(c.row.provenance for c in children)],
        provenance=parent.row.provenance,
        message=(f"The {SLOT_LABELS[slot]} {printed(stated)} of this row is not the sum of its {len(parts)} "
                 f"{child_level} rows, {calculation} = {fmt(total)} (rupiah must add up exactly; the hierarchy "
                 f"is {how})."))


# ---------------------------------------------------------------- quarters


@dataclass
class QuarterColumns:
    """A table's annual column and its quarterly columns (quarter number → column index) for one field."""

    field: str  # target | realization | figure (a run of columns found by its figures, its header unread)
    annual: int
    quarters: dict[int, int]
    structural: bool = False  # found by its figures (:func:`run_quarter_columns`), not by its header


def quarter_number(label: str) -> int | None:
    """Given a column label, return the quarter it names (``TW 2``, ``Tri Wulan 4``, ``Triwulan III``).

    >>> quarter_number("Target Pelaksanaan / TW 1"), quarter_number("Tri Wulan 4 / TARGET (14)"), quarter_number("Target")
    (1, 4, None)
    """
    m = rule_word("quarter_label").search(label)
    return QUARTER_NUMERALS[m["quarter"].lower()] if m else None


def quarter_columns(table: PrintedTable) -> list[QuarterColumns]:
    """Given a table, return its fields printed both for the year and per quarter.

    A column headed by a quarter opens that quarter's group; the columns after it that name no
    quarter nor year belong to it until a field repeats ("TW 1: Target | Realisasi | %").
    """
    grouped: dict[int, tuple[str, int]] = {}  # column index → (field, quarter)
    current, seen = None, set()
    for col in table.columns:
        number = quarter_number(col.label)
        fld = col.field
        if fld == "quarter":
            realization = rule_word("realization_label").search(col.label) and "target" not in col.label.lower()
            fld = "realization" if realization else "target"
        if number is not None:
            current, seen = number, set()
        elif col.year is not None or fld in seen:
            current = None
        if current is not None and fld in ("target", "realization"):
            grouped[col.index] = (fld, current)
        if current is not None and fld is not None:
            seen.add(fld)
    out = []
    for fld in ("target", "realization"):
        quarters = {q: i for i, (f, q) in grouped.items() if f == fld}
        annual = _annual_column(table, fld, grouped)
        if annual is not None and len(quarters) >= 2 and sorted(quarters) == list(range(1, len(quarters) + 1)):
            out.append(QuarterColumns(fld, annual, dict(sorted(quarters.items()))))
    return out


def _annual_column(table: PrintedTable, fld: str, grouped: dict) -> int | None:
    """The column of a field for the table's year outside the quarters: the one printing that year,
    else the one printing none ("Realisasi 2020 | 2021 | TW I … TW IV | 2022": the 2022 one); None
    when two could be it (a column misread as the field)."""
    candidates = [c for c in table.columns if c.field == fld and c.index not in grouped
                  and c.year in (None, table.default_year)]
    of_year = [c for c in candidates if c.year == table.default_year]
    chosen = of_year or candidates
    return chosen[0].index if len(chosen) == 1 else None


QUARTERS = 4  # a year's quarters: the columns a run of figures must fill to be read as TW I–IV
CONFIRMING_SHARE = Decimal(2) / 3  # of a structurally found run's rows that must add up or climb to the year


def run_quarter_columns(table: PrintedTable, taken: set[int]) -> list[QuarterColumns]:
    """Given a table and the columns its header already groups, return the runs of four adjacent columns
    of figures beside a fifth (before or after them), none of them printing a year, whatever their
    header says: candidates for a year's figure and its quarters, which the rows must confirm
    (:func:`quarter_findings`). Columns of rupiah are left to :func:`budget_quarter_findings`."""
    rows = [r for r in table.rows if any(f is not None and f.value is not None for f in r.figures.values())]
    figured = [c.index for c in table.columns
               if c.year is None and c.index not in taken and _figure_column(rows, c.index)]
    out = []
    for annual in figured:
        for quarters in (range(annual + 1, annual + 1 + QUARTERS), range(annual - QUARTERS, annual)):
            if all(i in figured for i in quarters):
                fld = next((c.field for c in table.columns if c.index == annual), None)
                out.append(QuarterColumns(fld if fld in ("target", "realization") else "figure", annual,
                                          {q: i for q, i in enumerate(quarters, 1)}, structural=True))
    return out


def _figure_column(rows: list[PrintedRow], index: int) -> bool:
    """Given the rows of a table printing figures, say whether most print one in column ``index``, mostly
    no rupiah amounts."""
    figures = [r.figures.get(index) for r in rows]
    read = [f for f in figures if f is not None and f.value is not None]
    return len(read) * 2 > len(rows) and sum(map(is_amount, read)) * 2 <= len(read)


def quarter_findings(table: PrintedTable) -> Iterator[Finding]:
    """Given a table, yield a finding for each row whose quarterly columns contradict its annual figure,
    in a table whose other rows show whether its quarters add up or climb."""
    groups = quarter_columns(table)
    taken = {i for g in groups for i in (g.annual, *g.quarters.values())}
    for group in (*groups, *run_quarter_columns(table, taken)):
        rows = []
        for row in table.rows:
            annual = row.figures.get(group.annual)
            quarters = [row.figures.get(i) for i in group.quarters.values()]
            if annual is None or annual.value is None or any(q is None or q.value is None for q in quarters):
                continue
            rows.append((row, annual, quarters))
        additive = [consistent(a, _sum(q)) for _, a, q in rows]
        cumulative = [_climbs(q) and consistent(a, q[-1].value) for _, a, q in rows]
        kind = ("additive" if any(additive) and not any(cumulative) else
                "cumulative" if any(cumulative) and not any(additive) else None)
        if group.structural and kind is not None:
            confirming = sum(additive if kind == "additive" else cumulative)
            if confirming < MIN_CONFIRMING_CHILDREN or confirming < CONFIRMING_SHARE * len(rows):
                kind = None
        if kind is None:
            continue
        for (row, annual, quarters), add, cum in zip(rows, additive, cumulative):
            if group.structural and consistent(annual, quarters[-1].value):
                continue  # a run read from the rows alone: a row reaching the year in its last quarter is no finding
            if not (add if kind == "additive" else cum):
                names = [f"TW {_numeral(q)}" for q in group.quarters]
                yield quarter_finding(table, group.field, names, kind, row, annual, quarters)


def _climbs(figures: list[Figure]) -> bool:
    return all(a.value <= b.value for a, b in zip(figures, figures[1:]))


def _numeral(q: int) -> str:
    return ("I", "II", "III", "IV")[q - 1]


def quarter_finding(table: PrintedTable, fld: str, names: list[str], kind: str, row: PrintedRow, annual: Figure,
                    quarters: list[Figure], subject: str | None = None) -> Finding:
    """Given a row's annual figure of a field and its quarters (named ``TW I`` …), additive or cumulative,
    return the finding."""
    label = {"target": "targets", "figure": "figures"}.get(fld, "realisations")
    if kind == "additive":
        expected_value = _sum(quarters)
        expected = f"{' + '.join(fmt(q.value) for q in quarters)} = {fmt(expected_value)}"
        formula = " + ".join(names)
        why = f"the quarterly {label} add up to {fmt(expected_value)}, not to the annual figure {printed(annual)}"
        parts = [FindingPart(label=n, value=q.value, raw=printed(q), provenance=row.provenance)
                 for n, q in zip(names, quarters)]
    else:
        expected_value = quarters[-1].value
        expected = f"{names[-1]} {printed(quarters[-1])}"
        formula = f"{names[-1]} (cumulative)"
        why = (f"the cumulative quarterly {label} reach {printed(quarters[-1])} in {names[-1]}, "
               f"not the annual figure {printed(annual)}")
        parts = [FindingPart(label=names[-1], value=quarters[-1].value, raw=printed(quarters[-1]),
                             provenance=row.provenance)]
    return Finding(
        code="quarter_mismatch", severity="warning", basis="interpretation",
        subject=f"{subject or row.label}, quarterly {label}", subject_kind="indicator" if row.name else "table_row",
        field=None if fld == "figure" else fld, year=table.default_year, stated=printed(annual), expected=expected,
        stated_value=annual.value, expected_value=expected_value, formula=formula, parts=parts,
        places=[row.provenance], provenance=row.provenance,
        message=(f"{why[0].upper()}{why[1:]}, while the table's other rows are {kind} (depends on reading the "
                 f"table as {kind} from those rows)."))


def budget_quarter_findings(table: PrintedTable, rows: list[BudgetRow]) -> Iterator[Finding]:
    """Given a table and its :func:`budget_rows`: the four amounts a row prints between its pagu and its
    realisasi (its quarterly realisations, TW I–IV) against the realisasi, in a table where at least two
    other rows printing four add theirs up (the rows, not the header, say what they are). A row printing
    fewer (a quarter left blank) is left out."""
    rows = [r for r in rows if len(r.quarters) == QUARTERS and REALIZATION in r.slots]
    verdicts = [(r, consistent(r.slots[REALIZATION], _sum(r.quarters))) for r in rows]
    if sum(ok for _, ok in verdicts) < MIN_CONFIRMING_CHILDREN:
        return
    names = [f"TW {_numeral(q)}" for q in range(1, QUARTERS + 1)]
    for r, ok in verdicts:
        if not ok:
            finding = quarter_finding(table, REALIZATION, names, "additive", r.row, r.slots[REALIZATION],
                                      r.quarters, subject=r.name)
            yield finding.model_copy(update={"subject_kind": "activity" if r.level else "program"})


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield the roll-ups and quarters of every table that do not add up."""
    for table in ctx.tables:
        rows = report_budget_rows(ctx, table)
        for finding in (*rollup_findings(table, rows), *quarter_findings(table), *budget_quarter_findings(table, rows)):
            yield joined(ctx, table, finding)


def joined(ctx: Context, table: PrintedTable, finding: Finding) -> Finding:
    """Given a finding on a row of ``table``, return it pointing at its subject's id: the program or kegiatan
    printed there (or named alike), the indicator the row names, else the table row itself (``t3.r2``)."""
    name = (finding.subject or "").rsplit(", ", 1)[0]
    if finding.subject_kind in ("program", "activity"):
        kind, key = budget_subject(ctx, finding.provenance, name)
        if key is not None:
            return finding.model_copy(update={"subject_kind": kind, "subject_id": key})
    elif finding.subject_kind == "indicator":
        indicator, _ = match_indicator(name, ctx.report.indicators)
        if indicator is not None:
            return finding.model_copy(update={"subject_id": indicator.id})
    index = next((k for k, row in enumerate(table.rows) if row.provenance == finding.provenance), None)
    return finding.model_copy(update={"subject_kind": "table_row", "subject_id": table_row_id(table, index)})
