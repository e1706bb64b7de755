"""What a report holds, counted level by level, for the count claims of :mod:`.counts`.

Given the verification context and a kind of thing (``patterns/counts.yaml``), :func:`report_counts`
returns each count the report gives for it, with the items counted (name and provenance):

* ``objectives`` (*sasaran strategis*): ``report.objectives`` and the distinct objectives of each
  measurement table (a table the model misread is not the only listing);
* ``indicators`` (IKU): the agency's indicators (``Indicator.level == "agency"``), never a program's or
  a kegiatan's indicators;
* ``program_indicators`` (*indikator program*): the programs' indicators (``Indicator.level == "program"``),
  read from the budget tables that print them beside the programs (so a reading);
* ``goal_indicators`` (*indikator tujuan*): the distinct cells of each indicator column headed by a goal
  word ("Indikator Tujuan" beside "Tujuan" in a Renstra table);
* ``goals`` (*tujuan*): ``report.goals`` and the distinct goals of each table that names them;
* ``programs``: ``report.programs`` and the distinct programs of each program budget table; also
  without the support program (*penunjang*), as a second reading (``reading="core"``);
* ``activities`` / ``sub_activities`` (*kegiatan* / *sub kegiatan*), in both readings of the programs:
  the kegiatan nested under ``report.programs`` (``Program.activities``, ``Activity.level``); the rows of
  each hierarchical budget table (Renja, RKA, evaluation annexes) at that level, as
  :func:`~.rollups.budget_rows` reads them (certain when every row prints a code extending its
  parent's, a reading of the layout otherwise); and the programs listed in the prose with their
  kegiatan (:mod:`.listings`). A listing of fewer programs than the report counts (one program's
  section) is partial and left out. Each count says how many programs it spans (``programs``), so a
  sentence's program count picks the listings of its programs.

A list printed right after the sentence is counted by :mod:`.counts` itself.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Iterable

import regex

from ..model import FindingPart, Provenance
from ..names import same_name
from ..printings import A_WORD
from . import Context, compiled
from .listings import Listing, program_words, prose_listings
from .rollups import UNREAD, BudgetRow, report_budget_rows

PROGRAM_TABLES = ("program_budget", "objectives_budget")  # one row per program (or per sasaran and program)
ALL, CORE = "all", "core"  # programs read in full, or without the support program


@dataclass(frozen=True)
class Count:
    """A count the report holds: how many, of what, where, and the items counted."""

    value: int
    label: str  # the kind as findings name it: "sasaran strategis"
    where: str  # "Tabel 3.1.1 Pengukuran …", "lines 139-223"
    items: tuple[FindingPart, ...] = ()
    reading: str = ALL  # CORE: programs (and their kegiatan) without the support program
    listed: bool = False  # the items of a list in the prose (:mod:`.listings`, or right after the sentence)
    after: bool = False  # the list printed right after the sentence
    basis: str = "arithmetic"  # "reading": the items come from a table hierarchy read by the outline
    programs: int | None = None  # kegiatan and sub kegiatan: how many programs the listing spans

    @property
    def alternative(self) -> bool:
        return self.reading != ALL

    @property
    def uncertain(self) -> bool:
        """True when the count rests on a reading: a table hierarchy read by the outline, or items read by OCR."""
        return self.basis == "reading" or any(p.provenance is not None and p.provenance.confidence is not None
                                              for p in self.items)

    def describe(self) -> str:
        """Given nothing, return the count as findings show it.

        >>> Count(17, "kegiatan", "lines 139-223", listed=True).describe()
        '17 kegiatan listed in lines 139-223'
        >>> Count(4, "program", "Tabel 2", reading=CORE).describe()
        '4 program in Tabel 2 without the support program'
        """
        verb = "listed in" if self.listed else "in"
        tail = " without the support program" if self.reading == CORE else ""
        return f"{self.value} {self.label} {verb} {self.where}{tail}"

    def formula(self) -> str:
        """How the expected value was counted.

        >>> Count(6, "indikator tujuan", "Tabel 2.2.1").formula()
        'number of distinct indikator tujuan in Tabel 2.2.1'
        """
        if self.listed:
            tail = " (without the support program)" if self.reading == CORE else ""
            return f"number of {self.label} items listed in {self.where}{tail}"
        tail = " (without the support program)" if self.reading == CORE else ""
        return f"number of distinct {self.label} in {self.where}{tail}"


def report_counts(ctx: Context, kind: str, data: dict) -> list[Count]:
    """Given the context, a kind and ``patterns/counts.yaml``, return the counts the report gives for it."""
    label = data["labels"][kind]
    report = ctx.report
    if kind == "indicators":
        agency = [i for i in report.indicators if i.level == "agency"]  # a program's indicators are not IKU
        items = [FindingPart(label=i.name, provenance=_first_place(i)) for i in agency]
        return [Count(len(items), label, _primary(report), tuple(items))] if items else []
    if kind == "program_indicators":
        found = [i for i in report.indicators if i.level == "program"]
        items = [FindingPart(label=i.name, provenance=_first_place(i)) for i in found]
        where = next((p.provenance.table for p in items if p.provenance and p.provenance.table), "the budget tables")
        return [Count(len(items), label, where, tuple(items), basis="reading")] if items else []
    if kind == "goal_indicators":
        return _goal_indicator_counts(ctx, label, data["goal_indicator_headers"])
    if kind == "objectives":
        found = _table_counts(ctx, "objective", label, kinds=("performance_measurement",))
        if report.objectives:
            where = next((o.provenance.table for o in report.objectives if o.provenance and o.provenance.table),
                         None) or _primary(report)
            items = [FindingPart(label=o.name, provenance=o.provenance) for o in report.objectives]
            found.insert(0, Count(len(items), label, where, tuple(items)))
        return found
    if kind == "goals":
        items = [FindingPart(label=g.name, provenance=g.provenance) for g in report.goals]
        found = [Count(len(items), label, "the report's tables", tuple(items))] if items else []
        return found + _table_counts(ctx, "goal", label)
    if kind == "programs":
        return _program_counts(ctx, label, data["support_program_words"])
    if kind in ("activities", "sub_activities"):
        words = data["support_program_words"]
        fewest = min((c.value for c in _program_counts(ctx, data["labels"]["programs"], words)), default=0)
        listed = _annex_counts(ctx, kind, label, data) + _listing_counts(ctx, kind, label, data)
        return _activity_counts(ctx, kind, label, words) + [c for c in listed if c.programs >= fewest]
    return []


def _first_place(indicator) -> Provenance | None:
    return next((m.provenance for m in indicator.measurements), None)


def _primary(report) -> str:
    """The caption of the measurement table the report's indicators come from."""
    for indicator in report.indicators:
        for m in indicator.measurements:
            if m.provenance.table:
                return m.provenance.table
    return "the measurement table"


