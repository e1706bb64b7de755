"""Counts in prose: "6 (enam) Sasaran Strategis", "8 (delapan) Indikator", "4 Program yang terdiri dari 14
Kegiatan" against what the report lists at that level.

A count claim is a number (digits, optionally with its words in parentheses) followed by a counted
noun of ``patterns/counts.yaml``. Each claim is compared with the counts the report gives for its kind
(:mod:`.count_sources`: sasaran, the agency's IKU, the goals' indicators, tujuan, programs, kegiatan,
sub kegiatan) and with the items of a list printed right after the sentence ("I. Program …",
"1. Kegiatan …", "- Sub kegiatan …"). Two claims of one sentence are read together:

* an IKU count after a count of tujuan may count the goals' indicators (``may_mean``), so it is
  compared with both levels;
* a kegiatan or sub kegiatan count after a program count counts those programs' children
  (``parents``): with the programs read in full, or without the support program when that is how the
  program count reads.

A kegiatan or sub kegiatan count after a program count is compared first with the listings of as many
programs (annex budget tables, programs described in the prose: ``Count.programs``).

A claim that matches a count of its reading is consistent. Otherwise the finding is an ``error`` (basis
"arithmetic") only when the level and the listing are certain: every count agrees and one of them is
certain (not read from a layout or a scan), the claim is not ambiguous, and a list that follows proves
itself complete (another count of the sentence agrees with it; it is then what the sentence counts). It is a ``warning`` when the level or the referent is a matter of interpretation (basis
"interpretation") or the items come from a table hierarchy read by the outline or from a scan (basis
"reading").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from .. import patterns
from ..model import Finding, FindingPart, Provenance
from ..terbilang import count_claims
from ..read.base import Line
from ..prose import sentences
from ..structure import match_caption
from . import Context, core_words, count_sources, figures_in, folded, rule_word
from .count_sources import Count

CODE = "count_mismatch"
KEYS = {"nouns", "other_things_after", "not_after", "labels", "support_program_words", "goal_indicator_headers",
        "parents", "may_mean", "summary_rows"}
KINDS = {"objectives", "indicators", "programs", "goals", "activities", "sub_activities", "goal_indicators",
         "program_indicators"}
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")
_ITEM = re.compile(r"^[\s\-–•❖▪●*]*(?:(?:\d{1,3}|[IVXLivxl]{1,5}|[a-zA-Z])[.)])?[\s\-–•❖▪●*]*")


@dataclass(frozen=True)
class CountClaim:
    """A count stated in a line of prose."""

    start: int
    end: int
    value: int
    kind: str
    raw: str  # number, words and noun as printed: "6 (enam) Sasaran Strategis"


@lru_cache(maxsize=1)
def count_data() -> dict:
    """Return ``patterns/counts.yaml``, checked against its whitelist (cached).

    >>> count_data()["nouns"]["sub kegiatan"]
    'sub_activities'
    """
    data = patterns.load("counts")
    patterns.require_keys("counts", data, KEYS, KEYS)
    bad = sorted(set(data["nouns"].values()) - KINDS)
    if bad:
        from ..errors import PatternDataError
        raise PatternDataError(str(patterns.PATTERNS_DIR / "counts.yaml"), f"unknown kinds {bad}")
    return data


@lru_cache(maxsize=1)
def _noun_re() -> re.Pattern:
    """The counted nouns, longest first, at the start of the text after a number."""
    nouns = sorted(count_data()["nouns"], key=len, reverse=True)
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    return re.compile(rf"\s*(?:\([^()]{{1,60}}\)\s*)?(?P<noun>{alternation})\b(?P<rest>\s*[\w-]*)", re.I)


@lru_cache(maxsize=1)
def _noun_openings() -> tuple[str, ...]:
    """The first words of the counted nouns, lower case, but those holding another (every noun :func:`_noun_re`
    finds holds one)."""
    return core_words(noun.split()[0].lower() for noun in count_data()["nouns"])  # "sub" for "subkegiatan"


def _may_name_noun(text: str) -> bool:
    """Say whether a text may hold a counted noun (False is certain; a cheap test before the patterns).

    >>> _may_name_noun("ditetapkan 3 PROGRAM"), _may_name_noun("Tahun 2023 sebesar 97%")
    (True, False)
    """
    text = folded(text)
    return any(word in text for word in _noun_openings())


def noun_after(text: str, kind_only: bool = False) -> tuple[str, int] | None:
    """Given the text right after a number, return (kind, end of the noun) or None.

    >>> noun_after(" (enam) Sasaran Strategis /Kinerja Utama")
    ('objectives', 25)
    >>> noun_after(" Sub kegiatan"), noun_after(" indikator kegiatan"), noun_after(" tahun"), noun_after(" Sasaran 1")
    (('sub_activities', 13), None, None, None)
    >>> noun_after(" indikator program")
    ('program_indicators', 18)
    """
    m = _noun_re().match(text)
    if not m:
        return None
    noun = " ".join(m["noun"].lower().split())
    kind = count_data()["nouns"][noun]
    after = m["rest"].strip().lower()
    if after[:1].isdigit():  # "1 Sasaran 1": a label, not a count
        return None
    if after and any(after.startswith(w) for w in count_data()["other_things_after"].get(kind, [])):
        return None
    return kind, m.end("noun")


def find_count_claims(text: str) -> list[CountClaim]:
    """Given a line of prose, return every count claim in it.

    >>> for claim in find_count_claims("ditetapkan 3(tiga) Program, 20 (dua puluh) Kegiatan dan 69 Sub Kegiatan"):
    ...     print(claim.value, claim.kind, repr(claim.raw))
    3 programs '3(tiga) Program'
    20 activities '20 (dua puluh) Kegiatan'
    69 sub_activities '69 Sub Kegiatan'
    >>> [(c.value, c.kind) for c in find_count_claims("melaksanakan 4 Program yang terdiri dari 14 Kegiatan")]
    [(4, 'programs'), (14, 'activities')]
    >>> [(c.value, c.raw) for c in find_count_claims("14 (empat belas) Kegiatan dan (40) Sub Kegiatan")]
    [(14, '14 (empat belas) Kegiatan'), (40, '(40) Sub Kegiatan')]
    >>> find_count_claims("misi ke 4 tujuan, Tahun 2023 Program, 5 tahun, 97,5 program, 5(3|1 PROGRAM")
    []
    """
    first = _DIGITS.search(text)
    if first is None or not _may_name_noun(text[first.start():]):  # a claim is digits, then a counted noun after them
        return []
    return _count_claims(text)


def _count_claims(text: str) -> list[CountClaim]:
    """:func:`find_count_claims` of a text, without its screen."""
    spans = {start: end for start, end, *_ in count_claims(text)}
    for start, end, figure in figures_in(text):
        if start not in spans and figure.unit is None and not figure.decimals:
            spans[start] = end
    claims = []
    for start, end in sorted(spans.items()):
        digits = _DIGITS.match(text, start, end)
        if not digits or int(digits.group()) >= 1000 or _after_stop_word(text[:start]) or not _free(text, start):
            continue
        value = int(digits.group())
        if text[start - 1:start] == "(" and text[end:end + 1] == ")":  # "(40) Sub Kegiatan": the number alone in brackets
            start, end = start - 1, end + 1
        found = noun_after(text[end:])
        if found:
            kind, noun_end = found
            claims.append(CountClaim(start, end + noun_end, value, kind, text[start:end + noun_end].strip()))
    return claims


def _free(text: str, start: int) -> bool:
    """True when a number stands on its own: at the start, after a space or an opening parenthesis
    (not inside a code such as ``5(3|1``)."""
    before = text[max(0, start - 2):start]
    return start == 0 or before[-1].isspace() or (before[-1] == "(" and not before[:-1].isalnum())


def _after_stop_word(before: str) -> bool:
    """True when the word before a number makes it an ordinal or a reference ("ke 4", "Nomor 34")."""
    words = _WORD.findall(before[-20:].lower())
    return bool(words) and before.rstrip()[-1:].isalpha() and words[-1] in count_data()["not_after"]


# ------------------------------------------------------------------ what the report holds


def label(kind: str) -> str:
    """Given a kind, return its name in findings.

    >>> label("objectives")
    'sasaran strategis'
    """
    return count_data()["labels"][kind]


def report_counts(ctx: Context, kind: str) -> list[Count]:
    """Given the context and a kind, return the counts the report gives for it (computed once per report)."""
    return ctx.once(("counts", kind), lambda: count_sources.report_counts(ctx, kind, count_data()))


# ------------------------------------------------------------------ a list printed after the sentence


@lru_cache(maxsize=1)
def _item_re() -> re.Pattern:
    """A list item: a marker (``I.``, ``1.``, ``-``, ``❖``) then a counted noun, glued or not."""
    nouns = sorted(count_data()["nouns"], key=len, reverse=True)
    alternation = "|".join(re.escape(n).replace(r"\ ", r"\s*") for n in nouns)
    return re.compile(rf"{_ITEM.pattern}(?P<noun>{alternation})", re.I)


def item_kind(text: str) -> str | None:
    """Given a line, return the kind of the list item it is, or None.

    >>> item_kind(" - Sub kegiatanPenyusunan"), item_kind("3. KegiatanAdministrasi"), item_kind("- I. ProgramPenunjang")
    ('sub_activities', 'activities', 'programs')
    >>> item_kind("Adapun Perjanjian Kinerja"), item_kind("1. Urusan pemerintahan bidang kesehatan")
    (None, None)
    """
    m = _item_re().match(text)
    if not m:
        return None
    return count_data()["nouns"].get(" ".join(rule_word("sub_glued").sub("sub ", m["noun"]).lower().split()))


def list_after(lines: list[Line], index: int) -> dict[str, list[Line]]:
    """Given lines and the index of a line ending with ":", return the items of the list printed after
    it, by kind ({} when no list follows). A short line between items is a wrapped item, not the end
    of the list; a table's caption ends it (its title may open with a counted noun)."""
    body = [line for line in lines[index + 1:index + 800] if line.text.strip()]
    items: dict[str, list[Line]] = {}
    for i, line in enumerate(body):
        kind = None if line.is_row or len(line.text) > 300 else item_kind(line.text)
        if kind:
            items.setdefault(kind, []).append(line)
            continue
        following = body[i + 1] if i + 1 < len(body) else None
        wrapped = items and len(line.text) <= 80 and not line.is_row and not match_caption(line)
        if wrapped and following and item_kind(following.text):
            continue
        break
    return items


def list_count(path: str, kind: str, items: list[Line], span: tuple[int, int]) -> Count:
    """Given the items of one kind of a list, return its count (items named by their line, as printed)."""
    parts = tuple(FindingPart(label=line.text.strip(), provenance=Provenance(file=path, line=line.number,
                                                                                page=line.page))
                  for line in items)
    return Count(len(items), label(kind), f"lines {span[0]}-{span[1]}", parts, listed=True, after=True)


# ------------------------------------------------------------------ the rule


def claim_sentences(ctx: Context) -> Iterator[tuple[list[tuple[CountClaim, Line]], bool, Line]]:
    """Given the context, yield each sentence of prose that states counts: its claims (each with the line
    it was read from), whether it introduces a list (the paragraph's last sentence, ending with ":"), and
    the paragraph's last line. A sentence wrapped over several lines (a PDF, a scan) is read whole."""
    nouns = ctx.paragraphs_holding(_noun_openings())
    for k, paragraph in enumerate(ctx.paragraphs()):
        if k not in nouns or _DIGITS.search(paragraph.text) is None:
            continue  # no sentence of it holds a claim (:func:`find_count_claims` tests each the same way)
        parts = list(sentences(paragraph))
        for k, (offset, sentence) in enumerate(parts):
            claims = find_count_claims(sentence)
            if claims:
                introduces = k == len(parts) - 1 and sentence.rstrip().endswith(":")
                yield ([(claim, paragraph.line_at(offset + claim.start)) for claim in claims], introduces,
                       paragraph.lines[-1][1])


def check(ctx: Context) -> Iterator[Finding]:
    """Given the context, yield a ``count_mismatch`` finding for each count the report contradicts."""
    index: dict[int, int] = {}  # by id: line numbers may repeat (PDF rows); made at the first list
    for placed, introduces, last in claim_sentences(ctx):
        if introduces and not index:
            index = {id(line): i for i, line in enumerate(ctx.document.lines)}
        listed = list_after(ctx.document.lines, index[id(last)]) if introduces else {}
        claims = [claim for claim, _ in placed]
        for claim, line in placed:
            finding = judge_claim(ctx, line, claim, claims, listed)
            if finding:
                yield finding


@dataclass
class Reading:
    """The counts a claim is compared with, and what makes it uncertain."""

    counts: list[Count]  # the counts of the claim's reading, a list that follows first
    others: list[Count]  # counts of another reading of the sentence (programs in full / without support)
    ambiguous: bool = False  # the claim may mean another level ("6 Tujuan dengan 6 IKU")
    proven: bool = False  # the list that follows agrees with another count of the sentence


def reading_of(ctx: Context, claim: CountClaim, claims: list[CountClaim], listed: dict[str, list[Line]]) -> Reading:
    """Given a claim, the other claims of its sentence and the list after it, return what it is compared with."""
    data = count_data()
    counts = list(report_counts(ctx, claim.kind))
    ambiguous = False
    before = {c.kind: c for c in claims if c.start < claim.start}
    for kind, meant in data["may_mean"].get(claim.kind, {}).items():
        if kind in before:
            counts += report_counts(ctx, meant)
            ambiguous = True
    others: list[Count] = []
    parent = before.get(data["parents"].get(claim.kind))
    spanning = [c for c in counts if parent and c.programs == parent.value]
    if spanning:  # the listings of as many programs as the sentence counts
        others = [c for c in counts if c.programs is not None and c.programs != parent.value]
        counts = spanning
    elif parent:
        readings = {c.reading for c in report_counts(ctx, parent.kind) if c.value == parent.value}
        if readings:
            others = [c for c in counts if c.reading not in readings]
            counts = [c for c in counts if c.reading in readings]
    proven = False
    if claim.kind in listed:
        lines = [line for items in listed.values() for line in items]
        span = (min(x.number for x in lines), max(x.number for x in lines))
        counts.insert(0, list_count(ctx.report.source.path, claim.kind, listed[claim.kind], span))
        proven = any(len(listed.get(c.kind, ())) == c.value for c in claims)
    return Reading(counts, others, ambiguous, proven)


def judge_claim(ctx: Context, line: Line, claim: CountClaim, claims: list[CountClaim],
                listed: dict[str, list[Line]]) -> Finding | None:
    """Given a claim and what its sentence lists after it, return its finding, or None when consistent."""
    reading = reading_of(ctx, claim, claims, listed)
    if not reading.counts or any(c.value == claim.value for c in reading.counts):
        return None
    primary = [c for c in reading.counts if not c.alternative] or reading.counts
    if reading.proven:  # the list that follows is what the sentence counts
        primary = [c for c in primary if c.after] or primary
    listed_only = all(c.listed for c in primary)
    mixed = any(c.value == claim.value for c in reading.others)
    basis = "arithmetic"
    if mixed or reading.ambiguous or len({c.value for c in primary}) > 1 or (listed_only and not reading.proven):
        basis = "interpretation"
    elif all(c.uncertain for c in primary):  # every listing agrees: one certain listing (codes) decides
        basis = "reading"
    chosen = primary[0]
    place = Provenance(file=ctx.report.source.path, line=line.number, page=line.page, confidence=line.confidence)
    return Finding(
        code=CODE, severity="error" if basis == "arithmetic" else "warning", basis=basis,
        message=_message(claim, primary, [c for c in reading.others if c.value == claim.value], basis),
        subject=f"Jumlah {label(claim.kind)}", subject_kind="report", field="count",
        stated=claim.raw, expected="; ".join(c.describe() for c in primary),
        stated_value=Decimal(claim.value), expected_value=Decimal(chosen.value), formula=chosen.formula(),
        parts=list(chosen.items), places=_places(place, chosen), provenance=place)


def _places(place: Provenance, count: Count) -> list[Provenance]:
    """The stated count's place first, then each counted item's, once each."""
    out = [place]
    for part in count.items:
        if part.provenance and part.provenance not in out:
            out.append(part.provenance)
    return out


WHY = {
    "interpretation": " (depends on which level or list the sentence counts)",
    "reading": " (depends on how the tables were read: the levels of a budget table, or a scan)",
    "arithmetic": "",
}


def _message(claim: CountClaim, counts: list[Count], others: list[Count], basis: str) -> str:
    """Given a claim, the counts it contradicts, the counts of another reading that it matches (the
    programs in full where the sentence counts them without the support program, or the reverse) and
    the basis, return the finding's sentence.

    >>> _message(CountClaim(0, 9, 7, "activities", "7 Kegiatan"), [Count(17, "kegiatan", "lines 1-9", listed=True, after=True)], [], "arithmetic")
    'The text counts 7 kegiatan where the list that follows holds 17.'
    """
    holder = "the list that follows holds" if all(c.after for c in counts) else "the report lists"
    values = " or ".join(str(v) for v in sorted({c.value for c in counts}))
    text = f"The text counts {claim.value} {label(claim.kind)} where {holder} {values}"
    if others:
        text += f" for the programs it counts; {claim.value} is the count of {others[0].describe()}"
    return text + WHY[basis] + "."
