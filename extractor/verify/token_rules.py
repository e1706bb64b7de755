"""Token rules: the part of spaCy's ``Matcher`` and ``EntityRuler`` the prose rules use, on our tokens.

A rule is a row of a JSONL file, ``{"label": …, "pattern": [token, …]}``; a token is a dict of
``ORTH``, ``LOWER``, ``SHAPE`` (a string, or ``{"IN": [...]}``, or for ``LOWER`` also
``{"REGEX": "..."}``, searched), ``LIKE_NUM`` (true or false) and ``OP`` (``"?"``: optional, ``"*"``:
any number); ``{}`` is any token. Anything else is a :class:`~extractor.errors.PatternDataError`
naming the file. Semantics are spaCy's:

- :meth:`Rules.matches`: every ``(label, start, end)`` whose tokens the pattern matches in full,
  once each (spaCy's ``Matcher`` returns all lengths a ``*`` allows, not only the longest);
- :meth:`Rules.entities`: spaCy's ``EntityRuler``: the longest match first, then the earliest, none
  overlapping one taken before; returned in text order. Where two labels match the very same tokens,
  the label of the rule first in the file is taken (spaCy takes whichever its hash set gives first).

>>> rules = Rules.from_rows([{"label": "up", "pattern": [{"LOWER": "naik"}, {"ORTH": "%", "OP": "?"}]}], "x")
>>> from extractor.verify.tokenizer import make_doc
>>> rules.matches(make_doc("Naik % lagi"))
[('up', 0, 1), ('up', 0, 2)]
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, NamedTuple, Sequence

from ..errors import PatternDataError
from .tokenizer import Token

Test = Callable[[Token], bool]
ATTRIBUTES = {"ORTH": "text", "LOWER": "lower_", "SHAPE": "shape_"}  # string attributes and the token's field
OPERATORS = ("?", "*")


class Span(NamedTuple):
    """A matched span: its label, tokens ``[start, end)`` and characters ``[start_char, end_char)``."""

    label: str
    start: int
    end: int
    start_char: int
    end_char: int


class Step(NamedTuple):
    """One token of a pattern: its test and whether it may be absent (``?``) or repeat (``*``)."""

    test: Test
    optional: bool
    repeats: bool


def _value_test(field: str, value, where: str) -> Test:
    """Given a token field and a pattern's value (a string, ``{"IN": …}`` or ``{"REGEX": …}``), return its test."""
    if isinstance(value, str):
        return lambda token: getattr(token, field) == value
    if isinstance(value, dict) and len(value) == 1:
        (predicate, argument), = value.items()
        if predicate == "IN" and isinstance(argument, list) and all(isinstance(a, str) for a in argument):
            allowed = frozenset(argument)
            return lambda token: getattr(token, field) in allowed
        if predicate == "REGEX" and isinstance(argument, str):
            try:
                search = re.compile(argument).search
            except re.error as exc:
                raise ValueError(f"{where}: bad REGEX: {exc}") from None
            return lambda token: search(getattr(token, field)) is not None
    raise ValueError(f"{where}: unsupported value {value!r}")


def _step(spec, where: str) -> Step:
    """Given one token of a pattern, return its :class:`Step` (ValueError names what is unsupported)."""
    if not isinstance(spec, dict):
        raise ValueError(f"{where}: a token is not a dict")
    tests: list[Test] = []
    for key, value in spec.items():
        if key in ATTRIBUTES:
            tests.append(_value_test(ATTRIBUTES[key], value, f"{where} {key}"))
        elif key == "LIKE_NUM" and isinstance(value, bool):
            tests.append(lambda token, wanted=value: token.like_num == wanted)
        elif key == "OP" and value in OPERATORS:
            continue
        else:
            raise ValueError(f"{where}: unsupported key or operator {key}={value!r}")
    operator = spec.get("OP")
    if len(tests) == 1:
        test = tests[0]
    else:
        def test(token: Token, tests=tuple(tests)) -> bool:
            return all(one(token) for one in tests)
    return Step(test, operator in OPERATORS, operator == "*")


