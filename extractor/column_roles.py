"""Column roles read from the figures, where the header's words do not say them.

Reports name their columns in many ways ("Rencana", "Hasil", "Kinerja yang Dicapai", "Dana Tersedia",
"Daya Serap"); ``patterns/columns.yaml`` knows the usual ones, never all. What every measurement table
and every budget table shares is its arithmetic: *capaian* = *realisasi* / *target* × 100 (or its
inverse for an indicator that is better when lower), *penyerapan* = *realisasi* / *pagu* × 100. Given a
parsed table, :func:`infer_roles` finds the three columns whose figures keep that relation on most rows
and gives the ones whose header said nothing their role: target/realization/achievement for
indicator figures, allocation/budget_realization/absorption for rupiah amounts. A column whose header
was understood is never changed.
"""
from __future__ import annotations

from decimal import Decimal
from itertools import permutations

from .numbers import decimal_mark_of_column, parse_figure
from .names import same_name
from .printings import predicate_words
from .prose import YEAR
from .tables import ParsedTable, fold_label

#: the roles of a ratio triple, for figures of indicators and for rupiah amounts
MEASUREMENT_ROLES = ("target", "realization", "achievement")
BUDGET_ROLES = ("allocation", "budget_realization", "absorption")
#: a column of amounts this large (median) holds rupiah, not indicator figures
RUPIAH_FROM = Decimal(100_000)
#: rows whose three figures must agree (share of the rows that print all three, and at least this many)
AGREEING_SHARE = Decimal("0.6")
MIN_AGREEING = 2
#: a printed percentage agrees with the recomputed one within this many points (rounding, truncation)
TOLERANCE = Decimal("1.0")


def column_values(table: ParsedTable) -> dict[int, dict[int, Decimal]]:
    """Given a table, return for each column that mostly prints figures its values by row index.

    >>> from extractor.tables import Column, Row
    >>> t = _table([["Indikator A", "80", "88", "110%"], ["Indikator B", "50", "40", "80%"]])
    >>> sorted(column_values(t))
    [1, 2, 3]
    """
    values: dict[int, dict[int, Decimal]] = {}
    for column in table.columns:
        cells = [row.cells[column.index] if column.index < len(row.cells) else "" for row in table.rows]
        printed = [(i, c) for i, c in enumerate(cells) if c.strip()]
        if not printed:
            continue
        mark = decimal_mark_of_column([c for _, c in printed])
        read = {}
        for i, cell in printed:
            figure = parse_figure(cell, mark)
            if figure is not None and figure.value is not None:
                read[i] = figure.value
        if len(read) >= max(MIN_AGREEING, len(printed) * 0.6):
            values[column.index] = read
    return values


def agrees(target: Decimal, realization: Decimal, achievement: Decimal) -> bool:
    """True when ``achievement`` is the percentage ``realization`` makes of ``target``, either way round
    (higher or lower is better), within :data:`TOLERANCE`.

    >>> agrees(Decimal(80), Decimal(88), Decimal(110)), agrees(Decimal(12), Decimal(10), Decimal("120"))
    (True, True)
    >>> agrees(Decimal(80), Decimal(88), Decimal(95))
    False
    """
    candidates = []
    if target:
        candidates += [realization / target * 100, (2 * target - realization) / target * 100]
    if realization:
        candidates.append(target / realization * 100)
    return any(abs(c - achievement) <= TOLERANCE for c in candidates)


def best_triple(table: ParsedTable, values: dict[int, dict[int, Decimal]]) -> tuple[int, int, int] | None:
    """The (target, realisation, percentage) columns that agree on the most rows, with at least one
    column whose header gave no role and none whose header gave another role; None when no three agree.
    """
    fields = {c.index: c.field for c in table.columns}
    labels = {c.index: c.label for c in table.columns}
    best, best_count = None, 0
    for t, r, c in permutations(sorted(values), 3):
        if not _roles_fit(fields, labels, (t, r, c)):
            continue
        rows = set(values[t]) & set(values[r]) & set(values[c])
        count = sum(1 for i in rows if agrees(values[t][i], values[r][i], values[c][i]))
        if count < max(MIN_AGREEING, AGREEING_SHARE * len(rows)):
            continue
        if count > best_count or (count == best_count and best and (t, r, c) < best):
            best, best_count = (t, r, c), count
    return best


