"""Claims in prose: direction words against the years they compare, overall predicates and efficiency
labels against the report's own scales.

Two codes:

- ``trend_mismatch``: "capaian … menunjukkan capaian yang menurun", "maka capaian tahun 2023 meningkat"
  against the figures of the indicator for the years compared (the indicator a sentence is about is
  found as the narrative check finds it, :func:`~extractor.verify.narrative.indicator_sentences`); and
  a year compared with itself ("tahun 2022 … sama dengan tahun 2022").
- ``category_mismatch``: an overall predicate of the report ("akumulasi … termasuk kategori 2 (dua)
  yaitu Sangat Berhasil", "rata-rata capaian … 100 % dengan kategori Berhasil") against its own scale
  and the average it states (or, stating none, the mean capaian of its indicators); an efficiency
  label ("Efisien", "Kurang Efisien") against the level its capaian and penyerapan give.

Words are spaCy Matcher rules in ``patterns/claims.jsonl`` run on the tokens of the narrative's own
pipeline (no second pipeline is built); thresholds and labels are in ``patterns/claims.yaml``.

What a direction word is about decides the reading. "capaian … menurun" is about the capaian (the
achievement %, already better when higher whatever the indicator's polarity); "realisasi … naik" about
the realised figure, whose rise is a fall in performance when lower is better. When the figure the
claim names contradicts it but another reading supports it, the finding is a warning (basis
"interpretation"); when every reading contradicts it, an error. Conservative by design: template
alternatives ("meningkat/ menurun/ tetap"), claims about the future ("akan meningkat"), and claims
without both years' figures are skipped.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, NamedTuple

import regex
from spacy.matcher import Matcher

from ..model import Figure, Finding, FindingPart, Indicator, Measurement, Provenance
from ..names import MENTIONED, IndicatorNames, fold_label, match_indicator, mention_score
from ..errors import PatternDataError
from ..patterns import PATTERNS_DIR, load, load_lines
from ..numbers import parse_figure
from ..prose import Paragraph, sentences
from ..yardsticks import bands_of, efficiency_kind, language, neighbours, predicate_words, scale_for
from . import Context, compiled, figures_in, subject_label
from .absorption import is_amount
from .narrative import indicator_sentences, nlp
from .precision import fmt, interval, judge, printed
from .predicate import consistent

TREND = "trend_mismatch"
CATEGORY = "category_mismatch"
DIRECTIONS = ("up", "down", "same")
SUBJECTS = ("achievement", "realization", "target")
FLIP = {"up": "down", "down": "up", "same": "same"}
DIRECTION_WORDS = {"up": "up", "down": "down", "same": "unchanged"}
MAX_CATEGORY_NUMBER = 10  # "kategori 2 (dua)": a row number of the scale, not a percentage


@lru_cache(maxsize=1)
def data() -> dict:
    """Return ``patterns/claims.yaml`` (validated once)."""
    return load("claims")


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    """Return the Matcher of ``patterns/claims.jsonl`` on the narrative pipeline's vocabulary (built once)."""
    found = Matcher(nlp().vocab, validate=True)
    rules: dict[str, list] = {}
    for row in load_lines("claims"):
        rules.setdefault(row["label"], []).append(row["pattern"])
    for label, patterns in rules.items():
        found.add(label, patterns)
    return found


