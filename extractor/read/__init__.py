"""Readers: every input format becomes the same :class:`~extractor.read.base.Document`.

``read_document`` dispatches on the file's suffix (and content, for text made by
``pdftotext -layout``).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import EmptyInput, UnreadableInput, UnsupportedFormat
from .base import Document, Line, PageInfo

SUFFIXES = (".txt", ".text", ".md", ".pdf", ".docx")


def read_document(path: Path, ocr: bool | None = None, workers: int = 1) -> Document:
    """Given a report file, return its lines with provenance, whatever its format (``workers``: pages of a
    scan OCR'd at once)."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableInput(str(path), "no such file")
    if path.stat().st_size == 0:
        raise EmptyInput(str(path), "the file is empty")
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text", ".md", ""):
        from .text import read_text
        return read_text(path)
    if suffix == ".pdf":
        from .pdf import read_pdf
        return read_pdf(path, ocr=ocr, workers=workers)
    if suffix == ".docx":
        from .docx import read_docx
        return read_docx(path)
    raise UnsupportedFormat(str(path), f"cannot read {suffix!r} files; give .txt, .pdf or .docx")


__all__ = ["Document", "Line", "PageInfo", "read_document", "SUFFIXES"]
