"""The annexes and prose claims of the synthetic reports (tests/synth/annex.py, appendix.py): each planted
error of the issue 9 kinds is printed in the rendered text as recorded, and a perfect reader scores 1.0."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from synth.annex import direction_of, efficiency_label
from synth.document import build
from synth.facts import ANNEX_CODES, generate, predicate_of
from synth.harness import compare, numbers_in, perfect_report
from synth.planting import ANNEX_KINDS, LEVEL_SUBJECTS
from synth import vocabulary as vocab
from synth.text import render_text

SEEDS = list(range(40)) + list(range(1000, 1040))


def _text(facts) -> str:
    return render_text(build(facts))


def _planted(code: str, about: str):
    """(facts, planting) of the first seeds planting ``code`` whose subject is ``about``: "indicator",
    "program", "activity", "sub" (a sub kegiatan) or "report"."""
    out = []
    for seed in SEEDS:
        facts = generate(seed)
        kinds = {ind.name: "indicator" for ind in facts.indicators}
        for row in facts.annex.rows():
            kinds.setdefault(row.name, {1: "program", 2: "activity", 3: "sub"}[row.level])
        for p in facts.planted:
            if p.code == code and p.kind in ANNEX_KINDS and kinds.get(p.subject, "report") == about:
                out.append((facts, p))
    assert out, f"no seed plants {code} about a {about}"
    return out[:4]


def _annex_row(text: str, name: str) -> list[str]:
    """The budget annex's row of ``name`` (nine cells: code, name, pagu, TW I–IV, realisasi, %)."""
    rows = [line.split("\t") for line in text.splitlines()]
    return next(cells for cells in rows if len(cells) == 9 and cells[1] == name)


def _amount(cell: str) -> Decimal:
    return numbers_in(cell)[0]


@pytest.mark.parametrize("level", ["activity", "program"])
def test_a_planted_rollup_prints_a_parent_that_is_not_the_sum_of_its_children(level):
    for facts, planted in _planted("rollup_mismatch", level):
        text = _text(facts)
        parent = next(r for r in facts.annex.rows() if r.name == planted.subject)
        printed = _amount(_annex_row(text, parent.name)[2])
        children = sum((_amount(_annex_row(text, c.name)[2]) for c in parent.children), Decimal(0))
        assert printed == planted.stated[0] and children == planted.stated[1]
        assert printed != children


def test_unplanted_annex_rows_add_up():
    facts = generate(3)
    text = _text(facts)
    for row in facts.annex.rows():
        if row.children:
            assert _amount(_annex_row(text, row.name)[2]) == sum(_amount(_annex_row(text, c.name)[2])
                                                                 for c in row.children)
        else:
            cells = _annex_row(text, row.name)
            assert sum(_amount(c) for c in cells[3:7]) == _amount(cells[7])


def test_planted_quarters_of_a_sub_kegiatan_do_not_add_up_to_its_realisasi():
    for facts, planted in _planted("quarter_mismatch", "sub"):
        cells = _annex_row(_text(facts), planted.subject)
        quarters = sum(_amount(c) for c in cells[3:7])
        assert _amount(cells[7]) == planted.stated[0] and quarters == planted.stated[1] != planted.stated[0]


def _plan_row(facts, text: str, indicator: str) -> list[str]:
    """The action plan's row of ``indicator`` (its last five cells: annual target, TW 1–4)."""
    caption = vocab.ANNEX_WORDS[facts.family]["plan_caption"].format(year=facts.year)
    rows = [line.split("\t") for line in text.split(caption, 1)[1].splitlines()]
    return next(cells for cells in rows if len(cells) == 9 and cells[2] == indicator)


def test_a_planted_cumulative_target_stops_short_of_the_annual_target():
    for facts, planted in _planted("quarter_mismatch", "indicator"):
        cells = _plan_row(facts, _text(facts), planted.subject)
        annual, fourth = numbers_in(cells[4])[0], numbers_in(cells[8])[0]
        assert (fourth, annual) == tuple(planted.stated) and fourth < annual


def test_the_action_plan_repeats_a_target_otherwise_than_the_body():
    found = [(f, p) for f, p in _planted("cross_table_mismatch", "indicator") if f.annex and
             any(t.annual == p.stated[0] and t.indicator.name == p.subject for t in f.annex.targets)]
    assert found
    for facts, planted in found:
        ind = next(i for i in facts.indicators if i.name == planted.subject)
        annex_target = numbers_in(_plan_row(facts, _text(facts), ind.name)[4])[0]
        assert annex_target == planted.stated[0] != ind.current.target == planted.stated[1]


