"""Verification: recompute every stated figure and record what does not add up as findings.

Each check is a small rule in its own module: a function ``check(ctx) -> Iterable[Finding]``.
``RULES`` lists them in the order they run; ``verify_report`` runs them all and fills
``report.findings`` and ``report.finding_counts``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Collection, Hashable, Iterable

import regex

from ..joined import Joined, texts_found
from ..model import Figure, Finding, FindingPart, Provenance, Report
from ..names import same_name
from ..numbers import find_numbers
from ..patterns import compiled, load, required_word
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

    def paragraphs_holding(self, words: Iterable[str]) -> frozenset[int]:
        """Given words, return the indexes in :meth:`paragraphs` of the paragraphs whose :func:`folded` text holds
        one of them, found once per report and words: the cheap screens of several rules (counted nouns,
        efficiency labels, predicate words) read the whole prose at once, not paragraph by paragraph (False
        is certain, as for :func:`folded`; a sentence's or a line's fold is part of its paragraph's)."""
        words = tuple(sorted({folded(word) for word in words}))  # as the texts: "Straße" is found as "strasse"
        return self.once(("paragraphs_holding", words), lambda: holding(
            self.once("folded_prose", lambda: Folded.of([p.text for p in self.paragraphs()])), words))

    def may_match(self, pattern: regex.Pattern) -> Collection[int]:
        """Given a pattern, return the indexes in :meth:`paragraphs` of the paragraphs it may match in: those
        holding the word every match holds (:func:`~extractor.patterns.required_word`), every index when it has none."""
        word = required_word(pattern)
        return self.paragraphs_holding((word,)) if word else range(len(self.paragraphs()))

    def text_lines(self) -> "TextLines":
        """Return the document's lines of text (neither table rows nor blank), :func:`folded` at once
        (:class:`TextLines`), found once: the screens over the lines of text (amounts, listings) look their words
        up in all of them at once."""
        return self.once("text_lines", lambda: TextLines.of(self.document.lines))

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


# the characters other than A-Z that a case-insensitive pattern may match to an ASCII letter (the dotted and
# dotless i, the long s, the Kelvin sign), to that letter
_ASCII_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDED_TO_ASCII = tuple(map(chr, _ASCII_FOLD))


def folded(text: str) -> str:
    """Given a text, return it case-folded so that a word a case-insensitive pattern (``re`` or ``regex``)
    finds in it is a plain substring of the result: a cheap test before the pattern (False is certain).

    >>> folded("PROGRAM Kegiatan \u0130ndikator")
    'program kegiatan indikator'
    """
    if not text.isascii() and any(c in text for c in _FOLDED_TO_ASCII):  # translate() reads char by char: slow
        text = text.translate(_ASCII_FOLD)
    return text.casefold()


class Folded(Joined):
    """Texts :func:`folded` and joined by line breaks into one (:class:`~extractor.joined.Joined`): a word is
    looked up in all of them at once (a word without a line break never runs from one into the next)."""

    @classmethod
    def of(cls, texts: list[str]) -> "Folded":
        """Given texts, return them folded and joined.

        >>> Folded.of(["Ab", "Straße", "C"])
        Folded(text='ab\\nstrasse\\nc', starts=(0, 3, 11))
        """
        return super().of([folded(t) for t in texts])  # one by one: most are ASCII, whose fold is quick


@dataclass(frozen=True)
class TextLines:
    """The lines of text of a document (neither table rows nor blank): their indexes among its lines, and
    their texts :func:`folded` and joined (:class:`Folded`)."""

    indexes: tuple[int, ...]
    folds: Folded

    @classmethod
    def of(cls, lines: list) -> "TextLines":
        """Given a document's lines, return those of text.

        >>> from extractor.read.base import Line
        >>> TextLines.of([Line(1, "", "Rp 5"), Line(2, "", "a\tb", cells=["a", "b"]), Line(3, "", " "), Line(4, "", "X")]).indexes
        (0, 3)
        """
        indexes = tuple(k for k, line in enumerate(lines) if not line.is_row and line.text.strip())
        return cls(indexes, Folded.of([lines[k].text for k in indexes]))

    def holding(self, words: tuple[str, ...]) -> list[int]:
        """Given words, return the indexes (among the document's lines, in order) of the lines of text whose
        :func:`folded` text holds one of them (:func:`holding`)."""
        return sorted(self.indexes[k] for k in holding(self.folds, words))


def holding(folds: Folded, words: tuple[str, ...]) -> frozenset[int]:
    """Given folded texts and words, return the indexes of the texts that hold one of the words.

    >>> sorted(holding(Folded.of(["Program A", "kegiatan", "SUB KEGIATAN b", "x"]), ("kegiatan", "program")))
    [0, 1, 2]
    """
    if any("\n" in word or not word for word in words):  # could run over two texts, or is in every text
        return frozenset(k for k, (start, end) in enumerate(zip(folds.starts, (*folds.starts[1:], len(folds.text) + 1)))
                         if any(word in folds.text[start:end - 1] for word in words))
    return frozenset(k for word in words for k in texts_found(folds, lambda text, at: text.find(word, at)))


def core_words(words: Iterable[str]) -> tuple[str, ...]:
    """Given words, return those in which no other of them lies, sorted: a text holding one of the words
    holds one of these (a cheap screen before the patterns).

    >>> core_words(["sangat efisien", "efisien", "sub", "subkegiatan", "program"])
    ('efisien', 'program', 'sub')
    """
    found = set(words)
    return tuple(sorted(w for w in found if not any(v != w and v in w for v in found)))


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
                "predicate", "counts", "narrative", "formats", "claims"]


