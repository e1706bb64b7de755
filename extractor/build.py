"""Build a dataset from a folder of reports: one JSON per report, the queryable dataset, a manifest.

The build, as its steps:

1. check that ``out_dir`` can be written (before any work); list the inputs (sorted; symbolic links to
   folders followed, links that loop or point nowhere reported with ``E005``) and give each a report id
   from its file name (a name that is not UTF-8 is shown and recorded escaped, :mod:`extractor.filenames`);
2. delete what an interrupted build left (``*.tmp``); hash every input (sha256 of its bytes);
3. reuse the report JSON of every input whose hash and tool key (:mod:`extractor.manifest`) are those of
   the last build or of the interrupted build's journal (``force`` re-extracts everything);
4. extract the others, here, in local processes (``workers``) or on a Dask cluster (``dask``), each
   within the per-document :class:`~extractor.limits.Limits`; each report's JSON is written (temp file +
   rename) as it arrives and journalled;
5. delete the JSON of inputs that are gone or now fail; write ``errors.jsonl``, the tables (from the
   JSON documents, so a reused report and a fresh one give the same rows) and ``manifest.json``.

A file that cannot be read is recorded with its code and reason and the batch goes on; what was written
for other files stays whole. Outputs do not depend on the order in which workers finish.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .atomic import atomic_write, remove_leftovers
from .errors import BrokenLink, OutputNotWritable
from .export import write_dataset
from .filenames import shown
from .limits import Limits
from .manifest import (Entry, Journal, dataset_state, file_sha256, load_previous, previous_dataset_state,
                       tool_fingerprint, tool_key, write_manifest)
from .model import Report
from .pipeline import Options
from .read import SUFFIXES
from .runners import Outcome, Task, run_dask, run_here, run_pool

ERRORS = "errors.jsonl"
REPORTS = "reports"


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


def write_tables(out_dir: Path, ids: Iterable[str]) -> Path:
    """Write the dataset from the report documents in ``out_dir/reports`` (the one call into the writer)."""
    return write_dataset(StoredReports(Path(out_dir) / REPORTS, ids), out_dir)


def _options_key(options: Options) -> dict:
    """The options that change what is extracted (``debug_dir`` only adds files beside)."""
    return {"ocr": options.ocr, "verify": options.verify}


def _runner(tasks: list[Task], workers: int, dask: str | None) -> Iterator[Outcome]:
    if dask:
        return run_dask(tasks, dask)
    if workers > 1 and len(tasks) > 1:
        return run_pool(tasks, min(workers, len(tasks)))
    return run_here(tasks)


def _plan(files: list[Path], out_dir: Path, key: str, force: bool) -> tuple[list[Entry], dict[str, Entry]]:
    """Split the inputs into (reused entries, real path → entry to extract): hash each, compare with the
    last build. Entries carry the path as shown (:func:`~extractor.filenames.shown`)."""
    previous = {} if force else load_previous(out_dir, key)
    reused, todo = [], {}
    for path, rid in report_ids(files).items():
        sha, size = file_sha256(Path(path)), os.path.getsize(path)
        before = previous.get(shown(path))
        if (before and before.sha256 == sha and before.report_id == rid
                and (out_dir / REPORTS / f"{rid}.json").is_file()):
            reused.append(Entry(shown(path), rid, sha, size, "reused", summary=before.summary))
        else:
            todo[path] = Entry(shown(path), rid, sha, size, "extracted")
    return reused, todo


def _settle(outcome: Outcome, entry: Entry, out_dir: Path, journal: Journal) -> Entry:
    """Write one outcome: the report JSON (atomic) and its journal line, or the entry of a failure."""
    if outcome.tool is not None and outcome.tool != tool_fingerprint():
        raise BuildError(f"a worker runs another lkjip ({outcome.tool}) than this build ({tool_fingerprint()})")
    if outcome.json is None:
        entry.status, entry.code, entry.reason = "failed", outcome.code, outcome.reason
        return entry
    atomic_write(out_dir / REPORTS / f"{entry.report_id}.json", outcome.json)
    entry.summary = outcome.summary or {}
    journal.record(entry)
    return entry


def _remove_stale(out_dir: Path, keep: set[str]) -> list[str]:
    """Delete report documents whose input is gone or failed this time; return their ids."""
    folder = out_dir / REPORTS
    stale = sorted(p for p in folder.glob("*.json") if p.stem not in keep) if folder.is_dir() else []
    for path in stale:
        path.unlink()
    return [p.stem for p in stale]


def _write_errors(out_dir: Path, errors: list[FileError]) -> None:
    lines = [json.dumps({"path": e.path, "code": e.code, "reason": e.reason}, ensure_ascii=False) + "\n"
             for e in sorted(errors, key=lambda e: e.path)]
    atomic_write(out_dir / ERRORS, "".join(lines))


def build(folder: Path, out_dir: Path, options: Options | None = None,
          on_file: Callable[[Entry, Outcome | None], None] | None = None, *,
          workers: int = 1, dask: str | None = None, force: bool = False,
          limits: Limits | dict | None = None) -> BuildResult:
    """Extract every report under ``folder`` into ``out_dir`` (see the module's steps); return what happened.

    ``on_file(entry, outcome)`` is called once per input as it is settled (``outcome`` None when reused).
    ``limits`` (:class:`~extractor.limits.Limits`, default sizes and no timeout) stop a file too large,
    too long or too slow with its own code."""
    options, out_dir, limits = options or Options(), Path(out_dir), Limits.resolve(limits)
    key = tool_key(_options_key(options))
    check_output(out_dir)
    files, skipped = find_inputs(folder)
    remove_leftovers(out_dir, out_dir / REPORTS, out_dir / "tables")
    reused, pending = _plan(files, out_dir, key, force)
    for entry in reused:
        if on_file:
            on_file(entry, None)
    journal = Journal(out_dir, key)
    tasks = [Task(path, e.report_id, options, limits) for path, e in pending.items()]
    settled = list(reused)
    try:
        for outcome in _runner(tasks, workers, dask):
            entry = _settle(outcome, pending.pop(outcome.path), out_dir, journal)
            settled.append(entry)
            if on_file:
                on_file(entry, outcome)
    except BaseException:
        journal.close(remove=False)  # the next build resumes from it
        raise
    return _finish(folder, out_dir, key, settled, journal, skipped)


def _finish(folder: Path, out_dir: Path, key: str, entries: list[Entry], journal: Journal,
            skipped: list[FileError]) -> BuildResult:
    """Everything after extraction: stale documents, errors.jsonl, the tables, the manifest."""
    result = BuildResult(errors=list(skipped))
    for entry in sorted(entries, key=lambda e: e.path):
        if entry.ok:
            result.reports[entry.report_id] = entry.summary
            (result.reused if entry.status == "reused" else result.extracted).append(entry.report_id)
        else:
            result.errors.append(FileError(entry.path, entry.code, entry.reason))
    result.removed = _remove_stale(out_dir, set(result.reports))
    _write_errors(out_dir, result.errors)
    state = dataset_state(key, entries)
    database = out_dir / "lkjip.duckdb"
    if state == previous_dataset_state(out_dir) and database.is_file():
        result.database = database  # the same reports as last time: the tables are already these
    else:
        result.database = write_tables(out_dir, result.reports)
    result.manifest = write_manifest(out_dir, key, shown(folder), entries, result.removed, state)
    journal.close(remove=True)
    return result
