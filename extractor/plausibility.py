"""Plausibility checks: damage the stages cannot see one table at a time, turned into warnings.

A report can be read without a single error and still be wrong as a whole: a download cut short
(*laporan* ending in the middle of BAB III), two reports concatenated in one file, a program table that
lacks programs, a file that lacks the chapters every LKjIP has (BAB I *Pendahuluan*, BAB II
*Perencanaan Kinerja*, BAB III *Akuntabilitas Kinerja*, per Permenpan RB 53/2014). Each check returns
warnings (codes in :mod:`extractor.codes`); :func:`extractor.outcome.settle` then makes the report
``partial``. The chapter words live in ``patterns/headings.yaml``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

from . import patterns
from .codes import issue
from .metadata import find_metadata
from .model import Issue, Report
from .read.base import Line
from .structure import CASELESS, Section
from .tables import ParsedTable

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
MAX_NUMERAL = 12  # a chapter numeral longer than this is no chapter of a report (and is not valued)
BUDGET_TOLERANCE = Decimal("0.001")  # relative gap between the total and its programs taken as rounding
ROUNDED_TOLERANCE = Decimal("0.01")  # the same, when the total is printed with decimals (13,9 miliar)
MIN_BODY_LINES = 150  # chapters I to III of a report body span more lines than any table of contents
MAX_NAMED = 5  # the agencies of at most this many report bodies are named in the warning
UNKNOWN_KIND = "other"  # the kind classify gives a table it does not recognise
CLOSING_KINDS = ("closing", "annex")  # parts that come after the body: the report reached its end


@dataclass(frozen=True)
class Heading:
    """A heading of the document as :func:`~extractor.structure.find_sections` found it, with its chapter's value."""

    section: Section
    value: int  # the chapter number as an integer (0 when not a chapter or not a numeral)


def check(report: Report, lines: list[Line], sections: list[Section | None], tables: list[ParsedTable]) -> list[Issue]:
    """Given an assembled report, its lines, each line's section and the parsed tables, return the plausibility
    warnings.

    Only tables of a recognised kind count (a table of contents read as rows is no content)."""
    headings = _headings(sections)
    blocks = [table.block for table in tables if table.kind != UNKNOWN_KIND and table.rows]
    table_lines = sorted(block.line for block in blocks)
    chapter_tables = sorted(block.line for block in blocks if block.section and block.section.chapter)
    return (_truncation(headings, chapter_tables) + _several_reports(headings, table_lines, lines)
            + _missing_chapters(headings) + _budget_against_programs(report))


def roman_value(numeral: str) -> int:
    """The value of a roman numeral (0 when it is none, or longer than :data:`MAX_NUMERAL`).

    >>> roman_value("IV"), roman_value("III"), roman_value("X"), roman_value("")
    (4, 3, 10, 0)
    """
    numeral = numeral.upper()
    if not numeral or len(numeral) > MAX_NUMERAL or any(char not in ROMAN for char in numeral):
        return 0
    values = [ROMAN[char] for char in numeral]
    return sum(-value if value < following else value for value, following in zip(values, values[1:] + [0]))


def _headings(sections: list[Section | None]) -> list[Heading]:
    """The distinct sections in document order, each with its chapter value."""
    out: list[Heading] = []
    for section in sections:
        if section is not None and (not out or out[-1].section is not section):
            value = roman_value(section.number or "") if section.kind == "chapter" else 0
            out.append(Heading(section, value))
    return out


@lru_cache(maxsize=1)
def _closing_title() -> regex.Pattern:
    return patterns.regex("headings", "closing_chapter", flags=CASELESS)


def _closes(heading: Heading, last_chapter: int) -> bool:
    """True when the heading ends a report's body: the closing part, an annex, the PENUTUP chapter, or
    the last chapter a report announces (BAB IV or later)."""
    section = heading.section
    if section.kind in CLOSING_KINDS:
        return True
    return section.kind == "chapter" and (bool(_closing_title().match(section.title))
                                          or heading.value >= max(4, last_chapter))


def _truncation(headings: list[Heading], chapter_tables: list[int]) -> list[Issue]:
    """W_TRUNCATED when the body (from its first table inside a chapter) never reaches a closing heading."""
    chapters = _in_sequence([h for h in headings if h.section.kind == "chapter"])
    if not chapters:
        return []
    last_chapter = max(h.value for h in chapters)
    body = chapter_tables[0] if chapter_tables else chapters[-1].section.line
    kept = set(map(id, chapters))
    if any(h.section.line >= body and (h.section.kind != "chapter" or id(h) in kept) and _closes(h, last_chapter)
           for h in headings):
        return []
    ended = chapters[-1].section
    return [issue("W_TRUNCATED", "plausibility",
                  f"the document ends in BAB {ended.number} (line {ended.line}) and never reaches its closing chapter, "
                  f"closing part or annex (the report announces {last_chapter} chapters): it may be cut short",
                  line=ended.line)]


