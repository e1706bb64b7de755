"""The report's own yardsticks: its predicate scales, capaian formulas, efficiency formula, polarity.

A stage before assembly: :func:`find_yardsticks` reads the report's prose lines and its tables'
printings once; assembly sets ``indicator.polarity`` and ``report.scales`` from what it returns, so a
report extracted without verification has the same indicators.

Reports print how they judge themselves: a scale table (*Atribut Capaian*, *Skala Nilai Peringkat
Kinerja*), two capaian formulas (higher is better: realisasi / target × 100; lower is better:
(2 × target − realisasi) / target × 100, often garbled in print), sometimes how they compute the
efficiency level (*dibagi* → a ratio; *dikurangi* / *selisih* → a difference), and now and then
which indicators are better when lower. :class:`Yardsticks` holds what the report declares, falling
back to ``patterns/predicates.yaml`` and the standard formulas of ``patterns/verify.yaml`` — and says
which is which (``declared``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import chain, islice

import regex
from rapidfuzz import fuzz

from .model import _decimal_to_json
from .names import SAME_NAME, fold_label, mention_score
from .joined import Joined, texts_found
from .patterns import compiled, load, required_word
from .printings import PrintedTable
from .tables import predicate_words
from .read.base import Line


LOWER_MENTIONED = 90  # partial_ratio from which a sentence saying "lower is better" names an indicator
OPEN_ENDS = ("=", "-", "−", "–", "—")  # a folded line (no space at its ends) ending so goes on below: a fraction


@lru_cache(maxsize=1)
def language() -> dict:
    """Return ``patterns/verify.yaml`` (cached)."""
    return load("verify")


@dataclass
class Yardsticks:
    """What the report judges itself by: scales and formulas, and where it says lower is better."""

    predicate_scales: list[dict]
    achievement_formulas: dict
    efficiency_formula: dict
    lower_phrases: list[str] = field(default_factory=list)  # prose lines saying some indicator is better lower
    lower_rows: list[str] = field(default_factory=list)  # names a polarity column marks as better lower

    def lower_is_better(self, name: str) -> bool:
        """Given an indicator's name, say whether the report says it is better when lower."""
        return (any(mention_score(name, text) >= LOWER_MENTIONED for text in self.lower_phrases)
                or any(fuzz.token_sort_ratio(fold_label(name), fold_label(row)) >= SAME_NAME for row in self.lower_rows))

    def scales(self, lower_is_better: list[str]) -> dict:
        """Given the names of the indicators better when lower, return ``report.scales``."""
        return {"predicate_scales": self.predicate_scales, "achievement_formulas": self.achievement_formulas,
                "efficiency_formula": self.efficiency_formula, "lower_is_better": sorted(lower_is_better)}


def find_yardsticks(lines: list[Line], tables: list[PrintedTable]) -> Yardsticks:
    """Given the report's lines and its tables' printings, return its :class:`Yardsticks`."""
    prose = [line for line in lines if not line.is_row]
    return Yardsticks(predicate_scales(tables), achievement_formulas(prose), efficiency_formula(prose),
                      lower_phrases(prose), lower_rows(tables))


def lower_phrases(prose: list[Line]) -> list[str]:
    """The prose saying some indicator is better when lower: each line that says so, or a line whose
    sentence says so over the next line (a wrapped line of a PDF), up to the end of the saying (so that
    the next line's own indicator is not taken with it).

    >>> lower_phrases([Line(1, "", text="Indikator Angka kematian ibu bersifat negatif: semakin rendah"),
    ...                Line(2, "", text="realisasinya semakin baik. Indikator Nilai SAKIP bersifat positif.")])
    ['Indikator Angka kematian ibu bersifat negatif: semakin rendah realisasinya semakin baik']
    """
    phrases = [compiled(p, regex.I) for p in language()["lower_is_better"]["phrases"]]
    if all(_context_free(p.pattern) for p in phrases):
        # one search of a text holding every line and every pair of following lines: most reports print no
        # such phrase, and then none is tried line by line (a match in one piece is a match in the whole)
        everything = _lines_and_pairs(prose)
        if not any(p.search(everything) for p in phrases):
            return []
    out = []
    for line, following in zip(prose, [*prose[1:], None]):
        if any(p.search(line.text) for p in phrases):
            out.append(line.text)
            continue
        if following is None or following.number != line.number + 1:
            continue
        joined = f"{line.text.rstrip()} {following.text.lstrip()}"
        ends = [m.end() for p in phrases for m in p.finditer(joined) if m.start() < len(line.text.rstrip())]
        if ends:
            out.append(joined[:max(ends)])
    return out


