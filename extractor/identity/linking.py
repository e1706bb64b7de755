"""Cross-year linking: the same indicator (or program) of one agency in several years' reports gets one key.

Linking reads small records (:class:`NameRecord`: uid, agency key, year, name, unit, level), never whole
reports, so the dataset writer can keep them while it streams reports out. Within each agency, years
are taken in order; each year's records are assigned to the series of earlier years (at most one
record per series and year: :func:`.assignment.best_assignment`) by the similarity of their
folded names, with the level and the unit as guards. A record no series takes starts a new one.

Each :class:`Link` keeps its ``score`` (0–100) and ``method``: ``new`` (the first of its series),
``exact`` (the same folded name), ``fuzzy`` (similar enough) or ``override`` (the user said so). A user
overrides links with ``links_override.yaml`` or ``links_override.csv`` in the dataset folder
(:func:`read_overrides`): ``force`` two uids into one series, or ``forbid`` them to share one.

The result does not depend on the order of the records: they are sorted by content first. A series'
key is a digest of its earliest record's level and folded name, so it stays the same over rebuilds and
as later years are added; a report of an earlier year added afterwards re-keys the series it starts.
"""
from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Iterable, Literal, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from rapidfuzz import fuzz

from ..errors import OverrideFileError
from ..model import Indicator, Program
from .assignment import best_assignment
from .folding import UNKNOWN, data, digest, fold_name
from .keys import indicator_unit

LINK_SCORE = 80.0   # name_score of two folded names from which they are one indicator
OWN_WORDS_ALIKE = 75.0  # similarity the words only one name has must reach to be a misspelling of the other's
FORCED = 1000.0     # the weight of a forced pair in the assignment: above any similarity
LENGTH_SLACK = 4    # letters an OCR fold (rn → m) may change: the length bound stays an upper bound
RECENT = 0.01       # at equal similarity, the series seen most recently takes the record (a tie-break only)
OVERRIDE_FILES = ("links_override.yaml", "links_override.yml", "links_override.csv")
Method = Literal["new", "exact", "fuzzy", "override"]


@dataclass(frozen=True, slots=True)
class NameRecord:
    """What linking needs of one indicator (or program) of one report."""

    uid: str
    agency_key: str
    year: int | None
    name: str
    unit: str | None = None
    level: str = "agency"


@dataclass(frozen=True, slots=True)
class Link:
    """Where one record went: its series ``key``, how (``method``), how alike (``score``), and the
    record of an earlier year it was linked to (``matched_uid``; None for the first of a series)."""

    uid: str
    key: str
    score: float | None
    method: Method
    matched_uid: str | None = None


@dataclass(frozen=True)
class Overrides:
    """Pairs of uids a user forced into one series or forbade from sharing one."""

    force: frozenset[frozenset[str]] = frozenset()
    forbid: frozenset[frozenset[str]] = frozenset()


def indicator_record(uid: str, agency_key: str, year: int | None, indicator: Indicator) -> NameRecord:
    """Given an indicator's uid, its agency's key and the report year, return what linking needs of it."""
    return NameRecord(uid, agency_key, year, indicator.name, indicator_unit(indicator), indicator.level)


def program_record(uid: str, agency_key: str, year: int | None, program: Program) -> NameRecord:
    """Given a program's uid, its agency's key and the report year, return what linking needs of it."""
    return NameRecord(uid, agency_key, year, program.name, None, "program")


@lru_cache(maxsize=65536)
def _comparable_word(word: str) -> str:
    """Given a folded word, return it with the OCR confusions of ``agencies.yaml`` undone (comparison only).

    >>> _comparable_word("larna"), _comparable_word("sek0lah"), _comparable_word("2023")
    ('lama', 'sekolah', '2023')
    """
    if sum(c.isalpha() for c in word) < 2:
        return word
    for read, meant in data()["ocr_confusions"]:
        word = word.replace(read, meant)
    return word


def _pair_misspellings(own_a: list[str], own_b: list[str]) -> tuple[float, list[str], list[str]]:
    """Pair the words only one name has with their misspellings in the other, most alike first.

    Returns the characters the pairs share (their similarity times their mean length) and the words
    left unpaired on each side.
    """
    candidates = sorted(((fuzz.ratio(a, b), i, j) for i, a in enumerate(own_a) for j, b in enumerate(own_b)),
                        key=lambda c: (-c[0], c[1], c[2]))
    used_a, used_b, shared = set(), set(), 0.0
    for similarity, i, j in candidates:
        if similarity < OWN_WORDS_ALIKE or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        shared += similarity / 100 * (len(own_a[i]) + len(own_b[j])) / 2
    return (shared, [w for i, w in enumerate(own_a) if i not in used_a],
            [w for j, w in enumerate(own_b) if j not in used_b])


