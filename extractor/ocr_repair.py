"""Domain-aware repair of OCR misreads in figures (*angka hasil pindaian*).

Tesseract reads the figures of a scanned table with a few typical confusions: ``%`` as ``96``
(``100%`` → ``10096``), ``,`` and ``.`` swapped, letters for digits (``O``/``0``, ``l``/``1``,
``S``/``5``), a lost or mangled ``,-`` after an amount. Given a token and the kind of its column
(``percent``, ``rupiah``, ``count`` or ``number`` when unknown), :func:`readings` lists the candidate
printed forms, cheapest first. The report's own arithmetic then chooses among them:
:func:`settle_measurement` takes the combination that makes target, realisation and achievement
(*capaian*) agree, :func:`settle_budget` the one that makes allocation, realisation and absorption
agree, :func:`settle_sum` the one that makes parts add up to their total. A figure whose reading
changed keeps the OCR text (``ocr_raw``) and the reason (``correction``) and is ``low_confidence``.

All functions are pure: they take and return :class:`~extractor.model.Figure` objects (copies).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Iterable, Sequence

import regex

from .model import Figure
from .numbers import parse_figure, quantized

KINDS = ("percent", "rupiah", "count", "number")
MAX_READINGS = 6          # candidates kept per token (the product is searched exhaustively)
IMPLAUSIBLE_PERCENT = Decimal(1000)  # an achievement or absorption above this is a misread, not a figure

# Letters Tesseract puts for digits inside a number (checked only on tokens that are mostly digits).
_LETTER_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1",
                                "|": "1", "!": "1", "L": "1", "S": "5", "s": "5", "B": "8", "Z": "2",
                                "z": "2", "g": "9", "q": "9", "b": "6", "G": "6"})
_NUMBER_CHARS = regex.compile(r"[\d.,]")
# "%" read as "96", "%6", "9%", "%o", "o/o", "0/0" … at the end of a percentage
_PERCENT_MISREAD = regex.compile(r"(?<=\d)(?:\s*(?:96|%6|%o|%0|9%|o/o|0/0|°/o|°/0|°%|%%|\*))$")
# an amount's ",-" read as ",", ".", ",_", ".-", "~", "=", "-" or lost behind a separator
_RUPIAH_TAIL = regex.compile(r"(?<=\d)(?:[.,][-_~=:;']?|[-_~=])$")
_SEPARATOR = regex.compile(r"[.,]")
_DIGITS = regex.compile(r"\d")


@dataclass(frozen=True)
class Reading:
    """One candidate printed form of an OCR token: its ``text``, the edits made and their count."""

    text: str
    reason: str = ""
    cost: int = 0


def _letters_to_digits(text: str) -> str | None:
    """Given a token, return it with look-alike letters read as digits, or None if it has none or is
    not mostly a number.

    >>> _letters_to_digits("1O0%"), _letters_to_digits("8l,5"), _letters_to_digits("Dokumen")
    ('100%', '81,5', None)
    """
    body = text.removeprefix("Rp").removeprefix("Rp.").strip()
    core = regex.sub(r"[%\s]", "", body)
    if not core or len(_NUMBER_CHARS.findall(core)) < max(1, len(core) // 2 + 1):
        return None
    fixed = core.translate(_LETTER_DIGITS)
    if fixed == core or not regex.fullmatch(r"[\d.,\-]+", fixed):
        return None
    return text.replace(core, fixed) if core in text else None


def _swaps(text: str) -> Iterable[tuple[str, str]]:
    """Each single ``,``↔``.`` swap of a token's separators, with its reason.

    >>> [t for t, _ in _swaps("97.86%")]
    ['97,86%']
    """
    for m in _SEPARATOR.finditer(text):
        other = "," if m.group() == "." else "."
        yield text[: m.start()] + other + text[m.end():], f"'{m.group()}' read for '{other}'"


def _unify_groups(text: str) -> str | None:
    """An amount whose thousands groups mix marks (``62.216,151.818``) with every group mark made
    the majority mark; None when nothing changes.

    >>> _unify_groups("62.216,151.818"), _unify_groups("62.216.151.818,-")
    ('62.216.151.818', None)
    """
    m = regex.fullmatch(r"(\D*?)(\d{1,3}(?:[.,]\d{3}){2,})(\D*)", text)
    if not m:
        return None
    marks = _SEPARATOR.findall(m.group(2))
    main = max(set(marks), key=lambda mark: (marks.count(mark), mark == "."))  # a tie: Indonesian "."
    if len(set(marks)) == 1:
        return None
    return m.group(1) + _SEPARATOR.sub(main, m.group(2)) + m.group(3)


def readings(raw: str, kind: str = "number") -> list[Reading]:
    """Given an OCR token and its column's kind, return its candidate printed forms, cheapest first.

    The token as read comes first when it parses as a figure. Every other reading names its edit.

    >>> [(r.text, r.reason) for r in readings("10096", "percent")][:2]
    [('100%', "'%' read as '96'"), ('10096', '')]
    >>> [r.text for r in readings("9896", "percent")][:1]
    ['98%']
    >>> [r.text for r in readings("449.551.620,", "rupiah")][:1]
    ['449.551.620,-']
    >>> [r.text for r in readings("1O0%", "percent")][:1]
    ['100%']
    >>> [r.text for r in readings("97.86%", "percent")]
    ['97.86%', '97,86%']
    >>> [(r.text, r.reason) for r in readings("100 1", "percent")][:2]
    [('100', "stray '1' dropped"), ('1', "stray '100' dropped")]
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    text = " ".join(raw.split())
    out: list[Reading] = []

    def add(candidate: str, reason: str, cost: int) -> None:
        if parse_figure(candidate) is not None and all(r.text != candidate for r in out):
            out.append(Reading(candidate, reason, cost))

    base = [(text, "", 0)]
    glued = text.replace(" ", "")
    if glued != text and regex.fullmatch(r"\d{1,3}(?:[.,]\d{3})+(?:,-|,\d\d|%)?", glued):
        base.append((glued, "space inside a number", 1))
    tokens = text.split()
    if len(tokens) > 1:  # a speck read as a character beside the figure: "100 1", "a 75%"
        longest = max(tokens, key=lambda t: len(_DIGITS.findall(t)))
        base += [(t, f"stray '{' '.join(tokens[:k] + tokens[k + 1:])}' dropped", 1 + (t != longest))
                 for k, t in enumerate(tokens) if _DIGITS.search(t)]
    fixed = _letters_to_digits(text)
    if fixed:
        base.append((fixed, "letters read as digits", 1))
    for token, reason, cost in list(base):
        unified = _unify_groups(token)
        if unified:
            base.append((unified, _join(reason, "mixed thousands marks"), cost + 1))
    for token, reason, cost in base:
        percent = _PERCENT_MISREAD.search(token)
        if percent and kind in ("percent", "number"):
            # "10096" is a percent in a percent column: the as-read number costs more than the repair
            add(token[: percent.start()].rstrip() + "%", _join(reason, f"'%' read as '{percent.group().strip()}'"),
                cost + (0 if kind == "percent" else 1))
        tail = _RUPIAH_TAIL.search(token)
        if tail and kind in ("rupiah", "number") and tail.group() != ",-":
            add(token[: tail.start()] + ",-", _join(reason, f"',-' read as '{tail.group()}'"), cost + 1)
        add(token, reason, cost + (1 if percent and kind == "percent" else 0))
        one = regex.fullmatch(r"(\d+[.,]\d\d)1", token)
        if one and kind == "percent":  # "95.801" for "95,80%"
            add(one.group(1) + "%", _join(reason, "'%' read as '1'"), cost + 2)
        bare = regex.fullmatch(r"(\d{2,})(\d)(%?)", token)
        if bare and kind in ("percent", "number"):  # a decimal comma lost: "878" for "87,8"
            digits = bare.group(1) + bare.group(2)
            for cut in (len(digits) - 1, len(digits) - 2):
                add(f"{digits[:cut]},{digits[cut:]}{bare.group(3)}", _join(reason, "decimal mark lost"), cost + 2)
    for token, reason, cost in list((r.text, r.reason, r.cost) for r in out):
        for swapped, why in _swaps(token):
            add(swapped, _join(reason, why), cost + 1)
    out.sort(key=lambda r: r.cost)
    return out[:MAX_READINGS]


