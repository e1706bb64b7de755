"""What a build knows about its inputs: the tool's fingerprint, the manifest, and the journal.

A report is re-extracted only when its input's bytes (sha256) or the tool changed. The tool is
:func:`tool_fingerprint`: the installed version, a hash of ``patterns/`` (the language data) and a hash
of the package's source (a code change without a version bump must not serve stale reports), plus the
options that change what is extracted (``ocr``, ``verify``).

``manifest.json`` (written atomically in the build's snapshot, :mod:`extractor.snapshot`, before it becomes
current) names the snapshot and lists every input: path, report id, sha256, size, status (``extracted``,
``reused`` or ``failed`` with its code and reason), the report's summary; the tool, the counts and each
table's rows. The snapshot's ``.build-journal.jsonl`` gets one line per report as soon as its JSON is in
place, so a build that is killed half-way resumes from the journal; a torn last line is ignored. The journal
is deleted once the manifest is written.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .atomic import atomic_write
from .patterns import PATTERNS_DIR

MANIFEST = "manifest.json"
JOURNAL = ".build-journal.jsonl"
FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent


def _tree_hash(folder: Path, pattern: str) -> str:
    """A hash of every file matching ``pattern`` below ``folder``: relative names and bytes, sorted."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def installed_version() -> str:
    try:
        return version("lkjip")
    except PackageNotFoundError:  # a checkout imported without being installed
        return "0+unknown"


@lru_cache(maxsize=1)
def tool_fingerprint() -> dict[str, str]:
    """The tool's version, the hash of ``patterns/`` and the hash of the package source (computed once)."""
    return {"version": installed_version(), "patterns": _tree_hash(PATTERNS_DIR, "*"),
            "code": _tree_hash(_PACKAGE, "*.py")}


def tool_key(options: dict) -> str:
    """One string naming the tool and the options: two builds with the same key extract alike."""
    return json.dumps({**tool_fingerprint(), "options": options}, sort_keys=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Entry:
    """One input of a build: where it is, what it was, what became of it."""

    path: str
    report_id: str
    sha256: str
    bytes: int
    status: str                      # extracted, reused or failed
    code: str | None = None          # failed: the error code (catalogue in extractor.codes)
    reason: str | None = None
    summary: dict = field(default_factory=dict)   # reports: agency, year, status, counts (see build.summary_of)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def load_previous(folders: list[Path], key: str) -> dict[str, tuple[Entry, Path]]:
    """The entries a new build may reuse, for this tool key, and the snapshot folder holding each one's JSON.

    Given snapshot folders (the current one first, then interrupted ones, oldest first), return path →
    (the entry of its last good extraction, its folder): each folder's manifest, then its journal (newer)."""
    entries: dict[str, tuple[Entry, Path]] = {}
    for folder in folders:
        manifest = _read_json(Path(folder) / MANIFEST)
        if manifest and manifest.get("format") == FORMAT and manifest.get("key") == key:
            for item in manifest.get("inputs", []):
                entries[item["path"]] = (Entry(**item), Path(folder))
        for item in read_journal(folder):
            if item.pop("key", None) == key:
                entries[item["path"]] = (Entry(**item), Path(folder))
    return {path: pair for path, pair in entries.items() if pair[0].ok}


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_journal(out_dir: Path) -> list[dict]:
    """Every whole line of the journal (a line cut by a kill is skipped)."""
    try:
        text = (Path(out_dir) / JOURNAL).read_text(encoding="utf-8")
    except OSError:
        return []
    items = []
    for line in text.splitlines():
        try:
            items.append(json.loads(line))
        except ValueError:
            continue
    return [item for item in items if isinstance(item, dict) and "path" in item]


class Journal:
    """Append-only record of the reports written so far by the running build (flushed line by line)."""

    def __init__(self, out_dir: Path, key: str):
        self.path = Path(out_dir) / JOURNAL
        self.key = key
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a", encoding="utf-8")

    def record(self, entry: Entry) -> None:
        self._fh.write(json.dumps({**asdict(entry), "key": self.key}, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self, remove: bool) -> None:
        self._fh.close()
        if remove:
            self.path.unlink(missing_ok=True)


def write_manifest(out_dir: Path, key: str, folder: str, entries: list[Entry], removed: list[str],
                   dataset_state: str | None, tables: dict[str, int] | None = None) -> Path:
    """Write ``manifest.json`` into the snapshot folder ``out_dir`` atomically: the snapshot's id (the
    folder's name), the tool, the inputs (sorted by path), the counts and ``tables`` (name → rows)."""
    entries = sorted(entries, key=lambda e: e.path)
    counts = {"inputs": len(entries), "reports": sum(e.ok for e in entries),
              "extracted": sum(e.status == "extracted" for e in entries),
              "reused": sum(e.status == "reused" for e in entries),
              "failed": sum(e.status == "failed" for e in entries), "removed": len(removed)}
    document = {"format": FORMAT, "snapshot": Path(out_dir).name, "key": key, "tool": tool_fingerprint(), "options": json.loads(key)["options"],
                "folder": folder, "counts": counts, "removed": sorted(removed), "dataset_state": dataset_state,
                "tables": dict(sorted((tables or {}).items())), "inputs": [asdict(e) for e in entries]}
    path = Path(out_dir) / MANIFEST
    atomic_write(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return path


def previous_dataset_state(snapshot: Path | None) -> str | None:
    """The dataset state recorded in a snapshot's manifest (None without one)."""
    manifest = _read_json(Path(snapshot) / MANIFEST) if snapshot else None
    return manifest.get("dataset_state") if manifest else None


def dataset_state(key: str, entries: list[Entry], extra: bytes = b"") -> str:
    """A hash of the tool key, ``extra`` (the user's link overrides) and every report's id and input hash:
    equal states give equal tables."""
    digest = hashlib.sha256(key.encode() + b"\0" + extra)
    for entry in sorted((e for e in entries if e.ok), key=lambda e: e.report_id):
        digest.update(f"\0{entry.report_id}\0{entry.sha256}".encode())
    return digest.hexdigest()[:16]
