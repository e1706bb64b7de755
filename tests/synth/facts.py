"""The known facts of one synthetic LKjIP report, drawn from a seed (``generate``).

Every figure here is the figure *as printed* (already rounded to its printed decimals), so that a
perfect reader returns exactly these values. Planted arithmetic errors are printed on purpose and
listed in ``ReportFacts.planted`` as the findings the verification stage should report.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from . import vocabulary as vocab
from .layout import Layout, draw_layout
from .spelling import quantize

if TYPE_CHECKING:
    from .annex import AnnexFacts

# The codes planted in the body (their order decides which a seed plants: never reorder, or every seed changes)
BODY_CODES = ("achievement_mismatch", "predicate_mismatch", "absorption_mismatch", "sum_mismatch", "words_mismatch",
              "cross_table_mismatch", "count_mismatch", "efficiency_mismatch", "narrative_mismatch")
# The codes planted in the annexes and the prose claims (issue 9), besides count and cross-table again
ANNEX_CODES = ("rollup_mismatch", "quarter_mismatch", "trend_mismatch", "category_mismatch", "format_anomaly")
CODES = BODY_CODES + ANNEX_CODES
HELD_OUT_FROM = 1000  # seeds from here on draw layout family B (held out from tuning)


@dataclass
class Measure:
    """One year's stated target, realisation and capaian (capaian None when the table prints none)."""

    year: int
    target: Decimal | None
    realization: Decimal
    achievement: Decimal | None = None


@dataclass
class IndicatorFacts:
    name: str
    unit: str
    lower_is_better: bool
    decimals: int
    current: Measure                      # the report year, as in the measurement table
    history: list[Measure] = field(default_factory=list)   # earlier years' realisations (comparison table)
    predicate: str = ""
    plan_target: Decimal | None = None    # the target as printed in the Perjanjian Kinerja table
    compared_realization: Decimal | None = None  # the year's realisasi as the comparison table prints it, if not the same
    fourth_quarter: Decimal | None = None  # the cumulative TW IV realisasi as printed, if not the year's realisasi

    @property
    def percent(self) -> bool:
        return self.unit == "%"


@dataclass
class ObjectiveFacts:
    name: str
    indicators: list[IndicatorFacts]


@dataclass
class BudgetLine:
    """A program, kegiatan or sub-kegiatan row: pagu, realisasi and printed absorption (%)."""

    name: str
    allocation: Decimal
    realization: Decimal
    absorption: Decimal
    children: list["BudgetLine"] = field(default_factory=list)
    outcome: IndicatorFacts | None = None   # a program's own indicator (program level, not an agency IKU)


@dataclass
class BudgetFacts:
    total_allocation: Decimal
    operating: Decimal
    capital: Decimal
    total_realization: Decimal
    operating_realization: Decimal
    capital_realization: Decimal
    absorption: Decimal


@dataclass
class PlantedFinding:
    """A discrepancy printed on purpose: the finding code, what it is about, and the stated figure(s)
    a correct finding may name (either side of a disagreement: the printed figure or what it should be).

    ``stated`` is empty for claims that are words (a trend direction, a category): a finding matches
    those on code and subject. ``subject_kind`` "report" marks a claim about the whole report (matched
    on code alone). ``tolerated``: codes a finding about the same figures (``related`` or ``stated``) may
    also carry without counting as unplanted (a misprinted sub kegiatan pagu breaks its kegiatan's sum
    too); they do not count towards recall.
    """

    code: str
    subject: str
    stated: list[Decimal]
    subject_kind: str = ""
    kind: str = ""                        # the planting that made it (planting.ANNEX_KINDS), "" for the body's
    tolerated: tuple[str, ...] = ()
    related: list[Decimal] = field(default_factory=list)


@dataclass
class ReportFacts:
    seed: int
    family: str                       # "A" (tuning) or "B" (held out)
    agency: str
    region: str
    year: int
    scale: str                        # predicate scale name, see vocabulary.PREDICATE_SCALES
    objectives: list[ObjectiveFacts]
    programs: list[BudgetLine]
    budget: BudgetFacts
    efficiency: tuple[Decimal, Decimal, Decimal]   # stated level, capaian, absorption of the prose sentence
    claimed_indicators: int           # the count of indicators the prose claims
    planted: list[PlantedFinding]
    layout: Layout
    narrative: dict[str, Decimal] = field(default_factory=dict)  # indicator name → realisation the prose states
    words_override: dict[str, Decimal] = field(default_factory=dict)  # budget key → amount the words spell
    annex: "AnnexFacts | None" = None   # the annexes and prose claims (tests/synth/annex.py)

    @property
    def indicators(self) -> list[IndicatorFacts]:
        return [i for o in self.objectives for i in o.indicators]


def achievement_of(target: Decimal, realization: Decimal, lower_is_better: bool) -> Decimal:
    """capaian = realisasi / target × 100; lower is better: (2 × target − realisasi) / target × 100."""
    if lower_is_better:
        return quantize((2 * target - realization) / target * 100, 2)
    return quantize(realization / target * 100, 2)


def predicate_of(scale: str, achievement: Decimal) -> str:
    for name, minimum in vocab.PREDICATE_SCALES[scale]:
        if minimum is None or achievement >= minimum:
            return name
    raise AssertionError("a scale ends with an open band")


def _figure(rng: random.Random, low: float, high: float, decimals: int) -> Decimal:
    return quantize(Decimal(str(rng.uniform(low, high))), decimals)


