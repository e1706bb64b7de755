"""Verification reads the report and the printings only: no rule re-reads tables or documents.

Every module of ``extractor/verify/`` is scanned (AST) for imports of the stages before the printings:
assembly, the table parser, the classifier, the pipeline and the readers (the line model of
``read/base.py`` excepted).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

VERIFY = Path(__file__).resolve().parent.parent / "extractor" / "verify"
FORBIDDEN = ("extractor.assemble", "extractor.tables", "extractor.classify", "extractor.pipeline", "extractor.read")
ALLOWED = ("extractor.read.base",)


def imported_modules(source: str) -> list[str]:
    """Given the source of a module of ``extractor/verify/``, return the absolute names it imports.

    >>> imported_modules("from ..tables import fold_label")
    ['extractor.tables', 'extractor.tables.fold_label']
    """
    package = ["extractor", "verify"]
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out.append(module)
            out += [f"{module}.{alias.name}" for alias in node.names]  # "from .. import assemble"
    return out


def forbidden(module: str) -> bool:
    return (any(module == f or module.startswith(f + ".") for f in FORBIDDEN)
            and not any(module == a or module.startswith(a + ".") for a in ALLOWED))


@pytest.mark.parametrize("source, expected", [
    ("from .. import assemble", ["extractor", "extractor.assemble"]),
    ("from . import Context", ["extractor.verify", "extractor.verify.Context"]),
    ("import extractor.read.pdf", ["extractor.read.pdf"]),
    ("def f():\n    from ..read.ocr import ocr_page", ["extractor.read.ocr", "extractor.read.ocr.ocr_page"]),
])
def test_imported_modules_resolves_relative_imports(source, expected):
    assert imported_modules(source) == expected


@pytest.mark.parametrize("path", sorted(VERIFY.glob("*.py")), ids=lambda p: p.name)
def test_verification_imports_no_stage_before_the_printings(path):
    assert [m for m in imported_modules(path.read_text(encoding="utf-8")) if forbidden(m)] == []


@pytest.mark.parametrize("module, expected", [
    ("extractor.assemble", True), ("extractor.tables.fold_label", True), ("extractor.read.pdf", True),
    ("extractor.read.base", False), ("extractor.read.base.Line", False), ("extractor.printings", False),
    ("extractor.model.Figure", False),
])
def test_forbidden(module, expected):
    assert forbidden(module) is expected