def distinct(named: Iterable[tuple[str | None, Provenance | None]]) -> list[FindingPart]:
    """Given (name, place) pairs, return one part per name (two printings of one name count once).

    >>> [p.label for p in distinct([("Program PIAK", None), ("Program  PIAK", None), (None, None), ("Program X", None)])]
    ['Program PIAK', 'Program X']
    """
    out: list[FindingPart] = []
    for name, place in named:
        if name and not any(same_name(name, seen.label) for seen in out):
            out.append(FindingPart(label=name, provenance=place))
    return out


def _caption(table) -> str:
    return table.caption or f"the table at line {table.line}"


def _table_counts(ctx: Context, field: str, label: str, kinds: tuple[str, ...] | None = None) -> list[Count]:
    """Distinct goals or objectives (``field``: goal | objective) of each table that names them."""
    out = []
    for table in ctx.tables:
        if kinds and table.kind not in kinds:
            continue
        items = distinct((getattr(row, field), row.provenance) for row in table.indicator_rows())
        if items:
            out.append(Count(len(items), label, _caption(table), tuple(items)))
    return out


def _goal_indicator_counts(ctx: Context, label: str, header_words: list[str]) -> list[Count]:
    """The distinct goals' indicators of each table with an indicator column headed by a goal word.

    A cell that opens in lower case continues the cell above it (a name the layout wrapped), so it is
    not an indicator of its own.
    """
    out = []
    for table in ctx.tables:
        for col in table.columns:
            if col.field != "indicator" or not any(w in col.label.lower() for w in header_words):
                continue
            cells = [(" ".join(row.text(col).split()), row.provenance) for row in table.rows if not row.is_total]
            items = distinct((text, place) for text, place in cells if text[:1].isalpha() and not text[:1].islower())
            if items:
                out.append(Count(len(items), label, _caption(table), tuple(items)))
    return out


