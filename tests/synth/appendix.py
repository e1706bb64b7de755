"""Blocks of the annexes and of the claims in prose (facts in ``annex.py``), in the family's words.

* ``levels_para``: "… melaksanakan 4 (empat) Program yang terdiri dari 9 (sembilan) Kegiatan dan …";
* ``trend_paras``: "Realisasi indikator X tahun 2023 sebesar 87,50% meningkat dibandingkan tahun 2022 …";
* ``overall_para``: "… rata-rata capaian kinerja … sebesar 96,12% dengan kategori Sangat Berhasil.";
* ``efficiency_blocks``: the efficiency scale the report uses and the label it gives its efficiency;
* ``annex_blocks``: the budget annex (codes or numbers, pagu, TW I–IV realisations of each sub kegiatan,
  annual realisasi, total row) and the action plan (annual and cumulative quarterly targets).
"""
from __future__ import annotations

from decimal import Decimal

from . import vocabulary as vocab
from .annex import AnnexLine
from .document import Block, Cell, Heading, PageBreak, Para, Table, figure, rupiah
from .facts import ReportFacts
from .spelling import number, words


def _count(n: int) -> str:
    return f"{n} ({words(Decimal(n))})"


def _words(facts: ReportFacts) -> dict:
    return vocab.ANNEX_WORDS[facts.family]


def _template(facts: ReportFacts, name: str) -> str:
    return vocab.CLAIM_TEMPLATES[facts.family][name]


def levels_para(facts: ReportFacts) -> Para:
    counts = facts.annex.counts
    return Para(_template(facts, "levels").format(
        agency=facts.agency, year=facts.year, program=_count(counts["program"]), activity=_count(counts["activity"]),
        subactivity=_count(counts["subactivity"])))


def trend_paras(facts: ReportFacts) -> list[Para]:
    out = []
    for claim in facts.annex.trends:
        ind = claim.indicator
        unit = "" if ind.percent else f" {ind.unit}"
        out.append(Para(_template(facts, "trend").format(
            indicator=ind.name, year=claim.year, previous_year=claim.previous_year,
            value=figure(claim.value, ind.decimals, ind.percent) + unit,
            previous=figure(claim.previous, ind.decimals, ind.percent) + unit,
            direction=vocab.DIRECTION_WORDS[facts.family][claim.direction])))
    return out


def overall_para(facts: ReportFacts) -> Para:
    annex = facts.annex
    return Para(_template(facts, "overall").format(agency=facts.agency, year=facts.year,
                                                   average=figure(annex.average, 2, True),
                                                   predicate=annex.overall_predicate))


def _two_row_header(columns: list[tuple[str, str]]) -> list[list[Cell | None]]:
    """Two header rows from (top, sub) labels: a column without a sub label spans both rows; neighbours
    with the same top label share one merged top cell."""
    rows: list[list[Cell | None]] = [[], []]
    i = 0
    while i < len(columns):
        top, sub = columns[i]
        if not sub:
            rows[0].append(Cell(top, rowspan=2, bold=True))
            rows[1].append(None)
            i += 1
            continue
        j = i
        while j < len(columns) and columns[j][0] == top and columns[j][1]:
            j += 1
        rows[0] += [Cell(top, colspan=j - i, bold=True)] + [None] * (j - i - 1)
        rows[1] += [Cell(s, bold=True) for _, s in columns[i:j]]
        i = j
    return rows


def efficiency_caption(facts: ReportFacts) -> str:
    return _words(facts)["efficiency_caption"]


def efficiency_blocks(facts: ReportFacts, caption: str) -> list[Block]:
    annex = facts.annex
    if annex.efficiency_label is None:
        return []
    words_ = _words(facts)
    body, upper = [], None
    for name, minimum in annex.efficiency_scale:
        if minimum is None:
            text = f"< {number(upper, 2)}"
        elif upper is None:
            text = f"≥ {number(minimum, 2)}"
        else:
            text = f"{number(minimum, 2)} s.d < {number(upper, 2)}"
        body.append([Cell(text), Cell(name)])
        upper = minimum
    header = [[Cell(label, bold=True) for label in words_["efficiency_header"]]]
    return [Table(caption, header, body, "efficiency_scale", caption_before=facts.layout.caption_before),
            Para(_template(facts, "efficiency").format(label=annex.efficiency_label))]


def _budget_row(facts: ReportFacts, line: AnnexLine) -> list[Cell | None]:
    bold = line.level < 3
    pagu = rupiah(line.allocation, facts)
    if line.allocation_text:   # a malformed printing (format anomaly): as printed, without the usual ",-"
        pagu = facts.layout.rupiah_prefix + line.allocation_text
    quarters = [rupiah(q, facts) for q in line.quarters] if line.quarters else [""] * 4
    return [Cell(line.code, bold=bold), Cell(line.name, bold=bold), Cell(pagu, bold=bold),
            *[Cell(q) for q in quarters], Cell(rupiah(line.realization, facts), bold=bold),
            Cell(figure(line.absorption, 2, facts.layout.percent_in_cells), bold=bold)]


def budget_annex(facts: ReportFacts) -> Table:
    words_, annex = _words(facts), facts.annex
    code, name, pagu, quarters, total, share = words_["budget_header"]
    header = _two_row_header([(code, ""), (name, ""), (pagu, "")] + [(quarters, q) for q in words_["quarters"]]
                             + [(total, ""), (share, "")])
    if facts.layout.column_numbers:
        header.append([Cell(str(n + 1)) for n in range(9)])
    body = [_budget_row(facts, line) for line in annex.rows()]
    absorption = figure(annex.total_realization / annex.total_allocation * 100, 2, facts.layout.percent_in_cells)
    body.append([Cell(""), Cell(words_["total"], bold=True), Cell(rupiah(annex.total_allocation, facts), bold=True),
                 *[Cell("") for _ in range(4)], Cell(rupiah(annex.total_realization, facts), bold=True),
                 Cell(absorption, bold=True)])
    return Table(words_["budget_caption"].format(year=facts.year), header, body, "annex_budget", landscape=True,
                 header_rows_repeat=facts.layout.repeat_header)


def action_plan(facts: ReportFacts) -> Table:
    words_, annex, layout = _words(facts), facts.annex, facts.layout
    number_, objective, indicator, unit, annual, quarters = words_["plan_header"]
    header = _two_row_header([(number_, ""), (objective, ""), (indicator, ""), (unit, ""),
                              (annual.format(year=facts.year), "")] + [(quarters, q) for q in words_["plan_quarters"]])
    targets = {t.indicator.name: t for t in annex.targets}
    body: list[list[Cell | None]] = []
    for n, obj in enumerate(facts.objectives, 1):
        for k, ind in enumerate(obj.indicators):
            target = targets[ind.name]
            percent = ind.percent and layout.percent_in_cells
            first = (Cell(obj.name, rowspan=len(obj.indicators)) if k == 0 else None) if layout.merged_objective \
                else Cell(obj.name)
            body.append([Cell(str(n) if k == 0 else ""), first, Cell(ind.name), Cell(ind.unit),
                         Cell(figure(target.annual, ind.decimals, percent)),
                         *[Cell(figure(q, ind.decimals, percent)) for q in target.quarters]])
    return Table(words_["plan_caption"].format(year=facts.year), header, body, "action_plan", landscape=True,
                 header_rows_repeat=layout.repeat_header)


def annex_blocks(facts: ReportFacts) -> list[Block]:
    return [PageBreak(), Heading(_words(facts)["annex"]), budget_annex(facts), PageBreak(), action_plan(facts)]
