"""``sum_mismatch``: a stated total against the sum of its parts.

* tables: a JUMLAH / TOTAL row against the rows above it, column by column (program allocations,
  realisations). A table that mixes levels (programs with their kegiatan) is added up level by
  level: the total is consistent when all rows, or the program rows alone, add up to it.
* lists in the text: "1. Belanja Operasi : Rp X / 2. Belanja Modal : Rp Y / Jumlah : Rp Z";
* sentences: "… sebesar Rp X, terdiri dari Belanja Operasi Rp Y dan Belanja Modal Rp Z";
* the report's budget: belanja operasi + belanja modal against the total, for the allocation
  and for the realisation.

Quarterly columns and the roll-ups of program / kegiatan / sub kegiatan tables are ``rollups.py``.

Rupiah sums must match exactly.
"""
from __future__ import annotations

from bisect import bisect_left

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Iterator

import regex

from ..model import Figure, Finding, Provenance
from ..names import fold_label
from ..printings import PrintedRow, PrintedTable, is_total_label
from ..prose import FULL_STOP, SENTENCE_END
from . import Context, compiled, figures_in, grade, part, places_of, rule_word, subject_label
from .absorption import is_amount, line_amounts
from .precision import fmt, printed
from .render import table_name
from ..yardsticks import language
from .words import subject_of

NOT_A_LETTER_NOR_SPACE = regex.compile(r"[^\p{L} ]")
CODE_CELL = regex.compile(r"^\s*(\d+(?:\.\d+)+)\s*$")          # "2.12.04": a coded list's level
RULE_LINE = regex.compile(r"[.\-–]+")
ITEM_MARK = regex.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]?\s+")
LIST_ITEM = regex.compile(r"^\s*(?:\d{1,2}|[a-z])[.)]?\s+\p{L}")


@dataclass
class Total:
    """A stated total, the ways its parts may be added up (the first is shown), and its place."""

    subject: str
    stated: Figure
    groupings: list[list[Figure]]
    provenance: Provenance
    apart: bool = False  # the total and its parts are printed in different places
    sources: dict = field(default_factory=dict, repr=False)  # id(part figure) → (its label, its place)
    measure: str | None = None  # the budget field it totals (allocation or realization), where known
    budget_line: bool = False  # the total is the agency's budget (a JUMLAH of programs, the budget's own)




def _column_figures(table: PrintedTable, row: PrintedRow, index: int) -> list[Figure]:
    if index >= len(row.cells) or not row.cells[index].strip():
        return []
    figure = table.figure(row, table.columns[index]) if index < len(table.columns) else None
    if figure is not None and figure.value is not None:
        return [figure]
    return [f for f in table.figures_of(row, index) if f.value is not None]


def table_totals(ctx: Context) -> Iterator[Total]:
    """Each JUMLAH / TOTAL row of each table, against the rows since the previous total."""
    for table in ctx.tables:
        start = 0
        for i, row in enumerate(table.rows):
            if not row.is_total:
                continue
            above = [r for r in table.rows[start:i] if not r.is_total]
            start = i + 1
            for index in range(len(row.cells)):
                stated = _column_figures(table, row, index)
                if len(stated) != 1 or not is_amount(stated[0]):
                    continue
                cells = [(r, _column_figures(table, r, index)) for r in above]
                groupings = _groupings(table, cells)
                label = next(c for c in row.cells if c.strip() and is_total_label(c))
                column = table.columns[index].field if index < len(table.columns) else None
                if groupings:
                    yield Total(f"{fold_label(label).upper()} ({table_name(table.caption)})", stated[0],
                                groupings, row.provenance,
                                sources={id(f): (r.label, r.provenance) for r, figs in cells for f in figs},
                                measure={"budget_realization": "realization"}.get(column, column),
                                budget_line=column in ("allocation", "budget_realization") and any(r.program for r, _ in cells))


