"""Joining the visual lines of one wrapped table cell (a *baris* split over several lines).

A number split by a narrow column (``"62.216.151."`` + ``"818,-"``) is joined without a space;
any other piece is joined with one.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import regex

from ..patterns import load

_NUMBER_TAIL = regex.compile(r"[\d][.,]$|[.,]$")
_NUMBER_HEAD = regex.compile(r"^(?:[,.]\d|[,.]?-$|%$|,-)")


def join_wrapped(pieces: Iterable[str]) -> str:
    """Given the visual lines of one wrapped cell, return the cell text joined by spaces.

    A number split by a narrow column (``"62.216.151."`` + ``"818,-"``) is joined without a space.

    >>> join_wrapped(["Terlaksananya Kerjasama", "antar Daerah"])
    'Terlaksananya Kerjasama antar Daerah'
    >>> join_wrapped(["62.216.151.", "818,-"]), join_wrapped(["449.551.620", ",-"]), join_wrapped(["89,22", "%"])
    ('62.216.151.818,-', '449.551.620,-', '89,22%')
    >>> join_wrapped(["30", "30"]), join_wrapped(["6.035.882.8", "66,-"])
    ('30 30', '6.035.882.866,-')
    >>> join_wrapped(["3.988.66", "2.340"]), join_wrapped(["1.234,5", "2.345"]), join_wrapped(["5,62", "3,57"])
    ('3.988.662.340', '1.234,5 2.345', '5,62 3,57')
    >>> join_wrapped(["551.16", "4.140"]), join_wrapped(["99,14", "2.340"]), join_wrapped(["1.5", "3.570"])
    ('551.164.140', '99,14 2.340', '1.5 3.570')
    """
    out = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if out and (_glued(out, piece)):
            out += piece
        else:
            out = f"{out} {piece}" if out else piece
    return out


_PARTIAL_GROUP = regex.compile(r"\d\.\d{1,2}$")  # "6.035.882.8": the last group is cut short
_RUPIAH_TAIL = regex.compile(r"^\d{1,3},-$")


_CUT_FIRST_GROUP = regex.compile(r"(?<![\d.,])\d{1,3}(?P<mark>[.,])(?P<cut>\d{1,2})$")
_CUT_GROUP = regex.compile(r"(?<![\d.,])\d{1,3}(?P<mark>[.,])\d{3}(?:(?P=mark)\d{3})*(?P=mark)(?P<cut>\d{1,2})$")


def _glued(left: str, right: str) -> bool:
    if left[-1] in ".," and left[-2:-1].isdigit() and right[0].isdigit():
        return True
    if _PARTIAL_GROUP.search(left) and _RUPIAH_TAIL.match(right):
        return True
    if _cut_group_continues(left, right):
        return True
    return left[-1].isdigit() and bool(_NUMBER_HEAD.match(right))


def _cut_group_continues(left: str, right: str) -> bool:
    """A grouped number whose last group the wrap cut short ("3.988.66"), and the digits that complete
    that group, then whole groups of the same mark ("2.340"): one number split by a narrow column.
    "1.234,5" (a decimal after the groups) is whole. Cut in its first group ("551.16"), it could be a
    decimal: only whole groups of its mark after the completing digits ("4.140") join it."""
    m = _CUT_GROUP.search(left)
    first = m is None and _CUT_FIRST_GROUP.search(left)
    if not (m or first):
        return False
    m = m or first
    rest = 3 - len(m["cut"])
    mark = regex.escape(m["mark"])
    groups = "+" if first else "*"
    return bool(regex.match(rf"\d{{{rest}}}(?:{mark}\d{{3}}){groups}(?:[.,](?:\d+|-))?(?![\d.,])", right))


def is_number_tail(cell_so_far: str, piece: str) -> bool:
    """True when ``piece`` is the wrapped rest of the number in ``cell_so_far``, not a new value.

    >>> is_number_tail("62.216.151.", "818,-"), is_number_tail("6.035.882.8", "66,-")
    (True, True)
    >>> is_number_tail("5,62", "3,57"), is_number_tail("", "30")
    (False, False)
    >>> is_number_tail("Rp", "10.927.310.804,-"), is_number_tail("Rp 5.000", "6.000")
    (True, False)
    """
    return bool(cell_so_far and piece and (_glued(cell_so_far, piece)
                                           or (piece[0].isdigit() and bool(_bare_currency().search(cell_so_far)))))


@lru_cache(maxsize=1)
def _bare_currency() -> regex.Pattern:
    """A cell so far ending in a currency marker alone ("Rp", "Rp."): its amount wrapped to the
    next line. The markers are ``currency_markers`` of ``patterns/numbers.yaml``."""
    markers = "|".join(regex.escape(m) for m in sorted(load("numbers")["currency_markers"], key=len, reverse=True))
    return regex.compile(rf"(?:^|\s)(?:{markers})\.?$", regex.I)
