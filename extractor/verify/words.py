"""``words_mismatch``: an amount in words (*terbilang*) against the digits it accompanies.

Reports print budget amounts twice, ``Rp 98.575.166.924 (Sembilan Puluh Delapan Milyar … Rupiah)``.
The words are read with :mod:`extractor.terbilang`; an amount must match exactly, and words that do
not make a number at all (``… lima puluh ribu tujuh ratus empat puluh ribu rupiah``) contradict
the digits too. Sentences broken over two lines (a page break inside the words) are joined first
(:func:`paragraphs`, shared with the sums rule). Counts such as ``6 (enam)`` are the count rule's.
A finding's ``stated_value`` is the amount in digits (what joins to the budget's figure) and its
``expected_value`` what the words say (None when they make no number).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator


from .. import patterns
from ..model import Finding, FindingPart, Provenance
from ..prose import Paragraph
from ..terbilang import find_amounts_in_words, number_to_words, words_limit
from . import Context, core_words, grade, part, rule_word
from .precision import fmt



def subject_of(text: str, start: int) -> str:
    """Given a sentence and where an amount starts, return what the amount is (``Belanja Modal``)."""
    found = rule_word("amount_subject").findall(text[max(0, start - 80): start])
    return " ".join(found[-1].split()).title() if found else "Amount"


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield a finding for each amount whose words say another number."""
    path = ctx.report.source.path
    paragraphs = ctx.paragraphs()
    for k in sorted(ctx.paragraphs_holding(money_words())):
        yield from _paragraph_findings(paragraphs[k], path, ctx)


@lru_cache(maxsize=1)
def money_words() -> tuple[str, ...]:
    """The words a paragraph printing an amount in words holds (a cheap screen, False certain): the amount
    is marked ``Rp`` (``currency_markers`` of ``patterns/numbers.yaml``) or its words say *rupiah*
    (``currency_words``), as :func:`~extractor.terbilang.find_amounts_in_words` keeps only such amounts.

    >>> money_words()
    ('idr', 'rp', 'rupiah')
    """
    return core_words(patterns.words("numbers", "currency_markers") | patterns.words("numbers", "currency_words"))


BUDGET_FIELDS = {"total_allocation": "allocation", "operating_expenditure": "operating_expenditure",
                 "capital_expenditure": "capital_expenditure", "total_realization": "realization",
                 "operating_realization": "operating_realization", "capital_realization": "capital_realization"}


def _subject(ctx: Context | None, value) -> dict:
    """The agency's budget when the amount is one of its figures (``capital_expenditure`` …), else the report."""
    budget = ctx.report.budget if ctx is not None else None
    for key, name in BUDGET_FIELDS.items():
        figure = getattr(budget, key) if budget is not None else None
        if figure is not None and figure.value == value:
            return {"subject_kind": "budget", "subject_id": "budget", "field": name, "year": ctx.report.report_year}
    return {"subject_kind": "report", "subject_id": None, "field": "amount",
            "year": ctx.report.report_year if ctx is not None else None}


def _paragraph_findings(paragraph: Paragraph, path: str, ctx: Context | None = None) -> Iterator[Finding]:
    if "(" not in paragraph.text:  # amounts in words stand in parentheses
        return
    for figure, words, value, (start, end) in find_amounts_in_words(paragraph.text):
        if figure.value is None or value == figure.value:
            continue
        line = paragraph.line_at(start)
        digits = fmt(figure.value)
        writable = figure.value == figure.value.to_integral_value() and 0 <= figure.value < words_limit()
        in_words = f"{number_to_words(int(figure.value))} rupiah" if writable else digits
        read = f"reads {fmt(value)}" if value is not None else "cannot be read as a number (its scale words are out of order)"
        where = Provenance(file=path, line=line.number, page=line.page, row=paragraph.text[start:end][:300])
        level, basis, why = grade(ctx, [figure], [where])
        # stated_value: the amount in digits (what joins to the budget); expected_value: what its words say
        yield Finding(
            code="words_mismatch", severity=level, basis=basis, **_subject(ctx, figure.value),
            subject=subject_of(paragraph.text, start), stated=f"{figure.raw.strip()} ({words})",
            expected=f"{digits} = {in_words}", stated_value=figure.value, expected_value=value,
            formula="terbilang (amount in words) = digits",
            parts=[part("digits", figure, where), FindingPart(label="words", value=value, raw=words, provenance=where)],
            places=[where], provenance=where,
            message=(f"The amount in words {read}, but the digits beside it say {digits} "
                     f"(rupiah amounts must match exactly){why}."))
