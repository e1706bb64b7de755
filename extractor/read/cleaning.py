"""Cleaning the text of a line or cell the same way for every reader.

HTML fragments, markdown emphasis and ``$…$`` math are removed and spaces folded (the rules are
in ``patterns/normalize.yaml``); text from a PDF or OCR also loses no-break spaces, soft hyphens
and ligatures first.
"""
from __future__ import annotations

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


def clean(text: str) -> str:
    """Given a raw line or cell, return it without HTML, markdown emphasis or TeX, spaces folded.

    >>> clean("<p>Tujuan : A</p> <p>Sasaran : B</p>")
    'Tujuan : A Sasaran : B'
    >>> clean("(*Sembilan Puluh Rupiah*)")
    '(Sembilan Puluh Rupiah)'
    >>> clean("$$y = a / b \\\\times 100 \\\\%$$")
    'y = a / b × 100 %'
    """
    steps, screen = _cleaning()
    if screen is None or screen.search(text):  # no step matches the text: none can match after another
        for pattern, replacement in steps:
            text = pattern.sub(replacement, text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _cleaning() -> tuple[list[tuple[regex.Pattern, str]], regex.Pattern | None]:
    """The cleaning steps and their screen, fetched once (every line and cell is cleaned)."""
    return cleaners()[0], _any_step()


def normalise(text: str) -> str:
    """Given raw text from a PDF, OCR or .docx, return it cleaned as :func:`clean` cleans lines.

    >>> normalise("  Capaian\\u00a0 97,5 %  ")
    'Capaian 97,5 %'
    """
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return clean(text)