@lru_cache(maxsize=None)
def opening_words(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Given labels of ``claims.jsonl``, return the lower-case words their phrases open with.

    >>> sorted(opening_words(("category",)))
    ['berpredikat', 'kategori', 'kriteria', 'predikat']
    """
    words: set[str] = set()
    for row in load_lines("claims"):
        if row["label"] in labels:
            first = row["pattern"][0]
            lower = first.get("LOWER")
            if isinstance(lower, str):
                words.add(lower)
            elif isinstance(lower, dict) and "IN" in lower:
                words.update(lower["IN"])
            else:
                raise PatternDataError(str(PATTERNS_DIR / "claims.jsonl"), f"a {row['label']} rule opens on no plain word")
    return tuple(sorted(words))


def may_hold(text: str, labels: tuple[str, ...]) -> bool:
    """Say whether a text may hold a phrase of the labels (False is certain): spaCy need not run on it.

    >>> may_hold("Target yang dicapai", ("up", "down", "same")), may_hold("yang menurun", ("down",))
    (False, True)
    """
    lowered = text.lower()
    return any(word in lowered for word in opening_words(labels))


class Mark(NamedTuple):
    """A span the Matcher marks: its label, its tokens ``[start, end)`` and characters."""

    label: str
    start: int
    end: int
    start_char: int
    end_char: int


@dataclass(frozen=True)
class Tokens:
    """A text's tokens as the claims rules read them: marks, years and the tokens that break a phrase."""

    marks: tuple[Mark, ...]
    years: tuple[tuple[int, int, int], ...]  # (token, year, start char)
    breaks: frozenset[int]                   # tokens of punctuation that ends a phrase (, ; .)
    numbers: tuple[tuple[int, str, bool], ...]  # (token, text, followed by "%") of digit tokens
    length: int

    def labelled(self, *labels: str) -> list[Mark]:
        return [m for m in self.marks if m.label in labels]


@lru_cache(maxsize=4096)
def tokens(text: str) -> Tokens:
    """Given a sentence, return its :class:`Tokens` (cached per text).

    >>> [m.label for m in tokens("capaian tahun 2023 menurun").marks]
    ['achievement', 'down']
    """
    doc = nlp().make_doc(text)
    strings = nlp().vocab.strings
    marks = sorted((Mark(strings[key], s, e, doc[s:e].start_char, doc[s:e].end_char) for key, s, e in matcher()(doc)),
                   key=lambda m: (m.start, -m.end))
    years = tuple((t.i, int(t.text), t.idx) for t in doc if t.shape_ == "dddd" and t.text[:2] in ("19", "20"))
    breaks = frozenset(t.i for t in doc if t.text in (",", ";", ".", ":"))
    numbers = tuple((t.i, t.text, t.i + 1 < len(doc) and doc[t.i + 1].text == "%") for t in doc if t.text[:1].isdigit())
    return Tokens(tuple(marks), years, breaks, numbers, len(doc))


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


def find_trends(text: str) -> list[Trend]:
    """Given a sentence, return its direction claims, in order.

    >>> [(t.direction, t.subject, t.year, t.compared) for t in find_trends(
    ...     "Bila dibandingkan dengan realisasi tahun 2022 sebesar 97.7%, maka capaian tahun 2023 menurun sebesar 11.9%")]
    [('down', 'achievement', 2023, 2022)]
    >>> [(t.direction, t.subject) for t in find_trends("menunjukkan capaian yang meningkat/ menurun/ tetap.")]
    []
    >>> [(t.direction, t.subject) for t in find_trends("Pada tahun 2023 target kinerja naik menjadi 6 Naskah")]
    [('up', 'target')]
    """
    found = tokens(text)
    skipped = {i for m in found.labelled("alternatives", "not_a_claim") for i in range(m.start, m.end)}
    directions = [m for m in found.labelled(*DIRECTIONS) if not skipped & set(range(m.start, m.end))]
    compared = _compared_year(found)
    out = []
    for mark in directions:
        subject = _subject(found, mark, directions)
        if subject is None:
            continue
        since = _year_after(found, [m for m in found.labelled("since") if 0 <= m.start - mark.end <= 1])
        _, year = _year_about(found, mark, {compared[0] if compared else None, since[0] if since else None})
        other = since or compared
        start = min(subject.start_char, mark.start_char)
        amount = _amount(text, found, mark)
        end = max(subject.end_char, mark.end_char) if amount is None else amount[1]
        out.append(Trend(mark.label, subject.label, start, end, year, other[1] if other else None,
                         amount[0] if amount else None))
    return out


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


def _subject(found: Tokens, mark: Mark, directions: list[Mark]) -> Mark | None:
    """The figure a direction word is about: the first word of the run of subject words nearest before it
    ("target kinerja naik" → target), or for "sama dengan" the one right after it."""
    window = data()["subject_window"]
    before = [m for m in found.labelled(*SUBJECTS) if m.end <= mark.start and mark.start - m.end < window
              and not any(m.end <= b < mark.start for b in found.breaks)
              and not any(m.end <= d.start < mark.start for d in directions)]
    if before:
        nearest = max(before, key=lambda m: m.start)
        run = {m.end: m for m in found.labelled(*SUBJECTS)}
        while nearest.start in run:
            nearest = run[nearest.start]
        if any(nearest.start < m.start < mark.start for m in found.labelled("budget")):
            return None  # "realisasi anggaran … naik": the budget's, not the indicator's
        return nearest
    if mark.label == "same":
        return next((m for m in found.labelled(*SUBJECTS) if 0 <= m.start - mark.end <= 1), None)
    return None


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


def readings(indicator: Indicator, year: int, compared: int, subject: str) -> tuple[Reading | None, list[Reading]]:
    """Given a claim's indicator, years and subject, return the reading its words name and the others.

    Capaian already reads as performance; the realised figure's direction is turned for performance
    when the indicator is better lower.
    """
    def reading(field_name: str, performance: bool = False) -> Reading | None:
        before, after = figure_of(indicator, compared, field_name), figure_of(indicator, year, field_name)
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


def judge_trend(trend: Trend, indicator: Indicator, year: int, compared: int, printed_years: bool) -> tuple[str, str, Reading, list[Reading]] | None:
    """Given a claim and its years, return (severity, basis, the reading shown, every reading), or None
    when a reading supports the claim as conservatively as the module docstring says."""
    primary, others = readings(indicator, year, compared, trend.subject)
    supported = [r for r in others if r.direction == trend.direction]
    if primary is not None:
        if primary.direction == trend.direction:
            return None
        if supported:
            return None if trend.direction == "same" else ("warning", "interpretation", primary, [primary, *others])
        if printed_years:
            return "error", "arithmetic", primary, [primary, *others]
        return "warning", "interpretation", primary, [primary, *others]
    if not others or supported:
        return None
    return "warning", "interpretation", others[0], others


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
                 printed_years: bool) -> tuple[str, str, Reading, list[Reading]] | None:
    """Given a claim stating by how much a figure changed, return (severity, basis, reading, readings)
    when no figure of the two years changed by that much, in points or in percent, at the precision
    printed; None otherwise."""
    primary, others = readings(indicator, year, compared, trend.subject)
    every = [r for r in (primary, *others) if r is not None and not r.performance]
    if primary is None or not every:
        return None
    for reading in every:
        if any(c is not None and judge(trend.amount, c).consistent for c in changes(reading)):
            return None
    return ("error", "arithmetic", primary, every) if printed_years else ("warning", "interpretation", primary, every)


