"""Planted discrepancies: print some figures wrong on purpose and record the finding each should raise.

One planting per finding code of the body (``facts.BODY_CODES``). Each report plants two codes chosen by
its seed (so every code turns up every nine seeds) and sometimes a few more; each planting touches a
figure no other planting touches, so the expected findings do not interfere.

The annexes and prose claims (``annex.py``) get plantings of their own (``plant_annex``, ``ANNEX_KINDS``:
roll-ups, quarters, cumulative targets, counts by level, trends, categories, malformed figures, targets
repeated otherwise), two kinds a seed (every kind every ten seeds) and sometimes more, from a random
stream of their own so that no body figure of any seed changed.
"""
from __future__ import annotations

import random
from decimal import Decimal

from . import vocabulary as vocab
from .facts import BODY_CODES as CODES, BudgetLine, IndicatorFacts, PlantedFinding, ReportFacts, predicate_of
from .spelling import number, quantize


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
    chosen = {CODES[seed % len(CODES)], CODES[(seed * 7 + 3) % len(CODES)]}
    chosen |= {code for code in CODES if rng.random() < 0.15}
    free = list(facts.indicators)
    rng.shuffle(free)
    for code in CODES:  # a fixed order, so the same seed always plants the same way
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
    return [PlantedFinding("rollup_mismatch", kegiatan.name, [kegiatan.allocation], kind="rollup_body"),
            PlantedFinding("rollup_mismatch", program.name, [program.allocation], kind="rollup_body")]


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
            return [PlantedFinding("quarter_mismatch", ind.name, [ind.current.realization], kind="quarter_body")]
    return []


# ----------------------------------------------------------------------------------------------- annexes

# What the annexes and prose claims can have wrong (issue 9): each kind plants one finding of its code.
ANNEX_KINDS = {"rollup_activity": "rollup_mismatch", "rollup_program": "rollup_mismatch",
               "quarter_realization": "quarter_mismatch", "quarter_target": "quarter_mismatch",
               "count_levels": "count_mismatch", "trend": "trend_mismatch", "category_overall": "category_mismatch",
               "category_efficiency": "category_mismatch", "format_anomaly": "format_anomaly",
               "annex_target": "cross_table_mismatch"}
LEVEL_SUBJECTS = {"objective": "Jumlah sasaran strategis", "program": "Jumlah program", "activity": "Jumlah kegiatan",
                  "subactivity": "Jumlah sub kegiatan"}


def _repeated(line, before: Decimal) -> list[Decimal]:
    """The figures of an annex ``line`` whose pagu the planting moved from ``before``, and the body's
    printing of them (pagu, %): a cross-table finding between the two names these."""
    return [line.allocation, before, line.absorption, quantize(line.realization / before * 100, 2)]


def _amount_step(rng: random.Random, scale: int = 1_000_000) -> Decimal:
    return Decimal(rng.randint(2, 60) * scale)


def _free_activities(annex, used: set[str], children: int = 1) -> list:
    return [k for p in annex.lines for k in p.children if k.code not in used and len(k.children) >= children]


def _pick_activity(annex, used: set[str], rng: random.Random):
    """A kegiatan no other annex planting touches, one with two or more sub kegiatan if there is one."""
    pool = _free_activities(annex, used, 2) or _free_activities(annex, used)
    if not pool:
        return None
    activity = rng.choice(pool)
    used.add(activity.code)
    return activity


