"""The screens of the verification rules (issue 12) decide nothing: on the corpus and on generated reports,
each passes over only what the long way finds nothing in."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from extractor.names import IndicatorNames, _name_words, _words_among
from extractor.pipeline import assemble_document
from extractor.prose import _split_sentences
from extractor.read import read_document
from extractor.read.base import Document
from extractor.read.text import text_to_lines
from extractor.verify import Context, Folded, TextLines, compiled, figures_in, folded, holding, rule_word
from extractor.verify.absorption import is_amount, line_amounts, lines_that_may_print_amounts, may_print_amount
from extractor.verify.categories import _label_cores
from extractor.verify.claim_words import matcher, may_hold, paragraphs_that_may_hold
from extractor.terbilang import find_amounts_in_words
from extractor.verify.counts import _count_claims, _may_name_noun, _noun_openings, find_count_claims, count_data
from extractor.verify.listings import _MARKER, _kind_of, _noun_start, program_words, prose_listings
from extractor.verify.words import money_words
from extractor.yardsticks import language
from synth.document import build
from synth.facts import generate
from synth.text import render_text

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.txt"))


def _context(document: Document) -> Context:
    report, printed, sections = assemble_document(document)
    ctx = Context(report=report, document=document, tables=printed)
    ctx.shared["sections"] = sections
    return ctx


@pytest.fixture(scope="module")
def contexts() -> list[Context]:
    documents = [read_document(p) for p in CORPUS]
    documents += [Document(path=f"synth-{seed}.txt", format="text", sha256="0",
                           lines=text_to_lines(render_text(build(generate(seed))))) for seed in range(3)]
    return [_context(d) for d in documents]


WORDS = [_noun_openings(), _label_cores(), ("tingkat",), ("terdiri", "rupiah"), ("iku",), ("PROGRAM", "Kinerja")]


@pytest.mark.parametrize("words", WORDS, ids=lambda w: "-".join(w))
def test_paragraphs_holding_a_word_are_those_whose_fold_holds_it(contexts, words):
    held = 0
    for ctx in contexts:
        expected = {k for k, p in enumerate(ctx.paragraphs()) if any(folded(w) in folded(p.text) for w in words)}
        assert ctx.paragraphs_holding(words) == expected
        held += len(expected)
    assert held > 0


def test_holding_over_texts_that_fold_longer_and_words_across_texts():
    folds = Folded.of(["STRASSE Program", "", "Straße", "kegiatan\u0130ndikator", "x"])
    assert folds.text.split("\n") == ["strasse program", "", "strasse", "kegiatanindikator", "x"]
    assert holding(folds, ("strasse",)) == {0, 2}
    assert holding(folds, ("indikator", "x")) == {3, 4}
    assert holding(folds, ("program\nstrasse",)) == frozenset()  # a word never runs over two texts
    assert holding(folds, ("",)) == {0, 1, 2, 3, 4}


def test_a_pattern_never_matches_in_a_paragraph_may_match_passes_over(contexts):
    patterns = [compiled(language()["efficiency_sentence"]["stated"], regex.I),
                compiled(language()["budget_sentence"]["parts"], regex.I), rule_word("refers_back")]
    screened = 0
    for ctx in contexts:
        for pattern in patterns:
            may = ctx.may_match(pattern)
            passed = [p for k, p in enumerate(ctx.paragraphs()) if k not in may]
            assert not any(pattern.search(p.text) for p in passed)
            screened += len(passed)
    assert screened > 1000


def test_paragraphs_that_may_hold_claim_words_keep_every_one_that_does(contexts):
    labels = ("category",)
    assert all(word.isascii() for word in matcher().openings_of(labels))
    for ctx in contexts:
        may = paragraphs_that_may_hold(ctx, labels)
        assert {k for k, p in enumerate(ctx.paragraphs()) if may_hold(p.text, labels)} <= set(may)


def test_the_name_words_a_sentence_holds_are_its_words_among_them(contexts):
    checked = 0
    for ctx in contexts:
        names = IndicatorNames([i for i in ctx.report.indicators if i.level == "agency"])
        for paragraph in ctx.paragraphs():
            for _, sentence in paragraph.sentences():
                assert _words_among(sentence, names.name_words) == _name_words(sentence) & names.name_words
                checked += 1
    for text in ("Kinerja PEGAWAI (\u212aelvin) Straße", "pegawai2023 aktif_x", "", "ÉTAT pegawai"):
        among = frozenset({"kinerja", "pegawai", "aktif", "elvin", "tat", "ss"})  # name words: two letters or more
        assert _words_among(text, among) == _name_words(text) & among
    assert checked > 1000


def test_a_paragraph_without_money_words_prints_no_amount_in_words(contexts):
    found = 0
    for ctx in contexts:
        money = ctx.paragraphs_holding(money_words())
        assert all(not find_amounts_in_words(p.text) for k, p in enumerate(ctx.paragraphs()) if k not in money)
        found += sum(len(find_amounts_in_words(ctx.paragraphs()[k].text)) for k in money)
    assert found > 0


def _sentences_long_way(text: str) -> list[tuple[int, str]]:
    """Sentences split where a space run follows a stop, found by a look-behind (as before issue 12)."""
    out, start = [], 0
    for m in regex.finditer(r"(?<=[.;!?])\s+(?=\S)", text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    return out + ([(start, text[start:])] if start < len(text) else [])


def test_sentences_split_as_by_the_look_behind(contexts):
    texts = [p.text for ctx in contexts for p in ctx.paragraphs()]
    texts += ["a. . b", "a.  b", "a. ", "x;y; z!  ?", ". a", "a.\u00a0b", "end.\n next", "A. b. c;\td", ""]
    assert [list(_split_sentences(t)) for t in texts] == [_sentences_long_way(t) for t in texts]


def test_lines_passed_over_as_printing_no_amount_print_none(contexts):
    passed = screened = 0
    for ctx in contexts:
        for line, found in zip(ctx.document.lines, line_amounts(ctx)):
            if found is None:
                assert line.is_row or not line.text.strip()
                continue
            long_way = [(s, e, f.raw, f.value, f.unit, is_amount(f)) for s, e, f in figures_in(line.text)]
            if may_print_amount(line.text):
                passed += 1
                assert [(s, e, f.raw, f.value, f.unit, a) for s, e, f, a in found] == long_way
            else:
                screened += bool(long_way)
                assert found == () and not any(a for *_, a in long_way)
    assert passed > 100 and screened > 500


def test_the_lines_screened_at_once_are_those_screened_one_by_one(contexts):
    for ctx in contexts:
        lines = ctx.document.lines
        assert lines_that_may_print_amounts(ctx.text_lines()) == {k for k, line in enumerate(lines)
                                                                  if not line.is_row and may_print_amount(line.text)}
    lines = text_to_lines("Rp 5\n\nx 1.000 y\nRUPIAH\nab\u0130dr\n97%\n1,000\n2.5\n| a | 1.000 |")
    assert lines_that_may_print_amounts(TextLines.of(lines)) == {0, 2, 3, 4, 6}


@pytest.mark.parametrize("text", ["Rp5", "rP. 5", "IDR 1", "5 Rupiah", "5 RUPIAH", "1.000", "1,000.5", "-2.500",
                                  "Rp\u0130 5", "97,23% 2023", "12 dari 15"])
def test_a_text_printing_an_amount_may_print_one(text):
    assert may_print_amount(text) or not any(is_amount(f) for _, _, f in figures_in(text))


def _listings(listings) -> list:
    return [[(p.line.number, p.marker, [(i.level, i.line.number, i.key, i.numbered) for i in p.items])
             for p in listing.programs] for listing in listings]


def _names_a_program(text: str, nouns: dict) -> bool:
    """The long way: a marker, then a noun of programs (as :func:`prose_listings` reads a line)."""
    nouns = {" ".join(k.replace("-", " ").split()): v for k, v in nouns.items()}
    m = _MARKER.match(text.strip())
    return bool(m) and _kind_of(m["text"], nouns, _noun_start(tuple(nouns))) == "programs"


def test_the_listings_read_from_the_lines_of_programs_on_are_those_read_line_by_line(contexts):
    nouns = count_data()["nouns"]
    words = program_words(nouns)
    found = 0
    for ctx in contexts:
        lines = ctx.document.lines
        programs = ctx.text_lines().holding(words)
        opening = [k for k, line in enumerate(lines) if not line.is_row and _names_a_program(line.text, nouns)]
        assert set(opening) <= set(programs) and programs == sorted(programs)
        long_way = prose_listings(lines, nouns)
        assert _listings(prose_listings(lines, nouns, programs)) == _listings(long_way)
        found += len(long_way)
    assert found > 0


def test_a_text_without_a_counted_noun_after_a_digit_states_no_count(contexts):
    passed = screened = 0
    for ctx in contexts:
        texts = [s for p in ctx.paragraphs() for _, s in p.sentences()] + [line.text for line in ctx.document.lines]
        for text in texts:
            first = regex.search(r"\d", text)
            if first is None:
                continue
            long_way = [(c.start, c.end, c.value, c.kind, c.raw) for c in _count_claims(text)]
            assert [(c.start, c.end, c.value, c.kind, c.raw) for c in find_count_claims(text)] == long_way
            if not _may_name_noun(text[first.start():]):
                screened += _may_name_noun(text)  # a noun before the figures only
                assert long_way == []
            else:
                passed += bool(long_way)
    assert passed > 20 and screened > 100
