"""The predicate of a rebuilt OCR row (extractor/scrambled.py): the screened search against the long way."""
from __future__ import annotations

import itertools
from pathlib import Path

import regex

from extractor import scrambled


def _long_way(after: str, wrapped: list[str]) -> str | None:
    """scrambled._predicate as first written: every spelling's whole-word pattern searched in each candidate."""
    candidates = [after, f"{after} {wrapped[0] if wrapped else ''}"]
    for text in candidates:
        words = " ".join(text.replace("|", " ").split()).lower()
        for phrase in scrambled._predicate_words():
            if regex.compile(r"\b" + regex.escape(phrase) + r"\b").search(words):
                if phrase.split()[0] == words.split()[0] if words else False:
                    return phrase.title()
    first = " ".join(after.replace("|", " ").split())
    if first and wrapped:
        joined = f"{first} {wrapped[0].split()[-1]}".lower()
        if joined in scrambled._predicate_words():
            return joined.title()
    return None


def test_predicate_equals_the_long_way():
    phrases = scrambled._predicate_words()
    words = sorted({w for p in phrases for w in p.split()}) + ["baik", "x", "|", "97,5%", "Sangat|"]
    pieces = ["", *phrases, *(p.upper() for p in phrases), *words, *(p + "nya" for p in phrases)]
    texts = [" ".join(t) for t in itertools.product(pieces, repeat=2)]
    ocr = Path(__file__).resolve().parent.parent / "corpus" / "kota-dumai_bkpsdm_2023_ocr.txt"
    texts += ocr.read_text(encoding="utf-8").splitlines()[:400]
    found = 0
    for after, nxt in zip(texts, texts[1:] + [""]):
        for wrapped in ([], [nxt] if nxt.strip() else []):
            expected = _long_way(after, wrapped)
            assert scrambled._predicate(after, wrapped) == expected, (after, wrapped)
            found += expected is not None
    assert found > 100
