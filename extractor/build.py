"""Build a dataset from a folder of reports: one JSON per report, the queryable dataset, a manifest.

Every build writes a complete new snapshot of the dataset and then makes it current with one rename
(:mod:`extractor.snapshot`): ``out/reports``, ``out/tables``, ``out/lkjip.duckdb``, ``out/manifest.json`` …
are links through ``out/.lkjip/current``, so a reader sees one whole build, never a mix of two. The build,
as its steps:

1. check that ``out_dir`` can be written (before any work); list the inputs (sorted; symbolic links to
   folders followed, links that loop or point nowhere reported with ``E005``) and give each a report id
   from its file name (a name that is not UTF-8 is shown and recorded escaped, :mod:`extractor.filenames`);
2. move an output folder of the earlier layout into a snapshot; delete what an interrupted build left
   (``*.tmp``); start a new snapshot folder; hash every input (sha256 of its bytes);
3. reuse the report JSON of every input whose hash and tool key (:mod:`extractor.manifest`) are those of
   the current snapshot or of an interrupted build's journal (``force`` re-extracts everything): the file
   is hard-linked (copied where links are not possible) into the new snapshot;
4. extract the others, here, in local processes (``workers``) or on a Dask cluster (``dask``), each
   within the per-document :class:`~extractor.limits.Limits`; each report's JSON is written into the new
   snapshot (temp file + rename) as it arrives and journalled there;
5. write ``errors.jsonl``, the tables (from the JSON documents, so a reused report and a fresh one give
   the same rows; linked from the current snapshot when its reports are the same) and ``manifest.json``;
6. make the new snapshot current, then delete every other snapshot (the replaced one, interrupted ones).

A file that cannot be read is recorded with its code and reason and the batch goes on. The reports of
inputs that are gone or now fail are simply not in the new snapshot; a build in which every file fails
gives a dataset of zero reports. A build that stops before step 6 (a kill, a crash, a full disk) leaves the
current dataset as it was; the next build resumes from what it had finished. Outputs do not depend on the
order in which workers finish.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .atomic import atomic_path, atomic_write
from .dataset.keys import linker
from .identity.linking import OVERRIDE_FILES
from .errors import BrokenLink, OutputNotWritable
from .export import write_dataset
from .filenames import shown
from .limits import Limits
from .manifest import (MANIFEST, Entry, Journal, dataset_state, file_sha256, load_previous,
                       previous_dataset_state, tool_fingerprint, tool_key, write_manifest)
from .model import Report
from .pipeline import Options
from .read import SUFFIXES
from .runners import Outcome, Task, run_dask, run_here, run_pool
from .snapshot import OutFolder

ERRORS = "errors.jsonl"
REPORTS = "reports"
TABLES = "tables"
DATABASE = "lkjip.duckdb"
# what the dataset writer puts beside the reports; linked from the current snapshot when nothing changed
DATASET_FILES = (DATABASE, "datapackage.json", "data_dictionary.md", "report.schema.json")


class BuildError(RuntimeError):
    """The build as a whole cannot go on (e.g. a Dask worker runs another version of lkjip)."""


@dataclass
class FileError:
    path: str
    code: str
    reason: str


@dataclass
class BuildResult:
    reports: dict[str, dict] = field(default_factory=dict)  # report id → summary (runners.summary_of)
    errors: list[FileError] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)      # report ids extracted by this build
    reused: list[str] = field(default_factory=list)         # report ids whose JSON was kept
    removed: list[str] = field(default_factory=list)        # report ids whose JSON was deleted
    database: Path | None = None
    manifest: Path | None = None
    snapshot: Path | None = None                            # the folder of the snapshot this build made current

    @property
    def ok(self) -> bool:
        """True when every input gave a report."""
        return not self.errors


def _wanted(name: str) -> bool:
    return (Path(name).suffix.lower() in SUFFIXES and not name.lower().startswith("readme")
            and not name.startswith("."))


def find_inputs(folder: Path) -> tuple[list[Path], list[FileError]]:
    """Given a folder (or one file), return every file of a readable kind below it (sorted; README files
    skipped) and the links that were skipped: a link to a folder is followed unless it loops back to a
    folder already listed; a link that loops or points nowhere is reported (``E005``)."""
    folder = Path(folder)
    if folder.is_file():
        return [folder], []
    files: list[Path] = []
    skipped: list[FileError] = []
    seen = {os.path.realpath(folder)}
    for top, dirs, names in os.walk(folder, followlinks=True):
        for name in list(dirs):
            path = Path(top) / name
            real = os.path.realpath(path)
            if path.is_symlink() and real in seen:
                dirs.remove(name)
                skipped.append(_link_error(path, f"a link to a folder already read ({shown(real)}): skipped"))
            seen.add(real)
        for name in names:
            path = Path(top) / name
            if not _wanted(name):
                continue
            if path.is_file():
                files.append(path)
            elif path.is_symlink():
                skipped.append(_link_error(path, "a symbolic link that loops or points to nothing: skipped"))
    return sorted(files), sorted(skipped, key=lambda e: e.path)


def _link_error(path: Path, reason: str) -> FileError:
    return FileError(shown(path), BrokenLink.code, reason)


def report_files(folder: Path) -> list[Path]:
    """Every file of a readable kind below ``folder`` (sorted; README files skipped); see :func:`find_inputs`."""
    return find_inputs(folder)[0]


def check_output(out_dir: Path) -> None:
    """Raise :class:`~extractor.errors.OutputNotWritable` unless ``out_dir`` can be created and written
    (called before any extraction, so a bad ``--out`` costs no work)."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / f".lkjip-write-check-{os.getpid()}.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputNotWritable(shown(out_dir), f"cannot write the output folder ({exc.strerror or exc}); "
                                "give another --out or fix its permissions") from exc


