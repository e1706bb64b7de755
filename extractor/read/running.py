"""Running headers, footers and page numbers (*kop* and *nomor halaman*) found and removed.

Running text is among the first or last lines of a page and recurs (digits ignored) on most pages.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from ..patterns import load
from .geometry import Box, line_text

EDGE_LINES = 2       # how many lines at the top and bottom of a page may be running text
RUNNING_SHARE = 0.5  # running text appears on at least this share of the pages



@lru_cache(maxsize=1)
def page_number_pattern() -> regex.Pattern:
    """A bare page number (*nomor halaman*), its words from ``patterns/readers.yaml``."""
    words = load("readers")["page_number"]
    before, of = "|".join(words["before"]), "|".join(words["of"])
    return regex.compile(rf"^[-–—\s]*(?:(?:{before})\.?\s*)?(?:\d{{1,4}}|[ivxlcdm]{{1,8}})"
                         rf"(?:\s*(?:{of}|/)\s*\d{{1,4}})?[-–—\s]*$", regex.I)


def is_page_number(text: str) -> bool:
    """True for a bare page number ("12", "- 3 -", "Halaman 4 dari 40", "iv").

    >>> [is_page_number(t) for t in ("12", "- 3 -", "Halaman 4 dari 40", "iv", "2023 Dumai", "1.")]
    [True, True, True, True, False, False]
    """
    return bool(page_number_pattern().match(text.strip()))


def _running_key(text: str) -> str:
    return regex.sub(r"\d+", "#", " ".join(text.lower().split()))


def running_text(pages: list[list[str]]) -> list[set[int]]:
    """Given the texts of each page's non-table lines (top to bottom), return per page the
    indexes of running headers/footers and bare page numbers.

    Running text is among the first or last ``EDGE_LINES`` lines of a page and recurs (digits
    ignored) at the same edge on at least half of the pages, and on two pages at least.

    >>> running_text([["Laporan Kinerja 2023", "Isi", "1"], ["Laporan Kinerja 2023", "Lain", "2"]])
    [{0, 2}, {0, 2}]
    """
    def edges(texts: list[str]):
        n = len(texts)
        top = range(min(EDGE_LINES, n))
        bottom = range(max(n - EDGE_LINES, 0), n)
        return [(k, "top") for k in top] + [(k, "bottom") for k in bottom]

    counts: Counter = Counter()
    for texts in pages:
        counts.update({(_running_key(texts[k]), side) for k, side in edges(texts)})
    threshold = max(2, RUNNING_SHARE * len(pages))
    return [{k for k, side in edges(texts)
             if counts[(_running_key(texts[k]), side)] >= threshold or is_page_number(texts[k])}
            for texts in pages]


def drop_running_lines(pages: list[list[list[Box]]]) -> list[list[list[Box]]]:
    """Given each page's visual lines (boxes), return them without running text."""
    drops = running_text([[line_text(line) for line in lines] for lines in pages])
    return [[line for k, line in enumerate(lines) if k not in drop]
            for lines, drop in zip(pages, drops)]
