"""Names folded to the form two printings of one name share, and the short hashes ids are made of.

One folding (:func:`fold_name`: case, punctuation, connectives, the spellings and abbreviations of
``patterns/agencies.yaml``) serves agency names, indicator names and program names alike, so that an
id derived from a name does not change when a later report prints the name a little differently.
"""
from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

import regex

from ..patterns import load
from ..tables import fold_label

NON_WORD = regex.compile(r"[^\p{L}\p{N}%]+")
DIGEST_CHARS = 10  # hex characters of a name's digest in an id (40 bits: no collision in any one report)
UNKNOWN = "unknown"


def data() -> dict:
    return load("agencies")


@lru_cache(maxsize=1)
def _variants() -> tuple[tuple[regex.Pattern, str], ...]:
    """The word variants as (pattern over folded words, replacement), longest variant first."""
    pairs = [(NON_WORD.sub(" ", v.lower()).strip(), canonical)
             for canonical, forms in data()["word_variants"].items() for v in forms]
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
    connectives = {c.lower() for c in data()["connectives"]}
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


