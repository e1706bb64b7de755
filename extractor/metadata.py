"""Who reports, for where and for which year: agency, region, report year.

Names are found by counting: the agency is the most frequent name that starts with an agency word
(*Dinas*, *Badan*, *Sekretariat*, *Kecamatan* … in ``patterns/report.yaml``); the region the most
frequent *Kota/Kabupaten X*; the year the most frequent *Tahun 20xx*, the title page counting double.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from .patterns import load
from .read.base import Line


@lru_cache(maxsize=1)
def _patterns():
    data = load("report")
    heads = sorted(data["agency_heads"], key=len, reverse=True)
    word = r"(?:\p{Lu}[\p{L}.'-]*|" + "|".join(map(regex.escape, data["agency_connectives"])) + ")"
    agency = regex.compile(r"\b(?P<name>(?:" + "|".join(map(regex.escape, heads)) + r")(?:\s+" + word + r")*)")
    kinds = "|".join(data["region_kinds"])
    region = regex.compile(r"\b(?P<kind>" + kinds + r")\s+(?P<place>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2})")
    markers = [regex.compile(p, regex.I) for p in data["report_markers"]]
    return (agency, set(data["agency_stop"]), region, set(data["region_stop"]),
            regex.compile(data["year_pattern"]), data["title_lines"], markers, data["min_hits"],
            set(data["region_kinds"]))


def _title_case_shouting(text: str) -> str:
    """Upper-case runs ("DINAS KEPENDUDUKAN DAN …") become title case so they read like names."""
    def fix(m: regex.Match) -> str:
        return " ".join(w if len(w) <= 2 and w.isupper() and w not in ("DAN",) else w.capitalize() if w != "DAN" else "dan"
                        for w in m[0].split(" "))
    return regex.sub(r"\b\p{Lu}{2,}(?: \p{Lu}{2,})+\b", fix, text)


def _trim_agency(name: str, stop: set[str]) -> str:
    words = name.split()
    for i, w in enumerate(words[1:], start=1):
        nxt = words[i + 1].strip(".,") if i + 1 < len(words) else None
        # "Kota" ends the name before a place ("… Kota Dumai"), not inside it ("Kecamatan Dumai Kota Tahun")
        if w in _patterns()[8] and (nxt is None or nxt in stop):
            continue
        if w.strip(".,") in stop:
            words = words[:i]
            break
    while words and words[-1].lower() in ("dan", "&", "serta"):
        words.pop()
    return " ".join(words)


def find_region(text: str, title: str = "") -> str | None:
    """The region the report is about: *Kota/Kabupaten/Provinsi* and a name of one to three words.

    Every printing of a region counts for each of its word prefixes; the most frequent first word
    decides the region, and the name runs on while most printings go on with the same word, so
    that "Kabupaten Rokan Hulu" is not cut to "Kabupaten Rokan" nor "Kota Dumai Tahun" kept.
    ``title`` (the cover and title lines) counts again.

    >>> find_region("Pemerintah Kota Dumai. Kota Dumai Tahun 2023. Kota Tahun")
    'Kota Dumai'
    >>> find_region("Kabupaten Rokan Hulu 2023. Kabupaten Rokan Hulu. Kabupaten Rokan Hulu Sebagai")
    'Kabupaten Rokan Hulu'
    >>> find_region("LKjIP Kabupaten Kepulauan Meranti Tahun 2021", title="Kabupaten Kepulauan Meranti")
    'Kabupaten Kepulauan Meranti'
    """
    counts: Counter[tuple[str, ...]] = Counter()
    for part in (text, title):
        for names in _region_printings(part):
            for k in range(1, len(names) + 1):
                counts[names[:k]] += 1
    if not counts:
        return None
    best = max((n for n in counts if len(n) == 2), key=lambda n: counts[n], default=None)
    if best is None:
        return None
    while True:
        longer = [n for n in counts if len(n) == len(best) + 1 and n[:-1] == best]
        top = max(longer, key=lambda n: counts[n], default=None)
        if top is None or counts[top] * 2 < counts[best]:
            return " ".join(best)
        best = top


def _region_printings(text: str) -> list[tuple[str, ...]]:
    """Each printing of a region in ``text``: (kind, word, word …), up to three name words."""
    _, agency_stop, region, region_stop, *_ = _patterns()
    stop = {str(w).lower() for w in region_stop | agency_stop}
    printings = []
    for m in region.finditer(_title_case_shouting(text)):
        words = []
        for w in m["place"].split()[:3]:
            if w.lower() in stop:
                break
            words.append(w)
        if words:
            printings.append((m["kind"], *words))
    return printings


def find_agency(text: str, region: str | None) -> str | None:
    """The most frequent agency name; the region is kept after it when the report writes it so.

    >>> find_agency("LKjIP Sekretariat Daerah Kota Dumai Tahun 2023; Sekretariat Daerah Kota Dumai", "Kota Dumai")
    'Sekretariat Daerah Kota Dumai'
    """
    agency, stop, *_ = _patterns()
    text = _title_case_shouting(text)
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for m in agency.finditer(text):
        name = _trim_agency(m["name"], stop)
        if len(name.split()) < 2:
            continue
        after = text[m.start() + len(name): m.start() + len(name) + 40].strip()
        if region and after.lower().startswith(region.lower()):
            name = f"{name} {region}"
        key = name.lower()
        counts[key] += 1
        spelled.setdefault(key, name)
    if not counts:
        return None
    return spelled[counts.most_common(1)[0][0]]


def find_year(lines: list[Line]) -> int | None:
    """The report year: the most frequent *Tahun 20xx*, title lines counting double."""
    _, _, _, _, year_pattern, title_lines, _, _, _ = _patterns()
    counts: Counter[int] = Counter()
    for i, line in enumerate(lines):
        for m in year_pattern.finditer(line.text):
            counts[int(m[1])] += 2 if i < title_lines else 1
    return counts.most_common(1)[0][0] if counts else None


def looks_like_report(text: str) -> bool:
    """True when the text mentions enough of the words every LKjIP uses."""
    *_, markers, min_hits, _ = _patterns()
    return sum(1 for m in markers if m.search(text)) >= min_hits


def find_metadata(lines: list[Line]) -> tuple[str | None, str | None, int | None]:
    """Given all lines, return (agency, region, report_year)."""
    text = " ".join(line.text.replace("\t", " ") for line in lines)
    _, _, _, _, _, title_lines, *_ = _patterns()
    region = find_region(text, " ".join(line.text.replace("\t", " ") for line in lines[:title_lines]))
    return find_agency(text, region), region, find_year(lines)