def _in_sequence(chapters: list[Heading]) -> list[Heading]:
    """The chapters that follow on from those before them: a numeral beyond the next one (``BAB V`` right
    after ``BAB III``, an OCR misreading or a running header) is left out."""
    kept: list[Heading] = []
    reached = 0
    for heading in chapters:
        if heading.value <= reached + 1:
            kept.append(heading)
            reached = max(reached, heading.value)
    return kept


def _several_reports(headings: list[Heading], table_lines: list[int], lines: list[Line]) -> list[Issue]:
    """W_SEVERAL_REPORTS when more than one run of chapters from BAB I reaches BAB III with tables inside it.

    A table of contents (or a chapter listing in BAB I) runs through the chapters too, but holds no table
    and spans a few lines; a body holds tables, or (when its tables were not recognised, e.g. OCR text) spans
    at least :data:`MIN_BODY_LINES` lines."""
    starts = [i for i, h in enumerate(headings) if h.value == 1]
    bodies = []
    for k, start in enumerate(starts):
        run = headings[start:starts[k + 1] if k + 1 < len(starts) else len(headings)]
        chapters = [h for h in run if h.section.kind == "chapter"]
        first, last = chapters[0].section.line, chapters[-1].section.line
        content = last - first >= MIN_BODY_LINES or bisect_left(table_lines, last) > bisect_right(table_lines, first)
        if max(h.value for h in chapters) >= 3 and content:
            bodies.append((first, last))
    if len(bodies) < 2:
        return []
    agencies = _agencies(lines, bodies)
    return [issue("W_SEVERAL_REPORTS", "plausibility",
                  f"{len(bodies)} report bodies in one file (BAB I with tables again at line(s) "
                  f"{', '.join(str(first) for first, _ in bodies[1:])}; agencies read in each part: "
                  f"{'; '.join(agency or '?' for agency in agencies)}): their contents are mixed in this report",
                  line=bodies[1][0])]


def _agencies(lines: list[Line], bodies: list[tuple[int, int]]) -> list[str | None]:
    """The agency read in each part of the file (the first :data:`MAX_NAMED`): the part of a body runs from the end of the previous body's
    chapters (its cover and contents come before it) to the start of the next body."""
    bodies = bodies[:MAX_NAMED + 1]
    bounds = [0] + [last for _, last in bodies[:-1]]
    ends = [first for first, _ in bodies[1:]] + [lines[-1].number + 1 if lines else 0]
    numbers = [line.number for line in lines]
    return [find_metadata(lines[bisect_left(numbers, start):bisect_left(numbers, end)])[0]
            for start, end in list(zip(bounds, ends))[:MAX_NAMED]]


def _missing_chapters(headings: list[Heading]) -> list[Issue]:
    """W_MISSING_CHAPTERS for each chapter every LKjIP has that no heading gives (by number or title)."""
    required = patterns.entry("headings", "required_chapters")
    numbers = {h.section.number for h in headings if h.section.kind == "chapter"}
    titles = [h.section.title for h in headings if h.section.kind in ("chapter", "section")]
    missing = [number for number in required if number not in numbers and not any(
        patterns.regex("headings", "required_chapters", number, flags=CASELESS).match(title) for title in titles)]
    if not missing:
        return []
    return [issue("W_MISSING_CHAPTERS", "plausibility",
                  f"no chapter BAB {', '.join(missing)} found: not the whole of an LKjIP report")]


def _budget_against_programs(report: Report) -> list[Issue]:
    """W_BUDGET_PROGRAMS when the budget's total allocation (or realisation) is not the sum of the programs'."""
    issues = []
    for total_field, program_field in (("total_allocation", "allocation"), ("total_realization", "realization")):
        total = getattr(report.budget, total_field)
        figures = [getattr(program, program_field) for program in report.programs]
        values = [figure.value for figure in figures if figure is not None and figure.value is not None]
        if total is None or total.value is None or len(values) < 2 or len(values) < len(figures):
            continue
        parts = sum(values, Decimal(0))
        tolerance = ROUNDED_TOLERANCE if total.decimals else BUDGET_TOLERANCE
        if abs(parts - total.value) > abs(total.value) * tolerance:
            issues.append(issue("W_BUDGET_PROGRAMS", "plausibility",
                                f"budget {total_field} {total.raw} but the {len(values)} programs read sum to {parts}: "
                                "programs are missing or were read from another table",
                                line=report.budget.provenance[total_field].line
                                if total_field in report.budget.provenance else None))
    return issues
