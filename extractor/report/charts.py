"""Charts as inline SVG, drawn here on the server so that they need no script and print as they show.

:func:`bar_chart` draws one horizontal bar per item against a reference line (capaian per indicator or
absorption per program against 100 %); :func:`line_chart` draws a small time series (an indicator's
capaian across years). Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<title>`` per
mark, so a screen reader and a mouse-over read the figures; the text is escaped here.

>>> svg = bar_chart([Bar("A", Decimal(50), "50%"), Bar("B", Decimal(120), "120%")], "Capaian")
>>> svg.count("<rect class=\\"bar"), "100" in svg
(2, True)
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH, LABEL_WIDTH, VALUE_WIDTH, ROW_HEIGHT, PAD = 760, 300, 80, 22, 24
MAX_SCALE = Decimal(300)  # a bar past this is drawn to the edge and marked as cut
MIN_SCALE = Decimal(120)
LABEL_CHARS = 46


@dataclass
class Bar:
    """One item: its label, value (None: not drawn), the value as shown, a CSS class, a link target."""

    label: str
    value: Decimal | None
    text: str
    css: str = ""
    href: str | None = None


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    """Given a label, return it cut to ``limit`` characters with an ellipsis.

    >>> _short("Persentase penyelesaian kasus", 12)
    'Persentase…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _scale(values: list[Decimal], reference: Decimal) -> Decimal:
    """The value at the right edge: the largest value or a bit past the reference, at most :data:`MAX_SCALE`."""
    top = max([v for v in values if v is not None] + [reference * MIN_SCALE / 100])
    return min(top, MAX_SCALE)


def bar_chart(bars: list[Bar], title: str, reference: Decimal = Decimal(100)) -> str:
    """Given bars, a title and the reference value, return an SVG of horizontal bars with the reference line."""
    scale = _scale([b.value for b in bars], reference)
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = PAD * 2 + ROW_HEIGHT * max(len(bars), 1)

    def x(value: Decimal) -> float:
        return LABEL_WIDTH + float(min(max(value, Decimal(0)), scale) / scale) * plot

    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
           f'width="100%" preserveAspectRatio="xMinYMin meet"><title>{escape(title)}</title>']
    for i, bar in enumerate(bars):
        y = PAD + i * ROW_HEIGHT
        out.append(f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">'
                   f'{escape(_short(bar.label))}</text>')
        if bar.value is not None:
            end = x(bar.value)
            cut = " cut" if bar.value > scale else ""
            mark = (f'<rect class="bar {escape(bar.css)}{cut}" x="{LABEL_WIDTH}" y="{y + 4}" '
                    f'width="{end - LABEL_WIDTH:.1f}" height="{ROW_HEIGHT - 8}">'
                    f'<title>{escape(bar.label)}: {escape(bar.text)}</title></rect>')
            out.append(f'<a href="#{escape(bar.href)}">{mark}</a>' if bar.href else mark)
        out.append(f'<text class="value" x="{WIDTH - VALUE_WIDTH + 6}" y="{y + 15}">{escape(bar.text)}</text>')
    ref = x(reference)
    out.append(f'<line class="reference" x1="{ref:.1f}" x2="{ref:.1f}" y1="{PAD - 8}" y2="{height - PAD + 8}"/>')
    out.append(f'<text class="reference-label" x="{ref:.1f}" y="{PAD - 10}" text-anchor="middle">'
               f'{reference:f}%</text>')
    out.append("</svg>")
    return "".join(out)


@dataclass
class Point:
    year: int
    value: Decimal
    text: str


SERIES_WIDTH, SERIES_HEIGHT, SERIES_PAD = 260, 110, 26


def line_chart(points: list[Point], title: str, reference: Decimal = Decimal(100)) -> str:
    """Given a series of (year, value) points, return a small SVG line chart with the reference line.

    >>> svg = line_chart([Point(2022, Decimal(90), "90%"), Point(2023, Decimal(110), "110%")], "IKU")
    >>> svg.count("<circle"), ">2022<" in svg
    (2, True)
    """
    points = sorted(points, key=lambda p: p.year)
    years = [p.year for p in points]
    top = max([p.value for p in points] + [reference * MIN_SCALE / 100])
    bottom = min([p.value for p in points] + [Decimal(0)])
    span_x = max(years[-1] - years[0], 1)
    span_y = float(top - bottom) or 1.0
    inner_w, inner_h = SERIES_WIDTH - 2 * SERIES_PAD, SERIES_HEIGHT - 2 * SERIES_PAD

    def xy(year: int, value: Decimal) -> tuple[float, float]:
        x = SERIES_PAD + (year - years[0]) / span_x * inner_w if len(years) > 1 else SERIES_WIDTH / 2
        return x, SERIES_PAD + inner_h - float(value - bottom) / span_y * inner_h

    out = [f'<svg class="series" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'viewBox="0 0 {SERIES_WIDTH} {SERIES_HEIGHT}" width="{SERIES_WIDTH}" height="{SERIES_HEIGHT}">'
           f'<title>{escape(title)}</title>']
    _, ref_y = xy(years[0], reference)
    out.append(f'<line class="reference" x1="{SERIES_PAD}" x2="{SERIES_WIDTH - SERIES_PAD}" '
               f'y1="{ref_y:.1f}" y2="{ref_y:.1f}"/>')
    coords = [xy(p.year, p.value) for p in points]
    out.append('<polyline class="line" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    for (x, y), p in zip(coords, points):
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5"><title>{p.year}: {escape(p.text)}</title></circle>')
        out.append(f'<text class="value" x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle">{escape(p.text)}</text>')
        out.append(f'<text class="year" x="{x:.1f}" y="{SERIES_HEIGHT - 6}" text-anchor="middle">{p.year}</text>')
    out.append("</svg>")
    return "".join(out)
