"""Verification: recompute every stated figure and record what does not add up as findings.

Each check is a small rule in its own module: a function ``check(ctx) -> Iterable[Finding]``.
``RULES`` lists them in the order they run; ``verify_report`` runs them all and fills
``report.findings`` and ``report.finding_counts``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Hashable, Iterable

import regex

from ..model import Figure, Finding, Report
from ..numbers import find_numbers
from ..patterns import load
from ..printings import PrintedTable
from ..prose import Paragraph, paragraphs
from ..read.base import Document
from ..structure import find_sections


@dataclass
class Context:
    """What a rule may look at: the assembled report, the lines it was read from, the tables' printings."""

    report: Report
    document: Document
    tables: list[PrintedTable]  # every table with its figures and row facts read once (``printings.py``)
    shared: dict = field(default_factory=dict, repr=False)  # what several rules read, computed once (:meth:`once`)

    def once(self, key: Hashable, compute: Callable[[], object]):
        """Given a name and how to compute it from the report, lines and tables, return it, computed
        on the first call only (rules share the report's paragraphs, sections, parsed printings …).

        Only for what depends on nothing a rule changes.
        """
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    def paragraphs(self) -> list[Paragraph]:
        """Return the report's prose as :func:`~extractor.prose.paragraphs` (table rows, captions and
        listings left out), found once."""
        return self.once("paragraphs", lambda: paragraphs(self.document.lines, self.sections(),
                                                          (n for table in self.tables for n in table.span)))

    @property
    def scales(self) -> dict:
        """The formulas and predicate scales the report declares (``report.scales``, from ``yardsticks.py``)."""
        return self.report.scales

    def sections(self) -> list:
        """Return the section of each line of the document (:func:`~extractor.structure.find_sections`), found once."""
        return self.once("sections", lambda: find_sections(self.document.lines))


@lru_cache(maxsize=16384)
def figures_in(text: str, decimal_mark: str | None = None) -> tuple[tuple[int, int, Figure], ...]:
    """Given running text, return :func:`~extractor.numbers.find_numbers` of it, remembered per text (the
    rules read the same lines). The figures are shared by every caller: read them, never change them.

    >>> [(start, figure.raw) for start, _, figure in figures_in("atau 97,23% pada tahun 2023")]
    [(5, '97,23%'), (23, '2023')]
    """
    return tuple(find_numbers(text, decimal_mark))


@lru_cache(maxsize=None)
def compiled(pattern: str, flags: int = 0) -> regex.Pattern:
    """Given a regular expression (most come from ``patterns/*.yaml``), return it compiled, once.

    ``regex.search(pattern, text)`` looks its cache up on every call, which costs more than most searches.

    >>> compiled(r"\\p{L}+", regex.I) is compiled(r"\\p{L}+", regex.I)
    True
    """
    return regex.compile(pattern, flags)


def rule_word(key: str) -> regex.Pattern:
    """Given a key of ``rule_words`` in ``patterns/verify.yaml``, return its pattern compiled (case-insensitive).

    >>> bool(rule_word("refers_back").search("anggaran tersebut"))
    True
    """
    return compiled(load("verify")["rule_words"][key], regex.I)


def subject_label(field_name: str) -> str:
    """Given a field, return how findings name it (``subject_labels`` of ``patterns/verify.yaml``).

    >>> subject_label("realization")
    'realisasi'
    """
    return load("verify")["subject_labels"][field_name]


Rule = Callable[[Context], Iterable[Finding]]


def _rules() -> list[Rule]:
    """The rules, in the order they run (imported here so each module stays independent)."""
    rules: list[Rule] = []
    import importlib
    for name in RULE_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            continue
        rules.append(module.check)
    return rules


# one module per check
RULE_MODULES = ["achievement", "absorption", "sums", "rollups", "words", "cross_table", "efficiency",
                "predicate", "counts", "narrative"]


def at_most_warning_if_read_by_ocr(finding: Finding) -> Finding:
    """A finding placed on a line read by OCR (its provenance carries an OCR confidence) is at most a
    warning: a figure or a claim read from a scan may be a misreading ("92%" read "9296"), and a scan
    must never give an error its text would not.

    >>> from extractor.model import Provenance
    >>> f = Finding(code="narrative_mismatch", severity="error", message="m", provenance=Provenance(file="x", confidence=93.0))
    >>> at_most_warning_if_read_by_ocr(f).severity
    'warning'
    """
    if finding.severity == "error" and finding.provenance.confidence is not None:
        return finding.model_copy(update={"severity": "warning"})
    return finding


def verify_report(report: Report, document: Document, tables: list, sections: list | None = None) -> Report:
    """Run every rule; fill ``report.findings`` (deduplicated, in a stable order) and the counts.

    ``sections`` (each line's section, as the structure stage found them) saves finding them again.
    """
    ctx = Context(report=report, document=document, tables=tables)
    if sections is not None:
        ctx.shared["sections"] = sections
    findings: list[Finding] = []
    seen = set()
    for rule in _rules():
        for finding in rule(ctx) or ():
            key = (finding.code, finding.subject, finding.stated, finding.provenance.line, finding.provenance.table)
            if key not in seen:
                seen.add(key)
                findings.append(at_most_warning_if_read_by_ocr(finding))
    report.findings = findings
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
        counts[f.code] = counts.get(f.code, 0) + 1
    report.finding_counts = dict(sorted(counts.items()))
    return report