def _roles_fit(fields: dict[int, str | None], labels: dict[int, str], triple: tuple[int, int, int]) -> bool:
    """Each column of the triple is either named with the role it would get or headed by words that
    name nothing known (a column with no header at all is no column of the table's own)."""
    if any(fields[i] is None and not labels[i].strip() for i in triple):
        return False
    unnamed = [fields[i] is None for i in triple]
    if not any(unnamed):
        return False
    return all(fields[i] is None or fields[i] in (m, b)
               for i, m, b in zip(triple, MEASUREMENT_ROLES, BUDGET_ROLES))


def infer_roles(table: ParsedTable) -> list[int]:
    """Give the unnamed columns of a table the roles their figures' arithmetic shows, and the unnamed
    column of names before them its role (indicator or program); return the indexes it named.

    >>> t = _table([["Indikator A", "80", "88", "110%"], ["Indikator B", "50", "40", "80%"],
    ...             ["Indikator C", "12", "10", "120%"]], labels=["Indikator", "Rencana", "Hasil", "Capaian"])
    >>> infer_roles(t), [c.field for c in t.columns]
    ([1, 2], ['indicator', 'target', 'realization', 'achievement'])
    >>> t = _table([["Indikator kinerja A", "80", "88", "110%"], ["Indikator kinerja B", "50", "40", "80%"]],
    ...            labels=["Ukuran Keberhasilan", "Rencana", "Realisasi", "Capaian"])
    >>> infer_roles(t), [c.field for c in t.columns]
    ([1, 0], ['indicator', 'target', 'realization', 'achievement'])
    >>> t = _table([["A", "80", "88", "110%", "Sangat Berhasil"], ["B", "50", "40", "80%", "Berhasil"]],
    ...            labels=["Indikator", "Rencana", "Realisasi", "Capaian", "Status"])
    >>> infer_roles(t), [c.field for c in t.columns][-1]
    ([1, 4], 'predicate')
    """
    if not table.header:
        return []  # a fragment without its header (a table continued, a list): nothing to name
    values = column_values(table)
    named = []
    triple = best_triple(table, values)
    if triple is not None:
        amounts = sorted(values[triple[0]].values())
        roles = BUDGET_ROLES if amounts[len(amounts) // 2] >= RUPIAH_FROM else MEASUREMENT_ROLES
        for index, role in zip(triple, roles):
            column = table.columns[index]
            if column.field is None:
                column.field = role
                named.append(index)
    name = name_column(table, values)
    if name is not None:
        table.columns[name[0]].field = name[1]
        named.append(name[0])
    fields = {c.field for c in table.columns}
    if "achievement" in fields and not fields & {"predicate", "predicate_mark"}:
        for column in table.columns:
            if column.field is None and column.label.strip() and _predicates(table, column.index):
                column.field = "predicate"
                named.append(column.index)
                break
    return named


def infer_from_other_tables(tables: list[ParsedTable]) -> list[tuple[ParsedTable, int]]:
    """Give unnamed year columns the role *realisasi* when, row by row, they print the realisations
    that another table states for the same indicators and year (a comparison table headed "Hasil 2021",
    "Kinerja 2022" …); every unnamed column of the table with the same header word and another year
    takes the role too. Return the (table, column index) pairs it named.
    """
    known = _stated_realisations(tables)
    named = []
    for table in tables:
        if not table.header:
            continue
        columns = [c for c in table.columns if c.field is None and c.year and c.label.strip()]
        if not columns:
            continue
        names = _row_names(table)
        values = column_values(table)
        for column in columns:
            if column.index not in values or not _agree_with(known.get(column.year, {}), names, values[column.index]):
                continue
            word = _bare_label(column.label)
            for other in columns:
                if other.field is None and _bare_label(other.label) == word and other.index in values:
                    other.field = "realization"
                    named.append((table, other.index))
            break
        if any(t is table for t, _ in named) and not table.column("indicator"):
            name = name_column(table, values)
            if name is not None:
                table.columns[name[0]].field = name[1]
    return named


def _stated_realisations(tables: list[ParsedTable]) -> dict[int, list[tuple[str, Decimal]]]:
    """For each year, the (indicator name, realisation) pairs the tables print with headers that say so."""
    known: dict[int, list[tuple[str, Decimal]]] = {}
    for table in tables:
        name_col = table.column("indicator")
        if name_col is None:
            continue
        values = column_values(table)
        names = _row_names(table)
        for column in table.columns:
            if column.field == "realization" and column.year and column.index in values:
                known.setdefault(column.year, []).extend(
                    (names[i], v) for i, v in values[column.index].items() if names.get(i))
    return known


def _row_names(table: ParsedTable) -> dict[int, str]:
    column = table.column("indicator") or next(
        (c for c in table.columns if c.field is None and c.label.strip() and _names(table, c.index)), None)
    if column is None:
        return {}
    return {i: row.cells[column.index] for i, row in enumerate(table.rows)
            if column.index < len(row.cells) and row.cells[column.index].strip()}


def _agree_with(stated: list[tuple[str, Decimal]], names: dict[int, str], values: dict[int, Decimal]) -> bool:
    """True when most rows print the value stated elsewhere for the indicator they name."""
    if not stated:
        return False
    compared = agreeing = 0
    for i, value in values.items():
        same = [v for name, v in stated if names.get(i) and same_name(name, names[i])]
        if same:
            compared += 1
            agreeing += value in same
    return agreeing >= max(MIN_AGREEING, AGREEING_SHARE * compared)


def _bare_label(label: str) -> str:
    """A header label without its years ("Hasil 2021" → "hasil")."""
    return " ".join(YEAR.sub(" ", fold_label(label)).split())


def name_column(table: ParsedTable, values: dict[int, dict[int, Decimal]]) -> tuple[int, str] | None:
    """The unnamed column that names what a table's figures measure, and its role: in a table whose
    figures are targets, realisations or capaian (indicator figures) or allocations and realisations
    (rupiah) and which has no column of indicator or program names, the column of words just before the
    first such figure column."""
    fields = {c.field for c in table.columns}
    if fields & NAME_ROLES.keys():
        return None
    figures = [c.index for c in table.columns if c.field in ROLE_OF_FIGURES]
    if not figures:
        return None
    role = ROLE_OF_FIGURES[table.columns[figures[0]].field]
    candidates = [c.index for c in table.columns[:figures[0]]
                  if c.field is None and c.label.strip() and c.index not in values and _names(table, c.index)]
    if not candidates:
        return None
    # names differ row to row; a column of how each is computed ("… / … x 100%") repeats itself
    return max(reversed(candidates), key=lambda i: _distinct_share(table, i)), role


def _distinct_share(table: ParsedTable, index: int) -> float:
    cells = [row.cells[index].strip() for row in table.rows if index < len(row.cells) and row.cells[index].strip()]
    return len(set(cells)) / len(cells) if cells else 0.0


#: the figure fields a name column can stand before, and the name each gives it
ROLE_OF_FIGURES = {**{f: "indicator" for f in MEASUREMENT_ROLES}, **{f: "program" for f in BUDGET_ROLES}}
NAME_ROLES = {"indicator": True, "program": True, "activity": True}


def _predicates(table: ParsedTable, index: int) -> bool:
    """True when most printed cells of the column are predicate words (*Sangat Berhasil*, *Tinggi* …)."""
    words = predicate_words()
    cells = [fold_label(row.cells[index]) for row in table.rows if index < len(row.cells) and row.cells[index].strip()]
    return len(cells) >= MIN_AGREEING and sum(1 for c in cells if c in words) >= 0.6 * len(cells)


def _names(table: ParsedTable, index: int) -> bool:
    """True when most printed cells of the column are names: words, not figures, mostly different."""
    cells = [row.cells[index].strip() for row in table.rows if index < len(row.cells) and row.cells[index].strip()]
    wordy = [c for c in cells if sum(ch.isalpha() for ch in c) > len(c) / 2 and len(c.split()) >= 2]
    return len(wordy) >= max(1, 0.6 * len(cells)) and len(set(wordy)) >= 0.6 * len(wordy)


def _table(rows: list[list[str]], labels: list[str] | None = None) -> ParsedTable:
    """A small table for the examples: columns classified from ``labels`` as the table parser does."""
    from .tables import Column, Row, classify_column
    labels = labels or [""] * len(rows[0])
    columns = [Column(i, label, classify_column([label])[0]) for i, label in enumerate(labels)]
    return ParsedTable(block=None, header=[labels], columns=columns, rows=[Row(cells=r, lines=[]) for r in rows])
