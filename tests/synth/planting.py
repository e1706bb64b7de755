"""Planted discrepancies: print some figures wrong on purpose and record the finding each should raise.

One planting per finding code (``facts.CODES``). Each report plants two codes chosen by its seed (so
every code turns up every nine seeds) and sometimes a few more; each planting touches a figure no
other planting touches, so the expected findings do not interfere.
"""
from __future__ import annotations

import random
from decimal import Decimal

from . import vocabulary as vocab
from .facts import ROTATION, BudgetLine, IndicatorFacts, PlantedFinding, ReportFacts, predicate_of
from .spelling import quantize


def _shift(rng: random.Random, value: Decimal, decimals: int, low: float = 0.08, high: float = 0.3) -> Decimal:
    """``value`` moved by 8–30 % (at least two printed units) up or down, never below zero."""
    step = max(abs(value) * Decimal(str(rng.uniform(low, high))), Decimal(2) * Decimal(1).scaleb(-decimals))
    moved = value + step if (rng.random() < 0.5 or value - step <= 0) else value - step
    return quantize(moved, decimals)


def _achievement(facts: ReportFacts, ind: IndicatorFacts, rng: random.Random) -> PlantedFinding:
    ind.current.achievement = _shift(rng, ind.current.achievement, 2)
    ind.predicate = predicate_of(facts.scale, ind.current.achievement)
    return PlantedFinding("achievement_mismatch", f"{ind.name}, {facts.year}", [ind.current.achievement])


def _predicate(facts: ReportFacts, ind: IndicatorFacts, rng: random.Random) -> PlantedFinding:
    if "predicate" not in facts.layout.measurement_columns:
        facts.layout.measurement_columns.append("predicate")
    names = [n for n, _ in vocab.PREDICATE_SCALES[facts.scale]]
    here = names.index(ind.predicate)
    ind.predicate = names[here + 2] if here + 2 < len(names) else names[here - 2]
    return PlantedFinding("predicate_mismatch", f"{ind.name}, {facts.year}", [ind.current.achievement])


def _cross_table(facts: ReportFacts, ind: IndicatorFacts, rng: random.Random) -> PlantedFinding:
    """The year's realisasi printed otherwise in the comparison table than in the measurement table."""
    facts.layout.comparison_table = True
    ind.compared_realization = _shift(rng, ind.current.realization, ind.decimals)
    return PlantedFinding("cross_table_mismatch", ind.name, [ind.compared_realization, ind.current.realization])


def _narrative(facts: ReportFacts, ind: IndicatorFacts, rng: random.Random) -> PlantedFinding:
    stated = _shift(rng, ind.current.realization, ind.decimals)
    facts.narrative[ind.name] = stated
    return PlantedFinding("narrative_mismatch", f"Realisasi {facts.year}, {ind.name}", [stated])


def _absorption(facts: ReportFacts, rng: random.Random) -> PlantedFinding:
    program = rng.choice(facts.programs)
    program.absorption = _shift(rng, program.absorption, 2, 0.05, 0.15)
    return PlantedFinding("absorption_mismatch", program.name, [program.absorption])


def _sum(facts: ReportFacts, rng: random.Random) -> PlantedFinding:
    budget = facts.budget
    budget.operating = budget.operating + Decimal(rng.randint(1, 90) * 1_000_000)
    return PlantedFinding("sum_mismatch", "Total anggaran (belanja operasi + belanja modal)",
                          [budget.total_allocation, budget.operating])


def _words(facts: ReportFacts, rng: random.Random) -> PlantedFinding:
    amount = facts.budget.total_allocation
    facts.words_override["total_allocation"] = amount + Decimal(rng.choice([1, -1]) * rng.randint(1, 9) * 10_000_000)
    return PlantedFinding("words_mismatch", "anggaran", [amount])