def report_id(path: Path, taken: Iterable[str]) -> str:
    """A file-name-safe id from the file's stem (escaped when not UTF-8), unique within the batch."""
    base = shown(path.stem)
    rid, n = base, 2
    while rid in taken:
        rid, n = f"{base}-{n}", n + 1
    return rid


def report_ids(files: list[Path]) -> dict[str, str]:
    """Given the sorted inputs, return path → report id (the same inputs always get the same ids)."""
    ids: dict[str, str] = {}
    for path in files:
        ids[str(path)] = report_id(path, ids.values())
    return ids


class StoredReports(Mapping):
    """The written report documents as a read-only mapping id → :class:`Report`, each loaded on demand."""

    def __init__(self, folder: Path, ids: Iterable[str]):
        self.folder, self.ids = Path(folder), sorted(ids)
        self._known = set(self.ids)

    def __getitem__(self, rid: str) -> Report:
        if rid not in self._known:
            raise KeyError(rid)
        return Report.model_validate_json((self.folder / f"{rid}.json").read_text(encoding="utf-8"))

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


def write_tables(snapshot: Path, ids: Iterable[str], overrides_from: Path | None = None) -> Path:
    """Write the dataset from the report documents in ``snapshot/reports`` (the one call into the writer),
    with the user's link overrides of ``overrides_from`` (default: ``snapshot``)."""
    link = linker(Path(overrides_from or snapshot))
    return write_dataset(StoredReports(Path(snapshot) / REPORTS, ids), snapshot, link=link)


