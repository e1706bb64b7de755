"""Interpret a table block: header rows, canonical columns, body rows.

Given a :class:`~extractor.structure.TableBlock`, :func:`parse_table` returns a
:class:`ParsedTable`: the header (two-level headers with merged cells filled right, the ``1 2 3 …``
column-number row recognised), one :class:`Column` per column with its canonical field and year
(from ``patterns/columns.yaml``), and body rows with wrapped cells joined, rows split by a page break
rejoined, merged cells (a *sasaran* spanning several indicator rows) filled down, and numbered lists
inside one cell (``1.A 2.B`` beside ``2 6``) split into rows. :func:`split_stacked` first cuts a block
holding two tables (a title line and a new header under a table's last row) in two.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import patterns
from .numbers import is_figure
from .read.base import Line
from .structure import TableBlock

YEAR = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
ROW_NUMBER = regex.compile(r"^\(?([0-9]{1,3}|[a-zA-Z]|[IVX]{1,4})[.)]?\)?$")
A_LETTER = regex.compile(r"\p{L}")
LIST_ITEM = regex.compile(r"(?:^|\s)(\d{1,2})\s*[.)]\s*(?=\S)")
FILL_DOWN_FIELDS = ("goal", "objective", "objective_and_program")
FIGURE_FIELDS = ("target", "realization", "achievement", "allocation", "allocation_original",
                 "budget_realization", "absorption", "efficiency", "renstra_target",
                 "renstra_achievement", "national_realization", "quarter", "average")


@dataclass
class Column:
    index: int
    label: str  # header labels joined top to bottom, as printed
    field: str | None  # canonical field, e.g. "target", "allocation"
    year: int | None = None
    predicate: str | None = None  # for a column headed by a predicate word (check marks)
    inferred: bool = False  # its field was proved by its figures (column_proof.py), not read from its header
    in_quarter: bool = False  # its labels name a quarter (TW I, Triwulan): it never holds the year's figure

    @property
    def key(self) -> str | None:
        if self.field is None:
            return None
        return f"{self.field}@{self.year}" if self.year else self.field


@dataclass
class Row:
    cells: list[str]
    lines: list[Line]
    filled: set[int] = field(default_factory=set)  # column indexes filled down from above

    @property
    def line(self) -> Line:
        return self.lines[0]

    @property
    def raw(self) -> str:
        return " ⏎ ".join(line.raw.strip() for line in self.lines)


@dataclass
class ParsedTable:
    block: TableBlock
    header: list[list[str]]
    columns: list[Column]
    rows: list[Row]
    kind: str = "other"
    # the columns of each field, and the first of each, once :meth:`freeze` says the columns are settled
    _by_field: dict[str | None, list[Column]] | None = field(default=None, repr=False, compare=False)
    _first: dict[str | None, Column] | None = field(default=None, repr=False, compare=False)

    def freeze(self) -> None:
        """Index the columns by field, once column proof and classification have settled them (their fields
        must not change after): every later lookup is then a dictionary's."""
        index: dict[str | None, list[Column]] = {}
        for c in self.columns:
            if c.field == "quarter" or not c.in_quarter:
                index.setdefault(c.field, []).append(c)
        self._by_field = index
        self._first = {name: columns[0] for name, columns in index.items()}

    def column(self, field_name: str, year: int | None = None) -> Column | None:
        """The first column with this canonical field (and year, when given); a column of a quarter only
        for the field ``quarter`` (a "Realisasi … Triwulan / TW I" column is not the year's realisasi)."""
        if year is None and self._first is not None:
            return self._first.get(field_name)
        columns = self._of_field(field_name)
        if year is None:
            return columns[0] if columns else None
        for col in columns:
            if col.year == year:
                return col
        return None

    def column_for(self, field_name: str, year: int | None, default_year: int | None) -> Column | None:
        """The column of this field for this year; a column printing no year holds the default year."""
        exact = next((c for c in self._of_field(field_name) if c.year == year), None)
        if exact is not None or year != default_year:
            return exact
        return next((c for c in self._of_field(field_name) if c.year is None), None)

    def _of_field(self, field_name: str) -> list[Column]:
        if self._by_field is not None:
            return self._by_field.get(field_name, [])
        return [c for c in self.columns if c.field == field_name and (field_name == "quarter" or not c.in_quarter)]

    def fields(self) -> set[str]:
        return {c.field for c in self.columns if c.field}

    def years(self) -> list[int]:
        return sorted({c.year for c in self.columns if c.year})


