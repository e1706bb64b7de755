"""Export the dataset (``lkjip export``): CSV, JSON Lines or Parquet files with their ``datapackage.json``
in a folder, or one SQLite database (written with sqlite-utils, so Datasette opens it).

Every table is read from the Parquet files in batches, never whole; every file is written to a temporary
name and renamed when complete. SQLite has no decimal type: figures become REAL there (their text as
printed stays in the ``*_raw`` columns; the Parquet and DuckDB tables keep them exact).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..atomic import atomic_path, atomic_write
from .package import data_package_json
from .query import connect, plain
from .schema import TABLES, TableDef
from .writer import TABLES_DIR

FORMATS = ("csv", "jsonl", "parquet", "sqlite")
BATCH_ROWS = 10_000


def export(dataset_dir: Path, fmt: str, out: Path) -> Path:
    """Given the dataset's folder, a format (:data:`FORMATS`) and where to write, export; return ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    dataset_dir, out = Path(dataset_dir), Path(out)
    if fmt == "sqlite":
        return export_sqlite(dataset_dir, out)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        connect(dataset_dir).close()  # the same check of the folder as the other formats
        for t in TABLES:
            with atomic_path(out / f"{t.name}.parquet") as tmp:
                shutil.copyfile(dataset_dir / TABLES_DIR / f"{t.name}.parquet", tmp)
        atomic_write(out / "datapackage.json", data_package_json("parquet_flat"))
        return out
    con = connect(dataset_dir)
    try:
        for t in TABLES:
            with atomic_path(out / f"{t.name}.{fmt}") as tmp:
                options = "FORMAT CSV, HEADER" if fmt == "csv" else "FORMAT JSON"
                con.execute(f"COPY (SELECT * FROM {t.name}) TO '{_quote(tmp)}' ({options})")
    finally:
        con.close()
    atomic_write(out / "datapackage.json", data_package_json(fmt))
    return out


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def _sqlite_types(t: TableDef) -> dict:
    return {c.name: {"string": str, "json": str, "integer": int, "boolean": int, "double": float,
                     "decimal": float}[c.kind] for c in t.columns}


def _batches(dataset_dir: Path, t: TableDef):
    import pyarrow.parquet as pq

    source = pq.ParquetFile(dataset_dir / TABLES_DIR / f"{t.name}.parquet")
    for batch in source.iter_batches(batch_size=BATCH_ROWS):
        yield [{k: plain(v) for k, v in row.items()} for row in batch.to_pylist()]


def export_sqlite(dataset_dir: Path, out: Path) -> Path:
    """Write every table into one SQLite file with its primary key; descriptions go in a
    ``_columns`` table (table, column, type, description) that Datasette shows like any other."""
    import sqlite_utils

    connect(dataset_dir).close()
    with atomic_path(out) as tmp:
        db = sqlite_utils.Database(str(tmp))
        for t in TABLES:
            table = db.table(t.name)
            table.create(_sqlite_types(t), pk=tuple(t.primary_key) if len(t.primary_key) > 1 else t.primary_key[0])
            for rows in _batches(dataset_dir, t):
                table.insert_all(rows, batch_size=BATCH_ROWS)
        db.table("_columns").insert_all(
            ({"table_name": t.name, "column_name": c.name, "kind": c.kind, "description": c.description}
             for t in TABLES for c in t.columns), pk=("table_name", "column_name"))
        db.close()
    return out