def is_support(name: str, support_words: list[str]) -> bool:
    """True when a program's name says it supports the agency as a whole (*penunjang*)."""
    return any(w in name.lower() for w in support_words)


def _program_counts(ctx: Context, label: str, support_words: list[str]) -> list[Count]:
    """Distinct programs of ``report.programs`` and of each program budget table, in both readings."""
    lists = [(_programs_table(ctx.report), [(p.name, p.provenance) for p in ctx.report.programs])]
    for table in ctx.tables:
        if table.kind in PROGRAM_TABLES and table.column("allocation") is not None:
            lists.append((_caption(table), [(row.program, row.provenance) for row in table.program_rows()]))
    out = []
    for where, named in lists:
        items = distinct(named)
        if not items:
            continue
        out.append(Count(len(items), label, where, tuple(items)))
        core = [p for p in items if not is_support(p.label, support_words)]
        if 0 < len(core) < len(items):
            out.append(Count(len(core), label, where, tuple(core), reading=CORE))
    return out


def _programs_table(report) -> str:
    table = report.programs[0].provenance.table if report.programs else None
    return f"the report's programs ({table})" if table else "the report's programs"


def _activity_counts(ctx: Context, kind: str, label: str, support_words: list[str]) -> list[Count]:
    """The kegiatan (or sub kegiatan) nested under the report's programs, in both readings."""
    level = "activity" if kind == "activities" else "sub_activity"
    programs = [p for p in ctx.report.programs if p.activities]
    if not programs:
        return []
    where = _programs_table(ctx.report)
    out = []
    for reading, chosen in ((ALL, programs), (CORE, [p for p in programs if not is_support(p.name, support_words)])):
        items = [FindingPart(label=a.name, provenance=a.provenance)
                 for p in chosen for a in _walk(p.activities) if a.level == level]
        if chosen and (reading == ALL or len(chosen) < len(programs)):
            out.append(Count(len(items), label, where, tuple(items), reading=reading, basis="reading",
                             programs=len(chosen)))
    return out


def _readings(kind: str, label: str, where: str, families: list[tuple[str, list[FindingPart]]],
              support_words: list[str], certain: bool) -> list[Count]:
    """Given a listing's programs (name, items of the kind counted), return its counts in both readings."""
    level_items = [items for _, items in families]
    if not any(level_items):
        return []
    basis = "arithmetic" if certain else "reading"
    out = [Count(sum(map(len, level_items)), label, where, tuple(p for items in level_items for p in items),
                 basis=basis, programs=len(families))]
    core = [items for name, items in families if not is_support(name, support_words)]
    if len(core) < len(families):
        out.append(Count(sum(map(len, core)), label, where, tuple(p for items in core for p in items),
                         reading=CORE, basis=basis, programs=len(core)))
    return out


def _annex_counts(ctx: Context, kind: str, label: str, data: dict) -> list[Count]:
    """The kegiatan (level 1) or sub kegiatan (level 2) rows under the program rows of each hierarchical
    budget table, as :func:`~.rollups.budget_rows` reads its levels."""
    level = 1 if kind == "activities" else 2
    out = []
    summary = compiled(data["summary_rows"], regex.I)
    for where, families in ctx.once("annex_families", lambda: _annex_families(ctx, summary)):
        certain = all(_extends(program, children) for program, children in families)
        named = [(program.name, [FindingPart(label=_row_label(r), provenance=r.row.provenance)
                                 for r in children if r.level == level]) for program, children in families]
        out += _readings(kind, label, where, named, data["support_program_words"], certain)
    return out


