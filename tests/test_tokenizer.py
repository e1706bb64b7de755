"""The narrative rules' tokenizer (special cases loaded on demand) splits texts as ``spacy.blank("id")``.

Compared on every line of the corpus and on hyphenated special cases in the contexts that move
them through the tokenizer's paths: whole, behind a prefix or a suffix, joined to a word, and
printed across whitespace (the special-case matcher's path).
"""
from __future__ import annotations

import random

import pytest
import spacy

from conftest import CORPUS
from spacy.lang.id import Indonesian

from extractor.verify.tokenizer import DEFERRED, EAGER, make_doc, special_cases_in

CONTEXTS = ["{0}", "({0})", "{0},", "\"{0}\".", "ber{0}", "{0}-nya", "{0} {1}", "{0} - x", "-{0}-", "{0}/{1}"]


@pytest.fixture(scope="module")
def reference():
    return spacy.blank("id")


def _texts() -> list[str]:
    rng = random.Random(12)
    keys = sorted(DEFERRED)
    texts = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    for _ in range(1500):
        first, second = rng.choice(keys), rng.choice(keys)
        texts.append(rng.choice(CONTEXTS).format(first, second))
        texts.append(" - ".join(first.split("-")) + " " + first.replace("-", "- "))
    return texts


def test_tokens_are_those_of_the_full_tokenizer(reference):
    texts = _texts()
    differ = [t for t in texts if [x.text for x in make_doc(t)] != [x.text for x in reference.make_doc(t)]]
    assert len(texts) > 8000
    assert differ == []


def test_only_the_special_cases_without_a_hyphen_are_loaded_at_once():
    assert len(EAGER) + len(DEFERRED) == len(Indonesian.Defaults.tokenizer_exceptions)
    assert len(DEFERRED) > 15000 and len(EAGER) < 500
    assert [key for key in EAGER if "-" in key and key.split() == [key]] == []


def test_special_cases_in_finds_every_one_printed():
    longest = max(map(len, DEFERRED))
    for text in _texts()[::7]:
        squeezed = "".join(text.split())
        every = {squeezed[i:j] for i in range(len(squeezed)) for j in range(i + 1, min(len(squeezed), i + longest) + 1)
                 if squeezed[i:j] in DEFERRED}
        assert set(special_cases_in(text)) == every


@pytest.mark.parametrize("text, found", [
    ("Rata-rata capaian", ["Rata-rata"]),
    ("anak - anak", ["anak-anak"]),
    ("tahun 2021-2026", []),
    ("tanpa tanda hubung", []),
])
def test_special_cases_in(text, found):
    assert special_cases_in(text) == found