def _groupings(table: PrintedTable, cells: list) -> list[list[Figure]]:
    """The ways the rows above a total may add up: every row; every amount of every cell; the
    program rows only; each program once (a program printed beside several sasaran); the rows of
    the highest level of a coded list (``2.12.04`` above ``2.12.04.2.01``), even when it is one program."""
    cells = [(r, [f for f in figs if is_amount(f) or f.value == 0]) for r, figs in cells]
    cells = [(r, figs) for r, figs in cells if figs]
    if len(cells) < 2 or any(f.value != f.value.to_integral_value() for _, figs in cells for f in figs):
        return []  # fractions: not a column of rupiah amounts
    programs = [(r, figs) for r, figs in cells if r.program]
    distinct = {}
    for r, figs in programs:
        name = fold_label(r.program)
        distinct.setdefault((NOT_A_LETTER_NOR_SPACE.sub("", name).strip(), figs[0].value), figs[0])
    depth = {id(r): len(m[1].split(".")) for r, _ in cells if (m := CODE_CELL.match(r.cells[0]))}
    top = [figs[0] for r, figs in cells if depth and depth.get(id(r)) == min(depth.values())]
    groupings = [[figs[0] for _, figs in cells], [f for _, figs in cells for f in figs],
                 [figs[0] for _, figs in programs], list(distinct.values()), top]
    return [g for i, g in enumerate(groupings) if len(g) >= 2 or (i >= 2 and g)]  # a total of one program


def listed_totals(ctx: Context) -> Iterator[Total]:
    """'1. Belanja Operasi : Rp X' lines followed by a 'Jumlah : Rp Z' line, in running text."""
    items: list[tuple[str, Figure]] = []
    places: dict = {}
    lines, amounts_of = ctx.document.lines, line_amounts(ctx)
    openers = _single_amount_lines(ctx)  # where a list may start
    k = 0
    while k < len(lines):
        if not items:  # no list to go on or to end: the lines up to the next that may start one change nothing
            at = bisect_left(openers, k)
            if at == len(openers):
                break
            k = openers[at]
        line, found = lines[k], amounts_of[k]
        k += 1
        if found is None:  # a row (it ends the list) or a blank line
            if line.is_row:
                items = []
            continue
        amounts = [f for _, _, f, amount in found if amount]
        text = line.text.strip().strip("*_ ")
        if not text or RULE_LINE.fullmatch(text):
            continue
        if not amounts and rule_word("list_heading").match(text):
            continue  # a heading inside the list
        if len(amounts) != 1:
            items = []
            continue
        label = ITEM_MARK.sub("", text)
        if is_total_label(label) and len(items) >= 2:
            yield Total(f"{label.split(':')[0].strip()} of {', '.join(n for n, _ in items)}", amounts[0],
                        [[f for _, f in items]], Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=text),
                        sources={id(f): (n, places.get(id(f))) for n, f in items})
            items = []
        elif LIST_ITEM.match(text):
            items.append((label.split(":")[0].strip(), amounts[0]))
            places[id(amounts[0])] = Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=text)
        else:
            items = []


def _single_amount_lines(ctx: Context) -> list[int]:
    """The indexes of the lines of prose printing exactly one amount, in order."""
    return [k for k, found in enumerate(line_amounts(ctx))
            if found and sum(1 for *_, amount in found if amount) == 1]


def sentence_totals(ctx: Context) -> Iterator[Total]:
    """'… sebesar Rp X, terdiri dari Belanja Operasi Rp Y dan Belanja Modal Rp Z' in one sentence."""
    parts_word = compiled(language()["budget_sentence"]["parts"], regex.I)
    paragraphs = ctx.paragraphs()
    for paragraph in (paragraphs[k] for k in sorted(ctx.may_match(parts_word))):
        for m in parts_word.finditer(paragraph.text):
            sentence_start = _sentence_start(paragraph.text, m.start())
            lead = paragraph.text[sentence_start:m.start()]
            if not any(is_amount(f) for _, _, f in figures_in(lead)) and rule_word("refers_back").search(lead):
                sentence_start = _sentence_start(paragraph.text, sentence_start - 1)  # "Anggaran tersebut …"
            before = [(s, f) for s, _, f in figures_in(paragraph.text[sentence_start:m.start()]) if is_amount(f)]
            end = SENTENCE_END.search(paragraph.text[m.end():])
            after_text = paragraph.text[m.end(): m.end() + end.start() if end else None]
            found = [(s, f) for s, _, f in figures_in(after_text) if is_amount(f)]
            parts = [f for _, f in found]
            if not before or len(parts) < 2:
                continue
            start, stated = before[-1]
            line = paragraph.line_at(sentence_start + start)
            where = Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=paragraph.text[sentence_start:][:200])
            yield Total(subject_of(paragraph.text, sentence_start + start), stated, [parts], where,
                        sources={id(f): (subject_of(after_text, s), where) for s, f in found})


