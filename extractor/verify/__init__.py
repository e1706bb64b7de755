"""Verification: recompute every stated figure and record what does not add up as findings.

Each check is a small rule in its own module: a function ``check(ctx) -> Iterable[Finding]``.
``RULES`` lists them in the order they run; ``verify_report`` runs them all and fills
``report.findings`` and ``report.finding_counts``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..model import Finding, Report
from ..read.base import Document


@dataclass
class Context:
    """What a rule may look at: the assembled report, the lines it was read from, the parsed tables."""

    report: Report
    document: Document
    tables: list  # list[extractor.tables.ParsedTable], classified (``.kind``)
    scales: dict = field(default_factory=dict)  # formulas and predicate scales the report declares


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


# one module per check; "scales" runs first and records the report's own formulas and scales
RULE_MODULES = ["scales", "achievement", "absorption", "sums", "words", "cross_table", "efficiency",
                "predicate", "counts", "narrative"]


def verify_report(report: Report, document: Document, tables: list) -> Report:
    """Run every rule; fill ``report.findings`` (deduplicated, in a stable order) and the counts."""
    ctx = Context(report=report, document=document, tables=tables)
    findings: list[Finding] = []
    seen = set()
    for rule in _rules():
        for finding in rule(ctx) or ():
            key = (finding.code, finding.subject, finding.stated, finding.provenance.line, finding.provenance.table)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    report.findings = findings
    report.scales = ctx.scales
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
        counts[f.code] = counts.get(f.code, 0) + 1
    report.finding_counts = dict(sorted(counts.items()))
    return report
