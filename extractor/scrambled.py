"""Rebuild a table whose columns plain OCR lost (no tabs, no pipes: one text run per visual line).

Given the lines after a caption, the rows are the lines that hold figures; the words on the lines
below a row (its wrapped cells) join its name; the columns come from the standard layout of that
kind of table (``patterns/ocr_layouts.yaml``). What this gives is marked low-confidence.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import patterns
from .numbers import is_figure
from .read.base import Line

TOKEN = regex.compile(r"[^\s|\[\]]+")
YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
A_DIGIT = regex.compile(r"\d")


@lru_cache(maxsize=1)
def _layouts() -> list[tuple[regex.Pattern, int, list[str]]]:
    """The standard layouts of ``patterns/ocr_layouts.yaml``: (caption pattern, figures per row, header)."""
    return [(patterns.regex("ocr_layouts", "layouts", i, "caption", flags=regex.I), layout["figures"], layout["header"])
            for i, layout in enumerate(patterns.entry("ocr_layouts", "layouts"))]


@lru_cache(maxsize=1)
def _predicate_words() -> list[str]:
    """Every predicate spelling of ``patterns/predicates.yaml``, longest first."""
    words = [w for canon in patterns.entry("predicates", "words") for w in patterns.entry("predicates", "words", canon)]
    return sorted(words, key=len, reverse=True)


def _whole_words(phrase: str) -> regex.Pattern:
    """The pattern finding a predicate spelling as whole words (compiled when first asked: only a text that
    holds the spelling and opens with its first word is searched)."""
    return patterns.compiled(r"\b" + regex.escape(phrase) + r"\b")


@lru_cache(maxsize=1)
def _table_ends() -> tuple[regex.Pattern, regex.Pattern]:
    flags = regex.I | regex.V1
    return patterns.regex("headings", "source_line", flags=flags), patterns.regex("headings", "caption", flags=flags)


def _ends_table(text: str) -> bool:
    """A ``Sumber:`` line or the next table's caption ends the lines a table can be rebuilt from."""
    source_line, caption = _table_ends()
    return bool(source_line.match(text) or caption.match(text))


def figures_in(text: str) -> list[tuple[int, str]]:
    """Given an OCR line, return (position, token) of the tokens that are figures.

    >>> [t for _, t in figures_in("Meningkatnya | Persentase 97.7% 97.7% |100% | 85.8% 85.8% | Sangat")]
    ['97.7%', '97.7%', '100%', '85.8%', '85.8%']
    """
    out = []
    for m in TOKEN.finditer(text):
        token = m[0].strip(".,;:")
        if not A_DIGIT.search(token) or YEAR.fullmatch(token):
            continue
        if is_figure(token):
            out.append((m.start(), token))
    return out


def recover_rows(caption: str, lines: list[Line]) -> tuple[list[str], list[Line]] | None:
    """Given a caption and the lines under it, return (header, rows) when a layout fits, else None."""
    layouts = [layout for layout in _layouts() if layout[0].search(caption)]
    if not layouts:
        return None  # no layout is captioned so: the lines are not read
    region = []
    for line in lines[:patterns.entry("ocr_layouts", "max_lines")]:
        if region and _ends_table(line.text):
            break
        region.append(line)
    counts = [len(figures_in(l.text)) for l in region]
    for _, n_figures, header in layouts:
        starts = [i for i, c in enumerate(counts) if c == n_figures]
        if not starts:
            continue
        years = YEAR.findall(caption)
        year = int(years[-1]) if years else None
        names = [h.format(year=year or "", prev=(year - 1) if year else "") for h in header]
        return names, [_row(region, i, (starts + [len(region)])[k + 1], n_figures, len(names))
                       for k, i in enumerate(starts)]
    return None


def _row(region: list[Line], start: int, end: int, n_figures: int, width: int) -> Line:
    line = region[start]
    found = figures_in(line.text)
    before = line.text[: found[0][0]]
    after = line.text[found[-1][0] + len(found[-1][1]):]
    wrapped = [l.text for l in region[start + 1:end] if l.text.strip() and not figures_in(l.text)]
    name_words = [before] + wrapped
    predicate = _predicate(after, wrapped)
    name = " ".join(" ".join(name_words).replace("|", " ").split())
    if predicate:
        name = regex.sub(r"(?i)\b(" + "|".join(map(regex.escape, predicate.split())) + r")\b", "", name)
        name = " ".join(name.split())
    cells = [name] + [t for _, t in found] + ([predicate or ""] if width > n_figures + 1 else [])
    return Line(number=line.number, raw=line.raw, text="\t".join(cells), cells=cells, page=line.page,
                confidence=min(line.confidence or 50.0, 50.0))


def _predicate(after: str, wrapped: list[str]) -> str | None:
    """The predicate printed after the figures, its second word often on the next line."""
    candidates = [after, f"{after} {wrapped[0] if wrapped else ''}"]
    for text in candidates:
        words = " ".join(text.replace("|", " ").split()).lower()
        if not words:
            continue
        first_word = words.split()[0]
        for phrase in _predicate_words():  # longest first; a spelling found as whole words is in the text
            if phrase.split()[0] == first_word and phrase in words and _whole_words(phrase).search(words):
                return phrase.title()
    first = " ".join(after.replace("|", " ").split())
    if first and wrapped:
        joined = f"{first} {wrapped[0].split()[-1]}".lower()
        if joined in _predicate_words():
            return joined.title()
    return None