def lines_matching(pattern: regex.Pattern, lines: list[Line]) -> list[Line]:
    """Given a pattern and lines, return the lines it matches somewhere (``pattern.search``), in order.

    A pattern that matches a piece of text the same way wherever the piece stands (:func:`_context_free`) is
    searched over the lines joined (:func:`~extractor.joined.texts_found`): a line holding a match holds the
    start of one there. Only the lines such a start falls in are searched again, alone (few lines hold one).

    >>> [line.number for line in lines_matching(regex.compile("ab"), [Line(1, "", "xa"), Line(2, "", "b ab"), Line(3, "", "a")])]
    [2]
    """
    if not _context_free(pattern.pattern):
        return [line for line in lines if pattern.search(line.text)]

    def next_start(text: str, at: int) -> int:
        m = pattern.search(text, at)
        return m.start() if m else -1
    # a start in a line makes it a candidate (a match may run on into the next line): each is searched alone
    candidates = texts_found(Joined.of([line.text for line in lines]), next_start)
    return [lines[k] for k in sorted(candidates) if pattern.search(lines[k].text)]


def _lines_and_pairs(prose: list[Line]) -> str:
    """One text holding each line and each pair of following lines as :func:`lower_phrases` reads them (the
    first without its trailing spaces, a space, the second without its leading ones): the lines in order, a
    line set apart from the next by a space when it follows it, else by a line break. When a line starts or
    ends with spaces, the lines and the pairs are set apart one by one.

    >>> _lines_and_pairs([Line(1, "", "a"), Line(2, "", "b"), Line(4, "", "c")]), _lines_and_pairs([])
    ('a b\\nc', '')
    >>> _lines_and_pairs([Line(1, "", "a "), Line(2, "", "b")])
    'a \\nb\\na b'
    """
    texts = [line.text for line in prose]
    if any(text != text.strip() for text in texts):
        pairs = [f"{line.text.rstrip()} {following.text.lstrip()}" for line, following in zip(prose, prose[1:])
                 if following.number == line.number + 1]
        return "\n".join(texts + pairs)
    breaks = [" " if following.number == line.number + 1 else "\n" for line, following in zip(prose, prose[1:])]
    return "".join(chain.from_iterable(zip(texts, breaks))) + (texts[-1] if texts else "")


_ASSERTION = regex.compile(r"(?<!\\)[$]|\\[bBAZG]|\(\?<?[=!]|(?<![\\[])\^")  # anchors, boundaries, lookarounds


def _context_free(pattern: str) -> bool:
    r"""Whether a pattern matches a piece of text the same way wherever the piece stands (no anchor, word
    boundary or lookaround looks past the match), so that a match in a piece is one in a text holding it.

    >>> _context_free(r"semakin\s+[^.]{0,60}baik"), _context_free(r"\bnegatif"), _context_free(r"^x"), _context_free(r"x$")
    (True, False, False, False)
    """
    return not _ASSERTION.search(pattern)


# ---------------------------------------------------------------- predicate scales


def parse_band(text: str) -> dict | None:
    """Given a band as printed, return its bounds (``min``/``max`` with inclusiveness), or None.

    >>> parse_band("70% s.d < 85%")
    {'min': 70, 'min_inclusive': True, 'max': 85, 'max_inclusive': False}
    >>> parse_band("$76 \\\\leq 90$")
    {'min': 76, 'min_inclusive': True, 'max': 90, 'max_inclusive': True}
    >>> parse_band("< 55%"), parse_band("≥ 90")
    ({'min': None, 'min_inclusive': False, 'max': 55, 'max_inclusive': False}, {'min': 90, 'min_inclusive': True, 'max': None, 'max_inclusive': False})
    >>> parse_band("Sangat Tinggi") is None
    True
    """
    text = text.replace("$", "").replace("\\leq", "≤").replace("\\geq", "≥").replace("\\%", "%")
    text = text.replace("\\le", "≤").replace("\\ge", "≥")
    pats = language()["band"]
    number = lambda s: _decimal_to_json(Decimal(s.replace(",", ".")))  # noqa: E731
    for key in ("range", "pair"):
        m = compiled(pats[key], regex.I).search(text)
        if m:
            return {"min": number(m["low"]), "min_inclusive": True, "max": number(m["high"]),
                    "max_inclusive": m["op"] not in ("<",) if key == "range" else m["op"] != "<"}
    m = compiled(pats["bound"]).search(text)
    if not m:
        return None
    op, value = m["op"], number(m["value"])
    if op in ("<", "≤", "<="):
        return {"min": None, "min_inclusive": False, "max": value, "max_inclusive": op != "<"}
    return {"min": value, "min_inclusive": op != ">", "max": None, "max_inclusive": False}


