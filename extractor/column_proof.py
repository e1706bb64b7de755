"""Columns proved by their figures: the fields of columns whose header words are not known.

Headers vary more than any word list: "Rencana", "Hasil", "Ukuran Keberhasilan", "Dana Tersedia",
"Daya Serap". What the columns hold does not vary: a capaian is realisasi / target × 100 (or
(2 × target − realisasi) / target × 100 for an indicator better when lower), an absorption is
realisation / allocation × 100, and the names stand left of the figures. Given a parsed table,
:func:`prove_columns` gives a column with no field the field its figures prove:

* three columns of one year (or none), left to right, where the third is the second over the first
  × 100 in most rows: target, realisasi, capaian — or, when the first two are rupiah amounts,
  allocation, budget realisation, absorption;
* then, when the table has figures of a measurement but no indicator column, the first text column
  after the number and sasaran columns names the indicators;
* a column of predicate words (*Sangat Berhasil*, *Tinggi* …) beside a capaian is the predicate column.

A header word so proven means the same in the report's other tables (:func:`prove_all`), and unknown
year columns that print, row by row, the realisations another table states for the same indicators
are realisations too (a comparison table "Hasil 2019 | Hasil 2020" whose words no capaian proves).
A known field is never changed (but a "Realisasi" or "%" column of proven amounts is the budget's
realisation or absorption), and a triple that would contradict one is not taken. A column whose labels
name a quarter (``Column.in_quarter``) holds no figure of the year: it is never proven one.
"""
from __future__ import annotations

from decimal import Decimal

import regex

from . import patterns
from .names import same_name
from .numbers import parse_value
from .tables import Column, ParsedTable, body_rows, fold_label, predicate_words, split_header

PERCENT = Decimal(100)
MIN_SHARE = 0.6   # share of the rows with three figures where the arithmetic must hold
MIN_ROWS = 1
MIN_TOLERANCE = Decimal("0.6")  # a capaian printed to its rounding (one decimal) holds within this
AMOUNT = Decimal(1_000_000)  # figures from this size are rupiah amounts (a budget), not a measure
MEASURES = ("target", "realization", "achievement")
BUDGET = ("allocation", "budget_realization", "absorption")
A_WORD = regex.compile(r"\p{L}{3}")
LETTERS = regex.compile(r"\p{L}+")


def _value(text: str) -> Decimal | None:
    text = text.strip()
    return parse_value(text) if text else None


def _holds(a: Decimal, b: Decimal, c: Decimal) -> bool:
    """Say whether ``c`` is ``b`` over ``a`` × 100 (higher is better) or (2a − b) / a × 100 (lower is
    better), as printed: to its rounding, or within a percent of it.

    >>> _holds(Decimal(80), Decimal(60), Decimal("75.00")), _holds(Decimal(40), Decimal(30), Decimal(125))
    (True, True)
    >>> _holds(Decimal(80), Decimal(60), Decimal(90))
    False
    """
    if not a:
        return False
    tolerance = max(MIN_TOLERANCE, abs(c) / 100)
    higher, lower = b / a * PERCENT, (2 * a - b) / a * PERCENT
    return abs(c - higher) <= tolerance or abs(c - lower) <= tolerance


def _triple_holds(values: dict[int, list], cols: tuple[Column, Column, Column]) -> tuple[bool, bool]:
    """Given each column's figures by row and three columns, say whether the third is the second over
    the first in most rows, and whether the first two hold rupiah amounts (False, False as soon as too
    many rows fail for most to hold)."""
    first, second, third = (values[c.index] for c in cols)
    rows = [(a, b, c) for a, b, c in zip(first, second, third) if a is not None and b is not None and c is not None]
    if len(rows) < MIN_ROWS:
        return False, False
    most = MIN_SHARE * len(rows)
    failed = 0
    for a, b, c in rows:
        if not _holds(a, b, c):
            failed += 1
            if len(rows) - failed < most:
                return False, False
    amounts = sum(abs(a) >= AMOUNT and abs(b) >= AMOUNT for a, b, _ in rows)
    return True, amounts >= most


# what a column headed as a measure is in a table of amounts ("Realisasi", "%" beside a budget)
SAME_IN_A_BUDGET = {"budget_realization": "realization", "absorption": "achievement"}


