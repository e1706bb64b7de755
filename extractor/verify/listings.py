"""Programs listed in the prose with their kegiatan and sub kegiatan, for the counts of :mod:`.count_sources`.

A report often describes its programs one by one: "A. Program Penunjang …" followed by "1. Penyediaan
…", "2. Administrasi Keuangan …" with a paragraph on each; or an outline "1. Program …", "1.1. …"
(a kegiatan), "1.1.1. …" (a sub kegiatan). :func:`prose_listings` reads each such listing from the
lines outside tables:

* a **program** line: a marker (``A.``, ``I.``, ``1.``) then the word *program*;
* under it, a **kegiatan** or **sub kegiatan** line: an outline number extending the program's
  (``1.1``, ``1.1.1``; a lone number, or ``1.1`` under a lettered program), numbered in sequence, or a
  line opening with the word *kegiatan* / *sub kegiatan* (``- Sub kegiatan …``). A number printed
  alone on its line (a scan that set the names apart) still counts its item once.

Lines without a marker between the items (the paragraph on each kegiatan, a name wrapped over two
lines) are read past; a table row, a table caption, a number out of sequence or more than
``MAX_GAP`` lines without an item end the listing. The levels are certain when every item prints an
outline number; read from the kind of marker otherwise.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ..read.base import Line
from ..structure import match_caption
from . import core_words

MAX_GAP = 4  # lines without an item that a listing reads past (a paragraph on the kegiatan above)
_MARKER = regex.compile(
    r"^[\s\-–•❖▪●*]*(?:(?P<outline>\d{1,2}(?:\.\d{1,2})+)\.?|(?P<single>\d{1,2}|[A-Za-z]|[IVXivx]{1,5})[.)])"
    r"(?:\s+|$)(?P<text>.*)$")
_BULLET = regex.compile(r"^[\s\-–•❖▪●*]+(?P<text>\S.*)$")
ACTIVITY, SUB_ACTIVITY = 1, 2


@dataclass
class Item:
    """A kegiatan (level 1) or sub kegiatan (level 2) of a listed program."""

    level: int
    line: Line
    key: str  # its outline number when it prints one, else its line's text
    numbered: bool  # its level comes from an outline number


@dataclass
class ListedProgram:
    line: Line
    marker: tuple[str, ...] | None  # (1,) for "1." / None for "A.", "I."
    items: list[Item] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.line.text.strip()

    def of_level(self, level: int) -> list[Item]:
        seen, out = set(), []
        for item in self.items:
            if item.level == level and item.key not in seen:
                seen.add(item.key)
                out.append(item)
        return out


@dataclass
class Listing:
    """Programs listed in the prose, each with its items, and whether every level was read from numbers."""

    programs: list[ListedProgram]

    @property
    def certain(self) -> bool:
        return all(i.numbered for p in self.programs for i in p.items)

    @property
    def span(self) -> tuple[int, int]:
        numbers = [p.line.number for p in self.programs] + [i.line.number for p in self.programs for i in p.items]
        return min(numbers), max(numbers)


@lru_cache(maxsize=4)
def _noun_start(nouns: tuple[str, ...]) -> regex.Pattern:
    alternation = "|".join(regex.escape(n).replace(r"\ ", r"\s*") for n in sorted(nouns, key=len, reverse=True))
    return regex.compile(rf"(?:{alternation})(?-i:(?!\p{{Ll}}))", regex.I)  # "ProgramPenunjang": glued


def _kind_of(text: str, nouns: dict[str, str], start: regex.Pattern) -> str | None:
    """The kind of the counted noun a line's text opens with ("Program …", "Sub kegiatan…"), or None
    (``start``: :func:`_noun_start` of the nouns, looked up once per listing search)."""
    m = start.match(text)
    return nouns.get(" ".join(m.group().lower().replace("-", " ").split())) if m else None


def program_words(nouns: dict[str, str]) -> tuple[str, ...] | None:
    """Given ``nouns`` (noun → kind), return words one of which the :func:`~extractor.verify.folded` text of
    every line of a program that opens a listing holds: the first word of each noun of programs, lower case (the
    line's text lower-cased holds it, so its fold does; None when a word is not ASCII, whose fold may differ).

    >>> program_words({"program": "programs", "sub kegiatan": "sub_activities", "programs": "programs"})
    ('program',)
    """
    words = [" ".join(noun.replace("-", " ").split()).split(" ")[0].lower()
             for noun, kind in nouns.items() if kind == "programs"]
    return core_words(words) if all(word.isascii() for word in words) else None


def prose_listings(lines: list[Line], nouns: dict[str, str], programs: list[int] | None = None) -> list[Listing]:
    """Given the document's lines, ``nouns`` (``patterns/counts.yaml``: noun → kind) and the indexes of the
    lines that may open a listing (in order; None: every line), return every listing of programs with at
    least one kegiatan, in order.

    Outside a listing only the line of a program matters: the others are passed over at once.
    """
    nouns = {" ".join(k.replace("-", " ").split()): v for k, v in nouns.items()}
    start = _noun_start(tuple(nouns))
    out: list[Listing] = []
    current: list[ListedProgram] = []
    gap = 0

    def close():
        if any(p.items for p in current):
            out.append(Listing(list(current)))
        current.clear()

    k = 0
    while k < len(lines):
        if not current and programs is not None:  # the lines up to the next that may open a listing change nothing
            at = bisect_left(programs, k)
            if at == len(programs):
                break
            k = programs[at]
        line = lines[k]
        k += 1
        text = line.text.strip()
        if not text:
            continue
        if line.is_row:
            close()
            continue
        m = _MARKER.match(text)
        if not current and not (m and _kind_of(m["text"], nouns, start) == "programs"):
            continue  # outside a listing only a program's line matters (the caption test is the costlier)
        if match_caption(line):
            close()
            continue
        if m and _kind_of(m["text"], nouns, start) == "programs":
            number = m["outline"] or m["single"]
            current.append(ListedProgram(line, tuple(number.split(".")) if number.isdigit() else None))
            gap = 0
            continue
        item = _item(current[-1], m, text, line, nouns, start) if current else None
        if item is not None:
            current[-1].items.append(item)
            gap = 0
        elif current and (m is not None or (gap := gap + 1) > MAX_GAP):
            close()  # a marker out of place, or the prose moved on
    close()
    return out


def _item(program: ListedProgram, m, text: str, line: Line, nouns: dict[str, str], start: regex.Pattern) -> Item | None:
    """Given the program a line follows and the line's marker, return the kegiatan or sub kegiatan it lists."""
    bullet = _BULLET.match(text)
    named = _kind_of(m["text"] if m else bullet["text"] if bullet else "", nouns, start)
    level_by_noun = {"activities": ACTIVITY, "sub_activities": SUB_ACTIVITY}.get(named)
    if m is None:
        return Item(level_by_noun, line, text, False) if level_by_noun else None
    if m["outline"] or (m["single"].isdigit() and program.marker is None):
        parts = tuple((m["outline"] or m["single"]).split("."))
        base = program.marker or ()
        if parts[:len(base)] != base or not 1 <= len(parts) - len(base) <= 2 or not _in_sequence(program, parts):
            return None
        return Item(len(parts) - len(base), line, ".".join(parts), bool(m["outline"]))
    return Item(level_by_noun, line, text, False) if level_by_noun else None


def _in_sequence(program: ListedProgram, parts: tuple[str, ...]) -> bool:
    """Whether an outline number follows the program's items: the first of its level, or the next of a
    sibling printed before it (a repeated number counts once)."""
    siblings = [tuple(i.key.split(".")) for i in program.items if i.numbered or i.key.replace(".", "").isdigit()]
    if int(parts[-1]) == 1:
        return True
    return any(s[:-1] == parts[:-1] and int(s[-1]) in (int(parts[-1]) - 1, int(parts[-1])) for s in siblings)