def _join(*reasons: str) -> str:
    return ", ".join(r for r in reasons if r)


def column_kind(field: str | None, cells: Sequence[str] = ()) -> str:
    """Given a column's field (``achievement``, ``allocation`` …) and its cells, return its kind.

    >>> column_kind("absorption"), column_kind("allocation"), column_kind("target", ["90%", "85 %", "2"])
    ('percent', 'rupiah', 'percent')
    >>> column_kind("target", ["2", "15"]), column_kind(None)
    ('count', 'number')
    """
    if field in ("achievement", "absorption"):
        return "percent"
    if field in ("allocation", "allocation_original", "budget_realization"):
        return "rupiah"
    filled = [c for c in cells if c.strip()]
    if not filled:
        return "number"
    if sum("%" in c for c in filled) * 2 >= len(filled):
        return "percent"
    if all(regex.fullmatch(r"\d{1,4}", c.strip()) for c in filled):
        return "count"
    return "number"


# ---------------------------------------------------------------- choosing by arithmetic

def _value(figure: Figure | None) -> Decimal | None:
    return figure.value if figure is not None else None


def _agrees(stated: Decimal, computed: Decimal, decimals: int) -> bool:
    """A stated percentage agrees with the computed one when the computed one, rounded or cut to
    the stated number of decimals, is what is printed.

    >>> _agrees(Decimal("95.80"), Decimal("95.80208"), 2), _agrees(Decimal("95.801"), Decimal("95.80208"), 3)
    (True, False)
    """
    return stated in (quantized(computed, decimals, ROUND_HALF_UP), quantized(computed, decimals, ROUND_DOWN))


