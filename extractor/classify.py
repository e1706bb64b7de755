"""Classify each parsed table by kind (``patterns/table_kinds.yaml``).

The kind is decided from the caption and the canonical fields of the columns: performance
agreement, measurement of the year, year-on-year comparison, Renstra targets, national comparison,
program budget, objectives and budget, performance and budget, efficiency, quarterly plan, scale,
other.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import patterns
from .tables import ParsedTable


@lru_cache(maxsize=1)
def table_kinds() -> list[tuple[str, tuple[regex.Pattern, ...], list[set[str]], set[str]]]:
    """The kinds, in file order, with compiled caption patterns, required field alternatives and the
    fields that support them."""
    return [(name, patterns.regexes("table_kinds", "kinds", name, "caption", flags=regex.I),
             [set(alt.split("|")) for alt in spec["requires"]], set(spec.get("supports") or ()))
            for name, spec in patterns.entry("table_kinds", "kinds").items()]


COLUMNS_ONLY_AT_MOST = 2.5  # columns alone never reach one caption match (3)


def classify(table: ParsedTable) -> str:
    """Given a parsed table, return its kind.

    The caption counts most; the columns decide between kinds whose caption matches equally, and
    alone (required fields, then supporting ones) when no kind's caption matches.
    """
    caption = (table.block.caption or "").lower()
    fields = table.fields() | ({"predicate"} if "predicate_mark" in table.fields() else set())
    best, best_score = "other", 0.0
    for name, captions, requires, supports in table_kinds():
        if not all(alt & fields for alt in requires):
            continue
        caption_hits = sum(1 for p in captions if p.search(caption))
        columns = sum(1 for alt in requires if alt & fields)
        score = 3 * caption_hits + columns
        if caption_hits == 0:
            score = min(columns + 0.5 * len(supports & fields), COLUMNS_ONLY_AT_MOST)
        if score > best_score:
            best, best_score = name, score
    return best
