"""Narrative claims: the analysis restates an indicator's target, realisasi or capaian; do the tables agree?

"Target yang ditetapkan tahun 2023 adalah 73% realisasi sebesar 92,08% tercapai 126%" states three
figures of one indicator. The stages:

1. :func:`~extractor.prose.paragraphs` (``ctx.paragraphs()``): the prose of the report as paragraphs (a line continued on the next one is
   joined to it), with a flag where a heading or a table came between.
2. :func:`find_claims`: token rules (``patterns/narrative.jsonl``, spaCy's EntityRuler semantics, on the
   tokens of spaCy's Indonesian tokenizer: :mod:`.token_rules`, :mod:`.tokenizer`) mark the claim
   phrases (``target yang ditetapkan tahun 2023 adalah``, ``realisasi sebesar``,
   ``tercapai``, ``dengan capaian kinerja`` …); the figure printed right after a phrase is the claim.
3. :class:`~extractor.names.IndicatorNames`: a sentence names an indicator when it holds most of the indicator's name
   (words weighted by how few indicators share them). A claim belongs to the indicator its sentence
   names, or to the one named by the item it sits under ("1. Indikator …" then "a. … Target …").
4. :func:`claim_year`: the year printed in the phrase, else the nearest year of the sentence, else of
   the paragraph; without one, the report year (and a mismatch is only a warning).
5. The claim is compared with the measurement of that indicator and year at the claim's printed
   precision (:mod:`extractor.verify.precision`); "29.2 %" and "29,2" are equal.

Conservative by design: a sentence naming two indicators links none, a claim without an indicator or
a measured figure is skipped. Every finding is a ``warning`` resting on an interpretation: which
indicator, year and field a sentence's figure is about is read from its words, not printed beside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

from ..model import Figure, Finding, Indicator, Measurement, Provenance
from ..errors import PatternDataError
from ..patterns import PATTERNS_DIR, load_lines
from ..names import AMBIGUOUS, IndicatorNames
from ..prose import YEAR_IN_PROSE, YEAR_RANGE, Paragraph, sentences
from ..read.base import Line
from . import Context, figures_in, grade, part, places_of, subject_label
from .precision import judge, printed
from .token_rules import Rules
from .tokenizer import make_doc, tokenizer

CODE = "narrative_mismatch"
FIELDS = ("target", "realization", "achievement")  # the labels of narrative.jsonl that mark a claim
CONTEXT_PARAGRAPHS = 6  # how far an item naming an indicator carries it to the paragraphs below
COMPARABLE_TABLES = ("performance_measurement", "year_comparison")  # evidence good enough to compare with
_NUMBERED_ITEM = re.compile(r"^[\s\-–•*]*\d{1,2}\s*[.)]?\s*(?:[a-z][.)]\s*)?(?=\S)")
_LATER_LETTER = re.compile(r"^[\s\-–•*]*[b-z][.)]\s")  # "- c. …": the same item goes on after a table
_DIGIT = re.compile(r"\d")
_LEAD = re.compile(r"[\s(*:]*")
_FIGURE_CLOSE = re.compile(r"[\s%)]*")          # what may stand between a claim's figure and a ratio marker
_NOT_A_SINGLE_FIGURE = re.compile(r"\s*[-–]\s*\d|\s+\d+\s+\d+\b")  # a range, a run of column numbers
# labels of narrative.jsonl besides FIELDS: phrases that look like claims but are not (a negation, an average
# over indicators: "rata-rata capaian"), and other marks
LABELS = {"negated", "not_a_claim", "ratio", "regulation", "indicator_mention", "aggregate"}
MARKERS_AFTER = ("ratio", "not_a_claim")  # phrases that make the figure before them a ratio ("… dari target")


@lru_cache(maxsize=1)
def rules() -> Rules:
    """Return the claim-phrase rules of ``patterns/narrative.jsonl`` (validated and compiled once).

    >>> [(e.label, e.start, e.end) for e in rules().entities(make_doc("dengan capaian kinerja 97%"))]
    [('achievement', 1, 3)]
    """
    path = str(PATTERNS_DIR / "narrative.jsonl")
    found = Rules.from_rows(load_lines("narrative"), path)
    bad = sorted(set(found.labels) - set(FIELDS) - LABELS)
    if bad:
        raise PatternDataError(path, f"unknown labels {bad}")
    return found


# ------------------------------------------------------------------ phrases: the rules run only where one can be


class Phrase(NamedTuple):
    """A phrase the EntityRuler marks: its label, its span (characters and first token), the years in it."""

    label: str
    start_char: int
    end_char: int
    start: int                # index of its first token
    years: tuple[int, ...]    # four-digit tokens inside the phrase ("target … tahun 2023 adalah")


def may_hold(text: str, labels) -> bool:
    """Say whether a text may hold a phrase of one of the labels: a token of it may be one of their opening
    words (:meth:`.tokenizer.Tokenizer.may_hold`: False is certain, True only possible).

    >>> may_hold("Pada Indikator Kinerja Utama", ["indicator_mention"]), may_hold("Pada tahun 2023", FIELDS)
    (True, False)
    >>> sorted(rules().openings_of(["indicator_mention"]))
    ['iku', 'indicator', 'indikator']
    """
    words = rules().openings_of(labels)
    return words is None or tokenizer().may_hold(text, words)


@lru_cache(maxsize=4096)
def phrases(text: str) -> tuple[Phrase, ...]:
    """Given a text, return the phrases the EntityRuler marks in it, in order (cached per text).

    The matcher runs only when a token of the text is a word some phrase opens with.

    >>> [(p.label, p.start_char, p.end_char, p.years) for p in phrases("target tahun 2023 adalah 5 dari total")]
    [('target', 0, 24, (2023,)), ('ratio', 27, 37, ())]
    """
    doc = make_doc(text)
    openings = rules().openings_of(rules().labels)
    if openings is not None and not any(token.lower_ in openings for token in doc):
        return ()
    return tuple(Phrase(ent.label, ent.start_char, ent.end_char, ent.start,
                        tuple(int(t.text) for t in doc[ent.start:ent.end] if t.shape_ == "dddd"))
                 for ent in rules().entities(doc))


# ------------------------------------------------------------------ claims in a sentence


@dataclass(frozen=True)
class Claim:
    """A figure stated for a field: the phrase and the figure, as a span of the text."""

    field: str          # target | realization | achievement
    figure: Figure
    start: int          # start of the phrase
    end: int            # end of the figure (and of its closing parenthesis)
    figure_start: int
    cue_year: int | None  # a year printed inside the phrase ("target … tahun 2023 adalah")


def find_claims(text: str) -> list[Claim]:
    """Given a sentence, return the target / realisasi / capaian figures it states, in order.

    >>> [(c.field, c.figure.raw, c.cue_year) for c in find_claims(
    ...     "Target yang ditetapkan tahun 2023 adalah 73% realisasi sebesar 92,08% tercapai 126% atau")]
    [('target', '73%', 2023), ('realization', '92,08%', None), ('achievement', '126%', None)]
    >>> [(c.field, c.figure.raw) for c in find_claims("capaian kinerja Tahun 2023 (550%) dibagi dengan")]
    [('achievement', '550%')]
    >>> find_claims("capaian tahun 2023 menurun sebesar 1,3% dan tidak tercapai 100%, realisasi 2023 Rp 5.000")
    []
    >>> find_claims("realisasi kinerja sebesar 102,1 % dari target yang ditetapkan")
    []
    """
    if not _DIGIT.search(text) or not may_hold(text, FIELDS):  # no figure, or no claim phrase
        return []
    claims = []
    found_phrases = phrases(text)
    markers = [p.start_char for p in found_phrases if p.label in MARKERS_AFTER]
    for phrase in found_phrases:
        if phrase.label not in FIELDS:
            continue
        found = _figure_after(text, phrase.end_char)
        if found is None or any(_FIGURE_CLOSE.fullmatch(text[found[2]:m]) for m in markers if m >= found[2]):
            continue
        figure, start, end = found
        years = phrase.years
        claims.append(Claim(phrase.label, figure, phrase.start_char, end, start, years[-1] if years else None))
    return claims


def _figure_after(text: str, pos: int) -> tuple[Figure, int, int] | None:
    """Given the end of a claim phrase, return (figure, start, end) printed right after it, or None.

    None for money, a year, a range or a run of column numbers.

    >>> _figure_after("target 2 (dua) naskah", 6)[0].value, _figure_after("adalah (100%), dan", 6)[2]
    (Decimal('2'), 13)
    >>> _figure_after("target Rp 5.000", 6), _figure_after("Capaian 1 2 3", 7), _figure_after("tahun 2021-2026", 5)
    (None, None, None)
    """
    lead = _LEAD.match(text, pos)
    start = lead.end()
    found = figures_in(text[start:start + 60])
    if not found or found[0][0] != 0:
        return None
    _, length, figure = found[0]
    end = start + length
    rest = text[end:]
    if (figure.unit == "Rp" or figure.value is None or _NOT_A_SINGLE_FIGURE.match(rest)
            or (figure.unit is None and not figure.decimals and 1900 <= figure.value <= 2100)):
        return None
    if "(" in text[pos:start] and rest[:1] == ")":
        end += 1
    return figure, start, end


# ------------------------------------------------------------------ prose as paragraphs and sentences


# ------------------------------------------------------------------ which indicator a sentence names


# ------------------------------------------------------------------ which year a claim is about


def years_in(text: str) -> list[tuple[int, int]]:
    """Given text, return (offset, year) of each year in it, leaving out ranges and regulations.

    >>> years_in("Renstra 2021-2026, Permendagri nomor 18 tahun 2020; pada tahun 2022 target 47%")
    [(63, 2022)]
    """
    years = list(YEAR_IN_PROSE.finditer(text))
    if not years:
        return []
    skip = [m.span() for m in YEAR_RANGE.finditer(text)]
    if may_hold(text, ["regulation"]):
        skip += [(p.start_char, p.end_char) for p in phrases(text) if p.label == "regulation"]
    return [(m.start(), int(m.group(1))) for m in years if not any(a <= m.start() < b for a, b in skip)]


def claim_year(claim: Claim, sentence: str, before: str) -> int | None:
    """Given a claim, its sentence (offsets relative to it) and the paragraph before the sentence,
    return the year the claim is about, or None.

    >>> s = "Bila dibandingkan dengan realisasi tahun 2022 sebesar 100% atau tercapai sebesar 100%"
    >>> [claim_year(c, s, "") for c in find_claims(s)]
    [2022, 2022]
    """
    if claim.cue_year:
        return claim.cue_year
    years = years_in(sentence)
    earlier = [y for offset, y in years if offset < claim.start]
    later = [y for offset, y in years if offset >= claim.end]
    if earlier or later:
        return earlier[-1] if earlier else later[0]
    previous = years_in(before)
    return previous[-1][1] if previous else None


# ------------------------------------------------------------------ the rule


@dataclass(frozen=True)
class LinkedClaim:
    """A claim with the indicator and year it is about, and where it stands."""

    claim: Claim
    indicator: Indicator
    year: int | None
    text: str        # the sentence
    line: Line


class IndicatorSentence(NamedTuple):
    """A sentence of the prose with the indicator it, or the item above it, is about."""

    paragraph: Paragraph
    offset: int          # where the sentence starts in the paragraph's text
    text: str
    indicator: Indicator


def indicator_sentences(ctx: Context) -> list[IndicatorSentence]:
    """Given the context, return each sentence that it or the item above it ties to one indicator (found
    once per report: the narrative and the claims rules read the same sentences)."""
    return ctx.once("indicator_sentences", lambda: list(_indicator_sentences(ctx)))


def indicator_names(ctx: Context) -> IndicatorNames:
    """Given the context, return the names of the agency's own indicators (IKU), which the prose analyses, as
    :class:`~extractor.names.IndicatorNames` (weighed once per report: the narrative and claims rules ask them)."""
    return ctx.once("indicator_names", lambda: IndicatorNames([i for i in ctx.report.indicators if i.level == "agency"]))


def _indicator_sentences(ctx: Context) -> Iterator[IndicatorSentence]:
    names = indicator_names(ctx)
    context, age = None, 0
    for paragraph in ctx.paragraphs():
        age += 1
        if _resets(paragraph, age):
            context = None
        nameless = not names.may_name(paragraph.text)  # most paragraphs: no sentence of it names one
        if nameless and context is None:
            continue  # each sentence would be passed over below
        for offset, sentence in sentences(paragraph):
            named = None if nameless else names.named(sentence)
            if named is None and context is None:
                continue  # nothing to end: whether it opens on an indicator does not matter
            if named is AMBIGUOUS or (named is None and _mentions_indicator(sentence)):
                context = None
                continue
            if named is not None:
                context, age = named, 0
            if context is None:
                continue
            yield IndicatorSentence(paragraph, offset, sentence, context)


def linked_claims(ctx: Context) -> Iterator[LinkedClaim]:
    """Given the context, yield each claim that a sentence or the item above it ties to one indicator."""
    for paragraph, offset, sentence, context in indicator_sentences(ctx):
        for claim in find_claims(sentence):
            year = claim_year(claim, sentence, paragraph.text[:offset])
            yield LinkedClaim(claim, context, year, sentence, paragraph.line_at(offset + claim.figure_start))


def _resets(paragraph: Paragraph, age: int) -> bool:
    """True when a paragraph ends the reach of the indicator named above it: after a heading, far
    below, at a new numbered item, or after a table unless it goes on with a lettered item ("c.")."""
    return (paragraph.after == "heading" or age > CONTEXT_PARAGRAPHS or bool(_NUMBERED_ITEM.match(paragraph.text))
            or (paragraph.after == "table" and not _LATER_LETTER.match(paragraph.text)))


def _mentions_indicator(sentence: str) -> bool:
    """True when a sentence opens on an indicator without naming one ("b. Indikator Kinerja Sasaran :
    Kualitas …", "Pada Indikator Kinerja Utama secara keseluruhan …").

    >>> _mentions_indicator("- b. Indikator Kinerja Sasaran : Kualitas")
    True
    >>> _mentions_indicator("Target capaian indikator kinerja sasaran pada Tahun 2022")
    False
    """
    if not may_hold(" ".join(sentence.split(None, 5)[:5]), ["indicator_mention"]):  # its first five tokens lie in there
        return False
    for phrase in phrases(sentence):
        if phrase.label in FIELDS or phrase.start > 4:
            return False
        if phrase.label == "indicator_mention":
            return True
    return False


def check(ctx: Context) -> Iterator[Finding]:
    """Given the context, yield a ``narrative_mismatch`` for each stated figure the tables contradict."""
    if not ctx.report.indicators:  # nothing to compare with; spare loading the pipeline (seconds)
        return
    year = ctx.report.report_year
    for linked in linked_claims(ctx):
        finding = judge_claim(ctx, linked, year)
        if finding is not None:
            yield finding


def measured(ctx: Context, indicator: Indicator, year: int | None,
             field_name: str) -> list[tuple[Measurement, Figure]]:
    """Given an indicator, a year and a field, return the table figures to compare a claim with.

    The measurement's own figure; when its table prints none (a measurement table without the last
    year's target), the figures of the measurement and year-comparison tables among its evidence.
    """
    measurement = next((m for m in indicator.measurements if m.year == year), None)
    if measurement is None:
        return []
    candidates = [measurement]
    if getattr(measurement, field_name) is None:
        kinds = {t.caption: t.kind for t in ctx.tables if t.caption}
        candidates = [e for e in measurement.evidence if kinds.get(e.provenance.table) in COMPARABLE_TABLES]
    return [(m, getattr(m, field_name)) for m in candidates
            if getattr(m, field_name) is not None and getattr(m, field_name).value is not None
            and getattr(m, field_name).unit != "Rp"]


def agrees(stated: Figure, table: Figure) -> bool:
    """Given a stated figure and the table's, say whether they agree at the precision either prints.

    >>> from extractor.numbers import parse_figure as p
    >>> agrees(p("103%"), p("103,2")), agrees(p("29,2 Persen"), p("29.2")), agrees(p("0.00%"), p("0%"))
    (True, True, True)
    >>> agrees(p("75,07%"), p("75")), agrees(p("100%"), p("133%"))
    (True, False)
    """
    return judge(stated, table.value).consistent or judge(table, stated.value).consistent


def _same_kind(stated: Figure, table: Figure) -> bool:
    """False when one figure is a percentage and the other is not, unless they are equal: "target 20
    JP per tahun" is not the indicator's "5%".

    >>> from extractor.numbers import parse_figure as p
    >>> _same_kind(p("20"), p("5%")), _same_kind(p("100"), p("100%")), _same_kind(p("29,2 persen"), p("29.2"))
    (False, True, True)
    """
    return (stated.unit == "%") == (table.unit == "%") or stated.value == table.value


def judge_claim(ctx: Context, linked: LinkedClaim, report_year: int | None) -> Finding | None:
    """Given a linked claim, return its finding, or None when the tables agree or hold nothing."""
    claim, indicator = linked.claim, linked.indicator
    year = linked.year or report_year
    found = [(m, f) for m, f in measured(ctx, indicator, year, claim.field) if _same_kind(claim.figure, f)]
    if not found or any(agrees(claim.figure, figure) for _, figure in found):
        return None
    measurement, table_figure = found[0]
    others = [e for e in measurement.evidence
              if getattr(e, claim.field) is not None and agrees(claim.figure, getattr(e, claim.field))]
    where = measurement.provenance.table or "the measurement table"
    label = subject_label(claim.field)
    stated_at = Provenance(file=ctx.report.source.path, line=linked.line.number, page=linked.line.page,
                           row=linked.text[claim.start:claim.end])
    places = places_of(stated_at, measurement.provenance)
    doubt = "which indicator, year and field the sentence's figure is about"
    if linked.year is None:
        doubt += " (the sentence names no year: the report year is taken)"
    severity, basis, why = grade(ctx, [claim.figure, table_figure], places, doubt)
    expected = f"{printed(table_figure)} ({label} {year} in {where}, line {measurement.provenance.line})"
    if others:
        expected += f"; {others[0].provenance.table or 'another table'} prints {printed(claim.figure)}"
    return Finding(
        code=CODE, severity=severity, basis=basis,
        message=f"The text gives the {label} {year} of \"{_short(indicator.name)}\" as "
                f"{printed(claim.figure)} where {where} has {printed(table_figure)}{why}.",
        subject=f"{label} {year}, {indicator.name}", subject_kind="indicator", subject_id=indicator.id,
        field=claim.field, year=year, stated_value=claim.figure.value, expected_value=table_figure.value,
        formula=f"{label} {year} as the tables print it",
        parts=[part(f"{label} {year} ({where})", table_figure, measurement.provenance)], places=places,
        stated=linked.text[claim.start:claim.end], expected=expected,
        provenance=Provenance(file=ctx.report.source.path, line=linked.line.number, page=linked.line.page))


def _short(name: str, limit: int = 70) -> str:
    return name if len(name) <= limit else name[:limit].rsplit(" ", 1)[0] + " …"
