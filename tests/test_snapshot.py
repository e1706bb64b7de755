"""A dataset is a snapshot of one build: written whole into its own folder, made current with one rename,
never a mix of two builds, never the reports of inputs that are gone (``extractor.snapshot``)."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import extractor.runners as runners
from extractor.build import build
from extractor.cli import app
from extractor.manifest import JOURNAL, file_sha256
from extractor.snapshot import PUBLISHED, OutFolder
from synth.archive import write_archive

N = 4
runner = CliRunner()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    write_archive(folder, N)
    return folder


@pytest.fixture(scope="module")
def built(archive, tmp_path_factory) -> Path:
    """The archive built once; tests copy it (links kept as links)."""
    out = tmp_path_factory.mktemp("built") / "out"
    assert build(archive, out).ok
    return out


@pytest.fixture
def copy_of(archive, built, tmp_path) -> tuple[Path, Path]:
    """A fresh copy of the archive and of its built output folder, which a test may change."""
    folder, out = tmp_path / "archive", tmp_path / "out"
    shutil.copytree(archive, folder)
    shutil.copytree(built, out, symlinks=True)
    text = (out / "manifest.json").read_text().replace(str(archive), str(folder))  # inputs are named by path
    current = OutFolder(out).current()
    (current / "manifest.json").unlink()
    (current / "manifest.json").write_text(text)
    return folder, out


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


def report_ids(out: Path) -> list[str]:
    """The reports ``out/lkjip.duckdb`` shows (opened through the stable link, as a user does)."""
    con = duckdb.connect(str(out / "lkjip.duckdb"), read_only=True)
    try:
        return [r for (r,) in con.execute("SELECT report_id FROM reports ORDER BY 1").fetchall()]
    finally:
        con.close()


def documents(out: Path) -> list[str]:
    return sorted(p.stem for p in (out / "reports").glob("*.json"))


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_the_out_folder_is_one_snapshot_behind_stable_links(archive, built):
    current = OutFolder(built).current()
    assert os.readlink(built / ".lkjip" / "current") == f"snapshots/{current.name}"
    assert {name: os.readlink(built / name) for name in PUBLISHED} == {
        name: f".lkjip/current/{name}" for name in PUBLISHED}
    assert OutFolder(built).others() == [] and not list(built.rglob(JOURNAL))
    document = manifest(built)
    assert document["snapshot"] == current.name
    assert document["counts"]["reports"] == N == len(documents(built)) == len(report_ids(built))
    inputs = sorted(archive.rglob("*.txt"))
    assert [(i["path"], i["sha256"]) for i in document["inputs"]] == [(str(p), file_sha256(p)) for p in inputs]
    assert document["tool"]["version"] and document["key"]
    rows = {p.stem: pq.read_metadata(p).num_rows for p in (built / "tables").glob("*.parquet")}
    assert document["tables"] == rows and rows["reports"] == N and rows["indicators"] > N


def test_an_unchanged_rebuild_links_the_reports_and_tables_it_keeps(copy_of, counted):
    folder, out = copy_of
    before = OutFolder(out).current()
    inodes = {p.name: p.stat().st_ino for p in [*(before / "reports").iterdir(), *(before / "tables").iterdir()]}
    result = build(folder, out)
    after = OutFolder(out).current()
    assert counted == [] and after != before and not before.exists() and len(result.reused) == N
    assert {p.name: p.stat().st_ino for p in [*(after / "reports").iterdir(), *(after / "tables").iterdir()]} == inodes
    assert manifest(out)["snapshot"] == after.name and len(report_ids(out)) == N


@pytest.mark.parametrize("module,step", [("extractor.dataset.writer", "fill_keys"),
                                         ("extractor.dataset.writer", "build_database"),
                                         ("extractor.build", "write_manifest"), ("extractor.snapshot", "_link")])
def test_a_crash_while_writing_the_tables_leaves_the_previous_dataset_whole(copy_of, monkeypatch, module, step):
    """A rebuild without one input crashes at a step of writing its dataset: ``out`` still shows the whole
    previous build (reports, database, manifest agree); the next build cleans the rest and resumes."""
    folder, out = copy_of
    before = (manifest(out), documents(out), report_ids(out))
    gone = sorted(folder.rglob("*.txt"))[0]
    gone.unlink()

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys.modules[module], step, crash)
    with pytest.raises(OSError):
        build(folder, out)
    monkeypatch.undo()
    monkeypatch.setattr(runners, "extract", lambda *a, **k: pytest.fail("nothing to extract again"))
    assert (manifest(out), documents(out), report_ids(out)) == before
    assert len(OutFolder(out).others()) == 1   # the crashed build's snapshot, until the next build
    result = build(folder, out)
    assert result.removed == [gone.stem] and len(result.reused) == N - 1
    assert documents(out) == report_ids(out) == sorted(set(before[1]) - {gone.stem})
    assert OutFolder(out).others() == [] and not list(out.rglob(f"{gone.stem}.json"))


def test_a_rebuild_with_fewer_inputs_holds_no_report_of_the_gone_ones(copy_of):
    folder, out = copy_of
    gone = sorted(folder.rglob("*.txt"))[1:3]
    for path in gone:
        path.unlink()
    result = build(folder, out)
    assert sorted(result.removed) == sorted(p.stem for p in gone) and len(documents(out)) == N - 2
    assert not [p for p in out.rglob("*.json") if p.stem in {g.stem for g in gone}]
    assert len(report_ids(out)) == N - 2 and manifest(out)["counts"]["removed"] == 2


def test_a_rebuild_where_every_file_fails_is_an_empty_dataset_and_exit_1(copy_of):
    folder, out = copy_of
    shutil.rmtree(folder)
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    result = runner.invoke(app, ["build", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1
    assert documents(out) == [] and report_ids(out) == []
    counts = manifest(out)["counts"]
    assert (counts["reports"], counts["failed"], counts["removed"]) == (0, 1, N)
    assert [json.loads(line)["code"] for line in (out / "errors.jsonl").read_text().splitlines()] == ["E001"]


def test_leftovers_of_a_killed_build_are_cleaned_and_its_reports_resumed(archive, tmp_path, counted):
    out = tmp_path / "out"

    def stop_after_two(entry, outcome):
        if len(counted) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(archive, out, on_file=stop_after_two)
    assert not (out / "reports").exists() and not (out / "lkjip.duckdb").exists()
    [partial] = OutFolder(out).others()
    leftovers = [out / ".lkjip-write-check-1.tmp", out / ".lkjip" / ".current.ab12.tmp",
                 partial / "reports" / ".x.json.ab12.tmp", partial / ".lkjip.duckdb.ab12.tmp.wal"]
    for path in leftovers:
        path.write_text("half")
    first = list(counted)
    counted.clear()
    result = build(archive, out)
    assert sorted(result.reused) == sorted(Path(p).stem for p in first) and len(counted) == N - 2
    assert not list(out.rglob("*.tmp")) and not list(out.rglob("*.wal")) and OutFolder(out).others() == []
    assert len(report_ids(out)) == N


def test_a_reader_of_the_previous_database_keeps_a_consistent_view(copy_of):
    folder, out = copy_of
    con = duckdb.connect(str(out / "lkjip.duckdb"), read_only=True)
    table = pq.ParquetFile(out / "tables" / "indicators.parquet")
    try:
        old = con.execute("SELECT report_id, count(*) FROM indicators GROUP BY 1 ORDER BY 1").fetchall()
        sorted(folder.rglob("*.txt"))[0].unlink()
        build(folder, out)
        assert con.execute("SELECT report_id, count(*) FROM indicators GROUP BY 1 ORDER BY 1").fetchall() == old
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (N,)
        assert table.read().num_rows == sum(n for _, n in old)
    finally:
        con.close()
    assert len(report_ids(out)) == N - 1


def test_an_out_folder_of_the_earlier_layout_is_migrated_and_reused(copy_of, counted):
    """Before snapshots, ``out`` held real folders and files (and perhaps a killed build's journal)."""
    folder, out = copy_of
    current = OutFolder(out).current()
    for name in PUBLISHED:
        (out / name).unlink()
        (shutil.copytree if (current / name).is_dir() else shutil.copy2)(current / name, out / name)
    shutil.rmtree(out / ".lkjip")
    (out / JOURNAL).write_text("")
    (out / "links_override.yaml").write_text("[]\n")   # the user's own file stays
    result = build(folder, out)
    assert counted == [] and len(result.reused) == N and report_ids(out) == documents(out)
    assert all((out / name).is_symlink() for name in PUBLISHED) and not (out / JOURNAL).exists()
    assert [p.name for p in (out / ".lkjip" / "snapshots").iterdir()] == [manifest(out)["snapshot"]]
    assert (out / "links_override.yaml").read_text() == "[]\n"


def test_a_migration_cut_short_is_finished_by_the_next_call(tmp_path):
    out = tmp_path / "out"
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "a.json").write_text("{}")
    (out / "manifest.json").write_text("{}")
    folder = OutFolder(out)
    legacy = folder.snapshots / "legacy"
    legacy.mkdir(parents=True)
    os.replace(out / "manifest.json", legacy / "manifest.json")   # killed after the first rename
    assert folder.migrate() == legacy
    assert folder.current() == legacy and (out / "reports" / "a.json").read_text() == "{}"
    assert (out / "manifest.json").read_text() == "{}" and folder.migrate() is None