def _count(facts: ReportFacts, rng: random.Random) -> PlantedFinding:
    real = len(facts.indicators)
    facts.claimed_indicators = real + 1 if real < 3 or rng.random() < 0.5 else real - 1
    return PlantedFinding("count_mismatch", "Jumlah indikator kinerja utama", [Decimal(facts.claimed_indicators)])


def _efficiency(facts: ReportFacts, rng: random.Random) -> PlantedFinding:
    level, achievement, absorption = facts.efficiency
    facts.efficiency = (_shift(rng, level, 2, 0.15, 0.4), achievement, absorption)
    return PlantedFinding("efficiency_mismatch", "efisiensi", [facts.efficiency[0]])


_PER_INDICATOR = {"achievement_mismatch": _achievement, "predicate_mismatch": _predicate,
                  "cross_table_mismatch": _cross_table, "narrative_mismatch": _narrative}
_PER_REPORT = {"absorption_mismatch": _absorption, "sum_mismatch": _sum, "words_mismatch": _words,
               "count_mismatch": _count, "efficiency_mismatch": _efficiency}


def plant(facts: ReportFacts, rng: random.Random) -> None:
    """Choose the codes of report ``facts.seed`` and print their figures wrong, recording each."""
    seed = facts.seed
    chosen = {ROTATION[seed % len(ROTATION)], ROTATION[(seed * 7 + 3) % len(ROTATION)]}
    chosen |= {code for code in ROTATION if rng.random() < 0.15}
    free = list(facts.indicators)
    rng.shuffle(free)
    for code in ROTATION:  # a fixed order, so the same seed always plants the same way
        if code not in chosen:
            continue
        if code in _PER_INDICATOR:
            if not free:
                continue
            facts.planted.append(_PER_INDICATOR[code](facts, free.pop(), rng))
        else:
            facts.planted.append(_PER_REPORT[code](facts, rng))
    if seed % 3 == 1 and facts.layout.program_numbering == "decimal":
        facts.planted.extend(_rollup(facts, random.Random(f"lkjip-rollup-{seed}")))
    if seed % 2 == 0 and "quarters" in facts.layout.measurement_columns:
        facts.planted.extend(_quarter(facts, random.Random(f"lkjip-quarter-{seed}")))


def _rollup(facts: ReportFacts, rng: random.Random) -> list[PlantedFinding]:
    """One kegiatan printed with a pagu off by a round amount (its absorption recomputed, so only the
    roll-up is wrong): it is no longer the sum of its sub kegiatan, nor its program the sum of its
    kegiatan as printed. Only where outline numbers (1, 1.1, 1.1.1) print the hierarchy."""
    program = rng.choice(facts.programs)
    kegiatan = rng.choice(program.children)
    delta = Decimal(rng.randint(1, 9) * 1_000_000)
    kegiatan.allocation += delta if rng.random() < 0.5 or kegiatan.allocation - delta <= kegiatan.realization else -delta
    kegiatan.absorption = quantize(kegiatan.realization / kegiatan.allocation * 100, 2)
    return [PlantedFinding("rollup_mismatch", kegiatan.name, [kegiatan.allocation]),
            PlantedFinding("rollup_mismatch", program.name, [program.allocation])]


def _quarter(facts: ReportFacts, rng: random.Random) -> list[PlantedFinding]:
    """One indicator's cumulative TW IV realisasi printed short of the year's realisasi (every other row
    reaches it in TW IV); an indicator no other planting touches, whose printed figure changes."""
    touched = {p.subject.split(",")[0] for p in facts.planted} | {p.subject.split(", ")[-1] for p in facts.planted}
    free = [i for i in facts.indicators if i.name not in touched and i.name not in facts.narrative
            and i.compared_realization is None]
    rng.shuffle(free)
    for ind in free:
        fourth = quantize(ind.current.realization * Decimal("0.93"), ind.decimals)
        if fourth != ind.current.realization and fourth > 0:
            ind.fourth_quarter = fourth
            return [PlantedFinding("quarter_mismatch", ind.name, [ind.current.realization])]
    return []
