"""Cleaning the text of a line or cell the same way for every reader.

HTML fragments, markdown emphasis and ``$…$`` math are removed and spaces folded (the rules are
in ``patterns/normalize.yaml``); text from a PDF or OCR also loses no-break spaces, soft hyphens
and ligatures first.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import patterns


@lru_cache(maxsize=1)
def cleaners() -> tuple[list[tuple[regex.Pattern, str]], regex.Pattern]:
    """Return the cleaning steps (pattern, replacement) and the pattern of a ruling-only cell."""
    steps = [(patterns.regex("normalize", key, i, 0, flags=regex.I), replacement)
             for key in ("html", "markdown", "math")
             for i, (_, replacement) in enumerate(patterns.entry("normalize", key))]
    return steps, patterns.regex("normalize", "rule_cell")


def clean(text: str) -> str:
    """Given a raw line or cell, return it without HTML, markdown emphasis or TeX, spaces folded.

    >>> clean("<p>Tujuan : A</p> <p>Sasaran : B</p>")
    'Tujuan : A Sasaran : B'
    >>> clean("(*Sembilan Puluh Rupiah*)")
    '(Sembilan Puluh Rupiah)'
    >>> clean("$$y = a / b \\\\times 100 \\\\%$$")
    'y = a / b × 100 %'
    """
    steps, _ = cleaners()
    for pattern, replacement in steps:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def normalise(text: str) -> str:
    """Given raw text from a PDF, OCR or .docx, return it cleaned as :func:`clean` cleans lines.

    >>> normalise("  Capaian\\u00a0 97,5 %  ")
    'Capaian 97,5 %'
    """
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    return clean(text)
