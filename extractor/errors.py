"""Typed errors; each takes its stable code from the catalogue in :mod:`extractor.codes`.

Tests assert codes, not wording. Each message says what the user can do about it.
"""
from __future__ import annotations

from .codes import lookup


class LkjipError(Exception):
    """Base of every error the library raises on purpose. ``code`` is stable."""

    code = lookup("E000", "exception").code

    def __init__(self, path: str | None, reason: str):
        self.path = path
        self.reason = reason
        where = f"{path}: " if path else ""
        super().__init__(f"[{self.code}] {where}{reason}")


class EmptyInput(LkjipError):
    code = lookup("E001", "exception").code


class UnreadableInput(LkjipError):
    """Binary, corrupt, encrypted or otherwise not readable as a report."""

    code = lookup("E002", "exception").code


class NotAReport(LkjipError):
    """Readable, but nothing in it looks like an LKjIP report."""

    code = lookup("E003", "exception").code


class UnsupportedFormat(LkjipError):
    code = lookup("E004", "exception").code


class PatternDataError(LkjipError):
    """A file in ``patterns/`` is malformed; the message lists every bad entry."""

    code = lookup("E010", "exception").code


class OverrideFileError(LkjipError):
    """A user's links override file (``links_override.yaml`` or ``.csv``) is malformed; every bad row is named."""

    code = lookup("E011", "exception").code


class MissingDependency(LkjipError):
    """A system tool (e.g. Tesseract) needed for this input is not installed."""

    code = lookup("E020", "exception").code


class DatasetMissing(LkjipError):
    """The folder given to ``lkjip query``/``export`` holds no dataset (``lkjip build`` writes one)."""

    code = lookup("E040", "exception").code


class NumberOutOfRange(LkjipError, ValueError):
    """A number outside the range a conversion claims (number → words below 10^24, not negative)."""

    code = lookup("E060", "exception").code


class QueryFailed(LkjipError):
    """The dataset refused a query: a syntax error, an unknown table or column."""

    code = lookup("E041", "exception").code


class BrokenLink(LkjipError):
    """A symbolic link in the input folder that loops or whose target does not exist."""

    code = lookup("E005", "exception").code


class OutputNotWritable(LkjipError):
    """The output folder (``--out``) cannot be created or written; raised before any extraction."""

    code = lookup("E042", "exception").code


class OutputBusy(LkjipError):
    """Another build holds the output folder's lock (``.lkjip/lock``); raised before any extraction."""

    code = lookup("E043", "exception").code


class LimitExceeded(LkjipError):
    """A per-document limit (:mod:`extractor.limits`) stopped this file; the batch goes on."""


class TooLarge(LimitExceeded):
    code = lookup("E050", "exception").code


class TooManyPages(LimitExceeded):
    code = lookup("E051", "exception").code


class TimedOut(LimitExceeded):
    code = lookup("E052", "exception").code


class OutOfMemory(LimitExceeded):
    code = lookup("E053", "exception").code
