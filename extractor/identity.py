"""Identity: ids derived from a report's content, and agency and region names folded to one key.

Every id here is computed from what the report says (agency, region, year, names) and the hash of the
file's content, never from a position, a file name or the order in which reports were read, so a
rebuild on another machine gives the same ids. Names are folded first (:func:`fold_name`: case,
punctuation, connectives, the spellings and abbreviations of ``patterns/agencies.yaml``).

How the dataset writer uses it (one report at a time, streaming)::

    from extractor import identity
    rkey = identity.report_key(report)           # report.agency, .region, .report_year, .source.sha256
    akey = identity.agency_key(report.agency, report.region)
    agency = identity.normalise_agency(report.agency, report.region)   # .key .name .acronym .known
    uids = identity.indicator_uids(rkey, report.indicators)            # one per indicator, in order
    puids = identity.program_uids(rkey, report.programs)
    records += [identity.indicator_record(uid, akey, report.report_year, ind)
                for uid, ind in zip(uids, report.indicators)]          # small: uid, agency, year, name, unit, level

then, once every report is written (or agency by agency: links never cross agencies)::

    links = identity.link_indicators(records, identity.read_overrides(dataset_dir))
    # Link(uid, key, score, method, matched_uid) per record: the `links` table; `key` is the
    # indicator_key that joins one indicator's rows over the years

The same for programs: :func:`program_record`, :func:`link_programs`. Linking lives in
:mod:`extractor.linking` and is re-exported here.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz import fuzz

from .model import Indicator, Program, Report
from .patterns import load
from .tables import fold_label

NON_WORD = regex.compile(r"[^\p{L}\p{N}%]+")
DIGEST_CHARS = 10  # hex characters of a name's digest in an id (40 bits: no collision in any one report)
SHA_CHARS = 8      # hex characters of the content hash that tell two reports of one agency and year apart
UNKNOWN = "unknown"


def _data() -> dict:
    return load("agencies")


@lru_cache(maxsize=1)
def _variants() -> tuple[tuple[regex.Pattern, str], ...]:
    """The word variants as (pattern over folded words, replacement), longest variant first."""
    pairs = [(NON_WORD.sub(" ", v.lower()).strip(), canonical)
             for canonical, forms in _data()["word_variants"].items() for v in forms]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple((regex.compile(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(v)}(?![\p{{L}}\p{{N}}])"), c)
                 for v, c in pairs)


def _drop_echoed_acronyms(words: list[str]) -> list[str]:
    """Given folded words, drop a word that is the initials of the words just before it.

    >>> _drop_echoed_acronyms("indeks kepuasan masyarakat ikm 2023".split())
    ['indeks', 'kepuasan', 'masyarakat', '2023']
    """
    out: list[str] = []
    for word in words:
        n = len(word)
        if n >= 2 and len(out) >= n and "".join(w[0] for w in out[-n:]) == word:
            continue
        out.append(word)
    return out


@lru_cache(maxsize=16384)
def fold_name(name: str | None) -> str:
    """Given a name as printed, return its folded form: the form two printings of one name share.

    Lowercase, letter-spaced OCR words closed up, punctuation made spaces, the connectives dropped,
    the spellings and abbreviations of ``agencies.yaml`` replaced, an acronym after its words dropped.

    >>> fold_name("PROSENTASE  Pengaduan Masyarakat yg diselesaikan;")
    'persentase pengaduan masyarakat yang diselesaikan'
    >>> fold_name("Indeks Kepuasan Masyarakat (IKM)")
    'indeks kepuasan masyarakat'
    >>> fold_name("Dinas Koperasi & UKM")
    'dinas koperasi usaha kecil menengah'
    """
    if not name:
        return ""
    text = NON_WORD.sub(" ", fold_label(unicodedata.normalize("NFKC", name))).strip()
    for pattern, canonical in _variants():
        text = pattern.sub(canonical, text)
    connectives = {c.lower() for c in _data()["connectives"]}
    words = [w for w in text.split() if w not in connectives]
    return " ".join(_drop_echoed_acronyms(words))


def slug(folded: str) -> str:
    """Given a folded name, return it as an id part: ASCII letters and digits joined by ``-``.

    >>> slug("kecamatan dumai kota")
    'kecamatan-dumai-kota'
    >>> slug("")
    'unknown'
    """
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    parts = regex.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(parts) or UNKNOWN


def digest(*parts: object) -> str:
    """Given the parts an id is derived from, return a short stable hash of them (not Python's ``hash``).

    >>> digest("a", 1) == digest("a", 1) != digest("a", 2)
    True
    """
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=DIGEST_CHARS // 2).hexdigest()


# ------------------------------------------------------------------ regions

@lru_cache(maxsize=1)
def _kind_forms() -> dict[str, str]:
    """Every printed form of a region kind (after folding) → the canonical kind."""
    return {fold_name(form): kind for kind, forms in _data()["region_kinds"].items() for form in [kind, *forms]}


def _region_words(region: str | None) -> list[str]:
    """Given a region as printed, return its folded words with the kind made canonical, lead words dropped."""
    lead = {fold_name(w) for w in _data()["region_lead"]}
    words = [w for w in fold_name(region).split() if w not in lead]
    return [_kind_forms().get(w, w) if i == 0 else w for i, w in enumerate(words)]


def region_key(region: str | None) -> str:
    """Given a region (*Kota/Kabupaten/Provinsi* and a name), return its key.

    >>> region_key("Kota Dumai"), region_key("PEMERINTAH KOTA DUMAI"), region_key("Kab. Kampar")
    ('kota-dumai', 'kota-dumai', 'kabupaten-kampar')
    >>> region_key(None)
    'unknown'
    """
    return slug(" ".join(_region_words(region)))


def _strip_region(words: list[str], region: str | None) -> list[str]:
    """Given an agency name's folded words, remove the region it starts or ends with ("… Kota Dumai")."""
    kinds = _kind_forms()
    lead = {fold_name(w) for w in _data()["region_lead"]}
    not_after = {fold_name(w) for w in _data()["region_not_after"]}
    known = _region_words(region) if region else []
    for skip in (1, 0):
        head = words[skip:skip + len(known)]
        if known and head == known and (skip == 0 or words[0] in lead) and len(words) > skip + len(known):
            words = words[skip + len(known):]
            break
    for start in range(1, len(words)):
        if words[start] not in kinds or words[start - 1] in not_after:
            continue
        tail = [kinds[words[start]]] + words[start + 1:]
        if (known and tail == known) or 1 < len(tail) <= 4:
            cut = start - 1 if words[start - 1] in lead else start
            if cut >= 1:
                return words[:cut]
    return words


# ------------------------------------------------------------------ agencies

@dataclass(frozen=True)
class AgencyName:
    """An agency's name folded: its ``key`` (stable id part), canonical ``name``, ``acronym`` and whether
    the name was found among the known forms (``known``)."""

    key: str
    name: str
    acronym: str | None
    known: bool


def _without_head(folded: str) -> str | None:
    """Given a folded agency name, return it without its generic head word, if enough words remain."""
    words = folded.split()
    heads = {fold_name(h) for h in _data()["generic_heads"]}
    if len(words) > _data()["min_core_words"] and words[0] in heads:
        return " ".join(words[1:])
    return None


@lru_cache(maxsize=1)
def _known_forms() -> dict[str, dict]:
    """Every known agency form, folded (and folded without its head) → the agency's entry."""
    table: dict[str, dict] = {}
    for entry in _data()["agencies"]:
        for form in [entry["name"], entry["acronym"], *entry["forms"]]:
            folded = fold_name(form)
            table.setdefault(folded, entry)
    for folded, entry in list(table.items()):
        core = _without_head(folded)
        if core:
            table.setdefault(core, entry)
    return table


def _lookup(folded: str) -> dict | None:
    """Given a folded agency name without its region, return its known entry, if any."""
    table = _known_forms()
    if folded in table:
        return table[folded]
    core = _without_head(folded)
    if core and core in table:
        return table[core]
    data = _data()
    if len(folded) < data["fuzzy_agency_min_length"]:
        return None
    best, score = None, 0.0
    for form, entry in table.items():
        s = fuzz.ratio(folded, form)
        if s > score:
            best, score = entry, s
    return best if score >= data["fuzzy_agency_score"] else None


def _place(folded: str) -> AgencyName | None:
    """A place's agency (*Kecamatan X*, *Kelurahan X*): its head and the place's name."""
    words = folded.split()
    heads = {fold_name(h) for h in _data()["place_heads"]}
    if len(words) >= 2 and words[0] in heads:
        name = " ".join(w.title() for w in words)
        return AgencyName(slug(folded), name, None, True)
    return None


@lru_cache(maxsize=4096)
def normalise_agency(name: str | None, region: str | None = None) -> AgencyName:
    """Given an agency's name as printed (and its region), return its key and canonical name.

    >>> normalise_agency("Sekretariat Daerah Kota Dumai", "Kota Dumai").key
    'setda'
    >>> normalise_agency("BKPSDM").name
    'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
    >>> normalise_agency("Kec. Dumai Kota", "Kota Dumai").key
    'kecamatan-dumai-kota'
    >>> normalise_agency("Dinas Perikanan Kabupaten Siak")
    AgencyName(key='dinas-perikanan', name='Dinas Perikanan', acronym=None, known=False)
    """
    words = _strip_region(fold_name(name).split(), region)
    folded = " ".join(words)
    if not folded:
        return AgencyName(UNKNOWN, "", None, False)
    entry = _lookup(folded)
    if entry:
        return AgencyName(entry["key"], entry["name"], entry["acronym"], True)
    place = _place(folded)
    if place:
        return place
    return AgencyName(slug(folded), _printed_without_region(name, words), None, False)


def _printed_without_region(name: str, words: list[str]) -> str:
    """The printed name (its case kept) cut to the folded ``words`` kept: the region's words removed.

    >>> _printed_without_region("Pemerintah Kota Dumai Dinas Tata Kota dan Pertamanan Kota Dumai",
    ...                         ["dinas", "tata", "kota", "pertamanan"])
    'Dinas Tata Kota dan Pertamanan'
    """
    printed = name.split()
    folded = [fold_name(token).split() for token in printed]
    flat = [w for f in folded for w in f]
    for start in range(len(printed)):
        done = sum(len(f) for f in folded[:start])
        if flat[done:done + len(words)] == words:
            end, count = start, 0
            while end < len(printed) and count < len(words):
                count += len(folded[end])
                end += 1
            return " ".join(printed[start:end])
    return " ".join(printed)


def agency_key(name: str | None, region: str | None) -> str:
    """Given an agency's name and region as printed, return its key: region key, then agency key.

    >>> agency_key("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Kota Dumai", "Kota Dumai")
    'kota-dumai/bkpsdm'
    """
    return f"{region_key(region)}/{normalise_agency(name, region).key}"


# ------------------------------------------------------------------ reports, indicators, programs

def report_key(report: Report) -> str:
    """Given a report, return its key: agency key, report year, and the start of its content hash.

    The hash part tells apart two reports of one agency and year (a revision, a second rendering)
    and does not depend on the file's name or on which other reports were read.
    """
    year = report.report_year if report.report_year is not None else UNKNOWN
    return f"{agency_key(report.agency, report.region)}/{year}/{report.source.sha256[:SHA_CHARS]}"


def indicator_uid(report_key: str, indicator: Indicator) -> str:
    """Given a report's key and one of its indicators, return the indicator's id (level, program, name).

    Two indicators of one report with the same folded name, level and program get the same uid here;
    :func:`indicator_uids` numbers such repeats.
    """
    return f"{report_key}/i/{digest(indicator.level, fold_name(indicator.program), fold_name(indicator.name))}"


def program_uid(report_key: str, program: Program) -> str:
    """Given a report's key and one of its programs, return the program's id (its folded name)."""
    return f"{report_key}/p/{digest(fold_name(program.name))}"


def activity_uid(program_uid: str, name: str, level: str = "activity") -> str:
    """Given its program's uid and a kegiatan's (or sub kegiatan's) name, return the activity's id."""
    return f"{program_uid}/a/{digest(level, fold_name(name))}"


def numbered(uids: list[str]) -> list[str]:
    """Given ids in document order, return them with repeats numbered (``…~2``) so that each is unique.

    >>> numbered(["a", "b", "a"])
    ['a', 'b', 'a~2']
    """
    seen: Counter[str] = Counter()
    out = []
    for uid in uids:
        seen[uid] += 1
        out.append(uid if seen[uid] == 1 else f"{uid}~{seen[uid]}")
    return out


def indicator_uids(report_key: str, indicators: list[Indicator]) -> list[str]:
    """Given a report's key and its indicators, return their ids, unique within the report."""
    return numbered([indicator_uid(report_key, i) for i in indicators])


def program_uids(report_key: str, programs: list[Program]) -> list[str]:
    """Given a report's key and its programs, return their ids, unique within the report."""
    return numbered([program_uid(report_key, p) for p in programs])


@lru_cache(maxsize=1)
def _unit_forms() -> dict[str, str]:
    """Every listed printing of a unit (folded) → its canonical unit (``units.yaml``)."""
    out = {}
    for canonical, forms in load("units")["units"].items():
        for form in [canonical, *forms]:
            out[str(form).lower().strip()] = canonical
    return out


def unit_key(unit: str | None) -> str | None:
    """Given a unit as printed, return its canonical form (``units.yaml``), None when there is none.

    >>> unit_key("Persen"), unit_key("%"), unit_key(" Dokumen "), unit_key(None)
    ('%', '%', 'dokumen', None)
    """
    if not unit or not unit.strip():
        return None
    text = " ".join(unit.lower().split())
    return _unit_forms().get(text, text)


def indicator_unit(indicator: Indicator) -> str | None:
    """Given an indicator, return its unit: the one stated, else the commonest unit of its figures."""
    if indicator.unit:
        return unit_key(indicator.unit)
    units = Counter(unit_key(f.unit) for m in indicator.measurements
                    for f in (m.target, m.realization) if f is not None and f.unit)
    return units.most_common(1)[0][0] if units else None


def __getattr__(name: str):
    """The linking API (the functions and classes of :mod:`extractor.linking`), importable from here too."""
    from . import linking
    found = getattr(linking, name, None)
    if not name.startswith("_") and getattr(found, "__module__", None) == linking.__name__:
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
