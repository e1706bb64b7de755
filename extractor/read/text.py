"""Read a plain-text report (a conversion of a PDF by someone else) into the line model.

Tabs separate table cells; HTML fragments, markdown emphasis and ``$…$`` math are cleaned from
``Line.text`` while ``Line.raw`` keeps the line as it is in the file.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import EmptyInput, UnreadableInput
from ..codes import issue
from ..model import Issue
from . import layout  # the reader for `pdftotext -layout` output
from . import reading  # the reader for reading-order text (`pdftotext` without -layout)
from .base import MAX_CELLS, Document, Line, bound_cells, sha256_of
from .cleaning import clean, clean_cells, cleaners, mark_characters

ENCODINGS_FALLBACK = ("cp1252", "latin-1")
# bytes under 32 that text does not print (tab, line feed, form feed and carriage return it does)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode(data: bytes, path: str) -> tuple[str, str, list[Issue]]:
    """Given the bytes of a text file, return (text, encoding, warnings).

    UTF-8 (with or without BOM) first, then cp1252 / latin-1 with a warning.

    >>> decode("Rp 1.000".encode("utf-8-sig"), "x.txt")[:2]
    ('Rp 1.000', 'utf-8')
    >>> decode("Tahun 2023 — ok".encode("cp1252"), "x.txt")[1]
    'cp1252'
    """
    if not data.strip():
        raise EmptyInput(path, "the file is empty")
    if _looks_binary(data):
        raise UnreadableInput(path, "binary data, not a text report (expected .txt, .pdf or .docx)")
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for encoding in ENCODINGS_FALLBACK:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warning = issue("W_ENCODING", "read", f"not valid UTF-8 (first bad byte at offset {first_bad}); read as {encoding}")
        return text, encoding, [warning]
    raise UnreadableInput(path, "cannot decode the text")  # latin-1 never fails; kept for clarity


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > len(sample) * 0.05


def split_cells(raw: str) -> list[str] | None:
    """Given a raw line, return its cells when it is a table row (tabs or ``|`` pipes), else None.

    >>> split_cells("1.\\tIndeks\\t87\\t89,87")
    ['1.', 'Indeks', '87', '89,87']
    >>> split_cells("| a | b |")
    ['a', 'b']
    >>> split_cells("plain text") is None
    True
    """
    if "\t" in raw:
        cells = raw.rstrip("\n").split("\t")
        if len(cells) > MAX_CELLS:
            cells = bound_cells([c.strip() for c in cells])
    elif "|" in raw and raw.strip().startswith("|") and raw.count("|") >= 3:
        cells = raw.strip().strip("|").split("|")
    else:
        return None
    _, rule = cleaners()
    cells = clean_cells(cells, raw)
    if all(rule.match(c) for c in cells):
        return [] if any("-" in c or "=" in c for c in cells) else cells
    while cells and not cells[-1]:
        cells.pop()
    return cells


def text_to_lines(text: str) -> list[Line]:
    """Given the decoded text, return one :class:`Line` per line, numbered from 1."""
    lines = []
    special = _special()
    for number, raw in enumerate(text.splitlines(), start=1):
        if special is not None and not special.search(raw):  # (most lines)
            lines.append(Line(number, raw, " ".join(raw.split())))  # what clean gives a text without a mark
            continue
        cells = split_cells(raw)
        if cells is None:
            lines.append(Line(number, raw, clean(raw)))
            continue
        if cells == [] and "\t" not in raw.strip():
            cells = None
        normalised = "\t".join(cells) if cells else clean(raw)
        lines.append(Line(number=number, raw=raw, text=normalised, cells=cells or None))
    return lines


@lru_cache(maxsize=1)
def _special() -> re.Pattern | None:
    """A pattern of the characters a line needs to be a row (a tab, a pipe) or to need cleaning (a mark of
    :func:`~extractor.read.cleaning.mark_characters`): a line holding none is only folded. None when cleaning
    may start anywhere."""
    marks = mark_characters()
    return None if marks is None else re.compile("[" + re.escape("".join(sorted(marks | {"\t", "|"}))) + "]")


def read_text(path: Path) -> Document:
    """Given a ``.txt`` report, return its :class:`Document` (format ``text``, ``layout_text`` or
    ``reading_text``)."""
    data = path.read_bytes()
    text, encoding, warnings = decode(data, str(path))
    if reading.looks_like_reading_order(text):
        document = reading.read_reading_text(path, text)
        document.encoding = encoding
        document.warnings[:0] = warnings
        return document
    if "\t" not in text and ("\f" in text or "   " in text[:20000]):
        if layout.looks_like_layout_text(text):
            document = layout.read_layout_text(path, text)
            document.encoding = encoding
            document.warnings[:0] = warnings
            return document
    return Document(path=str(path), format="text", lines=text_to_lines(text), sha256=sha256_of(path),
                    encoding=encoding, warnings=warnings)
