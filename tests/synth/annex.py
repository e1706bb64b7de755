"""The facts of a report's annexes and of its claims in prose, drawn after the body's facts.

A report carries, besides the body's tables:

* a budget annex (Renja / realisasi per triwulan): every program, kegiatan and sub kegiatan with its
  code (``5.01.01.2.01``) or its number (``1.1.1``), pagu, the sub kegiatan's realisations per
  quarter (TW I–IV) and the annual realisasi, and a total row;
* an action plan (Rencana Aksi): each indicator's annual target and its cumulative quarterly targets;
* prose: the counts of programs, kegiatan and sub kegiatan, trend sentences (this year against the
  last), the overall average capaian with its predicate, and the efficiency with its label.

Drawn from a random stream of their own (``lkjip-annex-<seed>``), so that adding them changed no
figure of the body of any seed. Planted errors in them are made by ``planting.plant_annex``.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from . import vocabulary as vocab
from .facts import BudgetLine, IndicatorFacts, ReportFacts, predicate_of
from .spelling import quantize


@dataclass
class AnnexLine:
    """One row of the budget annex as printed: level 1 program, 2 kegiatan, 3 sub kegiatan."""

    code: str
    name: str
    level: int
    allocation: Decimal
    realization: Decimal
    quarters: list[Decimal] = field(default_factory=list)   # TW I–IV realisations (sub kegiatan rows only)
    allocation_text: str | None = None                      # a malformed printing of the pagu, if planted
    children: list["AnnexLine"] = field(default_factory=list)
    printed_absorption: Decimal | None = None               # the body's printed %, where it is planted wrong

    @property
    def absorption(self) -> Decimal:
        """The % as printed: the body's where the body prints it wrong (the annex copies the report's own
        error), else realisasi / pagu × 100 of the annex's own figures."""
        if self.printed_absorption is not None:
            return self.printed_absorption
        return quantize(self.realization / self.allocation * 100, 2)


@dataclass
class ActionTarget:
    """An indicator's row in the Rencana Aksi: the annual target and cumulative TW I–IV targets."""

    indicator: IndicatorFacts
    annual: Decimal
    quarters: list[Decimal]


@dataclass
class TrendClaim:
    """A sentence comparing an indicator's realisasi of the report year with the year before."""

    indicator: IndicatorFacts
    year: int
    value: Decimal
    previous_year: int
    previous: Decimal
    direction: str          # as printed: "up", "down" or "same" (vocabulary.DIRECTION_WORDS)


@dataclass
class AnnexFacts:
    numbering: str                        # "codes" (5.01.01.2.01) or "decimal" (1.1.1)
    lines: list[AnnexLine]                # the program rows, each with its kegiatan and sub kegiatan
    targets: list[ActionTarget]
    trends: list[TrendClaim]
    counts: dict[str, int]                # level (objective, program, activity, subactivity) → count the prose states
    average: Decimal                      # the overall average capaian the prose states
    overall_predicate: str                # its predicate as printed
    efficiency_label: str | None          # the efficiency's label as printed (None: no label sentence)
    efficiency_scale: list[tuple[str, Decimal | None]] = field(default_factory=list)

    def rows(self) -> list[AnnexLine]:
        """Every line in print order (program, its kegiatan, each kegiatan's sub kegiatan)."""
        out = []
        for program in self.lines:
            out.append(program)
            for activity in program.children:
                out.append(activity)
                out.extend(activity.children)
        return out

    def leaves(self) -> list[AnnexLine]:
        return [row for row in self.rows() if row.level == 3]

    @property
    def total_allocation(self) -> Decimal:
        return sum((p.allocation for p in self.lines), Decimal(0))

    @property
    def total_realization(self) -> Decimal:
        return sum((p.realization for p in self.lines), Decimal(0))


def direction_of(value: Decimal, previous: Decimal) -> str:
    return "up" if value > previous else "down" if value < previous else "same"


def efficiency_label(scale: list[tuple[str, Decimal | None]], level: Decimal) -> str:
    for name, minimum in scale:
        if minimum is None or level >= minimum:
            return name
    raise AssertionError("a scale ends with an open band")


