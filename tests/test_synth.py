"""The synthetic report generator (tests/synth) and its round-trip harness, on a small fixed sample."""
from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal

import pytest

from extractor.pipeline import extract
from synth.document import build
from synth.facts import BODY_CODES, CODES, achievement_of, generate, predicate_of
from synth.harness import compare, numbers_in, perfect_report
from synth.renderings import render, render_many
from synth.text import render_text

SAMPLE = (0, 1, 3)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("synth-cache")


def test_the_same_seed_gives_the_same_report(tmp_path):
    assert generate(7) == generate(7)
    assert render_text(build(generate(7))) == render_text(build(generate(7)))
    first, second = render(7, "docx", tmp_path / "a"), render(7, "docx", tmp_path / "b")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


def test_seeds_differ_and_families_split_at_1000():
    assert generate(1) != generate(2)
    assert {generate(s).family for s in (0, 999)} == {"A"}
    assert {generate(s).family for s in (1000, 1500)} == {"B"}


def test_every_finding_code_is_planted_within_ten_seeds():
    planted = {p.code for seed in range(10) for p in generate(seed).planted}
    assert planted == set(CODES)
    held_out = {p.code for seed in range(1000, 1010) for p in generate(seed).planted}
    assert held_out == set(CODES)


def test_unplanted_figures_obey_the_report_arithmetic():
    for seed in range(20):
        facts = generate(seed)
        touched = {p.subject.split(",")[0] for p in facts.planted} | set(facts.narrative)
        for ind in facts.indicators:
            if ind.name in touched:
                continue
            cur = ind.current
            assert cur.achievement == achievement_of(cur.target, cur.realization, ind.lower_is_better)
            assert ind.predicate == predicate_of(facts.scale, cur.achievement)
        for program in facts.programs:
            if program.name in touched:  # a planted roll-up: the kegiatan's pagu printed wrong
                continue
            assert program.allocation == sum(k.allocation for k in program.children)
        assert facts.budget.total_allocation == sum(p.allocation for p in facts.programs)


def test_lower_is_better_capaian_is_inverted():
    assert achievement_of(Decimal(10), Decimal(8), True) == Decimal("120.00")
    assert achievement_of(Decimal(10), Decimal(8), False) == Decimal("80.00")


def test_figures_in_finding_text_are_read_the_indonesian_way():
    assert numbers_in("15 (lima belas) indikator") == [Decimal(15)]
    assert numbers_in("Rp. 1.234.567,50") == [Decimal("1234567.50")]


def test_a_perfect_extraction_scores_one():
    for seed in (*SAMPLE, 1004):
        facts = generate(seed)
        score = compare(facts, perfect_report(facts))
        assert score.metadata
        for tally in (score.indicators, score.budget, score.findings):
            assert (tally.recall, tally.precision) == (1.0, 1.0)


def test_a_damaged_extraction_scores_lower():
    facts = generate(3)
    report = perfect_report(facts)
    report.region = report.region.rsplit(" ", 1)[0]
    measurement = report.indicators[0].measurements[-1]
    measurement.target.value += 1
    del report.indicators[1]
    report.programs = report.programs[1:]
    report.findings = report.findings[1:]
    score = compare(facts, report)
    assert not score.region and score.agency and score.year
    assert score.indicators.wrong == 1 and score.indicators.recall < 1 and score.indicators.precision < 1
    assert score.budget.recall < 1 and score.findings.recall < 1


def test_a_wrong_figure_marked_low_confidence_is_unsure_not_wrong():
    facts = generate(3)
    report = perfect_report(facts)
    figure = report.indicators[0].measurements[-1].achievement
    figure.value += 5
    figure.low_confidence = True
    score = compare(facts, report)
    assert (score.indicators.wrong, score.indicators.unsure) == (0, 1)
    assert score.indicators.precision == 1.0 and score.indicators.strict_precision < 1.0


@pytest.mark.parametrize("rendering", ["text", "docx"])
def test_text_and_docx_round_trip(rendering, cache):
    """What the extractor already manages on the fixed sample (figures measured when this was written)."""
    paths = render_many(list(SAMPLE), [rendering], cache)
    for seed in SAMPLE:
        score = compare(generate(seed), extract(paths[(seed, rendering)]))
        assert score.agency and score.year
        assert score.indicators.recall == 1.0 and score.indicators.precision == 1.0
        assert all(score.findings_by_code[code].recall == 1.0 for code in BODY_CODES if code in score.findings_by_code)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or pdftotext not installed")
def test_libreoffice_pdf_round_trip(cache):
    path = render(0, "pdf_ruled", cache)
    assert path.read_bytes().startswith(b"%PDF")
    score = compare(generate(0), extract(path))
    assert score.agency and score.year
    assert score.indicators.recall == 1.0 and score.indicators.precision == 1.0
    assert all(score.findings_by_code[code].recall == 1.0 for code in BODY_CODES if code in score.findings_by_code)


def test_docx_tables_keep_merged_cells(tmp_path):
    """The .docx prints real Word tables: a merged sasaran cell spans its indicators' rows."""
    from docx import Document

    seed = next(s for s in range(50) if generate(s).layout.merged_objective
                and max(len(o.indicators) for o in generate(s).objectives) > 1)
    facts = generate(seed)
    document = Document(str(render(seed, "docx", tmp_path)))
    measurement = next(t for t in document.tables
                       if any(ind.name == c.text for c in t.columns[2].cells for ind in facts.indicators))
    objective = next(o for o in facts.objectives if len(o.indicators) > 1)
    column = measurement.columns[1].cells
    rows = [c for c in column if c.text == objective.name]
    # the name is printed once; python-docx resolves the vertical merge, so each spanned row sees it
    assert len(rows) == len(objective.indicators)
    assert len({c._tc for c in rows}) == 1


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice (soffice) or poppler-utils not installed")
def test_a_scan_is_image_only_with_one_page_turned(cache):
    import subprocess

    import pypdfium2 as pdfium

    seed = next(s for s in range(20) if generate(s).layout.landscape_measurement)
    path = render(seed, "scan150", cache)
    assert subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.strip() == ""
    document = pdfium.PdfDocument(path)
    rotations = [document[i].get_rotation() for i in range(len(document))]
    document.close()
    assert rotations.count(90) == 1 and set(rotations) <= {0, 90}