@lru_cache(maxsize=262144)
def name_score(a: str, b: str) -> float:
    """Given two folded names, return how alike they are (0–100): the share of their letters in words
    they share, a misspelt word counted by how alike it is; word order does not matter.

    The words one name has and the other lacks, and that are no misspelling of each other, must be
    alike themselves, else the names differ however long the words they share: "… pengelolaan
    persampahan …" is not "… pengelolaan pendidikan …".

    >>> name_score("cakupan imunisasi dasar lengkap", "cakupan imunisasi lengkap dasar")
    100.0
    >>> name_score("persentase pengaduan yang diselesaikan", "persentase pnegaduan yang diselesaiakn") >= LINK_SCORE
    True
    >>> name_score("kegiatan pengelolaan persampahan tepat waktu", "kegiatan pengelolaan pendidikan tepat waktu") < LINK_SCORE
    True
    >>> name_score("indeks kepuasan masyarakat", "indeks kepuasan masyarakat terhadap pelayanan kesehatan") < LINK_SCORE
    True
    """
    words_a = Counter(map(_comparable_word, a.split()))
    words_b = Counter(map(_comparable_word, b.split()))
    total = sum(len(w) * n for w, n in words_a.items()) + sum(len(w) * n for w, n in words_b.items())
    if not total:
        return 0.0
    common = sum(len(w) * n for w, n in (words_a & words_b).items())
    shared, left_a, left_b = _pair_misspellings(sorted((words_a - words_b).elements()),
                                                sorted((words_b - words_a).elements()))
    score = 100 * 2 * (common + shared) / total
    if left_a and left_b:
        return min(score, fuzz.ratio(" ".join(left_a), " ".join(left_b)))
    return score


# ------------------------------------------------------------------ overrides

class _OverrideRow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["force", "forbid"]
    uid: str
    other: str
    note: str | None = None


def _rows_of(path: Path) -> list:
    """The raw rows of an override file: a YAML list of mappings, or CSV with a header."""
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            return [{k: v for k, v in row.items() if v not in (None, "")} for row in csv.DictReader(fh)]
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise OverrideFileError(str(path), f"not valid YAML: {exc}") from None
    if loaded is None:
        return []
    if isinstance(loaded, dict) and set(loaded) == {"links"}:
        loaded = loaded["links"]
    if not isinstance(loaded, list):
        raise OverrideFileError(str(path), "expected a list of {action, uid, other} entries")
    return loaded


def read_overrides(where: str | Path) -> Overrides:
    """Given a dataset folder (or an override file), return the user's overrides; none if there is no file.

    Each entry is ``{action: force|forbid, uid: …, other: …, note: …}`` (YAML list, or CSV with those
    columns). Every bad entry is named at once (error E011). A forced pair wins over any similarity and
    over the unit and level guards, but a series still holds one record per year: forcing together two
    records of one year (or a record into a series that already has its year) is not possible and has
    no effect.
    """
    path = Path(where)
    if path.is_dir():
        found = [path / name for name in OVERRIDE_FILES if (path / name).is_file()]
        if not found:
            return Overrides()
        path = found[0]
    rows, problems = [], []
    for number, raw in enumerate(_rows_of(path), start=1):
        try:
            rows.append(_OverrideRow.model_validate(raw))
        except ValidationError as exc:
            problems.append(f"entry {number}: " + "; ".join(
                f"{'.'.join(map(str, e['loc'])) or '(entry)'}: {e['msg']}" for e in exc.errors()))
    if problems:
        raise OverrideFileError(str(path), "; ".join(problems))
    pairs = {action: frozenset(frozenset((r.uid, r.other)) for r in rows if r.action == action)
             for action in ("force", "forbid")}
    return Overrides(pairs["force"], pairs["forbid"])


# ------------------------------------------------------------------ linking

@dataclass
class _Series:
    """The records linked so far into one series, by year."""

    members: dict[int | None, NameRecord] = field(default_factory=dict)

    @property
    def first(self) -> NameRecord:
        return self.members[min(self.members, key=lambda y: (y is not None, y or 0))]


def _guards_pass(record: NameRecord, other: NameRecord) -> bool:
    """Same level, and the same unit when both are known."""
    if record.level != other.level:
        return False
    return record.unit is None or other.unit is None or record.unit == other.unit


def _pair(record: NameRecord, series: _Series, overrides: Overrides) -> tuple[float, float, Method, str] | None:
    """How a record would join a series: (weight, score, method, matched uid), or None if it may not."""
    best: tuple[float, float, Method, str] | None = None
    folded = fold_name(record.name)
    for member in series.members.values():
        pair = frozenset((record.uid, member.uid))
        if pair in overrides.forbid:
            return None
        other = fold_name(member.name)
        if pair in overrides.force:
            score = 100.0 if folded == other else name_score(folded, other)
            return FORCED + score, score, "override", member.uid
        if not _guards_pass(record, member) or not _may_reach(folded, other):
            continue
        score = 100.0 if folded == other else name_score(folded, other)
        if score < LINK_SCORE:
            continue
        method: Method = "exact" if folded == other else "fuzzy"
        if best is None or score > best[1]:
            best = (score, score, method, member.uid)
    if best is None:
        return None
    latest = max((y for y in series.members if y is not None), default=None)
    nearness = RECENT / (1 + abs((record.year or 0) - latest)) if latest is not None and record.year else 0.0
    return (best[0] + nearness, *best[1:])


