"""Hostile inputs to ``lkjip build``: per-document limits (size, pages, time), file names that are not
UTF-8, symbolic links that loop, an unwritable output folder, Ctrl-C, messages on one line when piped."""
import json
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import cli
from extractor.build import build
from extractor.errors import OutputNotWritable
from extractor.limits import Limits, check_file
from extractor.runners import LimitedWorker, Task, extract_one
from extractor.pipeline import Options

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "corpus" / "kota-dumai_kecamatan-dumai-kota_2022.txt"
runner = CliRunner()


def errors_of(out: Path) -> dict[str, str]:
    """errors.jsonl as file name → code."""
    lines = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(e["path"]).name: e["code"] for e in map(json.loads, lines)}


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SMALL, folder / SMALL.name)
    return folder


def test_a_file_past_max_bytes_is_reported_and_the_batch_goes_on(folder, tmp_path):
    (folder / "huge.txt").write_text("\t" * (SMALL.stat().st_size + 1))
    result = build(folder, tmp_path / "out", limits=Limits(max_bytes=SMALL.stat().st_size))
    assert [(Path(e.path).name, e.code) for e in result.errors] == [("huge.txt", "E050")]
    assert list(result.reports) == [SMALL.stem]


def test_a_text_file_has_its_own_lower_byte_limit(tmp_path):
    """A 50 MB text once took 272 s and 3.4 GB; by default a text file past 10 MB is refused (E050),
    while a PDF or Word file of that size is read, and every real report is far below the limit."""
    from extractor.limits import DEFAULT_MAX_TEXT_BYTES

    assert DEFAULT_MAX_TEXT_BYTES == 10 * 1024 ** 2
    assert max(p.stat().st_size for p in (ROOT / "corpus").glob("*.txt")) * 20 < DEFAULT_MAX_TEXT_BYTES
    big = tmp_path / "compilation.txt"
    with open(big, "wb") as fh:
        fh.truncate(DEFAULT_MAX_TEXT_BYTES + 1)   # sparse: costs no disk
    with pytest.raises(Exception) as caught:
        check_file(big, Limits())
    assert caught.value.code == "E050" and "--max-text-bytes" in str(caught.value)
    check_file(big, Limits(max_text_bytes=None))   # switched off: max_bytes (200 MB) applies
    pdf = big.rename(tmp_path / "compilation.pdf")
    check_file(pdf, Limits())
    assert Limits(max_bytes=100, max_text_bytes=1000).byte_limit(big.with_suffix(".md")) == 100