def scale_from_table(table) -> dict | None:
    """Given a table of kind ``scale``, return its bands (best first), or None if it has none."""
    bands = []
    for row in table.rows:
        predicate = next((predicate_words()[fold_label(c)] for c in row.cells if fold_label(c) in predicate_words()), None)
        band = next((b for c in row.cells if (b := parse_band(c)) is not None), None) if predicate else None
        if band is not None:
            printed = next(c for c in row.cells if parse_band(c) is not None)
            bands.append({"predicate": predicate, **band, "printed": printed.strip()})
    if len(bands) < 2:
        return None
    return {"name": table.caption_text, "declared": True, "line": table.line, "bands": bands}


def default_scales() -> list[dict]:
    """The standard scales of ``patterns/predicates.yaml``, marked as not declared by the report."""
    scales = load("predicates")["scales"]
    out = []
    for key in language()["default_predicate_scales"]:
        bands = [{"predicate": b["predicate"], "min": b.get("min"), "min_inclusive": True,
                  "max": b.get("max"), "max_inclusive": bool(b.get("max_inclusive")), "printed": None}
                 for b in scales[key]["bands"]]
        out.append({"name": key, "declared": False, "source": scales[key]["source"], "line": None, "bands": bands})
    return out


def predicate_scales(tables: list) -> list[dict]:
    """The report's scale tables, then each standard scale whose predicates the report does not scale."""
    declared = [s for t in tables if t.kind == "scale" and (s := scale_from_table(t)) is not None]
    covered = {b["predicate"] for s in declared for b in s["bands"]}
    return declared + [s for s in default_scales() if not covered & {b["predicate"] for b in s["bands"]}]


def scale_for(predicate: str, scales: dict) -> dict | None:
    """Given a canonical predicate, return the first scale that names it."""
    return next((s for s in scales.get("predicate_scales", ()) if any(b["predicate"] == predicate for b in s["bands"])), None)


def in_band(value: Decimal, band: dict, open_above: bool = False, open_below: bool = False) -> bool:
    """Given a capaian, say whether it lies in a band (the best band is open above, the worst below).

    >>> band = {"min": 85, "min_inclusive": True, "max": 100, "max_inclusive": True}
    >>> in_band(Decimal("85"), band), in_band(Decimal("550"), band), in_band(Decimal("550"), band, open_above=True)
    (True, False, True)
    """
    low, high = band["min"], band["max"]
    if low is not None and not open_below:
        low = Decimal(str(low))
        if value < low or value == low and not band["min_inclusive"]:
            return False
    if high is not None and not open_above:
        high = Decimal(str(high))
        if value > high or value == high and not band["max_inclusive"]:
            return False
    return True


def bands_of(value: Decimal, scale: dict) -> list[dict]:
    """Given a capaian, return the bands of the scale it lies in (usually one; none in a gap)."""
    bands = scale["bands"]
    ordered = sorted(bands, key=lambda b: Decimal(str(b["min"] if b["min"] is not None else -10 ** 9)))
    return [b for b in bands if in_band(value, b, open_above=b is ordered[-1], open_below=b is ordered[0])]


def neighbours(value: Decimal, scale: dict) -> list[dict]:
    """Given a capaian in a gap between bands, return the bands just below and just above it."""
    below = [b for b in scale["bands"] if b["max"] is not None and Decimal(str(b["max"])) <= value]
    above = [b for b in scale["bands"] if b["min"] is not None and Decimal(str(b["min"])) >= value]
    out = []
    if below:
        out.append(max(below, key=lambda b: Decimal(str(b["max"]))))
    if above:
        out.append(min(above, key=lambda b: Decimal(str(b["min"]))))
    return out


# ---------------------------------------------------------------- formulas


def achievement_formulas(lines: list) -> dict:
    """The capaian formulas the report prints (by polarity), else the standard ones."""
    data = language()["achievement_formula"]
    found: dict[str, dict] = {}
    texts = [line.text for line in lines]
    formula_line = compiled(data["line"])
    # the lines worth a look: those ending open and those the formula line matches alone
    word = required_word(formula_line)
    for k in _may_state_formula(texts, word and word.lower()):
        line, text = lines[k], fold_label(texts[k])
        ends = text.endswith(OPEN_ENDS)
        if not ends and not formula_line.search(text):
            continue
        if ends:  # a formula set over several lines (OCR of a fraction): this one and the next two not blank
            text = " ".join(fold_label(t) for t in islice((t for t in islice(texts, k, None) if t.strip()), 3))
        m = formula_line.search(text)
        if not m:
            continue
        rhs = text[m.end():].strip()
        for polarity in ("lower_is_better", "higher_is_better"):
            if polarity not in found and any(compiled(p).search(rhs) for p in data[polarity]):
                found[polarity] = {"formula": language()["default_formulas"][polarity]["formula"], "declared": True,
                                   "line": line.number, "printed": line.text.strip()}
                break
    for polarity in ("higher_is_better", "lower_is_better"):
        if polarity not in found:
            default = language()["default_formulas"][polarity]
            found[polarity] = {"formula": default["formula"], "declared": False, "source": default["source"]}
    return found


