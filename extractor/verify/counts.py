"""Counts in prose: "6 (enam) Sasaran Strategis", "8 (delapan) Indikator", "3 (Tiga) Program".

A count claim is a number (digits, optionally with its words in parentheses) followed by a counted
noun of ``patterns/counts.yaml``. Each claim is compared with what the report holds:

* objectives (*sasaran strategis*): ``report.objectives``, else the distinct objectives of each
  measurement table;
* indicators: ``report.indicators`` of the agency's level (IKU; not programs' or kegiatan's indicators);
* programs: ``report.programs`` and the distinct programs of each program or sasaran budget table
  (a count that leaves out the agency's support program, *penunjang*, is accepted too);
* goals (*tujuan*): ``report.goals`` and the distinct goals of each table that names them;
* any kind: the items of a list printed right after the sentence ("I. Program …", "1. Kegiatan …",
  "- Sub kegiatan …"); *kegiatan* and *sub kegiatan* can only be counted this way.

A claim that matches any of these counts is consistent. Otherwise the finding is an ``error`` when
every count agrees, and a ``warning`` when the counts disagree among themselves or the claim is
ambiguous (indicators counted beside *tujuan* may be the goals' indicators; a list that does not
prove itself complete).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from .. import patterns
from ..model import Finding, Provenance
from ..terbilang import count_claims
from ..read.base import Line
from ..structure import is_listing
from ..names import same_name
from . import Context, figures_in, rule_word

CODE = "count_mismatch"
KEYS = {"nouns", "other_things_after", "not_after", "labels", "list_only", "support_program_words"}
KINDS = {"objectives", "indicators", "programs", "goals", "activities", "sub_activities"}
PROGRAM_TABLES = ("program_budget", "objectives_budget")  # one row per program (or per sasaran and program)
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


@dataclass(frozen=True)
class Count:
    """A count the report holds, and where it comes from."""

    value: int
    where: str  # "6 sasaran strategis in Tabel 3.1.1 …"
    alternative: bool = False  # another reading of the same table (programs without the support program)


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


def noun_after(text: str, kind_only: bool = False) -> tuple[str, int] | None:
    """Given the text right after a number, return (kind, end of the noun) or None.

    >>> noun_after(" (enam) Sasaran Strategis /Kinerja Utama")
    ('objectives', 25)
    >>> noun_after(" Sub kegiatan"), noun_after(" indikator program"), noun_after(" tahun"), noun_after(" Sasaran 1")
    (('sub_activities', 13), None, None, None)
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
    >>> find_count_claims("misi ke 4 tujuan, Tahun 2023 Program, 5 tahun, 97,5 program, 5(3|1 PROGRAM")
    []
    """
    spans = {start: end for start, end, *_ in count_claims(text)}
    for start, end, figure in figures_in(text):
        if start not in spans and figure.unit is None and not figure.decimals:
            spans[start] = end
    claims = []
    for start, end in sorted(spans.items()):
        digits = _DIGITS.match(text, start, end)
        if not digits or int(digits.group()) >= 1000 or _after_stop_word(text[:start]) or not _free(text, start):
            continue
        found = noun_after(text[end:])
        if found:
            kind, noun_end = found
            claims.append(CountClaim(start, end + noun_end, int(digits.group()), kind,
                                     text[start:end + noun_end].strip()))
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
    """Given the context and a kind, return the counts the report's tables give for it."""
    report = ctx.report
    if kind in count_data()["list_only"]:
        return []
    agency = [i for i in report.indicators if i.level == "agency"]  # a program's indicators are not IKU
    if kind == "indicators" and agency:
        return [Count(len(agency), f"{len(agency)} {label(kind)} in {_primary(report)}")]
    if kind == "objectives":
        if report.objectives:
            where = next((o.provenance.table for o in report.objectives if o.provenance and o.provenance.table),
                         None) or _primary(report)
            return [Count(len(report.objectives), f"{len(report.objectives)} {label(kind)} in {where}")]
        return _table_counts(ctx, "objective", kind, kinds=("performance_measurement",))
    if kind == "goals":
        found = [Count(len(report.goals), f"{len(report.goals)} {label(kind)} in the report's tables")] \
            if report.goals else []
        return found + _table_counts(ctx, "goal", kind)
    if kind == "programs":
        return _program_counts(ctx)
    return []


def _primary(report) -> str:
    """The caption of the measurement table the report's indicators come from."""
    for indicator in report.indicators:
        for m in indicator.measurements:
            if m.provenance.table:
                return m.provenance.table
    return "the measurement table"


def _distinct(names: Iterable[str | None]) -> list[str]:
    """Given names, return them without repeats (two printings of one name count once).

    >>> _distinct(["Program PIAK", "Program  PIAK", None, "Program Pencatatan Sipil"])
    ['Program PIAK', 'Program Pencatatan Sipil']
    """
    out: list[str] = []
    for name in names:
        if name and not any(same_name(name, seen) for seen in out):
            out.append(name)
    return out


def _caption(table) -> str:
    return table.caption or f"the table at line {table.line}"


def _table_counts(ctx: Context, field: str, kind: str, kinds: tuple[str, ...] | None = None) -> list[Count]:
    """Distinct goals or objectives (``field``: goal | objective) of each table that names them."""
    out = []
    for table in ctx.tables:
        if kinds and table.kind not in kinds:
            continue
        names = _distinct(getattr(row, field) for row in table.indicator_rows())
        if names:
            out.append(Count(len(names), f"{len(names)} {label(kind)} in {_caption(table)}"))
    return out


