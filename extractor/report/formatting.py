"""Numbers as a reader of the page expects them: ``98.575.166.924`` and ``75,07%`` in Indonesian,
``98,575,166,924`` and ``75.07%`` in English. The one place the pages format a number.

The separators come from ``patterns/report_labels.yaml`` (``numbers`` of each language). A figure is
shown at its printed precision (its ``decimals``); a recomputed value at :data:`RECOMPUTED_DECIMALS`.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from ..model import Figure
from .labels import Labels

RECOMPUTED_DECIMALS = 2
MISSING = "—"


def number(value: Decimal | None, decimals: int | None, labels: Labels) -> str:
    """Given a value and the digits to show after the mark (None: as many as it has), return it with
    the language's thousands separator and decimal mark.

    >>> from extractor.report.labels import labels
    >>> number(Decimal("98575166924"), 0, labels("id")), number(Decimal("75.0712"), 2, labels("id"))
    ('98.575.166.924', '75,07')
    >>> number(Decimal("-1234.5"), None, labels("en")), number(None, 2, labels("en"))
    ('-1,234.5', '—')
    """
    if value is None or not value.is_finite():
        return MISSING
    with localcontext() as ctx:
        ctx.prec = 60
        try:
            shown = value if decimals is None else value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        except InvalidOperation:
            shown = value
        text = format(shown.normalize() if decimals is None else shown, ",f")
    thousands, mark = labels.thousands, labels.decimal
    return text.replace(",", "\0").replace(".", mark).replace("\0", thousands)


def percent(value: Decimal | None, decimals: int | None, labels: Labels) -> str:
    """Given a percentage, return it with the language's separators and a ``%``.

    >>> from extractor.report.labels import labels
    >>> percent(Decimal("75.07"), 2, labels("id")), percent(Decimal("133.333"), 2, labels("en"))
    ('75,07%', '133.33%')
    """
    shown = number(value, decimals, labels)
    return shown if shown == MISSING else f"{shown}%"


def figure(fig: Figure | None, labels: Labels, as_percent: bool = False) -> str:
    """Given a stated figure, return its value at its printed precision (the raw text when it has no value).

    >>> from extractor.report.labels import labels
    >>> figure(Figure(value=Decimal("29.2"), raw="29,2", decimals=1, unit="%"), labels("id"))
    '29,2%'
    >>> figure(Figure(value=None, raw="n/a"), labels("id"))
    'n/a'
    """
    if fig is None:
        return MISSING
    if fig.value is None:
        return fig.raw or MISSING
    if as_percent or fig.unit == "%":
        return percent(fig.value, fig.decimals, labels)
    return number(fig.value, fig.decimals, labels)


def recomputed(value: Decimal | None, labels: Labels) -> str:
    """Given a recomputed percentage, return it at :data:`RECOMPUTED_DECIMALS` digits.

    >>> from extractor.report.labels import labels
    >>> recomputed(Decimal("95.2268"), labels("id"))
    '95,23%'
    """
    return percent(value, RECOMPUTED_DECIMALS, labels)
