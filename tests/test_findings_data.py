"""Findings as data a researcher can join: on the corpus, every finding of the recomputing rules says what
it is about (subject kind and id, field, year), carries its numbers as numbers, the parts it used and every
place involved, and the basis of its severity; its subject id joins to the dataset's tables in SQL."""
from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache

import pytest

from corpus_expectations import CORPUS, report
from extractor.export import write_dataset
from extractor.pipeline import extract
from extractor.model import Figure, Provenance
from extractor.verify import absorption, achievement
from extractor.verify.absorption import BudgetLine

STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))
CODES = {"achievement_mismatch", "absorption_mismatch", "sum_mismatch", "words_mismatch", "cross_table_mismatch",
         "efficiency_mismatch", "predicate_mismatch", "narrative_mismatch"}
# tujuan-level indicators (Sekretariat Daerah lines 350, 354 and their repeat 1198, 1201: "Jumlah BUMD yang
# dibina dan dikembangkan", "Jumlah Mahasiswa yang memperoleh bantuan beasiswa") whose CAPAIAN cell holds a
# count: the report's indicators are its sasaran IKU, so these rows name no indicator to join to
UNMODELLED_ROWS = {("kota-dumai_sekretariat-daerah_2023", line) for line in (350, 354, 1198, 1201)}


def findings(stem: str) -> list:
    # the quarterly-target check of sums.py moves to rollups.py (quarter_mismatch), which fills its own fields
    return [f for f in report(stem).findings if f.code in CODES and not (f.subject or "").endswith("quarterly targets")]


@pytest.mark.parametrize("stem", STEMS)
def test_every_finding_says_what_it_is_about_with_numbers_and_places(stem):
    for f in findings(stem):
        where = (f.provenance.line, f.code, f.subject)
        assert isinstance(f.stated_value, Decimal), where
        assert f.subject_kind is not None and f.basis is not None and f.field is not None, where
        assert f.places and f.places[0].line == f.provenance.line, where
        assert f.severity != "error" or f.basis == "arithmetic", where
        assert f.severity != "warning" or f.basis in ("reading", "interpretation"), where
        if f.subject_kind in ("indicator", "program", "activity", "budget"):
            assert f.subject_id, where


@pytest.mark.parametrize("stem", STEMS)
def test_achievement_and_absorption_parts_recompute_the_expected_value(stem):
    rep = report(stem)
    polarity = {i.id: i.polarity for i in rep.indicators}
    checked = 0
    for f in findings(stem):
        if f.code not in ("achievement_mismatch", "absorption_mismatch") or f.expected_value is None:
            continue
        first, second = (p.value for p in f.parts)
        assert all(p.provenance is not None and p.raw for p in f.parts)
        if f.code == "achievement_mismatch":  # parts: target, realisasi
            value = achievement.recompute(first, second, polarity.get(f.subject_id, "higher_is_better"))
        else:  # parts: anggaran, realisasi
            value = second / first * 100
        assert value == f.expected_value, (f.provenance.line, f.subject)
        checked += 1
    assert checked == sum(f.code in ("achievement_mismatch", "absorption_mismatch") and f.severity != "info"
                          for f in findings(stem))


@pytest.mark.parametrize("stem", STEMS)
def test_a_sum_s_parts_add_up_to_its_expected_value(stem):
    for f in findings(stem):
        if f.code == "sum_mismatch":
            assert sum(p.value for p in f.parts) == f.expected_value, f.provenance.line
            assert len(f.places) >= 2  # the total and where its parts are printed


@pytest.mark.parametrize("stem", STEMS)
def test_ids_are_unique_within_a_report(stem):
    rep = report(stem)
    ids = [i.id for i in rep.indicators] + [p.id for p in rep.programs]
    ids += [a.id for p in rep.programs for k in p.activities for a in (k, *k.activities)]
    ids += [a.id for o in rep.objectives for a in o.allocations]
    assert None not in ids and len(ids) == len(set(ids))
    assert all(e.id == p.id for p in rep.programs for e in p.evidence)  # another printing of the same program


def test_programs_kegiatan_and_sub_kegiatan_are_numbered_and_findings_point_at_them(tmp_path):
    """A program table listing kegiatan and sub kegiatan (tests/test_program_outline.py), with a planted
    absorption: 250.000.000 / 300.000.000 = 83,33 %, printed 85,00 for the second sub kegiatan of the second
    kegiatan of the first program."""
    from test_program_outline import BY_WORDS
    path = tmp_path / "outline.txt"
    path.write_text(BY_WORDS.format(agency="Dinas Kesehatan", region="Kota Contoh").replace(
        "250.000.000\t83,33", "250.000.000\t85,00"), encoding="utf-8")
    rep = extract(path)
    assert [(p.id, [(a.id, [s.id for s in a.activities]) for a in p.activities]) for p in rep.programs] == [
        ("p1", [("p1.a1", ["p1.a1.s1"]), ("p1.a2", ["p1.a2.s1", "p1.a2.s2"])]), ("p2", [("p2.a1", ["p2.a1.s1"])])]
    [finding] = [f for f in rep.findings if f.code == "absorption_mismatch"]
    assert (finding.subject_kind, finding.subject_id, finding.severity, finding.basis, finding.stated_value) == (
        "activity", "p1.a2.s2", "error", "arithmetic", 85)


