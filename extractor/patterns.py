"""Load the language data in ``patterns/``: once per file, validated, words and regexes handed out here.

The code only ever sees canonical keys; the Indonesian words live in the data files, as dateparser
keeps its locale data apart from its parser. Each file has a pydantic model
(:mod:`extractor.pattern_models`); the first :func:`load` of a file validates it and reports every
bad key at once (error E010). :func:`words` and :func:`regex` hand out word sets and compiled
regular expressions, each built once.

A concept is defined in one file; another file that needs it refers to it with ``!ref file.key``
(``total_label: !ref rows.total_row``), which :func:`load` replaces by the value it names; a list
named inside a list is spliced into it (``"%": [!ref numbers.percent_words, percent]``).

``patterns/`` stays at the top of the repository; an installed package holds it as the data package
``extractor/_patterns`` (see ``pyproject.toml``). :data:`PATTERNS_DIR` is whichever exists.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex as _regex
import yaml
from pydantic import ValidationError

from .errors import PatternDataError
from .pattern_models import LINE_MODELS, MODELS

_PACKAGE = Path(__file__).resolve().parent


def _patterns_dir() -> Path:
    """Return the data directory: the installed ``extractor/_patterns``, else the checkout's ``patterns/``."""
    installed = _PACKAGE / "_patterns"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "patterns"


PATTERNS_DIR = _patterns_dir()


class _Ref:
    """A ``!ref file.key.key`` in a data file: the value is defined in another place."""

    def __init__(self, target: str):
        self.target = target


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """``yaml.SafeLoader`` that also reads ``!ref`` tags (libyaml's, several times faster, where PyYAML has it)."""


_Loader.add_constructor("!ref", lambda loader, node: _Ref(loader.construct_scalar(node)))


def _path(name: str, suffix: str = ".yaml") -> Path:
    return PATTERNS_DIR / f"{name}{suffix}"


def _read_yaml(name: str) -> Any:
    """Given a file stem, return its YAML with ``!ref`` left unresolved; E010 if missing or not YAML."""
    path = _path(name)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_Loader)  # noqa: S506 - a SafeLoader with one more tag
    except FileNotFoundError:
        raise PatternDataError(str(path), "pattern file is missing; reinstall the package") from None
    except yaml.YAMLError as exc:
        raise PatternDataError(str(path), f"not valid YAML: {exc}") from None
    if data is None:
        raise PatternDataError(str(path), "pattern file is empty")
    return data


def _resolve(node: Any, name: str, seen: tuple[str, ...] = ()) -> Any:
    """Replace every ``!ref`` under ``node`` by the value it names in its file."""
    if isinstance(node, _Ref):
        if node.target in seen:
            raise PatternDataError(str(_path(name)), f"!ref {node.target} refers to itself")
        file, _, keys = node.target.partition(".")
        value: Any = _read_yaml(file)
        for key in keys.split(".") if keys else []:
            key = int(key) if key.isdigit() and isinstance(value, dict) and int(key) in value else key
            if not isinstance(value, dict) or key not in value:
                raise PatternDataError(str(_path(name)), f"!ref {node.target}: no such entry")
            value = value[key]
        return _resolve(value, file, seen + (node.target,))
    if isinstance(node, dict):
        return {k: _resolve(v, name, seen) for k, v in node.items()}
    if isinstance(node, list):
        out: list = []
        for item in node:
            value = _resolve(item, name, seen)
            if isinstance(item, _Ref) and isinstance(value, list):
                out.extend(value)  # a list named inside a list is spliced in: [!ref numbers.percent_words, percent]
            else:
                out.append(value)
        return out
    return node


def _problems(exc: ValidationError) -> str:
    """Every error of a validation, one ``where: what`` each, joined."""
    out = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "(file)"
        what = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        out.append(f"{where}: {what}")
    return "; ".join(out)