def _quarters(rng: random.Random, realization: Decimal) -> list[Decimal]:
    """``realization`` split over four quarters (multiples of 100), adding up exactly."""
    shares = [rng.uniform(0.1, 0.35) for _ in range(4)]
    parts = [quantize(realization * Decimal(str(s / sum(shares))) / 100, 0) * 100 for s in shares[:3]]
    return parts + [realization - sum(parts, Decimal(0))]


def _code(numbering: str, prefix: str, p: int, k: int | None = None, s: int | None = None) -> str:
    """A row's code (``5.01.01.2.01.0001``: urusan, program, kegiatan, sub kegiatan) or number (``1.1.1``)."""
    if numbering == "decimal":
        return ".".join(str(n) for n in (p, k, s) if n is not None)
    code = f"{prefix}.{p:02d}"
    if k is not None:
        code += f".2.{k:02d}"
    if s is not None:
        code += f".{s:04d}"
    return code


def _annex_line(rng: random.Random, line: BudgetLine, level: int, code: str) -> AnnexLine:
    row = AnnexLine(code, line.name, level, line.allocation, line.realization,
                    _quarters(rng, line.realization) if level == 3 else [])
    if line.absorption != row.absorption:
        row.printed_absorption = line.absorption
    return row


def _budget_lines(rng: random.Random, facts: ReportFacts, numbering: str) -> list[AnnexLine]:
    prefix = rng.choice(["1.02", "2.07", "5.01", "5.03", "7.01", "1.06"])
    out = []
    for p, program in enumerate(facts.programs, 1):
        row = _annex_line(rng, program, 1, _code(numbering, prefix, p))
        for k, activity in enumerate(program.children, 1):
            middle = _annex_line(rng, activity, 2, _code(numbering, prefix, p, k))
            middle.children = [_annex_line(rng, sub, 3, _code(numbering, prefix, p, k, s))
                               for s, sub in enumerate(activity.children, 1)]
            row.children.append(middle)
        out.append(row)
    return out


def _action_target(ind: IndicatorFacts) -> ActionTarget:
    target = ind.plan_target if ind.plan_target is not None else ind.current.target
    shares = ("0.25", "0.5", "0.75") if not ind.lower_is_better else ("1", "1", "1")
    quarters = [quantize(target * Decimal(s), ind.decimals) for s in shares] + [target]
    return ActionTarget(ind, target, quarters)


def _trend(ind: IndicatorFacts, year: int) -> TrendClaim:
    previous = ind.history[-1]
    value = ind.current.realization
    return TrendClaim(ind, year, value, previous.year, previous.realization, direction_of(value, previous.realization))


def draw_annex(facts: ReportFacts, untouchable: set[str]) -> AnnexFacts:
    """The annex and prose facts of ``facts``, all correct (plantings come after). ``untouchable``: names of
    indicators whose printed figures disagree already (a trend sentence about them would be ambiguous)."""
    rng = random.Random(f"lkjip-annex-{facts.seed}")
    numbering = rng.choice(["codes", "codes", "decimal"] if facts.family == "A" else ["codes", "decimal", "decimal"])
    lines = _budget_lines(rng, facts, numbering)
    targets = [_action_target(ind) for ind in facts.indicators]
    candidates = [i for i in facts.indicators if i.name not in untouchable]
    trends = [_trend(ind, facts.year) for ind in rng.sample(candidates, min(len(candidates), rng.randint(1, 3)))]
    counts = {"objective": len(facts.objectives), "program": len(lines),
              "activity": sum(len(p.children) for p in lines),
              "subactivity": sum(len(k.children) for p in lines for k in p.children)}
    achievements = [i.current.achievement for i in facts.indicators]
    average = quantize(sum(achievements, Decimal(0)) / len(achievements), 2)
    scale = [(name, None if minimum is None else Decimal(minimum)) for name, minimum in vocab.EFFICIENCY_SCALE]
    level, achievement, absorption = facts.efficiency
    computed = quantize(achievement / absorption, 2)
    label = efficiency_label(scale, computed)
    if efficiency_label(scale, level) != label:   # the printed level is planted wrong: a label would be ambiguous
        label = None
    return AnnexFacts(numbering, lines, targets, trends, counts, average, predicate_of(facts.scale, average), label,
                      scale)