def _fits(cols: tuple[Column, Column, Column], fields: tuple[str, str, str]) -> bool:
    """The triple changes something (an unknown column, or a measure that is a budget's) and contradicts
    no known field."""
    return any(c.field != f for c, f in zip(cols, fields)) and all(
        c.field in (None, f, SAME_IN_A_BUDGET.get(f)) for c, f in zip(cols, fields))


def _numeric(table: ParsedTable, col: Column, values: list[Decimal | None] | None = None) -> bool:
    """The column has a header label (a column of the table, not cells past its header) and most of its
    filled cells are figures (``values``: the column's values row by row, when read already)."""
    if not col.label.strip():
        return False
    cells = [r.cells[col.index] for r in table.rows if col.index < len(r.cells) and r.cells[col.index].strip()]
    figures = sum(v is not None for v in values) if values is not None else sum(_value(c) is not None for c in cells)
    return bool(cells) and figures >= MIN_SHARE * len(cells)


def prove_all(tables: list[ParsedTable]) -> None:
    """Given a report's parsed tables, prove each one's columns (:func:`prove_columns`), then read the
    report's own words: a header word proven to mean a field in one table ("Hasil" over realisations
    the capaian confirms) means it in the report's other tables too ("Hasil 2019 | Hasil 2020")."""
    unknown = [c for table in tables for c in table.columns if c.field is None]
    learned: dict[str, str] = {}
    for table in tables:
        learned.update(prove_columns(table))
    for table in tables:
        _prove_predicates(table)
    if learned:
        _apply_learned(tables, learned)
    _prove_realisations_elsewhere(tables)
    for col in unknown:
        col.inferred = col.field is not None


def _apply_learned(tables: list[ParsedTable], learned: dict[str, str]) -> None:
    """Give unknown columns headed by a proven word its field, in every table of the report."""
    for table in tables:
        before = _fields(table)
        for col in table.columns:
            if col.field is None and not col.in_quarter and learned.get(bare_label(col.label)) and _numeric(table, col):
                col.field = learned[bare_label(col.label)]
        _prove_names(table)
        _rejoin(table, before)


def prove_columns(table: ParsedTable) -> dict[str, str]:
    """Given a parsed table, set the fields its figures prove on columns that have none, and join its
    rows again with what is now known to be a figure (in place); return the header words so proven
    (bare label → field)."""
    if not table.rows or not table.header:
        return {}
    before = _fields(table)
    proven = _prove_measures(table)
    _prove_names(table)
    _rejoin(table, before)
    return proven


def _fields(table: ParsedTable) -> list[tuple[str | None, int | None]]:
    return [(c.field, c.year) for c in table.columns]


def _rejoin(table: ParsedTable, before: list[tuple[str | None, int | None]]) -> None:
    """Join the table's rows again when its columns changed (a figure column decides what a row is)."""
    if _fields(table) != before:
        header, start = split_header(table.block.rows)
        table.rows = body_rows(table.block.rows[start:], table.columns, header)


def bare_label(label: str) -> str:
    """Given a column's header labels, return their words without years and year words.

    >>> bare_label("Hasil / Tahun / 2021"), bare_label("Hasil 2019"), bare_label("2021")
    ('hasil', 'hasil', '')
    """
    year_words = patterns.words("columns", "year_words")
    return " ".join(w for w in LETTERS.findall(label.lower()) if w not in year_words)


def _prove_measures(table: ParsedTable) -> dict[str, str]:
    """Three columns whose figures hold target, realisasi and capaian (or a budget and its absorption);
    return the unknown header words they prove (bare label → field)."""
    proven: dict[str, str] = {}
    values = {c.index: [_value(r.cells[c.index]) if c.index < len(r.cells) else None for r in table.rows]
              for c in table.columns if c.field in (None, *MEASURES, *BUDGET) and not c.in_quarter and c.label.strip()}
    numeric = [c for c in table.columns if c.index in values and _numeric(table, c, values[c.index])]
    for i, first in enumerate(numeric):
        for j, second in enumerate(numeric[i + 1:], start=i + 1):
            for third in numeric[j + 1:]:
                cols = (first, second, third)
                if len({c.year for c in cols if c.year}) > 1:
                    continue
                holds, amounts = _triple_holds(values, cols)
                fields = BUDGET if amounts else MEASURES
                if holds and _fits(cols, fields):
                    year = next((c.year for c in cols if c.year), None)
                    for col, field_name in zip(cols, fields):
                        if col.field is None and bare_label(col.label):
                            proven[bare_label(col.label)] = field_name
                        col.field, col.year = field_name, col.year or year
    return proven


