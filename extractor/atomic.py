"""Atomic writes: a file appears whole or not at all, with the permissions the user's umask gives.

Each write goes to a hidden temporary file in the target's folder (``.<name>.<random>.tmp``), is flushed
to disk, given the mode a plain ``open()`` would have given it (``0o666 & ~umask``: ``mkstemp`` makes
``0600`` files that other users of a shared dataset could not read), then renamed over the target. A
crash leaves at most a ``*.tmp`` file, which :func:`remove_leftovers` (run by ``lkjip build`` before it
starts) deletes.

>>> import tempfile, stat
>>> with tempfile.TemporaryDirectory() as d:
...     target = Path(d) / "a.json"
...     atomic_write(target, "{}")
...     target.read_text(), stat.S_IMODE(target.stat().st_mode) == created_mode()
('{}', True)
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

TEMP_SUFFIX = ".tmp"
LEFTOVERS = (f"*{TEMP_SUFFIX}", f"*{TEMP_SUFFIX}.wal")  # a DuckDB file killed while open leaves its .wal


def current_umask() -> int:
    """The process's umask (read by setting it and putting it back: the only portable way)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def created_mode() -> int:
    """The mode a new file gets from ``open()`` under the current umask (``0o644`` under umask ``022``)."""
    return 0o666 & ~current_umask()


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` for a writer that needs a file name (Parquet, DuckDB);
    on success give it the umask's mode and rename it to ``path``; on failure delete it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        tmp.unlink()  # the writer creates it (DuckDB refuses an existing empty file)
        yield tmp
        os.chmod(tmp, created_mode())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text is UTF-8 encoded) to ``path`` through a temporary file, then rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, created_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_leftovers(*folders: Path) -> list[Path]:
    """Delete the temporary files an interrupted run left in ``folders``; return what was deleted."""
    removed = []
    for folder in folders:
        leftovers = [p for pattern in LEFTOVERS for p in Path(folder).glob(pattern)] if Path(folder).is_dir() else []
        for leftover in sorted(leftovers):
            if leftover.is_file():
                leftover.unlink(missing_ok=True)
                removed.append(leftover)
    return removed
