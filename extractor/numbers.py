"""Parse figures as printed in LKjIP reports into :class:`~extractor.model.Figure` (Decimal, never float).

The pipeline, in the manner of price-parser: :func:`parse_figure` splits a printed figure into its
sign, unit marker (``Rp``, ``%``) and numeric body; the body's own shape decides the decimal mark when
it can (:func:`_proven_mark`), a caller's hint or the Indonesian convention decides it when it cannot
(:func:`_guessed_mark`); :func:`_read_body` then reads the value. :func:`decimal_mark_of_column`
gathers the evidence of a whole table column, so the caller can pass it as the hint.

The one real ambiguity is a single mark followed by exactly three digits (``1.234``, ``1,234``): a
thousands separator or a decimal point. Without a hint, ``.`` is read as thousands and ``,`` as the
decimal point (Indonesian), except in percentages, where either mark is a decimal point (a percentage
rarely exceeds 999).

The unit markers and the word for percent live in ``patterns/numbers.yaml``. Numbers in words
(*terbilang*) and the ``6 (enam)`` claims are :mod:`extractor.terbilang`, which builds on this module.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal
from functools import lru_cache
from typing import NamedTuple

from . import patterns
from .model import Figure

MARKS = (",", ".")
HINTS = (None, *MARKS)  # what a caller may say of a figure's decimal mark: nothing, or one of the marks
_MINUS = "-\u2212"          # hyphen-minus and the minus sign
_BODY = r"\d+(?:[.,]\d+)*"  # digits with separators; validated by _well_formed
_DIGIT = re.compile(r"\d")
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of another script: fullwidth, Arabic-Indic …


def quantized(value: Decimal, decimals: int, rounding: str) -> Decimal:
    """Given a value, return it at ``decimals`` places, in a context wide enough never to raise.

    The default context (28 digits) raises ``InvalidOperation`` when a huge value (a tiny target
    against a large realisation) is quantized; here the precision grows with the value.

    >>> from decimal import ROUND_HALF_UP
    >>> quantized(Decimal("2.345"), 2, ROUND_HALF_UP), len(str(quantized(Decimal("1e40"), 2, ROUND_HALF_UP)))
    (Decimal('2.35'), 44)
    """
    digits = max(value.adjusted(), 0) + max(decimals, 0) + 2 if value.is_finite() else 2
    context = _wide_context(max(28, digits))
    return value.quantize(Decimal(1).scaleb(-decimals, context), rounding=rounding, context=context)


@lru_cache(maxsize=64)
def _wide_context(precision: int) -> Context:
    """A context of this precision with the widest exponents that never raises (made once per precision: the
    flags it gathers are never read)."""
    return Context(prec=precision, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])


def _alternation(key: str) -> str:
    """Given a key of ``patterns/numbers.yaml`` naming marker words, return their regex alternation."""
    return patterns.alternation(patterns.entry("numbers", key))


@lru_cache(maxsize=None)
def _unit_patterns() -> tuple[str, str, str]:
    """Return regex fragments for the currency prefix, the percent suffix and the currency suffix."""
    prefix = rf"(?P<cur>(?:{_alternation('currency_markers')})\.?)"
    percent = (rf"(?:[ \t]*(?P<pct>{_alternation('percent_markers')})"
               rf"|[ \t]+(?P<pctw>(?:{_alternation('percent_words')})\b))")
    currency = rf"(?:[ \t]+(?P<curw>(?:{_alternation('currency_words')})\b))"
    return prefix, percent, currency


@lru_cache(maxsize=None)
def _figure_re() -> re.Pattern:
    """One whole printed figure, e.g. ``Rp. 62.216.151.818,-`` or ``51,85 %``, markdown ``*`` allowed."""
    prefix, percent, currency = _unit_patterns()
    return re.compile(
        rf"^\s*[*_]*\s*(?P<sign>[{_MINUS}+])?\s*(?:{prefix}\s*)?(?P<sign2>[{_MINUS}+])?\s*"
        rf"(?P<body>{_BODY})(?:[.,]-)?(?:{percent}|{currency})?\s*[*_]*\s*$",
        re.IGNORECASE)


@lru_cache(maxsize=None)
def _scan_re() -> re.Pattern:
    """Figures inside running text: not glued to a word or to another number on the left."""
    prefix, percent, currency = _unit_patterns()
    # every figure starts with a currency marker, a minus sign or a digit: other places are passed at once
    openers = "".join(sorted({re.escape(str(word)[0]) for word in patterns.entry("numbers", "currency_markers")}))
    return re.compile(
        rf"(?=[{_MINUS}\d{openers}])(?<![\w.,])(?:{prefix}[ \t]*)?(?P<sign>[{_MINUS}](?=\d))?(?P<body>{_BODY})"
        rf"(?:[.,]-(?!\d))?(?:{percent}|{currency})?",
        re.IGNORECASE)


def _grouped(text: str, sep: str) -> bool:
    """Given digits joined by ``sep``, say whether they are well-formed thousands groups.

    >>> _grouped("98.575.166.924", "."), _grouped("2.006.492743", "."), _grouped("5300.000", ".")
    (True, False, False)
    """
    head, *rest = text.split(sep)
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in rest)


def _well_formed(body: str, marks: str | None = None) -> bool:
    """Given a numeric body (and its ``marks``, when the caller has them), say whether its separators can be
    read at all.

    With both marks, the last one is the decimal point, printed once, after thousands groups.

    >>> [_well_formed(b) for b in ("1.234,56", "1,234.56", "1.2,5", "1.234.56,7,8", "6,938,445,9")]
    [True, True, False, False, False]
    """
    marks = _marks(body) if marks is None else marks
    if len(set(marks)) == 2:
        last = marks[-1]
        int_part = body.rsplit(last, 1)[0]
        return marks.count(last) == 1 and _grouped(int_part, _other(last))
    if len(marks) > 1:
        return _grouped(body, marks[0])
    return True


def _marks(body: str) -> str:
    """The separators of a numeric body, in order: ``"1.234,5"`` → ``".,"``."""
    return _DIGIT.sub("", body)


def _other(mark: str) -> str:
    return "." if mark == "," else ","


def _proven_mark(body: str, marks: str | None = None) -> str | None:
    """Given a well-formed body (and its ``marks``, when the caller has them), return the decimal mark its shape
    proves, or None if it proves none.

    >>> [_proven_mark(b) for b in ("12,5", "29.2", "1.234.567", "1,234.56", "0.125", "1.234", "100")]
    [',', '.', ',', '.', '.', None, None]
    """
    marks = _marks(body) if marks is None else marks
    if not marks:
        return None
    last = marks[-1]
    if len(set(marks)) == 2:
        return last
    if len(marks) > 1:                      # 1.234.567: repeated marks are thousands separators
        return _other(last)
    int_part, frac = body.split(last)
    if len(frac) != 3 or len(int_part) > 3 or int_part.startswith("0"):
        return last                         # cannot be a thousands group
    return None


def _guessed_mark(body: str, hint: str | None, percent: bool) -> str:
    """Decide the ambiguous ``1.234`` / ``1,234``: the hint, else a percentage's own mark, else ``,``.

    >>> _guessed_mark("1.234", None, False), _guessed_mark("1.234", None, True), _guessed_mark("1,234", ".", False)
    (',', '.', '.')
    """
    if hint:
        return hint
    if percent:
        return _DIGIT.sub("", body)[:1] or ","
    return ","


def ascii_digits(text: str) -> str:
    """Given text, return it with the decimal digits of every script (Unicode category Nd) as 0-9.

    One character stays one character, so positions in the text still hold.

    >>> ascii_digits("１２３,５"), ascii_digits("٣٫٥ dan ۱۲"), ascii_digits("Rp 98.575")
    ('123,5', '3٫5 dan 12', 'Rp 98.575')
    """
    if text.isascii():
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.digit(m.group())), text)


@lru_cache(maxsize=16384)
def _read_body(body: str, hint: str | None = None, percent: bool = False) -> tuple[Decimal, int, str | None] | None:
    """Given a numeric body, return (value, printed decimals, decimal mark or None), or None.

    >>> _read_body("98.575.166.924")
    (Decimal('98575166924'), 0, None)
    >>> _read_body("1.234,56"), _read_body("1,234", hint=".")
    ((Decimal('1234.56'), 2, ','), (Decimal('1234'), 0, None))
    """
    body = ascii_digits(body)  # a body of _BODY's shape: from here ASCII digits and marks alone
    marks = body.translate(_NO_ASCII_DIGITS)
    if not marks:
        return Decimal(body), 0, None  # digits alone: no mark to weigh
    if not _well_formed(body, marks):
        return None
    mark = _proven_mark(body, marks) or _guessed_mark(body, hint, percent)
    if mark not in body:
        return Decimal(_digits_only(body)), 0, None
    int_part, frac = body.rsplit(mark, 1)
    return Decimal(f"{_digits_only(int_part)}.{frac}"), len(frac), mark


_NO_ASCII_DIGITS = str.maketrans("", "", "0123456789")


def _digits_only(part: str) -> str:
    """Given a part of a body of ASCII digits and marks, return its digits (the marks dropped)."""
    return part.replace(".", "").replace(",", "")


def _figure_fields(raw: str, body: str, signs: str, percent: bool, currency: bool, hint: str | None) -> dict | None:
    """Given a printed figure's parts (its ``raw`` text, numeric ``body``, sign characters and unit markers),
    return the fields of its Figure (None if unreadable). Callers build a new Figure from them each time:
    figures are changed by their readers."""
    if percent and currency:
        return None
    read = _read_body(body, hint, percent)
    if read is None:
        return None
    value, decimals, mark = read
    if signs and sum(s in _MINUS for s in signs) % 2 and value:
        value = value.copy_negate()  # exact: unary minus would round to the context's 28 digits
    unit = "%" if percent else "Rp" if currency else None
    return {"value": value, "raw": raw, "unit": unit, "decimals": decimals, "decimal_mark": mark}


def parse_figure(raw: str, decimal_mark: str | None = None) -> Figure | None:
    """Given one figure as printed (a table cell), return it as a Figure, or None if it is no number.

    ``decimal_mark`` (``","`` or ``"."``) settles ``1.234``-style ambiguity, e.g. from
    :func:`decimal_mark_of_column`; a figure whose own shape proves its mark ignores the hint.

    >>> parse_figure("Rp. 62.216.151.818,-")
    Figure(value=Decimal('62216151818'), raw='Rp. 62.216.151.818,-', unit='Rp', decimals=0, decimal_mark=None, low_confidence=False)
    >>> f = parse_figure("51,85%"); (f.value, f.unit, f.decimals, f.decimal_mark)
    (Decimal('51.85'), '%', 2, ',')
    >>> parse_figure("1.234").value, parse_figure("1.234", decimal_mark=".").value, parse_figure("1.234%").value
    (Decimal('1234'), Decimal('1.234'), Decimal('1.234'))
    >>> parse_figure("-"), parse_figure(""), parse_figure("(enam)"), parse_figure("Rp."), parse_figure("1.2,5")
    (None, None, None, None, None)
    """
    if decimal_mark not in HINTS:
        raise ValueError(f"decimal_mark must be ',' or '.' or None, not {decimal_mark!r}")
    fields = _parsed_fields(raw, decimal_mark) if isinstance(raw, str) else _parse_fields(raw, decimal_mark)
    return Figure(**fields) if fields is not None else None


def parse_value(raw: str, decimal_mark: str | None = None) -> Decimal | None:
    """Given one figure as printed, return its value alone, as ``parse_figure(raw).value`` (None when it is
    no number), without building a Figure: for the checks that only weigh or test values.

    >>> parse_value("Rp. 62.216.151.818,-"), parse_value("51,85%"), parse_value("Indeks")
    (Decimal('62216151818'), Decimal('51.85'), None)
    """
    if decimal_mark not in HINTS:
        raise ValueError(f"decimal_mark must be ',' or '.' or None, not {decimal_mark!r}")
    fields = _parsed_fields(raw, decimal_mark)
    return fields["value"] if fields is not None else None


def is_figure(raw: str) -> bool:
    """Whether a text is one printed figure (``parse_figure(raw) is not None``), without building it.

    >>> is_figure("12,5 %"), is_figure("Rp."), is_figure("")
    (True, False, False)
    """
    return _parsed_fields(raw, None) is not None


@lru_cache(maxsize=16384)
def _parsed_fields(raw: str, decimal_mark: str | None) -> dict | None:
    """:func:`_parse_fields`, remembered per printed figure (a new Figure is built from them on each call)."""
    return _parse_fields(raw, decimal_mark)


def _parse_fields(raw, decimal_mark: str | None) -> dict | None:
    m = _figure_match(raw) if isinstance(raw, str) else _figure_re().match(raw or "")
    if m is None:
        return None
    sign, sign2, body, pct, pctw, cur, curw = m.group("sign", "sign2", "body", "pct", "pctw", "cur", "curw")
    return _figure_fields(raw, body, (sign or "") + (sign2 or ""), bool(pct or pctw), bool(cur or curw), decimal_mark)


def _figure_match(text: str) -> re.Match | None:
    """The match of :func:`_figure_re` on a text (None at once for a text without a digit: every figure prints
    one), remembered: a table cell is matched once for its column's decimal-mark vote and once for its figure
    (under the mark the vote gave)."""
    return _remembered_figure_match(text) if _DIGIT.search(text) else None


@lru_cache(maxsize=16384)
def _remembered_figure_match(text: str) -> re.Match | None:
    return _figure_re().match(text)


def decimal_mark_of_column(cells: list[str]) -> str | None:
    """Given the cells of one column, return the decimal mark their shapes prove, or None.

    Each cell whose shape proves a mark votes (``12,5`` → ``","``; ``1.234.567`` → ``","``, since
    ``.`` groups thousands; ``29.2`` → ``"."``); the majority wins, a tie or no vote gives None.

    >>> decimal_mark_of_column(["3.523.998.700", "551.164.140", "100"])
    ','
    >>> decimal_mark_of_column(["85.8%", "99.1%", "1.234"])
    '.'
    >>> decimal_mark_of_column(["100", "1.234", "-"]) is None
    True
    """
    votes = {",": 0, ".": 0}
    for cell in cells:
        m = _figure_match(cell) if cell else None
        if m is None:
            continue
        body = m.group("body")
        if "." not in body and "," not in body:
            continue  # a body of digits alone proves no mark
        mark = _vote(body)
        if mark:
            votes[mark] += 1
    if votes[","] == votes["."]:
        return None
    return "," if votes[","] > votes["."] else "."


@lru_cache(maxsize=16384)  # a report prints the same figures in many columns and tables (and reports the same)
def _vote(body: str) -> str | None:
    """The decimal mark a well-formed body's shape proves (None for none, or for a body not well-formed)."""
    marks = _marks(body)
    return _proven_mark(body, marks) if _well_formed(body, marks) else None