@lru_cache(maxsize=1)
def row_words() -> dict:
    """``patterns/rows.yaml``, compiled: record starts, total rows, spanning labels, merged cells."""
    return {"record_start": patterns.regex("rows", "record_start", flags=regex.I),
            "total_row": patterns.regex("rows", "total_row", flags=regex.I),
            "subtotal_row": patterns.regex("rows", "subtotal_row", flags=regex.I),
            "spanning_labels": patterns.words("rows", "spanning_labels"),
            "goal_objective_program": patterns.regex("rows", "goal_objective_program"),
            "realized": patterns.regex("rows", "realized", flags=regex.I)}


def is_total_label(label: str) -> bool:
    """Given a row's first text, say whether it labels a total or sub-total row (*jumlah*, *sub total*).

    >>> is_total_label("J U M L A H"), is_total_label("Sub Total"), is_total_label("Sasaran 1")
    (True, True, False)
    """
    folded = fold_label(label)
    words = row_words()
    return bool(words["total_row"].match(folded) or words["subtotal_row"].match(folded))


@lru_cache(maxsize=1)
def _column_rules():
    data = patterns.load("columns")
    groups = {name: patterns.regexes("columns", "groups", name) for name in data["groups"]}
    rules = [(r["field"], patterns.regex("columns", "rules", i, "pattern"), r.get("group"))
             for i, r in enumerate(data["rules"])]
    return groups, rules, predicate_words()


@lru_cache(maxsize=1)
def predicate_words() -> dict[str, str]:
    """Every spelling of a predicate (folded) mapped to its canonical name (``patterns/predicates.yaml``)."""
    return {w: canon for canon, ws in patterns.load("predicates")["words"].items() for w in ws}


@lru_cache(maxsize=1)
def _year_word() -> regex.Pattern:
    """The word that may stand before a year in a header label (*tahun*)."""
    return regex.compile(rf"(?:{patterns.alternation(patterns.words('columns', 'year_words'))})")


@lru_cache(maxsize=65536)
def fold_label(text: str) -> str:
    """Lowercase, fold spaces, close up letter-spaced words (cached: the same labels are folded by many rules).

    >>> fold_label("J U M L A H")
    'jumlah'
    >>> fold_label("  CAPAIAN   %")
    'capaian %'
    """
    return _closed_up(" ".join(text.lower().split()))


def _closed_up(text: str) -> str:
    """Given a lower-case text with its spaces folded, return it with a letter-spaced word closed up (a
    letter-spaced text has a space second: a text without one is not searched)."""
    return SPACED_LETTER.sub(r"\1", text) if text[1:2] == " " and LETTER_SPACED.fullmatch(text) else text


LETTER_SPACED = regex.compile(r"(\w )+\w")
SPACED_LETTER = regex.compile(r"\b(\w) (?=\w\b)")


def classify_column(labels: list[str]) -> tuple[str | None, int | None, str | None]:
    """Given a column's header labels top to bottom, return (field, year, predicate).

    >>> classify_column(["2023", "Target"])
    ('target', 2023, None)
    >>> classify_column(["ANGGARAN", "REALISASI"])
    ('budget_realization', None, None)
    >>> classify_column(["Capaian 2021"])
    ('achievement', 2021, None)
    >>> classify_column(["Target Akhir Renstra (2026)"])
    ('renstra_target', 2026, None)
    >>> classify_column(["Sangat Berhasil"])
    ('predicate_mark', None, 'Sangat Berhasil')
    """
    return _classify_column(tuple(labels))


@lru_cache(maxsize=8192)  # a report prints the same header labels over many tables
def _classify_column(labels: tuple[str, ...]) -> tuple[str | None, int | None, str | None]:
    groups, rules, predicate_words = _column_rules()
    joined = fold_label(" ".join(l for l in labels if l))
    years = YEAR.findall(joined)
    year = int(years[-1]) if years else None
    bare = fold_label(_year_word().sub(" ", YEAR.sub(" ", joined)).replace("()", " "))
    bare = " ".join(bare.split()).strip(" :")
    if bare in predicate_words:
        return "predicate_mark", None, predicate_words[bare]
    in_group = {name for name, pats in groups.items()
                if any(p.search(fold_label(l)) for p in pats for l in labels[:-1] if l)}
    leaf = fold_label(YEAR.sub(" ", labels[-1] if labels else "")).strip()
    for field_name, pattern, group in rules:
        if group == "efficiency":
            continue
        if group and group not in in_group:
            continue
        for target in ((leaf,) if group else (leaf, bare)):
            if target and pattern.search(target):
                return field_name, year, None
    if not bare and year:
        return None, year, None
    return None, year, None


