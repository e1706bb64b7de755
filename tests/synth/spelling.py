"""How figures are printed in Indonesian reports: digits with "." thousands and "," decimals, rupiah,
and amounts in words (*terbilang*).

>>> number(Decimal("7491571265"))
'7.491.571.265'
>>> number(Decimal("51.85"), 2)
'51,85'
>>> words(Decimal("8955501115"))
'delapan miliar sembilan ratus lima puluh lima juta lima ratus satu ribu seratus lima belas'
>>> words(Decimal("111"))
'seratus sebelas'
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_UNITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"]
_SCALES = [(10 ** 12, "triliun"), (10 ** 9, "miliar"), (10 ** 6, "juta"), (1000, "ribu")]


def quantize(value: Decimal, decimals: int) -> Decimal:
    """Round half up to ``decimals`` places, as reports round."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value: Decimal, decimals: int = 0) -> str:
    """Indonesian digits: ``1.234.567,89``."""
    value = quantize(value, decimals)
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def _below_thousand(n: int) -> list[str]:
    out: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        out.append("seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        out.append(f"{_UNITS[tens]} puluh")
        if ones:
            out.append(_UNITS[ones])
    elif rest >= 12:
        out.append(f"{_UNITS[rest - 10]} belas")
    elif rest:
        out.append(_UNITS[rest])
    return out


def words(value: Decimal) -> str:
    """A whole amount in words (*terbilang*), lower case, without "rupiah"."""
    n = int(value)
    if n == 0:
        return "nol"
    out: list[str] = []
    for size, name in _SCALES:
        count, n = divmod(n, size)
        if count:
            out += ["seribu"] if (size == 1000 and count == 1) else _below_thousand(count) + [name]
    out += _below_thousand(n)
    return " ".join(out)