def _annex_families(ctx: Context, summary: regex.Pattern) -> list[tuple[str, list[tuple[BudgetRow, list[BudgetRow]]]]]:
    """Each hierarchical budget table (where), with each program row and the kegiatan and sub kegiatan rows
    after it. A table opening with kegiatan rows continues the one before it (a page break); a table
    where a program row has no kegiatan row is no such listing (a table of programs, or levels misread).
    A row naming a summary (``summary_rows``: an average, a predicate) is none of the levels."""
    out: list[tuple[str, list]] = []
    continued = False
    for table in ctx.tables:
        rows = [r for r in report_budget_rows(ctx, table) if r.level not in (None, UNREAD) and not summary.match(_words(r))]
        orphans = list(itertools.takewhile(lambda r: r.level != 0, rows))
        families = _table_families(rows[len(orphans):])
        if orphans and continued and out:
            out[-1][1][-1][1].extend(orphans)
            out[-1][1].extend(families)
        elif families:
            out.append((_caption(table), families))
        continued = bool(out) and (bool(families) or (bool(orphans) and continued))
    return [(where, families) for where, families in out
            if all(any(r.level == 1 for r in children) for _, children in families)]


def _table_families(rows: list[BudgetRow]) -> list[tuple[BudgetRow, list[BudgetRow]]]:
    """Each program row with the kegiatan and sub kegiatan rows after it (up to the next program)."""
    families: list[tuple[BudgetRow, list[BudgetRow]]] = []
    for row in rows:
        if row.level == 0:
            families.append((row, []))
        elif families:
            families[-1][1].append(row)
    return families


def _extends(program: BudgetRow, children: list[BudgetRow]) -> bool:
    """Whether every row of a program prints a code extending its parent's (the levels are then certain)."""
    if program.code is None:
        return False
    parent = program.code
    for row in children:
        if row.code is None or len(row.code) <= len(program.code):
            return False
        if row.level == 1:
            parent = row.code
        if row.code[:len(program.code)] != program.code or (row.level == 2 and row.code[:len(parent)] != parent):
            return False
    return True


def _words(row: BudgetRow) -> str:
    """A budget row's first cell of words (its name; the program's name cell may hold a figure)."""
    return next((" ".join(c.split()) for c in row.row.cells if A_WORD.search(c) and "%" not in c), row.name)


def _row_label(row: BudgetRow) -> str:
    """A budget row as findings name it: its code and its name."""
    return " ".join(filter(None, (".".join(row.code) if row.code else None, _words(row))))


def _listing_counts(ctx: Context, kind: str, label: str, data: dict) -> list[Count]:
    """The kegiatan or sub kegiatan of each listing of programs in the prose (:mod:`.listings`)."""
    level = 1 if kind == "activities" else 2
    listings: list[Listing] = ctx.once("prose_listings", lambda: _prose_listings(ctx, data["nouns"]))
    out = []
    path = ctx.report.source.path
    for listing in listings:
        named = [(p.name, [FindingPart(label=i.line.text.strip(), provenance=Provenance(
            file=path, line=i.line.number, page=i.line.page, confidence=i.line.confidence)) for i in p.of_level(level)])
                 for p in listing.programs]
        where = "lines {}-{}".format(*listing.span)
        out += [replace(c, listed=True)
                for c in _readings(kind, label, where, named, data["support_program_words"], listing.certain)]
    return out


def _prose_listings(ctx: Context, nouns: dict[str, str]) -> list[Listing]:
    """:func:`~.listings.prose_listings` of the document, read from the lines of text that hold a word of a
    program (:func:`~.listings.program_words`) on."""
    words = program_words(nouns)
    return prose_listings(ctx.document.lines, nouns, None if words is None else ctx.text_lines().holding(words))


def _walk(activities) -> Iterable:
    for a in activities:
        yield a
        yield from _walk(a.activities)