def share(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` as a hard link (the same bytes, no copy), or a copy where the file
    system has no hard links; ``target`` appears whole (a copy goes through a temporary name)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        with atomic_path(target) as tmp:
            shutil.copy2(source, tmp)


def overrides_digest(out_dir: Path) -> bytes:
    """The bytes of the user's link override files in ``out_dir`` (they change the links table)."""
    return b"\0".join(name.encode() + b"\0" + (Path(out_dir) / name).read_bytes()
                      for name in OVERRIDE_FILES if (Path(out_dir) / name).is_file())


def _options_key(options: Options) -> dict:
    """The options that change what is extracted (``debug_dir`` only adds files beside)."""
    return {"ocr": options.ocr, "verify": options.verify}


def _runner(tasks: list[Task], workers: int, dask: str | None) -> Iterator[Outcome]:
    if dask:
        return run_dask(tasks, dask)
    if workers > 1 and len(tasks) > 1:
        return run_pool(tasks, min(workers, len(tasks)))
    return run_here(tasks)


def _plan(files: list[Path], sources: list[Path], key: str, force: bool
          ) -> tuple[list[tuple[Entry, Path]], dict[str, Entry]]:
    """Split the inputs into (reused entries with the snapshot holding their JSON, real path → entry to
    extract): hash each, compare with the earlier builds. Entries carry the path as shown
    (:func:`~extractor.filenames.shown`)."""
    previous = {} if force else load_previous(sources, key)
    reused, todo = [], {}
    for path, rid in report_ids(files).items():
        sha, size = file_sha256(Path(path)), os.path.getsize(path)
        before, where = previous.get(shown(path), (None, None))
        if (before and before.sha256 == sha and before.report_id == rid
                and (where / REPORTS / f"{rid}.json").is_file()):
            reused.append((Entry(shown(path), rid, sha, size, "reused", summary=before.summary), where))
        else:
            todo[path] = Entry(shown(path), rid, sha, size, "extracted")
    return reused, todo


def _settle(outcome: Outcome, entry: Entry, snapshot: Path, journal: Journal) -> Entry:
    """Write one outcome: the report JSON (atomic) and its journal line, or the entry of a failure."""
    if outcome.tool is not None and outcome.tool != tool_fingerprint():
        raise BuildError(f"a worker runs another lkjip ({outcome.tool}) than this build ({tool_fingerprint()})")
    if outcome.json is None:
        entry.status, entry.code, entry.reason = "failed", outcome.code, outcome.reason
        return entry
    atomic_write(snapshot / REPORTS / f"{entry.report_id}.json", outcome.json)
    entry.summary = outcome.summary or {}
    journal.record(entry)
    return entry


def _gone(current: Path | None, keep: set[str]) -> list[str]:
    """The ids of the current snapshot's reports that the new one does not hold (input gone or now failing)."""
    folder = current / REPORTS if current else None
    return sorted(p.stem for p in folder.glob("*.json") if p.stem not in keep) if folder and folder.is_dir() else []


def _write_errors(out_dir: Path, errors: list[FileError]) -> None:
    lines = [json.dumps({"path": e.path, "code": e.code, "reason": e.reason}, ensure_ascii=False) + "\n"
             for e in sorted(errors, key=lambda e: e.path)]
    atomic_write(out_dir / ERRORS, "".join(lines))


def build(folder: Path, out_dir: Path, options: Options | None = None,
          on_file: Callable[[Entry, Outcome | None], None] | None = None, *,
          workers: int = 1, dask: str | None = None, force: bool = False,
          limits: Limits | dict | None = None) -> BuildResult:
    """Extract every report under ``folder`` into a new snapshot of ``out_dir`` and make it current (see the
    module's steps); return what happened.

    ``on_file(entry, outcome)`` is called once per input as it is settled (``outcome`` None when reused).
    ``limits`` (:class:`~extractor.limits.Limits`, default sizes and no timeout) stop a file too large,
    too long or too slow with its own code. Raise :class:`~extractor.errors.OutputBusy` when another build
    is writing ``out_dir``."""
    options, out_dir, limits = options or Options(), Path(out_dir), Limits.resolve(limits)
    key = tool_key(_options_key(options))
    check_output(out_dir)
    files, skipped = find_inputs(folder)
    out = OutFolder(out_dir)
    with out.locked():
        out.prepare()
        return _build(folder, out, options, on_file, key, files, skipped, workers, dask, force, limits)


def _build(folder: Path, out: OutFolder, options: Options, on_file, key: str, files: list[Path],
           skipped: list[FileError], workers: int, dask: str | None, force: bool, limits: Limits) -> BuildResult:
    """Steps 2 to 6 of the module's list, under the output folder's lock."""
    current = out.current()
    sources = ([current] if current else []) + out.others()
    snapshot = out.start()
    reused, pending = _plan(files, sources, key, force)
    settled = []
    for entry, where in reused:
        share(where / REPORTS / f"{entry.report_id}.json", snapshot / REPORTS / f"{entry.report_id}.json")
        settled.append(entry)
        if on_file:
            on_file(entry, None)
    journal = Journal(snapshot, key)
    tasks = [Task(path, e.report_id, options, limits) for path, e in pending.items()]
    try:
        for outcome in _runner(tasks, workers, dask):
            entry = _settle(outcome, pending.pop(outcome.path), snapshot, journal)
            settled.append(entry)
            if on_file:
                on_file(entry, outcome)
        result = _finish(folder, out.root, snapshot, current, key, settled, skipped)
    except BaseException:
        journal.close(remove=False)  # the current dataset stays; the next build resumes from the journal
        raise
    journal.close(remove=True)
    out.publish(snapshot)
    result.snapshot, result.database, result.manifest = snapshot, out.root / DATABASE, out.root / MANIFEST
    return result


def _finish(folder: Path, out_dir: Path, snapshot: Path, current: Path | None, key: str, entries: list[Entry],
            skipped: list[FileError]) -> BuildResult:
    """Everything after extraction, in the new snapshot: errors.jsonl, the tables, the manifest."""
    result = BuildResult(errors=list(skipped))
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.ok:
            result.reports[entry.report_id] = entry.summary
            (result.reused if entry.status == "reused" else result.extracted).append(entry.report_id)
        else:
            result.errors.append(FileError(entry.path, entry.code, entry.reason))
    result.removed = _gone(current, set(result.reports))
    _write_errors(snapshot, result.errors)
    state = dataset_state(key, entries, overrides_digest(out_dir))
    if not (state == previous_dataset_state(current) and _reuse_tables(current, snapshot)):
        write_tables(snapshot, result.reports, overrides_from=out_dir)
    write_manifest(snapshot, key, shown(folder), entries, result.removed, state, table_rows(snapshot))
    return result


def _reuse_tables(current: Path | None, snapshot: Path) -> bool:
    """Link the tables, the database and their descriptions of ``current`` into ``snapshot`` (its reports
    are the same); False, with nothing linked, when ``current`` lacks any of them."""
    tables = sorted((current / TABLES).glob("*.parquet")) if current and (current / TABLES).is_dir() else []
    if not tables or not all((current / name).is_file() for name in DATASET_FILES):
        return False
    for path in tables:
        share(path, snapshot / TABLES / path.name)
    for name in DATASET_FILES:
        share(current / name, snapshot / name)
    return True


def table_rows(snapshot: Path) -> dict[str, int]:
    """Each table's number of rows, read from its Parquet footer (no row is read)."""
    import pyarrow.parquet as pq

    return {path.stem: pq.read_metadata(path).num_rows for path in sorted((snapshot / TABLES).glob("*.parquet"))}