def achievement_agrees(target: Decimal, realization: Decimal, achievement: Decimal, decimals: int = 0) -> bool:
    """True when ``achievement`` is realisation over target in percent, either polarity
    (higher is better: R/T; lower is better: T/R or (2T − R)/T).

    >>> achievement_agrees(Decimal(100), Decimal(98), Decimal(98)), achievement_agrees(Decimal(2), Decimal(1), Decimal(200))
    (True, True)
    >>> achievement_agrees(Decimal(100), Decimal(98), Decimal(9896))
    False
    """
    if not target or not realization:
        return False
    hundred = Decimal(100)
    options = (realization / target * hundred, target / realization * hundred,
               (2 * target - realization) / target * hundred)
    return any(_agrees(achievement, o, decimals) for o in options)


def _reread(figure: Figure, reading: Reading, mark: str | None, why: str) -> Figure:
    """A copy of ``figure`` read as ``reading``, keeping the OCR text and the reason."""
    new = parse_figure(reading.text, mark) or parse_figure(reading.text)
    assert new is not None  # readings() keeps only parseable candidates
    return new.model_copy(update={
        "raw": reading.text, "low_confidence": True, "ocr_raw": figure.ocr_raw or figure.raw,
        "ocr_confidence": figure.ocr_confidence,
        "correction": f'corrected: "{figure.raw}" → "{reading.text}", {why} ({reading.reason})',
    })


def _options(figure: Figure | None, kind: str) -> list[Reading | None]:
    if figure is None:
        return [None]
    found = readings(figure.ocr_raw or figure.raw, kind)
    return found or [Reading(figure.raw)]


