"""The CLI: a batch goes on past bad files, output is deterministic and atomic, every command is documented."""
import json
import re
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.metadata import find_metadata
from extractor.read.text import text_to_lines

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
runner = CliRunner()
SMALL = "kota-dumai_kecamatan-dumai-kota_2022.txt"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A folder with one real report, an empty file, a binary file and a text that is no report."""
    folder = tmp_path_factory.mktemp("in")
    (folder / SMALL).write_bytes((CORPUS / SMALL).read_bytes())
    (folder / "empty.txt").write_text("")
    (folder / "binary.pdf").write_bytes(b"\x00\x01\x02 not a pdf \xff" * 50)
    (folder / "recipe.txt").write_text("Resep nasi goreng: nasi, bawang, kecap. Goreng semuanya.\n" * 20)
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["build", str(folder), "--out", str(out)])
    return folder, out, result


def test_build_reports_each_bad_file_and_writes_the_others(batch):
    folder, out, result = batch
    assert result.exit_code == 1, result.output  # files failed: the status says so, the batch went on
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["kota-dumai_kecamatan-dumai-kota_2022.json"]
    lines = (out / "errors.jsonl").read_text().splitlines()
    errors = {Path(e["path"]).name: e for e in map(json.loads, lines)}
    assert len(lines) == 3
    assert errors["empty.txt"]["code"] == "E001"
    assert errors["binary.pdf"]["code"] == "E002"
    assert errors["recipe.txt"]["code"] == "E003"
    for name in ("empty.txt", "binary.pdf", "recipe.txt"):
        assert name in result.output
    assert not list(out.rglob("*.tmp"))


def test_build_summary_and_dataset(batch):
    _, out, result = batch
    assert "Kecamatan" in result.output and "2022" in result.output
    con = duckdb.connect(str(out / "lkjip.duckdb"), read_only=True)
    rows = con.execute("SELECT i.name, m.year, m.field, m.value FROM measurements m JOIN indicators i "
                       "USING (report_id, indicator_id) WHERE m.year = 2022 AND m.field IN ('target', 'realization') "
                       "ORDER BY i.name, m.field DESC").fetchall()
    assert rows[:2] == [("Indeks Kepuasan Masyarakat", 2022, "target", Decimal("87")),
                        ("Indeks Kepuasan Masyarakat", 2022, "realization", Decimal("89.87"))]
    assert con.execute("SELECT count(*) FROM programs WHERE scope = 'all'").fetchone()[0] == 5


def test_extract_is_deterministic(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        assert runner.invoke(app, ["extract", str(CORPUS / SMALL), "--out", str(out)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text())
    assert doc["source"]["sha256"] and doc["source"]["format"] == "text"


def test_extract_of_a_bad_file_says_why(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = runner.invoke(app, ["extract", str(bad)])
    assert result.exit_code == 1 and "E001" in result.output and "empty.txt" in result.output


def test_schema_is_the_report_model():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert {"indicators", "programs", "budget", "findings", "source"} <= set(schema["properties"])


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert command.callback.__doc__, name
        assert f"lkjip {name}" in readme, name


def test_every_test_the_reliability_table_names_exists():
    """Each row of the README's "Reliability" table names tests (``tests/x.py::name``, then ``::other`` of the
    same file); each must be a test function of that file."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Reliability", 1)[1].split("\n## ", 1)[0]
    named = []
    for row in (line for line in section.splitlines() if line.startswith("| ") and "tests/" in line):
        module = None
        for path, name in re.findall(r"`(tests/[\w/]+\.py)?::(\w+)`", row):
            module = path or module
            named.append((module, name))
    assert len(named) >= 30
    for module, name in named:
        assert re.search(rf"^def {name}\(", (ROOT / module).read_text(encoding="utf-8"), re.M), (module, name)


def test_readme_first_lines_give_the_two_commands():
    head = "\n".join((ROOT / "README.md").read_text().splitlines()[:8])
    ci = (ROOT / ".ci" / "run").read_text()
    test_command = next(l for l in ci.splitlines() if l.strip() and not re.match(r"\s*(#|set |cd )", l))
    assert test_command.strip() in head
    assert "lkjip build corpus/" in head


@pytest.mark.parametrize("stem,agency,region,year", [
    ("kota-dumai_sekretariat-daerah_2023", "Sekretariat Daerah Kota Dumai", "Kota Dumai", 2023),
    ("kota-dumai_kecamatan-dumai-kota_2022", "Kecamatan Dumai Kota", "Kota Dumai", 2022),
    ("kota-dumai_bkpsdm_2023_ocr", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Dumai", "Kota Dumai", 2023),
])
def test_metadata_from_text(stem, agency, region, year):
    lines = text_to_lines((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))
    assert find_metadata(lines) == (agency, region, year)


def test_metadata_of_another_region():
    text = ("LAPORAN KINERJA INSTANSI PEMERINTAH\nDINAS PENDIDIKAN\nKABUPATEN SLEMAN\nTAHUN 2021\n"
            "Dinas Pendidikan Kabupaten Sleman menyusun LKjIP Tahun 2021.\n")
    assert find_metadata(text_to_lines(text)) == ("Dinas Pendidikan Kabupaten Sleman", "Kabupaten Sleman", 2021)
