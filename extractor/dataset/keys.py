"""Ids the dataset gives reports and agencies, until :mod:`extractor.identity` derives them from content.

``report_key`` is the report's id in the build; ``agency_key`` joins the region and the agency's name,
lower-cased, every run of other characters one ``-``; ``indicator_uid`` and ``program_uid`` join the report's
key and the record's id in it. The identity module (agency name normalisation, content-derived ids,
cross-year links) replaces these functions; nothing else in the dataset knows how keys are made.

>>> agency_key("Dinas Kependudukan dan Pencatatan Sipil Kota Dumai", "Kota Dumai")
'kota-dumai/dinas-kependudukan-dan-pencatatan-sipil-kota-dumai'
>>> agency_key(None, None) is None
True
"""
from __future__ import annotations

import re

from ..model import Indicator, Report

_OTHER = re.compile(r"[^0-9a-z]+")


def slug(text: str) -> str:
    return _OTHER.sub("-", text.lower()).strip("-")


def report_key(report: Report, report_id: str) -> str:
    """The report's key: its id in the build (file name) for now."""
    return report_id


def agency_key(agency: str | None, region: str | None) -> str | None:
    """The agency's key from its region and name (None when the report names no agency)."""
    if not agency:
        return None
    return f"{slug(region or '')}/{slug(agency)}"


def indicator_uid(report_key: str, indicator: Indicator) -> str:
    """The indicator's id across the dataset: its report's key and its id in the report (for now)."""
    return f"{report_key}/{indicator.id}"


def program_uid(report_key: str, program_id: str) -> str:
    """The program's id across the dataset: its report's key and its id in the report (for now)."""
    return f"{report_key}/{program_id}"
