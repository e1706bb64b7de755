"""``lkjip build`` at scale: incremental, resumable after a kill, atomic and readable, parallel and on Dask,
with every output the same as a plain one-process build."""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import extractor.runners as runners
from extractor.build import build
from extractor.cli import app
from extractor.manifest import JOURNAL, read_journal
from extractor.pipeline import Options
from extractor.snapshot import OutFolder
from synth.archive import write_archive

ROOT = Path(__file__).resolve().parent.parent
N_REPORTS = 10
runner = CliRunner()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Ten generated text reports of several agencies, regions and years, in region folders."""
    folder = tmp_path_factory.mktemp("archive")
    write_archive(folder, N_REPORTS)
    return folder


@pytest.fixture(scope="module")
def reference(archive, tmp_path_factory) -> Path:
    """The plain build: one process, from scratch."""
    out = tmp_path_factory.mktemp("reference")
    result = build(archive, out, workers=1)
    assert result.ok and len(result.reports) == N_REPORTS
    return out


@pytest.fixture
def copy_of(archive, tmp_path):
    """A fresh copy of the archive that a test may change."""
    folder = tmp_path / "archive"
    shutil.copytree(archive, folder)
    return folder


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The paths extracted in this process (a build with workers=1 extracts here)."""
    calls: list[str] = []
    real = runners.extract

    def counting(path, options=None):
        calls.append(str(path))
        return real(path, options)

    monkeypatch.setattr(runners, "extract", counting)
    return calls


def documents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "reports").glob("*.json"))}


def tables(out: Path) -> dict[str, list[dict]]:
    """Every Parquet table's rows, and every DuckDB table's rows in a fixed order."""
    rows = {p.name: pq.read_table(p).to_pylist() for p in sorted((out / "tables").glob("*.parquet"))}
    con = duckdb.connect(str(out / "lkjip.duckdb"), read_only=True)
    try:
        for (name,) in con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall():
            rows[f"duckdb:{name}"] = sorted(map(repr, con.execute(f'SELECT * FROM "{name}"').fetchall()))
    finally:
        con.close()
    return rows


def assert_same_build(out: Path, reference: Path) -> None:
    assert documents(out) == documents(reference)
    assert tables(out) == tables(reference)


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def test_a_second_build_reuses_every_unchanged_report(copy_of, tmp_path, counted, reference):
    out = tmp_path / "out"
    first = build(copy_of, out)
    assert len(counted) == N_REPORTS and len(first.extracted) == N_REPORTS
    mtimes = {p.name: p.stat().st_mtime_ns for p in (out / "reports").glob("*.json")}
    counted.clear()
    second = build(copy_of, out)
    assert counted == [] and second.extracted == [] and len(second.reused) == N_REPORTS
    assert {p.name: p.stat().st_mtime_ns for p in (out / "reports").glob("*.json")} == mtimes
    assert manifest(out)["counts"] == {"inputs": N_REPORTS, "reports": N_REPORTS, "extracted": 0,
                                       "reused": N_REPORTS, "failed": 0, "removed": 0}
    assert second.reports == first.reports  # the summaries come back from the manifest


