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
LONGEST = max(map(len, DEFERRED), default=0)


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
    while position >= 0:
        for start in range(max(0, position - LONGEST + 1), position + 1):
            for end in range(position + 1, min(len(squeezed), start + LONGEST) + 1):
                piece = squeezed[start:end]
                if piece in DEFERRED:
                    found[piece] = None
        position = squeezed.find(HYPHEN, position + 1)
    return list(found)


def make_doc(text: str) -> Doc:
    """Given a text, return its tokens as ``spacy.blank("id").make_doc`` gives them."""
    tokenizer = blank().tokenizer
    for string in special_cases_in(text):
        if string not in tokenizer.rules:
            tokenizer.add_special_case(string, DEFERRED[string])
    return blank().make_doc(text)
