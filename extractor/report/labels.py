"""The words of the pages in one language (``patterns/report_labels.yaml``): ``id`` by default, ``en``.

>>> labels("en")["indicator"], labels("id").decimal
('Indicator', ',')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import patterns

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Labels:
    """One language's labels (``labels["title"]``), closed lists and number separators."""

    lang: str
    words: dict
    thousands: str
    decimal: str

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def budget_item(self, item: str) -> str:
        return self.words["budget_items"].get(item, item)


@lru_cache(maxsize=None)
def labels(lang: str = "id") -> Labels:
    """Given a language code (``id`` or ``en``), return its labels; ValueError for any other."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    words = patterns.load("report_labels")[lang]
    return Labels(lang, words, words["numbers"]["thousands"], words["numbers"]["decimal"])