def test_only_a_changed_input_is_re_extracted_and_force_re_extracts_all(copy_of, tmp_path, counted):
    out = tmp_path / "out"
    build(copy_of, out)
    changed = sorted(copy_of.rglob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nLampiran\n", encoding="utf-8")
    counted.clear()
    result = build(copy_of, out)
    assert counted == [str(changed)] and result.extracted == [changed.stem]
    counted.clear()
    assert len(build(copy_of, out, force=True).extracted) == N_REPORTS and len(counted) == N_REPORTS


def test_other_options_are_another_tool(copy_of, tmp_path, counted):
    """A report extracted with other options (here ``--no-ocr``) is not reused."""
    out = tmp_path / "out"
    build(copy_of, out)
    counted.clear()
    build(copy_of, out, Options(ocr=False))
    assert len(counted) == N_REPORTS


def test_a_removed_input_leaves_the_dataset(copy_of, tmp_path, reference):
    out = tmp_path / "out"
    build(copy_of, out)
    gone = sorted(copy_of.rglob("*.txt"))[0]
    gone.unlink()
    result = build(copy_of, out)
    assert result.removed == [gone.stem] and not (out / "reports" / f"{gone.stem}.json").exists()
    con = duckdb.connect(str(out / "lkjip.duckdb"), read_only=True)
    ids = {r for (r,) in con.execute("SELECT report_id FROM reports").fetchall()}
    con.close()
    assert len(ids) == N_REPORTS - 1 and gone.stem not in ids
    assert manifest(out)["removed"] == [gone.stem]


def building(out: Path) -> list[Path]:
    """The snapshot folders of ``out`` that are not current (a running or interrupted build's)."""
    return OutFolder(out).others()


def written_so_far(out: Path) -> int:
    """The report documents the running build has written into its snapshot."""
    return len(list(out.glob(".lkjip/snapshots/*/reports/*.json")))


def _kill_after(folder: Path, out: Path, reports: int) -> None:
    """Start ``lkjip build`` in a subprocess and SIGKILL it once ``reports`` documents are written."""
    process = subprocess.Popen([sys.executable, "-m", "extractor.cli", "build", str(folder), "--out", str(out),
                                "--workers", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while written_so_far(out) < reports:
            assert process.poll() is None and time.monotonic() < deadline, "the build ended before it was killed"
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def test_a_killed_build_resumes_and_equals_an_uninterrupted_one(archive, tmp_path, counted, reference):
    out = tmp_path / "out"
    _kill_after(archive, out, 3)
    assert not (out / "manifest.json").exists() and not (out / "reports").exists()  # nothing published
    [partial] = building(out)
    done = {item["report_id"] for item in read_journal(partial)}
    assert 3 <= len(done) < N_REPORTS
    leftover = partial / "reports" / ".half-written.json.x1y2.tmp"   # what a kill during a write leaves
    leftover.write_text('{"source": {')
    result = build(archive, out)
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(JOURNAL)) and building(out) == []
    assert set(result.reused) >= done and len(counted) == N_REPORTS - len(result.reused)
    assert_same_build(out, reference)


def test_a_torn_journal_line_is_ignored(tmp_path):
    (tmp_path / JOURNAL).write_text('{"path": "a.txt", "report_id": "a"}\n{"path": "b.t')
    assert [item["path"] for item in read_journal(tmp_path)] == ["a.txt"]


def test_failed_files_are_listed_and_the_exit_status_says_so(archive, tmp_path):
    folder = tmp_path / "in"
    for path in sorted(archive.rglob("*.txt"))[:2]:
        (folder / path.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.parent.name / path.name)
    (folder / "empty.txt").write_text("")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n\x00\x01 not really \xff" * 20)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 1 and "2 file(s) failed" in result.output
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(Path(e["path"]).name, e["code"]) for e in errors] == [("broken.pdf", "E002"), ("empty.txt", "E001")]
    assert len(documents(out)) == 2 and manifest(out)["counts"]["failed"] == 2
    for bad in ("empty.txt", "broken.pdf"):
        (folder / bad).unlink()
    result = runner.invoke(app, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 0 and (out / "errors.jsonl").read_text() == ""


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")]).exit_code == 2
    assert runner.invoke(app, ["build", str(tmp_path), "--workers", "0"]).exit_code == 2


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600)])
def test_written_files_follow_the_umask(archive, tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        build(archive, tmp_path / "out")
    finally:
        os.umask(previous)
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(written) > N_REPORTS + 5
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == {p.name: mode for p in written}


def test_two_workers_build_what_one_builds(archive, tmp_path, reference):
    out = tmp_path / "out"
    result = build(archive, out, workers=2)
    assert result.ok and len(result.extracted) == N_REPORTS
    assert_same_build(out, reference)


def test_a_dask_cluster_builds_what_one_process_builds(archive, tmp_path, reference):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = build(archive, tmp_path / "out", dask=cluster.scheduler_address)
    assert result.ok and len(result.extracted) == N_REPORTS
    assert_same_build(tmp_path / "out", reference)


def test_the_progress_bar_counts_files_throughput_and_failures():
    import io

    from rich.console import Console

    from extractor.manifest import Entry
    from extractor.progress import BuildProgress, ThroughputColumn
    from extractor.runners import Outcome

    assert BuildProgress(Console(file=io.StringIO()), 2).progress.disable  # not a terminal: quiet
    bar = BuildProgress(Console(file=io.StringIO(), force_terminal=True), 2)
    assert not bar.progress.disable
    bar(Entry("a.txt", "a", "0", 1, "extracted"), Outcome("a.txt", "a", json="{}", summary={"lines": 300}))
    bar(Entry("b.txt", "b", "0", 1, "failed", code="E001"), Outcome("b.txt", "b", code="E001"))
    task = bar.progress.tasks[0]
    assert (task.completed, task.fields["errors"], task.fields["lines"], task.fields["pages"]) == (2, 1, 300, 0)
    task.start_time, task.stop_time = 0.0, 2.0   # two seconds spent
    assert ThroughputColumn().render(task).plain == "150 lines/s"
