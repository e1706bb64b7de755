"""Shared test settings: ``--runslow`` for long runs, the corpus folder."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run slow tests (fuzzing, large archives)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def corpus_dataset(tmp_path_factory) -> Path:
    """The dataset of the five corpus reports (``write_dataset``), written once per test session; its folder."""
    from corpus_expectations import report
    from extractor.dataset import write_dataset

    out = tmp_path_factory.mktemp("corpus_dataset")
    write_dataset({p.stem: report(p.stem) for p in sorted(CORPUS.glob("*.txt"))}, out)
    return out


@pytest.fixture(scope="session")
def corpus_report_dataset(tmp_path_factory) -> Path:
    """A dataset folder as ``lkjip build`` leaves it for the five corpus reports: ``reports/*.json`` and the
    tables with ``lkjip.duckdb`` (written once per test session)."""
    from corpus_expectations import report
    from extractor.dataset import write_dataset
    from extractor.export import write_report

    out = tmp_path_factory.mktemp("corpus_report_dataset")
    reports = {p.stem: report(p.stem) for p in sorted(CORPUS.glob("*.txt"))}
    for rid, document in reports.items():
        write_report(document, out / "reports" / f"{rid}.json")
    write_dataset(reports, out)
    return out


@pytest.fixture(scope="session")
def corpus_site(corpus_report_dataset, tmp_path_factory):
    """The verification pages of the corpus dataset (``lkjip report DATASET --out DIR``), in Indonesian."""
    from extractor.report import write_site

    return write_site(corpus_report_dataset, tmp_path_factory.mktemp("corpus_site"))
