"""Time series for the dataset index: per agency, each linked indicator's capaian across years.

Read from the dataset's DuckDB file (``indicators.indicator_key`` is the same indicator across years,
the ``links`` table says how each was linked). A year printed by several reports (a report prints the
previous year's capaian beside its own) is taken from the report about that year, else from the latest
report. Only series of two years or more are kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

SERIES_SQL = """
SELECT r.agency_key, any_value(r.agency) OVER (PARTITION BY r.agency_key) AS agency,
       i.indicator_key, i.name, m.year, m.value, m.decimals, r.report_year, r.report_id,
       coalesce(l.method, '') AS method
FROM measurements m
JOIN indicators i USING (report_id, indicator_id)
JOIN reports r USING (report_id)
LEFT JOIN links l ON l.indicator_uid = i.indicator_uid
WHERE m.field = 'achievement' AND i.level = 'agency' AND m.value IS NOT NULL AND m.year IS NOT NULL
  AND i.indicator_key IS NOT NULL
ORDER BY r.agency_key, i.indicator_key, m.year, r.report_year
"""


@dataclass
class Series:
    """One indicator of one agency: its name (as the latest report prints it) and (year, value, decimals)."""

    indicator_key: str
    name: str
    points: dict[int, tuple[Decimal, int | None]] = field(default_factory=dict)
    methods: set[str] = field(default_factory=set)


@dataclass
class AgencySeries:
    agency_key: str
    agency: str
    series: list[Series]


def read_series(database: Path) -> list[AgencySeries]:
    """Given the dataset's DuckDB file, return per agency its indicators' capaian series (two years or more)."""
    import duckdb

    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute(SERIES_SQL).fetchall()
    finally:
        con.close()
    return group_series(rows)


def group_series(rows: list[tuple]) -> list[AgencySeries]:
    """Given the rows of :data:`SERIES_SQL`, return them grouped per agency and indicator key.

    >>> rows = [("a", "A", "k", "IKU", 2022, Decimal(90), 0, 2023, "r1", "new"),
    ...         ("a", "A", "k", "IKU", 2023, Decimal(95), 0, 2023, "r1", "new")]
    >>> [(s.agency, [(x.name, sorted(x.points)) for x in s.series]) for s in group_series(rows)]
    [('A', [('IKU', [2022, 2023])])]
    """
    agencies: dict[str, AgencySeries] = {}
    chosen: dict[tuple[str, str, int], bool] = {}  # whether the point came from the report about its year
    for agency_key, agency, key, name, year, value, decimals, report_year, _report, method in rows:
        group = agencies.setdefault(agency_key, AgencySeries(agency_key, agency or agency_key, []))
        series = next((s for s in group.series if s.indicator_key == key), None)
        if series is None:
            series = Series(key, name)
            group.series.append(series)
        own = report_year == year
        if (agency_key, key, year) in chosen and chosen[(agency_key, key, year)] and not own:
            continue
        chosen[(agency_key, key, year)] = own
        series.points[year] = (value, decimals)
        series.name = name
        if method:
            series.methods.add(method)
    for group in agencies.values():
        group.series = [s for s in group.series if len(s.points) >= 2]
    return [g for g in sorted(agencies.values(), key=lambda g: g.agency) if g.series]
