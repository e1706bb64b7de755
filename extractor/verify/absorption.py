"""``absorption_mismatch``: a stated budget absorption (%) against realisasi / anggaran × 100.

Checked wherever the three are printed together: every row of every table with allocation,
realisation and % columns (programs, sasaran sub-budgets, sub-totals and JUMLAH rows; a row printing
two programs in one cell is split), the report's budget totals, and prose statements such as
"Jumlah Anggaran … sebesar Rp A dengan realisasi … sebesar Rp B atau 97%".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import regex

from ..model import Figure, Finding, Provenance
from ..read.base import Line
from .. import patterns
from ..joined import texts_found
from . import (Context, TextLines, budget_subject, compiled, figures_in, folded, grade, holding, part, places_of)
from .achievement import name_parts, row_parts
from .precision import HUNDRED, fmt, judge, printed, shown
from ..yardsticks import language

BUDGET_COLUMNS = ("allocation", "budget_realization", "absorption")
THOUSANDS_MARK = r"[.,]\d{3}"  # after a digit, a mark then three digits: what an amount grouped in thousands prints
THOUSANDS_GROUP = regex.compile(r"\d" + THOUSANDS_MARK + r"(?:[.,]|$|\D)")
_MAY_BE_GROUPED = regex.compile(r"(?<=\d)" + THOUSANDS_MARK)  # a mark first: quicker to search than a digit
ITEM_MARKS = regex.compile(r"^(?:[A-Za-z0-9]{1,3}[.)]\s*)+")


@dataclass
class BudgetLine:
    """Allocation, realisation and absorption printed together, with the place and what they concern."""

    subject: str
    allocation: Figure
    realization: Figure
    absorption: Figure | None
    provenance: Provenance
    kind: str = "line"  # line: a table's budget line; prose: a sentence; total: the report's budget totals
    places: tuple = ()  # where the allocation and the realisation are printed, when elsewhere than the %


def table_budget_lines(ctx: Context) -> Iterator[BudgetLine]:
    """Every table row that prints an allocation and its realisation (and usually the %)."""
    for table in ctx.tables:
        cols = {key: table.column(key) for key in BUDGET_COLUMNS}
        if cols["allocation"] is None or cols["budget_realization"] is None:
            continue
        for row in table.rows:
            parts = row_parts(table, row, cols)
            label = row.label
            names = name_parts(label, len(parts)) if len(parts) > 1 else [label]
            for name, figures in zip(names, parts):
                if figures["allocation"] is not None and figures["budget_realization"] is not None:
                    yield BudgetLine(name, figures["allocation"], figures["budget_realization"],
                                     figures["absorption"], row.provenance)


def is_amount(figure: Figure) -> bool:
    """A rupiah amount: marked ``Rp``, or a whole number grouped in thousands (``1.070.096.194``)."""
    if figure.value is None or figure.unit == "%":
        return False
    return figure.unit == "Rp" or (abs(figure.value) >= 1000 and THOUSANDS_GROUP.search(figure.raw) is not None)


def may_print_amount(text: str) -> bool:
    """Say whether a text may print an amount (:func:`is_amount`): it holds a currency marker or word of
    ``patterns/numbers.yaml`` (an amount marked ``Rp``) or a digit, a mark and three digits (one grouped in
    thousands). False is certain.

    >>> may_print_amount("naik 97,23% pada tahun 2023"), may_print_amount("sebesar 1.070.096"), may_print_amount("RP 5")
    (False, True, True)
    """
    if _MAY_BE_GROUPED.search(text):
        return True
    lowered = folded(text)
    return any(word in lowered for word in _currency_words())


def lines_that_may_print_amounts(lines: TextLines) -> frozenset[int]:
    """Given a document's lines of text (neither table rows nor blank), return the indexes of those that
    :func:`may_print_amount`, screened all at once: the words looked up in the :func:`folded` text of them all."""
    found = holding(lines.folds, _currency_words()) | texts_found(lines.folds, _next_grouped)
    return frozenset(lines.indexes[at] for at in found)


def _next_grouped(text: str, at: int) -> int:
    """Where the next mark of a thousands group (:data:`THOUSANDS_MARK`) starts from ``at``, -1 for none."""
    m = _MAY_BE_GROUPED.search(text, at)
    return -1 if m is None else m.start()


@lru_cache(maxsize=1)
def _currency_words() -> tuple[str, ...]:
    """The words that mark an amount in rupiah (``currency_markers``, ``currency_words`` of
    ``patterns/numbers.yaml``), :func:`folded`."""
    return tuple(folded(str(word)) for key in ("currency_markers", "currency_words")
                 for word in patterns.entry("numbers", key))


def line_amounts(ctx: Context) -> list[tuple[tuple[int, int, Figure, bool], ...] | None]:
    """Given the context, return for each line of the document the figures it prints as (start, end,
    figure, whether it is a rupiah amount: :func:`is_amount`), () when it prints no amount (its other figures
    are not read: every reader looks for amounts), None for a table row or a blank line; found once per report
    (budget sentences and listed totals read the same lines)."""
    def compute():
        lines, text = ctx.document.lines, ctx.text_lines()
        found: list = [None] * len(lines)
        for k in text.indexes:
            found[k] = ()  # most lines of prose: their figures are never built
        for k in lines_that_may_print_amounts(text):
            found[k] = _amounts(lines[k].text)
        return found
    return ctx.once("line_amounts", compute)


def _amounts(text: str) -> tuple[tuple[int, int, Figure, bool], ...]:
    """:func:`line_amounts` of a line of text that :func:`may_print_amount`."""
    found = figures_in(text)
    return tuple([(start, end, figure, is_amount(figure)) for start, end, figure in found]) if found else ()


def prose_budget_lines(ctx: Context) -> list[BudgetLine]:
    """Budget sentences: an allocation and a realisation in words' reach, then "atau X%" (found once)."""
    return ctx.once("prose_budget_lines", lambda: list(_prose_budget_lines(ctx)))


