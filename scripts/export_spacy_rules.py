"""Write spaCy's Indonesian tokenizer rules as data: ``patterns/tokenizer_id.json``.

Usage: ``.venv/bin/python scripts/export_spacy_rules.py`` (``tests/test_tokenizer.py`` fails while the file
differs from what the installed spaCy gives, so a spaCy upgrade is noticed).

The file holds what ``spacy.blank("id")``'s tokenizer and lexical attributes read: the prefix, suffix and
infix regular expressions (sources and flags), ``token_match`` and ``url_match``, the special cases
(the strings kept whole, and those split, with their pieces) and the number words ``LIKE_NUM`` knows.
:mod:`extractor.verify.tokenizer` runs spaCy's algorithm on them without importing spaCy.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "patterns" / "tokenizer_id.json"
ORTH = 65  # spacy.attrs.ORTH: the key of a special case's piece (NORM, the other key, is not read)


def _regex(found) -> dict | None:
    """Given a bound ``re.Pattern`` method (``search``, ``finditer``, ``match``) or None, return its source."""
    if found is None:
        return None
    pattern = found.__self__
    return {"pattern": pattern.pattern, "flags": pattern.flags}


def _special_cases(rules: dict) -> dict:
    """Given the tokenizer's special cases, return them compact: the strings kept whole, the others split."""
    whole, split = [], {}
    for string, pieces in sorted(rules.items()):
        orths = [piece.get(ORTH, piece.get("ORTH")) for piece in pieces]
        if orths == [string]:
            whole.append(string)
        else:
            split[string] = orths
    return {"whole": whole, "split": split}


def rules_from_spacy() -> dict:
    """Return the rules of the installed spaCy's blank Indonesian tokenizer, as :data:`TARGET` holds them."""
    import spacy
    from spacy.lang.id import lex_attrs

    tokenizer = spacy.blank("id").tokenizer
    return {
        "source": f"spaCy blank('id') tokenizer and lang/id/lex_attrs.py; written by {Path(__file__).name}",
        "prefix": _regex(tokenizer.prefix_search),
        "suffix": _regex(tokenizer.suffix_search),
        "infix": _regex(tokenizer.infix_finditer),
        "token_match": _regex(tokenizer.token_match),
        "url_match": _regex(tokenizer.url_match),
        "faster_heuristics": tokenizer.faster_heuristics,
        "special_cases": _special_cases(tokenizer.rules),
        "number_words": list(lex_attrs._num_words),
    }


def render(rules: dict) -> str:
    """Given the rules, return the file's text (compact JSON, one key per line)."""
    lines = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False, separators=(',', ':'))}"
             for key, value in rules.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main() -> int:
    from extractor.atomic import atomic_write

    atomic_write(TARGET, render(rules_from_spacy()))
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