def validate(name: str, data: Any) -> None:
    """Given a file stem and its data, raise :class:`PatternDataError` naming every bad entry.

    >>> validate("rows", {"total_row": "^x", "colour": "red"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractor.errors.PatternDataError: [E010] ...rows.yaml: record_start: Field required; ...; colour: unknown key
    """
    model = MODELS.get(name)
    if model is None:
        raise PatternDataError(str(_path(name)), "no model describes this file (extractor/pattern_models.py)")
    try:
        model.model_validate(data)
    except ValidationError as exc:
        raise PatternDataError(str(_path(name)), _problems(exc)) from None


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Given a pattern file's stem (``"numbers"``), return its data, validated on this first load (cached).

    The data are plain YAML values (dicts, lists, strings) with ``!ref`` entries filled in. Raises
    :class:`PatternDataError` naming the file when it is missing, not YAML or not as its model says.

    >>> load("numbers")["scales"][9][:2]
    ['miliar', 'milyar']
    """
    data = _resolve(_read_yaml(name), name)
    validate(name, data)
    return data


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[dict, ...]:
    """Given the stem of a JSONL data file (``"narrative"``), return its rows, each validated (cached)."""
    path = _path(name, ".jsonl")
    model = LINE_MODELS[name]
    rows, problems = [], []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PatternDataError(str(path), "pattern file is missing; reinstall the package") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            model.model_validate(row)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON: {exc}")
            continue
        except ValidationError as exc:
            problems.append(f"line {number}: {_problems(exc)}")
            continue
        rows.append(row)
    if problems:
        raise PatternDataError(str(path), "; ".join(problems))
    return tuple(rows)


def entry(name: str, *keys: str | int) -> Any:
    """Given a file stem and a path of keys, return the value there (``entry("rows", "total_row")``)."""
    value = load(name)
    for key in keys:
        value = value[key]
    return value


@lru_cache(maxsize=None)
def words(name: str, *keys: str | int) -> frozenset[str]:
    """Given a file stem and a path of keys to a list of words, return them lowercased, as a set (cached).

    >>> sorted(words("report", "agency_connectives"))
    ['&', 'dan', 'serta']
    """
    return frozenset(str(w).lower() for w in entry(name, *keys))


@lru_cache(maxsize=None)
def regex(name: str, *keys: str | int, flags: int = 0) -> _regex.Pattern:
    """Given a file stem and a path of keys to a regular expression, return it compiled (cached).

    >>> bool(regex("rows", "total_row", flags=IGNORECASE).match("JUMLAH"))
    True
    """
    return _regex.compile(entry(name, *keys), flags)


@lru_cache(maxsize=None)
def compiled(pattern: str, flags: int = 0) -> _regex.Pattern:
    """Given a regular expression (most come from ``patterns/*.yaml``, read by the stage that uses them), return
    it compiled, once.

    ``regex.search(pattern, text)`` looks its cache up on every call, which costs more than most searches.

    >>> compiled(r"\\p{L}+", IGNORECASE) is compiled(r"\\p{L}+", IGNORECASE)
    True
    """
    return _regex.compile(pattern, flags)


@lru_cache(maxsize=None)
def regexes(name: str, *keys: str | int, flags: int = 0) -> tuple[_regex.Pattern, ...]:
    """Given a file stem and a path of keys to a list of regular expressions, return them compiled (cached)."""
    return tuple(_regex.compile(p, flags) for p in entry(name, *keys))


def alternation(items) -> str:
    """Given words, return a regex alternation of them escaped, longest first (so ``Rp.`` beats ``Rp``).

    >>> alternation(["Rp", "Rp.", "IDR"])
    'Rp\\\\.|IDR|Rp'
    """
    return "|".join(_regex.escape(str(w)) for w in sorted(items, key=len, reverse=True))


def alternatives(pattern: str) -> list[str]:
    """Given a regular expression, return its alternatives at the top level, as source (they join back
    with ``|`` into it): what a screen derived from a pattern reads.

    >>> alternatives(r"^a|b(c|d)|[|]|\\||^e")
    ['^a', 'b(c|d)', '[|]', '\\\\|', '^e']
    """
    found, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            index += 1
            index += pattern.startswith("^", index)
            index += pattern.startswith("]", index)  # a "]" first in a class is one of its characters
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(pattern[start:index])
            start = index + 1
        index += 1
    return found + [pattern[start:]]


_ESCAPE = _regex.compile(r"\\(?:[pPN]\{[^}]*\}|[gLk]<[^>]*>|x\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)",
                        _regex.S)
_QUANTIFIER = _regex.compile(r"[?*+]|\{[^}]*\}")
_INLINE_FLAGS = _regex.compile(r"\(\?[a-zA-Z-]+\)")  # "(?i)": flags from there on, maybe not the pattern's own


def required_word(pattern: _regex.Pattern) -> str | None:
    r"""Given a compiled regular expression, return the longest run of plain letters that every match holds as
    written (three or more, outside any group, class or escape, no quantifier on its last letter, in a
    pattern of one alternative), or None.

    >>> import regex
    >>> word = lambda p: required_word(regex.compile(p))
    >>> word(r"^\s*(?:\*\*)?\s*Tabel\s*\.?\s*(?P<number>\d+)"), word(r"Tabel|Gambar"), word(r"(?x)Tabel")
    ('Tabel', None, None)
    >>> word(r"\p{Lu}Tabe?l"), word(r"(?:Tabel)"), word(r"[Tabel]ab"), word(r"abc{2}d"), word(r"[[a]x]abc")
    ('Tab', None, None, None, None)
    >>> required_word(regex.compile(r"x\L<words>", words=["ab"])), word(r"(?V1)x(?i)Tabel"), word(r"(?i:x)Tabel")
    (None, None, 'Tabel')
    """
    flags, pattern = pattern.flags, pattern.pattern
    if flags & _regex.X or _INLINE_FLAGS.search(pattern) or len(alternatives(pattern)) > 1:
        return None  # (verbose: letters may be a comment's; inline flags: their case rules may not be the pattern's)
    runs, run, depth, at = [], "", 0, 0
    while at < len(pattern):
        char = pattern[at]
        if char.isalpha() and char.isascii() and depth == 0:
            run += char
            at += 1
            continue
        quantified = _QUANTIFIER.match(pattern, at)
        runs.append(run[:-1] if quantified and run else run)
        run = ""
        if char == "\\":
            at = _ESCAPE.match(pattern, at).end()
        elif char == "[":
            end = _class_end(pattern, at)
            if end is None:
                return None
            at = end
        elif quantified:
            at = quantified.end()
        else:
            depth += {"(": 1, ")": -1}.get(char, 0)
            at += 1
    runs.append(run)
    best = max(runs, key=len)
    return best if len(best) >= 3 else None


def _class_end(pattern: str, at: int) -> int | None:
    """Given a pattern and the offset of a ``[`` opening a class, return the offset after the class, or None
    when a ``[`` stands inside it (a set inside a set, in the ``regex`` module's second version)."""
    at += 1
    at += pattern.startswith("^", at)
    at += pattern.startswith("]", at)  # a "]" first in a class is one of its characters
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
        elif char == "[":
            return None
        elif char == "]":
            return at + 1
        else:
            at += 1
    return None


IGNORECASE = _regex.I


def require_keys(name: str, data: dict, allowed: set[str], required: set[str] = frozenset()) -> None:
    """Check a pattern mapping against a whitelist; report every bad key at once."""
    bad = sorted(set(data) - allowed)
    missing = sorted(set(required) - set(data))
    problems = [f"unknown key {k!r}" for k in bad] + [f"missing key {k!r}" for k in missing]
    if problems:
        raise PatternDataError(str(_path(name)), "; ".join(problems))