def _prove_names(table: ParsedTable) -> None:
    """A table of measures with no indicator column: the first text column after the number and sasaran
    columns (before the figures) names the indicators; a formula or unit column stands after it."""
    fields = table.fields()
    if "indicator" in fields or not fields & {"target", "realization"}:
        return
    first = min(c.index for c in table.columns if c.field in MEASURES)
    lead = [c.index for c in table.columns[:first] if c.field in ("objective", "goal", "objective_and_program", "number")]
    for col in table.columns[(max(lead) + 1 if lead else 0):first]:
        if col.field is None and col.label.strip() and _names(table, col):
            col.field = "indicator"
            return


def _names(table: ParsedTable, col: Column) -> bool:
    """Most filled cells of the column are words."""
    cells = [r.cells[col.index] for r in table.rows if col.index < len(r.cells) and r.cells[col.index].strip()]
    return bool(cells) and sum(bool(A_WORD.search(c)) for c in cells) >= MIN_SHARE * len(cells)


def _prove_predicates(table: ParsedTable) -> None:
    """A table with capaian but no predicate column: an unknown column most of whose cells are
    predicate words (``patterns/predicates.yaml``) holds the predicates ("Status", "Hasil Evaluasi")."""
    fields = table.fields()
    if "achievement" not in fields or fields & {"predicate", "predicate_mark"}:
        return
    words = predicate_words()
    for col in table.columns:
        cells = [fold_label(r.cells[col.index]) for r in table.rows if col.index < len(r.cells) and r.cells[col.index].strip()]
        if col.field is None and col.label.strip() and len(cells) >= 2 and \
                sum(c in words for c in cells) >= MIN_SHARE * len(cells):
            col.field = "predicate"
            return


def _prove_realisations_elsewhere(tables: list[ParsedTable]) -> None:
    """Unknown year columns printing, row by row, the realisations another table states for the same
    indicators and year are realisations; so are the table's other unknown columns under the same words."""
    realised, targets = _stated(tables, "realization"), _stated(tables, "target")
    for table in tables:
        columns = [c for c in table.columns
                   if c.field is None and c.year and c.label.strip() and not c.in_quarter and _numeric(table, c)]
        names = _row_names(table)
        # a column of targets agrees as well where targets were met: it must agree with realisations better
        proven = next((c for c in columns if _agreeing(realised.get(c.year, []), names, table, c)
                       > max(_agreeing(targets.get(c.year, []), names, table, c), 1)), None)
        if proven is None:
            continue
        before = _fields(table)
        for col in columns:
            if bare_label(col.label) == bare_label(proven.label):
                col.field = "realization"
        _prove_names(table)
        _rejoin(table, before)


def _stated(tables: list[ParsedTable], field: str) -> dict[int, list[tuple[str, Decimal]]]:
    """For each year, the (indicator name, figure) pairs of a field printed under headers that say so."""
    stated: dict[int, list[tuple[str, Decimal]]] = {}
    for table in tables:
        names = _row_names(table) if table.column("indicator") else {}
        for col in table.columns:
            if col.field == field and col.year:
                for i, row in enumerate(table.rows):
                    value = _value(row.cells[col.index]) if col.index < len(row.cells) else None
                    if value is not None and names.get(i):
                        stated.setdefault(col.year, []).append((names[i], value))
    return stated


def _row_names(table: ParsedTable) -> dict[int, str]:
    """Each row's indicator name: from the indicator column, or the first column of words."""
    col = table.column("indicator") or next(
        (c for c in table.columns if c.field is None and c.label.strip() and not _numeric(table, c) and _names(table, c)), None)
    if col is None:
        return {}
    return {i: r.cells[col.index] for i, r in enumerate(table.rows) if col.index < len(r.cells) and r.cells[col.index].strip()}


def _agreeing(stated: list[tuple[str, Decimal]], names: dict[int, str], table: ParsedTable, col: Column) -> int:
    """How many rows print the figure stated elsewhere for the indicator they name (0 unless most do)."""
    compared = agreeing = 0
    for i, name in names.items():
        same = [v for other, v in stated if same_name(other, name)]
        value = _value(table.rows[i].cells[col.index]) if col.index < len(table.rows[i].cells) else None
        if same and value is not None:
            compared += 1
            agreeing += value in same
    return agreeing if compared >= 2 and agreeing >= MIN_SHARE * compared else 0
