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
from .printings import BUDGET_KINDS  # a budget kind the columns chose stays
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
    alone (required fields, then supporting ones) when no kind's caption matches. A table no caption
    names whose columns choose no budget kind, but whose rows print budget codes and amounts
    (:func:`budget_by_codes`), is a program budget.
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
    if best_score < CAPTION_MATCH and best not in BUDGET_KINDS and budget_by_codes(table):
        return BUDGET_BY_CODES
    return best


CAPTION_MATCH = 3
BUDGET_BY_CODES = "program_budget"  # the kind of a table its codes and amounts show to be a budget
AMOUNT = regex.compile(r"\d{1,3}(?:[.,]\d{3}){2,}")  # a grouped amount of a million or more


def budget_by_codes(table: ParsedTable) -> bool:
    """Whether most rows of a table print a budget code or outline number of two parts or more
    (``5.01.01.2.01``, ``1.1``) first and a rupiah amount: a budget table, whatever its caption and
    header say (an annex worded otherwise)."""
    code = patterns.regex("rows", "outline_number", flags=regex.I)
    coded = 0
    for row in table.rows:
        first = next((c.strip() for c in row.cells if c.strip()), "")
        m = code.match(first)
        parts = m["number"].split(".") if m else []
        if len(parts) >= 2 and not all(len(p) == 3 for p in parts[1:]) and any(AMOUNT.search(c) for c in row.cells):
            coded += 1  # an amount looked for only in a row that opens with a code
    return coded >= 2 and coded * 2 >= len(table.rows)
