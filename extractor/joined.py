"""Texts joined into one and searched at once: a screen ("which lines may hold this word?") looks the word up
in the whole report with one search instead of one per line, then maps each hit back to its text."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import Callable


@dataclass(frozen=True)
class Joined:
    """Texts joined by line breaks into one, with where each starts."""

    text: str
    starts: tuple[int, ...]

    @classmethod
    def of(cls, texts: list[str]) -> "Joined":
        """Given texts, return them joined.

        >>> Joined.of(["ab", "", "c"])
        Joined(text='ab\\n\\nc', starts=(0, 3, 4))
        """
        return cls("\n".join(texts), tuple(accumulate([len(t) + 1 for t in texts[:-1]], initial=0)) if texts else ())


def texts_found(joined: Joined, find: Callable[[str, int], int]) -> set[int]:
    """Given joined texts and ``find(text, position)`` (the start of the next hit from there, -1 for none,
    as ``str.find``; no hit may run over a line break into the next text), return the indexes of the texts
    with a hit, searched in all of them at once.

    >>> sorted(texts_found(Joined.of(["a tabel", "x", "Tabel 1 tabel"]), lambda text, at: text.lower().find("tabel", at)))
    [0, 2]
    """
    found: set[int] = set()
    text, starts = joined.text, joined.starts
    at = find(text, 0)
    while at >= 0:
        k = bisect_right(starts, at) - 1
        found.add(k)
        if k + 1 == len(starts):
            break
        at = find(text, starts[k + 1])  # the rest of this text is known to hold one
    return found
