"""Agencies and regions: every printed form of an agency's name folded to one key.

A region is a kind (*Kota*, *Kabupaten*, *Provinsi*) and a name: ``region_key("Kab. Kampar")`` is
``kabupaten-kampar``. An agency's name loses the region it is printed with ("Sekretariat Daerah Kota
Dumai"), then is looked up among the known forms of ``patterns/agencies.yaml`` (full names, acronyms
such as BKPSDM, Disdukcapil, Setda, Dinsos PMD, the name without its head word *Dinas*/*Badan*/…, and
an OCR misreading close enough); a *Kecamatan*/*Kelurahan* keeps its place's name; any other name
keeps its folded form.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .folding import UNKNOWN, data, fold_name, slug

# ------------------------------------------------------------------ regions

@lru_cache(maxsize=1)
def _kind_forms() -> dict[str, str]:
    """Every printed form of a region kind (after folding) → the canonical kind."""
    return {fold_name(form): kind for kind, forms in data()["region_kinds"].items() for form in [kind, *forms]}


def _region_words(region: str | None) -> list[str]:
    """Given a region as printed, return its folded words with the kind made canonical, lead words dropped."""
    lead = {fold_name(w) for w in data()["region_lead"]}
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


def _split_region(words: list[str], region: str | None) -> tuple[list[str], list[str]]:
    """Given an agency name's folded words, return them without the region they start or end with
    ("… Kota Dumai"), and that region's words (kind made canonical; empty when there is none)."""
    kinds = _kind_forms()
    lead = {fold_name(w) for w in data()["region_lead"]}
    not_after = {fold_name(w) for w in data()["region_not_after"]}
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
                return words[:cut], tail
    return words, []


def region_in_name(name: str | None) -> str | None:
    """Given an agency's name as printed, return the region it ends with, folded, if any.

    >>> region_in_name("Dinas Kesehatan Kabupaten Kepulauan Meranti"), region_in_name("Dinas Kesehatan")
    ('kabupaten kepulauan meranti', None)
    """
    _, tail = _split_region(fold_name(name).split(), None)
    return " ".join(tail) or None


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
    heads = {fold_name(h) for h in data()["generic_heads"]}
    if len(words) > data()["min_core_words"] and words[0] in heads:
        return " ".join(words[1:])
    return None


def _form_key(folded: str) -> str:
    """A folded name's words in sorted order: the order of a name's parts does not tell agencies apart.

    >>> _form_key("dinas perindustrian perdagangan") == _form_key("dinas perdagangan perindustrian")
    True
    """
    return " ".join(sorted(folded.split()))


@lru_cache(maxsize=1)
def _known_forms() -> dict[str, dict]:
    """Every known agency form, folded (and folded without its head), its words sorted → the agency's entry."""
    table: dict[str, dict] = {}
    for entry in data()["agencies"]:
        for form in [entry["name"], entry["acronym"], *entry["forms"]]:
            folded = fold_name(form)
            table.setdefault(_form_key(folded), entry)
            core = _without_head(folded)
            if core:
                table.setdefault(_form_key(core), entry)
    return table


def _lookup(folded: str) -> dict | None:
    """Given a folded agency name without its region, return its known entry, if any."""
    table = _known_forms()
    core = _without_head(folded)
    for form in (folded, core):
        if form and _form_key(form) in table:
            return table[_form_key(form)]
    settings = data()
    if len(folded) < settings["fuzzy_agency_min_length"]:
        return None
    best, score = None, 0.0
    for form, entry in table.items():
        s = fuzz.ratio(_form_key(folded), form)
        if s > score:
            best, score = entry, s
    return best if score >= settings["fuzzy_agency_score"] else None


def _place(folded: str) -> AgencyName | None:
    """A place's agency (*Kecamatan X*, *Kelurahan X*): its head and the place's name."""
    words = folded.split()
    heads = {fold_name(h) for h in data()["place_heads"]}
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
    >>> normalise_agency("Dinas Pertanian dan Ketahanan Pangan Kabupaten Siak")
    AgencyName(key='dinas-pertanian-ketahanan-pangan', name='Dinas Pertanian dan Ketahanan Pangan', acronym=None, known=False)
    """
    words, _ = _split_region(fold_name(name).split(), region)
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

    A report whose region was not read is placed by the region its agency's name ends with.

    >>> agency_key("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) Kota Dumai", "Kota Dumai")
    'kota-dumai/bkpsdm'
    >>> agency_key("Sekretariat Daerah Kota Dumai", None)
    'kota-dumai/setda'
    """
    region = region or region_in_name(name)
    return f"{region_key(region)}/{normalise_agency(name, region).key}"
