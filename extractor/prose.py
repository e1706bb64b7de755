"""Running text: years, sentence ends and paragraphs, as every stage reads them.

The report's prose is its lines outside tables, listings (DAFTAR ISI …) and table captions. A sentence
broken over lines is rejoined into one :class:`Paragraph` that remembers which line each offset comes
from, so a figure found in the text keeps its provenance.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from typing import Iterable, Iterator

import regex

from .read.base import Line
from .structure import is_listing

YEAR = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")                # a year in a caption or header
YEAR_IN_PROSE = regex.compile(r"(?<![\d.,/])((?:19|20)\d\d)(?![\d.,]\d)")  # not part of 2.023 or 1/2023
YEAR_RANGE = regex.compile(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d")  # "2021-2026": a period, not a year
FULL_STOP = regex.compile(r"(?<!\bRp)\.\s+(?=\p{Lu})")                # a full stop that is not the one of "Rp."
SENTENCE_END = regex.compile(FULL_STOP.pattern + r"|\.\s*$")          # ... or the stop that ends the text
CLAUSE_END = regex.compile(r"[.;!?]\s+(?=\S)")  # where a claim of a sentence ends: its stop, then the space
ITEM = regex.compile(r"^[\s\-–•❖▪●*]*(?:\d{1,2}[a-z]?|[a-zA-Z]|[IVX]{1,4})[.)]\s")  # "1. …", "b) …"
CLOSED = (".", ":", ";", "!", "?")
OPEN_COUNT = regex.compile(r"\d+\s*\(\p{L}[\p{L}\s]*\)$")  # "14 (empat belas)": a count awaiting its noun


@dataclass(slots=True)
class Paragraph:
    """Prose lines joined into one text; ``after`` says whether a heading or a table came before it."""

    text: str = ""
    lines: list[tuple[int, Line]] = field(default_factory=list)  # (offset in text, line)
    after: str | None = None  # "heading" | "table" | None
    _sentences: tuple[tuple[int, str], ...] | None = field(default=None, repr=False, compare=False)

    def line_at(self, offset: int) -> Line:
        """Given an offset in the text, return the line it was read from."""
        found = self.lines[0][1]
        for start, line in self.lines:
            if start > offset:
                break
            found = line
        return found

    def add(self, line: Line) -> None:
        if self.text:
            self.text += " "
        self.lines.append((len(self.text), line))
        self.text += line.text.strip()
        self._sentences = None

    def sentences(self) -> tuple[tuple[int, str], ...]:
        """Return (offset, sentence) of each sentence of the text (:func:`sentences`), split once."""
        if self._sentences is None:
            self._sentences = tuple(_split_sentences(self.text))
        return self._sentences


def continues(before: str, text: str) -> bool:
    """True when ``text`` continues the paragraph ``before`` (no closing stop, or "Rp."; lower case,
    a figure, a bracket or "Rp").

    >>> continues("target yang akan dicapai sebanyak 2 (dua) naskah", "kerjasama dengan realisasi")
    True
    >>> continues("realisasi sebesar 29 Perangkat Daerah, tercapai", "97% atau bernilai kinerja")
    True
    >>> continues("dengan anggaran sebesar Rp.", "Rp 1.250.000")
    True
    >>> continues("ditetapkan 3 (tiga) Program, 14 (empat belas)", "Kegiatan dan (40) Sub Kegiatan")
    True
    >>> continues("Target kinerja", "a. Capaian kinerja"), continues("adalah sebagai berikut:", "lalu")
    (False, False)
    """
    end = before.rstrip("*_ ")
    if end.endswith(CLOSED) and not end.endswith("Rp."):
        return False
    goes_on = (text[:1].islower() or text[:1].isdigit() or text.startswith(("(", "Rp"))
               or (text[:1].isalpha() and end.endswith((")", ")\n")) and OPEN_COUNT.search(end) is not None))
    return goes_on and not ITEM.match(text)


def paragraphs(lines: list[Line], sections: list | None = None, skip: Iterable[int] = ()) -> list[Paragraph]:
    """Given the document's lines (with each line's section, and the numbers of lines to leave out: table
    captions and the text between rows), return its prose as paragraphs, in order.

    Table rows and listings (DAFTAR ISI …) break paragraphs; a new section starts one.
    """
    skip = set(skip)
    out: list[Paragraph] = []
    broken, previous = "heading", None
    read, listing = object(), False  # the section whose listing-ness was decided last: lines share their section
    for line, section in zip(lines, sections or repeat(None)):
        text = line.text.strip()
        if not text:
            continue
        if section is not read:
            read, listing = section, is_listing(section)
        if listing or line.is_row or line.number in skip:
            broken = "heading" if listing or broken == "heading" else "table"
            continue
        if section is not previous:
            broken, previous = "heading", section
        if out and not broken and continues(out[-1].text, text):
            out[-1].add(line)
            continue
        out.append(Paragraph(text, [(0, line)], broken))  # as ``Paragraph(after=broken).add(line)``
        broken = None
    return out


def sentences(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """Given a paragraph, yield (offset, sentence); a stop followed by a space ends a sentence (split
    once per paragraph: several rules read the same sentences).

    >>> list(sentences(Paragraph(text="Target 5 Program. Realisasi 4; sisa 1")))
    [(0, 'Target 5 Program.'), (18, 'Realisasi 4;'), (31, 'sisa 1')]
    """
    return iter(paragraph.sentences())


def _split_sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in CLAUSE_END.finditer(text):  # the stop first: the engine skips ahead to one (a look-behind cannot)
        yield start, text[start:m.start() + 1]
        start = m.end()
    if start < len(text):
        yield start, text[start:]
