"""Typed errors with stable codes, one catalogue (as spaCy's ``Errors``).

Tests assert codes, not wording. Each message says what the user can do about it.
"""
from __future__ import annotations


class LkjipError(Exception):
    """Base of every error the library raises on purpose. ``code`` is stable."""

    code = "E000"

    def __init__(self, path: str | None, reason: str):
        self.path = path
        self.reason = reason
        where = f"{path}: " if path else ""
        super().__init__(f"[{self.code}] {where}{reason}")


class EmptyInput(LkjipError):
    code = "E001"


class UnreadableInput(LkjipError):
    """Binary, corrupt, encrypted or otherwise not readable as a report."""

    code = "E002"


class NotAReport(LkjipError):
    """Readable, but nothing in it looks like an LKjIP report."""

    code = "E003"


class UnsupportedFormat(LkjipError):
    code = "E004"


class PatternDataError(LkjipError):
    """A file in ``patterns/`` is malformed; the message lists every bad entry."""

    code = "E010"


class MissingDependency(LkjipError):
    """A system tool (e.g. Tesseract) needed for this input is not installed."""

    code = "E020"
