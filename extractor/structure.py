"""Find the structure of a report in its lines: parts and sections, and table blocks.

Given the :class:`~extractor.read.base.Document` lines, :func:`find_sections` labels every line with
the part/section it belongs to, and :func:`find_table_blocks` cuts out each table: its caption, the
row lines under it (continued over page breaks and blank lines) until the ``Sumber:`` line, the
next caption, a heading or prose.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import patterns
from .joined import Joined, texts_found
from .patterns import required_word
from .read.base import Line
from .scrambled import recover_rows

CASELESS = regex.I | regex.V1  # flags of the headings matched whatever their case
TITLE_WORD = regex.compile(r"\p{L}{3}")  # a line between rows that could title a table prints a word


@dataclass
class Section:
    """A part of the report: chapter (*BAB*), numbered section, or a named part."""

    kind: str  # chapter | section | preface | executive_summary | contents | list_of_tables | …
    number: str | None
    title: str
    line: int
    chapter: str | None = None  # the enclosing chapter number (roman), e.g. "III"


@dataclass
class TableBlock:
    """A table as it stands in the lines: caption and row lines, not yet interpreted."""

    caption: str | None
    number: str | None
    line: int  # first line of the caption (or first row when uncaptioned)
    rows: list[Line] = field(default_factory=list)
    section: Section | None = None
    text_between: list[Line] = field(default_factory=list)  # non-row lines inside the block
    rebuilt: bool = False  # rows rebuilt from plain OCR text by a standard layout

    @property
    def caption_text(self) -> str:
        return self.caption or "(uncaptioned table)"


CASED = ("section", "lettered_section")  # numbered sections are told by their capital letters
TOC_PAGE = regex.compile(r"[ivxlcdm]+|\d{1,3}", regex.I)  # the page number after a heading in a table of contents
_GROUP_NAME = regex.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=None)
def _heading(key: str) -> regex.Pattern:
    """A pattern of ``patterns/headings.yaml``; numbered sections are told by their capital letters."""
    return patterns.regex("headings", key, flags=0 if key in CASED else CASELESS)


@lru_cache(maxsize=1)
def _heading_screen() -> regex.Pattern | None:
    """One pattern matching at the start of a text wherever a heading pattern would (most lines are not
    headings and fail it at once), or None when a pattern refers to its own groups."""
    cased = [_heading(key).pattern for key in CASED]
    caseless = [_heading("chapter").pattern] + [pattern.pattern for _, pattern in _parts()]
    if any("(?P=" in p or "\\g<" in p for p in cased + caseless):
        return None
    # the start every heading pattern opens with, tried once for them all rather than once per pattern
    lead = LINE_START if all(p.startswith(LINE_START) for p in cased + caseless) else ""
    branches = [f"(?:{_GROUP_NAME.sub('(?:', p[len(lead):])})" for p in cased]
    branches += [f"(?i:{_GROUP_NAME.sub('(?:', p[len(lead):])})" for p in caseless]
    return regex.compile(lead + "(?:" + "|".join(branches) + ")", flags=regex.V1)


LINE_START = r"^\s*"  # a heading pattern's usual opening: the start of the line, maybe after spaces


@lru_cache(maxsize=1)
def _parts() -> list[tuple[str, regex.Pattern]]:
    """The named parts (preface, contents …) with their patterns, in file order."""
    return [(key, pattern) for key in patterns.entry("headings", "parts")
            for pattern in patterns.regexes("headings", "parts", key, flags=CASELESS)]


def _listing_parts() -> frozenset[str]:
    return patterns.words("headings", "listing_parts")


def match_heading(line: Line) -> Section | None:
    """Given a line, return the :class:`Section` it opens, or None.

    >>> match_heading(Line(1, "BAB III AKUNTABILITAS", "BAB III AKUNTABILITAS KINERJA")).number
    'III'
    >>> match_heading(Line(2, "", "3.2 Perbandingan Realisasi Kinerja Tahun 2022")).kind
    'section'
    >>> match_heading(Line(3, "", "RINGKASAN EKSEKUTIF")).kind
    'executive_summary'
    >>> match_heading(Line(4, "", "A. Capaian Kinerja Perangkat daerah")).number
    'A'
    """
    text = line.text.strip()
    if line.is_row:
        # a line of a table of contents: the heading, then only its page number
        rest = [c for c in line.cells[1:] if c.strip()]
        if len(rest) != 1 or not TOC_PAGE.fullmatch(rest[0].strip()):
            return None
        text = line.cells[0].strip()
    if len(text) > 160:
        return None
    screen = _heading_screen()
    if screen is not None and not screen.match(text):
        return None
    m = _heading("chapter").match(text)
    if m and (number := _roman(m["number"])) is not None:
        return Section("chapter", number, m["title"].strip(), line.number)
    for key, pattern in _parts():
        if pattern.match(text):
            return Section(key, None, text, line.number)
    for key in ("section", "lettered_section"):
        m = _heading(key).match(text)
        if m and not text.endswith((".", ";", ",", ":")) and not _heading("caption_listing").search(text):
            return Section("section", m["number"], m["title"].strip(), line.number)
    return None


# a report has a handful of chapters; a "BAB" followed by a longer number is not a chapter heading
MAX_CHAPTER = 99
_ROMAN_DIGITS = [(90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(number: str) -> str | None:
    """Normalise a chapter number (*BAB*) to roman numerals (``"3"`` → ``"III"``); None past :data:`MAX_CHAPTER`.

    >>> _roman("3"), _roman("49"), _roman("iv"), _roman("10000000"), _roman("9" * 30)
    ('III', 'XLIX', 'IV', None, None)
    """
    if not number.isdigit():
        return number.upper()
    if len(number) > 2 or int(number) > MAX_CHAPTER:
        return None
    value, out = int(number), ""
    for arabic, roman in _ROMAN_DIGITS:
        count, value = divmod(value, arabic)
        out += roman * count
    return out


def find_sections(lines: list[Line]) -> list[Section | None]:
    """Given all lines, return for each line the section it belongs to (None before the first)."""
    current: Section | None = None
    chapter: str | None = None
    owners: list[Section | None] = []
    listing = _listing_parts()
    listed_chapters: set[str] = set()
    for line in lines:
        heading = match_heading(line)
        if heading and current and current.kind in listing and heading.kind in ("section", "chapter"):
            # DAFTAR ISI lists the chapters once; the body begins where a chapter comes again
            if heading.kind == "section" or heading.number not in listed_chapters:
                listed_chapters.add(heading.number or "")
                heading = None
        if heading:
            if heading.kind == "chapter":
                chapter = heading.number
            elif heading.kind not in ("section",):
                chapter = None if heading.kind != "closing" else chapter
            heading.chapter = chapter
            current = heading
        owners.append(current)
    return owners


def is_listing(section: Section | None) -> bool:
    """True for DAFTAR ISI / TABEL / GAMBAR / LAMPIRAN: lines there are never content."""
    return section is not None and section.kind in _listing_parts()


def match_caption(line: Line) -> tuple[str, str] | None:
    """Given a line, return (number, title) when it is a table caption in the body.

    >>> match_caption(Line(1, "", "Tabel 3.1.1"))
    ('3.1.1', '')
    >>> match_caption(Line(1, "", "Tabel. 3.3 Matriks Permasalahan"))
    ('3.3', 'Matriks Permasalahan')
    >>> match_caption(Line(1, "", "Tabel IV"))
    ('IV', '')
    >>> match_caption(Line(1, "", "Tabel berikut menggambarkan skala nilai")) is None
    True
    """
    text = line.cells[0] if line.is_row and len([c for c in line.cells if c]) == 1 else line.text
    m = _heading("caption").match(text)
    if not m or len(text) > 200:
        return None
    return m["number"].rstrip("."), m["title"].strip(" .:")


def find_table_blocks(lines: list[Line], sections: list[Section | None]) -> list[TableBlock]:
    """Given lines and their sections, return every table block, captioned or not."""
    blocks: list[TableBlock] = []
    i = 0
    n = len(lines)
    opening = _may_open_table(lines)  # a line that is no row and no caption opens nothing: passed over
    # plain OCR text: the tables lost their columns (hardly any line has cells)
    plain = sum(1 for line in lines if line.is_row) < max(3, len(lines) // 100)
    while i < n:
        i = opening[bisect_left(opening, i)]
        if i == n:
            break
        line, section = lines[i], sections[i]
        if is_listing(section):
            i += 1
            continue
        caption = match_caption(line)
        if caption is not None:
            start = i
            block, i = _read_captioned(lines, sections, i, caption)
            if not block.rows and plain:
                block = _recover_scrambled(block, lines[start + 1:])
            if block.rows:
                blocks.append(block)
            continue
        if line.is_row and i + 1 < n and _next_row(lines, i + 1, limit=2) is not None:
            block, i = _read_rows(lines, sections, i, TableBlock(None, None, line.number, section=section))
            if len(block.rows) >= 2:
                i = _caption_below(lines, sections, i, block)
                blocks.append(block)
            continue
        i += 1
    return blocks


def _may_open_table(lines: list[Line]) -> list[int]:
    """Given lines, return in order the indexes of the rows and of the other lines that may be captions
    (:func:`match_caption` is None for the rest: False is certain), then ``len(lines)``.

    A caption holds the word its pattern requires (:func:`~extractor.patterns.required_word`, "Tabel"): that
    word is looked up once in the texts of the lines joined, with the pattern's own flags (its case rules).
    """
    caption = _heading("caption")
    word = required_word(caption)
    if word is None:
        return list(range(len(lines) + 1))
    pattern = patterns.compiled(regex.escape(word), caption.flags & ~(regex.X | regex.R))
    texts = ["" if line.is_row else line.text for line in lines]
    found = texts_found(Joined.of(texts), lambda text, at: m.start() if (m := pattern.search(text, at)) else -1)
    return sorted(found.union(k for k, line in enumerate(lines) if line.is_row)) + [len(lines)]


def _caption_below(lines: list[Line], sections, i: int, block: TableBlock) -> int:
    """Give an uncaptioned table the caption printed under it (after at most two short notes such as
    "Sumber: …" or "*) …"), when that caption opens no table of its own; return the index after the
    caption, or ``i`` when there is none.

    >>> rows = [Line(1, "", "No\tA\tB", ["No", "A", "B"]), Line(2, "", "1\tx\t2", ["1", "x", "2"]),
    ...         Line(3, "", "*) catatan"), Line(4, "", "Tabel 3 Realisasi Anggaran"), Line(5, "", ""),
    ...         Line(6, "", "Prosa berikut:"), Line(7, "", "No\tA", ["No", "A"])]
    >>> block = TableBlock(None, None, 1, rows=rows[:2])
    >>> _caption_below(rows, [None] * 7, 2, block), block.caption, block.line
    (4, 'Tabel 3 Realisasi Anggaran', 1)
    """
    k, notes = i, 0
    while k < len(lines):
        text = lines[k].text.strip()
        if text and match_caption(lines[k]):
            break
        if text:
            if lines[k].is_row or match_heading(lines[k]) or len(text) > 100 or notes >= 2:
                return i
            notes += 1
        k += 1
    else:
        return i
    number, title = match_caption(lines[k])
    after = k + 1
    if not title:  # "Tabel 3" with its title on the next line
        nxt = _next_text(lines, after)
        if nxt is None or lines[nxt].is_row or match_heading(lines[nxt]) or match_caption(lines[nxt]):
            return i
        title, after = lines[nxt].text.strip("* "), nxt + 1
    nxt = _next_text(lines, after)
    if nxt is not None and lines[nxt].is_row:
        return i  # the caption opens the next table
    block.caption = f"{patterns.entry('headings', 'caption_word')} {number} {title}"
    block.number = number
    return after


def _next_text(lines: list[Line], start: int) -> int | None:
    """Index of the next line that is not blank."""
    return next((j for j in range(start, len(lines)) if lines[j].text.strip()), None)


def _recover_scrambled(block: TableBlock, following: list[Line]) -> TableBlock:
    """Rebuild the rows of a table whose columns were lost (see :mod:`extractor.scrambled`)."""
    recovered = recover_rows(block.caption or "", following)
    if recovered:
        header, rows = recovered
        first = following[0] if following else None
        header_line = Line(number=first.number if first else block.line, raw="", text="\t".join(header),
                           cells=header, page=first.page if first else None)
        block.rows = [header_line] + rows
        block.rebuilt = True
    return block


def _opens_another_table(block: TableBlock, row: Line) -> bool:
    """Whether a row after a line of text between rows is the header of another table: three cells of
    words or more, none with a digit, sharing no label with the header of ``block`` (then it is that
    header repeated after a page break), once rows of figures followed that header (before, it is the
    header's next row under a wrapped label).

    >>> block = TableBlock(None, None, 1, rows=[Line(1, "", "", ["Kode", "Uraian", "Pagu"]),
    ...                                         Line(2, "", "", ["1.1", "Belanja", "Rp 5.000"])])
    >>> _opens_another_table(block, Line(5, "", "", ["No", "Indikator", "Satuan", "Target"]))
    True
    >>> _opens_another_table(block, Line(5, "", "", ["Kode", "Uraian", "Pagu"]))
    False
    >>> _opens_another_table(block, Line(5, "", "", ["1.1", "Belanja", "Rp 5.000"]))
    False
    """
    cells = _header_cells(row)
    if len(cells) < 3 or any(ch.isdigit() for c in cells for ch in c):
        return False
    own = []  # the block's header: its first rows printing no digit
    for line in block.rows[:MAX_HEADER_ROWS]:
        head = _header_cells(line)
        if any(ch.isdigit() for c in head for ch in c):
            break
        own.append(set(head))
    data = len(own) < len(block.rows)  # rows of figures under the header: the table has begun
    return bool(own) and data and not any(set(cells) & head for head in own)


MAX_HEADER_ROWS = 4


def _header_cells(row: Line) -> list[str]:
    return [" ".join(c.split()).lower() for c in row.cells or [] if c.strip()]


def _next_row(lines: list[Line], start: int, limit: int) -> int | None:
    """Index of the next row line within ``limit`` non-row lines (blank lines are free)."""
    skipped = 0
    for j in range(start, len(lines)):
        if lines[j].is_row:
            return j
        if lines[j].text.strip():
            skipped += 1
            if skipped > limit:
                return None
    return None


def _read_captioned(lines, sections, i, caption) -> tuple[TableBlock, int]:
    """Read a caption (title on the same line or the next one or two lines), then its rows."""
    number, title = caption
    start = lines[i].number
    j = i + 1
    title_lines = [title] if title else []
    while j < len(lines) and len(title_lines) < (3 if not title else 2) and not lines[j].is_row:
        text = lines[j].text.strip()
        if text:
            if match_caption(lines[j]) or match_heading(lines[j]) or len(text) > 160:
                break
            title_lines.append(text.strip("* "))
        j += 1
        if title_lines and title and j < len(lines) and not lines[j].text.strip():
            break
    full_title = " ".join(t for t in title_lines if t)
    # a second "Tabel …" title line is the title itself ("Tabel 3.2" / "Tabel Pengukuran …")
    caption_text = f"{patterns.entry('headings', 'caption_word')} {number}" + (f" {full_title}" if full_title else "")
    block = TableBlock(caption_text, number, start, section=sections[i])
    while j < len(lines) and not lines[j].is_row and not lines[j].text.strip():
        j += 1
    if j < len(lines) and lines[j].is_row:
        return _read_rows(lines, sections, j, block)
    return block, max(j, i + 1)


def _read_rows(lines, sections, i, block: TableBlock) -> tuple[TableBlock, int]:
    """Collect row lines from ``i`` until the table ends; return the block and the next index."""
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.is_row:
            if match_caption(line) and block.rows:
                break
            block.rows.append(line)
            i += 1
            continue
        text = line.text.strip()
        if not text:
            i += 1
            continue
        if _heading("source_line").match(text):
            block.text_between.append(line)
            i += 1
            break
        if match_caption(line) or match_heading(line):
            break
        # a short non-row line between rows can be a wrapped cell or a page header; prose ends it, and
        # so does a title over another table's header (an annex's next matrix, captioned without a number)
        nxt = _next_row(lines, i + 1, limit=1)
        if nxt is not None and block.rows and TITLE_WORD.search(text) and _opens_another_table(block, lines[nxt]):
            break
        if len(text) <= 80 and nxt is not None and nxt - i <= 3:
            block.text_between.append(line)
            i += 1
            continue
        break
    return block, i