def find_numbers(text: str, decimal_mark: str | None = None) -> list[tuple[int, int, Figure]]:
    """Given running text, return every figure in it as (start, end, Figure), in order.

    Spans cover the ``Rp`` prefix and the ``%`` or *persen* suffix. Years are numbers like any other.

    >>> [(s, e, f.value, f.unit) for s, e, f in find_numbers("Realisasi Rp.8.267.748.433 atau 97,23% pada tahun 2023.")]
    [(10, 26, Decimal('8267748433'), 'Rp'), (32, 38, Decimal('97.23'), '%'), (50, 54, Decimal('2023'), None)]
    >>> [f.raw for _, _, f in find_numbers("naik menjadi 29,2 Persen, periode 2021-2026; selisih -0,13")]
    ['29,2 Persen', '2021', '2026', '-0,13']
    """
    return [(start, end, Figure(**fields)) for start, end, fields in _scanned(text, decimal_mark)]


@lru_cache(maxsize=16384)
def _scanned(text: str, decimal_mark: str | None) -> tuple[tuple[int, int, dict], ...]:
    """The figures of a text as (start, end, Figure fields), remembered per text: rules read the same lines."""
    found = []
    for start, end, raw, body, sign, percent, currency in _printed(text):
        fields = _figure_fields(raw, body, sign, percent, currency, decimal_mark)
        if fields is not None:
            found.append((start, end, fields))
    return tuple(found)


