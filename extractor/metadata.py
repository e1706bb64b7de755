"""Who reports, for where and for which year: agency, region, report year.

The agency is the one the cover and title (or a running page header) name, an agency word (*Dinas*,
*Badan*, *Sekretariat*, *Kecamatan* … in ``patterns/report.yaml``) then its name; of several, the one
the report prints most. The region is the most frequent *Kota/Kabupaten X Y*; the year the most
frequent *Tahun 20xx*, the title page counting double.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import regex

from . import patterns
from .read.base import Line


@lru_cache(maxsize=1)
def _agency_name() -> regex.Pattern:
    """An agency name: an agency word (*Dinas*, *Badan* …), then capitalised words and connectives."""
    heads = patterns.alternation(patterns.entry("report", "agency_heads"))
    word = r"(?:\p{Lu}[\p{L}.'-]*|" + patterns.alternation(patterns.entry("report", "agency_connectives")) + ")"
    return regex.compile(r"\b(?P<name>(?:" + heads + r")(?:\s+" + word + r")*)")


@lru_cache(maxsize=1)
def _region_name() -> regex.Pattern:
    """A region: its kind (*Kota*, *Kabupaten* …) then one to three capitalised words; not the kind of
    a "Kabupaten/Kota" heading."""
    kinds = "|".join(regex.escape(kind) for kind in patterns.entry("report", "region_kinds"))  # plain words: _matches
    return regex.compile(r"(?<![/-])\b(?P<kind>" + kinds + r")\s+(?P<place>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){0,2})")


@lru_cache(maxsize=None)
def _report_words(key: str) -> frozenset[str]:
    """Words of ``patterns/report.yaml`` (``agency_stop``, ``region_kinds`` …) as printed (case matters)."""
    return frozenset(patterns.entry("report", key))


SHOUTING = regex.compile(r"\b\p{Lu}{2,}(?: \p{Lu}{2,})+\b")  # a run of upper-case words


@lru_cache(maxsize=4)  # the whole text is read for the region and for the agency
def _title_case_shouting(text: str) -> str:
    """Upper-case runs ("DINAS KEPENDUDUKAN DAN …") become title case so they read like names.

    >>> _title_case_shouting("DINAS SOSIAL DAN PMD")
    'Dinas Sosial dan Pmd'
    """
    connectives = patterns.words("report", "agency_connectives")

    def fix(m: regex.Match) -> str:
        return " ".join(w.lower() if w.lower() in connectives else w if len(w) <= 2 and w.isupper() else w.capitalize()
                        for w in m[0].split(" "))
    return SHOUTING.sub(fix, text)


@lru_cache(maxsize=4096)  # a report prints its agencies' names again and again
def _trim_agency(name: str, stop: frozenset[str]) -> str:
    words = name.split()
    region_kinds = _report_words("region_kinds")
    for i, w in enumerate(words[1:], start=1):
        nxt = words[i + 1].strip(".,") if i + 1 < len(words) else None
        # "Kota" ends the name before a place ("… Kota Dumai"), not inside it ("Kecamatan Dumai Kota Tahun")
        if w in region_kinds and (nxt is None or nxt in stop):
            continue
        if w.strip(".,") in stop:
            words = words[:i]
            break
    while words and words[-1].lower() in patterns.words("report", "agency_connectives"):
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
    >>> find_region("Kecamatan Dumai Kota Kabupaten Pelalawan; Kecamatan Dumai Kota Rp. 5.000")
    'Kabupaten Pelalawan'
    """
    counts: Counter[tuple[str, ...]] = Counter()
    for part in (text, title):
        for names in _region_printings(part):
            for k in range(1, len(names) + 1):
                counts[names[:k]] += 1
    best = max((n for n in counts if len(n) == 2), key=lambda n: counts[n], default=None)
    if best is None:
        return None
    while True:
        longer = [n for n in counts if len(n) == len(best) + 1 and n[:-1] == best]
        top = max(longer, key=lambda n: counts[n], default=None)
        if top is None or counts[top] * 2 < counts[best]:
            return " ".join(best)
        best = top


def _matches(pattern: regex.Pattern, text: str, starts: list[str], overlapped: bool = False) -> list[regex.Match]:
    """The matches ``pattern.finditer(text, overlapped=…)`` gives, for a pattern each match of which
    begins with one of the plain words ``starts``: those are found first as plain text (a string search per
    word, or for many words one search of them all, is much quicker than the pattern's over a whole report),
    and the pattern is tried only there.

    >>> [m[0] for m in _matches(regex.compile(r"\\b(?:ab|b)c+"), "abcc bc xbc abc", ["ab", "b"])]
    ['abcc', 'bc', 'abc']
    """
    printed = set()
    if len(starts) <= FEW_WORDS:
        for word in starts:
            at = text.find(word)
            while at != -1:
                printed.add(at)
                at = text.find(word, at + 1)
    else:
        finder, inner = _word_finder(tuple(starts))
        for m in finder.finditer(text):  # one search for every word
            at = m.start()
            printed.add(at)
            for j in inner[m[0]]:
                if any(text.startswith(word, at + j) for word in starts):
                    printed.add(at + j)
    found: list[regex.Match] = []
    end = 0
    for at in sorted(printed):
        if at < end and not overlapped:
            continue
        m = pattern.match(text, at)
        if m:
            found.append(m)
            end = m.end()
    return found


FEW_WORDS = 4  # up to so many words, a plain-text search per word is quicker than one pattern for them all