def _may_reach(a: str, b: str) -> bool:
    """Whether names this long may reach :data:`LINK_SCORE` at all (a cheap bound before :func:`name_score`).

    >>> _may_reach("indeks", "indeks kepuasan masyarakat terhadap pelayanan")
    False
    """
    shorter, longer = sorted((len(a.replace(" ", "")), len(b.replace(" ", ""))))
    return 200 * (shorter + LENGTH_SLACK) / (shorter + longer + LENGTH_SLACK) >= LINK_SCORE


def _sort_key(record: NameRecord) -> tuple:
    return (record.year is None, record.year or 0, record.level, fold_name(record.name), record.uid)


def _link_agency(records: list[NameRecord], overrides: Overrides, kind: str) -> list[Link]:
    """Link the records of one agency; return a Link per record."""
    series: list[_Series] = []
    found: dict[str, tuple[int, float | None, Method, str | None]] = {}
    by_year = groupby(sorted(records, key=_sort_key), key=lambda r: r.year)
    for year, group in by_year:
        group = list(group)
        if year is None:  # a record with no year cannot be placed in a series
            for record in group:
                series.append(_Series({None: record}))
                found[record.uid] = (len(series) - 1, None, "new", None)
            continue
        open_series = [i for i, s in enumerate(series) if year not in s.members and None not in s.members]
        options = [[_pair(record, series[i], overrides) for i in open_series] for record in group]
        weights = [[o[0] if o else 0.0 for o in row] for row in options]
        taken = dict(best_assignment(weights))
        for r, record in enumerate(group):
            if r in taken:
                index = open_series[taken[r]]
                _, score, method, matched = options[r][taken[r]]
                series[index].members[year] = record
                found[record.uid] = (index, score, method, matched)
            else:
                series.append(_Series({year: record}))
                found[record.uid] = (len(series) - 1, None, "new", None)
    keys = _series_keys(series, kind)
    return [Link(uid, keys[index], None if score is None else round(score, 2), method, matched)
            for uid, (index, score, method, matched) in found.items()]


def _unlinked(records: list[NameRecord], kind: str) -> list[Link]:
    """Each record a series of its own (its agency or region unknown, it cannot be followed over the years)."""
    series = [_Series({r.year: r}) for r in sorted(records, key=_sort_key)]
    keys = _series_keys(series, kind)
    return [Link(s.first.uid, key, None, "new", None) for s, key in zip(series, keys)]


def _series_keys(series: list[_Series], kind: str) -> list[str]:
    """Each series' key: its agency, the kind, and a digest of its first record's level and folded name."""
    keys, seen = [], defaultdict(int)
    for s in series:
        first = s.first
        base = f"{first.agency_key}/{kind}/{digest(first.level, fold_name(first.name))}"
        seen[base] += 1
        keys.append(base if seen[base] == 1 else f"{base}~{seen[base]}")
    return keys


def _link(records: Iterable[NameRecord | Mapping], overrides: Overrides | None, kind: str) -> list[Link]:
    records = [r if isinstance(r, NameRecord) else NameRecord(**r) for r in records]
    uids = [r.uid for r in records]
    if len(set(uids)) != len(uids):
        raise ValueError("each record needs its own uid (see identity.numbered)")
    overrides = overrides or Overrides()
    links: list[Link] = []
    for agency, group in groupby(sorted(records, key=lambda r: r.agency_key), key=lambda r: r.agency_key):
        if UNKNOWN in agency.split("/"):  # reports whose agency or region was not read are not one agency
            links.extend(_unlinked(list(group), kind))
        else:
            links.extend(_link_agency(list(group), overrides, kind))
    order = {uid: i for i, uid in enumerate(uids)}
    return sorted(links, key=lambda link: order[link.uid])


def link_indicators(records: Iterable[NameRecord | Mapping], overrides: Overrides | None = None) -> list[Link]:
    """Given indicator records (any order, any agencies), return one :class:`Link` per record, in their order.

    Records may be :class:`NameRecord` or mappings with its fields. Links never cross agencies, so
    the records of one agency at a time give the same links as all of them at once.
    """
    return _link(records, overrides, "i")


def link_programs(records: Iterable[NameRecord | Mapping], overrides: Overrides | None = None) -> list[Link]:
    """Given program records (see :func:`program_record`), return one :class:`Link` per record."""
    return _link(records, overrides, "p")