def _printed(text: str) -> tuple[tuple[int, int, str, str, str, bool, bool], ...]:
    """Every match of :func:`_scan_re` in a text as (start, end, raw, body, sign, percent, currency): the one
    scan that both the figures (:func:`find_numbers`) and the malformed figures (:func:`find_anomalies`) of a
    text are read from. A text without a digit prints no figure and is not scanned."""
    return _remembered_printed(text) if _DIGIT.search(text) else ()


@lru_cache(maxsize=16384)
def _remembered_printed(text: str) -> tuple[tuple[int, int, str, str, str, bool, bool], ...]:
    found = []
    for m in _scan_re().finditer(text):
        sign, body, pct, pctw, cur, curw = m.group("sign", "body", "pct", "pctw", "cur", "curw")
        found.append((m.start(), m.end(), m.group(), body, sign or "", bool(pct or pctw), bool(cur or curw)))
    return tuple(found)


# ---------------------------------------------------------------- malformed figures

# A figure's shape, marks aside: a group of 1–3 digits, groups of at most 3, a group of 3, then a part
# after a last mark. Section numbers (1.2.1) and budget codes (2.12.01.2.06.02, 5.01.01.2.01) end in a
# group of one, two or four digits and never take this shape.
_MARK_THEN_THREE = r"[.,]\d{3}"  # what both malformed shapes below print: a mark, then a group of three digits
_FIGURE_SHAPE = re.compile(rf"^\d{{1,3}}(?:[.,]\d{{1,3}})*{_MARK_THEN_THREE}(?:[.,]\d+)?$")
# An amount with three decimals and no thousands separator: "64754,000" (four digits at least before the
# mark, so that "1.234" stays one thousand two hundred and thirty-four).
_AMOUNT_THREE_DECIMALS = re.compile(rf"^\d{{4,}}{_MARK_THEN_THREE}$")
# A text without a mark followed by three digits holds neither shape: no malformed figure, not scanned.
_MAY_BE_MALFORMED = re.compile(_MARK_THEN_THREE)


