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
* ``activities`` / ``sub_activities`` (*kegiatan* / *sub kegiatan*): the kegiatan nested under
  ``report.programs`` (``Program.activities``, ``Activity.level``), in both readings of the programs.
  The nesting is read from the table's outline (lead words, codes), so these counts rest on a reading.

A list printed right after the sentence is counted by :mod:`.counts` itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model import FindingPart, Provenance
from ..names import same_name
from . import Context

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
    listed: bool = False  # the items of a list printed right after the sentence
    basis: str = "arithmetic"  # "reading": the items come from a table hierarchy read by the outline

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
            return f"number of {self.label} items listed in {self.where}"
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
        return _activity_counts(ctx, kind, label, data["support_program_words"])
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
            out.append(Count(len(items), label, where, tuple(items), reading=reading, basis="reading"))
    return out


def _walk(activities) -> Iterable:
    for a in activities:
        yield a
        yield from _walk(a.activities)
