"""The prose rules' tokenizer and token rules give what spaCy gives, without spaCy at run time.

spaCy is the oracle: ``spacy.blank("id")`` tokens (text, offset, lower case, shape, LIKE_NUM) and its
``Matcher`` / ``EntityRuler`` on ``patterns/claims.jsonl`` and ``patterns/narrative.jsonl`` are compared
with ours, token for token, on every line of the corpus, of generated reports, on the special cases in
the contexts that move them through the tokenizer's paths, and on generated strings.
"""
from __future__ import annotations

import ast
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from project_scripts import load_script
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from conftest import CORPUS
from extractor.errors import PatternDataError
from extractor.patterns import PATTERNS_DIR, load_lines
from extractor.verify import claim_words, narrative
from extractor.verify.token_rules import Rules
from extractor.verify.tokenizer import RULES_FILE, alternatives, make_doc, tokenizer
from synth.document import build
from synth.facts import generate
from synth.text import render_text

ROOT = Path(__file__).resolve().parent.parent
CONTEXTS = ["{0}", "({0})", "{0},", "\"{0}\".", "ber{0}", "{0}-nya", "{0} {1}", "{0} - x", "-{0}-", "{0}/{1}",
            "{0}  {1}", "{0}\n{1}", "x{0}.", "({0}", "{0}%)"]
SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def reference():
    pipeline = spacy.blank("id")
    ruler = pipeline.add_pipe("entity_ruler", config={"validate": True})
    ruler.from_disk(PATTERNS_DIR / "narrative.jsonl")
    return pipeline


@pytest.fixture(scope="module")
def reference_matcher(reference):
    found = Matcher(reference.vocab, validate=True)
    rules: dict[str, list] = {}
    for row in load_lines("claims"):
        rules.setdefault(row["label"], []).append(row["pattern"])
    for label, patterns in rules.items():
        found.add(label, patterns)
    return found


def _ours(text: str) -> list[tuple]:
    return [(t.text, t.idx, t.i, t.lower_, t.shape_, t.like_num) for t in make_doc(text)]


def _spacys(reference, text: str) -> list[tuple]:
    return [(t.text, t.idx, t.i, t.lower_, t.shape_, t.like_num) for t in reference.make_doc(text)]


def _generated_lines() -> list[str]:
    return [line for seed in (0, 1, 2, 1000, 1001) for line in render_text(build(generate(seed))).splitlines()]


def _corpus_lines() -> list[str]:
    return [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]


def _special_case_texts() -> list[str]:
    rng = random.Random(12)
    keys = sorted(tokenizer().specials)
    texts = []
    for _ in range(1500):
        first, second = rng.choice(keys), rng.choice(keys)
        texts.append(rng.choice(CONTEXTS).format(first, second))
        texts.append(" - ".join(first.split("-")) + " " + first.replace("-", "- "))
    return texts


def _lines() -> list[str]:
    lines = _corpus_lines() + _generated_lines()
    return lines + [f"{a} {b}" for a, b in zip(lines, lines[1:])][::5]  # sentences run on across lines


# ------------------------------------------------------------------ the rules file


def _export_script():
    return load_script("export_spacy_rules")


def test_the_rules_file_is_what_the_installed_spacy_gives():
    script = _export_script()
    assert RULES_FILE.read_text(encoding="utf-8") == script.render(script.rules_from_spacy())


def test_the_rules_file_holds_every_special_case_and_number_word():
    rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    from spacy.lang.id import Indonesian
    assert len(tokenizer().specials) == len(Indonesian.Defaults.tokenizer_exceptions) > 15000
    assert {"sembilan", "puluh", "ratus", "ribu", "juta", "miliar"} <= set(rules["number_words"])


def test_a_broken_rules_file_is_a_pattern_data_error():
    from extractor.verify.tokenizer import Tokenizer
    with pytest.raises(PatternDataError):
        Tokenizer({"special_cases": {"whole": [], "split": {}}})
    rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    rules["infix"] = {"pattern": "(", "flags": 32}
    with pytest.raises(PatternDataError):
        Tokenizer(rules)


# ------------------------------------------------------------------ tokens, compared with spaCy's


def test_tokens_are_spacys_on_every_corpus_and_generated_line(reference):
    lines = _lines()
    differ = [line for line in lines if _ours(line) != _spacys(reference, line)]
    assert len(lines) > 12000
    assert differ == []


def test_tokens_are_spacys_on_whole_reports(reference):
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        text = path.read_text(encoding="utf-8")
        assert _ours(text) == _spacys(reference, text)


def test_tokens_are_spacys_on_special_cases_in_context(reference):
    texts = _special_case_texts()
    differ = [text for text in texts if _ours(text) != _spacys(reference, text)]
    assert len(texts) == 3000
    assert differ == []