def _program_counts(ctx: Context) -> list[Count]:
    """Distinct programs of each budget table and of ``report.programs``; also without *penunjang*."""
    support = count_data()["support_program_words"]
    lists = [(_programs_table(ctx.report), [p.name for p in ctx.report.programs])]
    for table in ctx.tables:
        if table.kind in PROGRAM_TABLES and table.column("allocation") is not None:
            lists.append((_caption(table), [row.program for row in table.program_rows()]))
    out = []
    for where, names in lists:
        names = _distinct(names)
        if not names:
            continue
        out.append(Count(len(names), f"{len(names)} program in {where}"))
        core = [n for n in names if not any(w in n.lower() for w in support)]
        if 0 < len(core) < len(names):
            out.append(Count(len(core), f"{len(core)} program in {where} without the support program", True))
    return out


def _programs_table(report) -> str:
    table = report.programs[0].provenance.table if report.programs else None
    return f"the report's programs ({table})" if table else "the report's programs"


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


def list_after(lines: list[Line], index: int) -> tuple[dict[str, int], int, int] | None:
    """Given lines and the index of a line ending with ":", return the list printed after it.

    Returns (count per kind, first line number, last line number), or None when no list follows.
    A short line between items is a wrapped item, not the end of the list.
    """
    body = [line for line in lines[index + 1:index + 800] if line.text.strip()]
    counts: dict[str, int] = {}
    first = last = None
    for i, line in enumerate(body):
        kind = None if line.is_row or len(line.text) > 300 else item_kind(line.text)
        if kind:
            counts[kind] = counts.get(kind, 0) + 1
            first, last = first or line.number, line.number
            continue
        following = body[i + 1] if i + 1 < len(body) else None
        if first and len(line.text) <= 80 and not line.is_row and following and item_kind(following.text):
            continue
        break
    return (counts, first, last) if counts else None


# ------------------------------------------------------------------ the rule


def prose_lines(ctx: Context) -> Iterator[tuple[int, Line]]:
    """Given the context, yield (index, line) for every line of prose (no table rows, no listings)."""
    for i, (line, section) in enumerate(zip(ctx.document.lines, ctx.sections())):
        if line.text.strip() and not line.is_row and not is_listing(section):
            yield i, line


def check(ctx: Context) -> Iterator[Finding]:
    """Given the context, yield a ``count_mismatch`` finding for each count the report contradicts."""
    cache: dict[str, list[Count]] = {}
    for index, line in prose_lines(ctx):
        claims = find_count_claims(line.text)
        if not claims:
            continue
        listed = list_after(ctx.document.lines, index) if line.text.rstrip().endswith(":") else None
        for claim in claims:
            if claim.kind not in cache:
                cache[claim.kind] = report_counts(ctx, claim.kind)
            counts = list(cache[claim.kind])
            if listed and claim.kind in listed[0]:
                n, first, last = listed[0][claim.kind], listed[1], listed[2]
                counts.append(Count(n, f"{n} {label(claim.kind)} listed in lines {first}-{last}"))
            finding = judge_claim(ctx, line, claim, claims, counts, listed)
            if finding:
                yield finding


def judge_claim(ctx: Context, line: Line, claim: CountClaim, claims: list[CountClaim],
                counts: list[Count], listed) -> Finding | None:
    """Given a claim and the counts the report holds, return its finding, or None when consistent."""
    if not counts or any(c.value == claim.value for c in counts):
        return None
    primary = [c for c in counts if not c.alternative]
    severity = "error"
    if len({c.value for c in primary}) > 1 or _ambiguous(claim, claims):
        severity = "warning"
    elif all(_is_list(c) for c in primary) and not _list_proven(claims, listed):
        severity = "warning"
    return Finding(
        code=CODE, severity=severity, message=_message(claim, primary), subject=f"Jumlah {label(claim.kind)}",
        stated=claim.raw, expected="; ".join(c.where for c in primary),
        provenance=Provenance(file=ctx.report.source.path, line=line.number, page=line.page))


def _message(claim: CountClaim, counts: list[Count]) -> str:
    """Given a claim and the counts it contradicts, return the finding's sentence.

    >>> _message(CountClaim(0, 9, 7, "activities", "7 Kegiatan"), [Count(17, "17 kegiatan listed in lines 1-9")])
    'The text counts 7 kegiatan where the list that follows holds 17.'
    """
    holder = "the list that follows holds" if all(_is_list(c) for c in counts) else "the tables hold"
    values = " or ".join(str(v) for v in sorted({c.value for c in counts}))
    return f"The text counts {claim.value} {label(claim.kind)} where {holder} {values}."


def _is_list(count: Count) -> bool:
    return " listed in lines " in count.where


def _ambiguous(claim: CountClaim, claims: list[CountClaim]) -> bool:
    """Indicators counted after goals in the same line may be the goals' indicators."""
    return claim.kind == "indicators" and any(c.kind == "goals" and c.start < claim.start for c in claims)


def _list_proven(claims: list[CountClaim], listed) -> bool:
    """A list proves itself complete when it agrees with another count of the same sentence."""
    if not listed:
        return False
    return any(listed[0].get(c.kind) == c.value for c in claims)
