"""Identity and linking: ids derived from a report's content, agency names folded to one key, and the
same indicator (or program) of one agency followed from one year's report to the next.

Every id is computed from what the report says (agency, region, year, names) and the hash of the file's
content, never from a position, a file name or the order in which reports are read, so a rebuild on
another machine gives the same ids. Names are folded first (:func:`fold_name`: case, punctuation,
connectives, the spellings and abbreviations of ``patterns/agencies.yaml``).

Modules: :mod:`.folding` (names folded, digests), :mod:`.agencies` (regions and agencies),
:mod:`.keys` (report, indicator, program and activity ids), :mod:`.linking` (cross-year series, user
overrides), :mod:`.assignment` (the best one-to-one assignment).

How the dataset writer uses it, one report at a time (streaming)::

    from extractor import identity
    rkey = identity.report_key(report)       # needs report.agency, .region, .report_year, .source.sha256
    akey = identity.agency_key(report.agency, report.region)                # "kota-dumai/bkpsdm"
    agency = identity.normalise_agency(report.agency, report.region)        # .key .name .acronym .known
    uids = identity.indicator_uids(rkey, report.indicators)                 # one per indicator, in order
    puids = identity.program_uids(rkey, report.programs)
    records += [identity.indicator_record(uid, akey, report.report_year, ind)   # uid, agency_key, year,
                for uid, ind in zip(uids, report.indicators)]                   # name, unit, level: small
    programs += [identity.program_record(uid, akey, report.report_year, p)
                 for uid, p in zip(puids, report.programs)]

then, once every report is written (or agency by agency, e.g. records read back ordered by agency_key:
links never cross agencies, so the result is the same and memory stays one agency's)::

    overrides = identity.read_overrides(dataset_dir)    # links_override.yaml / .csv, if the user wrote one
    links = identity.link_indicators(records, overrides)   # one Link per record, in the records' order
    # dataclasses.asdict(link): uid, key (the indicator_key: one per indicator over the years), score
    # (0-100, None for the first of a series), method (new/exact/fuzzy/override), matched_uid
    program_links = identity.link_programs(programs, overrides)

A user sees the links in the ``links`` table and corrects them in ``links_override.yaml``::

    - {action: forbid, uid: <indicator uid>, other: <indicator uid>, note: renamed, not the same}
    - {action: force, uid: <indicator uid>, other: <indicator uid>}

(or ``links_override.csv`` with the columns ``action,uid,other,note``).
"""
from __future__ import annotations

# the package's API: everything a dataset writer needs, from one place
from .agencies import AgencyName, agency_key, normalise_agency, region_in_name, region_key  # noqa: F401
from .folding import UNKNOWN, digest, fold_name, slug, unit_key  # noqa: F401
from .keys import (activity_uid, indicator_uid, indicator_uids, indicator_unit, numbered, program_uid,  # noqa: F401
                   program_uids, report_key)
from .linking import (LINK_SCORE, Link, NameRecord, Overrides, indicator_record, link_indicators,  # noqa: F401
                      link_programs, name_score, program_record, read_overrides)
