"""The dataset on the corpus: exact figures beside their text, provenance, findings joined to what they are
about; the data package validating; ``lkjip query`` and every export format; the tables' own definition
(no SQL keyword as a column name, every column described); streaming and atomic writing."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from corpus_expectations import report
from extractor.atomic import created_mode
from extractor.cli import app
from extractor.dataset import TABLES, DatasetWriter, rows_of, write_dataset
from extractor.dataset.package import data_dictionary, data_package
from extractor.dataset.schema import DECIMAL_PRECISION, DECIMAL_SCALE

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
DISDUKCAPIL, BKPSDM, SETDA = ("kota-dumai_disdukcapil_2023", "kota-dumai_bkpsdm_2023_ocr",
                              "kota-dumai_sekretariat-daerah_2023")
DECIMAL = f"DECIMAL({DECIMAL_PRECISION},{DECIMAL_SCALE})"


@pytest.fixture(scope="module")
def db(corpus_dataset):
    con = duckdb.connect(str(corpus_dataset / "lkjip.duckdb"), read_only=True)
    yield con
    con.close()


def parquet_rows(folder: Path) -> dict[str, int]:
    return {t.name: pq.ParquetFile(folder / "tables" / f"{t.name}.parquet").metadata.num_rows for t in TABLES}


# ------------------------------------------------------------------ values from the reports


def test_disdukcapil_total_budget_is_an_exact_decimal_beside_its_text(db):
    # Disdukcapil line 723: "Rp.8.955.501.115" (tests/expected/kota-dumai_disdukcapil_2023.yaml)
    value, raw, line, kind = db.execute(
        "SELECT value, value_raw, line, typeof(value) FROM budgets WHERE report_id = ? AND item = 'total_allocation'",
        [DISDUKCAPIL]).fetchone()
    assert (value, raw, line, kind) == (Decimal("8955501115"), "Rp.8.955.501.115", 723, DECIMAL)


def test_a_measurement_keeps_its_raw_text_precision_and_doubt(db):
    # Disdukcapil: capaian 2023 printed "75,07%"; BKPSDM (an OCR reading): "118%" on line 1877, flagged
    rows = dict(((r[0], r[1]), r[2:]) for r in db.execute("""
        SELECT m.report_id, i.name, m.value, m.value_raw, m.decimals, m.decimal_mark, m.low_confidence, m.line
        FROM measurements m JOIN indicators i USING (report_id, indicator_id)
        WHERE m.year = 2023 AND m.field = 'achievement'""").fetchall())
    assert rows[(DISDUKCAPIL, "Persentase OPD yang melakukan pelayanan terintegrasi")][:5] == (
        Decimal("75.07"), "75,07%", 2, ",", False)
    assert rows[(BKPSDM, "Persentase Pejabat Pimpinan Tinggi, Administrator, dan Fungsional sesuai dengan "
                         "Peta Jabatan")] == (Decimal("118"), "118%", 0, None, True, 1877)


def test_bkpsdm_figures_can_be_filtered_out_by_their_doubt(db):
    doubtful, figures = db.execute("SELECT count(*) FILTER (WHERE low_confidence), count(value) FROM measurements "
                                   "WHERE report_id = ?", [BKPSDM]).fetchone()
    assert figures == 20 and doubtful == 20


def test_a_finding_joins_its_measurement_on_subject_id_year_and_field(db):
    # Disdukcapil line 567: capaian 2023 stated 75,07% where 51,85 / 69 × 100 = 75,14
    row = db.execute("""
        SELECT f.stated_value, f.expected_value, m.value_raw, m.line, i.name
        FROM findings f
        JOIN measurements m ON m.report_id = f.report_id AND m.indicator_id = f.subject_id AND m.year = f.year
                            AND m.field = f.field
        JOIN indicators i ON i.report_id = m.report_id AND i.indicator_id = m.indicator_id
        WHERE f.report_id = ? AND f.code = 'achievement_mismatch' AND f.line = 567 AND f.year = 2023""",
                     [DISDUKCAPIL]).fetchone()
    assert row[0] == Decimal("75.07") and round(row[1], 2) == Decimal("75.14")
    assert row[2:] == ("75,07%", 567, "Persentase OPD yang melakukan pelayanan terintegrasi")


def test_priority_programs_are_their_own_scope_with_their_objective(db):
    rows = db.execute("SELECT program_id, objective_id, allocation, absorption_raw FROM programs "
                      "WHERE report_id = ? AND scope = 'priority' ORDER BY program_id", [SETDA]).fetchall()
    assert len(rows) == 6
    assert rows[0] == ("s1.p1", "s1", Decimal("303407700"), "95,80%")
    assert db.execute("SELECT count(*) FROM programs WHERE report_id = ? AND scope = 'all'", [SETDA]).fetchone() == (3,)


def test_objectives_goals_and_indicators_join(db):
    rows = db.execute("""
        SELECT o.objective_id, g.goal_id, count(i.indicator_id)
        FROM objectives o LEFT JOIN goals g ON g.report_id = o.report_id AND g.goal_id = o.goal_id
        LEFT JOIN indicators i ON i.report_id = o.report_id AND i.objective_id = o.objective_id
        WHERE o.report_id = ? GROUP BY ALL ORDER BY 1""", [SETDA]).fetchall()
    assert rows == [("s1", "g1", 3), ("s2", "g2", 1), ("s3", "g3", 1), ("s4", "g5", 1), ("s5", None, 1),
                    ("s6", "g4", 1)]


def test_evidence_holds_the_other_printings(db):
    # every other printing of Disdukcapil's capaian 2023 "75,07%" (lines 145, 168, 596, 649, 663, 757, 1050)
    lines = {r[0] for r in db.execute(
        "SELECT line FROM evidence WHERE report_id = ? AND subject_kind = 'indicator' AND year = 2023 "
        "AND field = 'achievement' AND value_raw = '75,07%'", [DISDUKCAPIL]).fetchall()}
    assert {145, 168, 649, 757, 1050} <= lines
    programs = db.execute("SELECT count(*) FROM evidence e JOIN programs p ON p.report_id = e.report_id "
                          "AND p.program_id = e.subject_id WHERE e.subject_kind = 'program'").fetchone()[0]
    assert programs == db.execute("SELECT count(*) FROM evidence WHERE subject_kind = 'program'").fetchone()[0] > 0


def test_every_report_has_its_agency(db):
    assert db.execute("SELECT count(*), count(DISTINCT agency_key) FROM reports").fetchone() == (5, 5)
    assert db.execute("SELECT count(*) FROM reports r JOIN agencies a USING (agency_key)").fetchone() == (5,)


# ------------------------------------------------------------------ the tables' definition


def test_no_column_is_named_after_a_word_sql_keeps(db):
    keywords = {k for (k,) in db.execute("SELECT keyword_name FROM duckdb_keywords() "
                                         "WHERE keyword_category <> 'unreserved'").fetchall()}
    columns = {c.name for t in TABLES for c in t.columns}
    assert not columns & keywords and not {t.name for t in TABLES} & keywords
    lite = sqlite3.connect(":memory:")
    for t in TABLES:  # unquoted, every column works in DuckDB and SQLite alike
        select = f"SELECT {', '.join(t.column_names)} FROM {t.name}"
        db.execute(select)
        lite.execute(f"CREATE TABLE {t.name} ({', '.join(t.column_names)})")
        lite.execute(select)


def test_every_column_is_typed_and_described(db):
    described = db.execute("SELECT table_name, column_name, data_type, comment FROM duckdb_columns() "
                           "WHERE database_name = current_database() AND schema_name = 'main'").fetchall()
    assert len(described) == sum(len(t.columns) for t in TABLES)
    assert all(comment and data_type != '"NULL"' for _, _, data_type, comment in described)
    types = {(t, c): d for t, c, d, _ in described}
    assert types[("measurements", "page")] == "BIGINT" and types[("findings", "stated_value")] == DECIMAL
    for resource in data_package()["resources"]:
        assert resource["description"] and all(f["description"] for f in resource["schema"]["fields"])


def test_the_data_dictionary_in_docs_is_the_generated_one():
    """When this fails, run ``.venv/bin/python scripts/data_dictionary.py``."""
    assert (ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8") == data_dictionary()


def test_the_dataset_folder_carries_its_descriptions(corpus_dataset):
    assert json.loads((corpus_dataset / "datapackage.json").read_text()) == data_package("parquet")
    schema = json.loads((corpus_dataset / "report.schema.json").read_text())
    assert {"indicators", "programs", "findings"} <= set(schema["properties"])
    assert (corpus_dataset / "data_dictionary.md").read_text() == data_dictionary()


def test_files_are_readable_by_others_as_the_umask_says(corpus_dataset):
    for path in [corpus_dataset / "lkjip.duckdb", corpus_dataset / "datapackage.json",
                 *(corpus_dataset / "tables").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == created_mode(), path


# ------------------------------------------------------------------ the data package


def test_the_exported_data_package_validates_with_frictionless(corpus_dataset, tmp_path):
    from frictionless import Package, validate

    assert not list(Package.metadata_validate(data_package("parquet")))
    out = tmp_path / "csv"
    assert runner.invoke(app, ["export", "--format", "csv", "--dataset", str(corpus_dataset), "--out", str(out)]
                         ).exit_code == 0
    result = validate(out / "datapackage.json")
    assert result.valid, result.flatten(["taskName", "rowNumber", "fieldName", "type"])
    # a finding pointing at a report that is not there breaks the package's foreign key
    with open(out / "findings.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[1][0] = "no-such-report"
    with open(out / "findings.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    broken = validate(out / "datapackage.json")
    assert not broken.valid and "foreign-key" in {e[0] for e in broken.flatten(["type"])}


# ------------------------------------------------------------------ lkjip query and lkjip export


def test_query_prints_rows_as_csv_json_or_a_table(corpus_dataset):
    sql = "SELECT report_id, value FROM budgets WHERE item = 'total_allocation' ORDER BY report_id"
    base = ["query", sql, "--dataset", str(corpus_dataset)]
    as_csv = runner.invoke(app, [*base, "--format", "csv"])
    rows = list(csv.reader(as_csv.stdout.splitlines()))
    assert rows[0] == ["report_id", "value"] and [DISDUKCAPIL, "8955501115"] in rows and len(rows) == 6
    as_json = json.loads(runner.invoke(app, [*base, "--format", "json"]).stdout)
    assert {"report_id": DISDUKCAPIL, "value": 8955501115} in as_json
    assert "8955501115" in runner.invoke(app, base).stdout


def test_a_bad_query_or_folder_gives_its_code(corpus_dataset, tmp_path):
    bad = runner.invoke(app, ["query", "SELECT nothing FROM nowhere", "--dataset", str(corpus_dataset)])
    assert bad.exit_code == 1 and "E041" in bad.output
    missing = runner.invoke(app, ["query", "SELECT 1", "--dataset", str(tmp_path)])
    assert missing.exit_code == 1 and "E040" in missing.output


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_to_files_keeps_every_row(corpus_dataset, tmp_path, fmt):
    out = tmp_path / fmt
    assert runner.invoke(app, ["export", "--format", fmt, "--dataset", str(corpus_dataset), "--out", str(out)]
                         ).exit_code == 0
    counted = {}
    for t in TABLES:
        path = out / f"{t.name}.{fmt}"
        if fmt == "csv":
            with open(path, newline="", encoding="utf-8") as fh:
                counted[t.name] = sum(1 for _ in csv.reader(fh)) - 1
        elif fmt == "jsonl":
            counted[t.name] = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if json.loads(line))
        else:
            counted[t.name] = pq.ParquetFile(path).metadata.num_rows
    assert counted == parquet_rows(corpus_dataset) and counted["measurements"] > 100
    assert json.loads((out / "datapackage.json").read_text())["resources"][0]["path"] == f"reports.{fmt}"


def test_export_to_sqlite_opens_with_sqlite3(corpus_dataset, tmp_path):
    out = tmp_path / "lkjip.sqlite"
    assert runner.invoke(app, ["export", "--format", "sqlite", "--dataset", str(corpus_dataset), "--out", str(out)]
                         ).exit_code == 0
    con = sqlite3.connect(out)
    counted = {t.name: con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}
    assert counted == parquet_rows(corpus_dataset)
    assert con.execute("SELECT value, value_raw FROM budgets WHERE report_id = ? AND item = 'total_allocation'",
                       [DISDUKCAPIL]).fetchone() == (8955501115, "Rp.8.955.501.115")
    assert con.execute("SELECT count(*) FROM _columns").fetchone()[0] == sum(len(t.columns) for t in TABLES)
    assert [r[5] for r in con.execute("PRAGMA table_info(measurements)")][:3] == [1, 2, 3]


# ------------------------------------------------------------------ streaming and atomic writing


def test_the_writer_streams_in_row_groups_and_gives_the_same_tables(corpus_dataset, tmp_path):
    stems = sorted(p.stem for p in (ROOT / "corpus").glob("*.txt"))
    pulled = []

    def reports():
        for stem in stems:
            pulled.append(stem)
            yield stem, report(stem)

    write_dataset(reports(), tmp_path, batch_rows=10)
    assert pulled == stems
    # rows go to disk as soon as a table holds 10: one row group per report here
    assert pq.ParquetFile(tmp_path / "tables" / "measurements.parquet").metadata.num_row_groups == len(stems)
    for t in TABLES:
        small = pq.read_table(tmp_path / "tables" / f"{t.name}.parquet")
        whole = pq.read_table(corpus_dataset / "tables" / f"{t.name}.parquet")
        assert small.to_pylist() == whole.to_pylist(), t.name


def test_agencies_shared_by_reports_are_one_row(tmp_path):
    rep = report(DISDUKCAPIL)
    write_dataset([("a", rep), ("b", rep)], tmp_path)
    con = duckdb.connect(str(tmp_path / "lkjip.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchone() == (2,)
    assert con.execute("SELECT agency, region FROM agencies").fetchall() == [
        ("Dinas Kependudukan dan Pencatatan Sipil Kota Dumai", "Kota Dumai")]


def test_an_interrupted_write_leaves_the_last_dataset_whole(tmp_path):
    write_dataset({DISDUKCAPIL: report(DISDUKCAPIL)}, tmp_path)
    before = {p.name: p.read_bytes() for p in (tmp_path / "tables").iterdir()}
    with pytest.raises(RuntimeError):
        with DatasetWriter(tmp_path) as writer:
            writer.add(rows_of(report(BKPSDM), BKPSDM))
            raise RuntimeError("killed")
    assert {p.name: p.read_bytes() for p in (tmp_path / "tables").iterdir()} == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_rows_of_gives_every_table_its_columns():
    rows = rows_of(report(SETDA), SETDA)
    for t in TABLES:
        assert all(list(row) == t.column_names for row in rows[t.name]), t.name
    assert rows["links"] == [] and len(rows["reports"]) == 1


def test_kegiatan_and_sub_kegiatan_join_their_program_and_parent(tmp_path):
    """The program outline of tests/test_program_outline.py: two programs, their kegiatan and sub kegiatan;
    the absorption planted in the second sub kegiatan of the second kegiatan (85,00 where 250.000.000 /
    300.000.000 = 83,33) is a finding that joins its activity row."""
    from extractor.pipeline import extract
    from test_program_outline import BY_WORDS

    path = tmp_path / "outline.txt"
    path.write_text(BY_WORDS.format(agency="Dinas Kesehatan", region="Kota Contoh").replace(
        "250.000.000\t83,33", "250.000.000\t85,00"), encoding="utf-8")
    write_dataset({"outline": extract(path)}, tmp_path / "out")
    con = duckdb.connect(str(tmp_path / "out" / "lkjip.duckdb"), read_only=True)
    assert con.execute("SELECT activity_id, program_id, parent_id, level FROM activities ORDER BY activity_no, "
                       "program_id").fetchall()[:3] == [("p1.a1", "p1", None, "activity"),
                                                        ("p2.a1", "p2", None, "activity"),
                                                        ("p1.a1.s1", "p1", "p1.a1", "sub_activity")]
    row = con.execute("""SELECT a.name, a.absorption_raw, a.allocation, f.expected_value FROM findings f
        JOIN activities a ON a.report_id = f.report_id AND a.activity_id = f.subject_id
        WHERE f.code = 'absorption_mismatch'""").fetchone()
    assert row[1:3] == ("85,00", Decimal("300000000")) and round(row[3], 2) == Decimal("83.33")


@dataclass
class Link:
    """A link as extractor.identity gives it."""

    uid: str
    key: str
    score: float | None
    method: str
    matched_uid: str | None = None


def test_a_linker_fills_the_links_table_and_each_indicator_s_key(tmp_path):
    """The writer hands the linker one small record per indicator and writes back what it returns."""
    seen, calls = [], []

    def by_name(records):
        seen.extend(records)
        calls.append({r["agency_key"] for r in records})
        return [Link(r["indicator_uid"], r["name"].lower(), 100.0, "exact") for r in records]

    rep = report(DISDUKCAPIL)
    write_dataset([("y2023", rep), ("other", report(BKPSDM)), ("y2024", rep)], tmp_path, batch_rows=3,
                  link=by_name)
    agency = "kota-dumai/disdukcapil"
    assert {(r["report_id"], r["year"]) for r in seen if r["agency_key"] == agency} == {("y2023", 2023),
                                                                                      ("y2024", 2023)}
    assert len(calls) == 2 and all(len(agencies) == 1 for agencies in calls)  # one agency at a time
    con = duckdb.connect(str(tmp_path / "lkjip.duckdb"), read_only=True)
    series = con.execute("""SELECT i.indicator_key, count(DISTINCT i.report_id) FROM indicators i
        JOIN links l USING (indicator_uid) WHERE i.report_id LIKE 'y%' GROUP BY ALL""").fetchall()
    assert len(series) == len(rep.indicators) and all(n == 2 for _, n in series)
    assert con.execute("SELECT DISTINCT method, score FROM links").fetchall() == [("exact", 100.0)]
    keys = pq.read_table(tmp_path / "tables" / "indicators.parquet").column("indicator_key").to_pylist()
    assert None not in keys and not [p for p in tmp_path.rglob("*") if p.suffix in (".tmp", ".keys")]