@lru_cache(maxsize=8)
def _word_finder(words: tuple[str, ...]) -> tuple[re.Pattern, dict[str, list[int]]]:
    """One pattern finding printings of any of the plain ``words`` left to right (the longest where several
    start at one place), and for each word the offsets inside a printing of it where another printing may
    start (the pattern's matches never overlap: those are looked at one by one).

    >>> finder, inner = _word_finder(("Dinas", "RSUD", "Badan Pusat", "Badan"))
    >>> [m.start() for m in finder.finditer("Badan Pusat Dinas RSUDinas")], inner["RSUD"], inner["Dinas"]
    ([0, 12, 18], [3], [])
    """
    inner = {word: [j for j in range(1, len(word)) if any(word[j:].startswith(other) or other.startswith(word[j:])
                                                          for other in words)] for word in words}
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in longest_first)), inner  # plain re: quickest here


def _region_printings(text: str) -> list[tuple[str, ...]]:
    """Each printing of a region in ``text``: (kind, word, word …), up to three name words."""
    stop = {w.lower() for w in _report_words("region_stop") | _report_words("agency_stop") | _report_words("region_kinds")}
    printings = []
    # overlapped: in "Kecamatan Dumai Kota Kabupaten Pelalawan" the region is the second match
    for m in _matches(_region_name(), _title_case_shouting(text), list(_report_words("region_kinds")), overlapped=True):
        words = []
        for w in m["place"].split():
            if w.lower() in stop:
                break
            words.append(w)
        if words:
            printings.append((m["kind"], *words))
    return printings


def find_agency(text: str, region: str | None, title: str = "") -> str | None:
    """The agency the report is by: of the agency names the cover and title (or a running page header)
    print, the most frequent in the report; when they print none, the most frequent of all. The region
    is kept after it when the report writes it so.

    >>> find_agency("LKjIP Sekretariat Daerah Kota Dumai Tahun 2023; Sekretariat Daerah Kota Dumai", "Kota Dumai")
    'Sekretariat Daerah Kota Dumai'
    >>> find_agency("Kecamatan Siak Hulu; Dinas Sosial; Dinas Sosial; Dinas Sosial", None, title="KECAMATAN SIAK HULU")
    'Kecamatan Siak Hulu'
    """
    counts, spelled = _agency_counts(text, region)
    if not counts:
        return None
    on_title = [key for key in _agency_counts(title, region)[0] if key in counts] if title else []
    pool = on_title or list(counts)
    return spelled[max(pool, key=lambda key: counts[key])]


def _agency_counts(text: str, region: str | None) -> tuple[Counter[str], dict[str, str]]:
    """Each agency name printed in ``text`` (folded) with how often, and its first spelling."""
    stop = _report_words("agency_stop")
    text = _title_case_shouting(text)
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for m in _matches(_agency_name(), text, patterns.entry("report", "agency_heads")):
        name = _trim_agency(m["name"], stop)
        if len(name.split()) < 2:
            continue
        after = text[m.start() + len(name): m.start() + len(name) + 40].strip()
        if region and after.lower().startswith(region.lower()):
            name = f"{name} {region}"
        key = name.lower()
        counts[key] += 1
        spelled.setdefault(key, name)
    return counts, spelled


def cover(lines: list[Line]) -> list[Line]:
    """The cover and title page: the lines before the first chapter or named part (*KATA PENGANTAR*,
    *DAFTAR ISI*, *IKHTISAR EKSEKUTIF* …), at most ``title_lines`` of them."""
    heads = [patterns.regex("headings", "chapter", flags=regex.I),
             *(p for key in patterns.entry("headings", "parts")
               for p in patterns.regexes("headings", "parts", key, flags=regex.I))]
    out = []
    for line in lines[:patterns.entry("report", "title_lines")]:
        if any(h.match(line.text) for h in heads):
            break
        out.append(line)
    return out


def running_headers(lines: list[Line]) -> list[str]:
    """Short lines printed again and again (a page header or footer naming the agency), once each."""
    texts = [line.text for line in lines if not line.is_row]
    repeats = Counter(map(" ".join, map(str.split, texts)))  # spaces folded (mapped: no Python call per line)
    return [text for text, n in repeats.items() if n >= RUNNING_REPEATS and 0 < len(text) <= RUNNING_LENGTH]


RUNNING_REPEATS = 3  # printings from which a line is a running header
RUNNING_LENGTH = 120  # characters at most of a running header


def find_year(lines: list[Line]) -> int | None:
    """The report year: the most frequent *Tahun 20xx*, title lines counting double."""
    year_pattern, title_lines = patterns.regex("report", "year_pattern"), patterns.entry("report", "title_lines")
    # one search over the whole report: its lines joined by a NUL, which no match can hold (neither a space
    # nor a word character), so each match lies in one line; a match before the end of the title lines
    # is in a title line
    text = "\x00".join(line.text for line in lines)
    title_end = sum(len(line.text) + 1 for line in lines[:title_lines])
    counts: Counter[int] = Counter()
    for m in year_pattern.finditer(text):
        counts[int(m[1])] += 2 if m.start() < title_end else 1
    return counts.most_common(1)[0][0] if counts else None


def looks_like_report(text: str) -> bool:
    """True when the text mentions enough of the words every LKjIP uses."""
    markers = patterns.regexes("report", "report_markers", flags=regex.I)
    return sum(1 for m in markers if m.search(text)) >= patterns.entry("report", "min_hits")


def find_metadata(lines: list[Line]) -> tuple[str | None, str | None, int | None]:
    """Given all lines, return (agency, region, report_year)."""
    text = _spaced(lines)
    title = _spaced(lines[:patterns.entry("report", "title_lines")])
    region = find_region(text, title)
    heading = _spaced(cover(lines)) + " " + " ".join(running_headers(lines))
    return find_agency(text, region, heading), region, find_year(lines)


def _spaced(lines: list[Line]) -> str:
    """The lines' text as one, lines and cells set apart by a space (tabs replaced once, in the whole)."""
    return " ".join(line.text for line in lines).replace("\t", " ")
