"""Compare an extracted report with what a person read in it (``tests/expected/<report>.yaml``).

Each corpus report has its own test module that calls these checks; the values live in the YAML
files beside them, written from reading the reports, never from program output.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from extractor.model import Figure, Report
from extractor.numbers import parse_figure
from extractor.pipeline import assemble_document, extract
from extractor.read import read_document
from extractor.verify import Context

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS.parent / "corpus"
BUDGET_KEYS = ["total_allocation", "operating_expenditure", "capital_expenditure", "total_realization"]


@lru_cache(maxsize=None)
def expected(stem: str) -> dict:
    with open(TESTS / "expected" / f"{stem}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def report(stem: str) -> Report:
    return extract(CORPUS / f"{stem}.txt")


@lru_cache(maxsize=None)
def corpus_context(name: str) -> Context:
    """Given a corpus report's name, return the verification context of its extraction (cached)."""
    document = read_document(CORPUS / f"{name}.txt")
    report, printed, _ = assemble_document(document)
    return Context(report=report, document=document, tables=printed)


def same_figure(fig: Figure | None, raw: str | None) -> bool:
    """The extracted figure is the printed one: same value, and the raw text is the printed text."""
    if raw is None:
        return fig is None
    if fig is None:
        return False
    want = parse_figure(raw)
    return want is not None and fig.value == want.value and _printed(raw) == _printed(fig.raw)


def _printed(raw: str) -> str:
    """The number as printed, without the currency sign, the ``,-`` tail and spacing."""
    return raw.replace("Rp.", "").replace("Rp", "").replace(",-", "").replace(" ", "").strip()


def find_indicator(rep: Report, name: str):
    scored = [(fuzz.token_sort_ratio(name.lower(), i.name.lower()), i) for i in rep.indicators if i.level == "agency"]
    score, best = max(scored, key=lambda s: s[0], default=(0, None))
    return best if score >= 80 else None


def indicator_cases(stem: str) -> list[tuple[str, int, dict]]:
    return [(ind["name"], m["year"], m) for ind in expected(stem).get("indicators") or [] for m in ind["measurements"]]


def check_metadata(stem: str) -> None:
    exp, rep = expected(stem), report(stem)
    assert rep.report_year == exp["report_year"]
    assert rep.region == exp["region"]
    agency = rep.agency or ""
    # the agency as the report names itself, with or without the region after it
    assert agency.lower() in (exp["agency"].lower(), f"{exp['agency']} {exp['region']}".lower()), agency


def check_indicator_count(stem: str) -> None:
    agency = [i for i in report(stem).indicators if i.level == "agency"]  # IKU; programs' indicators apart
    assert len(agency) == len(expected(stem)["indicators"])


def check_measurement(stem: str, name: str, year: int, want: dict) -> None:
    indicator = find_indicator(report(stem), name)
    assert indicator is not None, f"indicator {name!r} not extracted"
    m = next((m for m in indicator.measurements if m.year == year), None)
    assert m is not None, f"{name!r}: no measurement for {year}"
    for key in ("target", "realization", "achievement"):
        assert same_figure(getattr(m, key), want.get(key)), (key, getattr(m, key), want.get(key))
    if want.get("predicate"):
        assert (m.predicate or "").lower() == want["predicate"].lower()
    assert m.provenance.line is not None and m.provenance.table


def check_programs(stem: str) -> None:
    exp, rep = expected(stem), report(stem)
    wanted = exp.get("programs") or []
    assert len(rep.programs) == len(wanted), [p.name for p in rep.programs]
    for program, want in zip(rep.programs, wanted):
        assert fuzz.token_sort_ratio(program.name.lower(), want["name"].lower().removeprefix("program ")) >= 70 or \
            fuzz.token_sort_ratio(program.name.lower(), want["name"].lower()) >= 80, (program.name, want["name"])
        for key in ("allocation", "realization", "absorption"):
            assert same_figure(getattr(program, key), want.get(key)), (program.name, key, getattr(program, key), want.get(key))
        if "original_allocation" in want:
            assert same_figure(program.original_allocation, want["original_allocation"]), program.name
        assert program.provenance.table.startswith(want["table"])


def check_objective_allocations(stem: str) -> None:
    """The parts of programs' budgets a table gives each sasaran, kept on the sasaran (not as programs)."""
    rep = report(stem)
    got = [(o, a) for o in rep.objectives for a in o.allocations]
    wanted = expected(stem).get("objective_allocations") or []
    assert len(got) == len(wanted), [(o.name, a.name) for o, a in got]
    for want in wanted:
        objective, allocation = next(((o, a) for o, a in got if a.provenance.line == want["line"]), (None, None))
        assert allocation is not None, want
        assert fuzz.token_sort_ratio(objective.name.lower(), want["objective"].lower()) >= 85, (objective.name, want)
        assert fuzz.token_sort_ratio(allocation.name.lower(), want["name"].lower()) >= 85, (allocation.name, want)
        for key in ("allocation", "realization", "absorption"):
            assert same_figure(getattr(allocation, key), want.get(key)), (allocation.name, key)


def check_budget(stem: str, key: str) -> None:
    want = (expected(stem).get("budget") or {}).get(key)
    fig = getattr(report(stem).budget, key)
    assert same_figure(fig, want["raw"] if want else None), (key, fig, want)