def is_column_number_row(cells: list[str]) -> bool:
    """The ``1 2 3 4 …`` row under a header.

    >>> is_column_number_row(["1", "2", "3", "4"])
    True
    >>> is_column_number_row(["1.", "Indeks", "87"])
    False
    """
    values = []
    for cell in cells:  # (most rows fail on their first filled cell)
        if cell.strip():
            value = cell.strip("() ")
            if not (value.isdigit() and len(value) <= 2):
                return False
            values.append(value)
    if len(values) < 3:
        return False
    numbers = [int(v) for v in values]
    return numbers == sorted(numbers) and numbers[0] <= 2


def _is_header_row(cells: list[str]) -> bool:
    values = [c for c in cells if c.strip()]
    if not values:
        return False
    if ROW_NUMBER.match(values[0]) and cells[0].strip():
        return False
    for value in values:
        if not A_LETTER.search(value):
            if not (YEAR.fullmatch(value.strip("() ")) or _is_unit_marker(value)):
                return False
        elif is_figure(value) and not YEAR.search(value):
            return False
    return True


def _is_unit_marker(cell: str) -> bool:
    """A header cell holding only a unit marker of ``patterns/numbers.yaml``, maybe in parentheses.

    >>> _is_unit_marker("(Rp)"), _is_unit_marker("%"), _is_unit_marker("(2023)")
    (True, True, False)
    """
    marker = cell.strip()
    marker = marker[1:-1].strip() if marker.startswith("(") and marker.endswith(")") else marker
    return marker.lower() in patterns.words("numbers", "currency_markers") | patterns.words("numbers", "percent_markers")


def split_header(rows: list[Line]) -> tuple[list[list[str]], int]:
    """Given the row lines of a block, return (header rows, index of the first body row)."""
    header: list[list[str]] = []
    i = 0
    while i < len(rows) and i < 5:
        cells = rows[i].cells or []
        if is_column_number_row(cells):
            i += 1
            break
        if not _is_header_row(cells):
            break
        header.append(cells)
        i += 1
    return header, i


def header_columns(header: list[list[str]], width: int) -> list[Column]:
    """Given header rows, fill merged cells right and classify each column."""
    grid = [row + [""] * (width - len(row)) for row in header]
    for r in range(len(grid) - 1):
        below = grid[r + 1]
        for c in range(1, width):
            if not grid[r][c] and grid[r][c - 1] and below[c] and below[c - 1] and _is_group_label(grid[r][c - 1]):
                grid[r][c] = grid[r][c - 1]
    columns = []
    for c in range(width):
        labels = [grid[r][c] for r in range(len(grid))]
        field_name, year, predicate = classify_column([l for l in labels if l] or [""])
        columns.append(Column(c, " / ".join(l for l in labels if l), field_name, year, predicate,
                              in_quarter=field_name == "quarter" or names_quarter(labels)))
    return columns


def names_quarter(labels: list[str]) -> bool:
    """Whether a column's labels name a quarter or quarters (``patterns/columns.yaml`` group ``quarter``).

    >>> names_quarter(["Realisasi Keuangan per Triwulan", "Rp"]), names_quarter(["Realisasi Tahunan"])
    (True, False)
    """
    return any(_names_quarter(label) for label in labels if label)


@lru_cache(maxsize=4096)  # a report heads many tables with the same labels
def _names_quarter(label: str) -> bool:
    groups, _, _ = _column_rules()
    return any(p.search(fold_label(label)) for p in groups["quarter"])


@lru_cache(maxsize=4096)
def _is_group_label(label: str) -> bool:
    """A label that can span several columns: a year, or a group word (KINERJA, ANGGARAN, Target …)."""
    groups, _, _ = _column_rules()
    folded = fold_label(label)
    if YEAR.search(folded):
        return True
    return any(p.search(folded) for pats in groups.values() for p in pats) or folded in row_words()["spanning_labels"]


def _has_data(cells: list[str], columns: list[Column]) -> bool:
    """Whether a row prints data of its own (not the wrapped end of the row above): a cell of a column of
    figures, predicates, units, or a figure in a column whose header names no field."""
    for col in columns:
        if col.index < len(cells) and cells[col.index].strip():
            if col.field in FIGURE_FIELDS or col.field in ("predicate", "predicate_mark", "unit", "funding_source"):
                return True
            if col.field is None and is_figure(cells[col.index].strip()):
                return True
    return False