def _settle(figures: Sequence[Figure | None], kinds: Sequence[str], agree, marks: Sequence[str | None]) -> list[Figure | None]:
    """Given figures, their kinds and a test of the parsed values, return the figures re-read as the
    cheapest combination of readings that passes the test (a reading the column's kind makes unlikely,
    ``10096`` in a percent column, costs more than its repair); unchanged when none passes (then only implausible readings are replaced, see :func:`plausible`)."""
    options = [_options(f, k) for f, k in zip(figures, kinds)]
    parsed = lambda r, m: None if r is None else (parse_figure(r.text, m) or parse_figure(r.text))  # noqa: E731
    as_read = sum(next((r.cost for r in opts if r is not None and r.text == f.raw), 0)
                  for f, opts in zip(figures, options) if f is not None)
    if not as_read and agree(*[_value(f) for f in figures], *[f.decimals if f else 0 for f in figures]):
        return list(figures)
    best = None
    for combo in itertools.product(*options):
        values = [parsed(r, m) for r, m in zip(combo, marks)]
        if agree(*[_value(v) for v in values], *[v.decimals if v else 0 for v in values]):
            cost = sum(r.cost for r in combo if r is not None)
            if best is None or cost < best[0]:
                best = (cost, combo)
    if best is None:
        return [plausible(f, k, m) for f, k, m in zip(figures, kinds, marks)]
    return [f if f is None or r is None or r.text == f.raw else _reread(f, r, m, "arithmetic")
            for f, r, m in zip(figures, best[1], marks)]


def plausible(figure: Figure | None, kind: str, mark: str | None = None) -> Figure | None:
    """Given a figure read by OCR and its column's kind, return it re-read when its value is
    impossible for the kind (a percentage above 1000 that ends in a misread ``%``), else unchanged.

    >>> plausible(parse_figure("10096"), "percent").correction
    'corrected: "10096" → "100%", column kind (\\'%\\' read as \\'96\\')'
    >>> plausible(parse_figure("98"), "percent").raw
    '98'
    """
    if figure is None or figure.value is None or kind != "percent" or abs(figure.value) <= IMPLAUSIBLE_PERCENT:
        return figure
    for reading in readings(figure.ocr_raw or figure.raw, kind):
        if "'%'" not in reading.reason:  # without arithmetic, only a misread percent sign is repaired
            continue
        value = _value(parse_figure(reading.text, mark) or parse_figure(reading.text))
        if value is not None and abs(value) <= IMPLAUSIBLE_PERCENT:
            return _reread(figure, reading, mark, "column kind")
    return figure.model_copy(update={"low_confidence": True})


def settle_measurement(target: Figure | None, realization: Figure | None, achievement: Figure | None,
                       kinds: tuple[str, str] = ("number", "number"),
                       marks: tuple[str | None, str | None, str | None] = (None, None, None),
                       ) -> tuple[Figure | None, Figure | None, Figure | None]:
    """Given an OCR'd row's target, realisation and achievement (*capaian*), return them re-read so
    that the achievement is the realisation over the target; ``kinds`` are the target and realisation
    columns' kinds (the achievement is a percentage).

    >>> t, r, a = settle_measurement(parse_figure("10096"), parse_figure("9896"), parse_figure("98%"),
    ...                              kinds=("percent", "percent"))
    >>> t.raw, r.raw, a.raw, r.ocr_raw, r.low_confidence
    ('100%', '98%', '98%', '9896', True)
    >>> r.correction
    'corrected: "9896" → "98%", arithmetic (\\'%\\' read as \\'96\\')'
    """
    def agree(t, r, a, _td, _rd, ad):
        return None not in (t, r, a) and achievement_agrees(t, r, a, ad)

    if None in (target, realization, achievement):
        kinds_all = (*kinds, "percent")
        return tuple(plausible(f, k, m) if f is not None and k == "percent" else f  # type: ignore[return-value]
                     for f, k, m in zip((target, realization, achievement), kinds_all, marks))
    return tuple(_settle((target, realization, achievement), (*kinds, "percent"), agree, marks))  # type: ignore[return-value]