def test_a_planted_level_count_differs_from_the_rows_the_annex_lists():
    checked = 0
    for facts, planted in _planted("count_mismatch", "report"):
        level = next((k for k, v in LEVEL_SUBJECTS.items() if v == planted.subject), None)
        if level is None:          # the body's indicator count, planted before issue 9
            continue
        listed = {"objective": len(facts.objectives), "program": len(facts.annex.lines),
                  "activity": sum(len(p.children) for p in facts.annex.lines),
                  "subactivity": len(facts.annex.leaves())}[level]
        ending = " indikator kinerja utama." if level == "objective" else " sub kegiatan."
        sentence = next(line for line in _text(facts).splitlines() if line.lower().endswith(ending))
        assert f"{planted.stated[0]} (" in sentence and planted.stated[0] != listed
        checked += 1
    assert checked


def test_a_planted_trend_sentence_names_the_wrong_direction():
    for facts, planted in _planted("trend_mismatch", "indicator"):
        claim = next(c for c in facts.annex.trends if c.indicator.name == planted.subject)
        words = vocab.DIRECTION_WORDS[facts.family]
        sentence = next(line for line in _text(facts).splitlines() if planted.subject in line
                        and str(claim.previous_year) in line and any(w in line for w in words.values()))
        truth = direction_of(claim.value, claim.previous)
        assert words[claim.direction] in sentence and claim.direction != truth
        assert not re.search(rf"\b{re.escape(words[truth])}\b", sentence)


def test_planted_categories_contradict_the_printed_scales():
    overall = efficiency = 0
    for seed in SEEDS:
        facts = generate(seed)
        annex, text = facts.annex, _text(facts)
        planted = {p.subject for p in facts.planted if p.code == "category_mismatch"}
        sentence = next(line for line in text.splitlines() if "rata-rata capaian" in line.lower())
        assert annex.overall_predicate in sentence
        right = predicate_of(facts.scale, annex.average) == annex.overall_predicate
        assert right == ("predikat capaian kinerja keseluruhan" not in planted)
        overall += not right
        if annex.efficiency_label is not None:
            level = facts.efficiency[0]
            right = efficiency_label(annex.efficiency_scale, level) == annex.efficiency_label
            assert right == ("kategori efisiensi" not in planted)
            assert annex.efficiency_label in text
            efficiency += not right
    assert overall and efficiency


def test_a_planted_format_anomaly_is_printed_as_recorded():
    for facts, planted in _planted("format_anomaly", "sub"):
        cell = _annex_row(_text(facts), planted.subject)[2]
        assert re.search(r"\d{1,3}(\.\d{3})*,\d{3}$", cell.removesuffix(",-"))
        assert planted.stated[0] == planted.stated[1] * 1000


def test_family_b_uses_other_annex_words_and_templates():
    a_words = vocab.ANNEX_WORDS["A"]
    for seed in range(1000, 1010):
        text = _text(generate(seed))
        for key in ("budget_caption", "plan_caption"):
            assert a_words[key].split("{")[0] not in text
        assert "Program yang terdiri dari" not in text and "rata-rata capaian kinerja" not in text
        assert " dibandingkan tahun " not in text


def test_a_perfect_extraction_scores_one_on_every_new_code():
    seen = set()
    for seed in (*range(10), *range(1000, 1010)):
        facts = generate(seed)
        score = compare(facts, perfect_report(facts))
        assert (score.findings.recall, score.findings.precision) == (1.0, 1.0)
        seen |= {code for code in score.findings_by_code if code in ANNEX_CODES}
    assert seen == set(ANNEX_CODES)


def test_a_missed_claim_in_words_lowers_its_code_only():
    facts, planted = _planted("trend_mismatch", "indicator")[0]
    report = perfect_report(facts)
    report.findings = [f for f in report.findings if f.code != "trend_mismatch"]
    score = compare(facts, report)
    assert score.findings_by_code["trend_mismatch"].recall == 0.0
    assert all(t.recall == 1.0 for code, t in score.findings_by_code.items() if code != "trend_mismatch")


def test_a_finding_matches_on_its_stated_value_when_its_text_names_no_figure():
    facts, planted = _planted("rollup_mismatch", "activity")[0]
    report = perfect_report(facts)
    finding = next(f for f in report.findings if f.code == "rollup_mismatch")
    finding.stated, finding.stated_value, finding.expected_value = "pagu kegiatan", None, planted.stated[1]
    assert compare(facts, report).findings_by_code["rollup_mismatch"].recall == 1.0
    finding.expected_value = planted.stated[1] + 1
    assert compare(facts, report).findings_by_code["rollup_mismatch"].recall == 0.0


def test_a_finding_a_planting_also_causes_is_neither_right_nor_extra():
    from extractor.model import Finding, Provenance

    facts, planted = _planted("format_anomaly", "sub")[0]
    report = perfect_report(facts)
    side = Finding(code="rollup_mismatch", severity="warning", message="side", subject="kegiatan",
                   stated_value=planted.related[0], provenance=Provenance(file="synthetic"))
    unrelated = side.model_copy(update={"stated_value": Decimal(1)})
    report.findings.append(side)
    assert (compare(facts, report).findings.precision, compare(facts, report).findings.recall) == (1.0, 1.0)
    report.findings.append(unrelated)
    assert compare(facts, report).findings.extra == 1