def _rollup_activity(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding | None:
    """A sub kegiatan's pagu printed otherwise: its kegiatan's pagu is no longer the sum of its children."""
    activity = _pick_activity(annex, used, rng)
    if activity is None:
        return None
    sub = rng.choice(activity.children)
    body = sub.allocation
    sub.allocation += _amount_step(rng)
    children = sum((c.allocation for c in activity.children), Decimal(0))
    return PlantedFinding("rollup_mismatch", activity.name, [activity.allocation, children],
                          tolerated=("cross_table_mismatch",), related=_repeated(sub, body))


def _rollup_program(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding | None:
    """A kegiatan's pagu printed otherwise (with one of its sub kegiatan, so that it still adds up): its
    program's pagu is no longer the sum of its kegiatan."""
    programs = [p for p in annex.lines if not any(k.code in used for k in p.children)]
    if not programs:
        return None
    program = rng.choice([p for p in programs if len(p.children) > 1] or programs)
    activity = rng.choice(program.children)
    used.update(k.code for k in program.children)
    step = _amount_step(rng)
    before = activity.allocation, activity.children[0].allocation
    activity.allocation += step
    activity.children[0].allocation += step
    children = sum((k.allocation for k in program.children), Decimal(0))
    return PlantedFinding("rollup_mismatch", program.name, [program.allocation, children],
                          tolerated=("cross_table_mismatch",),
                          related=_repeated(activity, before[0]) + _repeated(activity.children[0], before[1]))


def _quarter_realization(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding | None:
    """One quarter of a sub kegiatan's realisations printed otherwise: TW I–IV no longer add up to the year."""
    activity = _pick_activity(annex, used, rng)
    if activity is None:
        return None
    sub = rng.choice(activity.children)
    k = rng.randrange(4)
    step = _amount_step(rng, 100_000)
    up = rng.random() < 0.5 or sub.quarters[k] <= step
    sub.quarters[k] += step if up else -step
    return PlantedFinding("quarter_mismatch", sub.name, [sub.realization, sum(sub.quarters, Decimal(0))])


def _free_target(annex, used: set[str], rng: random.Random):
    pool = [t for t in annex.targets if t.indicator.name not in used]
    if not pool:
        return None
    target = rng.choice(pool)
    used.add(target.indicator.name)
    return target


def _quarter_target(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding | None:
    """The cumulative target of TW IV printed short of the annual target."""
    target = _free_target(annex, used, rng)
    if target is None:
        return None
    decimals = target.indicator.decimals
    short = quantize(target.annual * Decimal(str(rng.uniform(0.8, 0.95))), decimals)
    if short == target.annual:
        short = target.annual - Decimal(1).scaleb(-decimals)
    target.quarters[3] = short
    return PlantedFinding("quarter_mismatch", target.indicator.name, [short, target.annual])


def _annex_target(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding | None:
    """The action plan repeats an indicator's annual target otherwise than the body (its quarters follow)."""
    target = _free_target(annex, used, rng)
    if target is None:
        return None
    ind = target.indicator
    body = target.annual
    target.annual = _shift(rng, body, ind.decimals)
    target.quarters = [quantize(q * target.annual / body, ind.decimals) for q in target.quarters[:3]] + [target.annual]
    return PlantedFinding("cross_table_mismatch", ind.name, [target.annual, body])


def _count_levels(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding:
    """The prose counts one level of sasaran strategis, programs, kegiatan or sub kegiatan wrong."""
    level = rng.choice(sorted(annex.counts))
    real = annex.counts[level]
    annex.counts[level] = real - 1 if real > 1 and rng.random() < 0.5 else real + 1
    return PlantedFinding("count_mismatch", LEVEL_SUBJECTS[level], [Decimal(annex.counts[level])])


def _trend(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding | None:
    """A trend sentence names the wrong direction (up for down, down for up, up for the same)."""
    if not annex.trends:
        return None
    claim = rng.choice(annex.trends)
    claim.direction = {"up": "down", "down": "up", "same": "up"}[claim.direction]
    return PlantedFinding("trend_mismatch", claim.indicator.name, [])


def _category_overall(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding:
    """The overall predicate of the average capaian printed one band off the report's own scale."""
    names = [n for n, _ in vocab.PREDICATE_SCALES[facts.scale]]
    here = names.index(annex.overall_predicate)
    annex.overall_predicate = names[here + 1] if here == 0 or (here + 1 < len(names) and rng.random() < 0.5) \
        else names[here - 1]
    return PlantedFinding("category_mismatch", "predikat capaian kinerja keseluruhan", [], subject_kind="report")


def _category_efficiency(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding | None:
    """The efficiency's label printed one band off the efficiency scale the report prints."""
    if annex.efficiency_label is None:
        return None
    names = [n for n, _ in annex.efficiency_scale]
    here = names.index(annex.efficiency_label)
    annex.efficiency_label = names[here + 1] if here == 0 or (here + 1 < len(names) and rng.random() < 0.5) \
        else names[here - 1]
    return PlantedFinding("category_mismatch", "kategori efisiensi", [], subject_kind="report")


def _format_anomaly(facts: ReportFacts, annex, used: set[str], rng: random.Random) -> PlantedFinding | None:
    """A sub kegiatan's pagu printed with its last group behind a decimal comma (``215.125,300``)."""
    activity = _pick_activity(annex, used, rng)
    if activity is None:
        return None
    sub = rng.choice(activity.children)
    whole, rest = divmod(int(sub.allocation), 1000)
    sub.allocation_text = f"{number(Decimal(whole))},{rest:03d}"
    return PlantedFinding("format_anomaly", sub.name, [sub.allocation, Decimal(whole) + Decimal(rest) / 1000],
                          tolerated=("rollup_mismatch", "absorption_mismatch", "quarter_mismatch"),
                          related=[activity.allocation, activity.realization, sub.absorption])


_ANNEX_PLANTERS = {"rollup_activity": _rollup_activity, "rollup_program": _rollup_program,
                   "quarter_realization": _quarter_realization, "quarter_target": _quarter_target,
                   "count_levels": _count_levels, "trend": _trend, "category_overall": _category_overall,
                   "category_efficiency": _category_efficiency, "format_anomaly": _format_anomaly,
                   "annex_target": _annex_target}


def plant_annex(facts: ReportFacts, rng: random.Random) -> None:
    """Choose the annex and claim kinds of report ``facts.seed`` (two by the seed, so that every kind turns
    up every ten seeds, and sometimes more) and print them wrong, recording each."""
    kinds = list(ANNEX_KINDS)
    seed = facts.seed
    chosen = {kinds[seed % len(kinds)], kinds[(seed * 3 + 7) % len(kinds)]}
    chosen |= {kind for kind in kinds if rng.random() < 0.12}
    used: set[str] = set()
    for kind in kinds:   # a fixed order, so the same seed always plants the same way
        if kind in chosen:
            planted = _ANNEX_PLANTERS[kind](facts, facts.annex, used, rng)
            if planted is not None:
                planted.kind = kind
                facts.planted.append(planted)