class Pattern(NamedTuple):
    """A compiled pattern: its label and steps, and the lower-case words it must open with (None: any)."""

    label: str
    steps: tuple[Step, ...]
    openings: frozenset[str] | None
    reach: tuple[frozenset[int], ...] = ()  # per position, those reached passing over optional steps


def _openings(pattern: list) -> frozenset[str] | None:
    """Given a pattern, return the lower-case words a match's first token is one of (None: not known)."""
    first = pattern[0]
    if first.get("OP") in OPERATORS or set(first) - {"LOWER"}:
        return None
    lower = first.get("LOWER")
    if isinstance(lower, str):
        return frozenset({lower})
    if isinstance(lower, dict) and set(lower) == {"IN"}:
        return frozenset(lower["IN"])
    return None


def compile_row(row, where: str) -> Pattern:
    """Given a rule row (``{"label", "pattern"}``), return its :class:`Pattern` (ValueError if unsupported)."""
    if not isinstance(row, dict) or set(row) != {"label", "pattern"}:
        raise ValueError(f"{where}: a rule has the keys label and pattern only")
    label, pattern = row["label"], row["pattern"]
    if not isinstance(label, str) or not isinstance(pattern, list) or not pattern:
        raise ValueError(f"{where}: a label is a string, a pattern a non-empty list of tokens")
    steps = tuple(_step(spec, f"{where} token {n}") for n, spec in enumerate(pattern, start=1))
    return Pattern(label, steps, _openings(pattern), _reach(steps))


def _reach(steps: Sequence[Step]) -> tuple[frozenset[int], ...]:
    """Given a pattern's steps, return per position ``0 … len(steps)`` the positions reached from it without
    reading a token (passing over optional steps)."""
    final = len(steps)
    reach = [frozenset({final})]
    for position in range(final - 1, -1, -1):
        reach.insert(0, frozenset({position}) | (reach[0] if steps[position].optional else frozenset()))
    return tuple(reach)


def _ends(steps: Sequence[Step], tokens: Sequence[Token], start: int,
          reach: tuple[frozenset[int], ...] | None = None) -> list[int]:
    """Given a pattern's steps, the tokens and a start, return every end where the steps match in full."""
    final = len(steps)
    reach = reach or _reach(steps)
    ends, states = [], reach[0]
    for index in range(start, len(tokens)):
        token = tokens[index]
        moved: set[int] = set()
        for position in states:
            if position < final and steps[position].test(token):
                moved |= reach[position + 1]
                if steps[position].repeats:
                    moved |= reach[position]
        if not moved:
            break
        states = moved
        if final in states:
            ends.append(index + 1)
    return ends


def _one(step: Step, token: Token, start: int) -> tuple[int, ...]:
    """The ends of a pattern of one token that does not repeat, from a start: after the token when it passes
    (an optional token's empty match is none: spaCy returns no empty match)."""
    return (start + 1,) if step.test(token) else ()


_REMEMBERED = 50000  # token texts whose starting patterns are remembered