def test_special_cases_split_apart_are_merged_again(reference):
    for text in ["ber-anak-anak", "(Dr. med)", "suhu 30°C. naik", "dll.)", "rata - rata", "tanggal 1 s.d. 5"]:
        assert _ours(text) == _spacys(reference, text)
    assert [t.text for t in make_doc("ber-anak-anak")] == ["ber", "-", "anak-anak"]


PIECES = ["anak", "rata", "-", "–", "%", ",", ".", "/", "(", ")", "\"", "'", "2023", "97,5", "1.234", "0",
          "seratus", "Dua", "ke-2", "+5", "http://x.go.id/a?b=1", "www.dumai.go.id", "e-mail", "dll", "s.d.",
          "°C", "Rp", "Rp.", "²", "é", "“", "”", "…", ":", ";", "!", "?", "Kab.", "No.", "a.n.", "Tbk", "&",
          "x", "X", "IKU", "target", "realisasi"]
SPACES = [" ", "  ", "", "\n", "\t", " \n ", "\xa0", "   "]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=14))
def test_tokens_are_spacys_on_generated_strings(reference, parts):
    text = "".join(piece + space for piece, space in parts)
    assert _ours(text) == _spacys(reference, text)


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_tokens_are_spacys_on_any_unicode(reference, text):
    assert _ours(text) == _spacys(reference, text)


# ------------------------------------------------------------------ matches and entities, compared with spaCy's


def _claim_marks_as_spacy_orders_them(reference, reference_matcher, text):
    doc = reference.make_doc(text)
    found = [(reference.vocab.strings[key], s, e) for key, s, e in reference_matcher(doc)]
    return sorted(found, key=lambda m: (m[1], -m[2]))


def _claim_marks(text):
    return [(m.label, m.start, m.end) for m in claim_words.tokens(text).marks]


def _check_entities(reference, text):
    doc = reference(text)
    theirs = [(e.label_, e.start, e.end, e.start_char, e.end_char) for e in doc.ents]
    tokens = make_doc(text)
    ours = [tuple(span) for span in narrative.rules().entities(tokens)]
    assert [t[1:] for t in ours] == [t[1:] for t in theirs]
    matched = narrative.rules().matches(tokens)
    for mine, spacys in zip(ours, theirs):  # the same tokens under two labels: spaCy's choice is its hash order's
        assert mine[0] == spacys[0] or (spacys[0], mine[1], mine[2]) in matched


def test_matches_and_entities_are_spacys_on_every_line(reference, reference_matcher):
    for text in _lines():
        assert _claim_marks(text) == _claim_marks_as_spacy_orders_them(reference, reference_matcher, text), text
        _check_entities(reference, text)


def _rule_words() -> list[str]:
    words = set()
    for name in ("claims", "narrative"):
        for row in load_lines(name):
            for token in row["pattern"]:
                for value in token.values():
                    if isinstance(value, str) and value not in ("*", "?", "+", "!"):
                        words.add(value)
                    elif isinstance(value, dict) and "IN" in value:
                        words.update(value["IN"])
    return sorted(words)


WORDS = _rule_words() + ["2023", "2022", "97,5", "%", ",", ".", "indikator", "meningkat/menurun", "dan", "x"]


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from([" ", "  ", " - "]))
def test_matches_and_entities_are_spacys_on_rule_words(reference, reference_matcher, words, space):
    text = space.join(words)
    assert _claim_marks(text) == _claim_marks_as_spacy_orders_them(reference, reference_matcher, text)
    _check_entities(reference, text)


def test_a_star_gives_every_length_as_spacys_matcher_does():
    rules = Rules.from_rows([{"label": "t", "pattern": [{"LOWER": "target"}, {"LOWER": "yang", "OP": "*"}]}], "x")
    assert rules.matches(make_doc("target yang yang")) == [("t", 0, 1), ("t", 0, 2), ("t", 0, 3)]
    assert [tuple(s)[:3] for s in rules.entities(make_doc("target yang yang"))] == [("t", 0, 3)]


@pytest.mark.parametrize("token", [
    {"POS": "NOUN"},
    {"LOWER": "x", "OP": "+"},
    {"LOWER": {"NOT_IN": ["x"]}},
    {"LIKE_NUM": "yes"},
    {"SHAPE": {"REGEX": "("}},
    "x",
])
def test_an_unsupported_key_or_operator_is_a_pattern_data_error_naming_the_file(token):
    with pytest.raises(PatternDataError) as caught:
        Rules.from_rows([{"label": "a", "pattern": [{"LOWER": "a"}]}, {"label": "b", "pattern": [token]}],
                        "patterns/claims.jsonl")
    assert "patterns/claims.jsonl" in str(caught.value)


