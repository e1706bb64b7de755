"""Load the language data in ``patterns/`` (YAML), once, validated.

The code only ever sees canonical keys; the Indonesian words live in the data files, as dateparser
keeps its locale data apart from its parser.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import PatternDataError

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Given a pattern file's stem (``"numbers"``), return its parsed YAML (cached).

    Raises :class:`PatternDataError` naming the file when it is missing or not valid YAML.
    """
    path = PATTERNS_DIR / f"{name}.yaml"
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except FileNotFoundError:
        raise PatternDataError(str(path), "pattern file is missing; reinstall the package") from None
    except yaml.YAMLError as exc:
        raise PatternDataError(str(path), f"not valid YAML: {exc}") from None
    if data is None:
        raise PatternDataError(str(path), "pattern file is empty")
    return data


def require_keys(name: str, data: dict, allowed: set[str], required: set[str] = frozenset()) -> None:
    """Check a pattern mapping against a whitelist; report every bad key at once."""
    bad = sorted(set(data) - allowed)
    missing = sorted(set(required) - set(data))
    problems = [f"unknown key {k!r}" for k in bad] + [f"missing key {k!r}" for k in missing]
    if problems:
        raise PatternDataError(str(PATTERNS_DIR / f"{name}.yaml"), "; ".join(problems))
