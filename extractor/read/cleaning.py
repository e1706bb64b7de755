"""Cleaning the text of a line or cell the same way for every reader.

HTML fragments, markdown emphasis and ``$…$`` math are removed and spaces folded (the rules are
in ``patterns/normalize.yaml``); text from a PDF or OCR also loses no-break spaces, soft hyphens
and ligatures first.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from .. import patterns


_BACKREFERENCE = regex.compile(r"\\[1-9]|\(\?P=|\\g<")  # a pattern that refers to its own groups


@lru_cache(maxsize=1)
def cleaners() -> tuple[list[tuple[regex.Pattern, str]], regex.Pattern]:
    """Return the cleaning steps (pattern, replacement) and the pattern of a ruling-only cell."""
    steps = [(patterns.regex("normalize", key, i, 0, flags=regex.I), replacement)
             for key in ("html", "markdown", "math")
             for i, (_, replacement) in enumerate(patterns.entry("normalize", key))]
    return steps, patterns.regex("normalize", "rule_cell")


@lru_cache(maxsize=1)
def _any_step() -> regex.Pattern | None:
    """Return one pattern matching where any cleaning step would (most text needs none), or None
    when a step refers to its own groups and cannot be joined with the others."""
    steps, _ = cleaners()
    if any(_BACKREFERENCE.search(pattern.pattern) for pattern, _ in steps):
        return None
    return regex.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in steps), flags=regex.I)


_LOOKBEHIND = regex.compile(r"^\(\?<[!=](?:[^()\[\]\\]|\\.|\[(?:[^\]\\]|\\.)*\])*\)")  # a leading (?<!…)


def _leading_mark(branch: str) -> str | None:
    r"""The punctuation every match of a branch starts with (after any lookbehind), else None.

    >>> _leading_mark(r"(?<![\w*])\*(?!\s)"), _leading_mark(r"<br\s*/?>"), _leading_mark(r"\\frac")
    ('*', '<', '\\')
    >>> _leading_mark(r"a"), _leading_mark(r"<?p"), _leading_mark(r"\d")
    (None, None, None)
    """
    while (m := _LOOKBEHIND.match(branch)):
        branch = branch[m.end():]
    if branch[:1] == "\\" and len(branch) > 1 and not branch[1].isalnum():
        first, rest = branch[1], branch[2:]
    elif branch[:1] and not branch[0].isalnum() and branch[0] not in ".^$*+?{}[]()|\\ ":
        first, rest = branch[0], branch[1:]
    else:
        return None
    return None if rest[:1] in ("*", "?", "{") else first  # an optional first character leads nothing


def _step_marks(pattern: regex.Pattern) -> tuple[str, ...] | None:
    r"""The characters one of which every match of a cleaning step starts with (``<``, ``*``, ``$`` …): a text
    holding none of them is left as it is by the step. None when a branch of its pattern starts otherwise.

    >>> _step_marks(regex.compile(r"</p>|<br>|\\times")), _step_marks(regex.compile(r"\*|a"))
    (('<', '\\'), None)
    """
    marks = set()
    for branch in patterns.alternatives(pattern.pattern):
        mark = _leading_mark(branch)
        if mark is None or mark.lower() != mark.upper():
            return None
        marks.add(mark)
    return tuple(sorted(marks))


@lru_cache(maxsize=1)
def _marks() -> re.Pattern | None:
    """A pattern of the characters one of which every cleaning match starts with: a line holding none of them
    needs no step. None when a step's pattern starts otherwise."""
    marks = mark_characters()
    return None if marks is None else re.compile("[" + "".join(map(re.escape, marks)) + "]")  # plain re: quicker


@lru_cache(maxsize=1)
def mark_characters() -> frozenset[str] | None:
    """The characters one of which every cleaning match starts with (:func:`_step_marks` of every step), or
    None when a step's pattern starts otherwise: a text holding none of them is only folded (spaces)."""
    steps, _ = cleaners()
    marks = [_step_marks(pattern) for pattern, _ in steps]
    return None if None in marks else frozenset(mark for step in marks for mark in step)


def clean(text: str) -> str:
    """Given a raw line or cell, return it without HTML, markdown emphasis or TeX, spaces folded.

    >>> clean("<p>Tujuan : A</p> <p>Sasaran : B</p>")
    'Tujuan : A Sasaran : B'
    >>> clean("(*Sembilan Puluh Rupiah*)")
    '(Sembilan Puluh Rupiah)'
    >>> clean("$$y = a / b \\\\times 100 \\\\%$$")
    'y = a / b × 100 %'
    """
    steps, screen, marks = _cleaning()
    if marks is not None and not marks.search(text):
        return " ".join(text.split())
    if screen is None or screen.search(text):  # no step matches the text: none can match after another
        for pattern, replacement, starts in steps:
            if starts is None or any(mark in text for mark in starts):  # (a step's marks: in the text as it is now)
                text = pattern.sub(replacement, text)
    return " ".join(text.split())


def clean_cells(cells: list[str], line: str) -> list[str]:
    """Given the cells cut from a line (pieces of it, maybe joined by spaces), return each cleaned as
    :func:`clean` cleans it: when the line holds no character a cleaning step starts with, none of its
    cells does, and each only has its spaces folded (one screen of the line, not one per cell).

    >>> clean_cells(["  Target ", "<b>87</b>"], "  Target \t<b>87</b>"), clean_cells(["a  b", "c"], "a  b\tc")
    (['Target', '87'], ['a b', 'c'])
    """
    _, _, marks = _cleaning()
    if marks is not None and not marks.search(line):
        return [" ".join(cell.split()) for cell in cells]
    return [clean(cell) for cell in cells]


@lru_cache(maxsize=1)
def _cleaning() -> tuple[list[tuple[regex.Pattern, str, tuple[str, ...] | None]], regex.Pattern | None, re.Pattern | None]:
    """The cleaning steps with their marks (:func:`_step_marks`), and their screens, fetched once (every line
    and cell is cleaned)."""
    return [(p, r, _step_marks(p)) for p, r in cleaners()[0]], _any_step(), _marks()


def normalise(text: str) -> str:
    """Given raw text from a PDF, OCR or .docx, return it cleaned as :func:`clean` cleans lines.

    >>> normalise("  Capaian\\u00a0 97,5 %  ")
    'Capaian 97,5 %'
    """
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return clean(text)
