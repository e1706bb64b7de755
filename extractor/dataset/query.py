"""Query the dataset with SQL (``lkjip query``): DuckDB over ``lkjip.duckdb``, opened read-only.

>>> to_csv(["code", "n"], [("sum_mismatch", 3)])
'code,n\\r\\nsum_mismatch,3\\r\\n'
>>> to_json(["value"], [(Decimal("95.310000"),)])
'[{"value": 95.31}]'
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from ..errors import DatasetMissing, QueryFailed
from .writer import DATABASE

FORMATS = ("table", "csv", "json")


def database_path(dataset_dir: Path) -> Path:
    path = Path(dataset_dir) / DATABASE
    if not path.is_file():
        raise DatasetMissing(str(dataset_dir), f"no {DATABASE} here; run `lkjip build` first")
    return path


def connect(dataset_dir: Path):
    """A read-only DuckDB connection to the dataset under ``dataset_dir``."""
    import duckdb

    return duckdb.connect(str(database_path(dataset_dir)), read_only=True)


def run_query(sql: str, dataset_dir: Path) -> tuple[list[str], list[tuple]]:
    """Given SQL and the dataset's folder, return (column names, rows); raise QueryFailed on a bad query."""
    import duckdb

    con = connect(dataset_dir)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
    except duckdb.Error as exc:
        raise QueryFailed("query", str(exc).splitlines()[0]) from exc
    finally:
        con.close()


def plain(value):
    """A cell as JSON has it: a Decimal as a number (int when integral), other non-JSON types as text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(str(value.normalize()))
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    return str(value)


def to_csv(columns: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([["" if v is None else plain(v) for v in row] for row in rows])
    return buffer.getvalue()


def to_json(columns: list[str], rows: list[tuple]) -> str:
    return json.dumps([{c: plain(v) for c, v in zip(columns, row)} for row in rows], ensure_ascii=False)
