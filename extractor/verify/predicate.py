"""``predicate_mismatch``: a predicate that contradicts the report's own scale for its capaian.

Every table row that prints a capaian with a predicate (a *Predikat* column, or a tick under
"Sangat Berhasil | Berhasil | Cukup Berhasil | Tidak Berhasil") is judged by the scale that names
the predicate: the report's own scale table when it prints one, else the standard scale of
``patterns/predicates.yaml`` (recorded in ``report.scales``). The best band is open above (a
capaian over 100% is still *Sangat Berhasil*), the worst below. A capaian printed with *d*
decimals stands for an interval; the predicate is consistent when its band meets that interval. A
capaian in a gap between two printed bands may take either neighbour.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from ..model import Finding
from ..names import fold_label
from . import Context, grade, part, subject_label
from .achievement import printed_measurements
from .precision import fmt, interval, named, printed
from ..yardsticks import bands_of, neighbours, predicate_words, scale_for


def _overlaps(band: dict, low: Decimal, high: Decimal, open_above: bool, open_below: bool) -> bool:
    """Given a band and an interval of capaian, say whether they meet."""
    if band["max"] is not None and not open_above and Decimal(str(band["max"])) < low:
        return False
    if band["min"] is not None and not open_below and Decimal(str(band["min"])) >= high:
        return False
    return True


def consistent(predicate: str, achievement, scale: dict) -> bool:
    """Given a canonical predicate and the stated capaian, say whether the scale allows it."""
    value, decimals = achievement.value, achievement.decimals or 0
    if any(b["predicate"] == predicate for b in bands_of(value, scale)):
        return True
    if not bands_of(value, scale) and any(b["predicate"] == predicate for b in neighbours(value, scale)):
        return True
    low, high = interval(value, decimals)
    bands = scale["bands"]
    ordered = sorted(bands, key=lambda b: Decimal(str(b["min"] if b["min"] is not None else -10 ** 9)))
    band = next(b for b in bands if b["predicate"] == predicate)
    return _overlaps(band, low, high, band is ordered[-1], band is ordered[0])


def check(ctx: Context) -> Iterable[Finding]:
    """Given the context, yield a finding for each predicate its scale gives to another capaian."""
    for printing in printed_measurements(ctx):
        achievement = printing.figures.get("achievement")
        if not printing.predicate or achievement is None or achievement.value is None:
            continue
        canonical = predicate_words().get(fold_label(printing.predicate))
        scale = scale_for(canonical, ctx.scales) if canonical else None
        if scale is None or consistent(canonical, achievement, scale):
            continue
        right = bands_of(achievement.value, scale) or neighbours(achievement.value, scale)
        band_text = right[0]["printed"] or _band_words(right[0])
        source = (f"{scale['name']} (line {scale['line']})" if scale.get("declared")
                  else f"the standard scale {scale['name']}, the report printing none")
        name = named(printing.indicator.name if printing.indicator else printing.name)
        severity, basis, why = grade(ctx, [achievement], [printing.provenance], None if scale.get("declared") else
                                     "the standard scale, which the report does not print")
        # stated_value: the capaian the predicate is given for (the predicate itself is a word, in ``stated``)
        yield Finding(
            code="predicate_mismatch", severity=severity, basis=basis,
            subject_kind="indicator" if printing.indicator else "table_row",
            subject_id=printing.indicator.id if printing.indicator else printing.row_id, field="predicate", year=printing.year,
            subject=f"{name}, {printing.year}", stated=f"{printing.predicate} ({printed(achievement)})",
            expected=f"{right[0]['predicate']} ({fmt(achievement.value)}% is in {band_text})",
            stated_value=achievement.value, formula=f"band of {scale['name']} holding the capaian",
            parts=[part(f"{subject_label('achievement')} {printing.year}", achievement, printing.provenance)],
            places=[printing.provenance], provenance=printing.provenance,
            message=(f"The predicate {printing.predicate} does not fit capaian {printed(achievement)}, which "
                     f"{source} rates {right[0]['predicate']} ({band_text}; the capaian judged with the "
                     f"{achievement.decimals or 0} decimals it is printed with){why}."))


def _band_words(band: dict) -> str:
    """Given a band of a standard scale, write its bounds (``70 to < 85``)."""
    low = f"{fmt(Decimal(str(band['min'])))}" if band["min"] is not None else ""
    high = f"{'' if band['max_inclusive'] else '< '}{fmt(Decimal(str(band['max'])))}" if band["max"] is not None else ""
    return f"{low} to {high}".strip() if low and high else (f"≥ {low}" if low else f"{high}")