def settle_budget(allocation: Figure | None, realization: Figure | None, absorption: Figure | None,
                  marks: tuple[str | None, str | None, str | None] = (None, None, None),
                  ) -> tuple[Figure | None, Figure | None, Figure | None]:
    """Given an OCR'd program row's allocation (*pagu*), realisation and absorption (*serapan*, %),
    return them re-read so that absorption is realisation over allocation.

    >>> a, r, p = settle_budget(parse_figure("1.000.000"), parse_figure("950.000"), parse_figure("9596"))
    >>> p.raw, p.value, p.ocr_raw, "arithmetic" in p.correction
    ('95%', Decimal('95'), '9596', True)
    """
    def agree(a, r, p, _ad, _rd, pd):
        if None in (a, r, p) or not a:
            return False
        return _agrees(p, r / a * 100, pd)

    if None in (allocation, realization, absorption):
        return allocation, realization, plausible(absorption, "percent", marks[2])
    return tuple(_settle((allocation, realization, absorption), ("rupiah", "rupiah", "percent"), agree, marks))  # type: ignore[return-value]


def settle_sum(parts: Sequence[Figure | None], total: Figure | None, kind: str = "rupiah",
               mark: str | None = None) -> tuple[list[Figure | None], Figure | None]:
    """Given the OCR'd figures of a column and their printed total (*jumlah*), return them re-read so
    that the parts add up to the total, changing one of them (the total included).

    >>> parts, total = settle_sum([parse_figure("1.500.000,-"), parse_figure("2.500,000")], parse_figure("4.000.000"))
    >>> parts[1].raw, parts[1].value, total.raw
    ('2.500.000', Decimal('2500000'), '4.000.000')
    """
    figures = [*parts, total]
    present = [f for f in figures if f is not None]
    if total is None or len(present) < 3:
        return list(parts), total

    def exact(values):
        known = [v for v in values if v is not None]
        return len(known) >= 2 and sum(known[:-1]) == known[-1] if values[-1] is not None else False

    if exact([_value(f) for f in figures]):
        return list(parts), total
    for k, figure in enumerate(figures):
        if figure is None:
            continue
        for reading in readings(figure.raw, kind)[: MAX_READINGS]:
            if reading.text == figure.raw:
                continue
            value = _value(parse_figure(reading.text, mark) or parse_figure(reading.text))
            values = [_value(f) for f in figures]
            values[k] = value
            if exact(values):
                out = list(figures)
                out[k] = _reread(figure, reading, mark, "sum")
                return out[:-1], out[-1]
    return list(parts), total


# ---------------------------------------------------------------- one cell, one row

LOW_CONFIDENCE = 60   # OCR confidence (0..100) below which a figure is low_confidence as read


def ocr_figure(figure: Figure | None, text: str, kind: str = "number", mark: str | None = None,
               confidence: float | None = None) -> Figure | None:
    """Given a cell read by OCR, the figure parsed from it (None when it did not parse), its column's
    kind and the OCR confidence, return the figure to keep: a token that does not parse is re-read
    by its cheapest parseable reading (``1O0%`` → ``100%``, reason ``shape``).

    >>> f = ocr_figure(None, "1O0%", "percent", confidence=71.0); (f.value, f.ocr_raw, f.low_confidence)
    (Decimal('100'), '1O0%', True)
    >>> ocr_figure(parse_figure("98%"), "98%", "percent", confidence=93.0).ocr_confidence
    93.0
    >>> ocr_figure(None, "Dokumen", "count") is None
    True
    """
    if figure is None:
        text = " ".join(text.split())
        options = [r for r in readings(text, kind) if r.text != text]
        if not options:
            return None
        figure = _reread(Figure(value=None, raw=text), options[0], mark, "shape")
    update: dict = {"ocr_confidence": confidence}
    if confidence is not None and confidence < LOW_CONFIDENCE:
        update["low_confidence"] = True
    return figure.model_copy(update=update)


