"""``trend_mismatch``: a direction claim ("menunjukkan capaian yang menurun", "maka capaian tahun 2023
meningkat sebesar 19.5%") against the figures of the years it compares, and a year compared with itself.

What a direction word is about decides the reading. "capaian … menurun" is about the capaian (the
achievement %, already better when higher whatever the indicator's polarity); "realisasi … naik" about
the realised figure, whose rise is a fall in performance when lower is better. When the figure the
claim names contradicts it but another reading supports it, the finding is a warning (basis
"interpretation"); when every reading contradicts it, an error (a warning when the compared year is
not printed). Template alternatives ("meningkat/ menurun/ tetap"), claims about the future ("akan
meningkat") or about a budget ("realisasi anggaran … naik"), and claims without both years' figures
are skipped; a year no table prints takes the figure the sentence itself states for it ("dibandingkan
tahun 2022 sebesar 235 unit"). The indicator's name, its year and figure between the subject word and
the direction word ("Realisasi indikator <name> tahun 2023 sebesar 263 unit menurun") do not part them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Iterator, NamedTuple

import regex

from ..model import Figure, Finding, Indicator, Measurement
from ..prose import Paragraph, sentences
from . import Context, figures_in, subject_label
from .claim_words import DIRECTIONS, SUBJECTS, Mark, Tokens, data, may_hold, part_of, place_of, short, tokens
from .narrative import indicator_sentences
from .precision import fmt, judge, printed

TREND = "trend_mismatch"
FLIP = {"up": "down", "down": "up", "same": "same"}
DIRECTION_WORDS = {"up": "rose", "down": "fell", "same": "stayed the same"}


# ------------------------------------------------------------------ direction claims in a sentence


@dataclass(frozen=True)
class Trend:
    """A direction claim: which way, about which figure, for which years, where in the sentence."""

    direction: str          # up | down | same
    subject: str            # achievement | realization | target
    start: int              # characters of the claim as printed (subject word → direction word)
    end: int
    year: int | None        # the year the claim is about, when printed
    compared: int | None    # the year it is compared with, when printed in the sentence
    amount: Figure | None = None  # by how much ("menurun sebesar 11.9%"), when printed
    stated: tuple[tuple[int, Figure], ...] = ()  # (year, figure) the sentence states ("tahun 2022 sebesar 83%")


def find_trends(text: str, name: str | None = None) -> list[Trend]:
    """Given a sentence (and the name of the indicator it is about), return its direction claims, in order.

    The words that only say which figure and when ("Realisasi indikator <name> tahun 2023 sebesar 93%
    menurun") do not count in the distance between a direction word and the figure it is about.

    >>> [(t.direction, t.subject, t.year, t.compared) for t in find_trends(
    ...     "Bila dibandingkan dengan realisasi tahun 2022 sebesar 97.7%, maka capaian tahun 2023 menurun sebesar 11.9%")]
    [('down', 'achievement', 2023, 2022)]
    >>> [(t.direction, t.subject) for t in find_trends("menunjukkan capaian yang meningkat/ menurun/ tetap.")]
    []
    >>> [(t.direction, t.subject) for t in find_trends("Pada tahun 2023 target kinerja naik menjadi 6 Naskah")]
    [('up', 'target')]
    >>> [(t.direction, t.subject, t.year, t.compared) for t in find_trends(
    ...     "Realisasi indikator Persentase capaian imunisasi tahun 2023 sebesar 93% menurun dibandingkan "
    ...     "tahun 2022 sebesar 95%.", "Persentase capaian imunisasi")]
    [('down', 'realization', 2023, 2022)]
    """
    found = tokens(text)
    named = name_words(name)
    fillers = found.fillers(named)
    skipped = {i for m in found.labelled("alternatives", "not_a_claim") for i in range(m.start, m.end)}
    directions = [m for m in found.labelled(*DIRECTIONS) if not skipped & set(range(m.start, m.end))
                  and not _inside_name(found, m, named)]  # "usaha mikro yang naik kelas": a word of the name
    compared = _compared_year(found)
    stated = _stated_figures(text, found) if directions else ()
    out = []
    for mark in directions:

        subject = _subject(found, mark, directions, fillers, named)
        if subject is None:
            continue
        since = _year_after(found, [m for m in found.labelled("since") if 0 <= m.start - mark.end <= 1])
        _, year = _year_about(found, mark, {compared[0] if compared else None, since[0] if since else None})
        other = since or compared
        start = min(subject.start_char, mark.start_char)
        amount = _amount(text, found, mark)
        end = max(subject.end_char, mark.end_char) if amount is None else amount[1]
        out.append(Trend(mark.label, subject.label, start, end, year, other[1] if other else None,
                         amount[0] if amount else None, stated))
    return out


def _stated_figures(text: str, found: Tokens) -> tuple[tuple[int, Figure], ...]:
    """The figure printed right after each year of a sentence ("tahun 2022 sebesar 2.139 orang", "tahun
    2022 (83%)"), as (year, figure); rupiah and years are no such figure."""
    out = []
    by = {m.start: m for m in found.labelled("by")}
    year_starts = {char for _, _, char in found.years}
    for token, year, char in found.years:
        after = token + 1
        if after in by:
            start = by[after].end_char
        elif after < found.length and found.words[after] == "(":
            start = char + text[char:].index("(") + 1
        else:
            continue
        lead = len(text[start:]) - len(text[start:].lstrip())
        figures = figures_in(text[start + lead:start + lead + 40])
        if not figures or figures[0][0] != 0:
            continue
        figure = figures[0][2]
        if figure.value is not None and figure.unit != "Rp" and not (start + lead in year_starts):
            out.append((year, figure))
    return tuple(out)


def _amount(text: str, found: Tokens, mark: Mark) -> tuple[Figure, int] | None:
    """The change a direction word states right after it ("menurun sebesar 11.9%"), and where it ends."""
    by = next((m for m in found.labelled("by") if m.start == mark.end), None)
    if by is None:
        return None
    lead = len(text[by.end_char:]) - len(text[by.end_char:].lstrip())
    figures = figures_in(text[by.end_char + lead:by.end_char + lead + 40])
    if not figures or figures[0][0] != 0:
        return None
    _, length, figure = figures[0]
    if figure.value is None or figure.unit == "Rp":
        return None
    return figure, by.end_char + lead + length


def _subject(found: Tokens, mark: Mark, directions: list[Mark], fillers: frozenset[int] = frozenset(),
             named: frozenset[str] = frozenset()) -> Mark | None:
    """The figure a direction word is about: the first word of the run of subject words nearest before it
    ("target kinerja naik" → target), or for "sama dengan" the one right after it. Filler tokens (the
    indicator's name, its year and figure) do not count in the distance; a subject word inside the
    printed name ("Persentase capaian imunisasi") is the name's, not a subject."""
    window = data()["subject_window"]
    subjects = [m for m in found.labelled(*SUBJECTS) if not _inside_name(found, m, named)]
    before = [m for m in subjects if m.end <= mark.start
              and sum(1 for t in range(m.end, mark.start) if t not in fillers) < window
              and not any(m.end <= b < mark.start for b in found.breaks)
              and not any(m.end <= d.start < mark.start for d in directions)]
    if before:
        nearest = max(before, key=lambda m: m.start)
        run = {m.end: m for m in subjects}
        while nearest.start in run:
            nearest = run[nearest.start]
        if any(nearest.start < m.start < mark.start for m in found.labelled("budget")):
            return None  # "realisasi anggaran … naik": the budget's, not the indicator's
        return nearest
    if mark.label == "same":
        return next((m for m in subjects if 0 <= m.start - mark.end <= 1), None)
    return None


@lru_cache(maxsize=4096)
def name_words(name: str | None) -> frozenset[str]:
    """Given an indicator's name, return its words in lower case (as the tokens print them; remembered per name)."""
    return frozenset(_NAME_WORD.findall(name.lower())) if name else frozenset()


_NAME_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _inside_name(found: Tokens, mark: Mark, named: frozenset[str]) -> bool:
    """Say whether a one-token mark stands between two words of the indicator's name (a word of the name:
    "Persentase capaian imunisasi", "usaha mikro yang naik kelas")."""
    if not named or mark.end - mark.start != 1 or found.words[mark.start] not in named:
        return False
    around = [t for t in (mark.start - 1, mark.end) if 0 <= t < found.length]
    return len(around) == 2 and all(found.words[t] in named for t in around)


def _year_after(found: Tokens, anchors: list[Mark]) -> tuple[int, int] | None:
    """The first (token, year) printed within ``year_window`` tokens after one of the anchors, with no
    target word or figure between (not "dibandingkan dengan target tahun 2023")."""
    window = data()["year_window"]
    targets = [m.start for m in found.labelled("target")]
    numbers = [i for i, _, _ in found.numbers]
    for anchor in anchors:
        for token, year, _ in found.years:
            if anchor.end <= token < anchor.end + window:
                between = range(anchor.end, token)
                if not any(t in between for t in targets) and not any(n in between for n in numbers):
                    return token, year
                break
    return None


def _compared_year(found: Tokens) -> tuple[int, int] | None:
    """The (token, year) a sentence compares with: printed after "dibandingkan", "sama dengan" …"""
    return _year_after(found, found.labelled("compare"))


def _year_about(found: Tokens, mark: Mark, compared_tokens: set) -> tuple[int | None, int | None]:
    """The year a direction word is about: the nearest printed before it, else after it (not a compared year)."""
    years = [(t, y) for t, y, _ in found.years if t not in compared_tokens]
    before = [(t, y) for t, y in years if t < mark.start]
    after = [(t, y) for t, y in years if t >= mark.end]
    if before:
        return before[-1]
    return after[0] if after else (None, None)


def self_comparisons(text: str) -> list[tuple[int, int, int]]:
    """Given a sentence, return (start, end, year) of each comparison of a year with itself: the year
    printed before "dibandingkan" / "sama dengan" is the year printed right after it.

    >>> self_comparisons("Pada tahun 2022 Persentase X adalah sebesar 60% sama dengan tahun 2022 sebesar 100%")
    [(11, 70, 2022)]
    >>> self_comparisons("realisasi tahun 2023 sebesar 90% dibandingkan dengan target tahun 2023")
    []
    """
    found = tokens(text)
    targets = [m.start for m in found.labelled("target")]
    out = []
    for anchor in found.labelled("compare"):
        after = _year_after(found, [anchor])
        before = [(t, y, c) for t, y, c in found.years if t < anchor.start]
        if after is None or not before:
            continue
        token, year, start = before[-1]
        if year == after[1] and not any(token < t < anchor.start for t in targets):
            end_char = next(c for t, _, c in found.years if t == after[0]) + 4
            out.append((start, end_char, year))
    return out


# ------------------------------------------------------------------ judging a direction claim


class Reading(NamedTuple):
    """One way of reading a claim: the field compared, the direction the tables give, the figures."""

    field: str
    direction: str
    before: tuple[Figure, Measurement]
    after: tuple[Figure, Measurement]
    performance: bool = False  # the realised figure read as performance (turned when lower is better)


def figure_of(indicator: Indicator, year: int | None, field_name: str) -> tuple[Figure, Measurement] | None:
    """Given an indicator, a year and a field, return the figure of that year (the measurement's, else
    one of its other printings') and the measurement that prints it."""
    measurement = next((m for m in indicator.measurements if m.year == year), None)
    if measurement is None:
        return None
    for candidate in [measurement, *measurement.evidence]:
        figure = getattr(candidate, field_name)
        if figure is not None and figure.value is not None and figure.unit != "Rp":
            return figure, candidate
    return None


def direction_between(before: Decimal, after: Decimal) -> str:
    """Given a figure of the earlier and of the later year, return which way it went.

    >>> direction_between(Decimal(40), Decimal(83)), direction_between(Decimal(100), Decimal("100.0"))
    ('up', 'same')
    """
    return "up" if after > before else "down" if after < before else "same"


def readings(indicator: Indicator, year: int, compared: int, subject: str,
             stated: dict[int, tuple[Figure, Measurement]] | None = None) -> tuple[Reading | None, list[Reading]]:
    """Given a claim's indicator, years and subject, return the reading its words name and the others.

    Capaian already reads as performance; the realised figure's direction is turned for performance
    when the indicator is better lower. A year the tables print no figure of the subject for takes the
    figure the sentence itself states for it (``stated``: "tahun 2022 sebesar 2.139 orang").
    """
    stated = stated or {}

    def figure(at: int, field_name: str) -> tuple[Figure, Measurement] | None:
        found = figure_of(indicator, at, field_name)
        return found if found is not None or field_name != subject else stated.get(at)

    def reading(field_name: str, performance: bool = False) -> Reading | None:
        before, after = figure(compared, field_name), figure(year, field_name)
        if before is None or after is None:
            return None
        found = direction_between(before[0].value, after[0].value)
        if performance and indicator.polarity == "lower_is_better":
            found = FLIP[found]
        return Reading(field_name, found, before, after, performance)

    if subject == "target":
        return reading("target"), []
    achievement, realization = reading("achievement"), reading("realization")
    performance = reading("realization", performance=True) if indicator.polarity == "lower_is_better" else None
    if subject == "achievement":
        return achievement, [r for r in (performance, realization) if r is not None]
    return realization, [r for r in (performance, achievement) if r is not None]


class Verdict(NamedTuple):
    """Why a claim is contradicted: severity, basis, what the basis rests on, the reading shown, all readings."""

    severity: str
    basis: str
    depends_on: str | None   # None for arithmetic
    shown: Reading
    every: list[Reading]


NAMED_OTHER = "reading what the claim is about: another figure went that way"
YEAR_BEFORE = "taking the year before as the one compared (the text prints none)"
NOT_NAMED = "reading another figure, the tables printing none of the one the claim names"


def judge_trend(trend: Trend, indicator: Indicator, year: int, compared: int, printed_years: bool,
                stated: dict[int, tuple[Figure, Measurement]] | None = None) -> Verdict | None:
    """Given a claim and its years (and the figures its sentence states, for years the tables do not
    print), return why the figures contradict it, or None when a reading supports it as conservatively
    as the module docstring says."""
    primary, others = readings(indicator, year, compared, trend.subject, stated)
    supported = [r for r in others if r.direction == trend.direction]
    if primary is not None:
        if primary.direction == trend.direction:
            return None
        every = [primary, *others]
        if supported:
            return None if trend.direction == "same" else Verdict("warning", "interpretation", NAMED_OTHER, primary, every)
        if printed_years:
            return Verdict("error", "arithmetic", None, primary, every)
        return Verdict("warning", "interpretation", YEAR_BEFORE, primary, every)
    if not others or supported:
        return None
    return Verdict("warning", "interpretation", NOT_NAMED, others[0], others)


def changes(reading: Reading) -> tuple[Decimal, Decimal | None]:
    """Given a reading, return its change in points and in percent of the earlier figure (None from 0).

    >>> r = Reading("achievement", "down", (Figure(value=Decimal("97.7"), raw="97.7%"), None),
    ...             (Figure(value=Decimal("85.8"), raw="85.8%"), None))
    >>> [round(x, 2) for x in changes(r)]
    [Decimal('11.90'), Decimal('12.18')]
    """
    before, after = reading.before[0].value, reading.after[0].value
    points = abs(after - before)
    return points, (points / abs(before) * 100 if before else None)


def judge_amount(trend: Trend, indicator: Indicator, year: int, compared: int,
                 printed_years: bool) -> Verdict | None:
    """Given a claim stating by how much a figure changed, return why the tables contradict it when no
    figure of the two years changed by that much, in points or in percent, at the precision printed."""
    primary, others = readings(indicator, year, compared, trend.subject)
    every = [r for r in (primary, *others) if r is not None and not r.performance]
    if primary is None or not every:
        return None
    for reading in every:
        if any(c is not None and judge(trend.amount, c).consistent for c in changes(reading)):
            return None
    if printed_years:
        return Verdict("error", "arithmetic", None, primary, every)
    return Verdict("warning", "interpretation", YEAR_BEFORE, primary, every)


def _amount_finding(ctx: Context, item, trend: Trend, year: int, compared: int, verdict: Verdict) -> Finding:
    paragraph, offset, sentence, indicator = item
    severity, basis, depends_on, shown, every = verdict
    label = subject_label(shown.field)
    points, percent = changes(shown)
    parts = [p for r in every for p in (part_of(f"{subject_label(r.field)} {compared}", *r.before),
                                       part_of(f"{subject_label(r.field)} {year}", *r.after))]
    figures = "; ".join(f"{subject_label(r.field)} {printed(r.before[0])} ({compared}) → {printed(r.after[0])} ({year})"
                        for r in every)
    place = place_of(ctx, paragraph, offset + trend.start, sentence)
    relative = f" or {fmt(percent, 2)}%" if percent is not None else ""
    return Finding(
        code=TREND, severity=severity, basis=basis,
        message=(f"The text says the {label} of \"{short(indicator.name)}\" changed by {printed(trend.amount)} "
                 f"from {compared} to {year}, but the tables give {figures}: a change of {fmt(points, 2)} "
                 f"points{relative}" + (f" (depends on {depends_on})." if depends_on else ".")),
        subject=f"{label} {year} vs {compared}, {indicator.name}", subject_kind="indicator", subject_id=indicator.id,
        field="trend", year=year, stated=sentence[trend.start:trend.end], expected=f"{fmt(points, 2)}{relative}",
        stated_value=trend.amount.value, expected_value=points,
        formula=f"{label} {year} − {label} {compared}", parts=parts,
        places=[place, *(p.provenance for p in parts if p.provenance)], provenance=place)


def trend_findings(ctx: Context) -> Iterator[Finding]:
    """Each direction claim about an indicator that the figures of the years it compares contradict,
    and each year compared with itself."""
    report_year = ctx.report.report_year
    compared_in: dict[int, int | None] = {}
    for item in indicator_sentences(ctx):
        paragraph, offset, sentence, indicator = item
        if not may_hold(sentence, (*DIRECTIONS, "compare")):
            continue
        for start, end, year in self_comparisons(sentence):
            yield _self_comparison(ctx, item, start, end, year)
        for trend in find_trends(sentence, indicator.name):
            if id(paragraph) not in compared_in:
                compared_in[id(paragraph)] = _paragraph_compared(paragraph)
            year = trend.year or report_year
            compared = trend.compared or compared_in[id(paragraph)]
            printed_years = compared is not None
            if compared is None:
                compared = max((m.year for m in indicator.measurements if m.year and year and m.year < year), default=None)
            if year is None or compared is None or compared == year:
                continue
            verdict = judge_trend(trend, indicator, year, compared, printed_years, _stated(ctx, item, trend))
            if verdict is not None:
                yield _trend_finding(ctx, item, trend, year, compared, verdict)
            elif trend.amount is not None:
                wrong = judge_amount(trend, indicator, year, compared, printed_years)
                if wrong is not None:
                    yield _amount_finding(ctx, item, trend, year, compared, wrong)


def _stated(ctx: Context, item, trend: Trend) -> dict[int, tuple[Figure, Measurement]]:
    """The figures a claim's sentence states per year, as measurements of the claim's subject placed at the sentence."""
    paragraph, offset, sentence, _ = item
    if not trend.stated:
        return {}
    place = place_of(ctx, paragraph, offset + trend.start, sentence)
    return {year: (figure, Measurement(year=year, provenance=place, **{trend.subject: figure}))
            for year, figure in trend.stated}


def _paragraph_compared(paragraph: Paragraph) -> int | None:
    """The one year a paragraph's sentences compare with ("Bila dibandingkan dengan realisasi tahun 2022"), if one."""
    years = {found[1] for _, text in sentences(paragraph)
             if may_hold(text, ("compare",)) and (found := _compared_year(tokens(text))) is not None}
    return years.pop() if len(years) == 1 else None




def _trend_finding(ctx: Context, item, trend: Trend, year: int, compared: int, verdict: Verdict) -> Finding:
    paragraph, offset, sentence, indicator = item
    severity, basis, depends_on, shown, every = verdict
    label = subject_label(shown.field)
    parts = []
    for r in every:
        if r.performance:
            continue
        parts += [part_of(f"{subject_label(r.field)} {compared}", *r.before), part_of(f"{subject_label(r.field)} {year}", *r.after)]
    figures = "; ".join(f"{subject_label(r.field)} {printed(r.before[0])} ({compared}) → {printed(r.after[0])} ({year})"
                        for r in every if not r.performance)
    why = f" (depends on {depends_on})" if depends_on else ""
    place = place_of(ctx, paragraph, offset + trend.start, sentence)
    return Finding(
        code=TREND, severity=severity, basis=basis,
        message=(f"The text says the {label} of \"{short(indicator.name)}\" {DIRECTION_WORDS[trend.direction]} "
                 f"from {compared} to {year}, but the tables give {figures}{why}."),
        subject=f"{label} {year} vs {compared}, {indicator.name}", subject_kind="indicator", subject_id=indicator.id,
        field="trend", year=year, stated=sentence[trend.start:trend.end],
        expected=f"{DIRECTION_WORDS[shown.direction]} ({figures})",
        stated_value=shown.after[0].value, expected_value=shown.before[0].value,
        formula=f"{label} {year} vs {label} {compared}", parts=parts,
        places=[place, *(p.provenance for p in parts if p.provenance)], provenance=place)


def _self_comparison(ctx: Context, item, start: int, end: int, year: int) -> Finding:
    paragraph, offset, sentence, indicator = item
    earlier = max((m.year for m in indicator.measurements if m.year and m.year < year), default=None)
    parts = [part_of(f"{subject_label(f)} {m.year}", *found) for m in indicator.measurements
             for f in ("realization", "achievement") if (found := figure_of(indicator, m.year, f)) is not None]
    place = place_of(ctx, paragraph, offset + start, sentence)
    return Finding(
        code=TREND, severity="error", basis="arithmetic",
        message=(f"The text compares {year} with {year} for \"{short(indicator.name)}\": a year compared with itself"
                 + (f" (the tables print {earlier} before it)." if earlier else ".")),
        subject=f"compared year {year}, {indicator.name}", subject_kind="indicator", subject_id=indicator.id,
        field="compared_year", year=year, stated=sentence[start:end],
        expected=f"a year before {year}" + (f" ({earlier})" if earlier else ""),
        stated_value=Decimal(year), expected_value=Decimal(earlier) if earlier else None,
        formula="compared year ≠ year", parts=parts,
        places=[place, *(p.provenance for p in parts if p.provenance)], provenance=place)
