"""Every code the library gives, in one catalogue (as spaCy's ``Errors``): kind, severity, meaning.

Four kinds of code:

- ``exception``: the file could not be extracted at all: raised as a typed
  :class:`~extractor.errors.LkjipError` (``E001`` …), or by ``build`` recorded in ``errors.jsonl``;
- ``error``: recorded in ``Report.errors``; the report's ``status`` is then ``failure``;
- ``warning``: recorded in ``Report.warnings``; the ``status`` is then ``partial``;
- ``finding``: a verification finding in ``Report.findings`` (what the report itself gets wrong). Its
  severity is decided per finding; the catalogue gives the highest it can have.

Tests assert codes, never wording. A code used anywhere in the package must be in :data:`CATALOGUE`,
and every entry must be used (``tests/test_codes.py`` reads the source to check both).

>>> lookup("W_TABLE_REBUILT").kind
'warning'
>>> issue("E030", "assemble", "nothing read").code
'E030'
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .model import Issue

Kind = Literal["exception", "error", "warning", "finding"]
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Code:
    """One entry of the catalogue: the stable ``code``, its ``kind``, ``severity`` and a one-line ``meaning``."""

    code: str
    kind: Kind
    severity: Severity
    meaning: str


# Ordered as printed by ``lkjip codes`` and in the README: exceptions, errors, warnings, findings.
CATALOGUE: tuple[Code, ...] = (
    Code("E000", "exception", "error", "any error the library raises on purpose (base of the typed errors)"),
    Code("E001", "exception", "error", "the input is empty: no bytes, no pages or no text"),
    Code("E002", "exception", "error", "the input cannot be read: binary, corrupt, encrypted or missing"),
    Code("E003", "exception", "error", "readable, but nothing in it looks like an LKjIP report"),
    Code("E004", "exception", "error", "a file type the readers do not handle (give .txt, .pdf or .docx)"),
    Code("E005", "exception", "error", "a symbolic link that loops or points to nothing (skipped; the batch goes on)"),
    Code("E010", "exception", "error", "a file in patterns/ is missing or malformed"),
    Code("E011", "exception", "error", "a links override file (links_override.yaml or .csv) is malformed"),
    Code("E020", "exception", "error", "a system tool this input needs (e.g. Tesseract) is not installed"),
    Code("E040", "exception", "error", "no dataset in the folder given to `lkjip query`/`export` (run `lkjip build`)"),
    Code("E041", "exception", "error", "the dataset refused a query (a syntax error, an unknown table or column)"),
    Code("E042", "exception", "error", "the output folder cannot be created or written (checked before any work)"),
    Code("E043", "exception", "error", "another `lkjip build` is writing the same output folder (checked before any work)"),
    Code("E050", "exception", "error", "the file is larger than --max-bytes (--max-text-bytes for a text file; not read: raise the limit to read it)"),
    Code("E051", "exception", "error", "the document has more pages than --max-pages (not read; raise the limit to read it)"),
    Code("E052", "exception", "error", "extracting the file took longer than --timeout; its worker process was killed"),
    Code("E053", "exception", "error", "extracting the file needed more memory than --max-memory; its worker process stopped"),
    Code("E060", "exception", "error", "a number outside the range a conversion handles (number → words: 0 to 10^24 − 1)"),
    Code("E999", "exception", "error", "an unforeseen failure (a bug) on one file; `lkjip build` records it and goes on"),
    Code("E030", "error", "error", "a report, but no indicator, program or budget figure could be read from it"),
    Code("W_ENCODING", "warning", "warning", "the text is not UTF-8; it was decoded as cp1252/latin-1"),
    Code("W_OCR_LANGUAGE", "warning", "warning", "no Indonesian Tesseract data; the scan was read with English"),
    Code("W_BLANK_PAGE", "warning", "warning", "a page with no text, not even by OCR"),
    Code("W_PAGE", "warning", "warning", "a page was read in a special way (OCR, deskewed, no text layer)"),
    Code("W_NO_TABLES", "warning", "warning", "no table structure found (no tab, pipe or aligned columns)"),
    Code("W_TABLE_REBUILT", "warning", "warning", "a table whose columns were lost (OCR) was rebuilt by its standard layout"),
    Code("W_DECIMAL_MARK", "warning", "warning", "nothing decided a column's decimal mark; the Indonesian one was assumed"),
    Code("W_NO_INDICATORS", "warning", "warning", "no performance measurement table with indicator rows was recognised"),
    Code("W_NO_PROGRAMS", "warning", "warning", "no program budget table with allocations was recognised"),
    Code("W_LOW_CONFIDENCE", "warning", "warning", "figures read with low OCR confidence (each marked low_confidence)"),
    Code("W_TRUNCATED", "warning", "warning",
         "the document ends before its closing chapter (PENUTUP), an annex or closing part: it may be cut short"),
    Code("W_SEVERAL_REPORTS", "warning", "warning",
         "a second report body (chapters from BAB I again, with tables) follows the first: several reports in one file"),
    Code("W_BUDGET_PROGRAMS", "warning", "warning",
         "the budget total disagrees with the sum of the program rows read (programs missing, or read from another table)"),
    Code("W_MISSING_CHAPTERS", "warning", "warning", "a chapter every LKjIP has (BAB I–III) was not found"),
    Code("achievement_mismatch", "finding", "error",
         "capaian vs realisasi/target × 100, or the report's own lower-is-better formula"),
    Code("absorption_mismatch", "finding", "error", "budget % vs realisasi/anggaran × 100 (programs, sub-totals, totals)"),
    Code("sum_mismatch", "finding", "error",
         "a stated total vs the sum of its parts (JUMLAH rows, belanja operasi + modal)"),
    Code("rollup_mismatch", "finding", "error",
         "a program / kegiatan row's pagu or realisasi vs the sum of its kegiatan / sub kegiatan (codes or layout)"),
    Code("quarter_mismatch", "finding", "warning",
         "quarterly columns (TW I–IV) vs the annual figure: additive quarters vs their sum, cumulative ones vs TW IV"),
    Code("words_mismatch", "finding", "error", "an amount in words (terbilang) vs its digits"),
    Code("cross_table_mismatch", "finding", "error",
         "the same figure printed differently in two places (body, PK, RKT, Rencana Aksi, Evaluasi Berkala, Renstra matrix)"),
    Code("efficiency_mismatch", "finding", "error",
         "tingkat efisiensi vs capaian / penyerapan (or the report's own formula)"),
    Code("predicate_mismatch", "finding", "error", "a predicate that contradicts the report's own scale table"),
    Code("count_mismatch", "finding", "error", "a count in prose (\"6 (enam) Sasaran Strategis\", \"4 Program terdiri "
         "dari 14 Kegiatan\") vs the items listed at that level: tujuan, sasaran, IKU of tujuan or sasaran, "
         "program indicators, programs, kegiatan, sub kegiatan"),
    Code("format_anomaly", "finding", "warning",
         "a figure whose grouping or decimal marks neither the Indonesian nor the English convention allows "
         "(3.050.078,000; 1.23.456), with the values it could be"),
    Code("narrative_mismatch", "finding", "warning", "a sentence's target/realisasi/capaian vs the tables (which indicator and year it means is an interpretation)"),
    Code("trend_mismatch", "finding", "error",
         "a direction claim (menurun / tetap / meningkat) vs the figures of the years compared; a year compared with itself"),
    Code("category_mismatch", "finding", "error",
         "an overall predicate vs the report's scale and average; an efficiency label vs capaian / penyerapan"),
)

CODES: dict[str, Code] = {entry.code: entry for entry in CATALOGUE}


class UnknownCode(KeyError):
    """A code that is not in :data:`CATALOGUE` (a programming error, caught by the tests)."""


def lookup(code: str, kind: Kind | None = None) -> Code:
    """Given a code (and optionally the kind it must have), return its catalogue entry.

    >>> lookup("E003").meaning
    'readable, but nothing in it looks like an LKjIP report'
    """
    entry = CODES.get(code)
    if entry is None:
        raise UnknownCode(f"{code!r} is not in extractor/codes.py CATALOGUE")
    if kind is not None and entry.kind != kind:
        raise UnknownCode(f"{code!r} is a {entry.kind}, not a {kind}")
    return entry


def issue(code: str, stage: str, message: str, *, line: int | None = None, page: int | None = None) -> Issue:
    """Given a catalogued warning or error code, the stage and what happened, return the :class:`Issue`.

    Whether it belongs in ``Report.warnings`` or ``Report.errors`` is the code's kind (see :func:`is_error`).
    """
    entry = lookup(code)
    if entry.kind not in ("warning", "error"):
        raise UnknownCode(f"{code!r} is a {entry.kind}; an issue needs a warning or error code")
    return Issue(code=code, stage=stage, message=message, line=line, page=page)


def is_error(item: Issue) -> bool:
    """True when the issue's code is an error (it goes to ``Report.errors``), False for a warning."""
    return lookup(item.code).kind == "error"


def markdown_table() -> str:
    """The catalogue as the Markdown table the README carries (one row per code)."""
    rows = ["| code | kind | severity | meaning |", "| --- | --- | --- | --- |"]
    rows += [f"| `{c.code}` | {c.kind} | {c.severity} | {c.meaning.replace('|', '/')} |" for c in CATALOGUE]
    return "\n".join(rows) + "\n"