# ---------------------------------------------------------------- findings as data


def part(label: str | None, figure: Figure | None, provenance: Provenance | None = None) -> FindingPart:
    """Given what a figure is, the figure and where it is printed, return it as a part of a finding.

    >>> from decimal import Decimal
    >>> p = part("realisasi 2023", Figure(value=Decimal("51.85"), raw="51,85"), Provenance(file="f", line=3))
    >>> (p.label, p.value, p.raw, p.provenance.line)
    ('realisasi 2023', Decimal('51.85'), '51,85', 3)
    """
    return FindingPart(label=label, value=figure.value if figure is not None else None,
                       raw=figure.raw.strip() if figure is not None else None, provenance=provenance)


def places_of(*provenances: Provenance | None) -> list[Provenance]:
    """Given the places a finding involves (the stated figure's first), return each once, in that order.

    >>> [p.line for p in places_of(Provenance(file="f", line=3), None, Provenance(file="f", line=9), Provenance(file="f", line=3))]
    [3, 9]
    """
    out: list[Provenance] = []
    for place in provenances:
        if place is not None and place not in out:
            out.append(place)
    return out


READING = ("reading the figures (OCR, a low-confidence figure, a table rebuilt from its lines or whose columns "
           "were inferred from their figures)")
FIGURE_FIELDS = frozenset({"target", "realization", "achievement", "allocation", "budget_realization", "absorption"})


def grade(ctx: Context | None, figures: Iterable[Figure | None], places: Iterable[Provenance | None],
          interpretation: str | None = None) -> tuple[str, str, str]:
    """Given the figures a finding uses, their places and what it interprets (None: nothing), return its
    (severity, basis, note for the message).

    ``error`` only when the arithmetic is certain at the printed precision; a ``warning`` resting on a
    reading when a figure was read with low confidence, a place was read by OCR or lies in a table rebuilt
    from its lines; a ``warning`` resting on an interpretation when the caller names one (which figure a
    sentence refers to, a formula the report does not declare …). The lines of a table whose figure columns
    were inferred from their figures rather than read from their headers count as a reading.

    >>> grade(None, [Figure(value=1, raw="1")], [Provenance(file="f", line=1)])
    ('error', 'arithmetic', '')
    >>> grade(None, [Figure(value=1, raw="1")], [Provenance(file="f", line=1)], "the standard formula")[:2]
    ('warning', 'interpretation')
    >>> grade(None, [Figure(value=1, raw="1", low_confidence=True)], [], "the standard formula")[:2]
    ('warning', 'reading')
    """
    places = [p for p in places if p is not None]
    rebuilt = doubtful_lines(ctx) if ctx is not None else frozenset()
    if (any(f is not None and f.low_confidence for f in figures)
            or any(p.confidence is not None or (p.line is not None and p.line in rebuilt) for p in places)):
        return "warning", "reading", f" (depends on {READING})"
    if interpretation:
        return "warning", "interpretation", f" (depends on {interpretation})"
    return "error", "arithmetic", ""


def doubtful_lines(ctx: Context) -> frozenset[int]:
    """The numbers of the lines inside tables whose rows were rebuilt from plain text, or whose figure
    columns were inferred from their figures (found once)."""
    return ctx.once("doubtful_lines", lambda: frozenset(
        n for t in ctx.tables if t.rebuilt or any(c.inferred and c.field in FIGURE_FIELDS for c in t.columns)
        for n in t.span))


def budget_subject(ctx: Context, where: Provenance | None, name: str | None = None) -> tuple[str | None, str | None]:
    """Given the place of a budget line (and its name), return (subject_kind, subject_id): the program or
    kegiatan printed there (or named alike), else (None, None).

    A program's other printings carry its id; a line printed only elsewhere (prose, another table) is found
    by its name among the programs and kegiatan of the report.
    """
    places, names = ctx.once("budget_subjects", lambda: _budget_subjects(ctx.report))
    if where is not None and where.line is not None and (where.line, where.page) in places:
        return places[(where.line, where.page)]
    if name:  # a name alike in full: "Program X" is not the kegiatan "Pengadaan … X"
        for kind, key, label in names:
            if same_name(label, name):
                return kind, key
    return None, None


def _budget_subjects(report: Report) -> tuple[dict, list]:
    places: dict[tuple, tuple[str, str]] = {}
    names: list[tuple[str, str, str]] = []
    lines = [("program", p) for program in report.programs for p in (program, *program.evidence)]
    lines += [("program", p) for objective in report.objectives for p in objective.allocations]
    for kind, program in list(lines):
        lines += [("activity", a) for a in program.activities]
        lines += [("activity", s) for a in program.activities for s in a.activities]
    for kind, line in lines:
        if line.id is None:
            continue
        places.setdefault((line.provenance.line, line.provenance.page), (kind, line.id))
        if (kind, line.id, line.name) not in names:
            names.append((kind, line.id, line.name))
    return places, names


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
        return finding.model_copy(update={"severity": "warning", "basis": "reading"})
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
                if not finding.places:  # every finding names at least the place of its stated figure
                    finding.places = [finding.provenance]
                findings.append(at_most_warning_if_read_by_ocr(finding))
    report.findings = findings
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
        counts[f.code] = counts.get(f.code, 0) + 1
    report.finding_counts = dict(sorted(counts.items()))
    return report