def _sentence_start(text: str, before: int) -> int:
    """Where the sentence holding ``before`` starts: after the last full stop not of ``Rp.``."""
    ends = [m.end() for m in FULL_STOP.finditer(text[:before])]
    return ends[-1] if ends else 0


def budget_totals(ctx: Context) -> Iterator[Total]:
    """The report's budget: belanja operasi + modal against the total, allocation and realisation."""
    budget = ctx.report.budget
    for total, parts, subject in (("total_allocation", ("operating_expenditure", "capital_expenditure"), "Total anggaran"),
                                  ("total_realization", ("operating_realization", "capital_realization"), "Total realisasi")):
        stated, figures = getattr(budget, total), [getattr(budget, p) for p in parts]
        if stated is not None and all(f is not None for f in figures):
            where = budget.provenance.get(total) or Provenance(file=ctx.report.source.path)
            lines = {budget.provenance[k].line for k in (total, *parts) if k in budget.provenance}
            apart = None not in lines and max(lines) - min(lines) > 5
            yield Total(f"{subject} (belanja operasi + belanja modal)", stated, [figures], where, apart,
                        sources={id(getattr(budget, p)): (subject_label(p), budget.provenance.get(p)) for p in parts},
                        measure="allocation" if total == "total_allocation" else "realization", budget_line=True)


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield a finding for each total its parts do not add up to."""
    seen = set()
    for total in (*table_totals(ctx), *listed_totals(ctx), *sentence_totals(ctx), *budget_totals(ctx)):
        finding = judge_total(total, ctx)
        if finding is not None and (finding.stated, finding.expected) not in seen:
            seen.add((finding.stated, finding.expected))
            yield finding


def judge_total(total: Total, ctx: Context | None = None) -> Finding | None:
    """Given a stated total and its parts, return the finding when no way of adding them gives it."""
    if total.stated.value is None or not total.groupings:
        return None
    sums = [sum((f.value for f in group), Decimal(0)) for group in total.groupings]
    if any(s == total.stated.value for s in sums):
        return None
    parts = total.groupings[0]
    calculation = " + ".join(fmt(f.value) for f in parts)
    where = "; the total and its parts are printed in different places" if total.apart else ""
    found = [part(label, f, place) for k, f in enumerate(parts, 1) for label, place in [_source(total, f, k)]]
    places = places_of(total.provenance, *(p.provenance for p in found))
    level, basis, why = grade(ctx, [total.stated, *parts], places,
                              "taking totals printed in different places as the same budget's" if total.apart else None)
    return Finding(
        code="sum_mismatch", severity=level, basis=basis, **_subject(total, ctx),
        subject=total.subject, stated=printed(total.stated), expected=f"{calculation} = {fmt(sums[0])}",
        stated_value=total.stated.value, expected_value=sums[0], formula=" + ".join(p.label for p in found),
        parts=found, places=places, provenance=total.provenance,
        message=(f"The total {printed(total.stated)} is not the sum of its {len(parts)} parts, "
                 f"{calculation} = {fmt(sums[0])} (rupiah amounts must add up exactly{where}){why}."))


def _source(total: Total, figure: Figure, k: int) -> tuple[str, Provenance | None]:
    """The label and place of a part of a total (``part 2`` and the total's place when unknown)."""
    label, where = total.sources.get(id(figure), (None, None))
    return " ".join((label or f"part {k}").split()), where or total.provenance


def _subject(total: Total, ctx: Context | None) -> dict:
    """The subject fields of a finding on a total: the agency's budget (allocation or realisation) when the
    total is the budget's own or a JUMLAH of programs, else the row or statement that prints it."""
    budget = ctx.report.budget if ctx is not None else None
    field_name = total.measure
    for key, name in (("total_allocation", "allocation"), ("total_realization", "realization")):
        figure = getattr(budget, key) if budget is not None else None
        if figure is not None and figure.value == total.stated.value and field_name in (None, name):
            return {"subject_kind": "budget", "subject_id": "budget", "field": name,
                    "year": ctx.report.report_year}
    if total.budget_line:
        return {"subject_kind": "budget", "subject_id": "budget", "field": field_name,
                "year": ctx.report.report_year if ctx is not None else None}
    kind = "table_row" if total.provenance.table else "report"
    return {"subject_kind": kind, "subject_id": None, "field": field_name,
            "year": ctx.report.report_year if ctx is not None else None}
