"""Judge a stated figure against a recomputed value at the precision it is printed with.

A figure printed with *d* decimals stands for an interval, as in XBRL Calculations 1.1. LKjIP
reports both round and truncate, so a stated figure ``s`` is consistent with a recomputed value
``v`` when ``v`` rounds (half up) to ``s`` at *d* decimals, or truncates to ``s`` at *d* decimals:
``v`` lies in ``[s − ½u, s + ½u)`` or in ``[s, s + u)`` with ``u = 10^−d`` (mirrored for negative
values). Rupiah amounts are whole numbers and must match exactly.

Numbers in findings are written the Indonesian way: ``1.234.567,89``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..model import Figure
from ..numbers import quantized

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Judgement:
    """The verdict on one stated figure: consistent or not, by which rule, at which precision."""

    consistent: bool
    rule: str  # "exact", "rounding", "truncation", or "none"
    decimals: int
    stated: Decimal
    rounded: Decimal
    truncated: Decimal

    def explain(self) -> str:
        """Given a judgement, return the precision and rule applied, in words.

        >>> judge(Decimal("105.73"), Decimal("105.7386")).explain()
        'printed with 2 decimals; truncation gives 105,73'
        >>> judge(Decimal("75.07"), Decimal("75.1449")).explain()
        'printed with 2 decimals; neither rounding nor truncation gives 75,07 (rounding gives 75,14)'
        """
        printed = f"printed with {self.decimals} decimal{'s' if self.decimals != 1 else ''}"
        if self.rule == "exact":
            return f"{printed}; it matches exactly"
        if self.consistent:
            value = self.rounded if self.rule == "rounding" else self.truncated
            return f"{printed}; {self.rule} gives {fmt(value, self.decimals)}"
        if self.rounded == self.truncated:
            alternative = f"rounding gives {fmt(self.rounded, self.decimals)}"
        else:
            alternative = (f"rounding gives {fmt(self.rounded, self.decimals)}, "
                           f"truncation {fmt(self.truncated, self.decimals)}")
        return f"{printed}; neither rounding nor truncation gives {fmt(self.stated, self.decimals)} ({alternative})"


def rounded(value: Decimal, decimals: int) -> Decimal:
    """Given a value, return it rounded half up (away from zero) to ``decimals`` places.

    >>> rounded(Decimal("83.333"), 0), rounded(Decimal("-2.5"), 0), rounded(Decimal("1.005"), 2)
    (Decimal('83'), Decimal('-3'), Decimal('1.01'))
    >>> len(str(rounded(Decimal("1e40"), 2)))
    44
    """
    return quantized(value, decimals, ROUND_HALF_UP)


def truncated(value: Decimal, decimals: int) -> Decimal:
    """Given a value, return it cut (toward zero) to ``decimals`` places.

    >>> truncated(Decimal("105.7386"), 2), truncated(Decimal("-0.129"), 2)
    (Decimal('105.73'), Decimal('-0.12'))
    >>> str(truncated(Decimal("-1e30"), 1))
    '-1000000000000000000000000000000.0'
    """
    return quantized(value, decimals, ROUND_DOWN)


def interval(stated: Decimal, decimals: int) -> tuple[Decimal, Decimal]:
    """Given a stated figure and its printed decimals, return the values it may stand for.

    The union of the rounding interval ``[s − ½u, s + ½u)`` and the truncation interval
    ``[s, s + u)``, for a positive ``s``; closed at both ends here for display.

    >>> interval(Decimal("83"), 0)
    (Decimal('82.5'), Decimal('84'))
    >>> interval(Decimal("105.73"), 2)
    (Decimal('105.725'), Decimal('105.74'))
    """
    unit = Decimal(1).scaleb(-decimals)
    if stated < 0:
        low, high = interval(stated.copy_negate(), decimals)
        return high.copy_negate(), low.copy_negate()
    return stated - unit / 2, stated + unit


def judge(stated: Decimal | Figure, computed: Decimal, decimals: int | None = None) -> Judgement:
    """Given a stated figure and the recomputed value, say whether they agree at the printed precision.

    >>> judge(Decimal("83"), Decimal(5) / 6 * 100).rule          # 83,33 printed "83": rounding
    'rounding'
    >>> judge(Decimal("105.73"), Decimal("93.05") / 88 * 100).rule  # 105,739 printed "105,73": truncation
    'truncation'
    >>> judge(Decimal("75.07"), Decimal("51.85") / 69 * 100).consistent
    False
    >>> judge(Decimal("100"), Decimal("100")).rule
    'exact'
    """
    if isinstance(stated, Figure):
        decimals = stated.decimals if decimals is None else decimals
        stated = stated.value
    if decimals is None:
        decimals = max(0, -stated.as_tuple().exponent)
    r, t = rounded(computed, decimals), truncated(computed, decimals)
    if computed == stated:
        rule = "exact"
    elif r == stated:
        rule = "rounding"
    elif t == stated:
        rule = "truncation"
    else:
        rule = "none"
    return Judgement(rule != "none", rule, decimals, stated, r, t)


def judge_exact(stated: Decimal | Figure, computed: Decimal) -> Judgement:
    """Given a stated rupiah amount and a recomputed one, they agree only when equal.

    >>> judge_exact(Decimal(8955501115), Decimal(8955438115)).consistent
    False
    """
    value = stated.value if isinstance(stated, Figure) else stated
    return Judgement(value == computed, "exact" if value == computed else "none", 0, value, computed, computed)


def fmt(value: Decimal | int, decimals: int | None = None) -> str:
    """Given a number, write it the Indonesian way (``.`` groups thousands, ``,`` marks decimals).

    ``decimals`` None keeps the value's own decimals (without trailing zeros).

    >>> fmt(Decimal("8955438115")), fmt(Decimal("133.3333"), 2), fmt(Decimal("-0.5")), fmt(Decimal("1.50"))
    ('8.955.438.115', '133,33', '-0,5', '1,5')
    """
    value = Decimal(value)
    if decimals is None:
        decimals = max(0, -value.normalize().as_tuple().exponent)
    text = f"{rounded(value, decimals):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def shown(value: Decimal, stated_decimals: int) -> str:
    """Given a recomputed value, write it with two decimals more than the stated figure (at least 2),
    without trailing zeros past the second.

    >>> shown(Decimal(40) / 30 * 100, 0), shown(Decimal("93.05") / 88 * 100, 2), shown(Decimal("79.67"), 2)
    ('133,33', '105,7386', '79,67')
    """
    text = fmt(value, max(2, stated_decimals + 2))
    head, _, tail = text.partition(",")
    return f"{head},{tail.rstrip('0').ljust(2, '0')}"


def printed(figure: Figure) -> str:
    """Given a figure, return its printed text without markdown and surrounding space.

    >>> printed(Figure(value=Decimal("51.85"), raw=" *51,85%* "))
    '51,85%'
    """
    return figure.raw.strip().strip("*_").strip()


def named(text: str) -> str:
    """Given a name as printed, return it on one line without closing punctuation.

    >>> named("Persentase LPM berprestasi/aktif. ")
    'Persentase LPM berprestasi/aktif'
    """
    return " ".join(text.split()).rstrip(" .;:,")


def severity(*figures: Figure | None) -> str:
    """``warning`` when any figure involved was read with low OCR confidence, else ``error``."""
    return "warning" if any(f is not None and f.low_confidence for f in figures) else "error"