def test_max_text_bytes_on_the_command_line(folder, tmp_path):
    shutil.copy(SMALL, folder / "copy.md")
    out = tmp_path / "out"
    result = runner.invoke(cli.app, ["build", str(folder), "--out", str(out), "-j", "1", "--max-text-bytes",
                                     str(SMALL.stat().st_size + 1)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out2"
    result = runner.invoke(cli.app, ["build", str(folder), "--out", str(out), "-j", "1", "--max-text-bytes", "100"])
    assert result.exit_code == 1 and errors_of(out) == {SMALL.name: "E050", "copy.md": "E050"}


def test_a_pdf_past_max_pages_is_refused_before_its_pages_are_read(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "compilation.pdf"
    canvas = Canvas(str(pdf))
    for page in range(5):
        canvas.drawString(72, 720, f"halaman {page + 1}")
        canvas.showPage()
    canvas.save()
    with pytest.raises(Exception) as caught:
        check_file(pdf, Limits(max_pages=4))
    assert caught.value.code == "E051"
    check_file(pdf, Limits(max_pages=5))  # at the limit: read


def test_a_slow_file_is_killed_at_its_timeout_and_the_batch_goes_on(folder, tmp_path):
    shutil.copy(SMALL, folder / "second.txt")
    out = tmp_path / "out"
    result = build(folder, out, workers=2, limits=Limits(timeout=0.01))
    assert sorted((Path(e.path).name, e.code) for e in result.errors) == [(SMALL.name, "E052"), ("second.txt", "E052")]
    assert errors_of(out) == {SMALL.name: "E052", "second.txt": "E052"}
    assert multiprocessing.active_children() == []  # the workers were killed and reaped


def test_a_worker_gives_the_report_extracted_in_process_and_is_replaced_after_a_timeout():
    limits = Limits(timeout=300)
    worker = LimitedWorker(limits)
    try:
        first = worker.run(Task(str(SMALL), SMALL.stem, Options(), limits))
        assert first.code is None and first.json == extract_one(Task(str(SMALL), SMALL.stem, Options())).json
        worker.limits = Limits(timeout=0.001)
        assert worker.run(Task(str(SMALL), SMALL.stem, Options(), worker.limits)).code == "E052"
        worker.limits = limits
        assert worker.run(Task(str(SMALL), SMALL.stem, Options(), limits)).json == first.json  # a new process
    finally:
        worker.close()
    assert multiprocessing.active_children() == []


def test_a_worker_past_its_memory_stops_that_file_alone(folder, tmp_path):
    (folder / "long.txt").write_text(SMALL.read_text(encoding="utf-8") * 40, encoding="utf-8")  # 36 000 lines
    result = build(folder, tmp_path / "out", limits=Limits(timeout=300, max_memory=300 * 1024 ** 2))
    assert [(Path(e.path).name, e.code) for e in result.errors] == [("long.txt", "E053")]
    assert sorted(result.reports) == [SMALL.stem]


def test_a_file_name_that_is_not_utf8_is_read_and_recorded_escaped(folder, tmp_path):
    name = os.fsdecode(b"laporan-caf\xe9.txt")
    shutil.copy(SMALL, folder / name)
    out = tmp_path / "out"
    result = build(folder, out)
    assert result.ok and sorted(result.reports) == ["kota-dumai_kecamatan-dumai-kota_2022", "laporan-caf\\xe9"]
    document = json.loads((out / "reports" / "laporan-caf\\xe9.json").read_text(encoding="utf-8"))
    assert document["source"]["path"].endswith("laporan-caf\\xe9.txt")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(Path(i["path"]).name for i in manifest["inputs"]) == [SMALL.name, "laporan-caf\\xe9.txt"]
    assert build(folder, out).reused == sorted(result.reports)  # the escaped names match on the next build


def test_symbolic_links_are_followed_once_and_loops_are_reported(folder, tmp_path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(SMALL, other / "linked.txt")
    (folder / "shared").symlink_to(other)            # a linked folder: read
    (folder / "again").symlink_to(folder)            # a loop back to the input folder: reported
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "self.txt").symlink_to("self.txt")
    out = tmp_path / "out"
    result = build(folder, out)
    assert sorted(result.reports) == [SMALL.stem, "linked"]
    assert errors_of(out) == {"again": "E005", "gone.txt": "E005", "self.txt": "E005"}


def test_an_unwritable_out_is_refused_before_any_work(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(OutputNotWritable):
        build(folder, blocker / "out")
    monkeypatch.setattr(cli, "build_folder", lambda *a, **k: pytest.fail("extracted before checking --out"))
    result = runner.invoke(cli.app, ["build", str(folder), "--out", str(blocker / "out")])
    assert result.exit_code == 2 and "[E042]" in result.output


def test_ctrl_c_exits_130_with_a_one_line_summary(folder, tmp_path, monkeypatch):
    def interrupted(folder, out, options, on_file, **kwargs):
        from extractor.manifest import Entry

        on_file(Entry(str(SMALL), SMALL.stem, "0", 1, "extracted"), None)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_folder", interrupted)
    result = runner.invoke(cli.app, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 130
    [line] = [line for line in result.output.splitlines() if line.startswith("interrupted")]
    assert "1 of 1" in line


def test_messages_stay_on_one_line_when_piped(tmp_path):
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)
    folder.mkdir()
    shutil.copy(SMALL, folder / SMALL.name)
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    result = runner.invoke(cli.app, ["build", str(folder), "--out", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "[E005]" in line]
    assert str(folder / "gone.txt") in line and len(line) > 80


def test_extract_of_a_file_name_that_is_not_utf8_prints_its_json(tmp_path):
    path = tmp_path / os.fsdecode(b"caf\xe9.txt")
    shutil.copy(SMALL, path)
    result = runner.invoke(cli.app, ["extract", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["path"].endswith("caf\\xe9.txt")


@pytest.mark.parametrize("command", ["extract", "verify"])
def test_ctrl_c_in_any_command_exits_130(command, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "extract_report", interrupted)
    result = runner.invoke(cli.app, [command, str(SMALL)])
    assert result.exit_code == 130 and result.output.count("interrupted") == 1


def test_verify_of_an_unreadable_file_exits_1_like_build(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    assert runner.invoke(cli.app, ["verify", str(tmp_path / "empty.txt")]).exit_code == 1


def test_ctrl_c_on_a_real_build_stops_its_workers_and_says_one_line(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    # enough copies that the build is still running when the first report is written (a report takes ~0.05 s)
    for n in range(60):
        shutil.copy(SMALL, folder / f"copy-{n}.txt")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "extractor.cli", "build", str(folder), "--out", str(out),
                                "-j", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, text=True)
    deadline = time.monotonic() + 60
    while not list(out.glob(".lkjip/snapshots/*/reports/*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("interrupted"), stderr
