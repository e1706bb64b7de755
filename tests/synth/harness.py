"""Round-trip scoring: compare what the extractor read from a rendering with the known facts.

``compare(facts, report)`` returns a :class:`Score`: metadata right, indicator facts (indicator ×
year × target/realisasi/capaian) recall and precision, budget facts (program × pagu/realisasi and
the budget totals) recall and precision, and finding recall and precision against the planted
discrepancies, overall and per code. A wrong figure the report marks ``low_confidence`` counts as
*unsure*, not wrong.

A finding is the planted one when the code is the same and it names one of the planted figures (its
``stated_value`` / ``expected_value``, or a figure in its ``stated`` text), and, for findings about an
indicator or program, the subject; a planted claim in words (trend, category) matches on code and
subject (on code alone when it is about the whole report).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz

from extractor.model import Figure, Report

from .facts import PlantedFinding, ReportFacts

NAME_MATCH = 85      # token-set ratio from which an extracted name is the known indicator or program
SUBJECT_MATCH = 70   # partial ratio from which a finding's subject names the planted one
SUBJECT_CODES = {"achievement_mismatch", "predicate_mismatch", "cross_table_mismatch", "narrative_mismatch",
                 "absorption_mismatch", "trend_mismatch"}
COUNTED_SEVERITIES = ("error", "warning")
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")


@dataclass
class Tally:
    """Counts of one kind of fact: expected, right, wrong, unsure (wrong but low_confidence), extra."""

    expected: int = 0
    right: int = 0
    wrong: int = 0
    unsure: int = 0
    extra: int = 0
    misses: list[str] = field(default_factory=list)   # what went wrong, for reports of failures

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """Right over right + wrong + extra; unsure figures are left out (see ``strict_precision``)."""
        told = self.right + self.wrong + self.extra
        return self.right / told if told else 1.0

    @property
    def strict_precision(self) -> float:
        told = self.right + self.wrong + self.extra + self.unsure
        return self.right / told if told else 1.0

    def add(self, other: "Tally") -> None:
        for name in ("expected", "right", "wrong", "unsure", "extra"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


@dataclass
class Score:
    agency: bool
    region: bool
    year: bool
    indicators: Tally
    budget: Tally
    findings: Tally    # expected = planted; right = planted found; extra = reported but not planted
    findings_by_code: dict[str, Tally] = field(default_factory=dict)   # the same, per finding code
    findings_by_kind: dict[str, Tally] = field(default_factory=dict)   # planted and found per planting kind

    @property
    def metadata(self) -> bool:
        return self.agency and self.region and self.year


# ----------------------------------------------------------------------------------------------- values

def numbers_in(text: str | None) -> list[Decimal]:
    """Every reading of the figures in ``text``: Indonesian (1.234,5) and, where ambiguous, English.

    >>> numbers_in("Sangat Tinggi (98,78)")
    [Decimal('98.78')]
    >>> numbers_in("Rp. 9.133.780.400,-")
    [Decimal('9133780400')]
    """
    out: list[Decimal] = []
    for token in _NUMBER.findall(text or ""):
        readings = []
        if "," in token:
            readings.append(token.replace(".", "").replace(",", "."))
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", token):
            readings.append(token.replace(".", ""))
            if token.count(".") == 1:
                readings.append(token)
        else:
            readings.append(token)
        for reading in readings:
            try:
                out.append(Decimal(reading))
            except InvalidOperation:
                continue
    return out


def _value(figure: Figure | None) -> Decimal | None:
    return figure.value if figure is not None else None


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    return a is not None and b is not None and a == b


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w%/]+", " ", text.lower()).split())


def _best(name: str, candidates: list[str], floor: int = NAME_MATCH) -> int | None:
    """The candidate ``name`` stands for: the same words, else the closest by word-order-free ratio.

    Not a token-set ratio: "Indeks Kepuasan Masyarakat" must not match "Indeks Kepuasan Masyarakat
    terhadap pelayanan kesehatan", a different indicator of the same report.
    """
    folded = [_folded(c) for c in candidates]
    if _folded(name) in folded:
        return folded.index(_folded(name))
    scored = [(fuzz.token_sort_ratio(_folded(name), c), i) for i, c in enumerate(folded)]
    score, index = max(scored, default=(0, None))
    return index if score >= floor else None


def _judge(tally: Tally, label: str, expected: Decimal | None, got: Figure | None) -> None:
    """Score one extracted figure against its known value (``None`` expected: the report prints none)."""
    if got is None or got.value is None:
        return
    if expected is None:
        tally.extra += 1
        tally.misses.append(f"extra {label}: {got.raw!r}")
    elif got.value == expected:
        tally.right += 1
    elif got.low_confidence:
        tally.unsure += 1
        tally.misses.append(f"unsure {label}: {got.raw!r} (is {expected})")
    else:
        tally.wrong += 1
        tally.misses.append(f"wrong {label}: {got.raw!r} (is {expected})")


# ----------------------------------------------------------------------------------------------- facts

def expected_indicator_facts(facts: ReportFacts) -> dict[tuple[int, int, str], Decimal]:
    """(indicator index, year, field) → value, for every indicator figure the report prints."""
    history = facts.layout.comparison_table or "history" in facts.layout.measurement_columns
    out: dict[tuple[int, int, str], Decimal] = {}
    for i, ind in enumerate(facts.indicators):
        cur = ind.current
        out[(i, cur.year, "target")] = cur.target
        out[(i, cur.year, "realization")] = cur.realization
        out[(i, cur.year, "achievement")] = cur.achievement
        if history:
            for m in ind.history:
                out[(i, m.year, "realization")] = m.realization
    return out


def score_indicators(facts: ReportFacts, report: Report) -> Tally:
    expected = expected_indicator_facts(facts)
    tally = Tally(expected=len(expected))
    names = [ind.name for ind in facts.indicators]
    seen: set[tuple[int, int, str]] = set()
    for got in report.indicators:
        if getattr(got, "level", None) == "program":   # a program's own indicator, kept apart: not an IKU
            continue
        index = _best(got.name, names)
        for m in got.measurements:
            for fld in ("target", "realization", "achievement"):
                key = (index, m.year, fld)
                if key in seen:   # the same figure twice (two indicators read as one): the second is extra
                    _judge(tally, f"{got.name} {m.year} {fld}", None, getattr(m, fld))
                    continue
                known = expected.get(key) if index is not None else None
                _judge(tally, f"{got.name} {m.year} {fld}", known, getattr(m, fld))
                if known is not None and getattr(m, fld) is not None:
                    seen.add(key)
    found = {key for key in seen}
    for key in expected:
        if key not in found:
            tally.misses.append(f"missing {names[key[0]]} {key[1]} {key[2]} = {expected[key]}")
    return tally


_BUDGET_FIELDS = {"total_allocation": "total_allocation", "operating_expenditure": "operating",
                  "capital_expenditure": "capital", "total_realization": "total_realization",
                  "absorption": "absorption"}


def score_budget(facts: ReportFacts, report: Report) -> Tally:
    names = [p.name for p in facts.programs]
    tally = Tally(expected=2 * len(names) + len(_BUDGET_FIELDS))
    seen: set[tuple[int, str]] = set()
    for got in report.programs:
        index = _best(got.name, names)
        for fld in ("allocation", "realization"):
            known = getattr(facts.programs[index], fld) if index is not None and (index, fld) not in seen else None
            _judge(tally, f"{got.name} {fld}", known, getattr(got, fld))
            if known is not None and getattr(got, fld) is not None:
                seen.add((index, fld))
    for index, name in enumerate(names):
        for fld in ("allocation", "realization"):
            if (index, fld) not in seen:
                tally.misses.append(f"missing {name} {fld}")
    for fld, attr in _BUDGET_FIELDS.items():
        got = getattr(report.budget, fld)
        _judge(tally, f"budget {fld}", getattr(facts.budget, attr), got)
        if got is None:
            tally.misses.append(f"missing budget {fld}")
    return tally


def finding_numbers(finding) -> list[Decimal]:
    """The figures a finding names: its ``stated_value`` and ``expected_value`` where the rule filled them,
    and every reading of the figures in its ``stated`` text (rules of before issue 9 fill only that)."""
    values = [v for v in (finding.stated_value, finding.expected_value) if v is not None]
    return values + numbers_in(finding.stated)


def _subject_matches(planted: PlantedFinding, finding) -> bool:
    return fuzz.partial_ratio(planted.subject.lower(), (finding.subject or "").lower()) >= SUBJECT_MATCH


def _matches(planted: PlantedFinding, finding) -> bool:
    """Whether ``finding`` is the one ``planted`` should raise: the same code, a figure of the planted
    ones (either side), and for codes about one indicator or program its subject. A planted claim in
    words (trend, category: no figures) matches on code and subject; one about the whole report on code."""
    if finding.code != planted.code:
        return False
    if planted.stated and not any(v in planted.stated for v in finding_numbers(finding)):
        return False
    if planted.subject_kind == "report":
        return True
    if planted.code in SUBJECT_CODES or not planted.stated:
        return _subject_matches(planted, finding)
    return True


def _tolerated(planted: PlantedFinding, finding) -> bool:
    """A finding of a code the planting may also raise (about its figures): neither right nor extra."""
    figures = planted.stated + planted.related
    return finding.code in planted.tolerated and any(v in figures for v in finding_numbers(finding))


def kind_of(planted: PlantedFinding) -> str:
    """``code/kind`` of a planting: the annex kind (``count_mismatch/count_levels``) or ``code/body``."""
    return f"{planted.code}/{planted.kind or 'body'}"


def score_findings(facts: ReportFacts, report: Report) -> tuple[Tally, dict[str, Tally], dict[str, Tally]]:
    """Overall, per-code and per-planting-kind tallies of the reported findings against the planted ones
    (an extra finding counts against its own code; kinds count only planted and found)."""
    reported = [f for f in report.findings if f.severity in COUNTED_SEVERITIES]
    tally = Tally(expected=len(facts.planted))
    by_code: dict[str, Tally] = {}
    by_kind: dict[str, Tally] = {}
    used: set[int] = set()
    for planted in facts.planted:
        mine = by_code.setdefault(planted.code, Tally())
        mine.expected += 1
        kind = by_kind.setdefault(kind_of(planted), Tally())
        kind.expected += 1
        hit = next((k for k, f in enumerate(reported) if k not in used and _matches(planted, f)), None)
        if hit is None:
            miss = f"missed {planted.code}: {planted.subject} {[str(v) for v in planted.stated]}"
            tally.misses.append(miss)
            mine.misses.append(miss)
        else:
            used.add(hit)
            tally.right += 1
            mine.right += 1
            kind.right += 1
    for k, f in enumerate(reported):
        if k in used or any(_matches(p, f) or _tolerated(p, f) for p in facts.planted):
            continue   # a duplicate of a planted one, or one its planting also causes, is no error
        extra = f"unplanted {f.code}: {f.subject} {f.stated!r}"
        tally.extra += 1
        tally.misses.append(extra)
        mine = by_code.setdefault(f.code, Tally())
        mine.extra += 1
        mine.misses.append(extra)
    return tally, by_code, by_kind


def compare(facts: ReportFacts, report: Report) -> Score:
    """Score ``report`` (what the extractor read) against ``facts`` (what was printed)."""
    findings, by_code, by_kind = score_findings(facts, report)
    return Score(
        agency=(report.agency or "").strip().lower() == facts.agency.lower(),
        region=(report.region or "").strip().lower() == facts.region.lower(),
        year=report.report_year == facts.year,
        indicators=score_indicators(facts, report),
        budget=score_budget(facts, report),
        findings=findings,
        findings_by_code=by_code,
        findings_by_kind=by_kind,
    )


def perfect_report(facts: ReportFacts, path: str = "synthetic") -> Report:
    """The Report a flawless reader would return for ``facts`` (the harness's yardstick: it scores 1.0)."""
    from extractor.model import Finding, Indicator, Measurement, Program, Provenance, Source
    from extractor.model import Budget as BudgetModel

    from .spelling import number

    where = Provenance(file=path)

    def fig(value: Decimal | None) -> Figure | None:
        return None if value is None else Figure(value=value, raw=number(value, 2))

    expected = expected_indicator_facts(facts)
    indicators = []
    for i, ind in enumerate(facts.indicators):
        years = sorted({year for (k, year, _) in expected if k == i})
        measurements = [Measurement(year=y, target=fig(expected.get((i, y, "target"))),
                                    realization=fig(expected.get((i, y, "realization"))),
                                    achievement=fig(expected.get((i, y, "achievement"))), provenance=where)
                        for y in years]
        indicators.append(Indicator(id=f"I{i + 1}", name=ind.name, unit=ind.unit, measurements=measurements,
                                    polarity="lower_is_better" if ind.lower_is_better else "higher_is_better"))
    programs = [Program(name=p.name, allocation=fig(p.allocation), realization=fig(p.realization),
                        absorption=fig(p.absorption), provenance=where) for p in facts.programs]
    b = facts.budget
    budget = BudgetModel(total_allocation=fig(b.total_allocation), operating_expenditure=fig(b.operating),
                         capital_expenditure=fig(b.capital), total_realization=fig(b.total_realization),
                         absorption=fig(b.absorption))
    findings = [Finding(code=p.code, severity="error", message="planted", subject=p.subject,
                        subject_kind="report" if p.subject_kind == "report" else None,
                        stated=number(p.stated[0], 2) if p.stated else p.subject,
                        stated_value=p.stated[0] if p.stated else None, provenance=where) for p in facts.planted]
    return Report(source=Source(path=path, sha256="0" * 64, format="text"), agency=facts.agency, region=facts.region,
                  report_year=facts.year, indicators=indicators, programs=programs, budget=budget, findings=findings)