def _starts_record(cells: list[str]) -> bool:
    first = next((c for c in cells if c.strip()), "")
    return bool(cells and cells[0].strip()) or bool(
        row_words()["record_start"].match(fold_label(first))) or is_total_label(first)


def body_rows(lines: list[Line], columns: list[Column], header: list[list[str]] | None = None) -> list[Row]:
    """Join wrapped and page-split rows, fill merged cells down, split numbered lists.

    A header row or column-number row printed again where the table goes on over a page is dropped.
    """
    width = len(columns)
    repeated = {_row_key(h) for h in header or []}
    key_lengths = {len(key) for key in repeated}
    rows: list[Row] = []
    for line in lines:
        cells = (line.cells or []) + [""] * (width - len(line.cells or []))
        if ((header and _may_repeat(cells, key_lengths) and _row_key(cells) in repeated)
                or (rows and is_column_number_row(cells))):
            continue
        data = _has_data(cells, columns)
        page_split = (rows and data and not cells[0].strip() and line.number > rows[-1].lines[-1].number + 1
                      and not _has_data(rows[-1].cells, columns))
        if rows and (page_split or not data and not _starts_record(cells)):
            prev = rows[-1]
            for c, text in enumerate(cells[:width]):
                if text.strip():
                    prev.cells[c] = f"{prev.cells[c]} {text}".strip()
            prev.lines.append(line)
            continue
        rows.append(Row(cells[:width] if width else cells, [line]))
    rows = [split for row in rows for split in split_numbered_list(row)]
    _fill_down(rows, columns)
    return rows


def _row_key(cells: list[str]) -> tuple[str, ...]:
    return tuple(fold_label(c) for c in cells if c.strip())


def _may_repeat(cells: list[str], key_lengths: set[int]) -> bool:
    """Whether a row may be a header row printed again: its key (:func:`_row_key`, one label per filled cell)
    is as long as a header row's (False certain: the row's cells are not folded)."""
    return sum(1 for c in cells if c.strip()) in key_lengths


def split_numbered_list(row: Row) -> list[Row]:
    """Split ``1.A 2.B 3.C`` in one cell beside ``2 6 1`` in others into three rows."""
    if not _may_list("".join(row.cells)):
        return [row]  # no cell holds items: none is looked at
    for c, text in enumerate(row.cells):
        items = _numbered_items(text)
        if len(items) < 2:
            continue
        k = len(items)
        parts_by_col = {}
        for d, other in enumerate(row.cells):
            if d == c or not other.strip():
                continue
            parts = other.split()
            if len(parts) == k and all(is_figure(p) for p in parts):
                parts_by_col[d] = parts
        if not parts_by_col:
            continue
        out = []
        for i, item in enumerate(items):
            cells = [cell if d not in parts_by_col else parts_by_col[d][i] for d, cell in enumerate(row.cells)]
            cells[c] = item
            out.append(Row(cells, list(row.lines), set(row.filled)))
        return out
    return [row]


def _numbered_items(text: str) -> list[str]:
    """``"1.Terlaksana A 2.Terlaksana B"`` → ``["Terlaksana A", "Terlaksana B"]`` (numbers 1..k in order)."""
    if not _may_list(text):
        return []
    marks = list(LIST_ITEM.finditer(text))
    expected, keep = 1, []
    for m in marks:
        if int(m[1]) == expected:
            keep.append(m)
            expected += 1
    if len(keep) < 2 or keep[0].start() > 1:
        return []
    return [text[m.end(): (keep[i + 1].start() if i + 1 < len(keep) else len(text))].strip()
            for i, m in enumerate(keep)]


def _may_list(text: str) -> bool:
    """Whether a text may hold items 1 and 2 (False is certain; other scripts' digits are numbers too: a text
    not all ASCII may). What it says of cells joined it says of each cell.

    >>> _may_list("1.A 2.B"), _may_list("1.A"), _may_list("١.A ٢.B")
    (True, False, True)
    """
    return not text.isascii() or ("1" in text and "2" in text)


