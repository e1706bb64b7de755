"""Names as printed: how two printings of one indicator, objective or program name are found to be one.

One normalisation (:func:`fold_label`: case, spacing, letter-spaced OCR words) and one similarity
measure (rapidfuzz) used by assembly, which links every table's rows to the report's indicators and
programs, and by every verification rule that names what a figure is about.
"""
from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz import fuzz

from .model import Indicator
from .tables import fold_label

__all__ = ["fold_label", "same_name", "similarity", "link_score", "match_indicator", "SAME_NAME", "LINK_SCORE"]

SAME_NAME = 88  # rapidfuzz token_sort_ratio from which two indicator/program names are one
LINK_SCORE = 85  # mean of token-sort and token-set similarity from which a row names an indicator
LOOSE_SCORE = 95  # token-set similarity from which a name holding all of one indicator's words is it
NON_WORD = regex.compile(r"[^\w ]+")
LETTERS = regex.compile(r"\p{L}+")


@lru_cache(maxsize=8192)
def comparable(name: str) -> str:
    """Given a name, return it folded with punctuation made spaces.

    >>> comparable("Jumlah  Kerjasama/ Lembaga")
    'jumlah kerjasama  lembaga'
    """
    return NON_WORD.sub(" ", fold_label(name))


@lru_cache(maxsize=8192)
def words(name: str) -> str:
    """Given a name, return its words only (no digits, no punctuation), folded.

    >>> words("Indeks Kepuasan Masyarakat (IKM) 2023")
    'indeks kepuasan masyarakat ikm'
    """
    return " ".join(LETTERS.findall(fold_label(name)))


def similarity(a: str, b: str) -> float:
    """Given two names, return how alike they are (0–100), word order and punctuation forgiven."""
    return fuzz.token_sort_ratio(comparable(a), comparable(b))


def same_name(a: str, b: str) -> bool:
    """Two printings of one name (case, punctuation, a word more or less).

    >>> same_name("Jumlah Kerjasama dengan Institusi/ Lembaga Pendidikan", "Jumlah Kerjasama Daerah dengan Institusi/Lembaga Pendidikan")
    True
    >>> same_name("Terlaksananya Kerjasama antar Daerah", "Terlaksananya Kerjasama Daerah dengan Pihak Ketiga")
    False
    """
    return similarity(a, b) >= SAME_NAME


def link_score(name: str, indicator: Indicator) -> float:
    """How surely a row's name is this indicator: token order and wrapped repeats forgiven."""
    a = comparable(name)
    return max((fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2
               for b in map(comparable, [indicator.name, *indicator.aliases]))


def match_indicator(name: str, indicators: list[Indicator]) -> tuple[Indicator | None, float]:
    """Given a name as printed, return the indicator it names and how alike they are (0–100).

    Word order and punctuation do not matter; a name that holds all the words of one indicator
    and not of another (``Indeks Kepuasan Masyarakat (IKM) …`` for ``… terkait pelayanan …``) is
    that indicator too.
    """
    if not name or not indicators:
        return None, 0.0
    scored = sorted(((max(fuzz.token_sort_ratio(words(name), words(n)) for n in [i.name, *i.aliases]), k)
                     for k, i in enumerate(indicators)), reverse=True)
    if scored[0][0] >= SAME_NAME:
        return indicators[scored[0][1]], scored[0][0]
    loose = sorted(((max(fuzz.token_set_ratio(words(name), words(n)) for n in [i.name, *i.aliases]), k)
                    for k, i in enumerate(indicators)), reverse=True)
    unique = len(loose) == 1 or loose[1][0] < LOOSE_SCORE
    return (indicators[loose[0][1]], loose[0][0] - 10) if loose[0][0] >= LOOSE_SCORE and unique else (None, 0.0)