class Anomaly(NamedTuple):
    """A figure whose marks neither convention allows, with the values it could be.

    ``reason`` is ``three_decimals`` (thousands groups, then three decimals: ``3.050.078,000``, most likely
    a thousands separator printed as the decimal mark), ``broken_groups`` (a group of other than three
    digits between separators: ``1.23.456``, ``12,34,567``, ``2.006.492743``) or ``mixed_marks`` (both
    marks used for grouping: ``1.234,567.8``). ``readings`` pairs each value with how it is read:
    ``decimal`` (the last mark is the decimal point, the other marks group thousands) and ``grouping``
    (every mark groups thousands).
    """

    body: str
    reason: str
    readings: tuple[tuple[str, Decimal], ...]


def format_anomaly(body: str, amount: bool = False) -> Anomaly | None:
    """Given a figure's numeric body, return its :class:`Anomaly` when neither the Indonesian
    (``1.234.567,89``) nor the English (``1,234,567.89``) convention allows its marks, else None.
    An ``amount`` (rupiah) is not printed with three decimals either: ``64754,000`` is one.

    >>> format_anomaly("3.050.078,000").readings
    (('decimal', Decimal('3050078.000')), ('grouping', Decimal('3050078000')))
    >>> [format_anomaly(b).reason for b in ("215.125,000", "1.23.456", "12,34,567", "1.234,567.8")]
    ['three_decimals', 'broken_groups', 'broken_groups', 'mixed_marks']
    >>> format_anomaly("1.77.984.000,00").readings, format_anomaly("2.006.492743").readings[1]
    ((('decimal', Decimal('177984000.00')),), ('grouping', Decimal('2006492743')))
    >>> [format_anomaly(b) for b in ("1.234.567,89", "1,234,567.89", "97,5", "1.234", "2.12.01.2.06.02", "1.5.1")]
    [None, None, None, None, None, None]
    >>> format_anomaly("64754,000"), format_anomaly("64754,000", amount=True).reason, format_anomaly("1.234", amount=True)
    (None, 'three_decimals', None)
    """
    return _format_anomaly(body, amount)