MEASUREMENT = ("target", "realization", "achievement")
BUDGET = ("allocation", "budget_realization", "absorption")


def column_groups(columns: Sequence[tuple[int, str | None, int | None]]) -> list[dict[str, int]]:
    """Given a table's columns as (index, field, year), return the groups of columns one row's
    arithmetic ties together: target, realisation and achievement of each year (a column printing
    no year serves every year), and allocation, realisation and absorption of a budget.

    >>> column_groups([(0, "indicator", None), (1, "target", 2022), (2, "realization", 2022),
    ...                (3, "achievement", 2022), (4, "target", 2023), (5, "achievement", None)])
    [{'target': 1, 'realization': 2, 'achievement': 3}, {'target': 4, 'achievement': 5}]
    """
    groups = []
    years = sorted({y for _, f, y in columns if f in MEASUREMENT and y is not None}) or [None]
    for year in years:
        group = {}
        for field in MEASUREMENT:
            exact = [i for i, f, y in columns if f == field and y == year]
            loose = [i for i, f, y in columns if f == field and y is None]
            if exact or loose:
                group[field] = (exact or loose)[0]
        if len(group) >= 2:
            groups.append(group)
    budget = {field: next(i for i, f, _ in columns if f == field) for field in BUDGET
              if any(f == field for _, f, _ in columns)}
    if len(budget) >= 2:
        groups.append(budget)
    return groups


def settle_columns(figures: dict[int, Figure | None], groups: list[dict[str, int]],
                   kinds: dict[int, str] | None = None, marks: dict[int, str | None] | None = None,
                   ) -> dict[int, Figure | None]:
    """Given the figures of one OCR'd row by column index and the column groups of its table
    (:func:`column_groups`), return them settled by each group's arithmetic
    (:func:`settle_measurement`, :func:`settle_budget`). Only figures the arithmetic confirms, as
    read or re-read, keep full confidence: every other OCR figure is ``low_confidence``.

    >>> row = settle_columns({1: parse_figure("90"), 2: parse_figure("81"), 3: parse_figure("9096")},
    ...                      [{"target": 1, "realization": 2, "achievement": 3}])
    >>> row[3].raw, row[3].ocr_raw
    ('90%', '9096')
    """
    kinds, marks = kinds or {}, marks or {}
    grouped = {i for group in groups for i in group.values()}
    # a figure no arithmetic of its row can confirm stays unsure
    out = {i: f if f is None or i in grouped else f.model_copy(update={"low_confidence": True})
           for i, f in figures.items()}
    for group in groups:
        fields = MEASUREMENT if "target" in group or "achievement" in group else BUDGET
        settle = _measurement if fields is MEASUREMENT else _budget
        index = [group.get(f) for f in fields]
        settled = settle([out.get(i) if i is not None else None for i in index],
                         [kinds.get(i, "number") if i is not None else "number" for i in index],
                         [marks.get(i) if i is not None else None for i in index])
        out.update({i: v for i, v in zip(index, settled) if i is not None})
    return out


def _measurement(figures, kinds, marks):
    return _doubt(settle_measurement(*figures, kinds=tuple(kinds[:2]), marks=tuple(marks)),
                  lambda t, r, a: achievement_agrees(t.value, r.value, a.value, a.decimals or 0))


def _budget(figures, kinds, marks):
    return _doubt(settle_budget(*figures, marks=tuple(marks)),
                  lambda a, r, p: bool(a.value) and _agrees(p.value, r.value / a.value * 100, p.decimals or 0))


def _doubt(settled, agree) -> list[Figure | None]:
    """When no reading makes the row agree (or a figure is missing, so nothing can), its OCR
    figures become ``low_confidence``: a disagreement may be a misread, not the report's, so a
    finding on them is at most a warning."""
    if all(_value(f) is not None for f in settled) and agree(*settled):
        return list(settled)
    return [f if f is None else f.model_copy(update={"low_confidence": True}) for f in settled]