def _fill_down(rows: list[Row], columns: list[Column]) -> None:
    fill = [c.index for c in columns if c.field in FILL_DOWN_FIELDS]
    for prev, row in zip(rows, rows[1:]):
        empty = [c for c in fill if c < len(row.cells) and not row.cells[c].strip() and prev.cells[c].strip()]
        if not empty or is_total_label(next((c for c in row.cells if c.strip()), "")):
            continue  # nothing to fill; or a JUMLAH row, which belongs to no sasaran
        if _has_data(row.cells, columns):  # filling a label in leaves the row's data as it was
            for c in empty:
                row.cells[c] = prev.cells[c]
                row.filled.add(c)


def parse_table(block: TableBlock) -> ParsedTable:
    """Given a table block, return the parsed table (header, columns, body rows)."""
    header, start = split_header(block.rows)
    width = max((len(r.cells or []) for r in block.rows), default=0)
    columns = header_columns(header, width) if header else [Column(c, "", None) for c in range(width)]
    rows = body_rows(block.rows[start:], columns, header)
    return ParsedTable(block, header, columns, rows)


def split_stacked(block: TableBlock) -> list[TableBlock]:
    """Given a table block, return the tables it holds: one, or more when a title line and a new header
    follow its rows (an annex printed straight after another: "RENCANA AKSI … TAHUN 2023" then
    "No | Sasaran Strategis | Indikator Kinerja | …" under the budget matrix's last row).

    A row after a line of text starts a new table when it reads as a header (:func:`_is_header_row`, two
    cells naming a known column) that is not the block's own header printed again after a page break
    (the same words, or, read by OCR with other spellings, mostly the same columns: :func:`_same_columns`).
    The line of text just above it is the new table's caption.
    """
    header, start = split_header(block.rows)
    if not header:
        return [block]
    seen = {_row_key(h) for h in header}
    between = sorted(block.text_between, key=lambda line: line.number)
    numbers = [line.number for line in between]
    for k in range(start + 1, len(block.rows)):
        row, previous = block.rows[k], block.rows[k - 1]
        last = bisect_left(numbers, row.number) - 1  # the last line of text above the row: below the previous?
        cells = row.cells or []
        if last < 0 or numbers[last] <= previous.number or not _opens_header(cells) or _row_key(cells) in seen \
                or _same_columns(header[0], cells):
            continue
        title = between[last]
        head = TableBlock(block.caption, block.number, block.line, block.rows[:k],
                          block.section, [line for line in between if line.number < title.number], block.rebuilt)
        rest = TableBlock(title.text.strip("* "), None, title.number, block.rows[k:], block.section,
                          [line for line in between if line.number > row.number], block.rebuilt)
        return [head, *split_stacked(rest)]
    return [block]


def _opens_header(cells: list[str]) -> bool:
    """Whether a row reads as a table's header: :func:`_is_header_row`, with two or more cells naming a
    known column (a row of names only, "URUSAN PEMERINTAHAN BIDANG SOSIAL", names none)."""
    return _is_header_row(cells) and sum(1 for c in cells if c.strip() and classify_column([c])[0]) >= 2


def _same_columns(first: list[str], other: list[str]) -> bool:
    """Whether two header rows name mostly the same columns: half or more of the fields either names."""
    a, b = ({classify_column([c])[0] for c in cells if c.strip()} - {None} for cells in (first, other))
    return bool(a and b) and 2 * len(a & b) >= min(len(a), len(b))


MAX_GAP = 8  # lines (a page's running header, footer and number) between a header and the rows it heads


def join_headless(tables: list[ParsedTable]) -> list[ParsedTable]:
    """Given the parsed tables in order, give a table that is all header (its body cut off by a page
    header or footer right after its column-number row) the rows of the uncaptioned, headerless table
    of the same width that follows it.

    Without this the measurement table is lost and its achievements are taken from a table that
    prints none.
    """
    out: list[ParsedTable] = []
    for table in tables:
        head = out[-1] if out else None
        if head is not None and _continues_header(head, table):
            head.block.rows += table.block.rows
            head.block.text_between += table.block.text_between
            head.rows = body_rows(table.block.rows, head.columns, head.header)
            continue
        out.append(table)
    return out


def _continues_header(head: ParsedTable, table: ParsedTable) -> bool:
    """``table`` is the body of ``head``: head has a classified header and no row, table has no caption,
    no header, as many columns, and starts within a few lines."""
    if head.rows or not head.header or not head.fields() or table.block.caption or table.header:
        return False
    last = max((line.number for line in head.block.rows), default=head.block.line)
    width = max((len(line.cells or []) for line in table.block.rows), default=0)
    return width == len(head.columns) and 0 < table.block.line - last <= MAX_GAP