def _indicator(rng: random.Random, spec: tuple, year: int, scale: str) -> IndicatorFacts:
    name, unit, lower, bounds = spec
    low, high = bounds
    decimals = rng.choice([0, 0, 1, 2]) if unit in ("%", "nilai", "hari", "tahun", "jam") else 0
    if high <= 2:
        decimals = 2
    target = _figure(rng, low, high, decimals)
    if target == 0:
        target = Decimal(1)
    ratio = rng.choice([1.0, rng.uniform(0.55, 1.25), rng.uniform(0.85, 1.1)])
    if lower:
        ratio = rng.choice([1.0, rng.uniform(0.7, 1.35)])
    realization = quantize(target * Decimal(str(ratio)), decimals)
    achievement = achievement_of(target, realization, lower)
    history = [Measure(year - k, None, quantize(realization * Decimal(str(rng.uniform(0.8, 1.1))), decimals))
               for k in (2, 1)]
    return IndicatorFacts(name, unit, lower, decimals, Measure(year, target, realization, achievement), history,
                          predicate_of(scale, achievement), target)


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low // 100, high // 100) * 100)


def _line(name: str, children: list[BudgetLine]) -> BudgetLine:
    allocation = sum((c.allocation for c in children), Decimal(0))
    realization = sum((c.realization for c in children), Decimal(0))
    return BudgetLine(name, allocation, realization, quantize(realization / allocation * 100, 2), children)


def _leaf(rng: random.Random, name: str, large: bool) -> BudgetLine:
    allocation = _amount(rng, 800_000_000 if large else 40_000_000, 4_000_000_000 if large else 900_000_000)
    realization = quantize(allocation * Decimal(str(rng.uniform(0.78, 1.0))) / 100, 0) * 100
    return BudgetLine(name, allocation, realization, quantize(realization / allocation * 100, 2))


def _programs(rng: random.Random) -> list[BudgetLine]:
    support, *others = vocab.PROGRAMS
    chosen = [support] + rng.sample(others, rng.randint(1, 5))
    programs = []
    for index, (name, activities) in enumerate(chosen):
        kegiatan = []
        for activity, subs in rng.sample(activities, rng.randint(1, min(3, len(activities)))):
            leaves = [_leaf(rng, sub, index == 0) for sub in rng.sample(subs, rng.randint(1, len(subs)))]
            kegiatan.append(_line(activity, leaves))
        programs.append(_line(name, kegiatan))
    return programs


def _budget(rng: random.Random, programs: list[BudgetLine]) -> BudgetFacts:
    total = sum((p.allocation for p in programs), Decimal(0))
    spent = sum((p.realization for p in programs), Decimal(0))
    capital = quantize(total * Decimal(str(rng.uniform(0.04, 0.2))) / 1000, 0) * 1000
    capital_spent = quantize(capital * Decimal(str(rng.uniform(0.8, 1.0))) / 100, 0) * 100
    return BudgetFacts(total, total - capital, capital, spent, spent - capital_spent, capital_spent,
                       quantize(spent / total * 100, 2))


def generate(seed: int) -> ReportFacts:
    """The facts of report ``seed`` (deterministic: the same seed gives the same report)."""
    rng = random.Random(f"lkjip-synth-{seed}")
    family = "B" if seed >= HELD_OUT_FROM else "A"
    year = rng.randint(2015, 2025)
    scale = rng.choice(sorted(vocab.PREDICATE_SCALES))
    objectives = []
    for name, specs in rng.sample(vocab.SASARAN, rng.randint(2, 9)):
        picked = rng.sample(specs, rng.randint(1, min(4, len(specs))))
        objectives.append(ObjectiveFacts(name, [_indicator(rng, s, year, scale) for s in picked]))
    programs = _programs(rng)
    budget = _budget(rng, programs)
    indicators = [i for o in objectives for i in o.indicators]
    mean_achievement = quantize(sum((min(i.current.achievement, Decimal(100)) for i in indicators), Decimal(0))
                                / len(indicators), 2)
    efficiency = (quantize(mean_achievement / budget.absorption, 2), mean_achievement, budget.absorption)
    facts = ReportFacts(seed, family, rng.choice(vocab.AGENCIES), rng.choice(vocab.REGIONS), year, scale, objectives,
                        programs, budget, efficiency, len(indicators), [], draw_layout(seed, family))
    from .planting import plant
    plant(facts, rng)
    _outcomes(facts)
    _annex(facts)
    return facts


def _annex(facts: ReportFacts) -> None:
    """The annexes and prose claims, and their planted errors: streams of their own again."""
    from .annex import draw_annex
    from .planting import plant_annex
    touched = {p.subject.split(",")[0] for p in facts.planted} | set(facts.narrative)
    facts.annex = draw_annex(facts, touched)
    plant_annex(facts, random.Random(f"lkjip-annex-planting-{facts.seed}"))


def _outcomes(facts: ReportFacts) -> None:
    """Each program's outcome indicator (printed only in a "kinerja dan anggaran" table); drawn from a
    stream of its own, so that adding them changed no other figure of any seed."""
    rng = random.Random(f"lkjip-outcome-{facts.seed}")
    for program in facts.programs:
        subject = program.name.removeprefix("Program ").lower()
        name = rng.choice(vocab.PROGRAM_INDICATORS).format(subject=subject)
        program.outcome = _indicator(rng, (name, "%", False, (60, 100)), facts.year, facts.scale)