def _may_state_formula(texts: list[str], word: str | None) -> list[int] | range:
    """Given texts and the word every formula line holds (:func:`~extractor.patterns.required_word`, lower
    case; None: no such word), return in order the indexes of the texts whose :func:`fold_label` may hold the
    word or end on one of :data:`OPEN_ENDS` (False is certain), without folding them all (most lines are neither).

    A text folded ends on what it ends on lower-cased, spaces aside, and holds a word (no space in it) only where
    the text lower-cased holds it, or holds its letters set apart by spaces (a letter-spaced text, closed up):
    those are looked up once in all the texts lower-cased and joined.

    >>> _may_state_formula(["Capaian = a", "x", "C  A P A I A N", "y = ", "Target -", "", "c a p", "a i a n"], "capaian")
    [0, 2, 3, 4, 6, 7]
    """
    lowered = "\n".join(texts).lower()
    if word is None or lowered.count("\n") != len(texts) - 1:  # (a text of several lines: all looked at)
        return range(len(texts))
    starts = _offsets(lowered, word)
    for end in OPEN_ENDS:  # a mark with only spaces after it in its line
        starts += [at for at in _offsets(lowered, end) if not lowered[at + 1:_line_end(lowered, at)].strip()]
    spans = [(at, at) for at in starts] + [m.span() for m in re.finditer(r"\s+".join(map(re.escape, word)), lowered)]
    found: set[int] = set()
    index, at = 0, 0
    for start, end in sorted(spans):
        index += lowered.count("\n", at, start)
        at = start
        found.update(range(index, index + lowered.count("\n", start, end) + 1))  # every line a match runs over
    return sorted(found)


def _line_end(text: str, at: int) -> int:
    """Where the line holding offset ``at`` of ``text`` ends (its line break, or the end of the text)."""
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def _offsets(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``, every time.

    >>> _offsets("aaa", "aa")
    [0, 1]
    """
    found, at = [], text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def efficiency_kind(text: str) -> str | None:
    """Given a sentence about efficiency, return the formula it states: ratio, difference or None.

    >>> efficiency_kind("Tingkat efisiensi : capaian kinerja – penyerapan anggaran")
    'difference'
    >>> efficiency_kind("tingkat efisiensinya adalah 5 berasal dari perhitungan capaian (550%) dibagi dengan penyerapan (97,86%)")
    'ratio'
    """
    data = language()["efficiency_formula"]
    if not compiled(data["line"], regex.I).search(text):
        return None
    for kind in ("difference", "ratio"):
        if any(compiled(p, regex.I).search(text) for p in data[kind]):
            return kind
    return None


def efficiency_formula(lines: list) -> dict:
    """The efficiency formula most lines of the report state, else the standard ratio."""
    about = compiled(language()["efficiency_formula"]["line"], regex.I)  # a screen: few lines speak of efficiency
    stated = [(line, kind) for line in lines_matching(about, lines) if (kind := efficiency_kind(line.text))]
    if not stated:
        default = language()["default_formulas"]["efficiency"]
        return {"kind": default["kind"], "formula": default["formula"], "declared": False, "source": default["source"]}
    kinds = [kind for _, kind in stated]
    kind = max(("difference", "ratio"), key=kinds.count)
    line = next(line for line, k in stated if k == kind)
    formula = language()["efficiency_formula_names"][kind]
    return {"kind": kind, "formula": formula, "declared": True, "line": line.number,
            "lines": [line.number for line, _ in stated], "printed": line.text.strip()[:200]}


def lower_rows(tables: list[PrintedTable]) -> list[str]:
    """The indicator names a polarity column marks as better when lower."""
    data = language()["lower_is_better"]
    polarity_column = compiled(data["polarity_column"])
    found = []
    for table in tables:
        col = next((c for c in table.columns if polarity_column.match(fold_label(c.label or ""))), None)
        name_col = table.column("indicator")
        if col is None or name_col is None:
            continue
        found += [row.text(name_col) for row in table.rows if fold_label(row.text(col)) in data["polarity_values"]]
    return found