def test_ctrl_c_while_the_tables_are_written_exits_130_with_the_dataset_unchanged(copy_of, monkeypatch):
    folder, out = copy_of

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(sys.modules["extractor.build"], "_finish", interrupt)
    before = manifest(out)
    result = runner.invoke(app, ["build", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 130 and "unchanged" in result.output
    assert manifest(out) == before and len(report_ids(out)) == N


def test_a_second_build_into_the_same_folder_is_refused(copy_of):
    import fcntl

    from extractor.errors import OutputBusy

    folder, out = copy_of
    before = manifest(out)
    with open(out / ".lkjip" / "lock", "a") as held:   # as a running build holds it
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(OutputBusy) as caught:
            build(folder, out)
        assert caught.value.code == "E043"
        result = runner.invoke(app, ["build", str(folder), "--out", str(out), "--workers", "1"])
        assert result.exit_code == 2 and "E043" in result.output
    assert manifest(out) == before and OutFolder(out).others() == []
    assert build(folder, out).ok   # the lock is free again


def test_query_and_export_read_the_current_snapshot_through_the_stable_names(built, tmp_path):
    result = runner.invoke(app, ["query", "SELECT count(*) AS n FROM reports", "--format", "json",
                                 "--dataset", str(built)])
    assert result.exit_code == 0 and json.loads(result.output) == [{"n": N}]
    out = tmp_path / "export"
    assert runner.invoke(app, ["export", "--format", "parquet", "--dataset", str(built), "--out", str(out)]).exit_code == 0
    assert pq.read_metadata(out / "reports.parquet").num_rows == N and not (out / "reports.parquet").is_symlink()


def test_the_snapshot_is_flushed_to_disk_before_it_becomes_current(copy_of, monkeypatch):
    import extractor.snapshot as snapshot

    folder, out = copy_of
    (sorted(folder.rglob("*.txt"))[0]).unlink()   # new tables, not linked ones
    calls: list[str] = []
    real_fsync, real_link = snapshot._fsync, snapshot._link
    monkeypatch.setattr(snapshot, "_fsync", lambda path: calls.append(Path(path).name) or real_fsync(path))
    monkeypatch.setattr(snapshot, "_link", lambda path, target: calls.append(f"link {path.name}") or real_link(path, target))
    build(folder, out)
    switch = calls.index("link current")
    assert {"lkjip.duckdb", "indicators.parquet", "manifest.json", "reports", "tables"} <= set(calls[:switch])
    assert ".lkjip" in calls[switch:]
