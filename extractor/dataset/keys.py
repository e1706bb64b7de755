"""The dataset's keys, as :mod:`extractor.identity` derives them from content (agency, region, year,
folded names and the file's hash: never a file name or a position), so that a rebuild on another machine
gives the same keys and the same indicator can be followed from one year's report to the next.

Nothing else in the dataset knows how keys are made.

>>> agency_key("Dinas Kependudukan dan Pencatatan Sipil Kota Dumai", "Kota Dumai")
'kota-dumai/disdukcapil'
>>> agency_key(None, None) is None
True
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from .. import identity
from ..model import Indicator, Program, Report


def report_key(report: Report, report_id: str) -> str:
    """The report's key: its agency, year and the start of its content hash (``report_id`` is the file's
    id in the build, kept in its own column)."""
    return identity.report_key(report)


def agency_key(agency: str | None, region: str | None) -> str | None:
    """The agency's key from its region and its folded name (None when the report names no agency)."""
    if not agency:
        return None
    return identity.agency_key(agency, region)


def indicator_uids(report_key: str, indicators: list[Indicator]) -> dict[str, str]:
    """Each indicator's id across the dataset (by its id in the report), unique within the report."""
    return dict(zip((i.id for i in indicators), identity.indicator_uids(report_key, indicators)))


def program_uids(report_key: str, programs: list[Program]) -> list[str]:
    """Each program's id across the dataset, in order, unique within the report."""
    return identity.program_uids(report_key, programs)


def linker(dataset_dir: Path) -> Callable[[list[dict]], Iterable]:
    """The dataset writer's linker: one agency's indicator records in, their cross-year links out, with
    the user's corrections in ``links_override.yaml`` (or ``.csv``) of the dataset folder."""
    read: list = []  # the overrides, read once when the first agency is linked (the folder exists by then)

    def link(records: list[dict]) -> list:
        if not read:
            read.append(identity.read_overrides(Path(dataset_dir)) if Path(dataset_dir).is_dir() else None)
        overrides = read[0]
        unique = {r["indicator_uid"]: r for r in records}  # the same file twice in an archive: one indicator, one link
        return identity.link_indicators(
            [identity.NameRecord(uid, r["agency_key"] or identity.UNKNOWN, r["year"], r["name"], r.get("unit"),
                                 r.get("level") or "agency") for uid, r in unique.items()], overrides)
    return link
