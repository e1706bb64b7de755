"""A series of one agency's reports over several years, drawn from one seed, with the truth of which
indicator is which (for cross-year linking, ``extractor/identity/linking.py``).

Each year prints the seed's indicators again with their names slightly changed, as agencies do from one
year's report to the next: a name's case, two words swapped, a typo, ``Persentase`` spelt ``Prosentase``.
One indicator is left out of one year (a gap) and, in the last year, one is replaced by a new indicator
that must start a series of its own.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from . import vocabulary as vocab
from .annex import draw_annex
from .facts import IndicatorFacts, Measure, ReportFacts, generate

CHANGES = ("same", "case", "order", "typo", "spelling")
# harder changes, for measuring (benchmarks/linking.py --hard): a word dropped or added, two typos, OCR misreadings
HARD_CHANGES = ("same", "drop_word", "add_word", "two_typos", "ocr")
ADDED_WORDS = ("daerah", "tahunan", "pada perangkat daerah")
OCR_MISREADINGS = (("m", "rn"), ("l", "1"), ("i", "l"), ("o", "0"))


@dataclass
class YearReport:
    """One year's facts and, for each printed indicator name, the indicator it is (its first year's name)."""

    facts: ReportFacts
    truth: dict[str, str]


def change_case(name: str) -> str:
    """The name in capitals, as a table header row may print it."""
    return name.upper()


def swap_words(name: str) -> str:
    """Swap the last two words ("Cakupan imunisasi dasar lengkap" → "… lengkap dasar")."""
    words = name.split()
    return " ".join(words[:-2] + [words[-1], words[-2]]) if len(words) >= 3 else name


def typo(name: str) -> str:
    """Swap two letters inside the longest word ("diselesaikan" → "diselesaiakn")."""
    words = name.split()
    k = max(range(len(words)), key=lambda i: (len(words[i]), -i))
    w = words[k]
    if len(w) >= 6:
        words[k] = w[:-3] + w[-2] + w[-3] + w[-1]
    return " ".join(words)


def respell(name: str) -> str:
    """``Persentase`` as some reports print it (``Prosentase``); other names unchanged."""
    return name.replace("Persentase", "Prosentase")


def drop_word(name: str) -> str:
    """Leave out the shortest word after the first (often a connective: "yang", "dan")."""
    words = name.split()
    if len(words) < 3:
        return name
    k = min(range(1, len(words)), key=lambda i: (len(words[i]), i))
    return " ".join(words[:k] + words[k + 1:])


def add_word(name: str) -> str:
    """Add a word at the end, as a later year's report may qualify the name."""
    return f"{name} {ADDED_WORDS[len(name) % len(ADDED_WORDS)]}"


def two_typos(name: str) -> str:
    """A typo in the longest word and one in the second longest."""
    words = name.split()
    order = sorted(range(len(words)), key=lambda i: (-len(words[i]), i))[:2]
    for k in order:
        w = words[k]
        if len(w) >= 5:
            words[k] = w[:1] + w[2] + w[1] + w[3:]
    return " ".join(words)


def ocr(name: str) -> str:
    """The first OCR misreading that applies, at its first place after the first letter."""
    for wrong, read in OCR_MISREADINGS:
        k = name.find(wrong, 1)
        if k > 0:
            return name[:k] + read + name[k + 1:]
    return name


CHANGE = {"same": lambda n: n, "case": change_case, "order": swap_words, "typo": typo, "spelling": respell,
          "drop_word": drop_word, "add_word": add_word, "two_typos": two_typos, "ocr": ocr}


def _shift(ind: IndicatorFacts, by: int, name: str) -> IndicatorFacts:
    def moved(m: Measure) -> Measure:
        return replace(m, year=m.year + by)
    return replace(ind, name=name, current=moved(ind.current), history=[moved(m) for m in ind.history])


def _newcomer(facts: ReportFacts, old: IndicatorFacts, closest: bool = False) -> IndicatorFacts:
    """An indicator of the pool the report does not hold: of ``old``'s unit when the pool has one, or
    (``closest``) the one whose name is most like ``old``'s, the hardest not to link."""
    held = {i.name for i in facts.indicators}
    pool = [spec for _, specs in vocab.SASARAN for spec in specs if spec[0] not in held]
    if closest:
        spec = max(pool, key=lambda s: (fuzz.token_sort_ratio(s[0].lower(), old.name.lower()), s[0]))
    else:
        spec = next((s for s in pool if s[1] == old.unit), pool[0])
    name, _, lower, _ = spec
    return replace(old, name=name, lower_is_better=lower)


def series(seed: int, years: int = 5, gap: int | None = 2, changes: tuple[str, ...] = CHANGES,
           closest_newcomer: bool = False) -> list[YearReport]:
    """The reports of seed ``seed``'s agency over ``years`` years, each indicator's name changed per year.

    Indicator ``j`` in year ``k`` is printed with change ``changes[(j + k) % len(changes)]``; indicator 1 is missing
    in year ``gap``; the last indicator is replaced by a new one in the last year (the pool's most
    alike name with ``closest_newcomer``).
    """
    base = generate(seed)
    out = []
    for k in range(years):
        facts = copy.deepcopy(base)
        facts.year = base.year + k
        facts.narrative, facts.planted = {}, []
        truth = {}
        last = len(facts.indicators) - 1
        index = 0
        for objective in facts.objectives:
            kept = []
            for ind in objective.indicators:
                j, index = index, index + 1
                if k == gap and j == 1:
                    continue
                original = _newcomer(base, ind, closest_newcomer) if k == years - 1 and j == last else ind
                name = CHANGE[changes[(j + k) % len(changes)]](original.name)
                kept.append(_shift(original, k, name))
                truth[name] = original.name
            objective.indicators = kept
        facts.objectives = [o for o in facts.objectives if o.indicators]
        for program in facts.programs:
            if program.outcome:
                program.outcome = _shift(program.outcome, k, program.outcome.name)
        facts.annex = draw_annex(facts, set())  # the annexes print this year's indicators, as they are named
        out.append(YearReport(facts, truth))
    return out