@lru_cache(maxsize=16384)
def _format_anomaly(body: str, amount: bool = False) -> Anomaly | None:
    body = ascii_digits(body)
    marks = _marks(body)
    if amount and len(marks) == 1 and _AMOUNT_THREE_DECIMALS.match(body):
        reason = "three_decimals"
    elif not _FIGURE_SHAPE.match(body):
        return None
    elif _well_formed(body, marks):
        if len(set(marks)) < 2 or len(body.rsplit(marks[-1], 1)[1]) != 3:
            return None
        reason = "three_decimals"
    else:
        reason = "mixed_marks" if len(set(marks[:-1])) == 2 else "broken_groups"
    int_part, frac = body.rsplit(marks[-1], 1)
    readings = [("decimal", Decimal(f"{_digits_only(int_part)}.{frac}"))]
    if len(frac) % 3 == 0:  # "…,000" or "…492743" (a separator lost): the last part may be thousands groups
        readings.append(("grouping", Decimal(_digits_only(body))))
    return Anomaly(body, reason, tuple(readings))


def find_anomalies(text: str, amounts: bool = False) -> list[tuple[int, int, str, Anomaly]]:
    """Given running text or a cell, return each malformed figure in it as (start, end, raw, Anomaly).
    A figure printed with ``Rp`` is an amount; ``amounts`` says every figure of the text is one (a cell of
    an anggaran column).

    >>> [(raw, a.reason) for _, _, raw, a in find_anomalies("Pagu 64.754,000 dan 90.000.000; kode 2.12.01.2.06.03")]
    [('64.754,000', 'three_decimals')]
    >>> [raw for _, _, raw, _ in find_anomalies("Rp 64754,000 dan 64754,000")], len(find_anomalies("64754,000", True))
    (['Rp 64754,000'], 1)
    """
    return list(_anomalies(text, amounts)) if _MAY_BE_MALFORMED.search(text) else []


@lru_cache(maxsize=16384)
def _anomalies(text: str, amounts: bool = False) -> tuple[tuple[int, int, str, Anomaly], ...]:
    found = []
    for start, end, raw, body, _, _, currency in _printed(text):
        anomaly = _format_anomaly(body, amounts or currency)
        if anomaly is not None:
            found.append((start, end, raw, anomaly))
    return tuple(found)
