"""No Indonesian word in code: the words of patterns/ appear in no string of the modules that read them.

The words are taken from the data itself (every word of four letters or more in a value of a
``patterns/`` file), less the English ones the data also holds (canonical field names such as
``target``). Docstrings and comments may quote Indonesian; code strings may not.
"""
import ast
import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from extractor import patterns
from extractor.pattern_models import LINE_MODELS, MODELS

ROOT = Path(__file__).resolve().parent.parent
# the modules whose language data moved to patterns/ (issue 7)
MODULES = ["tables", "numbers", "terbilang", "classify", "structure", "metadata", "scrambled", "read/text",
           "identity/__init__", "identity/folding", "identity/agencies", "identity/keys", "identity/linking",
           # the verification pages (issue 13): their words are in patterns/report_labels.yaml
           "report/charts", "report/crops", "report/formatting", "report/labels", "report/loading", "report/page",
           "report/render", "report/series", "report/site"]
# English words the data files also hold, canonical names ("renstra_target", the "closing" part) and
# roman numerals
ENGLISH = {"target", "quarter", "average", "value", "number", "table", "data", "text", "closing", "renstra",
           "ivxlcdm",
           # canonical count names (counts.yaml), a regex's English words, the tool's name and a severity the
           # page labels keep in both languages
           "indicators", "programs", "left", "where", "index", "lkjip", "info"}


# data files that hold an English version beside the Indonesian one: only the Indonesian is walked
BILINGUAL = {"report_labels"}


def _values(node) -> list:
    """Every value under a mapping, without its keys (the keys of a bilingual file are English names)."""
    if isinstance(node, dict):
        return [v for value in node.values() for v in _values(value)]
    return [node]


def _schema_words() -> set[str]:
    """The English words of the data files' own keys (the fields of their models)."""
    words, todo = set(), list(MODELS.values()) + list(LINE_MODELS.values())
    while todo:
        model = todo.pop()
        for name, info in model.model_fields.items():
            words.update(name.split("_"))
            todo.extend(t for t in typing.get_args(info.annotation) + (info.annotation,)
                        if isinstance(t, type) and issubclass(t, BaseModel))
    return words


def _data_words() -> set[str]:
    """Every word of four letters or more in the data (keys and values), less the English ones."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                found.update(re.findall(r"\b[a-z]{4,}\b", str(key).lower()))
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.update(re.findall(r"\b[a-z]{4,}\b", node.lower()))

    for name in MODELS:
        data = patterns.load(name)
        walk(_values(data["id"]) if name in BILINGUAL else data)
    for name in LINE_MODELS:  # the token patterns; a row's label is a canonical (English) name
        walk([row["pattern"] for row in patterns.load_lines(name)])
    return found - _schema_words() - ENGLISH


def _code_strings(path: Path):
    """Every string constant of a module that is not a docstring, with its line."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_the_data_holds_indonesian_words():
    assert {"jumlah", "sasaran", "tahun", "sembilan", "predikat"} <= _data_words()


@pytest.mark.parametrize("module", MODULES)
def test_no_indonesian_word_in_code(module):
    words = _data_words()
    path = ROOT / "extractor" / f"{module}.py"
    found = [(line, sorted(set(re.findall(r"[a-z]{4,}", text.lower())) & words)) for line, text in _code_strings(path)]
    assert [(line, hits) for line, hits in found if hits] == []