def _prose_budget_lines(ctx: Context) -> Iterator[BudgetLine]:
    words = {key: compiled(language()["budget_sentence"][key], regex.I)
             for key in ("percent_intro", "realization", "allocation")}
    lines, amounts_of = ctx.document.lines, line_amounts(ctx)
    for k, found in enumerate(amounts_of):
        if found is None or len(found) < 3:  # a blank line, a row, or no allocation, realisation and % on it
            continue
        line, text = lines[k], lines[k].text
        amounts: dict[str, Figure] = {}
        last_end = 0
        for start, end, figure, amount in found:
            before = text[last_end:start]
            last_end = end
            if figure.unit == "%":
                if "allocation" in amounts and "realization" in amounts and words["percent_intro"].search(before):
                    where = Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=text[:160])
                    yield BudgetLine(_prose_subject(_line_before(lines, amounts_of, k), text), amounts["allocation"],
                                     amounts["realization"], figure, where, "prose")
                amounts = {}
                continue
            if not amount:
                continue
            if words["realization"].search(before):
                amounts["realization"] = figure
            elif words["allocation"].search(before):
                amounts["allocation"] = figure


def _line_before(lines: list[Line], amounts_of: list, k: int) -> str:
    """The text of the line of prose above line ``k`` (blank lines passed), "" when a table row or nothing is."""
    for j in range(k - 1, -1, -1):
        if amounts_of[j] is not None:  # a line of text
            return lines[j].text
        if lines[j].is_row:
            return ""
    return ""


def _prose_subject(previous: str, text: str) -> str:
    """The heading just above a budget sentence (``6. Pengadaan Barang …``), else its first words."""
    heading = " ".join(previous.split()).strip("*_ ")
    if heading and len(heading) <= 120 and not heading.endswith((".", ":")):
        return ITEM_MARKS.sub("", heading).strip()
    return "Budget statement: " + " ".join(text.split()[:6]) + " …"


def budget_total_line(ctx: Context) -> Iterator[BudgetLine]:
    """The report's budget totals with the absorption it states for them."""
    budget = ctx.report.budget
    if budget.total_allocation and budget.total_realization and budget.absorption:
        where = budget.provenance.get("absorption") or budget.provenance.get("total_realization")
        yield BudgetLine("Total anggaran", budget.total_allocation, budget.total_realization, budget.absorption, where,
                         "total", (budget.provenance.get("total_allocation"), budget.provenance.get("total_realization")))


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield a finding for each absorption its allocation and realisation contradict."""
    seen = set()
    for budget_line in (*table_budget_lines(ctx), *prose_budget_lines(ctx), *budget_total_line(ctx)):
        key = (budget_line.provenance.line, budget_line.absorption.raw if budget_line.absorption else None)
        if key in seen:
            continue
        seen.add(key)
        finding = judge_budget_line(budget_line, ctx)
        if finding is not None:
            yield finding


def subject_of_line(ctx: Context | None, item: BudgetLine) -> dict:
    """The subject fields of a finding on a budget line: the agency's budget when its allocation is the
    report's total (or it is the budget's own line), else the program or kegiatan printed there or so named,
    else the table row (or, in prose, the report)."""
    total = ctx.report.budget.total_allocation if ctx is not None else None
    if item.kind == "total" or (total is not None and total.value is not None and item.allocation.value == total.value):
        return {"subject_kind": "budget", "subject_id": "budget"}
    kind, key = budget_subject(ctx, item.provenance, item.subject) if ctx is not None else (None, None)
    if kind is not None:
        return {"subject_kind": kind, "subject_id": key}
    return {"subject_kind": "report" if item.kind == "prose" else "table_row", "subject_id": None}


def judge_budget_line(item: BudgetLine, ctx: Context | None = None) -> Finding | None:
    """Given allocation, realisation and stated absorption, return the finding if they disagree."""
    stated, allocation, realization = item.absorption, item.allocation, item.realization
    if stated is None or stated.value is None or allocation.value is None or realization.value is None:
        return None
    data = dict(**subject_of_line(ctx, item), field="absorption",
                year=ctx.report.report_year if ctx is not None else None, stated_value=stated.value,
                formula="realisasi / anggaran × 100", places=places_of(item.provenance, *item.places),
                parts=[part("anggaran", allocation, (item.places or (None,))[0] or item.provenance),
                       part("realisasi", realization, (item.places or (None, None))[1] or item.provenance)])
    if allocation.value == 0:
        return Finding(code="absorption_mismatch", severity="info", basis="arithmetic", subject=item.subject,
                       stated=printed(stated), expected=None, provenance=item.provenance, **data,
                       message=f"Absorption {printed(stated)} cannot be recomputed because the allocation is 0.")
    computed = realization.value / allocation.value * HUNDRED
    verdict = judge(stated, computed)
    if verdict.consistent:
        return None
    calculation = f"{fmt(realization.value)}/{fmt(allocation.value)} × 100"
    level, basis, why = grade(ctx, [stated, allocation, realization], data["places"])
    return Finding(
        code="absorption_mismatch", severity=level, basis=basis, subject=item.subject,
        stated=printed(stated), expected=f"{calculation} = {fmt(computed, max(verdict.decimals, 2))}%",
        expected_value=computed, provenance=item.provenance, **data,
        message=(f"Absorption {printed(stated)} does not match realisasi / anggaran × 100 = {calculation} = "
                 f"{shown(computed, verdict.decimals)}% ({verdict.explain()}){why}."))