def test_the_pattern_files_compile():
    assert set(narrative.rules().labels) >= set(narrative.FIELDS)
    assert claim_words.matcher() is claim_words.matcher()


# ------------------------------------------------------------------ no spaCy at run time


def _imports_spacy(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        if any(name.split(".")[0] in ("spacy", "thinc") for name in names):
            return True
    return False


def test_no_module_of_the_package_imports_spacy():
    package = ROOT / "extractor"
    assert [str(p) for p in sorted(package.rglob("*.py")) if _imports_spacy(p)] == []


HEAVY = {"spacy", "thinc", "numpy", "rich", "duckdb", "pyarrow", "pdfplumber", "pypdfium2", "docx", "PIL"}


def test_lkjip_extract_of_a_text_report_imports_no_spacy_nor_what_other_inputs_need():
    report = sorted(CORPUS.glob("*.txt"))[0]
    code = ("import atexit, sys; "
            f"atexit.register(lambda: print(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(HEAVY)!r})), "
            "file=sys.stderr)); "
            "sys.argv = ['lkjip', 'extract', sys.argv[1]]; from extractor.cli import app; app()")
    done = subprocess.run([sys.executable, "-c", code, str(report)], capture_output=True, text=True)
    assert done.returncode == 0
    assert json.loads(done.stdout)["source"]
    assert ast.literal_eval(done.stderr.strip().splitlines()[-1]) == []


# ------------------------------------------------------------------ the word screen decides nothing


SCREENED = sorted({w.lower() for w in _rule_words() if w.isascii()} | {"rata-rata", "no.", "tetap", "sama", "naik", "c"})


def _held(text: str) -> set[str]:
    lowers = {t.lower_ for t in make_doc(text)}
    return {word for word in SCREENED if word in lowers}


def test_the_word_screen_keeps_every_text_whose_tokens_hold_a_word():
    passed = 0
    for text in _lines() + _special_case_texts():
        held = _held(text)
        for word in held:
            assert tokenizer().may_hold(text, (word,)), (text, word)
        passed += sum(1 for word in ("tetap", "sama", "naik", "target") if word not in held
                      and word in text.lower() and not tokenizer().may_hold(text, (word,)))
    assert passed > 50  # "ditetapkan", "bersama", "kenaikan": the screen passes over them


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PIECES + ["tetap", "sama", "ber", "di", "kan", "°C."]), st.sampled_from(SPACES)),
                max_size=14))
def test_the_word_screen_keeps_every_generated_string_whose_tokens_hold_a_word(parts):
    text = "".join(piece + space for piece, space in parts)
    for word in _held(text):
        assert tokenizer().may_hold(text, (word,)), (text, word)
    assert tokenizer().may_hold(text, ("é",))  # words not all ASCII are not screened


# ------------------------------------------------------------------ the prefix expression searched in two parts


def _plain_prefix_search():
    source = json.loads(RULES_FILE.read_text(encoding="utf-8"))["prefix"]
    return re.compile(source["pattern"], source["flags"]).search


def _span(match):
    return match.span() if match else None


def test_the_prefix_search_is_the_expressions_on_every_chunk():
    plain, ours = _plain_prefix_search(), tokenizer().prefix_search
    chunks = {c for text in _lines() + _special_case_texts() for c in text.split()}
    chunks |= {"<a href=x>", "x<a b>", "<b/>x", "US$5", "Rp.5", "..x", "x..", "—x", "'x", "«x»"}
    assert all(_span(ours(c)) == _span(plain(c)) for c in chunks)
    assert sum(1 for c in chunks if plain(c)) > 100


@SETTINGS
@given(st.lists(st.sampled_from(list("<a>b/ ( x$US.Rp—'«1") + ["<a ", "href", "<b/>", "US$"]), max_size=12))
def test_the_prefix_search_is_the_expressions_on_generated_strings(parts):
    text = "".join(parts)
    assert _span(tokenizer().prefix_search(text)) == _span(_plain_prefix_search()(text))


@pytest.mark.parametrize("pattern, parts", [
    (r"^a|b", ["^a", "b"]), (r"(a|b)|c", ["(a|b)", "c"]), (r"[|(]|\||^x", ["[|(]", r"\|", "^x"]),
    (r"[]|]|y", ["[]|]", "y"]), (r"[^]|]|y", ["[^]|]", "y"]), (r"a", ["a"]), (r"", [""]),
])
def test_alternatives_split_at_the_top_level_only(pattern, parts):
    assert alternatives(pattern) == parts and "|".join(parts) == pattern
