"""Damaged input is never called a success (extractor/plausibility.py): corpus reports cut short or
concatenated (written in tmp_path), a budget total its programs do not add up to, missing chapters."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

from corpus_expectations import CORPUS
from extractor import extract
from extractor.model import Budget, Figure, Program, Provenance, Report, Source
from extractor.plausibility import _budget_against_programs, roman_value

# the OCR text misreads a running header "BAB III" as "BAB V" (line 1809): a chapter out of sequence is no end
CORPUS_REPORTS = ["kota-dumai_bkpsdm_2023_ocr", "kota-dumai_dinsos-pmd_2023", "kota-dumai_disdukcapil_2023",
                  "kota-dumai_kecamatan-dumai-kota_2022", "kota-dumai_sekretariat-daerah_2023"]
PLAUSIBILITY_CODES = {"W_TRUNCATED", "W_SEVERAL_REPORTS", "W_MISSING_CHAPTERS"}


def _lines(stem: str) -> list[str]:
    return (CORPUS / f"{stem}.txt").read_text(encoding="utf-8").splitlines(keepends=True)


def _extract(tmp_path, name: str, text: str) -> Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(path)


@pytest.mark.parametrize("stem", CORPUS_REPORTS)
@pytest.mark.parametrize("fraction", [0.5, 0.6])
def test_a_report_cut_in_the_middle_is_partial(tmp_path, stem, fraction):
    lines = _lines(stem)
    got = _extract(tmp_path, f"cut-{stem}.txt", "".join(lines[:int(len(lines) * fraction)]))
    assert got.status == "partial"
    assert "W_TRUNCATED" in {w.code for w in got.warnings}


def test_the_issue_case_a_truncated_report_with_the_wrong_total(tmp_path):
    """Cut in half, dinsos-pmd's total is the murni budget 7.464.445.202 (not 13.904.271.740): no success."""
    lines = _lines("kota-dumai_dinsos-pmd_2023")
    got = _extract(tmp_path, "half.txt", "".join(lines[:len(lines) // 2]))
    assert got.budget.total_allocation.value == Decimal("7464445202")
    assert got.status == "partial"
    [truncated] = [w for w in got.warnings if w.code == "W_TRUNCATED"]
    assert truncated.line is not None


def test_a_report_cut_inside_a_table_is_partial(tmp_path):
    """sekretariat-daerah cut in the middle of Tabel 3.1 (the measurement table of BAB III, line 887 on)."""
    lines = _lines("kota-dumai_sekretariat-daerah_2023")
    got = _extract(tmp_path, "mid-table.txt", "".join(lines[:892]))
    assert lines[891].count("\t") >= 2  # the last line kept is a table row
    assert "W_TRUNCATED" in {w.code for w in got.warnings}


@pytest.mark.parametrize("first, second", [
    ("kota-dumai_dinsos-pmd_2023", "kota-dumai_disdukcapil_2023"),
    ("kota-dumai_kecamatan-dumai-kota_2022", "kota-dumai_sekretariat-daerah_2023"),
    ("kota-dumai_sekretariat-daerah_2023", "kota-dumai_bkpsdm_2023_ocr"),
    ("kota-dumai_bkpsdm_2023_ocr", "kota-dumai_dinsos-pmd_2023"),
    ("kota-dumai_disdukcapil_2023", "kota-dumai_disdukcapil_2023"),
])
def test_two_reports_in_one_file_are_partial(tmp_path, first, second):
    text = "".join(_lines(first)) + "\n" + "".join(_lines(second))
    got = _extract(tmp_path, "two.txt", text)
    assert got.status == "partial"
    several = [w for w in got.warnings if w.code == "W_SEVERAL_REPORTS"]
    assert len(several) == 1
    assert several[0].line > len(_lines(first))  # the second body starts in the second report
    assert got.agency in several[0].message  # the agency reported is one of those the warning names


@pytest.mark.parametrize("stem", CORPUS_REPORTS)
def test_whole_corpus_reports_give_no_structural_warning(stem):
    got = extract(CORPUS / f"{stem}.txt")
    assert not PLAUSIBILITY_CODES & {w.code for w in got.warnings}


def test_a_report_without_chapter_three_is_partial(tmp_path):
    """kecamatan-dumai-kota without BAB III (its listing in the contents and the body from BAB III to BAB IV)."""
    lines = _lines("kota-dumai_kecamatan-dumai-kota_2022")
    body_iii, body_iv = 391, 710  # 0-based lines of "BAB III" and "BAB IV PENUTUP" in the body
    assert lines[body_iii].startswith("BAB III") and lines[body_iv].startswith("BAB IV")
    kept = [line for n, line in enumerate(lines) if not body_iii <= n < body_iv
            and not line.lower().startswith("bab iii")]
    got = _extract(tmp_path, "no-iii.txt", "".join(kept))
    [missing] = [w for w in got.warnings if w.code == "W_MISSING_CHAPTERS"]
    assert "III" in missing.message and got.status == "partial"


def _program(allocation: str | None, realization: str | None = None) -> Program:
    def figure(raw):
        return None if raw is None else Figure(value=Decimal(raw), raw=raw)
    return Program(name="p", allocation=figure(allocation), realization=figure(realization),
                   provenance=Provenance(file="r.txt", line=1))


def _with_budget(total: str, programs: list[Program], decimals: int | None = None) -> Report:
    budget = Budget(total_allocation=Figure(value=Decimal(total), raw=total, decimals=decimals))
    return Report(source=Source(path="r.txt", sha256="0", format="text"), budget=budget, programs=programs)


@pytest.mark.parametrize("total, allocations, decimals, warned", [
    ("1000", ["600", "400"], None, False),             # the programs add up
    ("1000", ["600", "399.5"], None, False),           # within 0.1 %
    ("1000", ["600", "300"], None, True),              # a program missing
    ("1000", ["600", "400", "1000"], None, True),      # a total row read as a program
    ("13.9", ["6.9", "6.95"], 1, False),               # a total printed rounded (13,9 miliar): within 1 %
    ("1000", ["600", None], None, False),              # a program without an allocation: nothing to compare
    ("1000", ["1000"], None, False),                   # one program: nothing to compare
])
def test_budget_total_against_its_programs(total, allocations, decimals, warned):
    report = _with_budget(total, [_program(a) for a in allocations], decimals)
    assert [i.code for i in _budget_against_programs(report)] == (["W_BUDGET_PROGRAMS"] if warned else [])


def test_budget_realisation_against_its_programs():
    report = _with_budget("1000", [_program("600", "500"), _program("400", "100")])
    report.budget.total_realization = Figure(value=Decimal(900), raw="900")
    assert [i.code for i in _budget_against_programs(report)] == ["W_BUDGET_PROGRAMS"]


@pytest.mark.parametrize("numeral, value", [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("", 0), ("A", 0),
                                            ("I" * 10_000, 0)])
def test_roman_value(numeral, value):
    assert roman_value(numeral) == value


def test_a_build_of_damaged_files_records_them_partial(tmp_path):
    """`lkjip build`: the truncated and the concatenated file are in the dataset as partial, with their warnings."""
    import duckdb
    from typer.testing import CliRunner

    from extractor.cli import app
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    lines = _lines("kota-dumai_dinsos-pmd_2023")
    (folder / "cut.txt").write_text("".join(lines[:len(lines) // 2]), encoding="utf-8")
    (folder / "two.txt").write_text("".join(lines) + "\n" + "".join(_lines("kota-dumai_disdukcapil_2023")),
                                    encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(out / "lkjip.duckdb"), read_only=True)
    rows = con.execute("SELECT source_path, status, reading_issue_count FROM reports ORDER BY source_path").fetchall()
    assert [(Path(path).name, status) for path, status, _ in rows] == [("cut.txt", "partial"), ("two.txt", "partial")]
    assert all(count >= 1 for _, _, count in rows)
    reports = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (out / "reports").iterdir()}
    assert "W_TRUNCATED" in {w["code"] for w in reports["cut"]["warnings"]}
    assert "W_SEVERAL_REPORTS" in {w["code"] for w in reports["two"]["warnings"]}


def test_many_chapter_runs_are_checked_in_linear_time():
    """20 000 runs of BAB I–IV (a hostile or huge compilation): every check stays linear and says so."""
    import time

    from extractor.plausibility import check
    from extractor.read.base import Line
    from extractor.structure import Section
    from extractor.tables import ParsedTable

    runs, chapter_lines = 20_000, 60  # BAB I to BAB IV span 180 lines: each run is a report body
    sections, lines = [], []
    for run in range(runs):
        for k, numeral in enumerate(["I", "II", "III", "IV"]):
            section = Section("chapter", numeral, "", (run * 4 + k) * chapter_lines + 1, numeral)
            lines.append(Line(section.line, "", ""))
            sections.append(section)
    report = Report(source=Source(path="r.txt", sha256="0", format="text"))
    started = time.perf_counter()
    codes = [i.code for i in check(report, lines, sections, list[ParsedTable]())]
    assert time.perf_counter() - started < 10
    assert codes == ["W_SEVERAL_REPORTS"]