def _amount_finding(ctx: Context, item, trend: Trend, year: int, compared: int, severity: str, basis: str,
                    shown: Reading, every: list[Reading]) -> Finding:
    paragraph, offset, sentence, indicator = item
    label = subject_label(shown.field)
    points, percent = changes(shown)
    parts = [p for r in every for p in (_part(f"{subject_label(r.field)} {compared}", *r.before),
                                       _part(f"{subject_label(r.field)} {year}", *r.after))]
    figures = "; ".join(f"{subject_label(r.field)} {printed(r.before[0])} ({compared}) → {printed(r.after[0])} ({year})"
                        for r in every)
    place = _place(ctx, paragraph, offset + trend.start, sentence)
    relative = f" or {fmt(percent, 2)}%" if percent is not None else ""
    return Finding(
        code=TREND, severity=severity, basis=basis,
        message=(f"The text says the {label} of \"{_short(indicator.name)}\" changed by {printed(trend.amount)} "
                 f"from {compared} to {year}, but the tables give {figures}: a change of {fmt(points, 2)} "
                 f"points{relative}" + (" (depends on taking the year before as the one compared)." if basis ==
                                         "interpretation" else ".")),
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
        for trend in find_trends(sentence):
            if id(paragraph) not in compared_in:
                compared_in[id(paragraph)] = _paragraph_compared(paragraph)
            year = trend.year or report_year
            compared = trend.compared or compared_in[id(paragraph)]
            printed_years = compared is not None
            if compared is None:
                compared = max((m.year for m in indicator.measurements if m.year and year and m.year < year), default=None)
            if year is None or compared is None or compared == year:
                continue
            verdict = judge_trend(trend, indicator, year, compared, printed_years)
            if verdict is not None:
                yield _trend_finding(ctx, item, trend, year, compared, *verdict)
            elif trend.amount is not None:
                wrong = judge_amount(trend, indicator, year, compared, printed_years)
                if wrong is not None:
                    yield _amount_finding(ctx, item, trend, year, compared, *wrong)


def _paragraph_compared(paragraph: Paragraph) -> int | None:
    """The one year a paragraph's sentences compare with ("Bila dibandingkan dengan realisasi tahun 2022"), if one."""
    years = {found[1] for _, text in sentences(paragraph) if (found := _compared_year(tokens(text))) is not None}
    return years.pop() if len(years) == 1 else None


def _place(ctx: Context, paragraph: Paragraph, offset: int, text: str) -> Provenance:
    line = paragraph.line_at(offset)
    return Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=text[:200])


