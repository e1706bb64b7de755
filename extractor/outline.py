"""The outline of a program table: which rows are programs, which their kegiatan and sub kegiatan.

Budget tables list a program's *kegiatan* and *sub kegiatan* under it, in the same name column
("Program / Kegiatan", "Uraian"). Given each row's name cell and its number (or budget code) cell,
:func:`outline_levels` says what each row is, from three kinds of evidence, strongest first:

1. the name's own lead word (``patterns/rows.yaml``): "Program …", "Kegiatan …", "Sub Kegiatan …";
2. the depth of an outline number or code: "1" > "1.1" > "1.1.1", "2.12.04" > "2.12.04.2.01";
3. the rows around it: in a table whose programs say "Program", an unmarked row is a kegiatan under
   a program, or a sub kegiatan under a kegiatan when the table marks its kegiatan by name; an
   unmarked first row has nothing above it and is a program.

A table that marks nothing (no lead words, one depth of numbers) is a list of programs.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import patterns
from .tables import fold_label

PROGRAM, ACTIVITY, SUB_ACTIVITY = "program", "activity", "sub_activity"
LEVELS = (PROGRAM, ACTIVITY, SUB_ACTIVITY)


@lru_cache(maxsize=1)
def _words() -> dict[str, regex.Pattern]:
    return {key: patterns.regex("rows", key, flags=regex.I)
            for key in ("program_cell", "activity_cell", "sub_activity_cell", "outline_number")}


def named_level(name: str) -> str | None:
    """Given a name cell, return the level its lead word names, or None.

    >>> named_level("1. Program Penunjang"), named_level("Kegiatan Administrasi Umum"), named_level("Sub Kegiatan X")
    ('program', 'activity', 'sub_activity')
    >>> named_level("Penyediaan Gaji dan Tunjangan ASN") is None
    True
    """
    folded = fold_label(name)
    words = _words()
    if words["sub_activity_cell"].match(folded):
        return SUB_ACTIVITY
    if words["activity_cell"].match(folded):
        return ACTIVITY
    if words["program_cell"].match(folded):
        return PROGRAM
    return None


def outline_depth(number: str) -> int | None:
    """Given a number or code cell, return how many parts its outline number has, or None.

    >>> outline_depth("1"), outline_depth("1.2."), outline_depth("2.12.04.2.01"), outline_depth("Rp 5")
    (1, 2, 5, None)
    """
    m = _words()["outline_number"].match(number.strip())
    return len(m["number"].split(".")) if m else None


def outline_levels(names: list[str], numbers: list[str]) -> list[str]:
    """Given the name and number cells of a table's budget rows (in order), return each row's level.

    >>> outline_levels(["Program A", "Kegiatan B", "Sub C", "Program D"], ["", "", "", ""])
    ['program', 'activity', 'sub_activity', 'program']
    >>> outline_levels(["Program A", "B", "C", "Program D", "E"], ["", "", "", "", ""])
    ['program', 'activity', 'activity', 'program', 'activity']
    >>> outline_levels(["A", "B", "C"], ["1", "1.1", "2"])
    ['program', 'activity', 'program']
    >>> outline_levels(["A", "B"], ["1", "2"])
    ['program', 'program']
    >>> outline_levels(["Penunjang Urusan", "Program B", "Program C"], ["", "", ""])
    ['program', 'program', 'program']
    """
    named = [named_level(n) for n in names]
    depths = [outline_depth(n) for n in numbers]
    distinct = sorted({d for d in depths if d is not None})
    by_depth = {d: LEVELS[min(i, len(LEVELS) - 1)] for i, d in enumerate(distinct)} if len(distinct) > 1 else {}
    marks_programs = PROGRAM in named
    marks_activities = ACTIVITY in named
    levels, previous = [], None
    for name_level, depth in zip(named, depths):
        level = name_level or by_depth.get(depth)
        if level is None:
            if not marks_programs or previous is None:
                level = PROGRAM  # nothing marks a hierarchy, or nothing above it: a program
            elif previous in (ACTIVITY, SUB_ACTIVITY) and marks_activities:
                level = SUB_ACTIVITY
            else:
                level = ACTIVITY
        levels.append(level)
        previous = level
    return levels