@lru_cache(maxsize=1)
def dataset(path: str):
    import duckdb
    write_dataset({stem: report(stem) for stem in STEMS}, path)
    return duckdb.connect(f"{path}/lkjip.duckdb", read_only=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return dataset(str(tmp_path_factory.mktemp("dataset")))


def test_every_achievement_mismatch_joins_its_indicator_s_measurement_of_that_year(db):
    rows = db.execute("""
        SELECT f.report_id, f.line, f.subject_kind, m.indicator_id IS NOT NULL AS joined,
               f.stated_value, m.value
        FROM findings f LEFT JOIN measurements m
          ON m.report_id = f.report_id AND m.indicator_id = f.subject_id AND m.year = f.year
             AND m.field = 'achievement'
        WHERE f.code = 'achievement_mismatch'""").fetchall()
    assert len(rows) == 16
    unjoined = {(r[0], r[1]) for r in rows if not r[3]}
    assert unjoined == UNMODELLED_ROWS
    assert all(r[2] == "table_row" for r in rows if (r[0], r[1]) in UNMODELLED_ROWS)


def test_a_row_naming_no_indicator_is_the_subject_by_its_table_row_id():
    """The tujuan rows' findings point at their row of ``report.tables`` (``t10.r6``: table t10, rows[5])."""
    rep = report("kota-dumai_sekretariat-daerah_2023")
    tables = {t.id: t for t in rep.tables}
    bumd = [f for f in rep.findings if f.code == "achievement_mismatch" and f.provenance.line in (350, 1198)]
    assert len(bumd) == 2
    for f in bumd:
        table, row = f.subject_id.split(".r")
        assert tables[table].rows[int(row) - 1][1].text.startswith("Jumlah BUMD yang dibina")


def test_findings_on_programs_join_the_programs_table(db):
    rows = db.execute("""
        SELECT f.code, f.line, p.name FROM findings f LEFT JOIN programs p
          ON p.report_id = f.report_id AND p.program_id = f.subject_id
        WHERE f.subject_kind = 'program'""").fetchall()
    assert len(rows) >= 19 and all(name is not None for _, _, name in rows)
    # Disdukcapil Tabel 3 line 131 prints Penunjang 8.518.918.015: the program the findings point at
    assert any(code == "cross_table_mismatch" and line == 131 and "Penunjang" in name for code, line, name in rows)


def test_finding_numbers_parts_and_places_are_columns(db):
    types = dict(db.execute("SELECT column_name, data_type FROM information_schema.columns "
                            "WHERE table_name = 'findings'").fetchall())
    assert types["stated_value"] == types["expected_value"] == "DECIMAL(28,6)"
    assert {"subject_kind", "subject_id", "field", "year", "formula", "basis", "parts", "places"} <= set(types)
    # Disdukcapil Tabel 3 (line 136): JUMLAH 8.955.501.115 against its five programs
    stated, expected, parts, places = db.execute(
        "SELECT stated_value, expected_value, parts, places FROM findings WHERE report_id = "
        "'kota-dumai_disdukcapil_2023' AND code = 'sum_mismatch' AND line = 136").fetchone()
    assert (stated, expected) == (8955501115, 8955438115)
    assert sum(p["value"] for p in json.loads(parts)) == expected and len(json.loads(places)) == 6


# ------------------------------------------------------------------ severity by its basis (small cases)


def _line(allocation: str, realization: str, stated: str, low: bool = False, confidence=None) -> BudgetLine:
    figure = lambda raw, value: Figure(value=Decimal(value), raw=raw, low_confidence=low)  # noqa: E731
    return BudgetLine("Program A", figure(allocation, allocation.replace(".", "")),
                      figure(realization, realization.replace(".", "")), figure(stated, stated.rstrip("%")),
                      Provenance(file="f", line=4, confidence=confidence))


def test_an_absorption_that_is_certain_is_an_arithmetic_error():
    finding = absorption.judge_budget_line(_line("1.000", "900", "95%"))
    assert (finding.severity, finding.basis, finding.stated_value, finding.expected_value) == ("error", "arithmetic", 95, 90)
    assert [(p.label, p.value) for p in finding.parts] == [("anggaran", 1000), ("realisasi", 900)]


def test_an_absorption_read_with_low_confidence_or_by_ocr_is_a_reading_warning():
    for line in (_line("1.000", "900", "95%", low=True), _line("1.000", "900", "95%", confidence=71.0)):
        finding = absorption.judge_budget_line(line)
        assert (finding.severity, finding.basis) == ("warning", "reading")


def test_an_absorption_that_adds_up_gives_nothing():
    assert absorption.judge_budget_line(_line("1.000", "900", "90%")) is None


def test_a_row_shifted_against_its_name_is_a_reading_warning():
    shifted = [f for f in report("kota-dumai_kecamatan-dumai-kota_2022").findings
               if f.code == "cross_table_mismatch" and f.provenance.line in (705, 706, 707)]
    assert len(shifted) == 9 and {(f.severity, f.basis, f.subject_kind) for f in shifted} == {
        ("warning", "reading", "program")}


def test_a_finding_in_a_table_whose_columns_were_inferred_is_a_reading_warning(tmp_path):
    """Tabel 3.2 of tests/test_column_proof.py heads its columns "Plafon | Terpakai | Bagian Terpakai", words
    no pattern knows: the figures prove them allocation, realisation and absorption (90,00 and 91,50 hold).
    Planted: 480.000.000 / 500.000.000 = 96 %, printed 95,00 — a finding resting on that inference."""
    from test_column_proof import REPORT
    path = tmp_path / "pelalawan_bpbd_2021.txt"
    path.write_text(REPORT.replace("480.000.000\t96,00", "480.000.000\t95,00"), encoding="utf-8")
    [finding] = [f for f in extract(path).findings if f.code == "absorption_mismatch"]
    assert (finding.severity, finding.basis, finding.subject_kind, finding.subject_id, finding.stated_value,
            finding.expected_value) == ("warning", "reading", "program", "p2", 95, 96)