def _part(label: str, figure: Figure, measurement: Measurement) -> FindingPart:
    return FindingPart(label=label, value=figure.value, raw=figure.raw, provenance=measurement.provenance)


def _trend_finding(ctx: Context, item, trend: Trend, year: int, compared: int, severity: str, basis: str,
                   shown: Reading, every: list[Reading]) -> Finding:
    paragraph, offset, sentence, indicator = item
    label = subject_label(shown.field)
    parts = []
    for r in every:
        if r.performance:
            continue
        parts += [_part(f"{subject_label(r.field)} {compared}", *r.before), _part(f"{subject_label(r.field)} {year}", *r.after)]
    figures = "; ".join(f"{subject_label(r.field)} {printed(r.before[0])} ({compared}) → {printed(r.after[0])} ({year})"
                        for r in every if not r.performance)
    why = (" (depends on reading what the claim is about: another figure went that way)" if basis == "interpretation"
           and severity == "warning" and any(r.direction == trend.direction for r in every) else
           " (depends on taking the year before as the one compared)" if basis == "interpretation" else "")
    place = _place(ctx, paragraph, offset + trend.start, sentence)
    return Finding(
        code=TREND, severity=severity, basis=basis,
        message=(f"The text says the {label} of \"{_short(indicator.name)}\" went {DIRECTION_WORDS[trend.direction]} "
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
    parts = [_part(f"{subject_label(f)} {m.year}", *found) for m in indicator.measurements
             for f in ("realization", "achievement") if (found := figure_of(indicator, m.year, f)) is not None]
    place = _place(ctx, paragraph, offset + start, sentence)
    return Finding(
        code=TREND, severity="error", basis="arithmetic",
        message=(f"The text compares {year} with {year} for \"{_short(indicator.name)}\": a year compared with itself"
                 + (f" (the tables print {earlier} before it)." if earlier else ".")),
        subject=f"compared year {year}, {indicator.name}", subject_kind="indicator", subject_id=indicator.id,
        field="compared_year", year=year, stated=sentence[start:end],
        expected=f"a year before {year}" + (f" ({earlier})" if earlier else ""),
        stated_value=Decimal(year), expected_value=Decimal(earlier) if earlier else None,
        formula="compared year ≠ year", parts=parts,
        places=[place, *(p.provenance for p in parts if p.provenance)], provenance=place)


def _short(name: str, limit: int = 70) -> str:
    return name if len(name) <= limit else name[:limit].rsplit(" ", 1)[0] + " …"


# ------------------------------------------------------------------ overall predicates


@dataclass(frozen=True)
class Category:
    """An overall predicate in prose: the predicate, its category number and stated average, if printed."""

    predicate: str          # canonical (``patterns/predicates.yaml``)
    printed: str            # as printed
    number: int | None
    average: Figure | None
    start: int
    end: int


@lru_cache(maxsize=1)
def _predicate_pattern() -> regex.Pattern:
    """Every predicate word (``patterns/predicates.yaml``), longest first, spaces as any run of spaces."""
    words = sorted(predicate_words(), key=len, reverse=True)
    alternation = "|".join(r"\s+".join(regex.escape(part) for part in w.split()) for w in words)
    return regex.compile(r"(?<!\p{L})(?:" + alternation + r")(?!\p{L})", regex.I)


def find_category(text: str) -> Category | None:
    """Given a sentence, return the overall predicate it states, or None (a sentence about one
    indicator is the predicate rule's; this needs "akumulasi", "rata-rata" or "keseluruhan").

    >>> c = find_category("Nilai rata-rata capaian kinerja sasaran strategis adalah 100 % dengan kategori Berhasil")
    >>> c.predicate, c.number, c.average.raw
    ('Berhasil', None, '100 %')
    >>> c = find_category("Berdasarkan akumulasi Capaian IKU termasuk kategori 2 (dua) yaitu Sangat Berhasil (pilih salah satu).")
    >>> c.predicate, c.number, c.average, c.printed
    ('Sangat Berhasil', 2, None, 'Sangat Berhasil')
    """
    found = tokens(text)
    categories, overall = found.labelled("category"), found.labelled("overall")
    if not categories or not overall:
        return None
    mark = categories[0]
    window = data()["category_window"]
    end = mark.end_char
    for _ in range(window):  # the end of the window-th word after the mark
        nxt = regex.compile(r"\s*\S+").match(text, end)
        if nxt is None:
            break
        end = nxt.end()
    m = _predicate_pattern().search(text, mark.end_char, end)
    if m is None:
        return None
    numbers = [n for n in found.numbers if n[0] == mark.end]
    number = None
    if numbers and not numbers[0][2] and numbers[0][1].isdigit() and int(numbers[0][1]) <= MAX_CATEGORY_NUMBER:
        number = int(numbers[0][1])
    return Category(predicate_words()[fold_label(m.group(0))], m.group(0), number, _average(text, found, mark),
                    mark.start_char, m.end())


def _average(text: str, found: Tokens, category: Mark) -> Figure | None:
    """The average a sentence states: the first percentage after "rata-rata", before the predicate."""
    for mark in found.labelled("average"):
        for start, _, figure in figures_in(text[mark.end_char:category.start_char]):
            if figure.unit == "%" and figure.value is not None:
                return figure
    return None


def category_findings(ctx: Context) -> Iterator[Finding]:
    """Each overall predicate that the report's scale gives to another average, or whose category number
    is another row of the scale."""
    names = IndicatorNames([i for i in ctx.report.indicators if i.level == "agency"])
    for paragraph in ctx.paragraphs():
        if not may_hold(paragraph.text, ("category",)):
            continue
        for offset, sentence in sentences(paragraph):
            claim = find_category(sentence)
            if claim is None or names.named(sentence) is not None:
                continue
            scale = scale_for(claim.predicate, ctx.scales)
            if scale is None:
                continue
            place = _place(ctx, paragraph, offset + claim.start, sentence)
            yield from _judge_category(ctx, claim, scale, place, sentence)




def mean_achievement(ctx: Context) -> tuple[Decimal, list[FindingPart]] | None:
    """The mean capaian of the report's own indicators for the report year, with the figures averaged."""
    parts = []
    for indicator in ctx.report.indicators:
        if indicator.level != "agency":
            continue
        found = figure_of(indicator, ctx.report.report_year, "achievement")
        if found is not None and found[0].unit in ("%", None):
            parts.append(_part(f"{subject_label('achievement')} {ctx.report.report_year}, {indicator.name}", *found))
    if not parts:
        return None
    return sum(p.value for p in parts) / len(parts), parts


def _judge_category(ctx: Context, claim: Category, scale: dict, place: Provenance, sentence: str) -> Iterator[Finding]:
    source = (f"{scale['name']} (line {scale['line']})" if scale.get("declared")
              else f"the standard scale {scale['name']}, the report printing none")
    if claim.number is not None and scale.get("declared"):
        row = next(k for k, b in enumerate(scale["bands"], start=1) if b["predicate"] == claim.predicate)
        if row != claim.number:
            yield Finding(
                code=CATEGORY, severity="warning", basis="interpretation",
                message=(f"The text calls the report's performance category {claim.number} \"{claim.printed}\", but "
                         f"{source} lists {claim.predicate} as row {row} (depends on the scale's rows being "
                         f"numbered in the order printed)."),
                subject=f"overall predicate {ctx.report.report_year}", subject_kind="report", field="predicate",
                year=ctx.report.report_year, stated=sentence[claim.start:claim.end],
                expected=f"row {row} ({claim.predicate})", stated_value=Decimal(claim.number),
                expected_value=Decimal(row), formula=f"row of {claim.predicate} in {scale['name']}",
                places=[place], provenance=place)
    if claim.average is not None:
        value, parts, how = claim.average.value, [FindingPart(label="stated average", value=claim.average.value,
                                                             raw=claim.average.raw, provenance=place)], "the stated average"
        fits = consistent(claim.predicate, claim.average, scale)
        severity, basis = ("error", "arithmetic") if scale.get("declared") else ("warning", "interpretation")
    else:
        found = mean_achievement(ctx)
        if found is None:
            return
        value, parts = found
        how = f"the mean {subject_label('achievement')} of the {len(parts)} indicators (the text states no average)"
        fits = any(b["predicate"] == claim.predicate for b in bands_of(value, scale) or neighbours(value, scale))
        severity, basis = "warning", "interpretation"
    if fits:
        return
    right = bands_of(value, scale) or neighbours(value, scale)
    shown = printed(claim.average) if claim.average is not None else f"{fmt(value, 2)}%"
    yield Finding(
        code=CATEGORY, severity=severity, basis=basis,
        message=(f"The text rates the report \"{claim.printed}\", but {how}, {shown}, is "
                 f"{right[0]['predicate']} by {source}"
                 + (" (depends on how the report aggregates its indicators)." if claim.average is None else
                    " (depends on the standard scale)." if basis == "interpretation" else ".")),
        subject=f"overall predicate {ctx.report.report_year}", subject_kind="report", field="predicate",
        year=ctx.report.report_year, stated=sentence[claim.start:claim.end],
        expected=f"{right[0]['predicate']} ({shown})",
        stated_value=claim.average.value if claim.average is not None else None, expected_value=value,
        formula=("stated average vs scale" if claim.average is not None
                 else f"mean of the indicators' {subject_label('achievement')} vs scale"),
        parts=parts, places=[place, *(p.provenance for p in parts if p.provenance and p.provenance is not place)],
        provenance=place)


# ------------------------------------------------------------------ efficiency labels


@lru_cache(maxsize=1)
def _labels() -> tuple[regex.Pattern, dict[str, str]]:
    sides = {fold_label(w): side for side, words in data()["efficiency_labels"].items() for w in words}
    pattern = regex.compile(r"(?<!\p{L})(?:" + "|".join(regex.escape(w) for w in sorted(sides, key=len, reverse=True))
                            + r")(?!\p{L})", regex.I)
    return pattern, sides


def label_side(text: str) -> str | None:
    """Given a cell, return the side of the threshold its label puts the level on, or None.

    >>> label_side("Kurang Efisien"), label_side("**EFISIEN**"), label_side("Efesi n")
    ('inefficient', 'efficient', None)
    """
    _, sides = _labels()
    return sides.get(fold_label(text.strip(" *_;.")))


@dataclass(frozen=True)
class Label:
    """An efficiency label with the capaian and penyerapan it is about."""

    printed: str
    side: str
    achievement: Figure
    absorption: Figure
    level: Figure | None
    kind: str
    indicator: Indicator | None
    provenance: Provenance


def table_labels(ctx: Context) -> Iterator[Label]:
    """Labels in the rows of efficiency tables (a cell that is only a label)."""
    kind = (ctx.scales.get("efficiency_formula") or {}).get("kind", "ratio")
    for table in ctx.tables:
        cols = {key: table.column(key) for key in ("achievement", "absorption", "efficiency")}
        if any(col is None for col in cols.values()):
            continue
        name_col = table.column("indicator")
        for row in table.rows:
            cell = next((c for c in row.cells if label_side(c)), None)
            achievement, absorption = table.figure(row, cols["achievement"]), table.figure(row, cols["absorption"])
            if cell is None or achievement is None or absorption is None or None in (achievement.value, absorption.value):
                continue
            level = table.figure(row, cols["efficiency"])
            if level is not None and (level.value is None or is_amount(level)):
                level = None  # rupiah saved, or nothing, where the level would be
            indicator = match_indicator(" ".join(row.text(name_col).split()), ctx.report.indicators)[0] if name_col else None
            yield Label(cell.strip(), label_side(cell), achievement, absorption, level, kind, indicator, row.provenance)


def prose_labels(ctx: Context) -> Iterator[Label]:
    """Labels in the narrative ("… termasuk dalam kategori KURANG EFISIEN"), each with the level,
    capaian and penyerapan stated before it in its paragraph."""
    pats = {key: compiled(language()["efficiency_sentence"][key], regex.I) for key in ("stated", "achievement", "absorption")}
    fallback = (ctx.scales.get("efficiency_formula") or {}).get("kind", "ratio")
    pattern, sides = _labels()
    for paragraph in ctx.paragraphs():
        text = paragraph.text
        stated = list(pats["stated"].finditer(text))
        if not stated:
            continue
        for m in pattern.finditer(text):
            before = [s for s in stated if s.end() <= m.start()]
            if not before:
                continue
            span = text[before[-1].start():m.start()]
            if pattern.search(span):
                continue
            found = {key: pats[key].search(span) for key in ("achievement", "absorption")}
            if not all(found.values()):
                continue
            figures = {key: parse_figure(x["figure"].strip()) for key, x in found.items()}
            if None in figures.values():
                continue
            line = paragraph.line_at(m.start())
            yield Label(m.group(0), sides[fold_label(m.group(0))], figures["achievement"], figures["absorption"],
                        parse_figure(before[-1]["figure"].strip()), efficiency_kind(span) or fallback,
                        _indicator_before(ctx, text[:before[-1].start()]),
                        Provenance(file=ctx.report.source.path, line=line.number, page=line.page, row=span[:200]))


def _indicator_before(ctx: Context, before: str) -> Indicator | None:
    """The indicator the text before a statement names (as the efficiency rule names it), or None."""
    scored = [(mention_score(i.name, before[-300:]), i.level == "agency", k) for k, i in enumerate(ctx.report.indicators)]
    score, _, k = max(scored, default=(0, False, None))
    return ctx.report.indicators[k] if k is not None and score >= MENTIONED else None


def level_bounds(achievement: Figure, absorption: Figure, kind: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """Given capaian and penyerapan as printed and the formula, return the level and the lowest and
    highest it may be at the precision printed (None when the absorption may be 0).

    >>> [round(x, 4) for x in level_bounds(Figure(value=Decimal("75.07"), raw="75,07%", decimals=2),
    ...                                   Figure(value=Decimal("99.20"), raw="99,20", decimals=2), "ratio")]
    [Decimal('0.7568'), Decimal('0.7566'), Decimal('0.7569')]
    """
    a_low, a_high = interval(achievement.value, achievement.decimals or 0)
    b_low, b_high = interval(absorption.value, absorption.decimals or 0)
    if kind == "difference":
        return achievement.value - absorption.value, a_low - b_high, a_high - b_low
    if b_low <= 0:
        return None
    return achievement.value / absorption.value, a_low / b_high, a_high / b_low


def judge_label(ctx: Context, label: Label) -> Finding | None:
    """Given a label, return its finding when the level lies on the other side of the threshold."""
    bounds = level_bounds(label.achievement, label.absorption, label.kind)
    if bounds is None:
        return None
    value, low, high = bounds
    scale = data()["default_efficiency_scale"][label.kind]
    threshold = Decimal(str(scale["threshold"]))
    wrong = high < threshold if label.side == "efficient" else low > threshold
    if not wrong:
        return None
    sign = "/" if label.kind == "ratio" else "−"
    name = language()["efficiency_formula_names"][label.kind]
    side = "above" if label.side == "efficient" else "below"
    parts = [FindingPart(label=subject_label("achievement"), value=label.achievement.value, raw=label.achievement.raw,
                         provenance=label.provenance),
             FindingPart(label=subject_label("absorption"), value=label.absorption.value, raw=label.absorption.raw,
                         provenance=label.provenance)]
    subject = label.indicator.name if label.indicator else (label.provenance.row or "")[:80]
    return Finding(
        code=CATEGORY, severity="warning", basis="interpretation",
        message=(f"The label \"{label.printed}\" needs {name} {side} {fmt(threshold)}, but "
                 f"{printed(label.achievement)} {sign} {printed(label.absorption)} = {fmt(value, 2)} (depends on the "
                 f"standard threshold: {scale['source']}; the report prints no efficiency scale)."),
        subject=f"{subject}, {subject_label('efficiency')}", subject_kind="indicator" if label.indicator else None,
        subject_id=label.indicator.id if label.indicator else None, field="efficiency_label",
        year=ctx.report.report_year, stated=label.printed, expected=f"{'not ' if label.side == 'efficient' else ''}"
        f"efficient ({fmt(value, 2)})", stated_value=label.level.value if label.level else None,
        expected_value=value, formula=f"{subject_label('achievement')} {sign} {subject_label('absorption')} vs "
        f"{fmt(threshold)}", parts=parts, places=[label.provenance], provenance=label.provenance)


# ------------------------------------------------------------------ the rule


def check(ctx: Context) -> Iterator[Finding]:
    """Given the context, yield the trend and category findings of the report's prose."""
    if ctx.report.indicators:
        yield from trend_findings(ctx)
        yield from category_findings(ctx)
    for label in (*table_labels(ctx), *prose_labels(ctx)):
        finding = judge_label(ctx, label)
        if finding is not None:
            yield finding