class Rules:
    """The compiled rules of one JSONL file (build with :meth:`from_rows`)."""

    def __init__(self, patterns: Sequence[Pattern]):
        self.patterns = tuple(patterns)
        self.labels = tuple(dict.fromkeys(p.label for p in self.patterns))
        self._by_opening: dict[str, tuple[int, ...]] = {}
        self._anywhere = tuple(n for n, p in enumerate(self.patterns) if p.openings is None)
        for number, pattern in enumerate(self.patterns):
            for word in pattern.openings or ():
                self._by_opening[word] = self._by_opening.get(word, ()) + (number,)
        self._starting: dict[str, tuple[int, ...]] = {}  # per token text: the patterns that may start on it
        self._openings: dict[tuple[str, ...], frozenset[str] | None] = {}  # per labels asked

    @classmethod
    def from_rows(cls, rows: Iterable[dict], path: str) -> "Rules":
        """Given a file's rows and its path, return the rules; every unsupported row is one PatternDataError.

        spaCy's Matcher keeps the patterns grouped by label, in the order each label first comes."""
        compiled, problems = [], []
        for number, row in enumerate(rows, start=1):
            try:
                compiled.append(compile_row(row, f"rule {number}"))
            except ValueError as exc:
                problems.append(str(exc))
        if problems:
            raise PatternDataError(path, "; ".join(problems))
        order = {label: n for n, label in enumerate(dict.fromkeys(p.label for p in compiled))}
        return cls(sorted(compiled, key=lambda p: order[p.label]))

    def openings_of(self, labels: Iterable[str]) -> frozenset[str] | None:
        """Given labels, return the lower-case words their patterns open with: no token of a text being one,
        no pattern of theirs matches in it (None when a pattern may open on any token).

        >>> rules = Rules.from_rows([{"label": "a", "pattern": [{"LOWER": {"IN": ["x", "y"]}}, {}]}], "f")
        >>> sorted(rules.openings_of(["a"])), rules.openings_of(["b"])
        (['x', 'y'], frozenset())
        """
        labels = tuple(labels)
        if labels not in self._openings:  # (asked of every sentence: found once per labels)
            found = [p.openings for p in self.patterns if p.label in labels]
            self._openings[labels] = None if None in found else frozenset().union(*found)
        return self._openings[labels]

    def _tried(self, token: Token) -> tuple[int, ...]:
        """The patterns that may match from a token on, in order: those opening on its lower case and, of the
        others, those whose first token is optional or passes its test (remembered per text: a token's
        attributes are those of its text)."""
        tried = self._starting.get(token.text)
        if tried is None:
            opening = self._by_opening.get(token.lower_, ())
            anywhere = tuple(n for n in self._anywhere
                             if self.patterns[n].steps[0].optional or self.patterns[n].steps[0].test(token))
            tried = tuple(sorted(opening + anywhere)) if anywhere else opening
            if len(self._starting) < _REMEMBERED:
                self._starting[token.text] = tried
        return tried

    def matches(self, tokens: Sequence[Token]) -> list[tuple[str, int, int]]:
        """Given tokens, return every ``(label, start, end)`` a pattern matches, once each, by end then start."""
        found: dict[tuple[str, int, int], tuple[int, int, int]] = {}
        for start, token in enumerate(tokens):
            for number in self._tried(token):
                pattern = self.patterns[number]
                steps = pattern.steps
                single = len(steps) == 1 and not steps[0].repeats
                for end in (_one(steps[0], token, start) if single else _ends(steps, tokens, start, pattern.reach)):
                    found.setdefault((pattern.label, start, end), (end, start, number))
        return sorted(found, key=found.__getitem__)

    def spans(self, tokens: Sequence[Token]) -> list[Span]:
        """Given tokens, return :meth:`matches` as :class:`Span` with their characters."""
        return [_span(tokens, *match) for match in self.matches(tokens)]

    def entities(self, tokens: Sequence[Token]) -> list[Span]:
        """Given tokens, return the EntityRuler's spans: longest first, then earliest, none overlapping; in order."""
        seen: set[int] = set()
        taken = []
        for label, start, end in sorted(self.matches(tokens), key=lambda m: (m[1] - m[2], m[1])):
            if start not in seen and end - 1 not in seen:
                taken.append((label, start, end))
                seen.update(range(start, end))
        return [_span(tokens, *match) for match in sorted(taken, key=lambda m: m[1])]


def _span(tokens: Sequence[Token], label: str, start: int, end: int) -> Span:
    last = tokens[end - 1]
    return Span(label, start, end, tokens[start].idx, last.idx + len(last.text))
