"""The output folder of ``lkjip build`` as a series of snapshots, one per build, of which one is current.

A build never writes over the dataset readers see. It writes a complete new snapshot folder, then switches
one pointer, so a reader sees the whole of one build or the whole of the next, never a mix::

    out/
      .lkjip/snapshots/<id>/      one build: reports/, tables/, lkjip.duckdb, manifest.json, errors.jsonl,
                                  datapackage.json, data_dictionary.md, report.schema.json
      .lkjip/current              → snapshots/<id> (a relative symbolic link, replaced with one rename)
      reports, tables, lkjip.duckdb, manifest.json, errors.jsonl, …   → .lkjip/current/<name> (stable links)
      links_override.yaml         the user's own files stay where the user put them

One build at a time writes an output folder: a build holds ``.lkjip/lock`` (an advisory ``flock``, released
when the process ends, however it ends) and a second build into the same folder stops with ``E043``.
A snapshot other than the current one is a build that was interrupted (its journal says which reports it
finished; the next build reuses them) or one just replaced; every build deletes them once its own snapshot
is current. A reader that opened the previous ``lkjip.duckdb`` or a Parquet table keeps reading it: the
files are unlinked, not changed. An output folder of the earlier layout (real ``reports/``, ``tables/``,
``lkjip.duckdb`` … in ``out``) is moved into a snapshot named ``legacy`` that becomes current, so its
reports are reused.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     out = OutFolder(Path(d))
...     first = out.start()
...     out.publish(first)
...     out.current() == first, os.readlink(Path(d) / "reports")
(True, '.lkjip/current/reports')
"""
from __future__ import annotations

import os
import secrets
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .atomic import TEMP_SUFFIX, remove_leftovers
from .errors import OutputBusy
from .filenames import shown

STATE_DIR = ".lkjip"
SNAPSHOTS = "snapshots"
CURRENT = "current"
LOCK = "lock"
LEGACY = "legacy"
# what a snapshot holds that the user reads through out/<name> (the journal lives only in a running build's)
PUBLISHED = ("reports", "tables", "lkjip.duckdb", "manifest.json", "errors.jsonl", "datapackage.json",
             "data_dictionary.md", "report.schema.json")
# files of the earlier layout moved with the published ones into the legacy snapshot
EARLIER_ONLY = (".build-journal.jsonl",)


def snapshot_id() -> str:
    """A new snapshot's name: the UTC time (so names sort by age) and a random suffix."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-" + secrets.token_hex(3)


def _link(path: Path, target: str) -> None:
    """Make ``path`` a symbolic link to ``target`` in one rename (a link already right is left alone)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync(path: Path) -> None:
    """Flush a file or a folder (its entries: the renames into it) to disk, where the system allows."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # a folder cannot be flushed on some systems
        pass
    finally:
        os.close(fd)


def sync_snapshot(snapshot: Path) -> None:
    """Flush a finished snapshot's tables, database, descriptions and folders to disk before it becomes
    current, so that after a power cut the pointer never names a snapshot whose files were not written
    (each report JSON was flushed when written)."""
    for folder in (snapshot / "tables", snapshot):
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.is_file() and not path.is_symlink():
                _fsync(path)
    for folder in (snapshot / "reports", snapshot / "tables", snapshot, snapshot.parent):
        _fsync(folder)


class OutFolder:
    """The snapshots under ``root/.lkjip`` and the stable names in ``root`` that point into the current one."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.state = self.root / STATE_DIR
        self.snapshots = self.state / SNAPSHOTS
        self.pointer = self.state / CURRENT

    def current(self) -> Path | None:
        """The current snapshot's folder, or None before the first build."""
        if not self.pointer.is_symlink():
            return None
        folder = self.state / os.readlink(self.pointer)
        return folder if folder.is_dir() else None

    def others(self) -> list[Path]:
        """Every snapshot folder but the current one, oldest first (interrupted builds, replaced ones)."""
        current = self.current()
        if not self.snapshots.is_dir():
            return []
        return sorted(p for p in self.snapshots.iterdir() if p.is_dir() and p != current)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's build lock; raise :class:`~extractor.errors.OutputBusy` when another build has it
        (where the system has no ``flock``, nothing is locked)."""
        try:
            import fcntl
        except ImportError:  # not on this system (Windows)
            yield
            return
        self.state.mkdir(parents=True, exist_ok=True)
        with open(self.state / LOCK, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise OutputBusy(shown(self.root), "another lkjip build is writing this output folder; "
                                 "wait for it to end or give another --out") from exc
            yield

    def prepare(self) -> list[Path]:
        """Before a build: move an earlier layout into a snapshot and delete the temporary files a killed
        build left (``*.tmp`` beside the stable names, in ``.lkjip`` and in every snapshot); return them."""
        self.migrate()
        folders = [self.root, self.state]
        for snapshot in ([self.current()] if self.current() else []) + self.others():
            folders += [snapshot, snapshot / "reports", snapshot / "tables"]
        return remove_leftovers(*folders)

    def migrate(self) -> Path | None:
        """Move the outputs of the earlier layout (real files and folders in ``root``) into the ``legacy``
        snapshot and make it current; return it (None when there was nothing to move). Each step is a
        rename, so a migration cut short is finished by the next call."""
        earlier = [self.root / name for name in PUBLISHED + EARLIER_ONLY
                   if (self.root / name).exists() and not (self.root / name).is_symlink()]
        if not earlier:
            return None
        legacy = self.snapshots / LEGACY
        legacy.mkdir(parents=True, exist_ok=True)
        for path in earlier:
            if (legacy / path.name).is_dir():
                shutil.rmtree(legacy / path.name)
            os.replace(path, legacy / path.name)
        if self.current() is None:
            self.publish(legacy, prune=False)
        return legacy

    def start(self) -> Path:
        """Create and return a new, empty snapshot folder for a build."""
        folder = self.snapshots / snapshot_id()
        folder.mkdir(parents=True)
        return folder

    def publish(self, snapshot: Path, prune: bool = True) -> None:
        """Make ``snapshot`` (complete) the current one: replace the pointer in one rename, make sure the
        stable names point through it, then (``prune``) delete every other snapshot."""
        sync_snapshot(snapshot)
        _link(self.pointer, f"{SNAPSHOTS}/{snapshot.name}")
        for name in PUBLISHED:
            _link(self.root / name, f"{STATE_DIR}/{CURRENT}/{name}")
        _fsync(self.state)
        _fsync(self.root)
        if prune:
            for other in self.others():
                shutil.rmtree(other, ignore_errors=True)
