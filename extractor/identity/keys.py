"""Ids derived from a report's content: the report's, its indicators', programs' and activities'.

A report's key is its agency's key, its year and the start of its content hash; an indicator's uid
adds a digest of its level, program and folded name. Nothing depends on a file's name, a position in
the report or the order reports are read in.
"""
from __future__ import annotations

from collections import Counter

from ..model import Indicator, Program, Report
from .agencies import agency_key
from .folding import UNKNOWN, digest, fold_name, unit_key

SHA_CHARS = 8      # hex characters of the content hash that tell two reports of one agency and year apart


def report_key(report: Report) -> str:
    """Given a report, return its key: agency key, report year, and the start of its content hash.

    The hash part tells apart two reports of one agency and year (a revision, a second rendering)
    and does not depend on the file's name or on which other reports were read.
    """
    year = report.report_year if report.report_year is not None else UNKNOWN
    return f"{agency_key(report.agency, report.region)}/{year}/{report.source.sha256[:SHA_CHARS]}"


def indicator_uid(report_key: str, indicator: Indicator) -> str:
    """Given a report's key and one of its indicators, return the indicator's id (level, program, name).

    Two indicators of one report with the same folded name, level and program get the same uid here;
    :func:`indicator_uids` numbers such repeats.
    """
    return f"{report_key}/i/{digest(indicator.level, fold_name(indicator.program), fold_name(indicator.name))}"


def program_uid(report_key: str, program: Program) -> str:
    """Given a report's key and one of its programs, return the program's id (its folded name)."""
    return f"{report_key}/p/{digest(fold_name(program.name))}"


def activity_uid(program_uid: str, name: str, level: str = "activity") -> str:
    """Given its program's uid and a kegiatan's (or sub kegiatan's) name, return the activity's id."""
    return f"{program_uid}/a/{digest(level, fold_name(name))}"


def numbered(uids: list[str]) -> list[str]:
    """Given ids in document order, return them with repeats numbered (``…~2``) so that each is unique.

    >>> numbered(["a", "b", "a"])
    ['a', 'b', 'a~2']
    """
    seen: Counter[str] = Counter()
    out = []
    for uid in uids:
        seen[uid] += 1
        out.append(uid if seen[uid] == 1 else f"{uid}~{seen[uid]}")
    return out


def indicator_uids(report_key: str, indicators: list[Indicator]) -> list[str]:
    """Given a report's key and its indicators, return their ids, unique within the report."""
    return numbered([indicator_uid(report_key, i) for i in indicators])


def program_uids(report_key: str, programs: list[Program]) -> list[str]:
    """Given a report's key and its programs, return their ids, unique within the report."""
    return numbered([program_uid(report_key, p) for p in programs])


def indicator_unit(indicator: Indicator) -> str | None:
    """Given an indicator, return its unit: the one stated, else the commonest unit of its figures."""
    if indicator.unit:
        return unit_key(indicator.unit)
    units = Counter(unit_key(f.unit) for m in indicator.measurements
                    for f in (m.target, m.realization) if f is not None and f.unit)
    return units.most_common(1)[0][0] if units else None


