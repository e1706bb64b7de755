"""Regenerate the README's table of codes from the catalogue (``extractor/codes.py``).

Usage: ``.venv/bin/python scripts/readme_codes.py`` (``tests/test_codes.py`` fails while the README differs).
"""
from __future__ import annotations

import re
from pathlib import Path

from extractor.codes import markdown_table
from extractor.export import atomic_write

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- codes: generated[^\n]*-->\n)(.*?)(<!-- end of codes -->)", re.S)


def readme_table(text: str) -> str:
    """Given the README's text, return its table of codes (between the two markers)."""
    match = BLOCK.search(text)
    if match is None:
        raise SystemExit(f"{README}: the codes markers are missing")
    return match.group(2)


def with_table(text: str, table: str) -> str:
    """Given the README's text, return it with ``table`` between the markers."""
    readme_table(text)
    return BLOCK.sub(lambda m: m.group(1) + table + m.group(3), text, count=1)


if __name__ == "__main__":
    atomic_write(README, with_table(README.read_text(encoding="utf-8"), markdown_table()))
