"""A synthetic archive: many generated text reports of many agencies, regions and years, in one folder tree.

``write_archive(folder, n)`` writes reports ``first … first + n - 1`` (one seed each) as
``<region>/<agency>_<year>_<seed>.txt``, the layout of a national archive's download folders. Each report
is generated from its seed (``facts.generate``) and rendered as tab text (``text.render_text``), so the
same ``n`` always gives the same bytes. Only the text rendering is used: no LibreOffice, no poppler, so
ten thousand reports take a minute or two.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     paths = write_archive(Path(d), 3)
...     [p.suffix for p in paths], len({p.parent.name for p in paths}) >= 1
(['.txt', '.txt', '.txt'], True)
"""
from __future__ import annotations

import re
from pathlib import Path

from .document import build
from .facts import generate
from .text import render_text


def slug(text: str) -> str:
    """A lower-case file-name-safe form of a name: ``"Kota Dumai"`` → ``"kota-dumai"``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def archive_path(folder: Path, seed: int) -> tuple[Path, str]:
    """Where report ``seed`` goes in the archive, and its text."""
    facts = generate(seed)
    name = f"{slug(facts.agency)}_{facts.year}_{seed:06d}.txt"
    return Path(folder) / slug(facts.region) / name, render_text(build(facts))


def write_archive(folder: Path, n: int, first: int = 0) -> list[Path]:
    """Write ``n`` generated text reports under ``folder``; return their paths (sorted)."""
    paths = []
    for seed in range(first, first + n):
        path, text = archive_path(folder, seed)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return sorted(paths)
