"""The blank Indonesian spaCy pipeline of the prose rules, with its special cases loaded on demand.

spaCy's ``id`` tokenizer holds about 16 000 special cases, nearly all hyphenated words kept whole
(``anak-anak``, ``rata-rata`` and their capitalised forms); adding them one by one costs seconds per
process, more than extracting a report. :func:`blank` builds the same pipeline with only the few
hundred special cases that hold no hyphen; :func:`make_doc` adds, before tokenizing a text, the
hyphenated special cases that occur in it. A special case can only change how a text is split when
its string is printed in the text (inside one whitespace-free chunk, or across the tokens the
special-case matcher joins), so the tokens are those of ``spacy.blank("id")``.

>>> [t.text for t in make_doc("Rata-rata capaian (anak-anak) 97,5%.")]
['Rata-rata', 'capaian', '(', 'anak-anak', ')', '97,5', '%', '.']
"""
from __future__ import annotations

import threading
from functools import lru_cache

from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.tokens import Doc

HYPHEN = "-"


def _deferred(string: str) -> bool:
    """True for a special case added only when a text prints it: a hyphenated word without whitespace."""
    return HYPHEN in string and string.split() == [string]


DEFERRED = {string: substrings for string, substrings in Indonesian.Defaults.tokenizer_exceptions.items()
            if _deferred(string)}


def _openings() -> dict[str, tuple[int, ...]]:
    """Each deferred special case's text up to its first hyphen, mapped to the lengths of those opening so."""
    lengths: dict[str, set[int]] = {}
    for string in DEFERRED:
        lengths.setdefault(string[: string.index(HYPHEN) + 1], set()).add(len(string))
    return {opening: tuple(sorted(found)) for opening, found in lengths.items()}


OPENINGS = _openings()
LONGEST_OPENING = max(map(len, OPENINGS), default=0)


EAGER = {string: substrings for string, substrings in Indonesian.Defaults.tokenizer_exceptions.items()
         if string not in DEFERRED}


class _Defaults(Indonesian.Defaults):
    tokenizer_exceptions = EAGER


class _Indonesian(Indonesian):
    """``spacy.blank("id")`` whose tokenizer starts without the hyphenated special cases."""

    Defaults = _Defaults


@lru_cache(maxsize=1)
def blank() -> Language:
    """Return the blank Indonesian pipeline (built once; the hyphenated special cases come with texts)."""
    return _Indonesian()


def special_cases_in(text: str) -> list[str]:
    """Given a text, return the deferred special cases printed in it, whitespace aside.

    >>> special_cases_in("rata- rata capaian (Anak-anak); 2021-2026")
    ['rata-rata', 'Anak-anak']
    """
    if HYPHEN not in text:
        return []
    squeezed = "".join(text.split())  # the matcher joins tokens across whitespace
    found: dict[str, None] = {}
    position = squeezed.find(HYPHEN)
    while position >= 0:  # as the first hyphen of a special case: what stands before it opens one?
        for start in range(max(0, position - LONGEST_OPENING + 1), position + 1):
            for length in OPENINGS.get(squeezed[start: position + 1], ()):
                piece = squeezed[start: start + length]
                if piece in DEFERRED:
                    found[piece] = None
        position = squeezed.find(HYPHEN, position + 1)
    return list(found)


_ADDING = threading.Lock()  # a special case is never added while another thread tokenizes


def make_doc(text: str) -> Doc:
    """Given a text, return its tokens as ``spacy.blank("id").make_doc`` gives them."""
    pipeline = blank()
    wanted = special_cases_in(text)
    with _ADDING:
        for string in wanted:
            if string not in pipeline.tokenizer.rules:
                pipeline.tokenizer.add_special_case(string, DEFERRED[string])
        return pipeline.make_doc(text)
